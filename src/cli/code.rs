//! `tessera code`: current codes.

use std::io::Write as _;

use crate::clock::{Clock as _, SystemClock, Timestamp};
use crate::otp::Account;

use super::Failure;

const EXAMPLES: &str = "\
Examples:
  tessera code --uri 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME'
  tessera code --uri 'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=5'
  tessera code --uri 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' --at 1700000000";

/// Arguments of `tessera code`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Compute the code of this otpauth:// URI, without a vault; prints the code alone.
    #[arg(long, value_name = "URI", required = true)]
    uri: String,

    /// Compute codes for this moment (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX_SECONDS")]
    at: Option<u64>,
}

pub fn run(args: &Args) -> Result<(), Failure> {
    let at = args.at.map_or_else(|| SystemClock.now(), Timestamp);
    let account = Account::from_uri(&args.uri)?;
    let code = account.code_at(at)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", code.value).map_err(|e| Failure::User(format!("Cannot write: {e}.")))?;
    Ok(())
}
