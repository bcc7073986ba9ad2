//! Code generation and URI parsing. Figures are recorded in docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tessera::clock::Timestamp;
use tessera::otp::{Account, Algorithm, Params, generate, migration};
use tessera::secret::SecretBytes;

fn codes(c: &mut Criterion) {
    let secret = SecretBytes::from_slice(b"12345678901234567890");
    let mut group = c.benchmark_group("code");
    for (name, params) in [
        ("totp_sha1", Params::totp()),
        (
            "totp_sha256",
            Params {
                algorithm: Algorithm::Sha256,
                ..Params::totp()
            },
        ),
        (
            "totp_sha512",
            Params {
                algorithm: Algorithm::Sha512,
                digits: 8,
                ..Params::totp()
            },
        ),
        ("hotp_sha1", Params::hotp(42)),
        ("steam", Params::steam()),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                generate(
                    black_box(&secret),
                    black_box(&params),
                    Timestamp(1_700_000_000),
                )
            })
        });
    }
    group.finish();
}

fn uris(c: &mut Criterion) {
    let uri = "otpauth://totp/ACME%20Cloud:jo%C3%A3o@exemplo.com.br?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=ACME%20Cloud&algorithm=SHA1&digits=6&period=30";
    c.bench_function("uri/parse", |b| {
        b.iter(|| Account::from_uri(black_box(uri)))
    });
    let account = Account::from_uri(uri).unwrap_or_else(|e| panic!("{e}"));
    c.bench_function("uri/format", |b| b.iter(|| black_box(&account).to_uri()));

    let accounts: Vec<Account> = (0..10)
        .map(|i| {
            Account::new(
                "ACME",
                &format!("user{i}@example.com"),
                SecretBytes::from_slice(b"12345678901234567890"),
                Params::totp(),
            )
            .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    let encoded = migration::encode(&accounts, 1);
    let export = encoded.uris[0].expose().to_owned();
    c.bench_function("migration/decode_10_accounts", |b| {
        b.iter(|| migration::decode(black_box(&export)))
    });
    c.bench_function("migration/encode_10_accounts", |b| {
        b.iter(|| migration::encode(black_box(&accounts), 1))
    });
}

criterion_group!(benches, codes, uris);
criterion_main!(benches);
