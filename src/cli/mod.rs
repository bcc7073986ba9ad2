//! The command-line front end: argument parsing, output and exit codes.
//!
//! Exit status: 0 on success, 1 on a failure the user can act on (a malformed
//! URI, a wrong password, nothing found), 2 on bad usage. Errors go to stderr
//! as one or two plain sentences.

mod code;

use std::ffi::OsString;
use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A failure to report to the user, with its exit status.
#[derive(Debug)]
pub enum Failure {
    /// Something the user can fix (exit 1).
    User(String),
    /// The command line itself is wrong (exit 2).
    Usage(String),
}

impl Failure {
    fn exit_code(&self) -> ExitCode {
        match self {
            Self::User(_) => ExitCode::from(1),
            Self::Usage(_) => ExitCode::from(2),
        }
    }

    fn message(&self) -> &str {
        match self {
            Self::User(m) | Self::Usage(m) => m,
        }
    }
}

/// Any core error becomes a user-facing failure with its own advice.
impl<E: std::error::Error> From<E> for Failure {
    fn from(error: E) -> Self {
        Self::User(sentence(&error.to_string()))
    }
}

/// Capitalises the first letter and ends with a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

const ABOUT: &str = "Tessera: a two-factor authenticator for the desktop.";

const EXAMPLES: &str = "\
Examples:
  tessera code --uri 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME'
      print the current code for one account, without a vault
  tessera code --uri 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' --at 1700000000
      print the code at a given time (Unix seconds)";

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
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show one-time codes.
    Code(code::Args),
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
    let result = match args.command {
        Some(Command::Code(args)) => code::run(&args),
        None => {
            // The desktop app is not built yet: show what the CLI can do.
            let mut command = <Args as clap::CommandFactory>::command();
            let _ = command.print_help();
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            let _ = writeln!(std::io::stderr(), "tessera: {}", failure.message());
            failure.exit_code()
        }
    }
}
