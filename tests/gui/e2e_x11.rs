//! The real `tessera` binary, started with no arguments in an X server of the
//! test's own (Xvfb), driven only by the keyboard through `xdotool`: create the
//! vault on the first-run screen, open "Add account" (Ctrl+N), fill the manual
//! form, save; then the CLI, reading the same default vault path, must see the
//! account. Screenshots of each step go to `$CARGO_TARGET_TMPDIR/gui-e2e/`.
//! A second test fills the vault with 300 accounts and scrolls the real window
//! with the mouse wheel: the virtualised list must draw a full screen of rows
//! wherever it is scrolled to (`gui-e2e-scroll/`).
//!
//! Nothing outside a temporary directory is touched: HOME and the XDG data and
//! config directories point into it, and the session bus address names a
//! socket that does not exist, so no real keyring is asked.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::app::{cli, launch, wait_until};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use common::x11::{Xvfb, ink};

const PASSWORD: &str = "grey otter 42 lantern";
const ISSUER: &str = "Example Bank";
const ACCOUNT: &str = "alice@example.com";
/// Typed the way people copy it from a web page: lower case, in groups.
const SETUP_KEY: &str = "jbsw y3dp ehpk 3pxp";
const SECRET: &str = "JBSWY3DPEHPK3PXP";

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[test]
fn create_a_vault_and_add_an_account_by_keyboard() {
    let started = Instant::now();
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gui-e2e");
    std::fs::create_dir_all(&out).unwrap();
    let home = tempfile::tempdir().unwrap();
    let vault = home.path().join("data/tessera/vault.tessera");

    let x = Xvfb::start(1280, 800, 24);
    let (mut app, window) = launch(&x, home.path(), &out);

    // First run: the form is drawn (not just "Loading…") with the password field focused.
    let _ = x.wait_for_frame(
        &window,
        Duration::from_secs(10),
        "the first-run form",
        |f| ink(f) > 0.01,
    );
    x.screenshot(&window, &out.join("1-first-run.png"));
    x.type_text(PASSWORD);
    x.key("Tab");
    x.type_text(PASSWORD);
    x.key("Return");

    // Argon2 at 64 MiB runs, the vault appears at the default path and the CLI opens it.
    wait_until(Duration::from_secs(60), "the vault file", || {
        vault.is_file()
    });
    let listed: serde_json::Value =
        serde_json::from_str(&cli(home.path(), PASSWORD, &["list", "--json"]))
            .expect("list --json prints JSON");
    assert_eq!(listed, serde_json::json!([]));
    let saved = modified(&vault);

    // The (empty) list shows; Ctrl+N opens the add form with the issuer focused.
    let list = x.wait_for_frame(&window, Duration::from_secs(10), "a still list", |f| {
        *f == x.capture(&window)
    });
    x.key("ctrl+n");
    let _ = x.wait_for_frame(&window, Duration::from_secs(10), "the add form", |f| {
        *f != list
    });
    x.type_text(ISSUER);
    x.key("Tab");
    x.type_text(ACCOUNT);
    x.key("Tab");
    x.type_text(SETUP_KEY);
    x.screenshot(&window, &out.join("2-add.png"));
    x.key("Return");

    // Saved: the file changes, and the CLI lists exactly this account.
    wait_until(Duration::from_secs(20), "the account saved", || {
        modified(&vault) != saved
    });
    let listed: serde_json::Value =
        serde_json::from_str(&cli(home.path(), PASSWORD, &["list", "--json"])).unwrap();
    let entries = listed.as_array().expect("an array");
    assert_eq!(entries.len(), 1, "{listed}");
    let entry = &entries[0];
    assert_eq!(entry["issuer"], ISSUER);
    assert_eq!(entry["account"], ACCOUNT);
    assert_eq!(entry["kind"], "totp");
    assert_eq!(entry["digits"], 6);
    assert_eq!(entry["period"], 30);
    let uris = cli(home.path(), PASSWORD, &["export", "--format", "uris"]);
    assert!(uris.contains(&format!("secret={SECRET}")), "{uris}");

    x.screenshot(&window, &out.join("3-codes.png"));

    // A click on the code copies it, offered with the password-manager hint
    // that tells clipboard histories to skip it (the code's digits are at
    // about (335, 138) in the 560-pixel-wide window: see 3-codes.png).
    x.xdotool(&["mousemove", "--window", &window, "335", "138", "click", "1"]);
    let xclip = |target: &str| {
        let out = x
            .command("xclip")
            .args(["-selection", "clipboard", "-t", target, "-o"])
            .stdout(std::process::Stdio::piped())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    wait_until(Duration::from_secs(10), "the code on the clipboard", || {
        xclip("TARGETS")
            .lines()
            .any(|t| t == "x-kde-passwordManagerHint")
    });
    assert_eq!(xclip("x-kde-passwordManagerHint"), "secret");
    let copied = xclip("UTF8_STRING");
    assert!(
        copied.len() == 6 && copied.bytes().all(|b| b.is_ascii_digit()),
        "{copied:?}"
    );
    assert!(
        app.0.try_wait().unwrap().is_none(),
        "the app exited by itself; see {}",
        out.join("tessera.log").display()
    );
    eprintln!(
        "gui e2e: passed in {:.1} s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        out.display()
    );
}

/// Rows drawn in a frame of the list: runs of non-background pixels down a
/// column through the avatars (left of their initial), below the search field.
/// Each row's avatar is a 40 px disc; a hovered row's highlight makes one
/// longer run.
fn avatars(frame: &image::RgbImage) -> usize {
    const COLUMN: u32 = 45;
    const LIST_TOP: u32 = 110;
    let background = *frame.get_pixel(0, 0);
    let mut runs = 0;
    let mut length = 0;
    for y in LIST_TOP..frame.height().saturating_sub(4) {
        if *frame.get_pixel(COLUMN, y) == background {
            if length >= 20 {
                runs += 1;
            }
            length = 0;
        } else {
            length += 1;
        }
    }
    runs + usize::from(length >= 20)
}

#[test]
fn a_long_list_scrolls_with_every_row_drawn() {
    const ACCOUNTS: usize = 300;
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gui-e2e-scroll");
    std::fs::create_dir_all(&out).unwrap();
    let home = tempfile::tempdir().unwrap();
    cli(home.path(), PASSWORD, &["init"]);
    let uris: String = (0..ACCOUNTS)
        .map(|i| {
            format!(
                "otpauth://totp/Service%20{i:04}:user{i:04}%40example.com?secret={}&issuer=Service%20{i:04}\n",
                tessera::otp::encode_base32(format!("scroll-test-key-{i:04}").as_bytes()).as_str()
            )
        })
        .collect();
    let file = home.path().join("uris.txt");
    std::fs::write(&file, uris).unwrap();
    cli(home.path(), PASSWORD, &["import", file.to_str().unwrap()]);

    let x = Xvfb::start(1280, 800, 24);
    let (_app, window) = launch(&x, home.path(), &out);
    let _ = x.wait_for_frame(&window, Duration::from_secs(10), "the unlock form", |f| {
        ink(f) > 0.01
    });
    x.type_text(PASSWORD);
    x.key("Return");
    let top = x.wait_for_frame(&window, Duration::from_secs(60), "the code list", |f| {
        avatars(f) >= 6
    });
    x.screenshot(&window, &out.join("1-top.png"));
    // A screenful is about seven rows; all of them are drawn.
    let per_screen = avatars(&top);
    assert!(per_screen >= 6, "{per_screen} rows drawn at the top");

    // The wheel, far down: rows keep being built for wherever the list is.
    x.xdotool(&["mousemove", "--window", &window, "200", "400"]);
    x.xdotool(&["click", "--repeat", "60", "--delay", "5", "5"]);
    let middle = x.wait_for_frame(&window, Duration::from_secs(20), "the scrolled list", |f| {
        *f != top && *f == x.capture(&window)
    });
    x.screenshot(&window, &out.join("2-middle.png"));
    assert!(
        avatars(&middle) >= per_screen - 1,
        "only {} rows drawn after scrolling (a blank gap in the list)",
        avatars(&middle)
    );

    // To the very end: the last rows are there too.
    x.xdotool(&["click", "--repeat", "600", "--delay", "1", "5"]);
    let end = x.wait_for_frame(
        &window,
        Duration::from_secs(20),
        "the end of the list",
        |f| *f != middle && *f == x.capture(&window),
    );
    x.screenshot(&window, &out.join("3-end.png"));
    assert!(
        avatars(&end) >= per_screen - 1,
        "only {} rows drawn at the end of the list",
        avatars(&end)
    );
}
