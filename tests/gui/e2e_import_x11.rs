//! The real `tessera` window in a private Xvfb, adding accounts from images:
//! a QR image goes on the X clipboard with `xclip`, Ctrl+V is sent with
//! `xdotool`, the review is confirmed with Enter, and `tessera list --json`
//! shows the account; then "Scan screen" (Ctrl+Shift+S) finds a QR code shown
//! by `feh` in another window. Screenshots go to `$CARGO_TARGET_TMPDIR/gui-e2e-import/`.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::app::{cli, launch};

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::x11::{self, Xvfb, ink, offer};

const PASSWORD: &str = "grey otter 42 lantern";
const PASTED: &str = "otpauth://totp/Pasted%20Cloud:ana@exemplo.com.br?secret=JBSWY3DPEHPK3PXP&issuer=Pasted%20Cloud";
const SCANNED: &str =
    "otpauth://totp/Screen%20Corp:bob@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Screen%20Corp";

fn issuers(home: &Path) -> Vec<String> {
    let list: serde_json::Value =
        serde_json::from_str(&cli(home, PASSWORD, &["list", "--json"])).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["issuer"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn paste_and_scan_screen_add_accounts() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gui-e2e-import");
    std::fs::create_dir_all(&out).unwrap();
    let home = tempfile::tempdir().unwrap();
    // The vault exists already: the app opens on the unlock screen.
    cli(home.path(), PASSWORD, &["init"]);
    assert!(issuers(home.path()).is_empty());

    let x = Xvfb::start(1600, 900, 24);
    let (_app, window) = launch(&x, home.path(), &out);
    let _ = x.wait_for_frame(&window, Duration::from_secs(10), "the unlock form", |f| {
        ink(f) > 0.01
    });
    x.type_text(PASSWORD);
    x.key("Return");
    // Unlocked: the list is drawn and holds still.
    let unlocked = x.wait_for_frame(&window, Duration::from_secs(60), "the code list", |f| {
        ink(f) > 0.01 && *f == x.capture(&window)
    });

    // Enter on the review adds the ticked accounts. On a loaded machine the
    // review can come long after the key that asked for it, and no frame
    // tells "still reading" from "the review" for sure; Enter is harmless
    // elsewhere (on the list it copies a code), so it is pressed every two
    // seconds until the vault holds what the review offered. The key that
    // asks for the review (`again`) is pressed again before each retry: a
    // first press can land while the window still shows "Unlocking…" (a
    // stalled progress frame passes for the list), where it does nothing,
    // and on the review it only reads the same source again.
    let enter_until_saved = |what: &str, want: &[&str], again: &str| {
        let started = std::time::Instant::now();
        for attempt in 0.. {
            if attempt > 0 {
                x.key(again);
                std::thread::sleep(Duration::from_millis(1000));
            }
            x.key("Return");
            let deadline = std::time::Instant::now() + Duration::from_secs(2);
            while std::time::Instant::now() < deadline {
                let mut list = issuers(home.path());
                list.sort();
                if list == want {
                    return;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "{what}: not within 90 s"
            );
        }
    };

    // 1. An image on the clipboard, Ctrl+V, Enter on the review.
    let png = tessera::qr::encode::png(PASTED, 4).unwrap();
    let _owner = offer(&x, "image/png", &png);
    std::thread::sleep(Duration::from_millis(300));
    x.key("ctrl+v");
    let _ = x.wait_for_frame(&window, Duration::from_secs(60), "the review", |f| {
        *f != unlocked && *f == x.capture(&window)
    });
    x.screenshot(&window, &out.join("1-review-paste.png"));
    enter_until_saved("the pasted account saved", &["Pasted Cloud"], "ctrl+v");

    // 2. A QR code shown in another window; Scan screen finds it.
    let shown = home.path().join("scanned.png");
    std::fs::write(&shown, &*tessera::qr::encode::png(SCANNED, 3).unwrap()).unwrap();
    let _viewer = x11::show(&x, &shown, (1000, 500));
    std::thread::sleep(Duration::from_millis(500));
    x.focus(&window);
    x.key("Escape");
    x.key("ctrl+shift+s");
    // The code list ticks every second; the review holds still (waited for
    // only so the screenshot shows it; Enter below decides).
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        let frame = x.capture(&window);
        std::thread::sleep(Duration::from_millis(1300));
        if frame == x.capture(&window) {
            break;
        }
    }
    x.screenshot(&window, &out.join("2-review-screen.png"));
    enter_until_saved(
        "the scanned account saved",
        &["Pasted Cloud", "Screen Corp"],
        "ctrl+shift+s",
    );
    x.screenshot(&window, &out.join("3-codes.png"));
}
