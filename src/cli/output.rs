//! Output shapes shared by several commands (plain and JSON).

use std::io::Write as _;

use serde_json::{Value, json};

use super::Failure;

use crate::otp::{Account, Code, Kind};
use crate::vault::{Entry, EntryId, Icon};

/// An entry as `list --json` shows it: everything but secrets and notes,
/// with the icon it shows.
pub fn entry_json(entry: &Entry) -> Value {
    listed(&Listed {
        id: Some(entry.id.as_str()),
        account: &entry.account,
        group: &entry.group,
        favourite: entry.favourite,
        recovery_codes_left: entry.unused_recovery_codes(),
        icon: &entry.icon,
    })
}

/// An account found by `scan` as `scan --json` shows it: the fields of
/// `list --json` (its id `null`: it is in no vault yet; no group, not a
/// favourite, no recovery codes, the icon its issuer matches), plus its URI.
pub fn scanned_json(account: &Account) -> Value {
    let mut value = listed(&Listed {
        id: None,
        account,
        group: "",
        favourite: false,
        recovery_codes_left: 0,
        icon: &Icon::Automatic,
    });
    value["uri"] = json!(account.to_uri().expose());
    value
}

/// What `list --json` shows of an account.
struct Listed<'a> {
    id: Option<&'a str>,
    account: &'a Account,
    group: &'a str,
    favourite: bool,
    recovery_codes_left: usize,
    icon: &'a Icon,
}

fn listed(fields: &Listed<'_>) -> Value {
    let account = fields.account;
    let params = &account.params;
    let (period, counter) = match params.kind {
        Kind::Hotp => (Value::Null, json!(params.counter)),
        Kind::Totp | Kind::Steam => (json!(params.period), Value::Null),
    };
    json!({
        "id": fields.id,
        "issuer": account.issuer,
        "account": account.name,
        "kind": params.kind.as_str(),
        "algorithm": params.algorithm.as_str(),
        "digits": params.digits,
        "period": period,
        "counter": counter,
        "group": fields.group,
        "favourite": fields.favourite,
        "recovery_codes_left": fields.recovery_codes_left,
        "icon": icon_json(fields.icon, account),
    })
}

/// An icon: the choice stored (`auto`, `none` or a slug, as `edit --icon`
/// takes it) and the brand shown (`null`: the letter avatar).
fn icon_json(icon: &Icon, account: &Account) -> Value {
    let shown = crate::brand::shown(icon, &account.issuer, &account.name);
    json!({
        "choice": crate::brand::choice_name(icon),
        "brand": shown.map(|b| b.slug),
        "title": shown.map(|b| b.title),
    })
}

/// A brand as `icons --json` shows it.
pub fn brand_json(brand: &crate::brand::Brand) -> Value {
    json!({
        "slug": brand.slug,
        "title": brand.title,
        "colour": brand.colour.to_string(),
        "domains": brand.domains().collect::<Vec<_>>(),
        "aliases": brand.aliases().collect::<Vec<_>>(),
    })
}

/// A code as `code --json` shows it.
pub fn code_json(entry: &Entry, code: &Code) -> Value {
    json!({
        "id": entry.id.as_str(),
        "issuer": entry.account.issuer,
        "account": entry.account.name,
        "code": code.value,
        "remaining": code.remaining,
        "period": code.period,
    })
}

/// The first 8 characters of an id: enough to name an entry in a command.
pub fn short_id(entry: &Entry) -> &str {
    short(&entry.id)
}

/// The first 8 characters of an id.
pub fn short(id: &EntryId) -> &str {
    id.as_str().get(..8).unwrap_or(id.as_str())
}

/// Writes one line to stdout. A closed pipe (`tessera list | head -1`) ends
/// the command quietly instead of panicking as `println!` would.
pub fn write_line(line: std::fmt::Arguments<'_>) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{line}").and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::Closed),
        Err(e) => Err(Failure::said(
            crate::i18n::Key::CliOutputFailed,
            &[("reason", &e.to_string())],
        )),
    }
}

/// Prints pretty JSON to stdout.
pub fn print_json(value: &Value) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value).map_err(|e| {
        Failure::said(
            crate::i18n::Key::CliOutputFailed,
            &[("reason", &e.to_string())],
        )
    })?;
    write_line(format_args!("{text}"))
}
