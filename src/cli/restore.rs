//! `restore FILE`: taking an older copy or a backup of the vault on purpose.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use super::input::Input;
use super::{Failure, lang, say, text};
use crate::i18n::{Key, earlier, tf};
use crate::vault::earlier::Earlier;
use crate::vault::{KdfPolicy, Vault};

const EXAMPLES: &str = "\
Examples:
  tessera restore --list
      the previous versions and backups kept, newest first, with their dates
      and how many accounts each holds
  tessera restore ~/usb/vault-2026-11-30T151700Z.tessera --dry-run
      what restoring that backup would change (accounts that come back,
      disappear or change), without changing anything
  tessera restore ~/.local/state/tessera/vaults/ID/previous/vault.tessera.bak1
      go back to the version before the last change; asks for that copy's password
  tessera --password-file old.txt restore ~/backup/vault.tessera
      a copy made before a password change opens with the password it had then
  tessera restore ~/.local/share/tessera/vault.tessera
      keep an older copy that was put in place of the vault (it is refused otherwise)

The restored copy becomes the newest version of the vault (with the password it
had), and the vault it replaces is kept as its newest previous version
(vault.tessera.bak1 in ~/.local/state/tessera/vaults/ID/previous/, ID being the
vault's id; the 3 newest are kept, and `tessera restore --list` shows their paths).
Before restoring, it shows what would change, and on a terminal asks first
(--yes does not ask; without a terminal it does not ask either).
Copying an older file over the vault by hand does not work: Tessera remembers the
newest version this computer has seen and refuses older ones.";

/// Arguments of `tessera restore`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The older copy or backup to go back to.
    #[arg(value_name = "FILE", required_unless_present = "list")]
    file: Option<PathBuf>,
    /// List the earlier versions kept (previous versions and backups), newest
    /// first, with their dates and account counts; restores nothing.
    #[arg(long, conflicts_with_all = ["file", "dry_run", "yes"])]
    list: bool,
    /// Show what restoring FILE would change, and change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Do not ask before restoring (it asks only on a terminal).
    #[arg(long, short)]
    yes: bool,
}

pub fn run(args: &Args, input: &mut Input<'_>) -> Result<(), Failure> {
    match &args.file {
        Some(file) => restore(args, file, input),
        None => list(input),
    }
}

/// `restore --list`: the earlier versions, opened with the vault's key.
fn list(input: &mut Input<'_>) -> Result<(), Failure> {
    let vault = input.open_vault()?;
    let lang = lang();
    let found = vault.earlier_versions();
    if found.is_empty() {
        say!("{}", text(Key::CliRestoreListNone, &[]));
        return Ok(());
    }
    let path = vault.path().display().to_string();
    say!("{}", text(Key::CliRestoreListTitle, &[("path", &path)]));
    for candidate in &found {
        say!(
            "  {}  {}  {}\n    {}",
            earlier::date(lang, candidate),
            earlier::kind(lang, candidate),
            earlier::state(lang, candidate),
            candidate.path.display()
        );
    }
    say!("{}", text(Key::CliRestoreListHint, &[]));
    Ok(())
}

/// `restore FILE`: the copy opened with its own password, what restoring it
/// would change, the question (on a terminal), then the restore.
fn restore(args: &Args, file: &Path, input: &mut Input<'_>) -> Result<(), Failure> {
    let path = input.vault_path()?;
    // With keyring unlock on, the restored version is made newer than the
    // keyring's record too.
    let history = input.tracked_history(&path)?;
    let policy = KdfPolicy::standard();
    let replaced = path.exists();
    // The copy's own password (it may be an older one): never the keyring,
    // whose key belongs to the vault as it is now.
    let copy = input.unlock(file, false, |unlock| Vault::open(file, unlock, &policy))?;
    let found = Earlier::against_file(copy, file, &path);
    let lang = lang();
    for line in earlier::summary(lang, &found.preview) {
        say!("{line}");
    }
    if args.dry_run {
        say!("{}", text(Key::CliRestoreDryRun, &[]));
        return Ok(());
    }
    if !args.yes
        && std::io::stdin().is_terminal()
        && !input.confirm(&text(Key::CliRestoreConfirm, &[]))
    {
        return Err(Failure::said(Key::CliRestoreDeclined, &[]));
    }
    let vault = Vault::restore_earlier(&path, found, &history)?;
    let n = vault.entries().len().to_string();
    let source = file.display().to_string();
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
