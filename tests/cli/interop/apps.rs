//! `tessera import` of Ente Auth, Proton Authenticator, Authenticator Pro
//! (Stratum), andOTP (encrypted), Bitwarden CSV and Steam files, written by
//! `apps_fixtures.py` beside this file with libsodium (PyNaCl), the reference
//! Argon2 (argon2-cffi) and OpenSSL (`cryptography`, hashlib): every secret
//! and parameter is read back from the vault. Wrong passwords and hostile
//! files leave the vault byte-for-byte unchanged and fail fast.

use super::{Algorithm, EXPORT_PASSWORD, Entry, Fixtures, Kind, find, secret, stderr, stdout};

fn fixtures() -> Fixtures {
    Fixtures::written_by(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cli/interop/apps_fixtures.py"
    ))
}

impl Fixtures {
    fn import_ok(&self, args: &[&str]) -> String {
        let out = self.import(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        stdout(&out)
    }

    fn with_password(&self, file: &str) -> Vec<String> {
        vec![
            self.file(file),
            String::from("--source-password-file"),
            self.password_file(),
        ]
    }
}

fn args(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

fn assert_ente(entries: &[Entry]) {
    assert_eq!(entries.len(), 3, "the trashed entry is left out");
    let gitlab = find(entries, "GitLab");
    assert_eq!(gitlab.account.name, "dev@example.com");
    assert_eq!(secret(gitlab), "KRSXG5CTMVRXEZLU");
    assert_eq!(gitlab.account.params.algorithm, Algorithm::Sha256);
    assert_eq!(gitlab.account.params.digits, 8);
    assert_eq!(gitlab.account.params.period, 45);
    assert!(gitlab.favourite);
    assert_eq!(gitlab.group, "Work");
    assert_eq!(gitlab.notes, "the main one");
    let bank = find(entries, "Bank");
    assert_eq!(bank.account.name, "acct");
    assert_eq!(bank.account.params.kind, Kind::Hotp);
    assert_eq!(bank.account.params.counter, 12);
    assert_eq!(secret(bank), "MFRGGZDFMZTWQ2LKNNWG23TPOA");
    assert!(!bank.favourite);
    let steam = find(entries, "Steam");
    assert_eq!(steam.account.params.kind, Kind::Steam);
    assert_eq!(secret(steam), "GEZDGNBVGY3TQOJQ");
}

#[test]
fn ente_plain_and_encrypted() {
    let f = fixtures();
    let out = f.import_ok(&[&f.file("ente-plain.txt")]);
    assert!(out.contains("Added 3 accounts"), "{out}");
    assert_ente(&f.entries());

    let f = fixtures();
    let out = f.import(&args(&f.with_password("ente-encrypted.json")));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Left out Gone:old (it is in the other app's trash)"),
        "{}",
        stderr(&out)
    );
    assert_ente(&f.entries());

    // Newer Ente versions tag the one message TAG_MESSAGE instead of TAG_FINAL.
    let f = fixtures();
    f.import_ok(&args(&f.with_password("ente-encrypted-message-tag.json")));
    assert_ente(&f.entries());
}

#[test]
fn proton_plain_and_encrypted() {
    for file in ["proton-plain.json", "proton-encrypted.json"] {
        let f = fixtures();
        f.import_ok(&args(&f.with_password(file)));
        let entries = f.entries();
        assert_eq!(entries.len(), 2, "{file}");
        let proton = find(&entries, "Proton");
        assert_eq!(proton.account.name, "me@proton.me");
        assert_eq!(secret(proton), "ONSWG4TFOQYTEMZU");
        assert_eq!(proton.account.params.algorithm, Algorithm::Sha512);
        assert_eq!(proton.account.params.digits, 7);
        assert_eq!(proton.account.params.period, 20);
        assert_eq!(proton.notes, "recovery in the safe");
        let steam = find(&entries, "Steam");
        assert_eq!(steam.account.name, "valve-fan");
        assert_eq!(steam.account.params.kind, Kind::Steam);
        assert_eq!(secret(steam), "NBSWY3DPO5XXE3DE");
    }
}

#[test]
fn authenticator_pro_plain_encrypted_and_legacy() {
    for file in [
        "stratum-plain.authpro",
        "stratum-encrypted.authpro",
        "stratum-legacy.authpro",
    ] {
        let f = fixtures();
        let out = f.import(&args(&f.with_password(file)));
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        assert!(stderr(&out).contains("\"motp\""), "{}", stderr(&out));
        let entries = f.entries();
        assert_eq!(entries.len(), 3, "{file}: mOTP is left out");
        let github = find(&entries, "GitHub");
        assert_eq!(github.account.name, "octo");
        assert_eq!(secret(github), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(github.account.params.algorithm, Algorithm::Sha256);
        assert_eq!(github.account.params.digits, 8);
        assert_eq!(github.account.params.period, 60);
        assert_eq!(github.group, "Dev");
        let vpn = find(&entries, "VPN");
        assert_eq!(vpn.account.name, "");
        assert_eq!(vpn.account.params.kind, Kind::Hotp);
        assert_eq!(vpn.account.params.algorithm, Algorithm::Sha512);
        assert_eq!(vpn.account.params.counter, 99);
        assert_eq!(secret(vpn), "ORSXG5DJNZTXGZLDOJSXI");
        let steam = find(&entries, "Steam");
        assert_eq!(steam.account.params.kind, Kind::Steam);
        assert_eq!(steam.account.name, "player");
        assert_eq!(secret(steam), "MZXW6YTBOI");
    }
}

#[test]
fn andotp_encrypted_both_forms() {
    for file in ["andotp-encrypted.json.aes", "andotp-old.json.aes"] {
        let f = fixtures();
        // The old form cannot be told from noise: it is named.
        let mut list = f.with_password(file);
        list.extend(["--format".into(), "andotp".into()]);
        f.import_ok(&args(&list));
        let entries = f.entries();
        assert_eq!(entries.len(), 2, "{file}");
        let mastodon = find(&entries, "Mastodon");
        assert_eq!(mastodon.account.name, "me@social");
        assert_eq!(secret(mastodon), "OBQXG43XN5ZGIMJSGM2DKNRX");
        assert_eq!(mastodon.account.params.algorithm, Algorithm::Sha256);
        assert_eq!(mastodon.group, "Social");
        let forge = find(&entries, "Forge");
        assert_eq!(forge.account.name, "admin");
        assert_eq!(forge.account.params.kind, Kind::Hotp);
        assert_eq!(forge.account.params.digits, 8);
        assert_eq!(forge.account.params.counter, 5);
        assert_eq!(secret(forge), "JBSWY3DPEHPK3PXQ");
    }
    // The current form is recognised without --format.
    let f = fixtures();
    f.import_ok(&args(&f.with_password("andotp-encrypted.json.aes")));
    assert_eq!(f.entries().len(), 2);
    // The old form, unnamed, is binary that is no image: the advice names
    // --format rather than asking for a screenshot.
    let f = fixtures();
    let out = f.import(&args(&f.with_password("andotp-old.json.aes")));
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("tessera import --format andotp FILE"), "{err}");
    assert!(!err.contains("screenshot"), "{err}");
    assert!(f.entries().is_empty());
}

#[test]
fn andotp_old_labels_split_into_issuer_and_name() {
    // Backups from before andOTP 0.6 have no issuer field and the label
    // "ISSUER - LABEL", the link's own "issuer:" repeated after the dash.
    let f = fixtures();
    let mut list = f.with_password("andotp-old-labels.json.aes");
    list.extend(["--format".into(), "andotp".into()]);
    f.import_ok(&args(&list));
    let entries = f.entries();
    assert_eq!(entries.len(), 2);
    let mastodon = find(&entries, "Mastodon");
    assert_eq!(mastodon.account.name, "me@social");
    assert_eq!(secret(mastodon), "OBQXG43XN5ZGIMJSGM2DKNRX");
    let forge = find(&entries, "Air Forge");
    assert_eq!(forge.account.name, "admin");
    assert_eq!(forge.account.params.kind, Kind::Hotp);
    assert_eq!(forge.account.params.counter, 5);
}

#[test]
fn bitwarden_csv_and_steam_mafiles() {
    let f = fixtures();
    let out = f.import_ok(&[
        &f.file("bitwarden.csv"),
        &f.file("steam.maFile"),
        &f.file("steam-accounts.json"),
    ]);
    assert!(out.contains("Added 6 accounts"), "{out}");
    let entries = f.entries();
    let bank = find(&entries, "Bank");
    assert_eq!(bank.account.name, "alice");
    assert_eq!(secret(bank), "KNSWK3TTMVRXEZLU");
    assert_eq!(bank.account.params.digits, 8);
    assert_eq!(bank.group, "Finance");
    assert!(bank.favourite);
    assert_eq!(bank.notes, "two lines,\nwith \"quotes\"");
    let valve = find(&entries, "Valve");
    assert_eq!(valve.account.params.kind, Kind::Steam);
    assert_eq!(secret(valve), "MFRGGZDFMZTWQ2LL");
    let plain = find(&entries, "Plain");
    assert_eq!(plain.account.name, "carol");
    assert_eq!(secret(plain), "GEZDGNBVGY3TQOJR");

    let steam: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.account.issuer == "Steam")
        .collect();
    assert_eq!(steam.len(), 3);
    let gabe = steam.iter().find(|e| e.account.name == "gabe").unwrap();
    assert_eq!(gabe.account.secret.expose(), (0u8..20).collect::<Vec<_>>());
    assert_eq!(gabe.account.params.kind, Kind::Steam);
    assert_eq!(gabe.notes, "Steam revocation code: R12345");
    let two = steam.iter().find(|e| e.account.name == "two").unwrap();
    assert_eq!(two.account.secret.expose(), (40u8..60).collect::<Vec<_>>());
}

#[test]
fn freeotp_tokens_xml() {
    let f = fixtures();
    let out = f.import_ok(&[&f.file("freeotp-tokens.xml")]);
    assert!(out.contains("Added 2 accounts"), "{out}");
    let entries = f.entries();
    let nextcloud = find(&entries, "Nextcloud");
    assert_eq!(nextcloud.account.name, "admin");
    assert_eq!(
        nextcloud.account.secret.expose(),
        (200u8..220).collect::<Vec<_>>()
    );
    assert_eq!(nextcloud.account.params.algorithm, Algorithm::Sha512);
    assert_eq!(nextcloud.account.params.digits, 8);
    assert_eq!(nextcloud.account.params.period, 60);
    let vpn = find(&entries, "VPN");
    assert_eq!(vpn.account.params.kind, Kind::Hotp);
    assert_eq!(vpn.account.params.counter, 17);
    assert_eq!(vpn.account.secret.expose(), b"12345678901234567890");
}

#[test]
fn authy_plain_and_encrypted() {
    for file in ["authy-authenticator.xml", "authy-encrypted.xml"] {
        let f = fixtures();
        f.import_ok(&args(&f.with_password(file)));
        let entries = f.entries();
        let gitlab = find(&entries, "GitLab");
        assert_eq!(gitlab.account.name, "dev@example.com");
        assert_eq!(secret(gitlab), "KRUGS4ZANFZSAYJAONSWG4TFOQ");
        assert_eq!(gitlab.account.params.period, 30);
        let dropbox = find(&entries, "Dropbox");
        assert_eq!(dropbox.account.name, "box@example.com");
        assert_eq!(dropbox.account.params.digits, 8);
        assert_eq!(secret(dropbox), "MZXW6YTBOJUWU43ROBSXEYLU");
        if file == "authy-authenticator.xml" {
            assert_eq!(entries.len(), 3);
            // Authy's own tokens: 7 digits every 10 seconds.
            let twilio = find(&entries, "Twilio");
            assert_eq!(twilio.account.params.period, 10);
            assert_eq!(twilio.account.params.digits, 7);
            assert_eq!(secret(twilio), "AAISEM2EKVTHPCEZVK54ZXPO74");
        }
    }
}

#[test]
fn duo_accounts_and_winauth_text() {
    let f = fixtures();
    let out = f.import(&[&f.file("duo-accounts.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Left out Push only"),
        "{}",
        stderr(&out)
    );
    let out = f.import_ok(&[&f.file("winauth.txt"), "--format", "winauth"]);
    assert!(out.contains("Added 2 accounts"), "{out}");
    let entries = f.entries();
    assert_eq!(entries.len(), 4);
    let vpn = find(&entries, "Corp VPN");
    assert_eq!(vpn.account.params.kind, Kind::Hotp);
    assert_eq!(vpn.account.params.counter, 4);
    assert_eq!(secret(vpn), "GEZDGNBVGY3TQOJQ");
    let okta = find(&entries, "Okta");
    assert_eq!(okta.account.params.kind, Kind::Totp);
    assert_eq!(secret(okta), "ONSWG4TFOQ");
    let battle = find(&entries, "Battle.net");
    assert_eq!(battle.account.name, "");
    assert_eq!(battle.account.params.digits, 8);
    assert_eq!(secret(battle), "NBSWY3DPO5XXE3DE");
    assert_eq!(secret(find(&entries, "Google")), "JBSWY3DPEHPK3PXP");
}

#[test]
fn wrong_passwords_exit_1_and_leave_the_vault_unchanged() {
    let f = fixtures();
    let before = f.vault_bytes();
    for (file, format) in [
        ("ente-encrypted.json", "ente"),
        ("proton-encrypted.json", "proton"),
        ("stratum-encrypted.authpro", "stratum"),
        ("stratum-legacy.authpro", "stratum"),
        ("andotp-encrypted.json.aes", "andotp"),
        ("andotp-old.json.aes", "andotp"),
        ("authy-encrypted.xml", "authy"),
    ] {
        f.assert_wrong_password_refused(file, format);
    }
    assert_eq!(f.vault_bytes(), before);
    assert!(!EXPORT_PASSWORD.is_empty());
}

#[test]
fn hostile_files_fail_fast_with_a_clear_error() {
    let f = fixtures();
    let before = f.vault_bytes();
    f.assert_refused_fast(&[
        ("ente-costly-memory.json", "ente", "more memory or time"),
        ("ente-costly-passes.json", "ente", "more memory or time"),
        ("ente-cut.json", "ente", "Ente Auth export is damaged"),
        (
            "ente-wrong-types.json",
            "ente",
            "Ente Auth export is damaged",
        ),
        (
            "proton-cut.json",
            "proton",
            "Proton Authenticator export is damaged",
        ),
        (
            "stratum-cut.authpro",
            "stratum",
            "Authenticator Pro export is damaged",
        ),
        // A round count andOTP never writes is not run: the old form is tried.
        (
            "andotp-costly.json.aes",
            "andotp",
            "The password does not decrypt",
        ),
        (
            "steam.maFile",
            "proton",
            "Proton Authenticator export is damaged",
        ),
        (
            "bitwarden.csv",
            "stratum",
            "Authenticator Pro export is damaged",
        ),
        ("freeotp-cut.xml", "freeotp", "FreeOTP export is damaged"),
        // 150,000 unusable entries: named up to a point, then counted.
        (
            "stratum-huge.authpro",
            "stratum",
            "Left out 149980 more entries",
        ),
    ]);
    assert_eq!(f.vault_bytes(), before);
}

#[test]
fn every_format_is_detected_from_its_content() {
    use tessera::import::{FileKind, detect};
    use tessera::interop::Format;
    let apps = fixtures();
    let older = Fixtures::new();
    let dbs = Fixtures::written_by(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cli/interop/db_fixtures.py"
    ));
    let more = super::more_apps::fixtures();
    let cases = [
        (&older, "aegis-plain.json", Some(Format::Aegis)),
        (&older, "aegis-encrypted.json", Some(Format::Aegis)),
        (&older, "twofas-plain.2fas", Some(Format::TwoFas)),
        (&older, "twofas-encrypted.2fas", Some(Format::TwoFas)),
        (&older, "andotp.json", Some(Format::AndOtp)),
        (&older, "bitwarden.json", Some(Format::Bitwarden)),
        (&older, "freeotp.json", Some(Format::FreeOtpPlus)),
        (&apps, "andotp-encrypted.json.aes", Some(Format::AndOtp)),
        // The old andOTP form is nonce, ciphertext and tag: random bytes
        // with no header to know it by, so it is read with --format andotp.
        (&apps, "andotp-old.json.aes", None),
        (&more, "authplus.zip", Some(Format::AuthenticatorPlus)),
        // A zip without Accounts.txt is not Authenticator Plus'.
        (&more, "authplus-other.zip", None),
        (&apps, "authy-authenticator.xml", Some(Format::Authy)),
        (&apps, "authy-encrypted.xml", Some(Format::Authy)),
        (&more, "battlenet.xml", Some(Format::BattleNet)),
        (&more, "battlenet-keystore.xml", Some(Format::BattleNet)),
        (&apps, "bitwarden.csv", Some(Format::Bitwarden)),
        (&apps, "duo-accounts.json", Some(Format::Duo)),
        (&apps, "ente-plain.txt", Some(Format::Ente)),
        (&apps, "ente-encrypted.json", Some(Format::Ente)),
        (&apps, "freeotp-tokens.xml", Some(Format::FreeOtp)),
        (&apps, "proton-plain.json", Some(Format::Proton)),
        (&apps, "proton-encrypted.json", Some(Format::Proton)),
        (&apps, "steam.maFile", Some(Format::Steam)),
        (&apps, "stratum-plain.authpro", Some(Format::Stratum)),
        (&apps, "stratum-encrypted.authpro", Some(Format::Stratum)),
        (&apps, "stratum-legacy.authpro", Some(Format::Stratum)),
        (&more, "totpauth.bin", Some(Format::TotpAuthenticator)),
        (
            &more,
            "totpauth-default.bin",
            Some(Format::TotpAuthenticator),
        ),
        (&more, "totpauth.xml", Some(Format::TotpAuthenticator)),
        (&more, "freeotp2.xml", Some(Format::FreeOtp)),
        // FreeOTP+ keeps FreeOTP's tokens.xml: read the same either way.
        (&more, "freeotp-plus-tokens.xml", Some(Format::FreeOtp)),
        (&dbs, "google-databases", Some(Format::GoogleAuthenticator)),
        (
            &dbs,
            "microsoft-PhoneFactor",
            Some(Format::MicrosoftAuthenticator),
        ),
        (&dbs, "stratum-authenticator.db3", Some(Format::Stratum)),
        (&dbs, "other.db", None),
        // A link list in all but name: read as links unless named.
        (&apps, "winauth.txt", None),
    ];
    for (fixtures, file, expected) in cases {
        let bytes = std::fs::read(fixtures.dir.join(file)).unwrap();
        let want = expected.map_or(FileKind::Codes, FileKind::Export);
        assert_eq!(detect(&bytes), want, "{file}");
    }
    // Every reader in the registry has a file here (WinAuth: by name only).
    for format in Format::ALL {
        assert!(
            *format == Format::WinAuth || cases.iter().any(|(_, _, f)| *f == Some(*format)),
            "{format:?} has no detection case"
        );
    }
}
