//! Writes the generated seeds of the fuzz targets:
//! - `corpus/vault_file/`: vaults with entries of every kind (TOTP, HOTP,
//!   Steam, recovery codes, notes), made with the cheap test KDF and a keyring
//!   slot under a fixed key, so the fuzzer starts from files that open;
//! - `corpus/migration/`: a Google Authenticator payload (protobuf bytes);
//! - `corpus/qr_bytes/`: a QR code PNG of a link.
//!
//!     cd fuzz && cargo run --example seeds
//!
//! The text seeds (links, recovery codes, export files) are checked in by hand.

use std::path::Path;

use tessera::clock::Timestamp;
use tessera::otp::Account;
use tessera::secret::{Password, SecretBytes};
use tessera::vault::{Entry, KdfPolicy, Vault, recovery};

const SEED_KEK: [u8; 32] = [7; 32];
const SEED_PASSWORD: &str = "fuzzing password";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/vault_file");
    std::fs::create_dir_all(&out)?;
    let dir = std::env::temp_dir().join(format!("tessera-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let policy = KdfPolicy::insecure_for_tests();
    let password = Password::new(String::from(SEED_PASSWORD));

    let empty = dir.join("empty.tessera");
    let mut vault = Vault::create(&empty, &password, &policy)?;
    vault.enable_keyring(&SecretBytes::from_slice(&SEED_KEK))?;
    std::fs::copy(&empty, out.join("empty-with-keyring-slot"))?;

    let links = [
        "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME",
        "otpauth://hotp/Bank:me?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&counter=7&digits=8&algorithm=SHA256",
        "otpauth://steam/Steam:gamer?secret=MFRGGZDFMZTWQ2LK&issuer=Steam",
    ];
    vault.modify(|entries| {
        for (i, link) in links.iter().enumerate() {
            let account = Account::from_uri(link)
                .map_err(|e| tessera::vault::Error::Invalid(e.to_string()))?;
            let mut entry = Entry::new(account, Timestamp(1_700_000_000))
                .map_err(|e| tessera::vault::Error::Invalid(e.to_string()))?;
            entry.group = String::from("Work");
            entry.notes = format!("note {i}");
            entry.favourite = i == 0;
            if i == 0 {
                let codes = recovery::parse_block("1111-2222\n3333-4444\n")
                    .map_err(|e| tessera::vault::Error::Invalid(e.to_string()))?;
                entry.recovery_codes = recovery::fresh_set(codes);
            }
            entries.push(entry);
        }
        Ok(())
    })?;
    std::fs::copy(&empty, out.join("three-entries-with-keyring-slot"))?;
    std::fs::remove_dir_all(&dir)?;

    let corpus = out.parent().ok_or("no corpus folder")?;
    let accounts: Vec<Account> = vault.entries().iter().map(|e| e.account.clone()).collect();
    let encoded = tessera::otp::migration::encode(&accounts, 42);
    for (i, uri) in encoded.uris.iter().enumerate() {
        let data = uri
            .expose()
            .split_once("data=")
            .map(|(_, d)| d)
            .ok_or("no data parameter")?;
        let data = percent_decode(data);
        use base64::Engine as _;
        let payload = base64::engine::general_purpose::STANDARD.decode(data)?;
        std::fs::write(corpus.join(format!("migration/payload-{i}")), payload)?;
        std::fs::write(
            corpus.join(format!("migration/link-{i}")),
            uri.expose().as_bytes(),
        )?;
    }
    let png = tessera::qr::encode::png(links[0], 2)?;
    std::fs::write(corpus.join("qr_bytes/link.png"), &png[..])?;
    println!("wrote seeds to {}", corpus.display());
    Ok(())
}

/// `%2B` and friends back to bytes (the links percent-encode base64).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
