//! Commands that read or change entries: add, list, next, remove, edit, export.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use serde_json::Value;

use super::input::Input;
use super::input::{Asked, prompt};
use super::output::{entry_json, print_json, short_id};
use super::{Failure, label, lang, note, say, text};
use crate::brand;
use crate::clock::{Clock as _, SystemClock};
use crate::i18n::{Key, Localize as _};
use crate::import::{self, Contents, Origin, Plan};
use crate::interop;
use crate::otp::{self, Account, Algorithm, Kind, Params, migration};
use crate::secret::{Password, SecretText};
use crate::vault::{Edit, Entry, EntryId, Error, Icon, NewEntry, Vault, display_order, find, ops};

const ADD_EXAMPLES: &str = "\
Examples:
  tessera add -
      paste the otpauth:// link when asked (hidden); it never appears in `ps`,
      /proc or your shell history, as a link given in the arguments would
  tessera scan qr.png | tessera add -
      the link from a QR code image, through a pipe (the vault password then
      comes from --password-file, the keyring or the terminal)
  tessera add - < google-export-link.txt
      every account of a Google Authenticator export link (otpauth-migration://)
  tessera add --issuer ACME --account alice@example.com
      asks for the setup key (hidden); spaces and lower case are fine
  tessera add --issuer Bank --account me --type hotp --counter 0 --secret-file key.txt";

/// `--type`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum KindArg {
    /// Time-based codes (the usual kind).
    Totp,
    /// Counter-based codes.
    Hotp,
    /// Steam Guard.
    Steam,
}

/// `--algorithm`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum AlgorithmArg {
    /// HMAC-SHA1 (nearly every service).
    Sha1,
    /// HMAC-SHA256.
    Sha256,
    /// HMAC-SHA512.
    Sha512,
}

/// Arguments of `tessera add`.
#[derive(Debug, clap::Args)]
#[command(after_help = ADD_EXAMPLES)]
pub struct AddArgs {
    /// `-` to read the link from standard input (hidden prompt on a terminal);
    /// or the otpauth:// or otpauth-migration:// link itself (visible to other users in `ps`).
    #[arg(value_name = "URI|-", required_unless_present_any = ["issuer", "account"])]
    uri: Option<String>,
    /// Manual entry: the service's name.
    #[arg(long, conflicts_with = "uri")]
    issuer: Option<String>,
    /// Manual entry: your account name at the service.
    #[arg(long, conflicts_with = "uri")]
    account: Option<String>,
    /// Manual entry: the kind of codes.
    #[arg(
        long = "type",
        value_enum,
        default_value = "totp",
        conflicts_with = "uri"
    )]
    kind: KindArg,
    /// Manual entry: the hash algorithm.
    #[arg(long, value_enum, default_value = "sha1", conflicts_with = "uri")]
    algorithm: AlgorithmArg,
    /// Manual entry: code length (6, 7 or 8).
    #[arg(long, default_value_t = otp::DEFAULT_DIGITS, conflicts_with = "uri")]
    digits: u8,
    /// Manual entry: seconds per code.
    #[arg(long, default_value_t = otp::DEFAULT_PERIOD, conflicts_with = "uri")]
    period: u32,
    /// Manual entry: the HOTP counter to start from (required for --type hotp).
    #[arg(long, conflicts_with = "uri")]
    counter: Option<u64>,
    /// Manual entry: read the setup key from this file instead of a prompt.
    #[arg(long, value_name = "FILE", conflicts_with = "uri")]
    secret_file: Option<PathBuf>,
    /// Put the new entries in this group.
    #[arg(long)]
    group: Option<String>,
}

fn manual_account(args: &AddArgs, input: &mut Input<'_>) -> Result<Account, Failure> {
    let params = match args.kind {
        KindArg::Steam => Params::steam(),
        KindArg::Totp | KindArg::Hotp => Params {
            kind: if matches!(args.kind, KindArg::Hotp) {
                Kind::Hotp
            } else {
                Kind::Totp
            },
            algorithm: match args.algorithm {
                AlgorithmArg::Sha1 => Algorithm::Sha1,
                AlgorithmArg::Sha256 => Algorithm::Sha256,
                AlgorithmArg::Sha512 => Algorithm::Sha512,
            },
            digits: args.digits,
            period: args.period,
            counter: match (args.kind, args.counter) {
                (KindArg::Hotp, None) => {
                    return Err(Failure::usage_said(Key::CliHotpNeedsCounter, &[]));
                }
                (_, counter) => counter.unwrap_or(0),
            },
        },
    };
    params.validate()?;
    let key = match &args.secret_file {
        Some(file) => {
            crate::secret::read_text_file(file, crate::secret::MAX_SMALL_FILE).map_err(|e| {
                Failure::said(
                    Key::CliSetupKeyFileUnreadable,
                    &[
                        ("path", &file.display().to_string()),
                        ("reason", &e.to_string()),
                    ],
                )
            })?
        }
        None => input.secret_line(&prompt(Key::SetupKey, &[]), Asked::SetupKey)?,
    };
    let secret = otp::decode_base32(key.trim())?;
    Ok(Account::new(
        args.issuer.as_deref().unwrap_or(""),
        args.account.as_deref().unwrap_or(""),
        secret,
        params,
    )?)
}

/// What a link holds (several, one per line, as pasted text is read): a
/// link that is no usable key fails with its own advice.
fn contents_of_link(uri: &str) -> Result<Contents, Failure> {
    if !uri.contains("otpauth") {
        // Not a link at all: the link parser says what is wrong.
        Account::from_uri(uri)?;
        return Err(Failure::said(Key::CliLinkHoldsNothing, &[]));
    }
    let contents = import::text(Origin::Given, &SecretText::new(uri.to_owned()))?;
    if contents.found.is_empty()
        && let Some(why) = contents.not_keys().find_map(crate::i18n::explain)
    {
        return Err(Failure::user(why.localized(lang())));
    }
    Ok(contents)
}

/// What secret was given in the arguments.
#[derive(Clone, Copy, Debug)]
pub(crate) enum ArgvSecret {
    /// An otpauth:// link.
    Link,
    /// A recovery code.
    RecoveryCode,
}

/// Warns, in the locale's language, that a secret given in the arguments is
/// visible to others.
pub(crate) fn warn_secret_in_argv(what: ArgvSecret, instead: &str) {
    use crate::i18n::{Key, t, tf};
    let lang = super::lang();
    let what = t(
        lang,
        match what {
            ArgvSecret::Link => Key::ArgvSecretLink,
            ArgvSecret::RecoveryCode => Key::ArgvSecretRecoveryCode,
        },
    );
    note(tf(
        lang,
        Key::ArgvSecretWarning,
        &[("what", what), ("instead", instead)],
    ));
}

pub fn add(args: &AddArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    // The link is read and parsed before the vault is unlocked: no secret
    // waits in the arguments during a password prompt, and a bad link fails first.
    let from_link = match args.uri.as_deref() {
        Some("-") => {
            let link = input.secret_from_stdin(&prompt(Key::CliPromptLink, &[]), Asked::Link)?;
            Some(contents_of_link(link.trim())?)
        }
        Some(uri) => {
            warn_secret_in_argv(ArgvSecret::Link, "tessera add -");
            Some(contents_of_link(uri)?)
        }
        None => None,
    };
    let mut vault = input.open_vault()?;
    let contents = match from_link {
        Some(contents) => contents,
        None => Contents::given(NewEntry::new(manual_account(args, input)?)),
    };
    for payload in contents.not_keys() {
        if let Some(why) = crate::i18n::explain(payload) {
            note(why.localized(lang()));
        }
    }
    for part in contents.parts().filter(|p| p.size > 1) {
        note(text(
            Key::CliExportPart,
            &[
                ("part", &(part.index + 1).to_string()),
                ("size", &part.size.to_string()),
            ],
        ));
    }
    for left_out in &contents.left_out {
        note(text(
            Key::CliLeftOut,
            &[
                ("label", &label(&left_out.label)),
                ("reason", &left_out.reason.localized(lang())),
            ],
        ));
    }
    if contents.found.is_empty() {
        return Err(Failure::said(Key::CliLinkHoldsNothing, &[]));
    }
    let mut plan = Plan::new(vault.entries(), [&contents]);
    if let Some(group) = &args.group {
        plan.set_group(group);
    }
    super::scan::apply_plan(&mut vault, &plan, true)?;
    Ok(())
}

/// Arguments of `tessera list`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tessera list\n  tessera list --json | jq -r '.[].issuer'")]
pub struct ListArgs {
    /// Print a JSON array of {id, issuer, account, kind, algorithm, digits, period, counter,
    /// group, favourite, recovery_codes_left, icon: {choice, brand, title}}.
    #[arg(long)]
    json: bool,
}

pub fn list(args: &ListArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    let vault = input.open_vault()?;
    let mut entries: Vec<&Entry> = vault.entries().iter().collect();
    entries.sort_by(|a, b| display_order(a, b));
    if args.json {
        print_json(&Value::Array(
            entries.iter().map(|e| entry_json(e)).collect(),
        ))?;
        return Ok(());
    }
    if entries.is_empty() {
        say!("{}", super::sentence(&text(Key::CliVaultEmpty, &[])));
        return Ok(());
    }
    for entry in entries {
        let params = &entry.account.params;
        let detail = match params.kind {
            Kind::Hotp => format!(
                "hotp, {}",
                text(
                    Key::CliListCounter,
                    &[("counter", &params.counter.to_string())]
                )
            ),
            Kind::Steam => String::from("steam"),
            Kind::Totp
                if params.period == 30
                    && params.digits == 6
                    && params.algorithm == Algorithm::Sha1 =>
            {
                String::from("totp")
            }
            Kind::Totp => format!(
                "totp, {}, {} s, {}",
                text(
                    Key::CliListDigits,
                    &[("digits", &params.digits.to_string())]
                ),
                params.period,
                params.algorithm
            ),
        };
        let mut extras = Vec::new();
        if entry.favourite {
            extras.push(text(Key::CliListFavourite, &[]));
        }
        if !entry.group.is_empty() {
            extras.push(text(Key::CliListGroup, &[("group", &entry.group)]));
        }
        if entry.icon != Icon::Automatic {
            extras.push(text(
                Key::CliListIcon,
                &[("icon", brand::choice_name(&entry.icon))],
            ));
        }
        if !entry.recovery_codes.is_empty() {
            extras.push(text(
                Key::RecoveryFew,
                &[("n", &entry.unused_recovery_codes().to_string())],
            ));
        }
        let extras = if extras.is_empty() {
            String::new()
        } else {
            format!("  [{}]", extras.join(", "))
        };
        say!(
            "{}  {}  ({detail}){extras}",
            short_id(entry),
            label(&entry.account.label())
        );
    }
    Ok(())
}

/// Resolves an ID argument to a stable id.
fn resolve(vault: &Vault, id: &str) -> Result<EntryId, Failure> {
    Ok(find(vault.entries(), id)?.id.clone())
}

/// Arguments of `tessera next`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tessera next bank\n  tessera next 1a2b3c4d")]
pub struct NextArgs {
    /// The HOTP entry: its id, an id prefix, or a query matching only it.
    id: String,
}

pub fn next(args: &NextArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    let mut vault = input.open_vault()?;
    let id = resolve(&vault, &args.id)?;
    let now = SystemClock.now();
    vault.modify(|entries| ops::advance(entries, &id, now))?;
    let entry = vault
        .entries()
        .iter()
        .find(|e| e.id == id)
        .ok_or(Error::Gone)?;
    say!("{}", entry.code_at(now)?.value);
    Ok(())
}

/// Arguments of `tessera remove`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tessera remove 1a2b3c4d\n\nThe previous vault is kept as a backup (vault.tessera.bak1 in Tessera's state folder, ~/.local/state/tessera/vaults/ID/previous/)."
)]
pub struct RemoveArgs {
    /// The entry: its id, an id prefix, or a query matching only it.
    id: String,
}

pub fn remove(args: &RemoveArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    let mut vault = input.open_vault()?;
    let id = resolve(&vault, &args.id)?;
    // The removal's stamp, for merging copies changed apart (docs/sync.md).
    let now = SystemClock.now();
    let removed = vault.modify_at(Some(now), |entries| ops::remove(entries, &id))?;
    say!(
        "{}",
        text(
            Key::CliRemoved,
            &[
                ("label", &label(&removed.account.label())),
                ("id", short_id(&removed))
            ]
        )
    );
    Ok(())
}

/// Arguments of `tessera edit`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tessera edit acme --group Work --favourite\n  tessera edit 1a2b3c4d --notes 'Recovery email: me@example.com'\n  tessera edit acme --icon github\n      show GitHub's icon beside it (`tessera icons --search git` lists the slugs)\n  tessera edit acme --icon auto\n      the icon its issuer matches again"
)]
pub struct EditArgs {
    /// The entry: its id, an id prefix, or a query matching only it.
    id: String,
    /// New issuer (service name).
    #[arg(long)]
    issuer: Option<String>,
    /// New account name.
    #[arg(long)]
    account: Option<String>,
    /// New group (empty for none).
    #[arg(long)]
    group: Option<String>,
    /// Mark as favourite (listed first).
    #[arg(long, conflicts_with = "no_favourite")]
    favourite: bool,
    /// Remove the favourite mark.
    #[arg(long)]
    no_favourite: bool,
    /// Replace the notes.
    #[arg(long)]
    notes: Option<String>,
    /// The icon beside it: a brand's slug (`tessera icons` lists them), `auto`
    /// for the brand its issuer matches, or `none` for the letter.
    #[arg(long, value_name = "SLUG|auto|none")]
    icon: Option<String>,
}

pub fn edit(args: &EditArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    if args.issuer.is_none()
        && args.account.is_none()
        && args.group.is_none()
        && args.notes.is_none()
        && !args.favourite
        && !args.no_favourite
        && args.icon.is_none()
    {
        return Err(Failure::usage_said(Key::CliEditNothing, &[]));
    }
    // Read before the vault is unlocked: a mistyped slug fails first.
    let icon = args
        .icon
        .as_deref()
        .map(brand::parse_choice)
        .transpose()
        .map_err(|e| Failure::usage(e.localized(lang())))?;
    let mut vault = input.open_vault()?;
    let id = resolve(&vault, &args.id)?;
    let now = SystemClock.now();
    let change = Edit {
        issuer: args.issuer.clone(),
        name: args.account.clone(),
        group: args.group.clone(),
        favourite: match (args.favourite, args.no_favourite) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        notes: args.notes.clone(),
        params: None,
        icon,
    };
    let saved = vault.modify(|entries| ops::edit(entries, &id, change, now))?;
    say!("{}", text(Key::CliSaved, &[("label", &label(&saved))]));
    Ok(())
}

/// `export --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One otpauth:// URI per line on standard output, secrets included.
    Uris,
    /// One QR code PNG per account in --out DIR (scan them with a phone app).
    Qr,
    /// Google Authenticator export QR codes (several accounts each) in --out DIR.
    MigrationQr,
    /// An Aegis vault export in --out FILE (encrypted unless --plain).
    Aegis,
    /// A 2FAS backup (schema 4) in --out FILE (encrypted unless --plain).
    #[value(name = "2fas")]
    TwoFas,
    /// A printable backup sheet (self-contained HTML) in --out FILE.
    Html,
}

const EXPORT_EXAMPLES: &str = "\
Examples:
  tessera export --format uris --out accounts.txt
      one otpauth:// link per account, in a file readable by you only
      (`> accounts.txt` would make a file as readable as your umask says)
  tessera export --format qr --out ~/qr-codes
      one PNG per account, to scan with a phone authenticator
  tessera export --format migration-qr --out ~/qr-codes
      Google Authenticator's own export codes (up to 10 accounts each, \"1 of 3\")
  tessera export --format aegis --out aegis-backup.json
      a file Aegis (and 2FAS, Ente, Proton, GNOME Authenticator) imports,
      encrypted with a password you type twice
  tessera export --format 2fas --out backup.2fas --export-password-file pw.txt
  tessera export --format aegis --out aegis-plain.json --plain
      unencrypted (anyone who reads the file has your keys)
  tessera export --format html --out backup-sheet.html
      a sheet to print and keep in a safe: per account its QR code, setup key,
      parameters and unused recovery codes

Everything exported holds your secret keys in the clear: keep it safe and delete it after use.
Files are created readable by you only, and existing files are overwritten only with --force.";

/// Arguments of `tessera export`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXPORT_EXAMPLES)]
pub struct ExportArgs {
    /// The output format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The directory for QR code images (qr and migration-qr), or the file
    /// to write (aegis, 2fas, html; uris: instead of standard output).
    #[arg(long, value_name = "PATH", required_if_eq_any = [
        ("format", "qr"), ("format", "migration-qr"), ("format", "aegis"), ("format", "2fas"),
        ("format", "html"),
    ])]
    out: Option<PathBuf>,
    /// The export file's password (first line of FILE), for aegis and 2fas.
    /// Without it (and without --plain) the password is asked for twice.
    #[arg(long, value_name = "FILE", conflicts_with = "plain")]
    export_password_file: Option<PathBuf>,
    /// Write aegis and 2fas files unencrypted.
    #[arg(long)]
    plain: bool,
    /// Replace an existing --out file.
    #[arg(long)]
    force: bool,
}

/// A file name from free text: letters, digits, `-` and `_` only.
fn file_stem(text: &str) -> String {
    let stem: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        String::from("account")
    } else {
        stem.chars().take(60).collect()
    }
}

/// Writes a secret-bearing file: 0600, never over an existing file.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write as _;
    #[cfg(unix)]
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options
        .open(path)
        .map_err(|e| file_failure(Key::CliCreateFailed, path, &e))?;
    file.write_all(bytes)
        .map_err(|e| file_failure(Key::CliWriteFailed, path, &e))
}

/// A failure about a file, with the system's reason.
fn file_failure(key: Key, path: &std::path::Path, error: &std::io::Error) -> Failure {
    Failure::said(
        key,
        &[
            ("path", &path.display().to_string()),
            ("reason", &error.to_string()),
        ],
    )
}

/// Refuses an existing `path` (or a link there) unless `force`: checked
/// before a password is asked for, and again when writing.
fn refuse_existing(path: &std::path::Path, force: bool) -> Result<(), Failure> {
    if !force && (path.exists() || path.symlink_metadata().is_ok()) {
        return Err(Failure::said(
            Key::CliFileExists,
            &[("path", &path.display().to_string())],
        ));
    }
    Ok(())
}

/// Writes a secret-bearing file (0600): a new file, or with `force` a
/// replacement (written beside it, then renamed over it, so no moment
/// leaves the old file's permissions on the new content).
fn write_secret_file(path: &std::path::Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    if !force {
        refuse_existing(path, false)?;
        return write_private(path, bytes);
    }
    let name = path.file_name().ok_or_else(|| {
        Failure::usage_said(
            Key::CliNotAFileName,
            &[("path", &path.display().to_string())],
        )
    })?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    let suffix = getrandom::u32().map_err(crate::vault::Error::from)?;
    temp_name.push(format!(".tessera-new-{suffix:08x}"));
    let temp = path.with_file_name(temp_name);
    write_private(&temp, bytes)?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        file_failure(Key::CliReplaceFailed, path, &e)
    })
}

fn prepare_dir(dir: &std::path::Path) -> Result<(), Failure> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| file_failure(Key::CliDirFailed, dir, &e))
}

/// "Wrote N accounts to FILE (…)" in the locale's language.
fn wrote(key: Key, count: usize, file: &std::path::Path) -> String {
    text(
        key,
        &[
            ("n", &count.to_string()),
            ("path", &file.display().to_string()),
        ],
    )
}

/// The entries as the export writers take them.
fn outgoing<'a>(entries: &[&'a Entry]) -> Vec<interop::Outgoing<'a>> {
    entries
        .iter()
        .map(|entry| interop::Outgoing::of(entry))
        .collect()
}

/// The export file's password: from --export-password-file, none with
/// --plain, else typed twice on the terminal.
fn export_password(args: &ExportArgs, input: &mut Input<'_>) -> Result<Option<Password>, Failure> {
    if args.plain {
        note(text(Key::CliPlainWarning, &[]));
        return Ok(None);
    }
    let password = match &args.export_password_file {
        Some(file) => super::input::password_file(file)?,
        None if !std::io::stdin().is_terminal() => {
            return Err(Failure::said(Key::CliExportNeedsPassword, &[]));
        }
        None => {
            let first = input.secret_line(
                &prompt(Key::CliPromptExportPassword, &[]),
                Asked::ExportPassword,
            )?;
            let second =
                input.secret_line(&prompt(Key::CliPromptRepeat, &[]), Asked::ExportPassword)?;
            if first != second {
                return Err(Failure::said(Key::CliExportPasswordsDiffer, &[]));
            }
            Password::new(first.to_string())
        }
    };
    if password.is_empty() {
        return Err(Failure::said(Key::CliExportPasswordEmpty, &[]));
    }
    Ok(Some(password))
}

pub fn export(args: &ExportArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    if (args.plain || args.export_password_file.is_some())
        && !matches!(args.format, ExportFormat::Aegis | ExportFormat::TwoFas)
    {
        return Err(Failure::usage_said(Key::CliPlainOnlyFor, &[]));
    }
    let vault = input.open_vault()?;
    let mut entries: Vec<&Entry> = vault.entries().iter().collect();
    entries.sort_by(|a, b| display_order(a, b));
    if entries.is_empty() {
        return Err(Failure::said(Key::CliNothingToExport, &[]));
    }
    match (args.format, &args.out) {
        (ExportFormat::Uris, Some(file)) => {
            write_secret_file(file, &interop::links(&outgoing(&entries)), args.force)?;
            say!("{}", wrote(Key::CliWrotePrivate, entries.len(), file));
        }
        (format @ (ExportFormat::Aegis | ExportFormat::TwoFas), Some(file)) => {
            let target = match format {
                ExportFormat::Aegis => interop::Target::Aegis,
                _ => interop::Target::TwoFas,
            };
            refuse_existing(file, args.force)?;
            let password = export_password(args, input)?;
            let items = outgoing(&entries);
            let now_ms = SystemClock.now().secs().saturating_mul(1000);
            let bytes = interop::write(target, &items, password.as_ref(), now_ms)?;
            write_secret_file(file, &bytes, args.force)?;
            let key = if password.is_some() {
                Key::CliWroteEncrypted
            } else {
                Key::CliWroteUnencrypted
            };
            say!("{}", wrote(key, entries.len(), file));
        }
        (ExportFormat::Html, Some(file)) => {
            refuse_existing(file, args.force)?;
            let date = SystemClock.now().utc_minutes();
            let bytes = interop::sheet(&outgoing(&entries), &date)?;
            write_secret_file(file, &bytes, args.force)?;
            say!("{}", wrote(Key::CliWroteSheet, entries.len(), file));
        }
        (ExportFormat::Uris, None) => {
            if std::io::stdout().is_terminal() {
                let n = entries.len().to_string();
                note(text(Key::CliPrintWarning, &[("n", &n)]));
                if std::io::stdin().is_terminal()
                    && !input.confirm(&text(Key::CliPrintConfirm, &[]))
                {
                    return Err(Failure::said(Key::CliNothingExported, &[]));
                }
            } else {
                let n = entries.len().to_string();
                note(text(Key::CliPipeWarning, &[("n", &n)]));
            }
            for entry in entries {
                say!("{}", entry.account.to_uri().expose());
            }
        }
        (ExportFormat::Qr, Some(dir)) => {
            prepare_dir(dir)?;
            for entry in entries {
                let name = format!(
                    "{}-{}.png",
                    file_stem(&entry.account.label().to_string()),
                    short_id(entry)
                );
                let png = crate::qr::encode::png(entry.account.to_uri().expose(), 8)?;
                let path = dir.join(name);
                write_private(&path, &png)?;
                say!("{}", path.display());
            }
        }
        (ExportFormat::MigrationQr, Some(dir)) => {
            prepare_dir(dir)?;
            let accounts: Vec<Account> = entries.iter().map(|e| e.account.clone()).collect();
            let batch_id = migration::random_batch_id().map_err(crate::vault::Error::from)?;
            let encoded = migration::encode(&accounts, batch_id);
            for (index, why) in &encoded.skipped {
                note(text(
                    Key::CliLeftOut,
                    &[
                        ("label", &label(&accounts[*index].label())),
                        ("reason", &why.localized(lang())),
                    ],
                ));
            }
            let total = encoded.uris.len();
            for (i, uri) in encoded.uris.iter().enumerate() {
                let png = crate::qr::encode::png(uri.expose(), 6)?;
                let path = dir.join(format!("tessera-export-{}-of-{total}.png", i + 1));
                write_private(&path, &png)?;
                say!("{}", path.display());
            }
            if total == 0 {
                return Err(Failure::said(Key::CliNoneFitsMigration, &[]));
            }
        }
        (_, None) => {
            return Err(Failure::usage_said(Key::CliGiveOutDir, &[]));
        }
    }
    Ok(())
}
