//! `backup --to DIR`: an encrypted backup now; `backup --auto DIR` and
//! `--auto-off`: automatic backups after changes (the same setting as the
//! app's Settings); and the automatic backup every vault command makes
//! after it ran ([`after_command`]).

use std::path::{Path, PathBuf};

use super::input::Input;
use super::{Failure, note, say, text};
use crate::clock::{Clock as _, SystemClock};
use crate::i18n::Key;
use crate::vault::backup::{self, Outcome};
use crate::vault::{self, History, Vault};

const EXAMPLES: &str = "\
Examples:
  tessera backup --to /media/usb/tessera
      write an encrypted backup of the vault there now, e.g. vault-2026-11-30T151700Z.tessera
  tessera backup --auto ~/Backups/tessera
      from now on, back the vault up there after changes
  tessera backup --auto-off
      stop automatic backups; the backups made stay where they are
  tessera restore /media/usb/tessera/vault-2026-11-30T151700Z.tessera
      go back to a backup (it opens with the password the vault had then)

A backup is the vault file as it is: encrypted, opened by the vault's password (no
password is asked to make one). Its name holds the time it was made (UTC); nothing is
ever written over. The folder is created (readable by you only) when missing.
Every folder a backup goes to is remembered on this computer (the last 20), so
`tessera restore --list` lists the backups in it whenever it is there.
Automatic backups: after a change, at most one a minute, keeping the newest 10 and the
newest of each of the last 30 days; a folder that is missing (a drive not connected)
is reported once, and the vault is saved all the same.";

/// Arguments of `tessera backup`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
#[group(required = true, multiple = false, args = ["to", "auto", "auto_off"])]
pub struct Args {
    /// Write an encrypted backup of the vault into this folder now.
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
    /// Back the vault up into this folder after changes from now on.
    #[arg(long, value_name = "DIR")]
    auto: Option<PathBuf>,
    /// Stop automatic backups of this vault.
    #[arg(long)]
    auto_off: bool,
}

pub fn run(args: &Args, input: &Input<'_>) -> Result<(), Failure> {
    let path = input.vault_path()?;
    let history = input.history()?;
    if let Some(dir) = &args.to {
        let written = backup::write(&path, dir, &history, SystemClock.now())?;
        say!(
            "{}",
            text(
                Key::CliBackupWritten,
                &[("path", &written.path.display().to_string())]
            )
        );
        if let Some(error) = &written.not_remembered {
            note(text(
                Key::CliBackupNotRemembered,
                &[
                    (
                        "reason",
                        &crate::i18n::Localize::localized(error, super::lang()),
                    ),
                    ("path", &written.path.display().to_string()),
                ],
            ));
        }
        return Ok(());
    }
    let id = Vault::inspect(&path)?.id;
    let shown = path.display().to_string();
    match &args.auto {
        Some(dir) => {
            backup::set_folder(&history, &id, Some(dir))?;
            let folder = backup::folder(&history, &id)?.unwrap_or_else(|| dir.clone());
            let folder_shown = folder.display().to_string();
            say!(
                "{}",
                text(
                    Key::CliBackupAutoOn,
                    &[("vault", &shown), ("folder", &folder_shown)]
                )
            );
            if folder.is_dir() {
                // The first backup now, so the folder holds the vault at once.
                report(&path, backup::automatic(&path, &history, SystemClock.now()));
            } else {
                note(text(Key::BackupFolderMissing, &[("folder", &folder_shown)]));
            }
        }
        None => {
            backup::set_folder(&history, &id, None)?;
            say!("{}", text(Key::CliBackupAutoOff, &[("vault", &shown)]));
        }
    }
    Ok(())
}

/// After a command that opened the vault at `path`: the automatic backup,
/// if one is due. Never fails the command (the vault is saved already): a
/// missing folder, or one that refuses the backup, is noted once until a
/// backup works again (the next command tries again); an error reading the
/// vault or this computer's record each time.
pub fn after_command(path: &Path, history: &History) {
    if path.is_file() {
        report(path, backup::automatic(path, history, SystemClock.now()));
    }
}

fn report(path: &Path, outcome: Result<Outcome, vault::Error>) {
    match outcome {
        Ok(Outcome::FolderMissing {
            folder,
            first: true,
        }) => note(text(
            Key::BackupFolderMissing,
            &[("folder", &folder.display().to_string())],
        )),
        Ok(Outcome::Failed {
            error, first: true, ..
        }) => failed(path, &error),
        Ok(_) => {}
        Err(error) => failed(path, &error),
    }
}

fn failed(path: &Path, error: &vault::Error) {
    note(text(
        Key::CliBackupFailed,
        &[
            ("vault", &path.display().to_string()),
            (
                "reason",
                &crate::i18n::Localize::localized(error, super::lang()),
            ),
        ],
    ));
}
