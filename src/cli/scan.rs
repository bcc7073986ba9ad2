//! `tessera scan` (decode QR codes, no vault) and `tessera import` (add what
//! images and export files hold to the vault).

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::input::Input;
use super::{Failure, note, note_about, say};
use crate::clock::{Clock as _, SystemClock};
use crate::interop;
use crate::otp::payload::{Batches, Payload, classify};
use crate::otp::{Account, Kind};
use crate::qr::{self, Limits};
use crate::secret::{Password, SecretText};
use crate::vault::Entry;

/// One QR code (or pasted text) found, with where it came from.
pub(crate) struct Scanned {
    /// The image path, `screen` or `clipboard`.
    pub source: String,
    /// The decoded payload, exactly.
    pub text: SecretText,
    pub payload: Payload,
}

/// What one source gave.
pub(crate) enum Outcome {
    Found(Vec<Scanned>),
    /// An image without any QR code: (source, advice).
    Nothing(String, String),
    /// The source could not be read: (source, reason).
    Failed(String, String),
}

fn scanned(source: &str, text: SecretText) -> Scanned {
    let payload = classify(text.expose());
    Scanned {
        source: source.to_owned(),
        text,
        payload,
    }
}

fn nothing(source: &str) -> Outcome {
    Outcome::Nothing(
        source.to_owned(),
        String::from(
            "no QR code found; make sure the whole code is visible and not cut off, or enter the setup key by hand",
        ),
    )
}

fn from_found(source: &str, found: Vec<qr::Found>) -> Outcome {
    if found.is_empty() {
        return nothing(source);
    }
    Outcome::Found(found.into_iter().map(|f| scanned(source, f.text)).collect())
}

/// Reads at most the decoder's file limit, then decodes.
pub(crate) fn scan_file(path: &Path) -> Outcome {
    let source = path.display().to_string();
    let limits = Limits::default();
    let bytes = match crate::secret::read_file(path, limits.max_file_bytes) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Outcome::Failed(source.to_owned(), format!("could not read the file: {e}"));
        }
    };
    match qr::file_payloads(&bytes, &limits) {
        Ok(texts) if texts.is_empty() => nothing(&source),
        Ok(texts) => Outcome::Found(texts.into_iter().map(|t| scanned(&source, t)).collect()),
        Err(e) => Outcome::Failed(source, e.to_string()),
    }
}

fn decode_capture(source: &str, image: &crate::capture::Image) -> Outcome {
    match qr::decode_rgba(image.width, image.height, &image.rgba) {
        Ok(found) => from_found(source, found),
        Err(e) => Outcome::Failed(source.to_owned(), format!("{e}")),
    }
}

/// Captures every monitor and decodes what is visible.
fn scan_screen() -> Outcome {
    match crate::capture::screen() {
        Ok(image) => decode_capture("screen", &image),
        Err(e) => Outcome::Failed(String::from("screen"), e.to_string()),
    }
}

/// Decodes the clipboard's image, or classifies its text.
fn scan_clipboard() -> Outcome {
    match crate::capture::clipboard() {
        Ok(crate::capture::Clipboard::Image(image)) => decode_capture("clipboard", &image),
        Ok(crate::capture::Clipboard::Text(text)) => {
            Outcome::Found(vec![scanned("clipboard", text)])
        }
        Err(e) => Outcome::Failed(String::from("clipboard"), e.to_string()),
    }
}

/// An account as `scan --json` shows it: `list --json`'s fields plus its URI.
fn account_json(account: &Account) -> Value {
    let params = &account.params;
    let (period, counter) = match params.kind {
        Kind::Hotp => (Value::Null, json!(params.counter)),
        Kind::Totp | Kind::Steam => (json!(params.period), Value::Null),
    };
    json!({
        "issuer": account.issuer,
        "account": account.name,
        "kind": params.kind.as_str(),
        "algorithm": params.algorithm.as_str(),
        "digits": params.digits,
        "period": period,
        "counter": counter,
        "uri": account.to_uri().expose(),
    })
}

fn scanned_json(s: &Scanned) -> Value {
    let mut object = json!({
        "image": s.source,
        "text": s.text.expose(),
        "kind": s.payload.kind(),
        "accounts": s.payload.accounts().iter().map(account_json).collect::<Vec<_>>(),
    });
    if let Payload::Migration(batch) = &s.payload {
        object["batch"] = json!({
            "index": batch.position.index + 1,
            "size": batch.position.size,
            "id": batch.position.id,
        });
    }
    if let Some(why) = s.payload.explain() {
        object["note"] = json!(why);
    }
    object
}

/// Reports what a scan found beyond accounts: content that is no key, missing
/// export parts, rejected export entries.
fn explain(found: &[Scanned]) {
    let mut batches = Batches::default();
    for s in found {
        if let Some(why) = s.payload.explain() {
            note_about(&s.source, why);
        }
        if let Payload::Migration(batch) = &s.payload {
            batches.add(batch.position);
            for rejected in &batch.rejected {
                note_about(
                    &s.source,
                    format!("left out {} ({})", rejected.label, rejected.reason),
                );
            }
        }
    }
    for advice in batches.advice() {
        note(advice);
    }
}

const SCAN_EXAMPLES: &str = "\
Examples:
  tessera scan screenshot.png
      print the otpauth:// link of every account in the image's QR codes
  tessera scan export-1.png export-2.png --json
  tessera scan --screen
      decode whatever QR code is visible on any monitor
  tessera scan --clipboard
      decode an image (or otpauth:// text) on the clipboard

Exit status: 0 if at least one account was found (with --json: any QR code), 1 if none.";

/// Arguments of `tessera scan`.
#[derive(Debug, clap::Args)]
#[command(after_help = SCAN_EXAMPLES)]
pub struct ScanArgs {
    /// Image files (PNG, JPEG, WebP, GIF, BMP, TIFF) or text files of otpauth:// links.
    #[arg(value_name = "IMAGE")]
    images: Vec<PathBuf>,
    /// Also capture the whole screen (every monitor) and decode it.
    #[arg(long)]
    screen: bool,
    /// Also decode the image (or otpauth:// text) on the clipboard.
    #[arg(long)]
    clipboard: bool,
    /// Print a JSON array with one object per QR code: image, text, kind, accounts.
    #[arg(long)]
    json: bool,
}

/// Scans every requested source; failures are reported as notes.
fn gather(images: &[PathBuf], screen: bool, clipboard: bool) -> Vec<Scanned> {
    let mut outcomes: Vec<Outcome> = images.iter().map(|p| scan_file(p)).collect();
    if screen {
        outcomes.push(scan_screen());
    }
    if clipboard {
        outcomes.push(scan_clipboard());
    }
    let mut found = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Found(list) => found.extend(list),
            Outcome::Nothing(source, message) | Outcome::Failed(source, message) => {
                note_about(&source, message);
            }
        }
    }
    found
}

pub fn scan(args: &ScanArgs) -> Result<(), Failure> {
    if args.images.is_empty() && !args.screen && !args.clipboard {
        return Err(Failure::usage(
            "say what to scan: image files, --screen or --clipboard",
        ));
    }
    let found = gather(&args.images, args.screen, args.clipboard);
    explain(&found);
    if args.json {
        let list: Vec<Value> = found.iter().map(scanned_json).collect();
        super::output::print_json(&Value::Array(list))?;
        return if found.is_empty() {
            Err(Failure::user("no QR code was found"))
        } else {
            Ok(())
        };
    }
    let mut accounts = 0;
    for s in &found {
        for account in s.payload.accounts() {
            say!("{}", account.to_uri().expose());
            accounts += 1;
        }
    }
    if accounts == 0 {
        return Err(Failure::user("no authenticator account was found"));
    }
    Ok(())
}

const IMPORT_EXAMPLES: &str = "\
Examples:
  tessera import screenshot.png
      add the accounts in an image's QR codes (duplicates are skipped)
  tessera import export-1.png export-2.png export-3.png
      every part of a Google Authenticator export
  tessera import accounts.txt
      a text file with one otpauth:// link per line
  tessera import aegis-export.json --source-password-file aegis-password.txt
      an encrypted Aegis export (2FAS backups work the same way)
  tessera import *.png --dry-run
      show what would be added, change nothing

Formats: QR code images (PNG, JPEG, WebP, GIF, BMP, TIFF), otpauth:// and
otpauth-migration:// links (one per line), Aegis JSON exports (plain or
encrypted), 2FAS backups (plain or encrypted), andOTP backups (plain JSON or
encrypted .json.aes), Ente Auth exports (plain text or encrypted JSON),
Proton Authenticator exports (plain or encrypted), Authenticator Pro /
Stratum backups (plain, encrypted or legacy-encrypted), Steam maFiles,
Authy's Android token files (shared_prefs XML), FreeOTP tokens.xml, Duo
Mobile's accounts.json, WinAuth text exports (with --format winauth),
FreeOTP+ JSON backups and Bitwarden exports (unencrypted JSON or CSV; the
TOTP of each login). Groups, favourites and notes come along where the other
app has them. docs/interop.md lists what is kept of each.";

/// `import --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// Detect from the content (the default).
    Auto,
    /// QR code images.
    Qr,
    /// Text with one otpauth:// or otpauth-migration:// link per line.
    Uris,
    /// An Aegis JSON export, plain or encrypted.
    Aegis,
    /// A 2FAS backup (.2fas), plain or encrypted.
    #[value(name = "2fas")]
    TwoFas,
    /// An andOTP backup: plain JSON or encrypted (.json.aes).
    Andotp,
    /// Authy's Android token storage (shared_prefs XML), plain or with its backup password.
    Authy,
    /// A Bitwarden export (unencrypted JSON or CSV).
    Bitwarden,
    /// Duo Mobile's accounts.json.
    Duo,
    /// An Ente Auth export: plain text or encrypted JSON.
    Ente,
    /// A FreeOTP+ JSON backup.
    Freeotp,
    /// A FreeOTP+ JSON backup.
    FreeotpPlus,
    /// A Proton Authenticator export, plain or encrypted.
    Proton,
    /// A Steam maFile (Steam Desktop Authenticator).
    Steam,
    /// An Authenticator Pro / Stratum backup: plain, encrypted or legacy-encrypted.
    Stratum,
    /// WinAuth's text export (never detected: it looks like a link list).
    Winauth,
}

impl ImportFormat {
    /// The export format this names, if it names one.
    const fn export(self) -> Option<interop::Format> {
        match self {
            Self::Aegis => Some(interop::Format::Aegis),
            Self::TwoFas => Some(interop::Format::TwoFas),
            Self::Andotp => Some(interop::Format::AndOtp),
            Self::Bitwarden => Some(interop::Format::Bitwarden),
            Self::Freeotp | Self::FreeotpPlus => Some(interop::Format::FreeOtp),
            Self::Ente => Some(interop::Format::Ente),
            Self::Authy => Some(interop::Format::Authy),
            Self::Duo => Some(interop::Format::Duo),
            Self::Winauth => Some(interop::Format::WinAuth),
            Self::Proton => Some(interop::Format::Proton),
            Self::Steam => Some(interop::Format::Steam),
            Self::Stratum => Some(interop::Format::Stratum),
            Self::Auto | Self::Qr | Self::Uris => None,
        }
    }
}

/// Arguments of `tessera import`.
#[derive(Debug, clap::Args)]
#[command(after_help = IMPORT_EXAMPLES)]
pub struct ImportArgs {
    /// QR code images, text files of otpauth:// links, or other apps' export files.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// The files' format (detected from the content by default).
    #[arg(long, value_enum, default_value = "auto")]
    format: ImportFormat,
    /// Password of an encrypted export file (first line of FILE). Without it,
    /// an encrypted file's password is asked for on the terminal.
    #[arg(long, value_name = "FILE")]
    source_password_file: Option<PathBuf>,
    /// Show what would be added without changing the vault.
    #[arg(long)]
    dry_run: bool,
}

/// The source password from its file, if one was given.
fn source_password(args: &ImportArgs) -> Result<Option<Password>, Failure> {
    let Some(file) = &args.source_password_file else {
        return Ok(None);
    };
    let text = crate::secret::read_text_file(file, crate::secret::MAX_SMALL_FILE).map_err(|e| {
        Failure::user(format!(
            "could not read the password file {}: {e}",
            file.display()
        ))
    })?;
    Ok(Some(Password::new(
        text.lines().next().unwrap_or("").to_owned(),
    )))
}

/// Reads one export file into entries; notes what was left out.
fn read_export(
    path: &Path,
    bytes: &[u8],
    format: interop::Format,
    password: &mut Option<Password>,
) -> Result<Vec<Entry>, Failure> {
    let source = path.display().to_string();
    let export = match interop::read(bytes, format, password.as_ref()) {
        Err(interop::InteropError::PasswordNeeded { format }) if password.is_none() => {
            if !std::io::stdin().is_terminal() {
                return Err(Failure::user(format!(
                    "{source}: this {format} export is encrypted; give its password with --source-password-file FILE"
                )));
            }
            let typed = rpassword::prompt_password(format!(
                "Password of the {format} export {source}: "
            ))
            .map_err(|e| Failure::user(format!("could not read the password: {e}")))?;
            let typed = password.insert(Password::new(typed));
            interop::read(bytes, format, Some(typed))
        }
        other => other,
    }
    .map_err(|e| Failure::user(format!("{source}: {e}")))?;
    // A hostile file can hold a million unusable entries: name the first few.
    const NAMED: usize = 20;
    for skipped in export.skipped.iter().take(NAMED) {
        note_about(
            &source,
            format!("left out {} ({})", skipped.label, skipped.reason),
        );
    }
    if export.skipped.len() > NAMED {
        note_about(
            &source,
            format!(
                "left out {} more entries Tessera cannot use",
                export.skipped.len() - NAMED
            ),
        );
    }
    let now = SystemClock.now();
    export
        .accounts
        .into_iter()
        .map(|imported| {
            let mut entry =
                Entry::new(imported.account, now).map_err(|e| Failure::user(format!("{e}")))?;
            entry.group = imported.group;
            entry.favourite = imported.favourite;
            entry.notes = imported.notes;
            Ok(entry)
        })
        .collect()
}

/// Reads a file for `import`, bounded by the largest image accepted.
fn read_bounded(path: &Path) -> Result<zeroize::Zeroizing<Vec<u8>>, String> {
    let limit = Limits::default().max_file_bytes;
    crate::secret::read_file(path, limit).map_err(|e| format!("could not read the file: {e}"))
}

pub fn import(args: &ImportArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    let mut password = source_password(args)?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut images: Vec<PathBuf> = Vec::new();
    for path in &args.files {
        let format = match args.format {
            ImportFormat::Auto => match read_bounded(path) {
                Ok(bytes) => interop::detect(&bytes).map(|format| (format, bytes)),
                Err(_) => None,
            },
            named => match named.export() {
                Some(format) => match read_bounded(path) {
                    Ok(bytes) => Some((format, bytes)),
                    Err(e) => {
                        note_about(&path.display().to_string(), e);
                        continue;
                    }
                },
                None => None,
            },
        };
        match format {
            Some((format, bytes)) => {
                entries.extend(read_export(path, &bytes, format, &mut password)?)
            }
            None => images.push(path.clone()),
        }
    }
    if !images.is_empty() {
        let found = gather(&images, false, false);
        explain(&found);
        let accounts: Vec<Account> = found
            .iter()
            .flat_map(|s| s.payload.accounts().iter().cloned())
            .collect();
        entries.extend(super::entries::new_entries(accounts, None)?);
    }
    if entries.is_empty() {
        return Err(Failure::user(
            "nothing to import: no authenticator account was found in the files",
        ));
    }
    let mut vault = input.open_vault()?;
    let report = if args.dry_run {
        super::entries::plan_entries(&vault, entries)
    } else {
        super::entries::add_entries(&mut vault, entries)?
    };
    let verb = if args.dry_run { "Would add" } else { "Added" };
    for (label, _) in &report.added {
        say!("{verb} {label}.");
    }
    for (label, id) in &report.skipped {
        note(format!("skipped {label}: already in the vault as {id}"));
    }
    say!(
        "{} {} accounts, skipped {} already in the vault.",
        verb,
        report.added.len(),
        report.skipped.len()
    );
    Ok(())
}
