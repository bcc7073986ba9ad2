//! One window per vault (`gui::instance`), with the real binary in a private
//! Xvfb: a second `tessera` for the same vault exits 0 at once, no second
//! window appears, and the image path it was given reaches the first
//! window's review (Enter there adds the account, which `tessera list`
//! shows). A command (`tessera list`) beside the window is unaffected.
//! The socket lives in the test's own `XDG_RUNTIME_DIR` (`common::app::isolate`).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::app::{cli, isolate, launch, still_frame, wait_until};

use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::x11::{Xvfb, ink};

const PASSWORD: &str = "grey otter 42 lantern";
const OPENED: &str =
    "otpauth://totp/Opened%20Inc:carol@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Opened%20Inc";

#[test]
fn a_second_launch_hands_its_image_to_the_running_window_and_exits() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gui-e2e-instance");
    std::fs::create_dir_all(&out).unwrap();
    let home = tempfile::tempdir().unwrap();
    cli(home.path(), PASSWORD, &["init"]);
    let image = home.path().join("opened.png");
    std::fs::write(&image, &*tessera::qr::encode::png(OPENED, 4).unwrap()).unwrap();

    let x = Xvfb::start(1280, 800, 24);
    let (mut app, window) = launch(&x, home.path(), &out);
    let form = x.wait_for_frame(&window, Duration::from_secs(10), "the unlock form", |f| {
        ink(f) > 0.01
    });
    x.type_text(PASSWORD);
    x.key("Return");
    // Unlocked: a picture other than the form that holds still for a second
    // (the "Unlocking…" bar holds still for shorter spells).
    let unlocked = still_frame(&x, &window, &form, "the code list");

    // The second launch, as a file manager's "Open with Tessera" runs it
    // (from another folder, with the image's full path).
    let started = Instant::now();
    let mut second = x.command(env!("CARGO_BIN_EXE_tessera"));
    isolate(&mut second, home.path());
    let mut second = second
        .arg(&image)
        .current_dir("/")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the second launch did not exit"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{:?}", second.wait_with_output());
    eprintln!(
        "second launch exited in {} ms",
        started.elapsed().as_millis()
    );

    // Still one window, and it shows the review of the image's account.
    let windows = x.xdotool(&["search", "--onlyvisible", "--class", tessera::paths::APP_ID]);
    assert_eq!(windows.lines().count(), 1, "windows: {windows}");
    let _ = still_frame(&x, &window, &unlocked, "the review");
    x.screenshot(&window, &out.join("review.png"));
    x.focus(&window);
    x.key("Return");
    wait_until(Duration::from_secs(20), "the opened account saved", || {
        cli(home.path(), PASSWORD, &["list", "--json"]).contains("Opened Inc")
    });
    // Commands run beside the window as before.
    let listed = cli(home.path(), PASSWORD, &["list"]);
    assert!(listed.contains("Opened Inc"), "{listed}");
    assert!(
        app.0.try_wait().unwrap().is_none(),
        "the first window is still open"
    );
}
