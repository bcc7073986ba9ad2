//! A keystore in memory, for tests of the code that uses one.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::{Keystore, KeystoreError, check_vault_id};
use crate::secret::SecretBytes;

/// Keys kept in this process's memory, gone when it drops.
///
/// Behaves like [`OsKeystore`](super::OsKeystore) as the vault sees it (same
/// id checks, `Ok(None)` for a missing item, deleting a missing item is `Ok`),
/// and can act as an unreachable keyring: [`MemoryKeystore::set_unavailable`]
/// makes every call fail with [`KeystoreError::Unavailable`] until
/// [`MemoryKeystore::set_available`]. Share one between a test and the code
/// under test through an `Arc` (which is a [`Keystore`] too).
#[derive(Default)]
pub struct MemoryKeystore {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    keys: HashMap<String, SecretBytes>,
    records: HashMap<String, String>,
    /// `Some(reason)` while acting as an unreachable keyring.
    unavailable: Option<String>,
}

impl MemoryKeystore {
    /// An empty, reachable keystore.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes every call fail with [`KeystoreError::Unavailable`] carrying `reason`.
    /// The keys already stored are kept for when it becomes available again.
    pub fn set_unavailable(&self, reason: impl Into<String>) {
        self.lock().unavailable = Some(reason.into());
    }

    /// Ends [`MemoryKeystore::set_unavailable`].
    pub fn set_available(&self) {
        self.lock().unavailable = None;
    }

    /// How many vaults have a key stored (whether or not it is "unavailable").
    pub fn len(&self) -> usize {
        self.lock().keys.len()
    }

    /// True when no vault has a key stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The state, even if a test thread panicked while holding the lock: the
    /// map stays consistent because every change is a single insert or remove.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The state after the checks every call makes.
    fn reachable(&self, vault_id: &str) -> Result<MutexGuard<'_, State>, KeystoreError> {
        check_vault_id(vault_id)?;
        let state = self.lock();
        match &state.unavailable {
            Some(reason) => Err(KeystoreError::Unavailable {
                reason: reason.clone(),
            }),
            None => Ok(state),
        }
    }
}

impl Keystore for MemoryKeystore {
    fn get(&self, vault_id: &str) -> Result<Option<SecretBytes>, KeystoreError> {
        Ok(self.reachable(vault_id)?.keys.get(vault_id).cloned())
    }

    fn set(&self, vault_id: &str, key: &SecretBytes) -> Result<(), KeystoreError> {
        self.reachable(vault_id)?
            .keys
            .insert(vault_id.to_owned(), key.clone());
        Ok(())
    }

    fn delete(&self, vault_id: &str) -> Result<(), KeystoreError> {
        self.reachable(vault_id)?.keys.remove(vault_id);
        Ok(())
    }

    fn get_record(&self, vault_id: &str) -> Result<Option<String>, KeystoreError> {
        Ok(self.reachable(vault_id)?.records.get(vault_id).cloned())
    }

    fn set_record(&self, vault_id: &str, record: &str) -> Result<(), KeystoreError> {
        self.reachable(vault_id)?
            .records
            .insert(vault_id.to_owned(), record.to_owned());
        Ok(())
    }

    fn delete_record(&self, vault_id: &str) -> Result<(), KeystoreError> {
        self.reachable(vault_id)?.records.remove(vault_id);
        Ok(())
    }
}

impl fmt::Debug for MemoryKeystore {
    /// Shows which vaults have a key, never the keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        let mut vaults: Vec<&str> = state.keys.keys().map(String::as_str).collect();
        vaults.sort_unstable();
        f.debug_struct("MemoryKeystore")
            .field("vaults", &vaults)
            .field("unavailable", &state.unavailable)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0b6f3c1e-2f4d-4c1a-9a57-0d5e8f2b7c11";
    const B: &str = "6a1d9e0f-7b2c-4e3d-8f41-5c6b7a8d9e02";

    #[test]
    fn round_trip_and_separate_vaults() {
        let store = MemoryKeystore::new();
        let (ka, kb) = (
            SecretBytes::from_slice(&[1; 32]),
            SecretBytes::from_slice(&[2; 32]),
        );
        assert_eq!(store.get(A), Ok(None));
        store.set(A, &ka).unwrap();
        store.set(B, &kb).unwrap();
        assert_eq!(store.get(A), Ok(Some(ka)));
        store.delete(A).unwrap();
        store.delete(A).unwrap();
        assert_eq!(store.get(A), Ok(None));
        assert_eq!(store.get(B), Ok(Some(kb)));
    }

    #[test]
    fn unavailable_until_told_otherwise() {
        let store = MemoryKeystore::new();
        store.set(A, &SecretBytes::from_slice(&[7; 32])).unwrap();
        store.set_unavailable("no session bus");
        let error = store.get(A).unwrap_err();
        assert_eq!(
            error,
            KeystoreError::Unavailable {
                reason: "no session bus".into()
            }
        );
        assert!(store.delete(A).is_err());
        store.set_available();
        assert!(store.get(A).unwrap().is_some());
    }

    #[test]
    fn debug_shows_no_key() {
        let store = MemoryKeystore::new();
        store
            .set(A, &SecretBytes::from_slice(b"hunter2-hunter2"))
            .unwrap();
        let shown = format!("{store:?}");
        assert!(shown.contains(A), "{shown}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn bad_ids_are_refused() {
        let store = MemoryKeystore::new();
        assert!(matches!(
            store.get(""),
            Err(KeystoreError::InvalidVaultId { .. })
        ));
    }
}
