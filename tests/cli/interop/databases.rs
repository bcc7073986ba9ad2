//! `tessera import` of authenticator apps' own SQLite databases (Google
//! Authenticator, Microsoft Authenticator, Stratum), written by
//! `db_fixtures.py` beside this file with Python's sqlite3 (Debian's SQLite,
//! not the copy Tessera builds in): each detected from its tables, every
//! secret and parameter read back from the vault; hostile databases (a
//! million rows, a view that never ends, a cut file, another app's database)
//! refused within 2 s with the vault byte-for-byte unchanged.

use std::time::{Duration, Instant};

use super::{Algorithm, Fixtures, Kind, find, secret, stderr, stdout};

fn fixtures() -> Fixtures {
    Fixtures::written_by(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/cli/interop/db_fixtures.py"
    ))
}

#[test]
fn google_authenticator_database_in_wal_mode() {
    let f = fixtures();
    let out = f.import(&[&f.file("google-databases")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Added 2 accounts"),
        "{}",
        stdout(&out)
    );
    // The account whose key the phone's keystore sealed is named, not lost silently.
    assert!(
        stderr(&out).contains("Left out Sealed (old@example.com)"),
        "{}",
        stderr(&out)
    );
    let entries = f.entries();
    assert_eq!(entries.len(), 2);
    let github = find(&entries, "GitHub");
    assert_eq!(github.account.name, "alice@example.com");
    assert_eq!(secret(github), "JBSWY3DPEHPK3PXP");
    assert_eq!(github.account.params.kind, Kind::Totp);
    assert_eq!(github.account.params.digits, 6);
    assert_eq!(github.account.params.period, 30);
    let bank = find(&entries, "Bank");
    assert_eq!(bank.account.name, "bob");
    assert_eq!(bank.account.params.kind, Kind::Hotp);
    assert_eq!(bank.account.params.counter, 7);
    assert_eq!(secret(bank), "MFRGGZDFMZTWQ2LK");
}

#[test]
fn microsoft_authenticator_database() {
    let f = fixtures();
    let out = f.import(&[&f.file("microsoft-PhoneFactor")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Left out Microsoft (erin@outlook.example)"),
        "{}",
        stderr(&out)
    );
    let entries = f.entries();
    assert_eq!(entries.len(), 2);
    let contoso = find(&entries, "Contoso");
    assert_eq!(contoso.account.name, "carol@contoso.example");
    assert_eq!(secret(contoso), "KRSXG5CTMVRXEZLU");
    assert_eq!(contoso.account.params.digits, 6);
    // A work account: a base64 key and 8-digit codes.
    let work = find(&entries, "Microsoft");
    assert_eq!(work.account.name, "dave@work.example");
    assert_eq!(work.account.secret.expose(), b"0123456789abcdef".as_slice());
    assert_eq!(work.account.params.digits, 8);
    assert_eq!(work.account.params.period, 30);
    assert_eq!(work.account.params.algorithm, Algorithm::Sha1);
}

#[test]
fn stratum_database_with_its_categories() {
    let f = fixtures();
    let out = f.import(&[&f.file("stratum-authenticator.db3")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries = f.entries();
    assert_eq!(entries.len(), 3, "mOTP is left out");
    let gitlab = find(&entries, "GitLab");
    assert_eq!(gitlab.account.name, "dev");
    assert_eq!(secret(gitlab), "KRSXG5CTMVRXEZLU");
    assert_eq!(gitlab.account.params.algorithm, Algorithm::Sha256);
    assert_eq!(gitlab.account.params.digits, 8);
    assert_eq!(gitlab.account.params.period, 60);
    assert_eq!(gitlab.group, "Work");
    let bank = find(&entries, "Bank");
    assert_eq!(bank.account.params.kind, Kind::Hotp);
    assert_eq!(bank.account.params.counter, 12);
    assert_eq!(secret(bank), "MFRGGZDFMZTWQ2LKNNWG23TPOA");
    assert_eq!(bank.group, "");
    let steam = find(&entries, "Steam");
    assert_eq!(steam.account.params.kind, Kind::Steam);
    assert_eq!(secret(steam), "GEZDGNBVGY3TQOJQ");
}

#[test]
fn hostile_databases_fail_fast_with_a_clear_error() {
    let f = fixtures();
    let before = f.vault_bytes();
    for (file, format, expected) in [
        (
            "google-million",
            "google-authenticator",
            "holds more than 100000 entries",
        ),
        (
            "google-endless",
            "google-authenticator",
            "takes too long to read",
        ),
        (
            "microsoft-cut",
            "microsoft-authenticator",
            "Microsoft Authenticator export is damaged",
        ),
        (
            "other.db",
            "microsoft-authenticator",
            "it has no accounts table",
        ),
        ("other.db", "stratum", "it has no authenticator table"),
    ] {
        let started = Instant::now();
        let out = f.import(&[&f.file(file), "--format", format]);
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{file}: {}", stderr(&out));
        assert!(took < Duration::from_secs(2), "{file} took {took:?}");
    }
    // Detection never guesses: another app's database is no export.
    let out = f.import(&[&f.file("other.db")]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(f.vault_bytes(), before);
}
