//! What this computer remembers of each vault, outside the vault file: the
//! newest version vector it has opened or saved, and the device id it saves
//! under. Kept in Tessera's state directory, one folder per vault id:
//!
//! ```text
//! $XDG_STATE_HOME/tessera/              0700
//!   vaults/<vault id>/                  0700
//!     versions                          0600  {"device": "<16 hex>", "seen": {"<16 hex>": saves, ...}}
//!     versions.lock                     0600  held while the record is read and rewritten
//! ```
//!
//! A vault file whose vector is older than the remembered one (every counter
//! at most, one lower) is refused: it is an old copy or a backup put back in
//! place. A file saved apart on another device (concurrent) is accepted and
//! the remembered vector becomes the join of both. The record only grows.
//!
//! The record is not secret and not authenticated: someone who can rewrite
//! it can also delete it, which makes Tessera forget (the next file opened is
//! taken as the newest). The folder is refused when others may write to it.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::Error;
use super::file;
use super::versions::{DeviceId, MAX_DEVICES, Order, Versions};

/// The record file's name inside a vault's state folder.
const RECORD: &str = "versions";
/// Largest record accepted (a full vector takes about 4 KiB).
const MAX_RECORD_LEN: u64 = 64 * 1024;

/// Where this computer remembers vault versions: Tessera's state directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History {
    dir: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct Record {
    device: String,
    seen: std::collections::BTreeMap<String, u64>,
}

/// A vault's record, read under its lock.
struct Loaded {
    device: DeviceId,
    seen: Versions,
}

impl History {
    /// The history kept in `dir` (normally [`crate::paths::state_dir`]).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The state directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder that holds what this computer keeps for one vault.
    pub fn vault_dir(&self, vault_id: &str) -> PathBuf {
        self.dir.join("vaults").join(vault_id)
    }

    /// The file that remembers a vault's newest version.
    pub fn record_path(&self, vault_id: &str) -> PathBuf {
        self.vault_dir(vault_id).join(RECORD)
    }

    /// The newest versions remembered for a vault (empty when none).
    pub fn remembered(&self, vault_id: &str) -> Result<Versions, Error> {
        Ok(self
            .read(&self.record_path(vault_id))?
            .map(|l| l.seen)
            .unwrap_or_default())
    }

    /// Checks a file's versions against what this computer has seen: an
    /// older file is refused as [`Error::RolledBack`]; otherwise the record
    /// becomes the join of both.
    pub(crate) fn observe(
        &self,
        vault_id: &str,
        path: &Path,
        found: &Versions,
    ) -> Result<(), Error> {
        self.update(vault_id, |loaded| {
            if found.compare(&loaded.seen) == Order::Older {
                return Err(Error::RolledBack {
                    path: path.to_owned(),
                });
            }
            loaded.seen = loaded.seen.join(found);
            Ok(())
        })
    }

    /// The versions for a save on top of `current` (the file's): this
    /// device's counter above both the file's and the highest this computer
    /// remembers for it. Nothing is recorded until [`History::remember`].
    pub(crate) fn next(&self, vault_id: &str, current: &Versions) -> Result<Versions, Error> {
        self.update(vault_id, |loaded| {
            Ok(bump(current, &loaded.seen, loaded.device))
        })
    }

    /// The versions for a restored file: above everything `parts` and the
    /// record hold, so that it is newer than any version seen here.
    pub(crate) fn newest(&self, vault_id: &str, parts: &[&Versions]) -> Result<Versions, Error> {
        self.update(vault_id, |loaded| {
            let all = parts
                .iter()
                .fold(loaded.seen.clone(), |acc, part| acc.join(part));
            Ok(bump(&all, &all, loaded.device))
        })
    }

    /// Records that a file with `versions` was written.
    pub(crate) fn remember(&self, vault_id: &str, versions: &Versions) -> Result<(), Error> {
        self.update(vault_id, |loaded| {
            loaded.seen = loaded.seen.join(versions);
            Ok(())
        })
    }

    /// Reads, changes and rewrites a vault's record under its lock (creating
    /// the record, with a new device id, on first use).
    fn update<T>(
        &self,
        vault_id: &str,
        change: impl FnOnce(&mut Loaded) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let path = self.record_path(vault_id);
        let _lock = file::lock_beside(&path, &file::with_suffix(&path, ".lock"))?;
        let mut loaded = match self.read(&path)? {
            Some(loaded) => loaded,
            None => Loaded {
                device: DeviceId(super::crypto::random()?),
                seen: Versions::new(),
            },
        };
        let before = loaded.seen.clone();
        let existed = path.exists();
        let result = change(&mut loaded)?;
        if !existed || loaded.seen != before {
            write(&path, &loaded)?;
        }
        Ok(result)
    }

    fn read(&self, path: &Path) -> Result<Option<Loaded>, Error> {
        let file = match fs::File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("read", path, e)),
        };
        let mut text = String::new();
        file.take(MAX_RECORD_LEN)
            .read_to_string(&mut text)
            .map_err(|_| damaged(path))?;
        let record: Record = serde_json::from_str(&text).map_err(|_| damaged(path))?;
        let device = DeviceId::from_hex(&record.device).ok_or_else(|| damaged(path))?;
        let mut seen = Versions::new();
        for (id, saves) in &record.seen {
            seen.set(DeviceId::from_hex(id).ok_or_else(|| damaged(path))?, *saves);
        }
        Ok(Some(Loaded { device, seen }))
    }
}

fn damaged(path: &Path) -> Error {
    Error::HistoryDamaged {
        path: path.to_owned(),
    }
}

/// `base` with `device`'s counter one above its counter in `base` and in `seen`.
fn bump(base: &Versions, seen: &Versions, device: DeviceId) -> Versions {
    let mut out = base.clone();
    let saves = base.get(device).max(seen.get(device)).saturating_add(1);
    if out.get(device) == 0 && out.len() >= MAX_DEVICES {
        // The header holds MAX_DEVICES; make room by forgetting the device
        // with the fewest saves (a file it wrote then reads as concurrent
        // elsewhere, never as older). Reached only after that many devices.
        if let Some((fewest, _)) = out.iter().min_by_key(|(_, n)| *n) {
            out.0.remove(&fewest);
        }
    }
    out.set(device, saves);
    out
}

/// Rewrites a record atomically (a temporary file renamed over it), 0600 in
/// a 0700 folder.
fn write(path: &Path, loaded: &Loaded) -> Result<(), Error> {
    let record = Record {
        device: loaded.device.to_hex(),
        seen: loaded
            .seen
            .iter()
            .map(|(device, saves)| (device.to_hex(), saves))
            .collect(),
    };
    let text = serde_json::to_vec(&record).map_err(|_| damaged(path))?;
    let suffix: [u8; 4] = super::crypto::random()?;
    let temp = file::with_suffix(
        path,
        &format!(
            ".tmp-{}",
            suffix
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        ),
    );
    file::write_new(&temp, &text)?;
    if let Err(e) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(Error::io("save", path, e));
    }
    file::sync_dir(file::parent(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_and_refuses_older() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::at(dir.path().join("state"));
        let id = "0b6f3c1e-2f4d-4c1a-9a57-0d5e8f2b7c11";
        let path = Path::new("vault.tessera");
        let first = history.next(id, &Versions::new()).unwrap();
        history.remember(id, &first).unwrap();
        let second = history.next(id, &first).unwrap();
        assert_eq!(second.compare(&first), Order::Newer);
        history.remember(id, &second).unwrap();
        assert!(matches!(
            history.observe(id, path, &first),
            Err(Error::RolledBack { .. })
        ));
        history.observe(id, path, &second).unwrap();
        // Another device's save on top of `first`: concurrent, accepted, joined.
        let mut other = first.clone();
        other.set(DeviceId([9; 8]), 1);
        history.observe(id, path, &other).unwrap();
        assert_eq!(history.remembered(id).unwrap(), second.join(&other));
        // The device id stays the same from save to save.
        let third = history.next(id, &second).unwrap();
        assert_eq!(third.len(), 1);
    }

    #[test]
    fn a_damaged_record_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::at(dir.path());
        let id = "0b6f3c1e-2f4d-4c1a-9a57-0d5e8f2b7c11";
        history.remember(id, &Versions::new()).unwrap();
        fs::write(history.record_path(id), b"{not json").unwrap();
        assert!(matches!(
            history.remembered(id),
            Err(Error::HistoryDamaged { .. })
        ));
    }
}
