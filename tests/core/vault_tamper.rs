//! Damage and tampering are detected at open, with the "damaged" error and
//! never a panic: every header bit, random body bits, every truncation, and
//! hand-edited KDF costs.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::vault as fixtures;

use std::path::Path;
use std::time::{Duration, Instant};

use fixtures::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};
use tessera::secret::{Password, SecretBytes};
use tessera::vault::{Error, KdfPolicy, Unlock, Vault};

const PRELUDE: usize = 14;
/// Offset of the password slot's m_cost: prelude, vault id, body nonce, slot
/// count, slot kind, slot length, KDF algorithm.
const M_COST_AT: usize = PRELUDE + 16 + 24 + 1 + 1 + 2 + 1;

fn header_len(bytes: &[u8]) -> usize {
    u32::from_le_bytes(bytes[10..14].try_into().unwrap()) as usize
}

/// Prelude, header, checksum and MAC: everything before the body.
fn head_len(bytes: &[u8]) -> usize {
    PRELUDE + header_len(bytes) + 64
}

fn rewrite_checksum(bytes: &mut [u8]) {
    let end = PRELUDE + header_len(bytes);
    let digest = Sha256::digest(&bytes[..end]);
    bytes[end..end + 32].copy_from_slice(&digest);
}

/// A vault with both a password and a keyring slot, and the keyring key.
fn vault_with_both_slots(path: &Path) -> (Vec<u8>, SecretBytes) {
    let mut vault = sample_vault(path);
    let kek = SecretBytes::from_slice(&[7u8; 32]);
    vault.enable_keyring(&kek).unwrap();
    (std::fs::read(path).unwrap(), kek)
}

fn open_both_ways(path: &Path, kek: &SecretBytes) -> [Result<Vault, Error>; 2] {
    [
        Vault::open(path, Unlock::Password(&password()), &fast()),
        Vault::open(path, Unlock::KeyringKey(kek), &fast()),
    ]
}

fn assert_damaged(result: Result<Vault, Error>, what: &str) {
    match result {
        Err(Error::Damaged { .. }) => {}
        Err(other) => panic!("{what}: expected a damaged error, got {other:?}"),
        Ok(_) => panic!("{what}: a damaged vault opened"),
    }
}

#[test]
fn every_header_bit_flip_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let original_path = dir.path().join("original.tessera");
    let (original, kek) = vault_with_both_slots(&original_path);
    let path = dir.path().join("vault.tessera");
    let head = head_len(&original);
    assert!(head > 200, "header unexpectedly small: {head}");
    for bit in 0..head * 8 {
        let mut bytes = original.clone();
        bytes[bit / 8] ^= 1 << (bit % 8);
        std::fs::write(&path, &bytes).unwrap();
        for result in open_both_ways(&path, &kek) {
            assert_damaged(result, &format!("header bit {bit}"));
        }
    }
}

#[test]
fn random_body_bit_flips_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let original_path = dir.path().join("original.tessera");
    let (original, kek) = vault_with_both_slots(&original_path);
    let path = dir.path().join("vault.tessera");
    let head = head_len(&original);
    let mut rng = StdRng::seed_from_u64(500);
    for _ in 0..500 {
        let bit = rng.random_range(head * 8..original.len() * 8);
        let mut bytes = original.clone();
        bytes[bit / 8] ^= 1 << (bit % 8);
        std::fs::write(&path, &bytes).unwrap();
        assert_damaged(
            Vault::open(&path, Unlock::KeyringKey(&kek), &fast()),
            &format!("body bit {bit}"),
        );
    }
}

#[test]
fn every_truncation_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let original_path = dir.path().join("original.tessera");
    let (original, kek) = vault_with_both_slots(&original_path);
    let path = dir.path().join("vault.tessera");
    for len in 0..original.len() {
        std::fs::write(&path, &original[..len]).unwrap();
        assert_damaged(
            Vault::open(&path, Unlock::KeyringKey(&kek), &fast()),
            &format!("truncated to {len} bytes"),
        );
    }
    // Appending garbage is damage too.
    let mut longer = original.clone();
    longer.push(0);
    std::fs::write(&path, &longer).unwrap();
    assert_damaged(
        Vault::open(&path, Unlock::KeyringKey(&kek), &fast()),
        "appended byte",
    );
}

#[test]
fn the_damaged_error_names_the_last_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let mut vault = sample_vault(&path);
    vault.modify(|_| Ok(())).unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[20] ^= 0x10;
    std::fs::write(&path, &bytes).unwrap();
    let err = Vault::open(&path, Unlock::Password(&password()), &fast()).unwrap_err();
    let Error::Damaged {
        last_good_backup: Some(backup),
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(backup, &tessera::vault::backup_path(&path, 1));
    assert!(err.to_string().contains("vault.tessera.bak1"), "{err}");
    // And the backup really opens.
    Vault::open(backup, Unlock::Password(&password()), &fast()).unwrap();
}

#[test]
fn a_lowered_kdf_cost_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    Vault::create(&path, &password(), &KdfPolicy::standard()).unwrap();
    let original = std::fs::read(&path).unwrap();
    assert_eq!(
        u32::from_le_bytes(original[M_COST_AT..M_COST_AT + 4].try_into().unwrap()),
        64 * 1024
    );

    // Lowered by hand: the checksum catches it.
    let mut bytes = original.clone();
    bytes[M_COST_AT..M_COST_AT + 4].copy_from_slice(&(8u32 * 1024).to_le_bytes());
    std::fs::write(&path, &bytes).unwrap();
    assert_damaged(
        Vault::open(&path, Unlock::Password(&password()), &KdfPolicy::standard()),
        "lowered m_cost",
    );

    // Lowered with the checksum recomputed: the floor refuses it before the KDF runs.
    rewrite_checksum(&mut bytes);
    std::fs::write(&path, &bytes).unwrap();
    let err =
        Vault::open(&path, Unlock::Password(&password()), &KdfPolicy::standard()).unwrap_err();
    assert!(matches!(err, Error::WeakKdf { .. }), "{err:?}");
    assert!(err.to_string().contains("tampered"), "{err}");
}

#[test]
fn an_absurd_kdf_cost_is_refused_before_allocating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    Vault::create(&path, &password(), &KdfPolicy::standard()).unwrap();
    let original = std::fs::read(&path).unwrap();
    // 4 TiB would abort the process if Argon2 tried to allocate it; 3 GiB would take seconds.
    for m_cost in [u32::MAX, 3 * 1024 * 1024] {
        let mut bytes = original.clone();
        bytes[M_COST_AT..M_COST_AT + 4].copy_from_slice(&m_cost.to_le_bytes());
        rewrite_checksum(&mut bytes);
        std::fs::write(&path, &bytes).unwrap();
        let started = Instant::now();
        let err =
            Vault::open(&path, Unlock::Password(&password()), &KdfPolicy::standard()).unwrap_err();
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "{:?}",
            started.elapsed()
        );
        assert!(matches!(err, Error::ExcessiveKdf { .. }), "{err:?}");
    }
    // Passes and lanes are bounded too.
    for (offset, value) in [(M_COST_AT + 4, 1_000_000u32), (M_COST_AT + 8, 255)] {
        let mut bytes = original.clone();
        bytes[offset..offset + 4].copy_from_slice(&value.to_le_bytes());
        rewrite_checksum(&mut bytes);
        std::fs::write(&path, &bytes).unwrap();
        let err =
            Vault::open(&path, Unlock::Password(&password()), &KdfPolicy::standard()).unwrap_err();
        assert!(matches!(err, Error::ExcessiveKdf { .. }), "{err:?}");
    }
}

#[test]
fn the_ceiling_fits_desktop_settings_and_bounds_their_product() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    Vault::create(&path, &password(), &KdfPolicy::standard()).unwrap();
    let original = std::fs::read(&path).unwrap();
    // 1.5 GiB, 20 passes, 12 lanes: each was accepted under the old 2 GiB / 64 / 16
    // ceiling; 1 GiB × 4 passes is within each dimension but over the product.
    for (m_cost, t_cost, p_cost) in [
        (1536 * 1024, 3, 1),
        (64 * 1024, 20, 1),
        (64 * 1024, 3, 12),
        (1024 * 1024, 4, 1),
    ] {
        let mut bytes = original.clone();
        bytes[M_COST_AT..M_COST_AT + 4].copy_from_slice(&u32::to_le_bytes(m_cost));
        bytes[M_COST_AT + 4..M_COST_AT + 8].copy_from_slice(&u32::to_le_bytes(t_cost));
        bytes[M_COST_AT + 8..M_COST_AT + 12].copy_from_slice(&u32::to_le_bytes(p_cost));
        rewrite_checksum(&mut bytes);
        std::fs::write(&path, &bytes).unwrap();
        let started = Instant::now();
        let err =
            Vault::open(&path, Unlock::Password(&password()), &KdfPolicy::standard()).unwrap_err();
        assert!(started.elapsed() < Duration::from_millis(500));
        assert!(
            matches!(err, Error::ExcessiveKdf { .. }),
            "{m_cost} {t_cost} {p_cost}: {err:?}"
        );
    }
}

#[test]
fn raised_kdf_settings_read_as_a_wrong_password_that_mentions_tampering() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    Vault::create(&path, &password(), &KdfPolicy::standard()).unwrap();
    // The right password on the untouched file opens; a wrong one is a plain
    // "wrong password".
    let wrong = Password::new("not the password".to_owned());
    let err = Vault::open(&path, Unlock::Password(&wrong), &KdfPolicy::standard()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::WrongPassword {
                unusual_kdf: None,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.to_string().contains("tampered"), "{err}");

    // Passes raised from 3 to 4 with the checksum recomputed: within the
    // ceiling, so the KDF runs, but the slot's associated data no longer
    // matches, and even the right password fails. The error says why it may.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[M_COST_AT + 4..M_COST_AT + 8].copy_from_slice(&4u32.to_le_bytes());
    rewrite_checksum(&mut bytes);
    std::fs::write(&path, &bytes).unwrap();
    let err =
        Vault::open(&path, Unlock::Password(&password()), &KdfPolicy::standard()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::WrongPassword {
                unusual_kdf: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("tampered"), "{err}");
    assert!(err.to_string().contains("restore a backup"), "{err}");
}

#[test]
fn other_files_and_newer_versions_have_their_own_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    std::fs::write(&path, b"PK\x03\x04 this is a zip file, not a vault").unwrap();
    let err = Vault::open(&path, Unlock::Password(&password()), &fast()).unwrap_err();
    assert!(matches!(err, Error::NotAVault { .. }), "{err:?}");

    let (mut bytes, kek) = vault_with_both_slots(&dir.path().join("v2.tessera"));
    bytes[8..10].copy_from_slice(&2u16.to_le_bytes());
    rewrite_checksum(&mut bytes);
    std::fs::write(&path, &bytes).unwrap();
    let err = Vault::open(&path, Unlock::KeyringKey(&kek), &fast()).unwrap_err();
    assert!(
        matches!(err, Error::NewerVersion { found: 2, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer version"), "{err}");

    let missing = dir.path().join("missing.tessera");
    let err = Vault::open(&missing, Unlock::KeyringKey(&kek), &fast()).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}
