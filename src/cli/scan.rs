//! `tessera scan` (decode QR codes, no vault) and `tessera import` (add what
//! images and export files hold to the vault).

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::input::Input;
use super::output::short;
use super::{Failure, label, lang, note, note_about, say, text};
use crate::clock::{Clock as _, SystemClock};
use crate::i18n::Key;
use crate::i18n::Localize as _;
use crate::import::{self, Code, Contents, Decision, FileKind, Origin, Plan, Problem, Report};
use crate::interop;
use crate::otp::payload::Payload;
use crate::secret::Password;

/// Notes why a source gave nothing, in the locale's language.
fn problem(origin: &Origin, problem: &Problem) {
    note_about(&origin.name(), problem.localized(lang()));
}

/// Reads what one image (or text) file holds: QR codes or links, never an export.
fn read_codes(path: &Path) -> Result<Contents, Problem> {
    let bytes = import::load(path)?;
    import::file(Origin::File(path.to_owned()), &bytes, FileKind::Codes, None)
}

fn code_json(origin: &Origin, code: &Code) -> Value {
    let payload = &code.payload;
    let mut object = json!({
        "image": origin.name(),
        "text": code.text.expose(),
        "kind": payload.kind(),
        "accounts": payload.accounts().iter().map(super::output::scanned_json).collect::<Vec<_>>(),
    });
    if let Payload::Migration(batch) = payload {
        object["batch"] = json!({
            "index": batch.position.index + 1,
            "size": batch.position.size,
            "id": batch.position.id,
        });
    }
    if let Some(why) = payload.explain() {
        object["note"] = json!(why);
    }
    object
}

/// Reports what was read beyond accounts: content that is no key, entries
/// left out, missing export parts (from the plan).
fn explain(found: &[Contents], plan: &Plan) {
    for contents in found {
        let source = contents.origin.name();
        for payload in contents.not_keys() {
            if let Some(why) = crate::i18n::explain(payload) {
                note_about(&source, why.localized(lang()));
            }
        }
    }
    // A hostile file can hold a million unusable entries: name the first few.
    const NAMED: usize = 20;
    for (origin, left_out) in plan.left_out().iter().take(NAMED) {
        note_about(
            &origin.name(),
            text(
                Key::CliLeftOut,
                &[
                    ("label", &label(&left_out.label)),
                    ("reason", &left_out.reason.localized(lang())),
                ],
            ),
        );
    }
    if let Some(more) = plan.left_out().len().checked_sub(NAMED).filter(|n| *n > 0) {
        note(text(Key::CliLeftOutMore, &[("n", &more.to_string())]));
    }
    for (size, missing) in plan.missing_parts() {
        note(crate::i18n::missing_parts(lang(), size, &missing));
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
    /// Print a JSON array with one object per QR code: image, text, kind, accounts
    /// (each with the fields of `list --json`, id null, plus its otpauth:// uri).
    #[arg(long)]
    json: bool,
}

/// Reads every requested source; failures are reported as notes.
fn gather(images: &[PathBuf], screen: bool, clipboard: bool) -> Vec<Contents> {
    let mut read: Vec<(Origin, Result<Contents, Problem>)> = images
        .iter()
        .map(|path| (Origin::File(path.clone()), read_codes(path)))
        .collect();
    if screen {
        read.push((Origin::Screen, import::screen(crate::capture::screen())));
    }
    if clipboard {
        read.push((
            Origin::Clipboard,
            import::clipboard(crate::capture::clipboard()),
        ));
    }
    let mut found = Vec::new();
    for (origin, result) in read {
        match result {
            Ok(contents) => found.push(contents),
            Err(e) => problem(&origin, &e),
        }
    }
    found
}

pub fn scan(args: &ScanArgs) -> Result<(), Failure> {
    if args.images.is_empty() && !args.screen && !args.clipboard {
        return Err(Failure::usage_said(Key::CliScanNothing, &[]));
    }
    let found = gather(&args.images, args.screen, args.clipboard);
    explain(&found, &Plan::new(&[], &found));
    if args.json {
        let list: Vec<Value> = found
            .iter()
            .flat_map(|c| c.codes.iter().map(|code| code_json(&c.origin, code)))
            .collect();
        let empty = list.is_empty();
        super::output::print_json(&Value::Array(list))?;
        return if empty {
            Err(Failure::said(Key::CliNoQr, &[]))
        } else {
            Ok(())
        };
    }
    let mut accounts = 0;
    for contents in &found {
        for account in contents.found.iter().map(|f| &f.entry.account) {
            say!("{}", account.to_uri().expose());
            accounts += 1;
        }
    }
    if accounts == 0 {
        return Err(Failure::said(Key::CliNoAccount, &[]));
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
Authy's Android token files (shared_prefs XML), Authenticator Plus zip
exports, the Battle.net app's preferences XML, TOTP Authenticator backups
(and its preferences XML), FreeOTP tokens.xml and FreeOTP 2 backups, Duo
Mobile's accounts.json, WinAuth text exports (with --format winauth),
FreeOTP+ JSON backups, Bitwarden exports (unencrypted JSON or CSV; the
TOTP of each login), and the SQLite databases of Google Authenticator,
Microsoft Authenticator and Stratum copied off a phone. Groups, favourites and notes come along where the other
app has them. docs/interop.md lists what is kept of each.";

/// `import --format`: `auto`, `qr`, `uris`, then each export format by its
/// [`interop::Format::id`], described by [`interop::Format::describe`]:
/// the list of formats lives once, in the core.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// Detect from the content (the default).
    Auto,
    /// QR code images.
    Qr,
    /// Text with one otpauth:// or otpauth-migration:// link per line.
    Uris,
    /// Another app's export file.
    Export(interop::Format),
}

/// How many `--format` values there are.
const IMPORT_FORMAT_COUNT: usize = 3 + interop::Format::ALL.len();

/// Every `--format` value, in the order `--help` lists them.
const IMPORT_FORMATS: [ImportFormat; IMPORT_FORMAT_COUNT] = {
    let mut out = [ImportFormat::Auto; IMPORT_FORMAT_COUNT];
    out[1] = ImportFormat::Qr;
    out[2] = ImportFormat::Uris;
    let mut i = 0;
    while i < interop::Format::ALL.len() {
        out[3 + i] = ImportFormat::Export(interop::Format::ALL[i]);
        i += 1;
    }
    out
};

impl clap::ValueEnum for ImportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &IMPORT_FORMATS
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        use clap::builder::PossibleValue;
        Some(match self {
            Self::Auto => PossibleValue::new("auto").help("Detect from the content (the default)"),
            Self::Qr => PossibleValue::new("qr").help("QR code images"),
            Self::Uris => PossibleValue::new("uris")
                .help("Text with one otpauth:// or otpauth-migration:// link per line"),
            Self::Export(format) => PossibleValue::new(format.id()).help(format.describe()),
        })
    }
}

impl ImportFormat {
    /// The export format this names, if it names one.
    fn export(self) -> Option<interop::Format> {
        match self {
            Self::Export(format) => Some(format),
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
    args.source_password_file
        .as_deref()
        .map(super::input::password_file)
        .transpose()
}

/// Reads one file, asking on the terminal for an encrypted export's password
/// when none was given. Only an export that cannot be read ends the command.
fn read_file(
    path: &Path,
    format: ImportFormat,
    password: &mut Option<Password>,
) -> Result<Option<Contents>, Failure> {
    let origin = Origin::File(path.to_owned());
    let source = origin.name();
    let bytes = match import::load(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            problem(&origin, &e);
            return Ok(None);
        }
    };
    let kind = match (format, format.export()) {
        (_, Some(format)) => FileKind::Export(format),
        (ImportFormat::Auto, None) => import::detect(&bytes),
        (_, None) => FileKind::Codes,
    };
    let read = match import::file(origin.clone(), &bytes, kind, password.as_ref()) {
        Err(Problem::Export(interop::InteropError::PasswordNeeded { format }))
            if password.is_none() =>
        {
            if !std::io::stdin().is_terminal() {
                return Err(Failure::about(
                    &source,
                    text(Key::CliSourceEncrypted, &[("format", &format.to_string())]),
                ));
            }
            let typed = rpassword::prompt_password(super::input::prompt(
                Key::CliPromptSourcePassword,
                &[("format", &format.to_string()), ("source", &source)],
            ))
            .map_err(|e| {
                Failure::said(
                    Key::CliPromptUnreadable,
                    &[
                        ("what", &text(Key::CliWhatExportPassword, &[])),
                        ("reason", &e.to_string()),
                    ],
                )
            })?;
            let typed = password.insert(Password::new(typed));
            import::file(origin.clone(), &bytes, kind, Some(typed))
        }
        other => other,
    };
    match read {
        Ok(contents) => Ok(Some(contents)),
        Err(Problem::Export(e)) => Err(Failure::about(&source, e.localized(lang()))),
        Err(e) => {
            problem(&origin, &e);
            Ok(None)
        }
    }
}

/// "Added N accounts, skipped M" in the locale's language.
fn summary(key: Key, added: usize, skipped: usize) -> String {
    text(
        key,
        &[
            ("added", &added.to_string()),
            ("skipped", &skipped.to_string()),
        ],
    )
}

/// Prints what the policy decided and what was (or would be) added.
pub(crate) fn print_plan(plan: &Plan) -> Result<(), Failure> {
    for row in plan.rows().iter().filter(|r| r.selected) {
        say!(
            "{}",
            text(
                Key::CliWouldAdd,
                &[("label", &label(&row.entry.account.label()))]
            )
        );
    }
    report_plan_notes(plan);
    let skipped = plan.rows().len() - plan.selected() + plan.repeated();
    say!(
        "{}",
        summary(Key::CliWouldAddSummary, plan.selected(), skipped)
    );
    Ok(())
}

/// Notes on duplicates and same-name accounts, as the plan decided them.
fn report_plan_notes(plan: &Plan) {
    for row in plan.rows() {
        let label = label(&row.entry.account.label());
        match &row.decision {
            Decision::Duplicate { existing, .. } => note(text(
                Key::CliSkippedDuplicate,
                &[("label", &label), ("id", short(existing))],
            )),
            Decision::SameName { .. } if row.selected => {
                note(text(Key::CliSameName, &[("label", &label)]));
            }
            Decision::SameName { .. } | Decision::New => {}
        }
    }
}

/// Applies the plan in one save and prints the report; `ids` prints the
/// new entries' ids as `add` does.
pub(crate) fn apply_plan(
    vault: &mut crate::vault::Vault,
    plan: &Plan,
    ids: bool,
) -> Result<Report, Failure> {
    let now = SystemClock.now();
    let report = vault.modify(|entries| plan.apply(entries, now))?;
    for added in &report.added {
        if ids {
            say!(
                "{}",
                text(
                    Key::CliAddedWithId,
                    &[("label", &label(&added.label)), ("id", short(&added.id))]
                )
            );
        } else {
            say!(
                "{}",
                text(Key::CliAdded, &[("label", &label(&added.label))])
            );
        }
    }
    report_plan_notes(plan);
    for skipped in &report.skipped {
        note(text(
            Key::CliSkippedMeanwhile,
            &[
                ("label", &label(&skipped.label)),
                ("id", short(&skipped.existing)),
            ],
        ));
    }
    Ok(report)
}

pub fn import(args: &ImportArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    let mut password = source_password(args)?;
    let mut found: Vec<Contents> = Vec::new();
    for path in &args.files {
        if let Some(contents) = read_file(path, args.format, &mut password)? {
            found.push(contents);
        }
    }
    if found.iter().all(|c| c.found.is_empty()) {
        explain(&found, &Plan::new(&[], &found));
        return Err(Failure::said(Key::CliNothingToImport, &[]));
    }
    let mut vault = input.open_vault()?;
    let plan = Plan::new(vault.entries(), &found);
    explain(&found, &plan);
    if args.dry_run {
        return print_plan(&plan);
    }
    let report = apply_plan(&mut vault, &plan, false)?;
    let skipped = plan.rows().len() - plan.selected() + plan.repeated() + report.skipped.len();
    say!(
        "{}",
        summary(Key::CliAddedSummary, report.added.len(), skipped)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum as _;

    use super::ImportFormat;
    use crate::interop::Format;

    #[test]
    fn every_export_format_has_its_import_format_name_and_no_other() {
        let names: Vec<String> = ImportFormat::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_owned())
            .collect();
        let mut expected = vec![
            String::from("auto"),
            String::from("qr"),
            String::from("uris"),
        ];
        expected.extend(Format::ALL.iter().map(|f| f.id().to_owned()));
        let (mut sorted, mut want) = (names.clone(), expected);
        sorted.sort();
        want.sort();
        assert_eq!(sorted, want);
        for format in ImportFormat::value_variants() {
            let value = format.to_possible_value().unwrap();
            let name = value.get_name().to_owned();
            match format.export() {
                Some(export) => assert_eq!(export.id(), name),
                None => assert!(["auto", "qr", "uris"].contains(&name.as_str())),
            }
            // Each value is described in `--help`, as one phrase.
            let help = value.get_help().unwrap().to_string();
            assert!(!help.is_empty() && !help.ends_with('.'), "{name}: {help}");
            assert_eq!(ImportFormat::from_str(&name, false), Ok(*format));
        }
    }
}
