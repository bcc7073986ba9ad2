//! Vault fixtures: every entry kind, Unicode names, notes and recovery codes.

use tessera::clock::Timestamp;
use tessera::otp::{Account, Algorithm, Params};
use tessera::secret::{Password, SecretBytes, SecretText};
use tessera::vault::{Entry, KdfPolicy, RecoveryCode, Vault};

pub const PASSWORD: &str = "correct horse battery staple";

pub fn password() -> Password {
    Password::new(PASSWORD.to_owned())
}

/// The cheap KDF policy (feature `test-kdf`): opening takes microseconds.
pub fn fast() -> KdfPolicy {
    KdfPolicy::insecure_for_tests()
}

pub fn account(issuer: &str, name: &str, secret: &[u8], params: Params) -> Account {
    Account::new(issuer, name, SecretBytes::from_slice(secret), params).expect("valid account")
}

/// Entries of every kind, with Unicode, notes and recovery codes (one used).
pub fn sample_entries() -> Vec<Entry> {
    let now = Timestamp(1_700_000_000);
    let mut totp = Entry::new(
        account(
            "ACME Cloud",
            "joão@exemplo.com.br",
            b"12345678901234567890",
            Params::totp(),
        ),
        now,
    )
    .expect("entry");
    totp.group = "Trabalho".into();
    totp.favourite = true;
    totp.notes = "Conta principal — 2FA ativado em março.\nSegunda linha.".into();
    totp.recovery_codes = vec![
        RecoveryCode {
            code: SecretText::new("abcd-efgh".into()),
            used_at: Some(Timestamp(1_700_000_100)),
        },
        RecoveryCode {
            code: SecretText::new("ijkl-mnop".into()),
            used_at: None,
        },
    ];
    let hotp = Entry::new(
        account(
            "Bank: Ünïcødé",
            "user:with:colons",
            b"hotp-secret-0123",
            Params {
                algorithm: Algorithm::Sha256,
                digits: 8,
                ..Params::hotp(42)
            },
        ),
        now,
    )
    .expect("entry");
    let steam = Entry::new(
        account(
            "Steam",
            "gamer 日本",
            b"steam-secret-bytes!!",
            Params::steam(),
        ),
        now,
    )
    .expect("entry");
    let sha512 = Entry::new(
        account(
            "",
            "no issuer",
            &[0xff; 64],
            Params {
                algorithm: Algorithm::Sha512,
                digits: 7,
                period: 60,
                ..Params::totp()
            },
        ),
        now,
    )
    .expect("entry");
    vec![totp, hotp, steam, sha512]
}

/// A fresh vault (fast KDF) holding `sample_entries()`.
pub fn sample_vault(path: &std::path::Path) -> Vault {
    let mut vault = Vault::create(path, &password(), &fast()).expect("create");
    vault
        .modify(|entries| {
            entries.extend(sample_entries());
            Ok(())
        })
        .expect("save");
    vault
}
