//! `init`, `passwd` and `keyring enable|disable`: creating the vault and the
//! ways to unlock it.

use std::path::PathBuf;

use super::input::Input;
use super::{Failure, note, say, text};
use crate::i18n::{Key, Localize as _};
use crate::keystore::{self, Keystore as _};
use crate::vault::{self, KdfPolicy, Vault};

const INIT_EXAMPLES: &str = "\
Examples:
  tessera init
      create the vault at the default place; asks for a password twice
  tessera init --keyring
      also store an unlock key in the system keyring, so no password is asked
  tessera --vault ./work.tessera --password-file pw.txt init";

/// Arguments of `tessera init`.
#[derive(Debug, clap::Args)]
#[command(after_help = INIT_EXAMPLES)]
pub struct InitArgs {
    /// Also unlock with the system keyring (Secret Service) from now on.
    #[arg(long)]
    keyring: bool,
}

pub fn init(args: &InitArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    let path = input.vault_path()?;
    if path.exists() {
        return Err(vault::Error::AlreadyExists { path }.into());
    }
    let password = input.new_password(true)?;
    let history = input.history()?;
    let mut vault = Vault::create_tracked(&path, &password, &KdfPolicy::standard(), &history)?;
    say!(
        "{}",
        text(Key::CliCreated, &[("path", &path.display().to_string())])
    );
    if args.keyring {
        enable(&mut vault, input).map_err(|failure| {
            Failure::said(
                Key::CliKeyringSetupFailed,
                &[("reason", failure_text(&failure))],
            )
        })?;
        say!("{}", text(Key::CliKeyringWillUnlock, &[]));
    }
    Ok(())
}

fn failure_text(failure: &Failure) -> &str {
    match failure {
        Failure::User(m) | Failure::Usage(m) => m,
        Failure::Closed => "",
    }
}

/// Stores a fresh key in the keyring, then adds the slot it opens.
fn enable(vault: &mut Vault, input: &Input<'_>) -> Result<(), Failure> {
    Ok(crate::keystore::enable_unlock(
        vault,
        std::sync::Arc::new(input.keystore()),
    )?)
}

const PASSWD_EXAMPLES: &str = "\
Examples:
  tessera passwd
      asks for the current password (unless the keyring unlocks), then the new one twice
  printf '%s\\n' \"$OLD\" \"$NEW\" | tessera --no-keyring passwd
  tessera --password-file old.txt passwd --new-password-file new.txt";

/// Arguments of `tessera passwd`.
#[derive(Debug, clap::Args)]
#[command(after_help = PASSWD_EXAMPLES)]
pub struct PasswdArgs {
    /// Read the new password from the first line of this file.
    #[arg(long, value_name = "FILE")]
    new_password_file: Option<PathBuf>,
}

pub fn passwd(args: &PasswdArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    let mut vault = input.open_vault()?;
    let new = match &args.new_password_file {
        Some(file) => input.check_new_password(super::input::password_file(file)?)?,
        None => input.new_password(false)?,
    };
    // The keyring slot is re-sealed under the key the keyring holds; if the
    // keyring does not answer now, keyring unlock is turned off (and said so).
    let keyring_key = if vault.has_keyring_slot() {
        input.keystore().get(&vault.id()).ok().flatten()
    } else {
        None
    };
    let had_keyring = vault.has_keyring_slot();
    let kept = vault.change_password(&new, &KdfPolicy::standard(), keyring_key.as_ref())?;
    say!(
        "{}",
        text(
            Key::CliPasswordChanged,
            &[("path", &vault.path().display().to_string())]
        )
    );
    if had_keyring && !kept {
        note(text(Key::CliKeyringTurnedOff, &[]));
    }
    Ok(())
}

/// What to do with keyring unlock.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum KeyringAction {
    /// Store an unlock key in the system keyring.
    Enable,
    /// Remove the keyring unlock and its key.
    Disable,
}

/// Arguments of `tessera keyring`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tessera keyring enable\n      also keeps the record of the vault versions seen in the keyring, so an older\n      copy put back is refused even when ~/.local/state/tessera was deleted\n  tessera keyring disable\n      asks for the password: the vault is re-encrypted under a new key, so the key\n      left in the keyring (or a copy of it) opens nothing saved from now on"
)]
pub struct KeyringArgs {
    /// `enable` or `disable`.
    action: KeyringAction,
}

pub fn keyring(args: &KeyringArgs, input: &mut Input<'_>) -> Result<(), Failure> {
    let mut vault = input.open_vault()?;
    match args.action {
        KeyringAction::Enable => {
            enable(&mut vault, input)?;
            say!(
                "{}",
                text(
                    Key::CliKeyringNowUnlocks,
                    &[("path", &vault.path().display().to_string())]
                )
            );
        }
        KeyringAction::Disable => {
            let had_slot = vault.has_keyring_slot();
            let left = if had_slot {
                // Re-keyed, like `passwd`: the key left in the keyring (or in
                // any copy of it) opens no later save.
                let password = input.current_password(&vault)?;
                keystore::disable_unlock(
                    &mut vault,
                    &input.keystore(),
                    &password,
                    &KdfPolicy::standard(),
                )?
            } else {
                keystore::forget(&vault.id(), &input.keystore()).err()
            };
            if let Some(e) = left {
                note(text(
                    Key::CliKeyringKeyNotRemoved,
                    &[("reason", &e.localized(super::lang()))],
                ));
            }
            if had_slot {
                say!("{}", text(Key::KeyringOff, &[]));
            } else {
                say!("{}", text(Key::CliKeyringAlreadyOff, &[]));
            }
        }
    }
    Ok(())
}
