//! `tessera export --format qr|migration-qr`: the images decode, with Tessera's
//! own decoder and with zbarimg (ZBar) as an outside oracle, back to the same
//! accounts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{require_tool, run_with_stdin, stderr, stdout, tessera};
use tessera::otp::payload::{Payload, classify};
use tessera::otp::{Account, Params};
use tessera::qr::{Limits, decode_image_bytes};

const PASSWORD: &str = "correct horse battery staple";

fn run(vault: &Path, args: &[&str]) -> Output {
    run_with_stdin(
        tessera().env("TESSERA_VAULT", vault).args(args),
        &format!("{PASSWORD}\n"),
    )
}

fn accounts() -> Vec<Account> {
    let mut list: Vec<Account> = (0..13)
        .map(|i| {
            Account::from_uri(&format!(
                "otpauth://totp/Servi%C3%A7o%20{i}:usu%C3%A1rio{i}@exemplo.com.br?secret=JBSWY3DPEHPK3PX{}&issuer=Servi%C3%A7o%20{i}",
                ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"][i]
            ))
            .unwrap()
        })
        .collect();
    list.push(
        Account::from_uri("otpauth://hotp/Bank:me?secret=GEZDGNBVGY3TQOJQ&counter=7&digits=8")
            .unwrap(),
    );
    list
}

fn vault_with_accounts(dir: &Path) -> PathBuf {
    let vault = dir.join("vault.tessera");
    assert!(run(&vault, &["init"]).status.success());
    let uris = dir.join("uris.txt");
    let text: String = accounts()
        .iter()
        .map(|a| format!("{}\n", a.to_uri().expose()))
        .collect();
    std::fs::write(&uris, text).unwrap();
    let out = run(&vault, &["import", uris.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    vault
}

/// Every payload in one image, by Tessera's decoder and by zbarimg.
fn decode_both(path: &Path) -> (Vec<String>, Vec<String>) {
    let ours: Vec<String> = decode_image_bytes(&std::fs::read(path).unwrap(), &Limits::default())
        .unwrap()
        .iter()
        .map(|f| f.text.expose().to_owned())
        .collect();
    let zbar = Command::new("zbarimg")
        .args(["--quiet", "--raw", "-Sbinary"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        zbar.status.success(),
        "zbarimg failed on {}",
        path.display()
    );
    let theirs = vec![
        String::from_utf8(zbar.stdout)
            .unwrap()
            .trim_end_matches('\n')
            .to_owned(),
    ];
    (ours, theirs)
}

fn sorted(mut list: Vec<Account>) -> Vec<Account> {
    list.sort_by_key(|a| (a.issuer.clone(), a.name.clone()));
    list
}

/// `export --format FORMAT --out DIR`; the files it wrote.
fn export_to(vault: &Path, format: &str, dir: &Path) -> Vec<PathBuf> {
    let out = run(
        vault,
        &["export", "--format", format, "--out", dir.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out).lines().map(PathBuf::from).collect()
}

#[test]
fn per_account_qr_codes_decode_to_the_same_accounts() {
    require_tool("zbarimg", "zbar-tools");
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_with_accounts(dir.path());
    let out_dir = dir.path().join("qr");
    let files = export_to(&vault, "qr", &out_dir);
    assert_eq!(files.len(), accounts().len());
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for file in &files {
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", file.display());
        let (a, b) = decode_both(file);
        assert_eq!(a, b, "{}", file.display());
        for text in a {
            ours.push(Account::from_uri(&text).unwrap());
        }
        for text in b {
            theirs.push(Account::from_uri(&text).unwrap());
        }
    }
    assert_eq!(sorted(ours), sorted(accounts()));
    assert_eq!(sorted(theirs), sorted(accounts()));
    // Never overwrites.
    let again = run(
        &vault,
        &[
            "export",
            "--format",
            "qr",
            "--out",
            out_dir.to_str().unwrap(),
        ],
    );
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn migration_qr_codes_decode_to_the_same_accounts() {
    require_tool("zbarimg", "zbar-tools");
    let dir = tempfile::tempdir().unwrap();
    let vault = vault_with_accounts(dir.path());
    let out_dir = dir.path().join("migration");
    let files = export_to(&vault, "migration-qr", &out_dir);
    assert_eq!(files.len(), 2, "14 accounts need two codes of at most 10");
    assert!(files[0].ends_with("tessera-export-1-of-2.png"));
    for decoder in 0..2 {
        let mut back = Vec::new();
        for (i, file) in files.iter().enumerate() {
            let (ours, theirs) = decode_both(file);
            let text = if decoder == 0 { &ours[0] } else { &theirs[0] };
            let Payload::Migration(batch) = classify(text) else {
                panic!("not an export: {text}")
            };
            assert_eq!(batch.position.index as usize, i);
            assert_eq!(batch.position.size, 2);
            back.extend(batch.accounts);
        }
        assert_eq!(sorted(back), sorted(accounts()), "decoder {decoder}");
    }
}

#[test]
fn accounts_google_cannot_hold_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault.tessera");
    assert!(run(&vault, &["init"]).status.success());
    let steam = Account::new(
        "Steam",
        "gamer",
        tessera::secret::SecretBytes::from_slice(b"steam-secret-123"),
        Params::steam(),
    )
    .unwrap();
    assert!(
        run(&vault, &["add", steam.to_uri().expose()])
            .status
            .success()
    );
    let out_dir = dir.path().join("m");
    let out = run(
        &vault,
        &[
            "export",
            "--format",
            "migration-qr",
            "--out",
            out_dir.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("Steam (gamer)"), "{}", stderr(&out));
    let out = run(&vault, &["export", "--format", "qr"]);
    assert_eq!(out.status.code(), Some(2), "--out is required");
}
