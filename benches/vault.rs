//! Vault costs: unlock with the default KDF, and save/load without it at 10,
//! 1,000 and 10,000 entries. Figures are recorded in docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use tessera::clock::Timestamp;
use tessera::otp::{Account, Params};
use tessera::secret::{Password, SecretBytes};
use tessera::vault::{Entry, KdfPolicy, Unlock, Vault, new_keyring_key};

fn entries(n: usize) -> Vec<Entry> {
    (0..n)
        .map(|i| {
            let account = Account::new(
                &format!("Issuer {}", i % 97),
                &format!("user{i}@example.com"),
                SecretBytes::new(format!("secret-key-{i:08}-padding").into_bytes()),
                Params::totp(),
            )
            .unwrap();
            let mut entry = Entry::new(account, Timestamp(1_700_000_000)).unwrap();
            entry.notes = String::from("a short note");
            entry
        })
        .collect()
}

fn unlock(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let password = Password::new("correct horse battery staple".into());
    let policy = KdfPolicy::standard();
    Vault::create(&path, &password, &policy).unwrap();
    let mut group = c.benchmark_group("unlock");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("password_default_kdf", |b| {
        b.iter(|| Vault::open(black_box(&path), Unlock::Password(&password), &policy).unwrap())
    });
    group.finish();
}

fn save_and_load(c: &mut Criterion) {
    let password = Password::new("correct horse battery staple".into());
    let policy = KdfPolicy::standard();
    let mut group = c.benchmark_group("vault");
    group.sample_size(20);
    for n in [10usize, 1_000, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.tessera");
        let mut vault = Vault::create(&path, &password, &policy).unwrap();
        let kek = new_keyring_key().unwrap();
        vault.enable_keyring(&kek).unwrap();
        vault
            .modify(|list| {
                list.extend(entries(n));
                Ok(())
            })
            .unwrap();
        // A save: lock, re-read and compare, serialise, encrypt, write, fsync,
        // rotate backups, rename, fsync the directory. No KDF.
        group.bench_with_input(BenchmarkId::new("save", n), &n, |b, _| {
            b.iter(|| {
                vault
                    .modify(|list| {
                        list[0].notes.push('.');
                        Ok(())
                    })
                    .unwrap()
            })
        });
        // A load through the keyring slot: read, check, decrypt, parse. No KDF.
        group.bench_with_input(BenchmarkId::new("load", n), &n, |b, _| {
            b.iter(|| Vault::open(black_box(&path), Unlock::KeyringKey(&kek), &policy).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, unlock, save_and_load);
criterion_main!(benches);
