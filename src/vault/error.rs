//! Errors of the `vault` module. None carries key material or entry content.

use std::path::PathBuf;
use std::sync::Arc;

use thiserror::Error;

use super::kdf::KdfParams;

/// What went wrong with a vault, worded for the person who has to act on it.
#[derive(Clone, Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// The password does not unlock the vault.
    #[error("{}", wrong_password_message(path, unusual_kdf.as_ref()))]
    WrongPassword {
        /// The vault file.
        path: PathBuf,
        /// The password settings in the file when they are not the ones
        /// Tessera writes (a sign the file may have been tampered with).
        unusual_kdf: Option<KdfParams>,
    },
    /// The key from the system keyring does not unlock this vault.
    #[error(
        "the key stored in the system keyring does not unlock the vault at {path}; unlock it with the password, then turn keyring unlock off and on again"
    )]
    KeyringKeyRejected {
        /// The vault file.
        path: PathBuf,
    },
    /// The file is damaged or was tampered with.
    #[error("{}", damaged_message(path, detail, last_good_backup.as_deref()))]
    Damaged {
        /// The vault file.
        path: PathBuf,
        /// What check failed (no secret content).
        detail: String,
        /// The newest backup whose structure checks out, if any.
        last_good_backup: Option<PathBuf>,
    },
    /// The file is not a Tessera vault at all.
    #[error("{path} is not a Tessera vault; check the path given with --vault or TESSERA_VAULT")]
    NotAVault {
        /// The file.
        path: PathBuf,
    },
    /// Written by a newer Tessera with a format this one cannot read.
    #[error(
        "the vault at {path} was written by a newer version of Tessera (format {found}, this one reads up to {supported}); update Tessera to open it"
    )]
    NewerVersion {
        /// The vault file.
        path: PathBuf,
        /// The version found.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// Another process is writing the vault right now.
    #[error(
        "the vault at {path} is open for writing elsewhere (another Tessera window or command); wait a moment and try again"
    )]
    OpenElsewhere {
        /// The vault file.
        path: PathBuf,
    },
    /// The vault was replaced by a different vault since it was opened.
    #[error(
        "the vault at {path} was replaced by a different vault since it was opened; nothing was saved. Open it again"
    )]
    Replaced {
        /// The vault file.
        path: PathBuf,
    },
    /// The vault was re-keyed (its password changed) by another handle.
    #[error(
        "the password of the vault at {path} was changed in another Tessera window or command since it was unlocked here; nothing was saved. Unlock it again with the new password"
    )]
    KeyChanged {
        /// The vault file.
        path: PathBuf,
    },
    /// The file is older than a version this computer already opened or saved.
    #[error(
        "the vault at {path} is older than a version of it this computer has already opened or saved: an old copy or a backup was put in its place, so it was not opened. To go back to that version on purpose, run `tessera restore {path}`"
    )]
    RolledBack {
        /// The vault file.
        path: PathBuf,
    },
    /// The record of versions seen (in the state directory) is unreadable.
    #[error(
        "the record of the versions this computer has seen of a vault, {path}, is damaged, so Tessera cannot tell an older copy of the vault from the newest; if you did not change that file yourself, delete it and open the vault again"
    )]
    HistoryDamaged {
        /// The record file.
        path: PathBuf,
    },
    /// `restore` was given a copy of another vault.
    #[error(
        "{source_file} is a copy of a different vault than the one at {path}; nothing was restored. Open it with --vault instead"
    )]
    DifferentVault {
        /// The vault file.
        path: PathBuf,
        /// The file given to restore.
        source_file: PathBuf,
    },
    /// A copy to merge (a sync tool's conflict copy) is of another vault.
    #[error(
        "{copy} is a copy of a different vault than the one at {path}, so it was not merged; open it with --vault to see what it holds"
    )]
    CopyOfOtherVault {
        /// The vault file.
        path: PathBuf,
        /// The copy.
        copy: PathBuf,
    },
    /// A copy to merge does not open with this vault's key or password.
    #[error(
        "{copy} is a copy of the vault at {path} saved under another password (it was changed on one computer while the copy was apart), so it was not merged; run `tessera merge {copy}`, which asks for that copy's password"
    )]
    CopyLocked {
        /// The vault file.
        path: PathBuf,
        /// The copy.
        copy: PathBuf,
    },
    /// No vault at the path.
    #[error(
        "there is no vault at {path}; create one with `tessera init`, or give the right path with --vault"
    )]
    NotFound {
        /// Where one was expected.
        path: PathBuf,
    },
    /// `create` found a file already there.
    #[error(
        "a file already exists at {path}; Tessera will not overwrite it. Choose another path with --vault"
    )]
    AlreadyExists {
        /// The path.
        path: PathBuf,
    },
    /// KDF settings below the accepted minimum: a downgrade.
    #[error(
        "the vault at {path} asks for weaker password protection ({found}) than Tessera accepts ({floor}); the file may have been tampered with, so it was not opened. Restore a backup"
    )]
    WeakKdf {
        /// The vault file.
        path: PathBuf,
        /// The settings in the file.
        found: KdfParams,
        /// The minimum accepted.
        floor: KdfParams,
    },
    /// KDF settings so costly they would exhaust the machine.
    #[error(
        "the vault at {path} asks for more memory or time to check the password ({found}) than Tessera allows ({ceiling}); the file is damaged or was not made by Tessera"
    )]
    ExcessiveKdf {
        /// The vault file.
        path: PathBuf,
        /// The settings in the file.
        found: KdfParams,
        /// The maximum accepted.
        ceiling: KdfParams,
    },
    /// The vault's folder may be written by other users.
    #[error(
        "the folder {path} can be changed by other users, who could replace or roll back the vault in it; make it yours alone (chmod go-w) or keep the vault in another folder"
    )]
    UnsafeFolder {
        /// The folder.
        path: PathBuf,
    },
    /// The lock file is a symbolic link (planted to redirect a write).
    #[error(
        "the lock file {path} is a symbolic link, which Tessera never follows; remove it if you did not make it, and check who else can write to that folder"
    )]
    LockFileLink {
        /// The lock file.
        path: PathBuf,
    },
    /// The vault has no keyring slot (or no password slot) to use.
    #[error("the vault at {path} has no {slot} unlock set up")]
    NoSuchSlot {
        /// The vault file.
        path: PathBuf,
        /// `password` or `keyring`.
        slot: &'static str,
    },
    /// The entry was removed (by another window or command) since it was shown.
    #[error(
        "this account is no longer in the vault (it was removed elsewhere); nothing was changed"
    )]
    Gone,
    /// The person cancelled while the password was being checked; nothing
    /// was written.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// A next code was asked of an account whose code changes by itself.
    #[error(
        "{label} is not a counter-based (HOTP) account; its code changes by itself, so there is no next code to ask for"
    )]
    NotCounterBased {
        /// The account's label.
        label: crate::otp::Label,
    },
    /// An HOTP counter at its largest value.
    #[error("the counter of {label} cannot go any higher; this account cannot give more codes")]
    CounterAtMax {
        /// The account's label.
        label: crate::otp::Label,
    },
    /// New code parameters cannot give codes.
    #[error(transparent)]
    Params(#[from] crate::otp::ParamsError),
    /// A recovery code could not be marked used.
    #[error(transparent)]
    Recovery(#[from] super::recovery::RecoveryError),
    /// The password-hashing settings could not be used to protect a new key.
    #[error(
        "the password-hashing settings ({params}) could not be used; nothing was written. Please report this"
    )]
    KdfRejected {
        /// The settings.
        params: KdfParams,
    },
    /// An operating-system I/O failure.
    #[error("could not {action} {path}: {source}")]
    Io {
        /// What Tessera was doing (`read`, `write`, `lock`...).
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The system's error.
        source: Arc<std::io::Error>,
    },
    /// The system's random number generator failed.
    #[error("the system's random number generator is not available ({0}); nothing was written")]
    Random(#[from] getrandom::Error),
}

fn wrong_password_message(path: &std::path::Path, unusual: Option<&KdfParams>) -> String {
    let mut message = format!(
        "wrong password for the vault at {}; try again (passwords are case-sensitive)",
        path.display()
    );
    if let Some(found) = unusual {
        message.push_str(&format!(
            ". Its password settings ({found}) are not the ones Tessera writes, so the file may have been tampered with: if the password is right, restore a backup"
        ));
    }
    message
}

fn damaged_message(
    path: &std::path::Path,
    detail: &str,
    backup: Option<&std::path::Path>,
) -> String {
    let advice = match backup {
        Some(backup) => format!(
            "the last good backup is {0}; to go back to it, run `tessera restore {0}`",
            backup.display()
        ),
        None => String::from("no intact backup was found next to it"),
    };
    format!(
        "the vault at {} is damaged ({detail}) and was not opened; {advice}",
        path.display()
    )
}

impl Error {
    pub(crate) fn io(action: &'static str, path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_owned(),
            source: Arc::new(source),
        }
    }
}
