//! Output shapes shared by several commands (plain and JSON).

use std::io::Write as _;

use serde_json::{Value, json};

use super::Failure;

use crate::otp::{Code, Kind};
use crate::vault::{Entry, EntryId};

/// An entry as `list --json` shows it: everything but secrets and notes,
/// with the icon it shows.
pub fn entry_json(entry: &Entry) -> Value {
    let params = &entry.account.params;
    let (period, counter) = match params.kind {
        Kind::Hotp => (Value::Null, json!(params.counter)),
        Kind::Totp | Kind::Steam => (json!(params.period), Value::Null),
    };
    json!({
        "id": entry.id.as_str(),
        "issuer": entry.account.issuer,
        "account": entry.account.name,
        "kind": params.kind.as_str(),
        "algorithm": params.algorithm.as_str(),
        "digits": params.digits,
        "period": period,
        "counter": counter,
        "group": entry.group,
        "favourite": entry.favourite,
        "recovery_codes_left": entry.unused_recovery_codes(),
        "icon": icon_json(entry),
    })
}

/// An entry's icon: the choice stored (`auto`, `none` or a slug, as
/// `edit --icon` takes it) and the brand shown (`null`: the letter avatar).
fn icon_json(entry: &Entry) -> Value {
    let shown = crate::brand::for_entry(entry);
    json!({
        "choice": crate::brand::choice_name(&entry.icon),
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
