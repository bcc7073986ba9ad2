//! A vault in a folder that a sync tool keeps (Syncthing, Nextcloud,
//! ownCloud, Dropbox): finding the conflict copies those tools leave beside
//! the vault when two computers changed it apart, merging each into the
//! vault ([`super::merge`]) and moving it out of the synced folder into
//! Tessera's state directory. See `docs/sync.md`.
//!
//! The names, for a vault `NAME.tessera` (`NAME` and the extension split at
//! the last dot; a name without a dot has no extension):
//!
//! | tool | conflict copy |
//! |---|---|
//! | Syncthing | `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.tessera` |
//! | Nextcloud, ownCloud | `NAME (conflicted copy YYYY-MM-DD HHMMSS).tessera` |
//! | Dropbox | `NAME (DEVICE's conflicted copy YYYY-MM-DD).tessera`, also with ` (1)` after it |
//! | ownCloud (older clients) | `NAME_conflict-YYYYMMDD-HHMMSS.tessera` |

use std::fs;
use std::path::{Path, PathBuf};

use super::entry::Entry;
use super::error::Error;
use super::history::History;
use super::kdf::KdfPolicy;
use super::{Unlock, Vault, file};

/// The folder inside a vault's state folder that keeps merged conflict copies.
const MERGED: &str = "merged";
/// Most conflict copies looked at beside one vault.
const MAX_COPIES: usize = 64;

/// What merging one copy changed in the vault.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// Accounts the copy had that the vault had not.
    pub added: usize,
    /// Accounts whose fields changed.
    pub changed: usize,
    /// Accounts the copy had removed (after the vault's last change to them).
    pub removed: usize,
}

impl Merged {
    /// The difference between the entries before and after a merge.
    pub(crate) fn between(before: &[Entry], after: &[Entry]) -> Self {
        let find = |list: &[Entry], e: &Entry| list.iter().find(|x| x.id == e.id).cloned();
        let mut out = Self::default();
        for entry in after {
            match find(before, entry) {
                None => out.added += 1,
                Some(old) if old != *entry => out.changed += 1,
                Some(_) => {}
            }
        }
        out.removed = before.iter().filter(|e| find(after, e).is_none()).count();
        out
    }

    /// Whether the copy brought nothing new.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// What [`Vault::merge_conflicts`] did with the conflict copies beside a vault.
#[derive(Debug, Default)]
pub struct SyncReport {
    /// Copies merged: the copy's name, where it was moved, what it changed.
    pub merged: Vec<(PathBuf, Option<PathBuf>, Merged)>,
    /// Copies of this vault under another password (or an older key): left
    /// in place; `tessera merge FILE` asks for their password.
    pub need_password: Vec<PathBuf>,
    /// Copies that could not be merged, with why (another vault, damaged,
    /// from a newer Tessera): left in place.
    pub left: Vec<(PathBuf, Error)>,
}

/// Splits a file name into the part before its last dot and the extension
/// with its dot (`vault.tessera` → `vault`, `.tessera`).
fn split_name(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(0) | None => (name, ""),
        Some(dot) => name.split_at(dot),
    }
}

fn digits(text: &str, n: usize) -> bool {
    text.len() == n && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `candidate` is the name a sync tool gives a conflict copy of the
/// file named `vault`.
pub fn is_conflict_copy(vault: &str, candidate: &str) -> bool {
    let (stem, ext) = split_name(vault);
    let Some(middle) = candidate
        .strip_prefix(stem)
        .and_then(|rest| rest.strip_suffix(ext))
    else {
        return false;
    };
    if middle.is_empty() {
        return false;
    }
    // Syncthing: .sync-conflict-YYYYMMDD-HHMMSS-DEVICE (DEVICE: the first
    // 7 characters of the device id, base32).
    if let Some(rest) = middle.strip_prefix(".sync-conflict-") {
        let parts: Vec<&str> = rest.splitn(3, '-').collect();
        return matches!(parts.as_slice(), [date, time, device]
            if digits(date, 8) && digits(time, 6) && !device.is_empty()
                && device.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
    // ownCloud before 2.5: _conflict-YYYYMMDD-HHMMSS
    if let Some(rest) = middle.strip_prefix("_conflict-") {
        return matches!(rest.split_once('-'), Some((date, time)) if digits(date, 8) && digits(time, 6));
    }
    // Nextcloud/ownCloud " (conflicted copy DATE TIME)", Dropbox
    // " (DEVICE's conflicted copy DATE)", either maybe followed by " (N)".
    let Some(inner) = middle.strip_prefix(" (") else {
        return false;
    };
    let inner = match inner.rsplit_once(") (") {
        Some((head, n))
            if n.strip_suffix(')')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            head
        }
        _ => match inner.strip_suffix(')') {
            Some(head) => head,
            None => return false,
        },
    };
    inner.to_lowercase().contains("conflicted copy")
}

/// The conflict copies beside the vault at `path`, in name order (at most
/// [`MAX_COPIES`]): regular files only, never links.
pub fn conflict_copies(path: &Path) -> Vec<PathBuf> {
    let Some(vault) = path.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    let Ok(listing) = fs::read_dir(file::parent(path)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = listing
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|name| is_conflict_copy(vault, name))
        })
        .filter(|e| fs::symlink_metadata(e.path()).is_ok_and(|m| m.is_file()))
        .map(|e| e.path())
        .collect();
    out.sort();
    out.truncate(MAX_COPIES);
    out
}

impl Vault {
    /// Merges another copy of this vault (a sync tool's conflict copy, or a
    /// copy made by hand) into it and saves. The copy is read with this
    /// vault's key when it has it (same password since it was made), else
    /// unlocked with `unlock` when given (one KDF run: a wrong password is
    /// [`Error::WrongPassword`] for the copy); without `unlock`, a copy under
    /// another key is [`Error::CopyLocked`]. A copy of another vault is
    /// [`Error::CopyOfOtherVault`]. The copy's age does not matter: merging
    /// an older copy changes nothing, and its removals and edits count only
    /// by their stamps.
    pub fn merge_copy(
        &mut self,
        copy: &Path,
        unlock: Option<Unlock<'_>>,
        policy: &KdfPolicy,
    ) -> Result<Merged, Error> {
        let bytes = file::read(copy)?;
        let parsed = super::parse(copy, &bytes)?;
        if parsed.header.vault_id != self.header.vault_id {
            return Err(Error::CopyOfOtherVault {
                path: self.path.clone(),
                copy: copy.to_owned(),
            });
        }
        let locked = || Error::CopyLocked {
            path: self.path.clone(),
            copy: copy.to_owned(),
        };
        let contents = match super::decrypt(copy, &parsed, &self.data_key) {
            Ok(contents) => contents,
            // Made under another data key (before or after a password change).
            Err(Error::Damaged { .. }) if parsed.header.slots != self.header.slots => {
                let Some(unlock) = unlock else {
                    return Err(locked());
                };
                Self::open_bytes(copy, &bytes, unlock, policy)?.contents
            }
            Err(e) => return Err(e),
        };
        self.merge_contents(&contents, &parsed.header.versions)
    }

    /// Merges every conflict copy beside the vault that opens with its key
    /// (or with `unlock`, the way the vault was just unlocked), and moves
    /// each merged copy into the vault's folder in the state directory
    /// (`merged/`), out of the synced folder. Copies that need another
    /// password, or cannot be merged, stay where they are and are reported.
    pub fn merge_conflicts(
        &mut self,
        unlock: Option<Unlock<'_>>,
        policy: &KdfPolicy,
    ) -> Result<SyncReport, Error> {
        let mut report = SyncReport::default();
        for copy in conflict_copies(&self.path) {
            match self.merge_copy(&copy, unlock, policy) {
                Ok(merged) => {
                    let kept = match &self.history {
                        Some(history) => Some(keep_merged(history, &self.id(), &copy)?),
                        None => None,
                    };
                    report.merged.push((copy, kept, merged));
                }
                Err(
                    Error::CopyLocked { .. }
                    | Error::WrongPassword { .. }
                    | Error::KeyringKeyRejected { .. }
                    | Error::NoSuchSlot { .. },
                ) => report.need_password.push(copy),
                Err(
                    e @ (Error::CopyOfOtherVault { .. }
                    | Error::Damaged { .. }
                    | Error::NotAVault { .. }
                    | Error::NewerVersion { .. }
                    | Error::WeakKdf { .. }
                    | Error::ExcessiveKdf { .. }),
                ) => report.left.push((copy, e)),
                Err(e) => return Err(e),
            }
        }
        Ok(report)
    }

    /// After [`Vault::merge_copy`] of `copy`: moves it into the state
    /// directory when it is a conflict copy beside this vault; returns where.
    pub fn put_away(&self, copy: &Path) -> Result<Option<PathBuf>, Error> {
        let beside = file::parent(copy) == file::parent(&self.path);
        let named = match (copy.file_name(), self.path.file_name()) {
            (Some(c), Some(v)) => is_conflict_copy(&v.to_string_lossy(), &c.to_string_lossy()),
            _ => false,
        };
        match &self.history {
            Some(history) if beside && named => Ok(Some(keep_merged(history, &self.id(), copy)?)),
            _ => Ok(None),
        }
    }
}

/// Moves a merged copy into `<state>/vaults/<id>/merged/` (0700), under a
/// name not taken yet; copies across file systems when a rename cannot.
fn keep_merged(history: &History, vault_id: &str, copy: &Path) -> Result<PathBuf, Error> {
    let dir = history.vault_dir(vault_id).join(MERGED);
    // Creates the folder 0700 (and checks it) like the vault's own.
    file::ensure_dir(&dir.join("x"))?;
    let name = copy
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let mut target = dir.join(&name);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = dir.join(format!("{name}.{n}"));
    }
    if fs::rename(copy, &target).is_err() {
        let bytes = file::read(copy)?;
        file::write_new(&target, &bytes)?;
        fs::remove_file(copy).map_err(|e| Error::io("remove", copy, e))?;
    }
    file::sync_dir(&dir)?;
    file::sync_dir(file::parent(copy))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_each_tool_gives_conflict_copies() {
        let yes = [
            "vault.sync-conflict-20261130-121314-ABCDEF7.tessera",
            "vault (conflicted copy 2026-11-30 121314).tessera",
            "vault (conflicted copy alice 2026-11-30 121314).tessera",
            "vault (Laptop's conflicted copy 2026-11-30).tessera",
            "vault (Laptop's conflicted copy 2026-11-30) (1).tessera",
            "vault (João's Conflicted Copy).tessera",
            "vault_conflict-20261130-121314.tessera",
        ];
        for name in yes {
            assert!(is_conflict_copy("vault.tessera", name), "{name}");
        }
        let no = [
            "vault.tessera",
            "vault.tessera.bak1",
            ".vault.tessera.tmp-0011aabb",
            "vault.sync-conflict-2026-121314-ABCDEF7.tessera",
            "vault.sync-conflict-20261130-121314-.tessera",
            "vault (1).tessera",
            "other (conflicted copy 2026-11-30 121314).tessera",
            "vault (conflicted copy 2026-11-30 121314).tessera.bak1",
            "vault.sync-conflict-20261130-121314-ABCDEF7.tessera.lock",
            "myvault (conflicted copy 2026-11-30 121314).tessera",
        ];
        for name in no {
            assert!(!is_conflict_copy("vault.tessera", name), "{name}");
        }
        // A vault whose name has no extension.
        assert!(is_conflict_copy(
            "secrets",
            "secrets.sync-conflict-20261130-121314-ABCDEF7"
        ));
        assert!(is_conflict_copy(
            "secrets",
            "secrets (conflicted copy 2026-11-30 121314)"
        ));
    }
}
