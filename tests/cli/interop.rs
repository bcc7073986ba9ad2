//! `tessera import` of other authenticators' export files, written by
//! `tests/cli/interop_fixtures.py` with Python's hashlib and `cryptography` (an
//! implementation independent of the crates Tessera decrypts with), then read
//! back from the vault: every secret, parameter, group, favourite and note.

mod apps;
mod databases;
mod exports;
mod more_apps;
mod sheet;

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common;
use crate::common::app::{cli, isolate};
use crate::common::{run_with_stdin, stderr, stdout};
use tessera::otp::{Algorithm, Kind, encode_base32};
use tessera::secret::Password;
use tessera::vault::{Entry, KdfPolicy, Unlock, Vault};

const VAULT_PASSWORD: &str = "vault password 1234";
const EXPORT_PASSWORD: &str = "export pass wörd";

struct Fixtures {
    home: tempfile::TempDir,
    dir: PathBuf,
}

impl Fixtures {
    fn new() -> Self {
        Self::written_by(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cli/interop_fixtures.py"
        ))
    }

    /// A fresh vault and the export files `script` writes.
    fn written_by(script: &str) -> Self {
        common::require_tool("/usr/bin/python3", "python3-cryptography");
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("exports");
        let out = Command::new("/usr/bin/python3")
            .arg(script)
            .arg(&dir)
            .arg(EXPORT_PASSWORD)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the fixture script failed (needs python3-cryptography, python3-nacl, python3-argon2): {}",
            stderr(&out)
        );
        std::fs::write(
            home.path().join("export-password.txt"),
            format!("{EXPORT_PASSWORD}\n"),
        )
        .unwrap();
        cli(home.path(), VAULT_PASSWORD, &["init"]);
        Self { home, dir }
    }

    fn file(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }

    fn password_file(&self) -> String {
        self.home
            .path()
            .join("export-password.txt")
            .display()
            .to_string()
    }

    /// A vault holding every kind of account the fixtures have: TOTP, HOTP
    /// and Steam, SHA-1/256/512, 6 to 8 digits, periods of 30 and 60, groups,
    /// a favourite and a note (8 accounts).
    fn every_kind() -> Self {
        let f = Self::new();
        let out = f.import(&[
            &f.file("aegis-plain.json"),
            &f.file("twofas-plain.2fas"),
            &f.file("andotp.json"),
            &f.file("freeotp.json"),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(f.entries().len(), 8);
        f
    }

    /// `tessera ARGS` on this vault, its password on stdin.
    fn run(&self, args: &[&str]) -> std::process::Output {
        self.run_in("en_US.UTF-8", args)
    }

    /// `tessera ARGS` under the locale `lang`.
    fn run_in(&self, lang: &str, args: &[&str]) -> std::process::Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tessera"));
        isolate(&mut command, self.home.path());
        command.env("LANG", lang).args(args);
        run_with_stdin(&mut command, &format!("{VAULT_PASSWORD}\n"))
    }

    /// `tessera import ARGS` with the vault password on stdin.
    fn import(&self, args: &[&str]) -> std::process::Output {
        self.import_in("en_US.UTF-8", args)
    }

    /// `tessera import ARGS` under the locale `lang`.
    fn import_in(&self, lang: &str, args: &[&str]) -> std::process::Output {
        let mut all = vec!["import"];
        all.extend_from_slice(args);
        self.run_in(lang, &all)
    }

    /// The vault file's bytes (to show that a refused import changed nothing).
    fn vault_bytes(&self) -> Vec<u8> {
        std::fs::read(self.vault_path()).unwrap()
    }

    fn vault_path(&self) -> PathBuf {
        self.home.path().join("data/tessera/vault.tessera")
    }

    fn entries(&self) -> Vec<Entry> {
        Vault::open(
            &self.vault_path(),
            Unlock::Password(&Password::new(VAULT_PASSWORD.into())),
            &KdfPolicy::standard(),
        )
        .unwrap()
        .entries()
        .to_vec()
    }

    /// `file` read as `format` with a wrong source password: exit 1 and the
    /// advice in English and in Portuguese; with no password at all (stdin
    /// holds the vault password): the advice to use --source-password-file.
    fn assert_wrong_password_refused(&self, file: &str, format: &str) {
        let wrong = self.home.path().join("wrong.txt");
        std::fs::write(&wrong, "not the export password\n").unwrap();
        let (file, wrong) = (self.file(file), wrong.display().to_string());
        let args = [
            file.as_str(),
            "--format",
            format,
            "--source-password-file",
            &wrong,
        ];
        for (lang, said) in [
            ("en_US.UTF-8", "the password does not decrypt this"),
            ("pt_BR.UTF-8", "a senha não decifra esta exportação do"),
        ] {
            let out = self.import_in(lang, &args);
            assert_eq!(out.status.code(), Some(1), "{file}: {}", stdout(&out));
            assert!(stderr(&out).contains(said), "{file}: {}", stderr(&out));
        }
        let out = self.import(&args[..3]);
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("--source-password-file"),
            "{file}: {}",
            stderr(&out)
        );
    }

    /// Each `(file, format, expected)` read as `format` with the export
    /// password: exit 1 with `expected` in the error, in under 2 s.
    fn assert_refused_fast(&self, cases: &[(&str, &str, &str)]) {
        for (file, format, expected) in cases {
            let started = Instant::now();
            let out = self.import(&[
                &self.file(file),
                "--format",
                format,
                "--source-password-file",
                &self.password_file(),
            ]);
            let took = started.elapsed();
            assert_eq!(out.status.code(), Some(1), "{file}: {}", stdout(&out));
            assert!(stderr(&out).contains(expected), "{file}: {}", stderr(&out));
            assert!(took < Duration::from_secs(2), "{file} took {took:?}");
        }
    }
}

fn find<'a>(entries: &'a [Entry], issuer: &str) -> &'a Entry {
    entries
        .iter()
        .find(|e| e.account.issuer == issuer)
        .unwrap_or_else(|| panic!("{issuer} not imported"))
}

fn secret(entry: &Entry) -> String {
    encode_base32(entry.account.secret.expose()).to_string()
}

fn assert_aegis(entries: &[Entry]) {
    assert_eq!(entries.len(), 3, "motp is left out");
    let github = find(entries, "GitHub");
    assert_eq!(github.account.name, "octo");
    assert_eq!(secret(github), "JBSWY3DPEHPK3PXP");
    assert_eq!(github.group, "Work");
    assert!(github.favourite);
    assert_eq!(github.notes, "personal account");
    let bank = find(entries, "Bank");
    assert_eq!(bank.account.params.kind, Kind::Hotp);
    assert_eq!(bank.account.params.algorithm, Algorithm::Sha256);
    assert_eq!(bank.account.params.digits, 8);
    assert_eq!(bank.account.params.counter, 7);
    assert_eq!(secret(bank), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA");
    let steam = find(entries, "Steam");
    assert_eq!(steam.account.params.kind, Kind::Steam);
    assert_eq!(secret(steam), "MFRGGZDFMZTWQ2LK");
}

#[test]
fn an_encrypted_aegis_export_is_decrypted_and_imported_whole() {
    let f = Fixtures::new();
    let out = f.import(&[
        &f.file("aegis-encrypted.json"),
        "--source-password-file",
        &f.password_file(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Added 3 accounts"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("Left out Old VPN (x)") && stderr(&out).contains("\"motp\""),
        "{}",
        stderr(&out)
    );
    assert_aegis(&f.entries());

    // Again: everything is a duplicate now.
    let out = f.import(&[
        &f.file("aegis-plain.json"),
        "--source-password-file",
        &f.password_file(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Added 0 accounts, skipped 3"));
    assert_eq!(f.entries().len(), 3);
}

#[test]
fn a_plain_aegis_export_needs_no_password() {
    let f = Fixtures::new();
    let out = f.import(&[&f.file("aegis-plain.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_aegis(&f.entries());
}

#[test]
fn encrypted_exports_without_or_with_a_wrong_password_say_what_to_do() {
    let f = Fixtures::new();
    let before = std::fs::read(f.home.path().join("data/tessera/vault.tessera")).unwrap();

    let out = f.import(&[&f.file("aegis-encrypted.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "this Aegis export is encrypted; give its password with --source-password-file FILE"
        ),
        "{}",
        stderr(&out)
    );

    let wrong = f.home.path().join("wrong.txt");
    std::fs::write(&wrong, "not it\n").unwrap();
    for file in ["aegis-encrypted.json", "twofas-encrypted.2fas"] {
        let out = f.import(&[
            &f.file(file),
            "--source-password-file",
            wrong.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        assert!(
            stderr(&out).contains("the password does not decrypt this"),
            "{file}: {}",
            stderr(&out)
        );
    }

    // A key derivation costlier than any real export is refused before it runs.
    let started = Instant::now();
    let out = f.import(&[
        &f.file("aegis-costly.json"),
        "--source-password-file",
        &f.password_file(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("more memory or time"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed().as_secs() < 5);

    // Thousands of password slots, or a few whose total work is too much, are
    // refused from the header, before any key derivation runs (each of these
    // would keep the import busy for seconds to minutes if tried).
    for file in ["aegis-many-slots.json", "aegis-heavy.json"] {
        let started = Instant::now();
        let out = f.import(&[&f.file(file), "--source-password-file", &f.password_file()]);
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("more memory or time"),
            "{file}: {}",
            stderr(&out)
        );
        assert!(took.as_millis() < 2000, "{file} took {took:?}");
    }

    // Nothing was written by any of these.
    assert_eq!(
        std::fs::read(f.home.path().join("data/tessera/vault.tessera")).unwrap(),
        before
    );
}

#[test]
fn twofas_backups_plain_and_encrypted() {
    let f = Fixtures::new();
    let out = f.import(&[
        &f.file("twofas-encrypted.2fas"),
        "--source-password-file",
        &f.password_file(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries = f.entries();
    assert_eq!(entries.len(), 2);
    let dropbox = find(&entries, "Dropbox");
    assert_eq!(dropbox.account.name, "dee@example.com");
    assert_eq!(secret(dropbox), "KVKFKRCPNZQUYMLX");
    assert_eq!(dropbox.group, "Cloud");
    // No issuer in its otp block: the service name stands in.
    let forum = find(&entries, "Forum");
    assert_eq!(forum.account.params.kind, Kind::Hotp);
    assert_eq!(forum.account.params.algorithm, Algorithm::Sha512);
    assert_eq!(forum.account.params.digits, 7);
    assert_eq!(forum.account.params.counter, 3);
    assert_eq!(secret(forum), "NBSWY3DPO5XXE3DE");

    let out = f.import(&[&f.file("twofas-plain.2fas"), "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Would add 0 accounts, skipped 2"));
}

#[test]
fn andotp_and_bitwarden_exports() {
    let f = Fixtures::new();
    let out = f.import(&[&f.file("andotp.json"), &f.file("bitwarden.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries = f.entries();
    assert_eq!(entries.len(), 4, "logins without a TOTP are passed over");
    let mastodon = find(&entries, "Mastodon");
    assert_eq!(mastodon.account.name, "me@social");
    assert_eq!(mastodon.account.params.period, 60);
    assert_eq!(mastodon.group, "Social");
    assert_eq!(secret(mastodon), "OBQXG43XN5ZGIMJS");
    let example = find(&entries, "Example");
    assert_eq!(secret(example), "JBSWY3DPEHPK3PXQ");
    assert!(example.favourite);
    assert_eq!(example.notes, "from the vault");
    let valve = find(&entries, "Valve");
    assert_eq!(valve.account.params.kind, Kind::Steam);
    assert_eq!(valve.account.name, "bob");
    let plain = find(&entries, "Plain");
    assert_eq!(secret(plain), "GEZDGNBVGY3TQOJR");
    assert_eq!(plain.group, "Personal");
}

#[test]
fn a_named_format_that_does_not_match_is_an_error_not_a_guess() {
    let f = Fixtures::new();
    let out = f.import(&[&f.file("andotp.json"), "--format", "aegis"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Aegis export is damaged"),
        "{}",
        stderr(&out)
    );
    let text = f.home.path().join("hello.txt");
    std::fs::write(&text, "hello").unwrap();
    let out = f.import(&[text.to_str().unwrap(), "--format", "2fas"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("2FAS export is damaged"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn freeotp_backups_with_keys_as_signed_bytes() {
    let f = Fixtures::new();
    let out = f.import(&[&f.file("freeotp.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries = f.entries();
    let nextcloud = find(&entries, "Nextcloud");
    // Every byte 0xFF: -1 in the file.
    assert_eq!(secret(nextcloud), "7777777777777777");
    assert_eq!(nextcloud.account.params.digits, 8);
    assert_eq!(nextcloud.account.params.algorithm, Algorithm::Sha256);
    let vpn = find(&entries, "VPN");
    assert_eq!(vpn.account.params.kind, Kind::Hotp);
    assert_eq!(vpn.account.params.counter, 41);
    assert_eq!(vpn.account.secret.expose(), b"12345678901234567890");
}
