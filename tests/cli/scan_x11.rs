//! `tessera scan --screen` and `--clipboard` for real: a QR code shown by
//! `feh` on a private Xvfb, and a PNG put on its clipboard by `xclip`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::process::Stdio;
use std::time::Duration;

use common::x11::{self, Xvfb, eventually, offer};
use common::{stderr, stdout};
use tessera::otp::Account;

const URI: &str = "otpauth://totp/ACME%20Cloud:jo%C3%A3o@exemplo.com.br?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Cloud";
const NO_BUS: &str = "unix:path=/nonexistent/tessera-test/bus";

fn scan(xvfb: &Xvfb, args: &[&str]) -> std::process::Output {
    common::tessera()
        .arg("scan")
        .args(args)
        .env("DISPLAY", &xvfb.display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("XAUTHORITY")
        .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn expected() -> Account {
    Account::from_uri(URI).unwrap()
}

#[test]
fn scan_screen_finds_a_code_shown_in_another_window() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("code.png");
    // 3-pixel modules: as small as a dashboard's code on a normal screen.
    std::fs::write(&png, &*tessera::qr::encode::png(URI, 3).unwrap()).unwrap();
    let xvfb = Xvfb::start(1920, 1080, 24);
    let _viewer = x11::show(&xvfb, &png, (1300, 600));
    let found = eventually(Duration::from_secs(20), || {
        let out = scan(&xvfb, &["--screen"]);
        (out.status.code() == Some(0)).then_some(out)
    })
    .unwrap_or_else(|| {
        panic!(
            "the code on screen was never found: {}",
            stderr(&scan(&xvfb, &["--screen"]))
        )
    });
    let accounts: Vec<Account> = stdout(&found)
        .lines()
        .map(|l| Account::from_uri(l).unwrap())
        .collect();
    assert_eq!(accounts, vec![expected()]);

    let json = scan(&xvfb, &["--screen", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(list[0]["image"], "screen");
    assert_eq!(list[0]["text"], URI);
    assert_eq!(list[0]["kind"], "otpauth");
}

#[test]
fn scan_screen_reads_a_whole_rendered_page_at_2560x1440() {
    // A two-factor setup page rendered by Chromium (benches/qr_pages/generate.py),
    // shown full-screen: the code is one small part of a busy page.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/qr-pages");
    let line = std::fs::read_to_string(dir.join("screen.tsv")).unwrap();
    let mut fields = line.trim_end().split('\t');
    let file = fields.next().unwrap();
    let want: Vec<String> = fields
        .map(|hex| {
            let bytes: Vec<u8> = (0..hex.len() / 2)
                .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                .collect();
            String::from_utf8(bytes).unwrap()
        })
        .collect();
    let xvfb = Xvfb::start(2560, 1440, 24);
    let _viewer = x11::show(&xvfb, &dir.join(file), (0, 0));
    let found = eventually(Duration::from_secs(20), || {
        let out = scan(&xvfb, &["--screen", "--json"]);
        (out.status.code() == Some(0)).then_some(out)
    })
    .unwrap_or_else(|| {
        panic!(
            "the page's code was never read from the screen: {}",
            stderr(&scan(&xvfb, &["--screen"]))
        )
    });
    let list: serde_json::Value = serde_json::from_str(&stdout(&found)).unwrap();
    let mut got: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    got.sort_unstable();
    let mut want: Vec<&str> = want.iter().map(String::as_str).collect();
    want.sort_unstable();
    assert_eq!(got, want);
}

#[test]
fn an_empty_screen_says_no_code_was_found() {
    let xvfb = Xvfb::start(800, 600, 24);
    let out = scan(&xvfb, &["--screen"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .to_lowercase()
            .contains("screen: no qr code found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn scan_clipboard_finds_a_copied_image_and_text() {
    let xvfb = Xvfb::start(800, 600, 24);
    let png = tessera::qr::encode::png(URI, 4).unwrap();
    let owner = offer(&xvfb, "image/png", &png);
    let found = eventually(Duration::from_secs(10), || {
        let out = scan(&xvfb, &["--clipboard", "--json"]);
        (out.status.code() == Some(0)).then_some(out)
    })
    .unwrap_or_else(|| panic!("{}", stderr(&scan(&xvfb, &["--clipboard"]))));
    let list: serde_json::Value = serde_json::from_str(&stdout(&found)).unwrap();
    assert_eq!(list[0]["image"], "clipboard");
    assert_eq!(list[0]["text"], URI);
    assert_eq!(
        Account::from_uri(list[0]["accounts"][0]["uri"].as_str().unwrap()).unwrap(),
        expected()
    );
    drop(owner);

    // Text on the clipboard: an otpauth:// link is used as it is.
    let _text_owner = offer(&xvfb, "UTF8_STRING", URI.as_bytes());
    let out = eventually(Duration::from_secs(10), || {
        let out = scan(&xvfb, &["--clipboard"]);
        (out.status.code() == Some(0)).then_some(out)
    })
    .unwrap_or_else(|| panic!("{}", stderr(&scan(&xvfb, &["--clipboard"]))));
    assert_eq!(Account::from_uri(stdout(&out).trim()).unwrap(), expected());
}

#[test]
fn scan_clipboard_with_two_links_copied_as_text_gives_two_accounts() {
    const OTHER: &str =
        "otpauth://totp/Globex:bob?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&issuer=Globex";
    let xvfb = Xvfb::start(800, 600, 24);
    // As copied from a password manager's notes: two links, a blank line, CRLF.
    let text = format!("{URI}\r\n\r\n{OTHER}\r\n");
    let _owner = offer(&xvfb, "UTF8_STRING", text.as_bytes());
    let out = eventually(Duration::from_secs(10), || {
        let out = scan(&xvfb, &["--clipboard"]);
        (out.status.code() == Some(0)).then_some(out)
    })
    .unwrap_or_else(|| panic!("{}", stderr(&scan(&xvfb, &["--clipboard"]))));
    let accounts: Vec<Account> = stdout(&out)
        .lines()
        .map(|l| Account::from_uri(l).unwrap())
        .collect();
    assert_eq!(
        accounts,
        vec![expected(), Account::from_uri(OTHER).unwrap()],
        "{}",
        stderr(&out)
    );
    let json = scan(&xvfb, &["--clipboard", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let texts: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, [URI, OTHER]);
}

#[test]
fn no_display_is_explained() {
    let out = common::tessera()
        .args(["scan", "--screen", "--clipboard"])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("screen:") && err.contains("clipboard:"),
        "{err}"
    );
    assert!(err.to_lowercase().contains("no display"), "{err}");
}
