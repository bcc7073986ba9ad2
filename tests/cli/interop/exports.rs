//! `tessera export --format aegis|2fas`: the files are read by
//! `export_reader.py` (written from the formats' documentation, with hashlib
//! and `cryptography`), and imported into a fresh vault, in both the
//! encrypted and the plain form: the same accounts come back.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use super::{EXPORT_PASSWORD, Fixtures, secret, stderr, stdout};
use tessera::otp::{Algorithm, Kind};
use tessera::vault::Entry;

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

/// Exports a vault of every kind as `format`, encrypted (with the export
/// password) and plain: each file is private, `export_reader.py` reads the
/// vault's accounts from it, and importing it into a fresh vault gives them
/// back (with favourites and notes when `with_metadata`). Returns the
/// vault and the encrypted file.
fn round_trip(format: &str, extension: &str, with_metadata: bool) -> (Fixtures, PathBuf) {
    let f = Fixtures::every_kind();
    let original = f.entries();
    let dir = f.home.path();
    let encrypted = dir.join(format!("{format}-encrypted.{extension}"));
    let plain = dir.join(format!("{format}-plain.{extension}"));
    let password_file = f.password_file();
    for (file, password) in [(&encrypted, Some(EXPORT_PASSWORD)), (&plain, None)] {
        let mut args = vec![
            "export",
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
        ];
        match password {
            Some(_) => args.extend(["--export-password-file", &password_file]),
            None => args.push("--plain"),
        }
        let out = f.run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stdout(&out).contains("Wrote 8 accounts"),
            "{}",
            stdout(&out)
        );
        assert_eq!(mode(file), 0o600);
        assert_eq!(
            read_back(format, file, password),
            expected(&original, with_metadata)
        );
    }

    // Back into fresh vaults, through Tessera's own reader.
    for (file, with_password) in [(&encrypted, true), (&plain, false)] {
        let g = Fixtures::new();
        let mut args = vec![file.to_str().unwrap().to_owned()];
        if with_password {
            args.extend(["--source-password-file".into(), g.password_file()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = g.import(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_same(&original, &g.entries(), with_metadata);
    }
    (f, encrypted)
}

#[test]
fn aegis_exports_round_trip_encrypted_and_plain() {
    let (_f, encrypted) = round_trip("aegis", "json", true);
    let text = std::fs::read_to_string(&encrypted).unwrap();
    assert!(
        !text.contains("JBSWY3DPEHPK3PXP"),
        "the key is not in the clear"
    );
}

#[test]
fn twofas_exports_round_trip_encrypted_and_plain() {
    // 2FAS has no favourites or notes: those stay behind.
    round_trip("2fas", "2fas", false);
}

#[test]
fn export_files_are_never_overwritten_without_force() {
    let f = Fixtures::every_kind();
    let file = f.home.path().join("taken.json");
    std::fs::write(&file, "keep me").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    for format in ["aegis", "2fas", "uris"] {
        let out = f.run(&[
            "export",
            "--format",
            format,
            "--out",
            file.to_str().unwrap(),
            "--plain",
        ]);
        // uris takes no --plain: a usage error, and the file is untouched either way.
        assert_ne!(out.status.code(), Some(0), "{format}");
    }
    let out = f.run(&[
        "export",
        "--format",
        "aegis",
        "--out",
        file.to_str().unwrap(),
        "--plain",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");

    let out = f.run(&[
        "export",
        "--format",
        "aegis",
        "--out",
        file.to_str().unwrap(),
        "--plain",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&file), 0o600, "a replaced file is 0600 too");
    assert_eq!(read_back("aegis", &file, None).as_array().unwrap().len(), 8);

    // Without a terminal, an encrypted export needs its password file.
    let other = f.home.path().join("other.json");
    let out = f.run(&[
        "export",
        "--format",
        "aegis",
        "--out",
        other.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("--export-password-file"),
        "{}",
        stderr(&out)
    );
    assert!(!other.exists());

    // uris gains --out: one link per line, 0600.
    let links = f.home.path().join("links.txt");
    let out = f.run(&[
        "export",
        "--format",
        "uris",
        "--out",
        links.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(mode(&links), 0o600);
    assert_eq!(std::fs::read_to_string(&links).unwrap().lines().count(), 8);
}
