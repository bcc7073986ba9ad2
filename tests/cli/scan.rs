//! `tessera scan` and `tessera import` on generated QR images.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{qr, run_with_stdin, stderr, stdout, tessera};
use image::Rgb;
use qrcode::EcLevel;
use serde_json::Value;
use tessera::otp::{Account, Params, migration};
use tessera::secret::SecretBytes;

const WHITE: Rgb<u8> = Rgb([255, 255, 255]);
const BLACK: Rgb<u8> = Rgb([0, 0, 0]);
const PASSWORD: &str = "correct horse battery staple";
const ACME: &str = "otpauth://totp/ACME%20Cloud:jo%C3%A3o@exemplo.com.br?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Cloud";

fn qr_png(dir: &Path, name: &str, payload: &str) -> PathBuf {
    let image = qr::render(payload.as_bytes(), EcLevel::M, 4, 4, BLACK, WHITE);
    let path = dir.join(name);
    std::fs::write(&path, qr::png(&image)).unwrap();
    path
}

fn run(args: &[&str], stdin: &str, vault: &Path) -> Output {
    run_with_stdin(tessera().env("TESSERA_VAULT", vault).args(args), stdin)
}

fn accounts(n: usize) -> Vec<Account> {
    (0..n)
        .map(|i| {
            Account::new(
                "Batch",
                &format!("user{i}"),
                SecretBytes::new(format!("batch-secret-{i:04}").into_bytes()),
                Params::totp(),
            )
            .unwrap()
        })
        .collect()
}

#[test]
fn scan_prints_one_uri_per_account() {
    let dir = tempfile::tempdir().unwrap();
    let image = qr_png(dir.path(), "acme.png", ACME);
    let out = run(
        &["scan", image.to_str().unwrap()],
        "",
        &dir.path().join("none"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed = stdout(&out);
    assert_eq!(printed.lines().count(), 1);
    assert_eq!(
        Account::from_uri(printed.trim()).unwrap(),
        Account::from_uri(ACME).unwrap()
    );

    // A Google Authenticator export expands to every account.
    let export = migration::encode(&accounts(4), 11).uris[0]
        .expose()
        .to_owned();
    let image = qr_png(dir.path(), "export.png", &export);
    let out = run(
        &["scan", image.to_str().unwrap()],
        "",
        &dir.path().join("none"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let uris: Vec<Account> = stdout(&out)
        .lines()
        .map(|l| Account::from_uri(l).unwrap())
        .collect();
    assert_eq!(uris, accounts(4));
}

#[test]
fn scan_json_reports_every_code_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let acme = qr_png(dir.path(), "acme.png", ACME);
    let web = qr_png(dir.path(), "web.png", "https://example.com/login");
    let out = run(
        &[
            "scan",
            "--json",
            acme.to_str().unwrap(),
            web.to_str().unwrap(),
        ],
        "",
        &dir.path().join("none"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["image"], acme.to_str().unwrap());
    assert_eq!(list[0]["text"], ACME);
    assert_eq!(list[0]["kind"], "otpauth");
    assert_eq!(list[0]["accounts"][0]["issuer"], "ACME Cloud");
    assert_eq!(list[0]["accounts"][0]["account"], "joão@exemplo.com.br");
    assert_eq!(list[0]["accounts"][0]["digits"], 6);
    assert!(
        list[0]["accounts"][0]["uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/")
    );
    assert_eq!(list[1]["kind"], "other");
    assert_eq!(list[1]["text"], "https://example.com/login");
    assert_eq!(list[1]["accounts"].as_array().unwrap().len(), 0);
}

/// A code with an ECI designator: `text` is the payload read in the character
/// set it names, exactly as zxing-cpp reads it (`tests/data/qr-eci`).
#[test]
fn scan_json_reads_text_in_the_character_set_the_code_names() {
    let dir = tempfile::tempdir().unwrap();
    let image = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/qr-eci/eci-iso-8859-5.png");
    let out = run(
        &["scan", "--json", image.to_str().unwrap()],
        "",
        &dir.path().join("none"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(list[0]["text"], "Привет, мир");
    assert_eq!(list[0]["kind"], "other");
}

#[test]
fn scan_explains_what_it_cannot_use() {
    let dir = tempfile::tempdir().unwrap();
    let none = dir.path().join("none");
    let web = qr_png(dir.path(), "web.png", "https://example.com/login");
    let out = run(&["scan", web.to_str().unwrap()], "", &none);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .to_lowercase()
            .contains("holds a web address, not an authenticator key"),
        "{}",
        stderr(&out)
    );

    let blank = dir.path().join("blank.png");
    std::fs::write(
        &blank,
        qr::png(&image::RgbImage::from_pixel(300, 200, WHITE)),
    )
    .unwrap();
    let out = run(&["scan", blank.to_str().unwrap()], "", &none);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).to_lowercase().contains("no qr code found"),
        "{}",
        stderr(&out)
    );

    let text = dir.path().join("notes.pdf");
    std::fs::write(&text, b"%PDF-1.4 not an image").unwrap();
    let out = run(&["scan", text.to_str().unwrap()], "", &none);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).to_lowercase().contains("panicked"));
    assert!(
        stderr(&out).to_lowercase().contains("notes.pdf"),
        "{}",
        stderr(&out)
    );

    let out = run(
        &["scan", dir.path().join("missing.png").to_str().unwrap()],
        "",
        &none,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .to_lowercase()
            .contains("could not read the file"),
        "{}",
        stderr(&out)
    );

    // One part of a three-part export: the accounts, and which parts are missing.
    let encoded = migration::encode(&accounts(25), 77);
    assert_eq!(encoded.uris.len(), 3);
    let part2 = qr_png(dir.path(), "part2.png", encoded.uris[1].expose());
    let out = run(&["scan", part2.to_str().unwrap()], "", &none);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out)
            .to_lowercase()
            .contains("parts 1 and 3 of 3 of a google authenticator export are still missing"),
        "{}",
        stderr(&out)
    );
}

/// The contract: `scan --json`'s accounts are "as list --json, plus uri".
/// The same account scanned and then listed from a vault shows the same
/// fields with the same values, but for the id (none before it is saved)
/// and the URI.
#[test]
fn scan_json_accounts_have_the_fields_of_list_json() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault.tessera");
    let uri = "otpauth://hotp/GitHub:octo?secret=GEZDGNBVGY3TQOJQ&issuer=GitHub&counter=7&digits=8";
    let image = qr_png(dir.path(), "github.png", uri);
    let out = run(&["scan", "--json", image.to_str().unwrap()], "", &vault);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let scanned: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let scanned = scanned[0]["accounts"][0].as_object().unwrap().clone();

    let out = run(&["init"], &format!("{PASSWORD}\n"), &vault);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(
        &["import", image.to_str().unwrap()],
        &format!("{PASSWORD}\n"),
        &vault,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&["list", "--json"], &format!("{PASSWORD}\n"), &vault);
    let listed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let listed = listed[0].as_object().unwrap();

    let mut scanned_keys: Vec<&str> = scanned.keys().map(String::as_str).collect();
    let mut listed_keys: Vec<&str> = listed.keys().map(String::as_str).chain(["uri"]).collect();
    scanned_keys.sort();
    listed_keys.sort();
    assert_eq!(scanned_keys, listed_keys);
    assert_eq!(scanned["id"], Value::Null, "not in a vault yet");
    assert!(listed["id"].is_string());
    for (key, value) in listed {
        if key != "id" {
            assert_eq!(&scanned[key], value, "{key}");
        }
    }
    assert_eq!(scanned["counter"], 7);
    assert_eq!(scanned["icon"]["brand"], "github");
}

#[test]
fn import_adds_accounts_and_skips_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("vault.tessera");
    let out = run(&["init"], &format!("{PASSWORD}\n"), &vault);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let encoded = migration::encode(&accounts(25), 5);
    let parts: Vec<PathBuf> = encoded
        .uris
        .iter()
        .enumerate()
        .map(|(i, u)| qr_png(dir.path(), &format!("part{i}.png"), u.expose()))
        .collect();
    let acme = qr_png(dir.path(), "acme.png", ACME);

    // A dry run changes nothing.
    let before = std::fs::read(&vault).unwrap();
    let out = run(
        &[
            "import",
            "--dry-run",
            parts[0].to_str().unwrap(),
            acme.to_str().unwrap(),
        ],
        &format!("{PASSWORD}\n"),
        &vault,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Would add"), "{}", stdout(&out));
    assert_eq!(std::fs::read(&vault).unwrap(), before);

    let mut args = vec!["import"];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    args.push(acme.to_str().unwrap());
    let out = run(&args, &format!("{PASSWORD}\n"), &vault);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Added 26 accounts, skipped 0"),
        "{}",
        stdout(&out)
    );
    // Again: everything is a duplicate.
    let out = run(&args, &format!("{PASSWORD}\n"), &vault);
    assert!(
        stdout(&out).contains("Added 0 accounts, skipped 26"),
        "{}",
        stdout(&out)
    );
    let out = run(&["list", "--json"], &format!("{PASSWORD}\n"), &vault);
    let list: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 26);

    // An image with nothing usable: exit 1, vault untouched.
    let web = qr_png(dir.path(), "web.png", "https://example.com");
    let out = run(
        &["import", web.to_str().unwrap()],
        &format!("{PASSWORD}\n"),
        &vault,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).to_lowercase().contains("nothing to import"),
        "{}",
        stderr(&out)
    );
}
