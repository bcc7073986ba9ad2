//! `tessera code`: current codes, from the vault or from one URI.

use super::input::Input;
use super::output::{code_json, print_json, short_id};
use super::{Failure, label, say};
use crate::clock::{Clock as _, SystemClock, Timestamp};
use crate::i18n::Key;
use crate::otp::Account;
use crate::vault::{Entry, display_order};

const EXAMPLES: &str = "\
Examples:
  tessera code
      every account's current code, with the seconds it stays valid
  tessera code acme
      the code alone when one account matches 'acme' (by issuer, name, group or id)
  tessera code --json
  tessera code --uri -
      one code from a link pasted when asked (hidden), without a vault; prints the code alone
  tessera code --uri - --at 1700000000 < link.txt
      the link from standard input, never in the arguments (where `ps` shows it)";

/// Arguments of `tessera code`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Only accounts matching this (issuer, name, group, or id prefix).
    #[arg(value_name = "QUERY", conflicts_with = "uri")]
    query: Option<String>,

    /// Compute the code of an otpauth:// URI, without a vault; prints the code alone.
    /// `-` reads it from standard input (a hidden prompt on a terminal).
    #[arg(long, value_name = "URI|-")]
    uri: Option<String>,

    /// Compute codes for this moment (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX_SECONDS")]
    at: Option<u64>,

    /// Print a JSON array of {id, issuer, account, code, remaining, period}.
    #[arg(long, conflicts_with = "uri")]
    json: bool,
}

pub fn run(args: &Args, input: &mut Input<'_>) -> Result<(), Failure> {
    let at = args.at.map_or_else(|| SystemClock.now(), Timestamp);
    if let Some(uri) = &args.uri {
        let account = if uri == "-" {
            let link = input.secret_from_stdin(
                &super::input::prompt(Key::CliPromptLink, &[]),
                super::input::Asked::Link,
            )?;
            Account::from_uri(link.trim())?
        } else {
            super::entries::warn_secret_in_argv(
                super::entries::ArgvSecret::Link,
                "tessera code --uri -",
            );
            Account::from_uri(uri)?
        };
        say!("{}", account.code_at(at)?.value);
        return Ok(());
    }
    let vault = input.open_vault()?;
    let mut entries: Vec<&Entry> = match &args.query {
        None => vault.entries().iter().collect(),
        Some(query) => match crate::vault::find(vault.entries(), query) {
            Ok(one) => vec![one],
            Err(_) => vault
                .entries()
                .iter()
                .filter(|e| e.matches(query))
                .collect(),
        },
    };
    entries.sort_by(|a, b| display_order(a, b));
    if entries.is_empty() {
        return Err(match &args.query {
            Some(query) => Failure::said(Key::CliNoMatch, &[("query", &format!("{query:?}"))]),
            None => Failure::said(Key::CliVaultEmpty, &[]),
        });
    }
    let mut codes = Vec::with_capacity(entries.len());
    for entry in &entries {
        codes.push(entry.code_at(at)?);
    }
    if args.json {
        let list = entries
            .iter()
            .zip(&codes)
            .map(|(e, c)| code_json(e, c))
            .collect();
        print_json(&serde_json::Value::Array(list))?;
    } else if args.query.is_some() && entries.len() == 1 {
        say!("{}", codes[0].value);
    } else {
        let width = entries
            .iter()
            .map(|e| label(&e.account.label()).chars().count())
            .max()
            .unwrap_or(0);
        for (entry, code) in entries.iter().zip(&codes) {
            let validity = match code.remaining {
                Some(seconds) => format!("{seconds:>3}s"),
                None => String::from("hotp"),
            };
            say!(
                "{}  {:<width$}  {:>9}  {validity}",
                short_id(entry),
                label(&entry.account.label()),
                code.grouped(),
            );
        }
    }
    Ok(())
}
