//! The command-line front end: argument parsing, output and exit codes.
//!
//! Exit status: 0 on success, 1 on a failure the user can act on (a malformed
//! URI, a wrong password, nothing found), 2 on bad usage. Errors go to stderr
//! as one or two plain sentences.

#[macro_use]
mod output;
mod backup;
mod clock;
mod code;
mod entries;
mod generate;
mod icons;
mod input;
mod keys;
mod merge;
mod recovery;
mod restore;
mod scan;

use std::ffi::OsString;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A failure to report to the user, with its exit status.
#[derive(Debug)]
pub enum Failure {
    /// Something the user can fix (exit 1).
    User(String),
    /// The command line itself is wrong (exit 2).
    Usage(String),
    /// Whoever read the output stopped reading (a closed pipe): end quietly.
    Closed,
}

/// `println!` that ends the command quietly on a closed pipe instead of panicking.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::write_line(format_args!($($arg)*))?
    };
}
pub(crate) use say;

impl Failure {
    fn exit_code(&self) -> ExitCode {
        match self {
            Self::User(_) => ExitCode::from(1),
            Self::Usage(_) => ExitCode::from(2),
            Self::Closed => ExitCode::SUCCESS,
        }
    }

    fn message(&self) -> &str {
        match self {
            Self::User(m) | Self::Usage(m) => m,
            Self::Closed => "",
        }
    }

    /// A user-facing failure from a plain message.
    fn user(message: impl AsRef<str>) -> Self {
        Self::User(sentence(message.as_ref()))
    }

    /// A usage failure from a plain message.
    fn usage(message: impl AsRef<str>) -> Self {
        Self::Usage(sentence(message.as_ref()))
    }

    /// A user-facing failure from a catalog message.
    fn said(key: crate::i18n::Key, args: &[(&str, &str)]) -> Self {
        Self::user(text(key, args))
    }

    /// A usage failure from a catalog message.
    fn usage_said(key: crate::i18n::Key, args: &[(&str, &str)]) -> Self {
        Self::usage(text(key, args))
    }

    /// A user-facing failure about one input (a file path), whose name is
    /// kept exactly as given.
    fn about(source: &str, message: impl AsRef<str>) -> Self {
        Self::User(format!("{source}: {}", sentence(message.as_ref())))
    }
}

/// A message of the catalog in the locale's language.
pub(crate) fn text(key: crate::i18n::Key, args: &[(&str, &str)]) -> String {
    crate::i18n::tf(lang(), key, args)
}

/// An account's label in the locale's language (an account with neither
/// issuer nor name has the language's placeholder).
pub(crate) fn label(label: &crate::otp::Label) -> String {
    crate::i18n::label(lang(), label)
}

/// Any core error becomes a user-facing failure with its own advice, in the
/// language of the locale.
impl<E: crate::i18n::Localize> From<E> for Failure {
    fn from(error: E) -> Self {
        Self::user(error.localized(lang()))
    }
}

/// The language of the messages: from `LC_ALL`, `LC_MESSAGES` or `LANG`
/// (clap's help and usage texts stay English).
pub(crate) fn lang() -> crate::i18n::Lang {
    static LANG: std::sync::OnceLock<crate::i18n::Lang> = std::sync::OnceLock::new();
    *LANG.get_or_init(crate::i18n::Lang::from_process_env)
}

/// Capitalises the first letter and ends with a full stop. A message that
/// begins with a name (a path such as `db/x`, a file name, an option) keeps
/// it as written.
fn sentence(text: &str) -> String {
    let first_word = text
        .split([' ', ':', ';', ','])
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', '!', '?']);
    let is_word = first_word.chars().all(|c| c.is_alphabetic() || c == '\'');
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(c) if is_word => c.to_uppercase().chain(chars).collect(),
        Some(c) => std::iter::once(c).chain(chars).collect(),
        None => String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// Prints a note about one input (a file path, `screen`, `clipboard`) on
/// stderr; the input's name is kept exactly as given.
fn note_about(source: &str, message: impl AsRef<str>) {
    let _ = writeln!(
        std::io::stderr(),
        "tessera: {source}: {}",
        sentence(message.as_ref())
    );
}

/// Prints a note for the user on stderr (not an error).
fn note(message: impl AsRef<str>) {
    let _ = writeln!(std::io::stderr(), "tessera: {}", sentence(message.as_ref()));
}

const ABOUT: &str = "Tessera: a two-factor authenticator for the desktop.";

const EXAMPLES: &str = "\
With no command, tessera opens the desktop app.

Examples:
  tessera
      open the desktop app (the first run creates the vault)
  tessera qr.png
      open the desktop app and review the accounts in the image's QR code (after the unlock)
  tessera init --keyring
      create a vault at the default place, unlocked by the system keyring
  tessera add -
      add the account behind a dashboard's QR code: paste its otpauth:// link when asked
      (a link in the arguments would be readable by other users in `ps` and your history)
  tessera code acme
      print the current code of the one account matching 'acme'
  tessera list --json
      every account, without secrets, for scripts
  tessera code --uri - --at 1700000000 < link.txt
      one code from a link on standard input, without a vault

The vault lives at $XDG_DATA_HOME/tessera/vault.tessera unless --vault or TESSERA_VAULT says otherwise.
The password comes from --password-file, else the system keyring (unless --no-keyring), else the
first line of standard input when it is not a terminal (and `-` did not take it), else a prompt.";

#[derive(Debug, Parser)]
#[command(
    name = "tessera",
    version,
    about = ABOUT,
    long_about = None,
    after_help = EXAMPLES,
    max_term_width = 100
)]
struct Args {
    /// The vault file (default: $XDG_DATA_HOME/tessera/vault.tessera; also TESSERA_VAULT).
    #[arg(long, global = true, value_name = "PATH")]
    vault: Option<PathBuf>,

    /// Read the vault password from the first line of this file.
    #[arg(long, global = true, value_name = "FILE")]
    password_file: Option<PathBuf>,

    /// Do not unlock with the system keyring; ask for the password.
    #[arg(long, global = true)]
    no_keyring: bool,

    /// Open the desktop app on "Add account" (the desktop menu's action).
    #[arg(long, conflicts_with = "scan_screen")]
    add: bool,

    /// Open the desktop app and look for QR codes on the screen (the desktop menu's action).
    #[arg(long)]
    scan_screen: bool,

    /// Bring the desktop app up with the search field focused (what the global
    /// shortcut does; bind this command to a key where Tessera cannot, e.g. on Wayland).
    #[arg(long)]
    search: bool,

    /// Image files for the desktop app to read QR codes from ("Open with Tessera").
    #[arg(value_name = "IMAGE")]
    images: Vec<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a new vault.
    Init(keys::InitArgs),
    /// Add an account from an otpauth:// link (or every account of a Google
    /// Authenticator export link), or from its setup key.
    Add(entries::AddArgs),
    /// List the accounts, without secrets: favourites first, then in natural
    /// order (Dash2 before Dash10, accents and case ignored).
    List(entries::ListArgs),
    /// Show current codes.
    Code(code::Args),
    /// Advance an HOTP account's counter, save, and print the new code.
    Next(entries::NextArgs),
    /// Remove an account.
    Remove(entries::RemoveArgs),
    /// Change an account's issuer, name, group, favourite mark, notes or icon.
    Edit(entries::EditArgs),
    /// List the brand icons an account can show (`edit --icon SLUG`), no vault.
    Icons(icons::Args),
    /// Export accounts, secrets included.
    Export(entries::ExportArgs),
    /// Change the vault password (the vault is re-encrypted under a new key).
    Passwd(keys::PasswdArgs),
    /// Turn unlocking with the system keyring on or off.
    Keyring(keys::KeyringArgs),
    /// Decode QR codes in images and print the otpauth:// links they hold (no vault).
    Scan(scan::ScanArgs),
    /// Add the accounts in QR code images or otpauth:// lists to the vault.
    Import(scan::ImportArgs),
    /// Keep an account's one-time recovery codes: list, add from a file, mark one used.
    Recovery(recovery::Args),
    /// Go back to an older copy or a backup of the vault on purpose (an older
    /// file put in place by hand is refused).
    Restore(restore::Args),
    /// Merge another copy of the vault into it: a sync tool's conflict copy
    /// under another password (copies under the same password are merged
    /// whenever the vault is opened).
    Merge(merge::Args),
    /// Back the vault up: an encrypted copy into a folder now (--to), or
    /// automatically after changes (--auto DIR, --auto-off).
    Backup(backup::Args),
    /// Check this computer's clock: whether the system keeps it synchronised and,
    /// against a time server you name, how far off it is (codes depend on it).
    Clock(clock::Args),
    /// Write the manual page and the bash, zsh and fish completions into a
    /// folder (for packagers: `packaging/build.sh`).
    #[command(hide = true)]
    GenerateAssets(generate::Args),
}

/// Options every vault command shares.
#[derive(Debug)]
pub(crate) struct Global {
    vault: Option<PathBuf>,
    password_file: Option<PathBuf>,
    no_keyring: bool,
}

/// Parses `args` and runs the command; returns the process exit status.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(error) => {
            // Help and --version are printed to stdout with status 0; usage errors exit 2.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    let global = Global {
        vault: args.vault,
        password_file: args.password_file,
        no_keyring: args.no_keyring,
    };
    let result = match args.command {
        Some(_) if args.add || args.scan_screen || args.search => Err(Failure::usage_said(
            crate::i18n::Key::CliAppOptionsAlone,
            &[],
        )),
        Some(command) => dispatch(command, &global),
        // No subcommand: the desktop app, at the vault --vault/TESSERA_VAULT names.
        #[cfg(feature = "gui")]
        None => match app_requests(args.images, args.add, args.scan_screen, args.search) {
            Ok(requests) => return crate::gui::run_with_vault(global.vault.clone(), requests),
            Err(failure) => Err(failure),
        },
        #[cfg(not(feature = "gui"))]
        None => {
            // Built without the desktop app: show what the CLI can do.
            let mut command = <Args as clap::CommandFactory>::command();
            let _ = command.print_help();
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Closed) => ExitCode::SUCCESS,
        Err(failure) => {
            let _ = writeln!(std::io::stderr(), "tessera: {}", failure.message());
            failure.exit_code()
        }
    }
}

/// What the desktop app is asked to do at start. A word that is neither a
/// command nor a file is a mistyped command: a usage error, not a window.
#[cfg(feature = "gui")]
fn app_requests(
    images: Vec<PathBuf>,
    add: bool,
    scan_screen: bool,
    search: bool,
) -> Result<Vec<crate::gui::Request>, Failure> {
    use crate::gui::Request;
    if let Some(missing) = images.iter().find(|path| !path.exists()) {
        return Err(Failure::usage_said(
            crate::i18n::Key::CliNotCommandOrImage,
            &[("word", &missing.display().to_string())],
        ));
    }
    let mut requests = Vec::new();
    if !images.is_empty() {
        // Absolute: a window started elsewhere may be the one that reads them.
        let images = images
            .into_iter()
            .map(|path| std::path::absolute(&path).unwrap_or(path))
            .collect();
        requests.push(Request::Open(images));
    }
    if add {
        requests.push(Request::Add);
    }
    if scan_screen {
        requests.push(Request::ScanScreen);
    }
    if search {
        requests.push(Request::Search);
    }
    Ok(requests)
}

fn dispatch(command: Command, global: &Global) -> Result<(), Failure> {
    let mut input = input::Input::new(global);
    let automatic_backup = !matches!(command, Command::Backup(_));
    run_command(command, &mut input)?;
    // The vault may have changed: the automatic backup, when one is due
    // (never failing the command, which is done).
    if automatic_backup
        && input.vault_used()
        && let (Ok(path), Ok(history)) = (input.vault_path(), input.history())
    {
        backup::after_command(&path, &history);
    }
    // A conflict copy under another password was left beside the vault: the
    // command did its work, but what it showed may lack that copy's changes.
    match input.unmerged.first() {
        Some(copy) => {
            let path = input.vault_path()?;
            Err(crate::vault::Error::CopyLocked {
                path,
                copy: copy.clone(),
            }
            .into())
        }
        None => Ok(()),
    }
}

fn run_command(command: Command, input: &mut input::Input<'_>) -> Result<(), Failure> {
    match command {
        Command::Init(args) => keys::init(&args, input),
        Command::Add(args) => entries::add(&args, input),
        Command::List(args) => entries::list(&args, input),
        Command::Code(args) => code::run(&args, input),
        Command::Next(args) => entries::next(&args, input),
        Command::Remove(args) => entries::remove(&args, input),
        Command::Edit(args) => entries::edit(&args, input),
        Command::Export(args) => entries::export(&args, input),
        Command::Passwd(args) => keys::passwd(&args, input),
        Command::Keyring(args) => keys::keyring(&args, input),
        Command::Recovery(args) => recovery::run(&args, input),
        Command::Restore(args) => restore::run(&args, input),
        Command::Merge(args) => merge::run(&args, input),
        Command::Backup(args) => backup::run(&args, input),
        Command::Scan(args) => scan::scan(&args),
        Command::Import(args) => scan::import(&args, input),
        Command::Clock(args) => clock::run(&args),
        Command::Icons(args) => icons::run(&args),
        Command::GenerateAssets(args) => {
            generate::run(&args, <Args as clap::CommandFactory>::command())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sentence;

    #[test]
    fn sentences_keep_names_they_begin_with() {
        assert_eq!(sentence("no QR code was found"), "No QR code was found.");
        assert_eq!(sentence("não há cofre"), "Não há cofre.");
        assert_eq!(sentence("done!"), "Done!");
        // A path, a file name or an option is kept as written.
        assert_eq!(
            sentence("db/x could not be read"),
            "db/x could not be read."
        );
        assert_eq!(
            sentence("vault.tessera: damaged"),
            "vault.tessera: damaged."
        );
        assert_eq!(
            sentence("--plain applies to aegis"),
            "--plain applies to aegis."
        );
        assert_eq!(sentence("'x' is no command"), "'x' is no command.");
        assert_eq!(sentence(""), ".");
    }
}
