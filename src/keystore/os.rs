//! The system keyring, through the `keyring` crate (4.x, built on `keyring-core`).
//!
//! `keyring` (feature `v1`, its default) chooses the platform's store and sets it
//! up once per process, on first use, as `keyring-core`'s default store: on
//! Linux and the BSDs that is `zbus-secret-service-keyring-store` (the Secret
//! Service over zbus, pure Rust, no C library). Entries are then made with
//! `keyring_core::Entry::new_with_modifiers`, because the `keyring::Entry`
//! wrapper cannot pass the item label.
//!
//! That set-up happens once: if the session bus is missing the first time, the
//! keyring stays unavailable until Tessera restarts. (A Secret Service that
//! starts later is still found, as the bus activates it on demand.)

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use keyring_core::Error as KeyringError;
use zeroize::{Zeroize, Zeroizing};

use super::{Keystore, KeystoreError, check_vault_id};
use crate::secret::SecretBytes;

/// The service name of every Tessera item in the system keyring.
pub const SERVICE: &str = "tessera";

/// How long [`OsKeystore`] waits for the keyring before calling it unavailable.
///
/// Generous, because a locked keyring may be showing an unlock prompt to the
/// person; a keyring that answers at all answers in milliseconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The system keyring. See the [module documentation](super) for the items it
/// writes.
///
/// Creating one does nothing; the keyring is first contacted by the first call.
/// Each call runs on a short-lived thread of its own and is abandoned (reported
/// as [`KeystoreError::Unavailable`]) if it has not finished within the timeout,
/// so a keyring that never answers cannot hang the caller. The caller still
/// waits up to the timeout: keep these calls off a UI thread.
#[derive(Clone, Debug)]
pub struct OsKeystore {
    timeout: Duration,
}

impl OsKeystore {
    /// The system keyring with [`DEFAULT_TIMEOUT`].
    pub const fn new() -> Self {
        Self {
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The same keyring, giving up on a call after `timeout`.
    #[must_use]
    pub const fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long a call may take before the keyring counts as unavailable.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Runs `op` on a thread of its own and waits for it at most `self.timeout`.
    fn run<T, F>(&self, op: F) -> Result<T, KeystoreError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, KeystoreError> + Send + 'static,
    {
        let (sender, receiver) = mpsc::sync_channel(1);
        thread::Builder::new()
            .name("tessera-keyring".into())
            .spawn(move || {
                // The receiver is gone only when the caller gave up waiting; the
                // result (a key zeroizes itself) is then simply dropped.
                let _ = sender.send(op());
            })
            .map_err(|e| unavailable(format!("could not start a thread to ask it: {e}")))?;
        match receiver.recv_timeout(self.timeout) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => Err(unavailable(format!(
                "it did not answer within {}",
                describe(self.timeout)
            ))),
            Err(RecvTimeoutError::Disconnected) => {
                Err(unavailable("the call to it failed unexpectedly".into()))
            }
        }
    }
}

impl Default for OsKeystore {
    fn default() -> Self {
        Self::new()
    }
}

impl Keystore for OsKeystore {
    fn get(&self, vault_id: &str) -> Result<Option<SecretBytes>, KeystoreError> {
        check_vault_id(vault_id)?;
        let vault_id = vault_id.to_owned();
        self.run(move || match entry(&vault_id, Item::Key)?.get_secret() {
            Ok(stored) => decode(Zeroizing::new(stored)).map(Some),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(KeyringError::Ambiguous(items)) => Err(KeystoreError::Damaged {
                reason: format!(
                    "{} items match it, where Tessera writes one; removing them all fixes this",
                    items.len()
                ),
            }),
            Err(e) => Err(from_keyring(e)),
        })
    }

    fn set(&self, vault_id: &str, key: &SecretBytes) -> Result<(), KeystoreError> {
        check_vault_id(vault_id)?;
        let vault_id = vault_id.to_owned();
        let text = Zeroizing::new(BASE64.encode(key.expose()));
        self.run(move || {
            let entry = entry(&vault_id, Item::Key)?;
            match entry.set_secret(text.as_bytes()) {
                Ok(()) => Ok(()),
                // Several matching items (made by hand): replace them with one.
                Err(KeyringError::Ambiguous(items)) => {
                    delete_all(items)?;
                    entry.set_secret(text.as_bytes()).map_err(from_keyring)
                }
                Err(e) => Err(from_keyring(e)),
            }
        })
    }

    fn delete(&self, vault_id: &str) -> Result<(), KeystoreError> {
        check_vault_id(vault_id)?;
        let vault_id = vault_id.to_owned();
        self.run(
            move || match entry(&vault_id, Item::Key)?.delete_credential() {
                Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
                Err(KeyringError::Ambiguous(items)) => delete_all(items),
                Err(e) => Err(from_keyring(e)),
            },
        )
    }

    fn get_record(&self, vault_id: &str) -> Result<Option<String>, KeystoreError> {
        check_vault_id(vault_id)?;
        let vault_id = vault_id.to_owned();
        self.run(move || match entry(&vault_id, Item::Record)?.get_secret() {
            Ok(stored) => String::from_utf8(stored)
                .map(Some)
                .map_err(|_| KeystoreError::Damaged {
                    reason: "its version record is not text, so Tessera did not write it".into(),
                }),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(KeyringError::Ambiguous(items)) => Err(KeystoreError::Damaged {
                reason: format!(
                    "{} version records match it, where Tessera writes one",
                    items.len()
                ),
            }),
            Err(e) => Err(from_keyring(e)),
        })
    }

    fn set_record(&self, vault_id: &str, record: &str) -> Result<(), KeystoreError> {
        check_vault_id(vault_id)?;
        let vault_id = vault_id.to_owned();
        let record = record.to_owned();
        self.run(move || {
            let entry = entry(&vault_id, Item::Record)?;
            match entry.set_secret(record.as_bytes()) {
                Ok(()) => Ok(()),
                Err(KeyringError::Ambiguous(items)) => {
                    delete_all(items)?;
                    entry.set_secret(record.as_bytes()).map_err(from_keyring)
                }
                Err(e) => Err(from_keyring(e)),
            }
        })
    }

    fn delete_record(&self, vault_id: &str) -> Result<(), KeystoreError> {
        check_vault_id(vault_id)?;
        let vault_id = vault_id.to_owned();
        self.run(
            move || match entry(&vault_id, Item::Record)?.delete_credential() {
                Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
                Err(KeyringError::Ambiguous(items)) => delete_all(items),
                Err(e) => Err(from_keyring(e)),
            },
        )
    }
}

/// Which of a vault's two items.
#[derive(Clone, Copy)]
enum Item {
    /// The unlock key (`vault-{id}`).
    Key,
    /// The record of the newest versions seen (`versions-{id}`).
    Record,
}

/// The keyring entry for `vault_id`'s `item`, setting up the platform store
/// on first use.
fn entry(vault_id: &str, item: Item) -> Result<keyring_core::Entry, KeystoreError> {
    if let Err(e) = keyring::Entry::store_status() {
        return Err(unavailable(reason(e)));
    }
    let (user, label) = match item {
        Item::Key => (
            format!("vault-{vault_id}"),
            format!("Tessera vault unlock key ({vault_id})"),
        ),
        Item::Record => (
            format!("versions-{vault_id}"),
            format!("Tessera vault versions seen ({vault_id})"),
        ),
    };
    new_entry(&user, &label).map_err(from_keyring)
}

/// On the Secret Service, the entry carries the label that Seahorse shows.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn new_entry(user: &str, label: &str) -> keyring_core::Result<keyring_core::Entry> {
    let modifiers = std::collections::HashMap::from([("label", label)]);
    keyring_core::Entry::new_with_modifiers(SERVICE, user, &modifiers)
}

/// Other stores take no label modifier (they would reject it).
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
fn new_entry(user: &str, _label: &str) -> keyring_core::Result<keyring_core::Entry> {
    keyring_core::Entry::new(SERVICE, user)
}

/// Deletes every one of several items that matched one vault.
fn delete_all(items: Vec<keyring_core::Entry>) -> Result<(), KeystoreError> {
    for item in items {
        match item.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => {}
            Err(e) => return Err(from_keyring(e)),
        }
    }
    Ok(())
}

/// The key from an item's secret: base64 text, surrounding whitespace ignored
/// (`secret-tool store` users may add a newline).
fn decode(stored: Zeroizing<Vec<u8>>) -> Result<SecretBytes, KeystoreError> {
    let text = stored.trim_ascii();
    if text.is_empty() {
        return Err(KeystoreError::Damaged {
            reason: "it is empty".into(),
        });
    }
    let mut key = Zeroizing::new(vec![0; base64::decoded_len_estimate(text.len())]);
    // The decoder's error names the offending byte, which is part of the
    // secret: it is not passed on.
    let len =
        BASE64
            .decode_slice(text, key.as_mut_slice())
            .map_err(|_| KeystoreError::Damaged {
                reason: "it does not hold base64 text, so Tessera did not write it".into(),
            })?;
    key.truncate(len);
    Ok(SecretBytes::from(key))
}

/// Maps a `keyring-core` error (other than the "no item" and "several items"
/// cases the callers handle) to ours. Secret bytes some variants carry are
/// wiped, never shown.
fn from_keyring(error: KeyringError) -> KeystoreError {
    match error {
        KeyringError::BadEncoding(mut bytes) | KeyringError::BadDataFormat(mut bytes, _) => {
            bytes.zeroize();
            KeystoreError::Damaged {
                reason: "the keyring could not decode it".into(),
            }
        }
        KeyringError::BadStoreFormat(what) => KeystoreError::Damaged {
            reason: format!("the keyring's own data is malformed: {what}"),
        },
        other => unavailable(reason(&other)),
    }
}

/// The words of a `keyring-core` error, without its "Platform failure:" prefix.
fn reason(error: &KeyringError) -> String {
    match error {
        KeyringError::PlatformFailure(inner) => inner.to_string(),
        KeyringError::NoStorageAccess(inner) => format!("access was refused: {inner}"),
        KeyringError::NoEntry => "it has no such item".into(),
        KeyringError::NoDefaultStore => "no keyring could be set up on this system".into(),
        KeyringError::Ambiguous(items) => format!("{} items match one vault", items.len()),
        KeyringError::BadEncoding(_) | KeyringError::BadDataFormat(..) => {
            "the keyring could not decode an item".into()
        }
        other => other.to_string(),
    }
}

fn unavailable(reason: String) -> KeystoreError {
    KeystoreError::Unavailable { reason }
}

/// "30 seconds", "1 second", "500 ms".
fn describe(duration: Duration) -> String {
    match (duration.as_secs(), duration.subsec_millis()) {
        (1, 0) => "1 second".into(),
        (secs, 0) => format!("{secs} seconds"),
        _ => format!("{} ms", duration.as_millis()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_decode_from_base64_text() {
        let key: Vec<u8> = (0..32).collect();
        let text = format!("{}\n", BASE64.encode(&key));
        let decoded = decode(Zeroizing::new(text.into_bytes())).unwrap();
        assert_eq!(decoded.expose(), key.as_slice());
    }

    #[test]
    fn other_content_is_damaged_and_not_shown() {
        for stored in [&b""[..], b"  \n", b"hunter2!secret", b"\xff\xfe"] {
            let error = decode(Zeroizing::new(stored.to_vec())).unwrap_err();
            assert!(matches!(error, KeystoreError::Damaged { .. }), "{error:?}");
            assert!(!error.to_string().contains("hunter2"), "{error}");
        }
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(describe(Duration::from_secs(30)), "30 seconds");
        assert_eq!(describe(Duration::from_secs(1)), "1 second");
        assert_eq!(describe(Duration::from_millis(1500)), "1500 ms");
    }

    #[test]
    fn a_keyring_that_never_answers_times_out() {
        let store = OsKeystore::new().with_timeout(Duration::from_millis(50));
        let started = std::time::Instant::now();
        let result: Result<(), _> = store.run(|| {
            thread::sleep(Duration::from_secs(5));
            Ok(())
        });
        assert!(started.elapsed() < Duration::from_secs(2));
        let error = result.unwrap_err();
        assert!(
            error.to_string().contains("did not answer within 50 ms"),
            "{error}"
        );
    }
}
