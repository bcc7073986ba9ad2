//! The OS keyring holding a vault's unlock key (the vault's "keyring slot").
//!
//! A vault may keep a random wrapping key in the system keyring so that it opens
//! without a password. This module stores, fetches and removes that key, one
//! item per vault, and knows nothing else about the vault.
//!
//! - [`Keystore`] is the interface the vault uses.
//! - [`OsKeystore`] is the system keyring through the `keyring` crate: the
//!   Secret Service on Linux and the BSDs (GNOME Keyring, KeePassXC, KWallet),
//!   the Keychain on macOS, the Credential Manager on Windows.
//! - [`MemoryKeystore`] keeps keys in memory, for tests; it can be told to act
//!   as an unreachable keyring.
//!
//! # Items
//!
//! Each vault has its own item, so two vaults never collide:
//!
//! | what | value |
//! |---|---|
//! | service | [`SERVICE`] (`tessera`) |
//! | user (account) | `vault-{vault_id}` |
//! | label (Secret Service only, shown by Seahorse) | `Tessera vault unlock key ({vault_id})` |
//! | secret | the key as standard base64 text with padding (44 characters for 32 bytes) |
//!
//! On the Secret Service the item carries exactly two attributes, `service` and
//! `username` (the names the `keyring` crate uses), in the default collection,
//! so `secret-tool lookup service tessera username vault-{vault_id}` prints the
//! key. The key is stored as base64 text, not raw bytes, because KWallet's
//! Secret Service holds UTF-8 text only and so that tools print it safely.
//!
//! While keyring unlock is on, a second item per vault keeps a copy of what
//! this computer remembers of the vault's versions (rollback detection, see
//! `vault::History`), so that deleting the state directory's record alone
//! does not make an older vault file acceptable again:
//!
//! | what | value |
//! |---|---|
//! | service | [`SERVICE`] (`tessera`) |
//! | user (account) | `versions-{vault_id}` |
//! | label | `Tessera vault versions seen ({vault_id})` |
//! | secret | the record as text Tessera wrote (JSON; not secret, kept here to be out of reach of whoever can only write files) |
//!
//! This module stores that text as it is given and never reads it.
//!
//! # Errors and what the vault does with them
//!
//! [`Keystore::get`] answers `Ok(None)` when the keyring works but holds no item
//! for the vault (it was never made, or someone deleted it). Every error means
//! the same to the vault: ask for the password, and show the error's text as the
//! reason. [`KeystoreError::Unavailable`] is the keyring being unreachable or
//! refusing access; [`KeystoreError::Damaged`] is an item that exists but does
//! not hold a key Tessera wrote.
//!
//! # Threading
//!
//! Keyring calls block: they talk D-Bus to another process, which may show an
//! unlock prompt and wait for the person. Callers with a user interface run them
//! off the UI thread (the GUI's `Task::perform` over `spawn_blocking`).
//! [`OsKeystore`] gives up after a timeout ([`DEFAULT_TIMEOUT`], adjustable with
//! [`OsKeystore::with_timeout`]) and reports the keyring as unavailable; when
//! there is no session bus at all (no `DBUS_SESSION_BUS_ADDRESS`, no
//! `$XDG_RUNTIME_DIR/bus`) it fails at once.

mod memory;
mod os;

use std::sync::Arc;

use crate::secret::SecretBytes;

pub use memory::MemoryKeystore;
pub use os::{DEFAULT_TIMEOUT, OsKeystore, SERVICE};

/// Where a vault's unlock key is kept outside the vault file.
///
/// `vault_id` is the vault's id (a UUID string); each id has its own item. All
/// three calls may block: see the module documentation on threading.
pub trait Keystore: Send + Sync + std::fmt::Debug {
    /// The key stored for this vault id; `Ok(None)` when there is no item.
    fn get(&self, vault_id: &str) -> Result<Option<SecretBytes>, KeystoreError>;

    /// Stores `key` for this vault id, replacing any key stored before.
    fn set(&self, vault_id: &str, key: &SecretBytes) -> Result<(), KeystoreError>;

    /// Removes the key stored for this vault id. Removing an absent item is `Ok`.
    fn delete(&self, vault_id: &str) -> Result<(), KeystoreError>;

    /// The version record kept for this vault id (text written by
    /// [`Keystore::set_record`]); `Ok(None)` when there is none.
    fn get_record(&self, vault_id: &str) -> Result<Option<String>, KeystoreError>;

    /// Keeps `record` for this vault id, replacing the one kept before.
    fn set_record(&self, vault_id: &str, record: &str) -> Result<(), KeystoreError>;

    /// Removes the version record of this vault id. Removing none is `Ok`.
    fn delete_record(&self, vault_id: &str) -> Result<(), KeystoreError>;
}

impl<K: Keystore + ?Sized> Keystore for Arc<K> {
    fn get(&self, vault_id: &str) -> Result<Option<SecretBytes>, KeystoreError> {
        (**self).get(vault_id)
    }

    fn set(&self, vault_id: &str, key: &SecretBytes) -> Result<(), KeystoreError> {
        (**self).set(vault_id, key)
    }

    fn delete(&self, vault_id: &str) -> Result<(), KeystoreError> {
        (**self).delete(vault_id)
    }

    fn get_record(&self, vault_id: &str) -> Result<Option<String>, KeystoreError> {
        (**self).get_record(vault_id)
    }

    fn set_record(&self, vault_id: &str, record: &str) -> Result<(), KeystoreError> {
        (**self).set_record(vault_id, record)
    }

    fn delete_record(&self, vault_id: &str) -> Result<(), KeystoreError> {
        (**self).delete_record(vault_id)
    }
}

/// Why the keyring could not give, keep or remove a vault's key.
///
/// No variant carries key material. Each one's text is meant for the person:
/// it says what happened and that Tessera falls back to the password.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeystoreError {
    /// The system keyring cannot be reached or refused access: no session bus,
    /// no Secret Service running, a locked keyring whose unlock prompt was
    /// dismissed, or no answer within the timeout. `reason` says which.
    #[error(
        "the system keyring is not available ({reason}); Tessera will ask for your password instead"
    )]
    Unavailable {
        /// What went wrong, in words (from the keyring or the operating system).
        reason: String,
    },

    /// The keyring holds an item for this vault that is not a key Tessera wrote
    /// (not base64 text, empty, or several items where Tessera writes one).
    #[error(
        "the system keyring's item for this vault is unusable ({reason}); Tessera will ask for \
         your password instead, and turning keyring unlock off and on again rewrites the item"
    )]
    Damaged {
        /// What is wrong with the item. Never contains any of its content.
        reason: String,
    },

    /// The vault id is not one Tessera makes (a UUID: ASCII letters, digits
    /// and hyphens). A bug in the caller, never the user's doing.
    #[error("`{vault_id}` is not a vault id; this is a bug in Tessera, please report it")]
    InvalidVaultId {
        /// The id as given.
        vault_id: String,
    },
}

/// Longest vault id accepted (a UUID has 36 characters).
const MAX_VAULT_ID_LEN: usize = 64;

/// Accepts the ids Tessera makes, and nothing that could make two vaults share
/// an item or smuggle odd text into keyring attributes.
fn check_vault_id(vault_id: &str) -> Result<(), KeystoreError> {
    let well_formed = !vault_id.is_empty()
        && vault_id.len() <= MAX_VAULT_ID_LEN
        && vault_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if well_formed {
        Ok(())
    } else {
        Err(KeystoreError::InvalidVaultId {
            vault_id: vault_id.chars().take(MAX_VAULT_ID_LEN).collect(),
        })
    }
}

/// Why keyring unlock could not be turned on. Either way the vault is
/// unchanged and no keyring item was left behind.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EnableError {
    /// The keyring did not take the key.
    #[error(transparent)]
    Keyring(#[from] KeystoreError),
    /// The vault could not be saved with its keyring slot.
    #[error(transparent)]
    Vault(#[from] crate::vault::Error),
}

/// Turns keyring unlock on for `vault`: a fresh key is stored in the keyring
/// first, then the vault's keyring slot is sealed under it and saved; if that
/// save fails, the keyring item is removed again, so there is never a keyring
/// item without its slot (or a slot without its key). From then on the
/// record of the vault's versions seen is kept in the keyring too (see
/// `vault::History::with_keyring`). Both front ends use it.
pub fn enable_unlock(
    vault: &mut crate::vault::Vault,
    keystore: Arc<dyn Keystore>,
) -> Result<(), EnableError> {
    let kek = crate::vault::new_keyring_key()?;
    keystore.set(&vault.id(), &kek)?;
    if let Err(e) = vault.enable_keyring(&kek) {
        // Best effort: the save's error is the one to report.
        let _ = keystore.delete(&vault.id());
        return Err(e.into());
    }
    // Keyring unlock is on either way; a record the keyring does not take
    // now is written at the next save.
    let _ = vault.keep_versions_in(keystore);
    Ok(())
}

/// Turns keyring unlock off for `vault` and re-keys it under `password`
/// (the current one, checked first; see
/// `vault::Vault::disable_keyring_rekeyed`), then removes the vault's key
/// and version record from the keyring ([`forget`]). After it, the key left
/// in the keyring, or any copy of it, opens nothing saved from then on.
/// `Ok(Some(error))`: the vault is re-keyed but the keyring did not remove
/// its items (they open nothing new). Both front ends use it.
pub fn disable_unlock(
    vault: &mut crate::vault::Vault,
    keystore: &dyn Keystore,
    password: &crate::secret::Password,
    policy: &crate::vault::KdfPolicy,
) -> Result<Option<KeystoreError>, crate::vault::Error> {
    vault.disable_keyring_rekeyed(password, policy)?;
    Ok(forget(&vault.id(), keystore).err())
}

/// Removes a vault's key and its version record from the keyring (absent
/// items are fine).
pub fn forget(vault_id: &str, keystore: &dyn Keystore) -> Result<(), KeystoreError> {
    let key = keystore.delete(vault_id);
    let record = keystore.delete_record(vault_id);
    key.and(record)
}

/// The history to open the vault `summary` describes with: `history`, also
/// keeping the vault's record of versions seen in `keystore` when keyring
/// unlock is on for it (one keyring call, now). When the keyring cannot give
/// the record, `history` as it is (the state directory alone). Both front
/// ends use it, only when they may use the keyring (never with
/// `--no-keyring`).
pub fn tracked_history(
    history: &crate::vault::History,
    summary: &crate::vault::Summary,
    keystore: Arc<dyn Keystore>,
) -> crate::vault::History {
    if !summary.has_keyring_slot {
        return history.clone();
    }
    history
        .with_keyring(&summary.id, keystore)
        .unwrap_or_else(|_| history.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_ids_are_checked() {
        assert!(check_vault_id("0b6f3c1e-2f4d-4c1a-9a57-0d5e8f2b7c11").is_ok());
        for bad in ["", "a b", "vault/1", "é", &"a".repeat(65)] {
            assert!(
                matches!(
                    check_vault_id(bad),
                    Err(KeystoreError::InvalidVaultId { .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn errors_read_as_advice() {
        let unavailable = KeystoreError::Unavailable {
            reason: "no session bus".into(),
        }
        .to_string();
        assert!(unavailable.contains("no session bus"), "{unavailable}");
        assert!(
            unavailable.contains("ask for your password"),
            "{unavailable}"
        );
        let damaged = KeystoreError::Damaged {
            reason: "it is empty".into(),
        }
        .to_string();
        assert!(damaged.contains("it is empty"), "{damaged}");
        assert!(damaged.contains("ask for your password"), "{damaged}");
    }
}
