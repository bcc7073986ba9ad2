//! `tessera recovery ID [list | add FILE | use CODE]`: the one-time recovery
//! codes a service handed out with its 2FA setup.

use std::path::PathBuf;

use super::input::Input;
use super::{Failure, label, say, text};
use crate::clock::{Clock as _, SystemClock};
use crate::i18n::Key;
use crate::vault::recovery::{self, Supply, supply};
use crate::vault::{Error, find, ops};

const EXAMPLES: &str = "\
Examples:
  tessera recovery acme add codes.txt
      store the codes from a file saved from the dashboard (any common layout);
      replaces the previous set, as dashboards do when they regenerate codes
  tessera recovery acme
      list the codes and which ones were used
  tessera recovery acme use -
      mark a code as used: type it when asked (hidden; spaces, hyphens and case
      do not matter); a code in the arguments would show in `ps` and your history";

/// What to do with the codes.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List the codes and when each was used (the default).
    List,
    /// Store the codes from FILE, replacing any previous set.
    Add {
        /// A text file holding the codes as the service showed them.
        file: PathBuf,
    },
    /// Mark one code as used.
    Use {
        /// `-` to read the code from standard input (a hidden prompt on a
        /// terminal); or the code itself (visible to other users in `ps`).
        #[arg(value_name = "CODE|-")]
        code: String,
    },
}

/// Arguments of `tessera recovery`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The entry: its id, an id prefix, or a query matching only it.
    id: String,
    #[command(subcommand)]
    action: Option<Action>,
}

pub fn run(args: &Args, input: &mut Input<'_>) -> Result<(), Failure> {
    // A code to mark is read before the vault is unlocked (see `add -`).
    let used = match &args.action {
        Some(Action::Use { code }) if code == "-" => Some(input.secret_from_stdin(
            &super::input::prompt(Key::CliPromptRecoveryCode, &[]),
            super::input::Asked::RecoveryCode,
        )?),
        Some(Action::Use { code }) => {
            super::entries::warn_secret_in_argv(
                super::entries::ArgvSecret::RecoveryCode,
                "tessera recovery ID use -",
            );
            Some(zeroize::Zeroizing::new(code.clone()))
        }
        _ => None,
    };
    let mut vault = input.open_vault()?;
    let id = find(vault.entries(), &args.id)?.id.clone();
    let now = SystemClock.now();

    match args.action.as_ref().unwrap_or(&Action::List) {
        Action::List => {
            let entry = vault
                .entries()
                .iter()
                .find(|e| e.id == id)
                .ok_or(Error::Gone)?;
            if entry.recovery_codes.is_empty() {
                say!(
                    "{}",
                    text(
                        Key::CliRecoveryNone,
                        &[("label", &label(&entry.account.label())), ("id", &args.id)]
                    )
                );
                return Ok(());
            }
            for code in &entry.recovery_codes {
                match code.used_at {
                    Some(at) => say!(
                        "{}  {}",
                        code.code.expose(),
                        text(Key::CliRecoveryUsedAt, &[("at", &at.secs().to_string())])
                    ),
                    None => say!("{}", code.code.expose()),
                }
            }
            if let Supply::Few(_) | Supply::Exhausted = supply(entry) {
                super::note(text(
                    Key::CliRecoveryLow,
                    &[("n", &entry.unused_recovery_codes().to_string())],
                ));
            }
        }
        Action::Add { file } => {
            let block = crate::secret::read_text_file(file, crate::secret::MAX_SMALL_FILE)
                .map_err(|e| {
                    Failure::said(
                        Key::CliFileUnreadable,
                        &[
                            ("path", &file.display().to_string()),
                            ("reason", &e.to_string()),
                        ],
                    )
                })?;
            let codes = recovery::parse_block(&block)?;
            let count = codes.len();
            let replaced =
                vault.modify(|entries| ops::replace_recovery_codes(entries, &id, codes, now))?;
            say!(
                "{}",
                text(Key::CliRecoveryStored, &[("n", &count.to_string())])
            );
            if replaced > 0 {
                super::note(text(
                    Key::CliRecoveryReplaced,
                    &[("n", &replaced.to_string())],
                ));
            }
        }
        Action::Use { .. } => {
            let code = used.as_deref().map_or("", |c| c.trim());
            let left = vault.modify(|entries| ops::use_recovery_code(entries, &id, code, now))?;
            say!(
                "{}",
                text(Key::CliRecoveryMarked, &[("left", &left.to_string())])
            );
        }
    }
    Ok(())
}
