//! `tessera import` of Authenticator Plus, Battle.net, TOTP Authenticator and
//! FreeOTP 2 files, written by `more_apps_fixtures.py` beside this file (its
//! own ZipCrypto zip writer checked by Python's `zipfile`, its own Java
//! serialization writer, OpenSSL through `cryptography` and hashlib): every
//! secret and parameter is read back from the vault. Wrong passwords and
//! hostile files leave the vault byte-for-byte unchanged and fail fast.

use super::{Algorithm, Fixtures, Kind, find, secret, stderr, stdout};

pub(super) fn fixtures() -> Fixtures {
    Fixtures::written_by(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cli/interop/more_apps_fixtures.py"
    ))
}

impl Fixtures {
    /// `import FILE --source-password-file … [--format NAME]`.
    fn import_with_password(&self, file: &str, format: Option<&str>) -> std::process::Output {
        let (file, password) = (self.file(file), self.password_file());
        let mut args = vec![file.as_str(), "--source-password-file", password.as_str()];
        if let Some(format) = format {
            args.extend(["--format", format]);
        }
        self.import(&args)
    }
}

#[test]
fn authenticator_plus_zip() {
    let f = fixtures();
    // Detected from the content, and the same when named.
    for format in [None, Some("authenticator-plus")] {
        let out = f.import_with_password("authplus.zip", format);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let entries = f.entries();
    assert_eq!(entries.len(), 3);
    let deno = find(&entries, "Deno");
    assert_eq!(deno.account.name, "mason@example.com");
    assert_eq!(secret(deno), "4SJHB4GSD43FZBAI7C2HLRJGPQ");
    assert_eq!(deno.account.params.algorithm, Algorithm::Sha1);
    assert_eq!(deno.account.params.digits, 6);
    assert_eq!(deno.account.params.period, 30);
    let spdx = find(&entries, "SPDX");
    assert_eq!(spdx.account.name, "james");
    assert_eq!(secret(spdx), "5OM4WOOGPLQEF6UGN3CPEOOLWU");
    assert_eq!(spdx.account.params.algorithm, Algorithm::Sha256);
    assert_eq!(spdx.account.params.digits, 7);
    assert_eq!(spdx.account.params.period, 20);
    let air = find(&entries, "Air Canada");
    assert_eq!(air.account.name, "benjamin");
    assert_eq!(secret(air), "KUVJJOM753IHTNDSZVCNKL7GII");
    assert_eq!(air.account.params.kind, Kind::Hotp);
    assert_eq!(air.account.params.algorithm, Algorithm::Sha512);
    assert_eq!(air.account.params.digits, 8);
    assert_eq!(air.account.params.counter, 50);
}

#[test]
fn battle_net_preferences() {
    let f = fixtures();
    for format in [None, Some("battle-net")] {
        let out = f.import_with_password("battlenet.xml", format);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let entries = f.entries();
    assert_eq!(entries.len(), 1);
    let battle = find(&entries, "Battle.net");
    assert_eq!(battle.account.name, "EU-2011-0425-1337");
    assert_eq!(
        battle.account.secret.expose(),
        (100u8..120).collect::<Vec<_>>()
    );
    assert_eq!(battle.account.params.kind, Kind::Totp);
    assert_eq!(battle.account.params.algorithm, Algorithm::Sha1);
    assert_eq!(battle.account.params.digits, 8);
    assert_eq!(battle.account.params.period, 30);

    // A key sealed some other way is left out by name, not misread.
    let f = fixtures();
    let out = f.import(&[&f.file("battlenet-keystore.xml")]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains(
            "Left out Battle.net (its key is encrypted with a key that stays on the phone"
        ),
        "{}",
        stderr(&out)
    );
    assert!(f.entries().is_empty());
}

fn assert_totp_authenticator(f: &Fixtures) {
    let entries = f.entries();
    assert_eq!(entries.len(), 3, "the key in base 7 is left out");
    let deno = find(&entries, "Deno");
    assert_eq!(deno.account.name, "mason");
    assert_eq!(secret(deno), "4SJHB4GSD43FZBAI7C2HLRJGPQ");
    assert_eq!(deno.account.params.digits, 6);
    assert_eq!(deno.account.params.period, 30);
    assert!(deno.favourite);
    let spdx = find(&entries, "SPDX");
    assert_eq!(spdx.account.name, "james");
    assert_eq!(secret(spdx), "5OM4WOOGPLQEF6UGN3CPEOOLWU");
    assert_eq!(spdx.account.params.digits, 7);
    assert_eq!(spdx.account.params.period, 20);
    assert!(!spdx.favourite);
    let airbnb = find(&entries, "Airbnb");
    assert_eq!(airbnb.account.name, "elijah");
    assert_eq!(
        airbnb.account.secret.expose(),
        (1u8..=20).collect::<Vec<_>>()
    );
    assert_eq!(airbnb.account.params.digits, 8);
    assert_eq!(airbnb.account.params.period, 50);
    for entry in &entries {
        assert_eq!(entry.account.params.kind, Kind::Totp);
        assert_eq!(entry.account.params.algorithm, Algorithm::Sha1);
    }
}

#[test]
fn totp_authenticator_backup_and_preferences() {
    for (file, password) in [
        ("totpauth.bin", true),
        // Saved without a password of the person's: the app's own opens it.
        ("totpauth-default.bin", false),
        ("totpauth.xml", false),
    ] {
        let f = fixtures();
        let out = if password {
            f.import_with_password(file, None)
        } else {
            f.import(&[&f.file(file)])
        };
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("Left out Odd (base) (its key is not valid base 7)"),
            "{file}: {}",
            stderr(&out)
        );
        assert_totp_authenticator(&f);
    }
}

fn assert_freeotp_spdx(entries: &[tessera::vault::Entry]) {
    let spdx = find(entries, "SPDX");
    assert_eq!(spdx.account.name, "James");
    assert_eq!(spdx.account.secret.expose(), (50u8..66).collect::<Vec<_>>());
    assert_eq!(spdx.account.params.kind, Kind::Totp);
    assert_eq!(spdx.account.params.algorithm, Algorithm::Sha256);
    assert_eq!(spdx.account.params.digits, 7);
    assert_eq!(spdx.account.params.period, 20);
}

#[test]
fn freeotp_2_backups() {
    let f = fixtures();
    // Detected from the content, and the same when named.
    for format in [None, Some("freeotp")] {
        let out = f.import_with_password("freeotp2.xml", format);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let entries = f.entries();
    assert_eq!(entries.len(), 3);
    assert_freeotp_spdx(&entries);
    let issuu = find(&entries, "Issuu");
    assert_eq!(issuu.account.name, "James");
    assert_eq!(issuu.account.secret.expose(), b"12345678901234567890");
    assert_eq!(issuu.account.params.kind, Kind::Hotp);
    assert_eq!(issuu.account.params.algorithm, Algorithm::Sha1);
    assert_eq!(issuu.account.params.digits, 6);
    assert_eq!(issuu.account.params.counter, 1);
    // Non-ASCII text in Java's modified UTF-8, a character beyond the BMP included.
    let cafe = find(&entries, "Café ☕");
    assert_eq!(cafe.account.name, "\u{1f511} main");
    assert_eq!(
        cafe.account.secret.expose(),
        (200u8..232).collect::<Vec<_>>()
    );
    assert_eq!(cafe.account.params.algorithm, Algorithm::Sha512);
    assert_eq!(cafe.account.params.digits, 8);
    assert_eq!(cafe.account.params.period, 50);

    // A master key derived with PBKDF2-HMAC-SHA1 (older phones).
    let f = fixtures();
    let out = f.import_with_password("freeotp2-sha1.xml", None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries = f.entries();
    assert_eq!(entries.len(), 1);
    assert_freeotp_spdx(&entries);

    // Android 6 (API 23) wrote the GCM parameters as a bare OCTET STRING.
    let f = fixtures();
    let out = f.import_with_password("freeotp2-api23.xml", None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries = f.entries();
    assert_eq!(entries.len(), 1);
    assert_freeotp_spdx(&entries);
}

#[test]
fn freeotp_plus_internal_tokens_xml() {
    let f = fixtures();
    let out = f.import(&[
        &f.file("freeotp-plus-tokens.xml"),
        "--format",
        "freeotp-plus",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries = f.entries();
    assert_eq!(entries.len(), 3);
    let wwe = find(&entries, "WWE");
    assert_eq!(wwe.account.name, "Mason");
    assert_eq!(wwe.account.secret.expose(), (10u8..26).collect::<Vec<_>>());
    assert_eq!(wwe.account.params.kind, Kind::Hotp);
    assert_eq!(wwe.account.params.algorithm, Algorithm::Sha512);
    assert_eq!(wwe.account.params.digits, 8);
    assert_eq!(wwe.account.params.counter, 10299);
    // No issuerExt: issuerInt names it.
    let deno = find(&entries, "Deno");
    assert_eq!(
        deno.account.secret.expose(),
        (130u8..150).collect::<Vec<_>>()
    );
    assert_eq!(deno.account.params.period, 30);
    let spdx = find(&entries, "SPDX");
    assert_eq!(spdx.account.secret.expose(), (0u8..32).collect::<Vec<_>>());
    assert_eq!(spdx.account.params.algorithm, Algorithm::Sha256);
    assert_eq!(spdx.account.params.digits, 7);
    assert_eq!(spdx.account.params.period, 20);
}

#[test]
fn wrong_passwords_exit_1_and_leave_the_vault_unchanged() {
    let f = fixtures();
    let before = f.vault_bytes();
    for (file, format) in [
        ("authplus.zip", "authenticator-plus"),
        ("totpauth.bin", "totp-authenticator"),
        ("freeotp2.xml", "freeotp"),
    ] {
        f.assert_wrong_password_refused(file, format);
    }
    // A wrong password that passes ZipCrypto's check byte: the entry then
    // fails to inflate or to match its CRC, and that is a wrong password too.
    let out = f.import(&[
        &f.file("authplus.zip"),
        "--source-password-file",
        &f.file("authplus-lucky-password.txt"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("The password does not decrypt this Authenticator Plus export"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.vault_bytes(), before);
}

#[test]
fn hostile_files_fail_fast_with_a_clear_error() {
    let f = fixtures();
    let before = f.vault_bytes();
    f.assert_refused_fast(&[
        (
            "authplus-cut.zip",
            "authenticator-plus",
            "Authenticator Plus export is damaged (it is not a readable zip archive",
        ),
        (
            "authplus-bomb.zip",
            "authenticator-plus",
            "Authenticator Plus export unpacks to more than 1 MiB",
        ),
        (
            "authplus-many.zip",
            "authenticator-plus",
            "holds more than 64 entries",
        ),
        (
            "authplus-other.zip",
            "authenticator-plus",
            "the archive holds no Accounts.txt",
        ),
        (
            "battlenet-not-hex.xml",
            "battle-net",
            "Battle.net export is damaged (the device secret is not masked hex)",
        ),
        (
            "battlenet-too-long.xml",
            "battle-net",
            "Battle.net export is damaged (the device secret is not masked hex)",
        ),
        (
            "battlenet-cut.xml",
            "battle-net",
            "Battle.net export is damaged (broken XML",
        ),
        (
            "totpauth-cut.bin",
            "totp-authenticator",
            "TOTP Authenticator export is damaged",
        ),
        (
            "totpauth-wrong-types.xml",
            "totp-authenticator",
            "TOTP Authenticator export is damaged (the account list is not a list)",
        ),
        (
            "totpauth-huge.xml",
            "totp-authenticator",
            "Left out 59980 more entries",
        ),
        (
            "freeotp2-cut.xml",
            "freeotp",
            "FreeOTP export is damaged (it is cut short)",
        ),
        ("freeotp2-costly.xml", "freeotp", "more memory or time"),
        (
            "freeotp2-huge-size.xml",
            "freeotp",
            "FreeOTP export is damaged (the map has 2147483647 entries, more than 50000)",
        ),
        (
            "freeotp2-many.xml",
            "freeotp",
            "FreeOTP export is damaged (the map has more than 50000 entries)",
        ),
        (
            "freeotp2-long-string.xml",
            "freeotp",
            "FreeOTP export is damaged (it is cut short)",
        ),
        (
            "freeotp2-null.xml",
            "freeotp",
            "a key or value of the map is null",
        ),
        (
            "freeotp2-wrong-types.xml",
            "freeotp",
            "the master key's salt is not 32 bytes",
        ),
        (
            "freeotp2-deep.xml",
            "freeotp",
            "a class chain deeper than 8",
        ),
        (
            "authplus.zip",
            "battle-net",
            "Battle.net export is damaged (it is not text)",
        ),
    ]);
    assert_eq!(f.vault_bytes(), before);
}
