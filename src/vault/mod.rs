//! The encrypted vault: entries, the file format, key slots, atomic saves,
//! locking and backups. See `docs/vault-format.md`.
//!
//! Reading never takes the lock. Every change is a read-modify-write under the
//! writer lock ([`Vault::modify`]): if the file changed since this process
//! loaded it, the change is re-applied to the newer content, so a GUI left open
//! never overwrites what the CLI saved meanwhile.

pub mod backup;
pub mod cancel;
mod crypto;
pub mod earlier;
pub mod entry;
mod error;
mod file;
pub(crate) mod format;
mod history;
pub mod kdf;
mod keys;
pub mod merge;
pub mod ops;
pub mod recovery;
mod schema;
pub mod sync;
pub mod versions;

use std::path::{Path, PathBuf};

pub use self::cancel::Cancel;
pub use self::entry::{
    Entry, EntryId, FindError, Icon, NewEntry, RecoveryCode, display_key, display_order, find, fold,
};
pub use self::error::Error;
pub use self::file::{BACKUPS, backup_path, backups, lock_path};
use self::format::read::{self, ReadError};
use self::format::{Header, PasswordSlot, Slot};
pub use self::history::History;
pub use self::kdf::{KdfParams, KdfPolicy};
pub use self::merge::Contents;
pub use self::ops::Edit;
pub use self::schema::SCHEMA;
pub use self::sync::{Merged, SyncReport, conflict_copies, is_conflict_copy};
pub use self::versions::{Order, Versions};
use crate::clock::Timestamp;
use crate::secret::{Password, SecretBytes};

/// How to unlock a vault.
#[derive(Clone, Copy, Debug)]
pub enum Unlock<'a> {
    /// With the password (runs the KDF once).
    Password(&'a Password),
    /// With the key-encryption key kept in the OS keyring (no KDF).
    KeyringKey(&'a SecretBytes),
}

/// What can be learned about a vault file without unlocking it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The vault's id (a UUID): names its keyring item.
    pub id: String,
    /// Whether a keyring slot exists.
    pub has_keyring_slot: bool,
    /// The password slot's KDF settings.
    pub kdf: KdfParams,
}

/// An unlocked vault.
#[derive(Debug)]
pub struct Vault {
    path: PathBuf,
    header: Header,
    data_key: SecretBytes,
    /// The entries, with the stamps and tombstones merging needs.
    contents: Contents,
    /// SHA-256 of the file as last read or written, to notice changes made elsewhere.
    stamp: [u8; 32],
    /// Where this computer remembers the vault's versions; `None` for a
    /// vault opened without rollback detection (tools and tests).
    history: Option<History>,
}

fn uuid_text(id: &[u8; 16]) -> String {
    uuid::Uuid::from_bytes(*id).hyphenated().to_string()
}

impl Vault {
    /// Creates a new, empty vault at `path` protected by `password`, without
    /// rollback detection (see [`Vault::create_tracked`]). Refuses to
    /// overwrite an existing file.
    pub fn create(path: &Path, password: &Password, policy: &KdfPolicy) -> Result<Self, Error> {
        Self::create_with(path, password, policy, None, None)
    }

    /// Creates a new, empty vault at `path` whose versions this computer
    /// remembers in `history`: what the app and the CLI use.
    pub fn create_tracked(
        path: &Path,
        password: &Password,
        policy: &KdfPolicy,
        history: &History,
    ) -> Result<Self, Error> {
        Self::create_with(path, password, policy, Some(history), None)
    }

    /// [`Vault::create_tracked`] that stops before writing anything when
    /// `cancel` was cancelled while the KDF ran ([`Error::Cancelled`]).
    pub fn create_tracked_cancellable(
        path: &Path,
        password: &Password,
        policy: &KdfPolicy,
        history: &History,
        cancel: &Cancel,
    ) -> Result<Self, Error> {
        Self::create_with(path, password, policy, Some(history), Some(cancel))
    }

    fn create_with(
        path: &Path,
        password: &Password,
        policy: &KdfPolicy,
        history: Option<&History>,
        cancel: Option<&Cancel>,
    ) -> Result<Self, Error> {
        let exists = || {
            Err(Error::AlreadyExists {
                path: path.to_owned(),
            })
        };
        // Said before the KDF runs, and checked again under the lock.
        if path.exists() {
            return exists();
        }
        let data_key = crypto::random_key()?;
        let mut header = Header {
            vault_id: crypto::random()?,
            body_nonce: [0; crypto::NONCE_LEN],
            slots: Vec::new(),
            versions: Versions::new(),
        };
        let slot = password_slot(
            &header.vault_id,
            &data_key,
            password,
            policy.default_params(),
        )?;
        if let Some(cancel) = cancel {
            cancel.check()?;
        }
        let lock = lock(path, history)?;
        if path.exists() {
            return exists();
        }
        if let Some(history) = history {
            header.versions = history.next(&uuid_text(&header.vault_id), &header.versions)?;
        }
        header.slots.push(Slot::Password(slot));
        let mut vault = Self {
            path: path.to_owned(),
            header,
            data_key,
            contents: Contents::new(),
            stamp: [0; 32],
            history: history.cloned(),
        };
        let bytes = vault.serialize()?;
        file::create(path, &bytes, &lock)?;
        vault.stamp = crypto::sha256(&bytes);
        vault.remember()?;
        Ok(vault)
    }

    /// Reads what needs no key: the id, whether a keyring slot exists.
    pub fn inspect(path: &Path) -> Result<Summary, Error> {
        let bytes = file::read(path)?;
        let parsed = parse(path, &bytes)?;
        let header = &parsed.header;
        let kdf = header
            .password_slot()
            .map(|p| p.kdf)
            .ok_or_else(|| damaged(path, "it has no password slot"))?;
        Ok(Summary {
            id: uuid_text(&header.vault_id),
            has_keyring_slot: header.keyring_slot().is_some(),
            kdf,
        })
    }

    /// [`Vault::inspect`], naming the newest intact previous version kept in
    /// `history` when the file is damaged.
    pub fn inspect_tracked(path: &Path, history: &History) -> Result<Summary, Error> {
        Self::inspect(path).map_err(|e| match file::read(path) {
            Ok(bytes) => with_previous(e, path, &bytes, history),
            Err(_) => e,
        })
    }

    /// Opens and decrypts the vault at `path`, refusing a file older than a
    /// version this computer has already opened or saved
    /// ([`Error::RolledBack`]); `history` then remembers the file's versions,
    /// and every later save and reload of this handle is checked and
    /// recorded the same way. What the app and the CLI use.
    pub fn open_tracked(
        path: &Path,
        unlock: Unlock<'_>,
        policy: &KdfPolicy,
        history: &History,
    ) -> Result<Self, Error> {
        let bytes = file::read(path)?;
        let mut vault = Self::open_bytes(path, &bytes, unlock, policy)
            .map_err(|e| with_previous(e, path, &bytes, history))?;
        vault.history = Some(history.clone());
        if let Err(refusal) = history.observe(&vault.id(), path, &vault.header.versions) {
            // Another process may have saved while the KDF ran: then the
            // file read is older than what it recorded, and the newer file is
            // the one to open (with the key now known), checked in turn.
            let now = vault.changed_since(&bytes, refusal, 0)?;
            vault.absorb_try(&now, 1)?;
        }
        vault.tidy_folder()?;
        Ok(vault)
    }

    /// Takes `source`, an older copy or a backup of the vault at `path`, on
    /// purpose: it is opened with `unlock` (its own password, which may be an
    /// older one), and saved at `path` as the newest version (this device's
    /// counter above every version `history` remembers and the current
    /// file's), the current file becoming the newest backup. `path` may be
    /// missing or damaged; a different vault, another kind of file or a file
    /// from a newer Tessera there is left alone.
    pub fn restore(
        path: &Path,
        source: &Path,
        unlock: Unlock<'_>,
        policy: &KdfPolicy,
        history: &History,
    ) -> Result<Self, Error> {
        let vault = Self::open(source, unlock, policy)?;
        Self::restore_opened(path, source, vault, history)
    }

    /// [`Vault::restore`] of the copy `vault`, opened already from `source`.
    fn restore_opened(
        path: &Path,
        source: &Path,
        mut vault: Self,
        history: &History,
    ) -> Result<Self, Error> {
        let lock = lock(path, Some(history))?;
        let current = match file::read(path) {
            Ok(bytes) => Some(bytes),
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let current_versions = match current.as_deref().map(|bytes| parse(path, bytes)) {
            // Nothing there, or a damaged file: nothing to keep above.
            None | Some(Err(Error::Damaged { .. })) => Versions::new(),
            Some(Ok(parsed)) if parsed.header.vault_id != vault.header.vault_id => {
                return Err(Error::DifferentVault {
                    path: path.to_owned(),
                    source_file: source.to_owned(),
                });
            }
            // Not authenticated (its key may be another one after a password
            // change): it can only raise the counters, never lower them.
            Some(Ok(parsed)) => parsed.header.versions,
            // Another kind of file, or one from a newer Tessera: left alone.
            Some(Err(e)) => return Err(e),
        };
        let id = vault.id();
        vault.header.versions =
            history.newest(&id, &[&current_versions, &vault.header.versions])?;
        vault.path = path.to_owned();
        let bytes = vault.serialize()?;
        migrate(path, history, &vault.header.vault_id)?;
        if current.is_some() {
            let previous = history.previous_dir(&id);
            file::replace(path, &bytes, &lock, Some(&previous))?;
        } else {
            file::create(path, &bytes, &lock)?;
        }
        vault.stamp = crypto::sha256(&bytes);
        vault.history = Some(history.clone());
        vault.remember()?;
        Ok(vault)
    }

    /// Opens and decrypts the vault at `path`, without rollback detection
    /// (tools, tests, and checking a password): the app and the CLI use
    /// [`Vault::open_tracked`]. Its saves keep the file's versions as they are.
    pub fn open(path: &Path, unlock: Unlock<'_>, policy: &KdfPolicy) -> Result<Self, Error> {
        Self::open_bytes(path, &file::read(path)?, unlock, policy)
    }

    /// Opens the vault file content `bytes` (read from `path`).
    fn open_bytes(
        path: &Path,
        bytes: &[u8],
        unlock: Unlock<'_>,
        policy: &KdfPolicy,
    ) -> Result<Self, Error> {
        let parsed = parse(path, bytes)?;
        let header = &parsed.header;
        let data_key = match unlock {
            Unlock::Password(password) => {
                let slot = header.password_slot().ok_or(Error::NoSuchSlot {
                    path: path.to_owned(),
                    slot: "password",
                })?;
                match policy.check(&slot.kdf) {
                    Ok(()) => {}
                    Err(true) => {
                        return Err(Error::WeakKdf {
                            path: path.to_owned(),
                            found: slot.kdf,
                            floor: policy.floor(),
                        });
                    }
                    Err(false) => {
                        return Err(Error::ExcessiveKdf {
                            path: path.to_owned(),
                            found: slot.kdf,
                            ceiling: policy.ceiling(),
                        });
                    }
                }
                let kek = kdf::derive(password, &slot.salt, &slot.kdf).map_err(|why| {
                    damaged(path, &format!("the password settings are invalid: {why}"))
                })?;
                keys::open_password_slot(&header.vault_id, slot, &kek).ok_or_else(|| {
                    Error::WrongPassword {
                        path: path.to_owned(),
                        // The settings are in the slot's associated data: changed
                        // settings read as a wrong password, so say so.
                        unusual_kdf: (slot.kdf != policy.default_params()).then_some(slot.kdf),
                    }
                })?
            }
            Unlock::KeyringKey(kek) => {
                let wrapped = header.keyring_slot().ok_or(Error::NoSuchSlot {
                    path: path.to_owned(),
                    slot: "keyring",
                })?;
                keys::open_keyring_slot(&header.vault_id, wrapped, kek).ok_or_else(|| {
                    Error::KeyringKeyRejected {
                        path: path.to_owned(),
                    }
                })?
            }
        };
        let contents = decrypt(path, &parsed, &data_key)?;
        Ok(Self {
            path: path.to_owned(),
            header: parsed.header,
            data_key,
            contents,
            stamp: crypto::sha256(bytes),
            history: None,
        })
    }

    /// The vault file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The vault's id (a UUID).
    pub fn id(&self) -> String {
        uuid_text(&self.header.vault_id)
    }

    /// The entries, in stored order.
    pub fn entries(&self) -> &[Entry] {
        self.contents.entries()
    }

    /// The entries with their modification stamps and tombstones.
    pub fn contents(&self) -> &Contents {
        &self.contents
    }

    /// The previous versions kept of this vault file, newest first: the
    /// rotating copies in the state directory (with a history), then any
    /// beside the vault (without one, or left by an older Tessera).
    pub fn previous_versions(&self) -> Vec<PathBuf> {
        let mut out = match &self.history {
            Some(history) => file::backups_in(Some(&history.previous_dir(&self.id())), &self.path),
            None => Vec::new(),
        };
        out.extend(backups(&self.path));
        out
    }

    /// Moves what an older Tessera kept beside the vault (its lock file and
    /// previous versions) into the state directory, when there is any and
    /// no writer holds the vault now (else the next save does it).
    fn tidy_folder(&self) -> Result<(), Error> {
        let Some(history) = &self.history else {
            return Ok(());
        };
        let left = (1..=BACKUPS)
            .map(|n| backup_path(&self.path, n))
            .chain([lock_path(&self.path)])
            .any(|p| std::fs::symlink_metadata(p).is_ok());
        if !left {
            return Ok(());
        }
        let lock_file = history.lock_path(&self.path)?;
        match file::lock_waiting(&self.path, &lock_file, std::time::Duration::ZERO) {
            Ok(_lock) => migrate(&self.path, history, &self.header.vault_id),
            Err(Error::OpenElsewhere { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The file's save counters per device.
    pub fn versions(&self) -> &Versions {
        &self.header.versions
    }

    /// Whether the vault can be unlocked through the OS keyring.
    pub fn has_keyring_slot(&self) -> bool {
        self.header.keyring_slot().is_some()
    }

    /// Applies `change` to the entries and saves, atomically, under the writer
    /// lock. If the file changed since it was loaded, the newer content is
    /// loaded first and `change` applies to it. If `change` fails, nothing is
    /// written. Never runs the KDF. What changed is stamped at the latest
    /// `modified` time among the entries changed (for merging, see
    /// [`Contents::change`]); a change that may remove entries should use
    /// [`Vault::modify_at`].
    pub fn modify<T>(
        &mut self,
        change: impl FnOnce(&mut Vec<Entry>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.modify_at(None, change)
    }

    /// [`Vault::modify`], stamping what changed at `now` (a removal is
    /// stamped only with this time).
    pub fn modify_at<T>(
        &mut self,
        now: Option<Timestamp>,
        change: impl FnOnce(&mut Vec<Entry>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.save_with(None, |_, contents| contents.change(now, change))
    }

    /// Merges `contents` read from another copy of this vault whose version
    /// vector is `versions`, and saves (this device's counter above both).
    pub(crate) fn merge_contents(
        &mut self,
        contents: &Contents,
        versions: &Versions,
    ) -> Result<Merged, Error> {
        self.save_with(None, |header, mine| {
            let merged = mine.merge(contents);
            let report = Merged::between(mine.entries(), merged.entries());
            *mine = merged;
            header.versions = header.versions.join_bounded(versions);
            Ok(report)
        })
    }

    /// Re-reads the file if it changed elsewhere. Returns whether it did.
    pub fn reload(&mut self) -> Result<bool, Error> {
        let bytes = file::read(&self.path)?;
        self.absorb(&bytes)
    }

    /// Changes the password and re-keys the vault: a fresh random data key
    /// encrypts the contents from this save on, the password slot is rebuilt
    /// for `new` (new salt, the policy's default cost), and the keyring slot,
    /// if there is one, is re-sealed under `keyring_key` (the key stored in the
    /// keyring for this vault) or removed when that is `None`. So whoever held
    /// the old password, or the old data key, cannot read what is saved from
    /// now on. Backups written before keep the old key and password: they hold
    /// the old contents anyway. Returns whether keyring unlock remains.
    ///
    /// Other handles on this file (another window, another command) get
    /// [`Error::KeyChanged`] on their next save or reload.
    pub fn change_password(
        &mut self,
        new: &Password,
        policy: &KdfPolicy,
        keyring_key: Option<&SecretBytes>,
    ) -> Result<bool, Error> {
        self.change_password_cancellable(new, policy, keyring_key, &Cancel::new())
    }

    /// [`Vault::change_password`] that stops before writing anything when
    /// `cancel` was cancelled while the KDF ran ([`Error::Cancelled`]; the
    /// new keys are dropped, the vault is unchanged).
    pub fn change_password_cancellable(
        &mut self,
        new: &Password,
        policy: &KdfPolicy,
        keyring_key: Option<&SecretBytes>,
        cancel: &Cancel,
    ) -> Result<bool, Error> {
        let data_key = crypto::random_key()?;
        // The KDF runs before the writer lock is taken.
        let slot = password_slot(
            &self.header.vault_id,
            &data_key,
            new,
            policy.default_params(),
        )?;
        let keyring = match keyring_key {
            Some(kek) if self.has_keyring_slot() => Some(keys::seal_keyring_slot(
                &self.header.vault_id,
                &data_key,
                kek,
            )?),
            _ => None,
        };
        cancel.check()?;
        self.write_with_key(Some(data_key), move |header, _| {
            header.slots.retain(|s| !matches!(s, Slot::Keyring(_)));
            for s in &mut header.slots {
                if let Slot::Password(p) = s {
                    *p = slot.clone();
                }
            }
            let kept = keyring.is_some();
            if let Some(wrapped) = keyring {
                header.slots.push(Slot::Keyring(wrapped));
            }
            Ok(kept)
        })
    }

    /// Adds (or replaces) the keyring slot, sealing the data key under `kek`.
    /// Store `kek` in the keyring first, so that a failure leaves no slot
    /// without its key.
    pub fn enable_keyring(&mut self, kek: &SecretBytes) -> Result<(), Error> {
        let wrapped = keys::seal_keyring_slot(&self.header.vault_id, &self.data_key, kek)?;
        self.write_with(move |header, _| {
            header.slots.retain(|s| !matches!(s, Slot::Keyring(_)));
            header.slots.push(Slot::Keyring(wrapped));
            Ok(())
        })
    }

    /// Removes the keyring slot and re-keys the vault (a fresh data key, the
    /// password slot rebuilt for `password`, which must be the current one):
    /// whoever copied the keyring key, or a backup with the keyring slot,
    /// cannot read what is saved from now on. The caller deletes the keyring
    /// item. Runs the KDF twice (check, then the new slot).
    pub fn disable_keyring_rekeyed(
        &mut self,
        password: &Password,
        policy: &KdfPolicy,
    ) -> Result<(), Error> {
        // The password must open this very file before it re-keys it.
        let check = Self::open(&self.path, Unlock::Password(password), policy)?;
        if check.header.vault_id != self.header.vault_id {
            return Err(Error::Replaced {
                path: self.path.clone(),
            });
        }
        drop(check);
        self.change_password(password, policy, None).map(|_| ())
    }

    /// The read-modify-write cycle shared by every change.
    fn write_with<T>(
        &mut self,
        change: impl FnOnce(&mut Header, &mut Vec<Entry>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.write_with_key(None, change)
    }

    /// The read-modify-write cycle over the entries, saving under `new_key`
    /// when given.
    fn write_with_key<T>(
        &mut self,
        new_key: Option<SecretBytes>,
        change: impl FnOnce(&mut Header, &mut Vec<Entry>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.save_with(new_key, |header, contents| {
            contents.change(None, |entries| change(header, entries))
        })
    }

    /// The read-modify-write cycle, saving under `new_key` when given (the
    /// file is read under the current key first).
    fn save_with<T>(
        &mut self,
        new_key: Option<SecretBytes>,
        change: impl FnOnce(&mut Header, &mut Contents) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let lock = lock(&self.path, self.history.as_ref())?;
        let current = file::read(&self.path)?;
        self.absorb(&current)?;
        let mut header = self.header.clone();
        let mut contents = self.contents.clone();
        let result = change(&mut header, &mut contents)?;
        if let Some(history) = &self.history {
            header.versions = history.next(&self.id(), &header.versions)?;
        }
        let previous = std::mem::replace(&mut self.header, header);
        let previous_key = new_key.map(|key| std::mem::replace(&mut self.data_key, key));
        let restore = |vault: &mut Self, header: Header, key: Option<SecretBytes>| {
            vault.header = header;
            if let Some(key) = key {
                vault.data_key = key;
            }
        };
        let bytes = match self.serialize_contents(&contents) {
            Ok(bytes) => bytes,
            Err(e) => {
                restore(self, previous, previous_key);
                return Err(e);
            }
        };
        let kept = match &self.history {
            Some(history) => match migrate(&self.path, history, &self.header.vault_id) {
                Ok(()) => Some(history.previous_dir(&self.id())),
                Err(e) => {
                    restore(self, previous, previous_key);
                    return Err(e);
                }
            },
            None => None,
        };
        if let Err(e) = file::replace(&self.path, &bytes, &lock, kept.as_deref()) {
            restore(self, previous, previous_key);
            return Err(e);
        }
        self.contents = contents;
        self.stamp = crypto::sha256(&bytes);
        if !self.has_keyring_slot() {
            // Keyring unlock is off (here or, re-read, elsewhere): the
            // record is no longer kept in the keyring.
            self.history = self.history.as_ref().map(History::without_keyring);
        }
        // The file is saved; a failure to record it is still reported (the
        // next open would not know this version is the newest).
        self.remember()?;
        Ok(result)
    }

    /// Where this computer remembers the vault's versions (`None`: opened
    /// without rollback detection).
    pub fn history(&self) -> Option<&History> {
        self.history.as_ref()
    }

    /// From now on also keeps the record of versions seen in `keystore`
    /// (keyring unlock was just turned on), and writes it there now.
    pub(crate) fn keep_versions_in(
        &mut self,
        keystore: std::sync::Arc<dyn crate::keystore::Keystore>,
    ) -> Result<(), Error> {
        let Some(history) = &self.history else {
            return Ok(());
        };
        let id = self.id();
        let history = history.keeping(&id, keystore);
        history.sync_keyring(&id)?;
        self.history = Some(history);
        Ok(())
    }

    /// Records the header's versions as seen (a no-op without a history).
    fn remember(&self) -> Result<(), Error> {
        match &self.history {
            Some(history) => history.remember(&self.id(), &self.header.versions),
            None => Ok(()),
        }
    }

    /// Takes in a newer file content if it differs from what was loaded.
    fn absorb(&mut self, bytes: &[u8]) -> Result<bool, Error> {
        self.absorb_try(bytes, 0)
    }

    /// How often a file found older than a version seen is read again because
    /// it changed meanwhile: each time another process saved between the read
    /// and the check, which a busy machine can make happen several times in
    /// a row (each re-read costs a read and a decryption, no KDF).
    const MAX_REREADS: u8 = 8;

    /// After [`History::observe`] refused the file content `read` as older:
    /// the file as it is now if it changed since it was read (a save by
    /// another process between the read and the check; at most a few
    /// times), else the refusal.
    fn changed_since(&self, read: &[u8], refusal: Error, tries: u8) -> Result<Vec<u8>, Error> {
        if !matches!(refusal, Error::RolledBack { .. }) || tries >= Self::MAX_REREADS {
            return Err(refusal);
        }
        let now = file::read(&self.path)?;
        if now == read { Err(refusal) } else { Ok(now) }
    }

    fn absorb_try(&mut self, bytes: &[u8], tries: u8) -> Result<bool, Error> {
        if crypto::sha256(bytes) == self.stamp {
            return Ok(false);
        }
        let parsed = parse(&self.path, bytes)?;
        if parsed.header.vault_id != self.header.vault_id {
            return Err(Error::Replaced {
                path: self.path.clone(),
            });
        }
        let contents = match decrypt(&self.path, &parsed, &self.data_key) {
            // Different key slots and a header our key does not authenticate:
            // the vault was re-keyed elsewhere (a password change), not damaged.
            Err(Error::Damaged { .. }) if parsed.header.slots != self.header.slots => {
                return Err(Error::KeyChanged {
                    path: self.path.clone(),
                });
            }
            other => other?,
        };
        if let Some(history) = &self.history {
            // An older file put in place while this handle was open (the
            // app's watcher reloads it, a save re-reads it) is refused too,
            // and nothing of it is taken in.
            if let Err(refusal) = history.observe(&self.id(), &self.path, &parsed.header.versions) {
                let now = self.changed_since(bytes, refusal, tries)?;
                return self.absorb_try(&now, tries + 1);
            }
        }
        if parsed.header.versions.compare(&self.header.versions) == Order::Concurrent {
            // Saved apart on another computer and put in place by a sync
            // tool: neither holds all the other does, so take both.
            let versions = self.header.versions.join_bounded(&parsed.header.versions);
            self.contents = self.contents.merge(&contents);
            self.header = parsed.header;
            self.header.versions = versions;
        } else {
            self.header = parsed.header;
            self.contents = contents;
        }
        self.stamp = crypto::sha256(bytes);
        Ok(true)
    }

    fn serialize(&mut self) -> Result<Vec<u8>, Error> {
        let contents = std::mem::take(&mut self.contents);
        let result = self.serialize_contents(&contents);
        self.contents = contents;
        result
    }

    /// Serialises with a fresh body nonce.
    fn serialize_contents(&mut self, contents: &Contents) -> Result<Vec<u8>, Error> {
        self.header.body_nonce = crypto::random()?;
        let payload = schema::encode(contents);
        Ok(keys::seal_file(&self.header, &self.data_key, &payload)?)
    }
}

/// A fresh random key for a keyring slot (to store in the keyring, then pass
/// to [`Vault::enable_keyring`]).
pub fn new_keyring_key() -> Result<SecretBytes, Error> {
    Ok(crypto::random_key()?)
}

fn password_slot(
    vault_id: &[u8; 16],
    data_key: &SecretBytes,
    password: &Password,
    kdf: KdfParams,
) -> Result<PasswordSlot, Error> {
    let salt = crypto::random()?;
    let kek = kdf::derive(password, &salt, &kdf).map_err(|_| Error::KdfRejected { params: kdf })?;
    Ok(keys::seal_password_slot(
        vault_id, data_key, &kek, kdf, salt,
    )?)
}

/// The writer lock of the vault file at `path`: in the state directory with
/// a history (the vault's folder then holds the vault alone), else beside it.
fn lock(path: &Path, history: Option<&History>) -> Result<file::WriteLock, Error> {
    match history {
        Some(history) => file::lock_beside(path, &history.lock_path(path)?),
        None => file::lock(path),
    }
}

/// Moves the previous versions an older Tessera kept beside the vault of id
/// `vault_id` at `path` into the state directory, and removes its old lock
/// file (see [`file::migrate_beside`]). With the writer lock held.
fn migrate(path: &Path, history: &History, vault_id: &[u8; 16]) -> Result<(), Error> {
    let dir = history.previous_dir(&uuid_text(vault_id));
    file::migrate_beside(path, &dir, |bytes| {
        read::parse(bytes).is_ok_and(|parsed| parsed.header.vault_id == *vault_id)
    })
    .map(|_| ())
}

/// A damaged error that found no previous version beside the vault: the
/// newest intact one in the state directory, when the file still names its
/// vault id.
fn with_previous(error: Error, path: &Path, bytes: &[u8], history: &History) -> Error {
    match error {
        Error::Damaged {
            path: damaged_path,
            detail,
            last_good_backup: None,
        } => {
            let found = read::vault_id(bytes).and_then(|id| {
                let dir = history.previous_dir(&uuid_text(&id));
                file::backups_in(Some(&dir), path)
                    .into_iter()
                    .find(|backup| intact(backup))
            });
            Error::Damaged {
                path: damaged_path,
                detail,
                last_good_backup: found,
            }
        }
        other => other,
    }
}

/// Whether a file's structure and checksum are intact.
fn intact(backup: &Path) -> bool {
    file::read(backup)
        .ok()
        .is_some_and(|bytes| read::parse(&bytes).is_ok())
}

fn damaged(path: &Path, detail: &str) -> Error {
    Error::Damaged {
        path: path.to_owned(),
        detail: detail.to_owned(),
        last_good_backup: last_good_backup(path),
    }
}

/// The newest backup whose structure and checksum are intact.
fn last_good_backup(path: &Path) -> Option<PathBuf> {
    backups(path).into_iter().find(|backup| intact(backup))
}

fn parse<'a>(path: &Path, bytes: &'a [u8]) -> Result<read::Parsed<'a>, Error> {
    read::parse(bytes).map_err(|e| match e {
        ReadError::NotAVault => Error::NotAVault {
            path: path.to_owned(),
        },
        ReadError::Damaged(detail) => damaged(path, &detail),
        ReadError::Newer(found) => Error::NewerVersion {
            path: path.to_owned(),
            found: u32::from(found),
            supported: u32::from(format::VERSION),
        },
    })
}

/// Checks the header MAC, then decrypts and decodes the body.
fn decrypt(
    path: &Path,
    parsed: &read::Parsed<'_>,
    data_key: &SecretBytes,
) -> Result<Contents, Error> {
    let payload = keys::open_file(parsed, data_key).map_err(|failure| match failure {
        keys::OpenFailure::Header => damaged(path, "the header does not authenticate"),
        keys::OpenFailure::Body => damaged(path, "the encrypted contents do not authenticate"),
    })?;
    schema::decode(&payload).map_err(|e| match e {
        schema::SchemaError::Newer(found) => Error::NewerVersion {
            path: path.to_owned(),
            found,
            supported: SCHEMA,
        },
        schema::SchemaError::Invalid(detail) => damaged(path, &detail),
    })
}
