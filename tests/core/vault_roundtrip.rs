//! Create, save, reopen: everything comes back, nothing is written in the clear.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::vault as fixtures;

use std::os::unix::fs::PermissionsExt as _;

use fixtures::*;
use tessera::secret::Password;
use tessera::vault::{Error, KdfPolicy, Unlock, Vault, backup_path};

#[test]
fn round_trip_keeps_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let vault = sample_vault(&path);
    let reopened = Vault::open(&path, Unlock::Password(&password()), &fast()).unwrap();

    assert_eq!(reopened.entries(), vault.entries());
    assert_eq!(reopened.entries().len(), 4);
    assert_eq!(reopened.id(), vault.id());
}

#[test]
fn the_file_holds_no_plaintext_and_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    sample_vault(&path);
    let bytes = std::fs::read(&path).unwrap();
    for needle in [
        &b"12345678901234567890"[..],
        b"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        b"ACME",
        "joão".as_bytes(),
        b"abcd-efgh",
        b"Trabalho",
        PASSWORD.as_bytes(),
    ] {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "plaintext {:?} found in the vault file",
            String::from_utf8_lossy(needle)
        );
    }
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let backup = std::fs::metadata(backup_path(&path, 1))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(backup, 0o600);
}

#[test]
fn every_save_uses_a_fresh_nonce() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let mut vault = sample_vault(&path);
    let first = std::fs::read(&path).unwrap();
    vault.modify(|_| Ok(())).unwrap();
    let second = std::fs::read(&path).unwrap();
    assert_eq!(first.len(), second.len());
    assert_ne!(
        first, second,
        "same content saved twice must not give the same bytes"
    );
    // Body nonce: bytes 14+16 .. 14+16+24.
    assert_ne!(first[30..54], second[30..54]);
}

#[test]
fn wrong_password_is_its_own_error_and_touches_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    sample_vault(&path);
    let before = std::fs::read(&path).unwrap();
    let wrong = Password::new("Correct horse battery staple".into());
    let err = Vault::open(&path, Unlock::Password(&wrong), &fast()).unwrap_err();
    assert!(matches!(err, Error::WrongPassword { .. }), "{err:?}");
    assert!(err.to_string().contains("wrong password"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn change_password_re_keys_and_other_handles_are_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let mut vault = sample_vault(&path);
    // Another window that unlocked the vault before the change.
    let mut other = Vault::open(&path, Unlock::Password(&password()), &fast()).unwrap();
    let before = std::fs::read(&path).unwrap();

    let new = Password::new("a whole new passphrase".into());
    assert!(!vault.change_password(&new, &fast(), None).unwrap());
    let err = Vault::open(&path, Unlock::Password(&password()), &fast()).unwrap_err();
    assert!(matches!(err, Error::WrongPassword { .. }));
    let reopened = Vault::open(&path, Unlock::Password(&new), &fast()).unwrap();
    assert_eq!(reopened.entries(), vault.entries());

    // The old handle holds the old data key: its save is refused with a
    // reason (not "damaged"), and the file is left as the change wrote it.
    let after = std::fs::read(&path).unwrap();
    let err = other
        .modify(|entries| {
            entries[0].notes = "stale".into();
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, Error::KeyChanged { .. }), "{err}");
    assert!(
        err.to_string()
            .contains("Unlock it again with the new password")
    );
    assert_eq!(std::fs::read(&path).unwrap(), after);

    // A copy taken before the change (a backup, say) opens with the old
    // password, but the key it yields does not decrypt what is saved now.
    let copy = dir.path().join("copy.tessera");
    std::fs::write(&copy, &before).unwrap();
    let mut old = Vault::open(&copy, Unlock::Password(&password()), &fast()).unwrap();
    std::fs::write(&copy, &after).unwrap();
    assert!(matches!(old.reload(), Err(Error::KeyChanged { .. })));
    assert!(old.entries().iter().all(|e| e.notes != "stale"));
}

#[test]
fn backups_rotate_and_stay_at_three() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let mut vault = sample_vault(&path);
    for i in 0..5 {
        vault
            .modify(|entries| {
                entries[0].notes = format!("save {i}");
                Ok(())
            })
            .unwrap();
    }
    let backups = tessera::vault::backups(&path);
    assert_eq!(backups.len(), 3);
    // Backup 1 is the state before the last save.
    let previous = Vault::open(&backups[0], Unlock::Password(&password()), &fast()).unwrap();
    assert_eq!(previous.entries()[0].notes, "save 3");
    let oldest = Vault::open(&backups[2], Unlock::Password(&password()), &fast()).unwrap();
    assert_eq!(oldest.entries()[0].notes, "save 1");
}

#[test]
fn create_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    std::fs::write(&path, b"precious").unwrap();
    let err = Vault::create(&path, &password(), &fast()).unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), b"precious");
}

#[test]
fn the_standard_policy_refuses_weak_settings_it_cannot_build() {
    // A vault made with the cheap test KDF is a downgrade for the real policy.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    sample_vault(&path);
    let err =
        Vault::open(&path, Unlock::Password(&password()), &KdfPolicy::standard()).unwrap_err();
    assert!(matches!(err, Error::WeakKdf { .. }), "{err:?}");
}

#[test]
fn a_real_vault_uses_the_standard_cost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let policy = KdfPolicy::standard();
    Vault::create(&path, &password(), &policy).unwrap();
    let summary = Vault::inspect(&path).unwrap();
    assert_eq!(summary.kdf.m_cost_kib, 64 * 1024);
    assert_eq!(summary.kdf.t_cost, 3);
    assert_eq!(summary.kdf.p_cost, 1);
    assert!(!summary.has_keyring_slot);
    Vault::open(&path, Unlock::Password(&password()), &policy).unwrap();
}

#[test]
fn change_password_re_seals_or_drops_the_keyring_slot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let mut vault = sample_vault(&path);
    let kek = tessera::vault::new_keyring_key().unwrap();
    vault.enable_keyring(&kek).unwrap();

    // With the keyring's key at hand, keyring unlock survives the re-key.
    let new = Password::new("a whole new passphrase".into());
    assert!(vault.change_password(&new, &fast(), Some(&kek)).unwrap());
    let by_keyring = Vault::open(&path, Unlock::KeyringKey(&kek), &fast()).unwrap();
    assert_eq!(by_keyring.entries(), vault.entries());

    // Without it (the keyring did not answer), the slot goes: a slot sealing
    // the old key would unlock nothing.
    let newer = Password::new("and another one entirely".into());
    assert!(!vault.change_password(&newer, &fast(), None).unwrap());
    assert!(!vault.has_keyring_slot());
    assert!(Vault::open(&path, Unlock::KeyringKey(&kek), &fast()).is_err());
    assert!(Vault::open(&path, Unlock::Password(&newer), &fast()).is_ok());
}

#[test]
fn turning_keyring_unlock_off_re_keys_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let mut vault = sample_vault(&path);
    let kek = tessera::vault::new_keyring_key().unwrap();
    vault.enable_keyring(&kek).unwrap();
    // A copy holding the keyring slot (a backup, a stolen file), opened with
    // the keyring's key: it yields the data key as it was.
    let with_slot = std::fs::read(&path).unwrap();
    let copy = dir.path().join("copy.tessera");
    std::fs::write(&copy, &with_slot).unwrap();
    let mut old = Vault::open(&copy, Unlock::KeyringKey(&kek), &fast()).unwrap();

    // The wrong password re-keys nothing.
    let wrong = Password::new("not the password at all".into());
    let err = vault.disable_keyring_rekeyed(&wrong, &fast()).unwrap_err();
    assert!(matches!(err, Error::WrongPassword { .. }), "{err:?}");
    assert!(vault.has_keyring_slot());
    assert_eq!(std::fs::read(&path).unwrap(), with_slot);

    vault.disable_keyring_rekeyed(&password(), &fast()).unwrap();
    assert!(!vault.has_keyring_slot());
    assert!(Vault::open(&path, Unlock::Password(&password()), &fast()).is_ok());
    // The old data key does not decrypt what is saved now.
    std::fs::write(&copy, std::fs::read(&path).unwrap()).unwrap();
    assert!(matches!(old.reload(), Err(Error::KeyChanged { .. })));
}

#[test]
fn keyring_unlock_keeps_the_version_record_in_the_keyring_until_turned_off() {
    use std::sync::Arc;
    use tessera::keystore::{self, Keystore as _, MemoryKeystore};
    use tessera::vault::History;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let history = History::at(dir.path().join("state"));
    let store = Arc::new(MemoryKeystore::new());
    let mut vault = Vault::create_tracked(&path, &password(), &fast(), &history).unwrap();
    keystore::enable_unlock(&mut vault, store.clone()).unwrap();
    let id = vault.id();
    assert!(store.get_record(&id).unwrap().is_some(), "written at once");
    let add = |vault: &mut Vault, issuer: &str| {
        let account = tessera::otp::Account::new(
            issuer,
            "me",
            tessera::secret::SecretBytes::from_slice(&[1; 20]),
            tessera::otp::Params::totp(),
        )
        .unwrap();
        vault
            .modify(|entries| {
                entries.push(
                    tessera::vault::Entry::new(account, tessera::clock::Timestamp(1)).unwrap(),
                );
                Ok(())
            })
            .unwrap();
    };
    add(&mut vault, "ACME");
    let older = std::fs::read(&path).unwrap();
    add(&mut vault, "Bank");
    let newest = std::fs::read(&path).unwrap();
    drop(vault);

    // The older file put back and the state record deleted: refused when
    // the keyring's copy is read, as both front ends do with keyring unlock.
    let record = history.record_path(&id);
    std::fs::write(&path, &older).unwrap();
    std::fs::remove_file(&record).unwrap();
    let kek = store.get(&id).unwrap().unwrap();
    let tracked =
        keystore::tracked_history(&history, &Vault::inspect(&path).unwrap(), store.clone());
    let err = Vault::open_tracked(&path, Unlock::KeyringKey(&kek), &fast(), &tracked).unwrap_err();
    assert!(matches!(err, Error::RolledBack { .. }), "{err:?}");

    // Turning keyring unlock off removes the key and the record, and re-keys.
    std::fs::write(&path, &newest).unwrap();
    let mut vault =
        Vault::open_tracked(&path, Unlock::KeyringKey(&kek), &fast(), &tracked).unwrap();
    let left = keystore::disable_unlock(&mut vault, store.as_ref(), &password(), &fast()).unwrap();
    assert!(left.is_none());
    assert!(store.get(&id).unwrap().is_none());
    assert!(store.get_record(&id).unwrap().is_none());
    add(&mut vault, "Shop");
    assert!(
        store.get_record(&id).unwrap().is_none(),
        "no longer kept there"
    );
    // The old keyring key opens nothing saved afterwards: not the file, and
    // the data key it gave (from a copy with the keyring slot) reads none of it.
    assert!(Vault::open(&path, Unlock::KeyringKey(&kek), &fast()).is_err());
    let copy = dir.path().join("copy.tessera");
    std::fs::write(&copy, &newest).unwrap();
    let mut by_old_key = Vault::open(&copy, Unlock::KeyringKey(&kek), &fast()).unwrap();
    std::fs::write(&copy, std::fs::read(&path).unwrap()).unwrap();
    assert!(matches!(by_old_key.reload(), Err(Error::KeyChanged { .. })));
}
