//! `tessera export --format aegis|2fas`: the files are read by
//! `export_reader.py` (written from the formats' documentation, with hashlib
//! and `cryptography`), and imported into a fresh vault, in both the
//! encrypted and the plain form: the same accounts come back.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};

use super::{EXPORT_PASSWORD, Fixtures, VAULT_PASSWORD, secret, stderr, stdout};
use common::app::isolate;
use common::run_with_stdin;
use tessera::otp::{Algorithm, Kind};
use tessera::vault::Entry;

use crate::common;

/// A vault holding every kind of account the fixtures have: TOTP, HOTP and
/// Steam, SHA-1/256/512, 6 to 8 digits, periods of 30 and 60, groups, a
/// favourite and a note.
fn full_vault() -> Fixtures {
    let f = Fixtures::new();
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

/// `tessera ARGS` against `f`'s vault, its password on stdin.
fn tessera(f: &Fixtures, args: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tessera"));
    isolate(&mut command, f.home.path());
    command.args(args);
    run_with_stdin(&mut command, &format!("{VAULT_PASSWORD}\n"))
}

/// What `export_reader.py` says the file holds.
fn read_back(kind: &str, file: &Path, password: Option<&str>) -> Value {
    let mut command = Command::new("/usr/bin/python3");
    command
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cli/interop/export_reader.py"
        ))
        .arg(kind)
        .arg(file);
    match password {
        Some(password) => command.env("EXPORT_PASSWORD", password),
        None => command.env_remove("EXPORT_PASSWORD"),
    };
    let out = command.output().unwrap();
    assert!(out.status.success(), "export_reader.py: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The accounts as `export_reader.py` prints them, from the vault's side.
fn expected(entries: &[Entry], with_metadata: bool) -> Value {
    let mut list: Vec<&Entry> = entries.iter().collect();
    list.sort_by(|a, b| {
        (&a.account.issuer, &a.account.name).cmp(&(&b.account.issuer, &b.account.name))
    });
    Value::Array(
        list.iter()
            .map(|e| {
                let p = &e.account.params;
                let kind = match p.kind {
                    Kind::Totp => "totp",
                    Kind::Hotp => "hotp",
                    Kind::Steam => "steam",
                };
                json!({
                    "issuer": e.account.issuer,
                    "name": e.account.name,
                    "type": kind,
                    "secret": secret(e),
                    "algo": match p.algorithm {
                        Algorithm::Sha1 => "SHA1",
                        Algorithm::Sha256 => "SHA256",
                        Algorithm::Sha512 => "SHA512",
                    },
                    "digits": p.digits,
                    "period": if p.kind == Kind::Hotp { Value::Null } else { p.period.into() },
                    "counter": if p.kind == Kind::Hotp { p.counter.into() } else { Value::Null },
                    "group": e.group,
                    "favorite": if with_metadata { e.favourite.into() } else { Value::Null },
                    "note": if with_metadata { e.notes.clone().into() } else { Value::Null },
                })
            })
            .collect(),
    )
}

/// The same accounts, secrets, parameters and (where the format keeps them) metadata.
fn assert_same(original: &[Entry], back: &[Entry], with_metadata: bool) {
    assert_eq!(
        expected(original, with_metadata),
        expected(back, with_metadata)
    );
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn aegis_exports_round_trip_encrypted_and_plain() {
    let f = full_vault();
    let original = f.entries();
    let dir = f.home.path();
    let encrypted = dir.join("aegis-encrypted.json");
    let plain = dir.join("aegis-plain.json");
    let out = tessera(
        &f,
        &[
            "export",
            "--format",
            "aegis",
            "--out",
            encrypted.to_str().unwrap(),
            "--export-password-file",
            &f.password_file(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Wrote 8 accounts"),
        "{}",
        stdout(&out)
    );
    assert_eq!(mode(&encrypted), 0o600);
    let text = std::fs::read_to_string(&encrypted).unwrap();
    assert!(
        !text.contains("JBSWY3DPEHPK3PXP"),
        "the key is not in the clear"
    );
    assert_eq!(
        read_back("aegis", &encrypted, Some(EXPORT_PASSWORD)),
        expected(&original, true)
    );

    let out = tessera(
        &f,
        &[
            "export",
            "--format",
            "aegis",
            "--out",
            plain.to_str().unwrap(),
            "--plain",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&plain), 0o600);
    assert_eq!(read_back("aegis", &plain, None), expected(&original, true));

    // Back into fresh vaults, through Tessera's own Aegis reader.
    for (file, with_password) in [(&encrypted, true), (&plain, false)] {
        let g = Fixtures::new();
        let mut args = vec![file.to_str().unwrap().to_owned()];
        if with_password {
            args.extend(["--source-password-file".into(), g.password_file()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = g.import(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_same(&original, &g.entries(), true);
    }
}

#[test]
fn twofas_exports_round_trip_encrypted_and_plain() {
    let f = full_vault();
    let original = f.entries();
    let dir = f.home.path();
    let encrypted = dir.join("backup.2fas");
    let plain = dir.join("plain.2fas");
    let out = tessera(
        &f,
        &[
            "export",
            "--format",
            "2fas",
            "--out",
            encrypted.to_str().unwrap(),
            "--export-password-file",
            &f.password_file(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&encrypted), 0o600);
    assert_eq!(
        read_back("2fas", &encrypted, Some(EXPORT_PASSWORD)),
        expected(&original, false)
    );
    let out = tessera(
        &f,
        &[
            "export",
            "--format",
            "2fas",
            "--out",
            plain.to_str().unwrap(),
            "--plain",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read_back("2fas", &plain, None), expected(&original, false));

    for (file, with_password) in [(&encrypted, true), (&plain, false)] {
        let g = Fixtures::new();
        let mut args = vec![file.to_str().unwrap().to_owned()];
        if with_password {
            args.extend(["--source-password-file".into(), g.password_file()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = g.import(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        // 2FAS has no favourites or notes: those stay behind.
        assert_same(&original, &g.entries(), false);
    }
}

#[test]
fn export_files_are_never_overwritten_without_force() {
    let f = full_vault();
    let file = f.home.path().join("taken.json");
    std::fs::write(&file, "keep me").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    for format in ["aegis", "2fas", "uris"] {
        let out = tessera(
            &f,
            &[
                "export",
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
                "--plain",
            ],
        );
        // uris takes no --plain: a usage error, and the file is untouched either way.
        assert_ne!(out.status.code(), Some(0), "{format}");
    }
    let out = tessera(
        &f,
        &[
            "export",
            "--format",
            "aegis",
            "--out",
            file.to_str().unwrap(),
            "--plain",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");

    let out = tessera(
        &f,
        &[
            "export",
            "--format",
            "aegis",
            "--out",
            file.to_str().unwrap(),
            "--plain",
            "--force",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&file), 0o600, "a replaced file is 0600 too");
    assert_eq!(read_back("aegis", &file, None).as_array().unwrap().len(), 8);

    // Without a terminal, an encrypted export needs its password file.
    let other = f.home.path().join("other.json");
    let out = tessera(
        &f,
        &[
            "export",
            "--format",
            "aegis",
            "--out",
            other.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("--export-password-file"),
        "{}",
        stderr(&out)
    );
    assert!(!other.exists());

    // uris gains --out: one link per line, 0600.
    let links = f.home.path().join("links.txt");
    let out = tessera(
        &f,
        &[
            "export",
            "--format",
            "uris",
            "--out",
            links.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&links), 0o600);
    assert_eq!(std::fs::read_to_string(&links).unwrap().lines().count(), 8);
}
