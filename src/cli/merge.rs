//! `merge FILE`: merging another copy of the vault into it, such as a sync
//! tool's conflict copy saved under another password (docs/sync.md).

use std::path::PathBuf;

use super::input::{Input, merged_line, password_file};
use super::{Failure, lang, say};
use crate::i18n::{Key, tf};
use crate::secret::Password;
use crate::vault::{Error, KdfPolicy, Unlock};

const EXAMPLES: &str = "\
Examples:
  tessera merge '~/Sync/vault (conflicted copy 2026-11-30 101500).tessera'
      merge a conflict copy saved under another password; asks for that copy's password
  tessera merge --source-password-file old.txt ~/Sync/vault.sync-conflict-20261130-101500-ABCDEF7.tessera
      the same, the copy's password read from the first line of old.txt

Conflict copies beside the vault that open with its password are merged whenever a
command or the app opens the vault; only copies under another password need this
command. Per account and per field: an account added on either side is kept, the
later edit of a field wins, a removal wins over earlier edits and loses to later
ones, HOTP counters take the higher value, and a recovery code used on either side
stays used. A merged conflict copy is moved out of the synced folder into Tessera's
state folder (~/.local/state/tessera/vaults/ID/merged/).";

/// Arguments of `tessera merge`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The other copy of the vault (a sync tool's conflict copy, or any copy).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Read the copy's password from the first line of this file (otherwise
    /// it is asked for when the copy needs it).
    #[arg(long, value_name = "F")]
    source_password_file: Option<PathBuf>,
}

pub fn run(args: &Args, input: &mut Input<'_>) -> Result<(), Failure> {
    let mut vault = input.open_vault()?;
    let policy = KdfPolicy::standard();
    let same = |a: &std::path::Path, b: &std::path::Path| {
        a == b || std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
    };
    if !args.file.exists() {
        // Opening the vault may just have merged it (a copy under the same password).
        return Err(Error::NotFound {
            path: args.file.clone(),
        }
        .into());
    }
    let merged = match vault.merge_copy(&args.file, None, &policy) {
        Ok(merged) => merged,
        Err(Error::CopyLocked { .. }) => {
            let password = match &args.source_password_file {
                Some(file) => password_file(file)?,
                None => {
                    let prompt = format!("Password of the copy {}: ", args.file.display());
                    Password::new(
                        input
                            .secret_line(&prompt, "password of the copy")?
                            .to_string(),
                    )
                }
            };
            vault.merge_copy(&args.file, Some(Unlock::Password(&password)), &policy)?
        }
        Err(e) => return Err(e.into()),
    };
    input.unmerged.retain(|p| !same(p, &args.file));
    let kept = vault.put_away(&args.file)?;
    say!("{}", super::sentence(&merged_line(&args.file, &merged)));
    if let Some(kept) = kept {
        let kept = kept.display().to_string();
        say!(
            "{}",
            super::sentence(&tf(lang(), Key::SyncMergedKept, &[("kept", &kept)]))
        );
    }
    Ok(())
}
