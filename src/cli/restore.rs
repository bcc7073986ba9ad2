//! `restore FILE`: taking an older copy or a backup of the vault on purpose.

use std::path::PathBuf;

use super::input::Input;
use super::{Failure, lang, say};
use crate::i18n::{Key, tf};
use crate::vault::{KdfPolicy, Vault};

const EXAMPLES: &str = "\
Examples:
  tessera restore ~/.local/state/tessera/vaults/ID/previous/vault.tessera.bak1
      go back to the version before the last change; asks for that copy's password
  tessera --password-file old.txt restore ~/backup/vault.tessera
      a copy made before a password change opens with the password it had then
  tessera restore ~/.local/share/tessera/vault.tessera
      keep an older copy that was put in place of the vault (it is refused otherwise)

The restored copy becomes the newest version of the vault (with the password it
had), and the vault it replaces is kept as its newest previous version
(vault.tessera.bak1 in ~/.local/state/tessera/vaults/ID/previous/, ID being the
vault's id, as `tessera list` errors and docs/sync.md show; the 3 newest are kept).
Copying an older file over the vault by hand does not work: Tessera remembers the
newest version this computer has seen and refuses older ones.";

/// Arguments of `tessera restore`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The older copy or backup to go back to.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn run(args: &Args, input: &mut Input<'_>) -> Result<(), Failure> {
    let path = input.vault_path()?;
    let history = input.history()?;
    let policy = KdfPolicy::standard();
    let replaced = path.exists();
    // The copy's own password (it may be an older one): never the keyring,
    // whose key belongs to the vault as it is now.
    let vault = input.unlock(&args.file, false, |unlock| {
        Vault::restore(&path, &args.file, unlock, &policy, &history)
    })?;
    let lang = lang();
    let n = vault.entries().len().to_string();
    let source = args.file.display().to_string();
    let target = path.display().to_string();
    say!(
        "{}",
        tf(
            lang,
            Key::RestoreDone,
            &[("source", &source), ("path", &target), ("n", &n)]
        )
    );
    if let (true, Some(backup)) = (replaced, vault.previous_versions().first()) {
        let backup = backup.display().to_string();
        say!("{}", tf(lang, Key::RestoreKept, &[("backup", &backup)]));
    }
    Ok(())
}
