//! What this computer remembers of each vault, outside the vault file: the
//! newest version vector it has opened or saved, and the device id it saves
//! under. Kept in Tessera's state directory, one folder per vault id:
//!
//! ```text
//! $XDG_STATE_HOME/tessera/              0700
//!   vaults/<vault id>/                  0700
//!     versions                          0600  {"device": "<16 hex>", "seen": [{"<16 hex>": saves, ...}, ...]}
//!     versions.lock                     0600  held while the record is read and rewritten
//!     previous/                         0700
//!       vault.tessera.bak1..3           0600  the previous versions, newest first
//!     backups.json, merged/                   see `backup` and `sync`
//!   locks/<hash>.lock                   0600  the writer lock of one vault file
//! ```
//!
//! The writer lock belongs to a file (a path), not to a vault id: it must be
//! taken before the file is read, and `init` takes it before there is an id.
//! `<hash>` is the first 16 bytes (hex) of the SHA-256 of the vault's folder,
//! with links resolved, and file name, so every path to one file (through a
//! symbolic link to its folder too) takes the same lock.
//!
//! `seen` is the newest versions this computer has opened or written: one
//! vector, or several when files saved apart on different computers
//! (concurrent versions, which a sync tool may hand over in turn) were
//! opened and none was saved on top of them yet. A vault file older than one
//! of them (every counter at most, one lower) is refused: it is an old copy
//! or a backup put back in place. A concurrent file is accepted and joins
//! the set; a save here is newer than every member and replaces them all.
//!
//! Why a set and not their join: the join of two concurrent versions is
//! newer than both, so remembering it would make the very file just
//! accepted (and the other computer's next file built on it) read as older.
//!
//! The record is not secret and not authenticated: someone who can rewrite
//! it can also delete it, which makes Tessera forget (the next file opened is
//! taken as the newest). The folder is refused when others may write to it.
//!
//! So while keyring unlock is on, the same set is also kept in the system
//! keyring ([`History::with_keyring`]; the item `versions-<vault id>`, see
//! `keystore`), out of reach of whoever can only write files. It is read
//! once, when the vault is unlocked, and joined with the state file's record
//! at every check (a file older than a member of either is refused); it is
//! rewritten only when the set changes (a save, or a newer file opened), never
//! read again meanwhile. Deleting the state file's record alone then no
//! longer lets an older copy in, and the record is rebuilt from the keyring's
//! copy at the next open or save.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use super::error::Error;
use super::file;
use super::versions::{DeviceId, MAX_DEVICES, Order, Versions};
use crate::keystore::{Keystore, KeystoreError};

/// The record file's name inside a vault's state folder.
const RECORD: &str = "versions";
/// The folder of previous versions inside a vault's state folder.
const PREVIOUS: &str = "previous";
/// The folder of writer locks inside the state directory.
const LOCKS: &str = "locks";
/// Largest record accepted (a full vector takes about 4 KiB).
const MAX_RECORD_LEN: u64 = 64 * 1024;

/// Where this computer remembers vault versions: Tessera's state directory,
/// and for one vault with keyring unlock on, also the system keyring.
#[derive(Clone)]
pub struct History {
    dir: PathBuf,
    keyring: Option<KeyringCopy>,
}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("History")
            .field("dir", &self.dir)
            .field(
                "keyring_copy",
                &self.keyring.as_ref().map(|k| k.vault_id.as_str()),
            )
            .finish()
    }
}

/// The copy of one vault's record kept in the system keyring.
#[derive(Clone)]
struct KeyringCopy {
    vault_id: String,
    keystore: Arc<dyn Keystore>,
    /// What the keyring holds, as last read or written (shared by the
    /// clones of a history, so one unlocked vault writes only changes).
    held: Arc<Mutex<Held>>,
}

/// A record as the keyring holds it.
#[derive(Clone, Default, PartialEq, Eq)]
struct Held {
    /// The device id this computer saves under: taken again when the state
    /// file's record is gone, so that a save here still counts on from this
    /// computer's earlier saves (a new id would make it concurrent with them).
    device: Option<DeviceId>,
    seen: Vec<Versions>,
}

impl KeyringCopy {
    fn held(&self) -> Held {
        self.held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Rewrites the keyring's copy when it differs from `now`. A keyring
    /// that does not take it is not an error of the save or open that asked
    /// (the state file holds the record; the next change tries again).
    fn write(&self, now: Held) {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        if *held == now {
            return;
        }
        let Ok(text) = serde_json::to_string(&KeyringRecord {
            device: now.device.map(DeviceId::to_hex),
            seen: now.seen.iter().map(encode).collect(),
        }) else {
            return;
        };
        if self.keystore.set_record(&self.vault_id, &text).is_ok() {
            *held = now;
        }
    }
}

/// The keyring's copy of a record: the versions seen and this computer's
/// device id.
#[derive(Serialize, Deserialize)]
struct KeyringRecord {
    #[serde(default)]
    device: Option<String>,
    seen: Vec<std::collections::BTreeMap<String, u64>>,
}

fn encode(versions: &Versions) -> std::collections::BTreeMap<String, u64> {
    versions
        .iter()
        .map(|(device, saves)| (device.to_hex(), saves))
        .collect()
}

fn decode(counters: &std::collections::BTreeMap<String, u64>) -> Option<Versions> {
    let mut versions = Versions::new();
    for (id, saves) in counters {
        versions.set(DeviceId::from_hex(id)?, *saves);
    }
    Some(versions)
}

/// Most concurrent versions remembered at once (beyond that the oldest
/// remembered is forgotten, which can only let an old copy through, never
/// refuse a new one).
const MAX_SEEN: usize = 16;

#[derive(Serialize, Deserialize)]
struct Record {
    device: String,
    seen: Vec<std::collections::BTreeMap<String, u64>>,
}

/// A vault's record, read under its lock.
struct Loaded {
    device: DeviceId,
    /// The newest versions seen: no member older than or equal to another.
    seen: Vec<Versions>,
}

impl Loaded {
    /// Whether `found` is older than a version seen.
    fn is_older(&self, found: &Versions) -> bool {
        self.seen
            .iter()
            .any(|seen| found.compare(seen) == Order::Older)
    }

    /// Adds `found` unless it is older than or equal to a member; drops the
    /// members older than it.
    fn add(&mut self, found: &Versions) {
        if self
            .seen
            .iter()
            .any(|seen| matches!(found.compare(seen), Order::Older | Order::Same))
        {
            return;
        }
        self.seen.retain(|seen| found.compare(seen) != Order::Newer);
        self.seen.push(found.clone());
        if self.seen.len() > MAX_SEEN {
            self.seen.remove(0);
        }
    }

    /// Each device's highest counter over every version seen.
    fn join(&self) -> Versions {
        self.seen
            .iter()
            .fold(Versions::new(), |acc, seen| acc.join(seen))
    }
}

impl History {
    /// The history kept in `dir` (normally [`crate::paths::state_dir`]).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            keyring: None,
        }
    }

    /// This history, also keeping the record of the vault `vault_id` in
    /// `keystore` (keyring unlock is on): reads the keyring's copy now (one
    /// keyring call), which every later check of that vault joins. A copy
    /// that is not a record Tessera wrote counts as none (the next change
    /// rewrites it). The keyring's error when it cannot be read: the caller
    /// goes on with the state directory alone.
    pub fn with_keyring(
        &self,
        vault_id: &str,
        keystore: Arc<dyn Keystore>,
    ) -> Result<Self, KeystoreError> {
        let held = keystore
            .get_record(vault_id)?
            .and_then(|text| serde_json::from_str::<KeyringRecord>(&text).ok())
            .map(|record| Held {
                device: record.device.as_deref().and_then(DeviceId::from_hex),
                seen: record
                    .seen
                    .iter()
                    .take(MAX_SEEN)
                    .filter_map(decode)
                    .collect(),
            })
            .unwrap_or_default();
        Ok(self.keeping_held(vault_id, keystore, held))
    }

    /// [`History::with_keyring`] for a vault whose keyring unlock was just
    /// turned on: nothing is read; the next check writes the copy.
    pub(crate) fn keeping(&self, vault_id: &str, keystore: Arc<dyn Keystore>) -> Self {
        self.keeping_held(vault_id, keystore, Held::default())
    }

    fn keeping_held(&self, vault_id: &str, keystore: Arc<dyn Keystore>, held: Held) -> Self {
        Self {
            dir: self.dir.clone(),
            keyring: Some(KeyringCopy {
                vault_id: vault_id.to_owned(),
                keystore,
                held: Arc::new(Mutex::new(held)),
            }),
        }
    }

    /// This history without a keyring copy (keyring unlock turned off).
    pub fn without_keyring(&self) -> Self {
        Self::at(self.dir.clone())
    }

    /// Whether the record of `vault_id` is also kept in the keyring.
    pub fn keeps_in_keyring(&self, vault_id: &str) -> bool {
        self.copy_of(vault_id).is_some()
    }

    fn copy_of(&self, vault_id: &str) -> Option<&KeyringCopy> {
        self.keyring.as_ref().filter(|k| k.vault_id == vault_id)
    }

    /// The state directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder that holds what this computer keeps for one vault.
    pub fn vault_dir(&self, vault_id: &str) -> PathBuf {
        self.dir.join("vaults").join(vault_id)
    }

    /// The folder that keeps the previous versions of a vault (the rotating
    /// `NAME.bak1..3`, newest first).
    pub fn previous_dir(&self, vault_id: &str) -> PathBuf {
        self.vault_dir(vault_id).join(PREVIOUS)
    }

    /// The writer lock file of the vault file at `vault`, in the state
    /// directory. Creates the vault's folder (0700) when missing, to resolve it.
    pub fn lock_path(&self, vault: &Path) -> Result<PathBuf, Error> {
        file::ensure_dir(vault)?;
        let folder = file::parent(vault);
        let real = fs::canonicalize(folder).map_err(|e| Error::io("read", folder, e))?;
        let full = real.join(vault.file_name().unwrap_or_default());
        let digest = super::crypto::sha256(full.as_os_str().as_encoded_bytes());
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        Ok(self.dir.join(LOCKS).join(format!("{hex}.lock")))
    }

    /// The file that remembers a vault's newest version.
    pub fn record_path(&self, vault_id: &str) -> PathBuf {
        self.vault_dir(vault_id).join(RECORD)
    }

    /// The newest versions remembered for a vault: one, or several
    /// concurrent ones (none when the vault was never seen here).
    pub fn remembered(&self, vault_id: &str) -> Result<Vec<Versions>, Error> {
        Ok(self
            .read(&self.record_path(vault_id))?
            .map(|l| l.seen)
            .unwrap_or_default())
    }

    /// Checks a file's versions against what this computer has seen: a file
    /// older than a version seen is refused as [`Error::RolledBack`];
    /// otherwise it is remembered.
    pub(crate) fn observe(
        &self,
        vault_id: &str,
        path: &Path,
        found: &Versions,
    ) -> Result<(), Error> {
        self.update(vault_id, |loaded| {
            if loaded.is_older(found) {
                return Err(Error::RolledBack {
                    path: path.to_owned(),
                });
            }
            loaded.add(found);
            Ok(())
        })
    }

    /// The versions for a save on top of `current` (the file's): this
    /// device's counter above both the file's and the highest this computer
    /// remembers for it. Nothing is recorded until [`History::remember`].
    pub(crate) fn next(&self, vault_id: &str, current: &Versions) -> Result<Versions, Error> {
        self.update(vault_id, |loaded| {
            Ok(bump(current, &loaded.join(), loaded.device))
        })
    }

    /// The versions for a restored file: above everything `parts` and the
    /// record hold, so that it is newer than any version seen here.
    pub(crate) fn newest(&self, vault_id: &str, parts: &[&Versions]) -> Result<Versions, Error> {
        self.update(vault_id, |loaded| {
            let all = parts.iter().fold(loaded.join(), |acc, part| acc.join(part));
            Ok(bump(&all, &all, loaded.device))
        })
    }

    /// Records that a file with `versions` was written.
    pub(crate) fn remember(&self, vault_id: &str, versions: &Versions) -> Result<(), Error> {
        self.update(vault_id, |loaded| {
            loaded.add(versions);
            Ok(())
        })
    }

    /// Writes the record to the keyring's copy now, if it differs (after
    /// keyring unlock was turned on).
    pub(crate) fn sync_keyring(&self, vault_id: &str) -> Result<(), Error> {
        self.update(vault_id, |_| Ok(()))
    }

    /// Reads, changes and rewrites a vault's record under its lock (creating
    /// the record, with a new device id, on first use). With a keyring copy
    /// of this vault's record, its versions join the state file's first, and
    /// the copy is rewritten afterwards when the set changed.
    fn update<T>(
        &self,
        vault_id: &str,
        change: impl FnOnce(&mut Loaded) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let copy = self.copy_of(vault_id);
        let held = copy.map(KeyringCopy::held).unwrap_or_default();
        let path = self.record_path(vault_id);
        let (result, now) = {
            let _lock = file::lock_beside(&path, &file::with_suffix(&path, ".lock"))?;
            let mut loaded = match self.read(&path)? {
                Some(loaded) => loaded,
                None => Loaded {
                    device: match held.device {
                        Some(device) => device,
                        None => DeviceId(super::crypto::random()?),
                    },
                    seen: Vec::new(),
                },
            };
            let before = loaded.seen.clone();
            let existed = path.exists();
            for seen in &held.seen {
                loaded.add(seen);
            }
            let result = change(&mut loaded)?;
            if !existed || loaded.seen != before {
                write(&path, &loaded)?;
            }
            let now = Held {
                device: Some(loaded.device),
                seen: loaded.seen,
            };
            (result, now)
        };
        // After the state file's lock is let go: a keyring call may wait.
        if let Some(copy) = copy {
            copy.write(now);
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
        let mut loaded = Loaded {
            device,
            seen: Vec::new(),
        };
        for counters in record.seen.iter().take(MAX_SEEN) {
            let mut versions = Versions::new();
            for (id, saves) in counters {
                versions.set(DeviceId::from_hex(id).ok_or_else(|| damaged(path))?, *saves);
            }
            loaded.add(&versions);
        }
        Ok(Some(loaded))
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
            .map(|versions| {
                versions
                    .iter()
                    .map(|(device, saves)| (device.to_hex(), saves))
                    .collect()
            })
            .collect(),
    };
    let text = serde_json::to_vec(&record).map_err(|_| damaged(path))?;
    file::write_atomic(path, &text)
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
        // Another device's save on top of `first`: concurrent, accepted, and
        // both stay acceptable (each may come back from the sync tool).
        let mut other = first.clone();
        other.set(DeviceId([9; 8]), 1);
        history.observe(id, path, &other).unwrap();
        assert_eq!(
            history.remembered(id).unwrap(),
            vec![second.clone(), other.clone()]
        );
        history.observe(id, path, &other).unwrap();
        history.observe(id, path, &second).unwrap();
        // A save on top of the other device's file is newer than both.
        let third = history.next(id, &other).unwrap();
        assert_eq!(third.compare(&second), Order::Newer);
        assert_eq!(third.compare(&other), Order::Newer);
        history.remember(id, &third).unwrap();
        assert_eq!(history.remembered(id).unwrap(), vec![third.clone()]);
        for older in [&first, &second, &other] {
            assert!(matches!(
                history.observe(id, path, older),
                Err(Error::RolledBack { .. })
            ));
        }
    }

    #[test]
    fn the_keyring_copy_refuses_what_the_state_file_forgot() {
        use crate::keystore::MemoryKeystore;
        let dir = tempfile::tempdir().unwrap();
        let plain = History::at(dir.path().join("state"));
        let keystore = Arc::new(MemoryKeystore::new());
        let id = "0b6f3c1e-2f4d-4c1a-9a57-0d5e8f2b7c11";
        let path = Path::new("vault.tessera");
        let history = plain.with_keyring(id, keystore.clone()).unwrap();
        assert!(history.keeps_in_keyring(id));
        assert!(!history.keeps_in_keyring("6a1d9e0f-7b2c-4e3d-8f41-5c6b7a8d9e02"));
        let first = history.next(id, &Versions::new()).unwrap();
        history.remember(id, &first).unwrap();
        let second = history.next(id, &first).unwrap();
        history.remember(id, &second).unwrap();
        assert!(keystore.get_record(id).unwrap().is_some());

        // The state file's record deleted: the state directory alone takes
        // the older version again...
        fs::remove_file(plain.record_path(id)).unwrap();
        plain.observe(id, path, &first).unwrap();
        fs::remove_file(plain.record_path(id)).unwrap();
        // ...the keyring's copy, read afresh as at an unlock, does not.
        let unlocked = plain.with_keyring(id, keystore.clone()).unwrap();
        assert!(matches!(
            unlocked.observe(id, path, &first),
            Err(Error::RolledBack { .. })
        ));
        unlocked.observe(id, path, &second).unwrap();
        // The state file's record is rebuilt from it.
        assert_eq!(plain.remembered(id).unwrap(), vec![second.clone()]);
        // Another computer's save on top of `first`: concurrent, taken.
        let mut other = first.clone();
        other.set(DeviceId([9; 8]), 1);
        fs::remove_file(plain.record_path(id)).unwrap();
        plain
            .with_keyring(id, keystore.clone())
            .unwrap()
            .observe(id, path, &other)
            .unwrap();
        // A save here is newer than both, in the keyring's copy too.
        let third = unlocked.next(id, &other).unwrap();
        unlocked.remember(id, &third).unwrap();
        fs::remove_file(plain.record_path(id)).unwrap();
        let again = plain.with_keyring(id, keystore.clone()).unwrap();
        for older in [&first, &second, &other] {
            assert!(matches!(
                again.observe(id, path, older),
                Err(Error::RolledBack { .. })
            ));
        }
        // A copy that is not a record Tessera wrote counts as none.
        keystore.set_record(id, "{not json").unwrap();
        // (Refusals wrote no state record.)
        assert!(!plain.record_path(id).exists());
        plain
            .with_keyring(id, keystore)
            .unwrap()
            .observe(id, path, &first)
            .unwrap();
    }

    #[test]
    fn a_damaged_record_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::at(dir.path());
        let id = "0b6f3c1e-2f4d-4c1a-9a57-0d5e8f2b7c11";
        history.remember(id, &Versions::new()).unwrap();
        assert!(history.record_path(id).is_file());
        fs::write(history.record_path(id), b"{not json").unwrap();
        assert!(matches!(
            history.remembered(id),
            Err(Error::HistoryDamaged { .. })
        ));
    }
}
