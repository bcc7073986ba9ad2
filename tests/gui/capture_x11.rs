//! `capture::screen()` and `capture::clipboard()` against real servers: an
//! `Xvfb` of each test's own (the screen shown by `feh`, the clipboard served by
//! `xclip`), and a private D-Bus session bus with a stand-in desktop portal.
//!
//! Each test starts what it needs (Xvfb picks a free display number itself,
//! `-displayfd`), then runs its body in a child process (this test binary
//! again, filtered to that one test) whose environment names only that display
//! or bus: the capture code reads `DISPLAY`, `WAYLAND_DISPLAY` and
//! `DBUS_SESSION_BUS_ADDRESS`, and arboard keeps one X connection per process.
//! Everything started is killed when the test ends (guards with `Drop`). So a
//! plain `cargo test` works anywhere the Debian packages `xvfb`, `xclip`, `feh`
//! and `dbus` are installed (`.ci/test` installs them when run as root), and
//! never looks at the display or bus of the person running it.
#![cfg(feature = "capture")]

use std::collections::HashMap;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tessera::capture::{self, CaptureError, Clipboard, Image};

use crate::common;
use crate::common::session;
use common::bus::PrivateBus;
use common::x11::{self, Process, Xvfb, eventually, offer};

use session::{child, expect_child_passes, is_child};

/// The screen of the wide Xvfb: as wide as two 1280-pixel monitors.
const SCREEN: (u32, u32) = (2560, 800);
/// Where `feh` shows the test pattern: on the "second monitor".
const AT: (u32, u32) = (1900, 300);
/// The pattern: four 32×32 squares of these colours (top left, top right,
/// bottom left, bottom right).
const QUADRANTS: [[u8; 3]; 4] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [0x12, 0x34, 0x56]];
/// The same at depth 16, where only colours exact in RGB565 survive.
const QUADRANTS_16: [[u8; 3]; 4] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255]];
const SIDE: u32 = 64;

const OTPAUTH: &str =
    "otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&period=30";

/// A bus address where nothing listens.
const NO_BUS: &str = "unix:path=/nonexistent/tessera-test/bus";

// --- Fixtures ---------------------------------------------------------------

fn temp_dir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => panic!("cannot make a temporary directory: {e}"),
    }
}

/// The test pattern as RGBA (`SIDE`×`SIDE`).
fn pattern(quadrants: [[u8; 3]; 4]) -> image::RgbaImage {
    image::RgbaImage::from_fn(SIDE, SIDE, |x, y| {
        let q = usize::from(x >= SIDE / 2) + 2 * usize::from(y >= SIDE / 2);
        let [r, g, b] = quadrants[q];
        image::Rgba([r, g, b, 255])
    })
}

fn save_png(image: &image::RgbaImage, path: &Path) {
    if let Err(e) = image.save_with_format(path, image::ImageFormat::Png) {
        panic!("cannot write {}: {e}", path.display());
    }
}

/// This test's body in a child process that sees only this display.
fn child_on(xvfb: &Xvfb, test: &str) -> Command {
    let mut command = child(test);
    command
        .env("DISPLAY", &xvfb.display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("XAUTHORITY")
        .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
    command
}

/// `feh` showing `png` unscaled and borderless at `AT`.
fn show(xvfb: &Xvfb, png: &Path) -> Process {
    x11::show(xvfb, png, AT)
}

// --- Child-side helpers ------------------------------------------------------

fn rgb(image: &Image, x: u32, y: u32) -> [u8; 3] {
    match image.pixel(x, y) {
        Some([r, g, b, a]) => {
            assert_eq!(a, 255, "alpha at ({x}, {y})");
            [r, g, b]
        }
        None => panic!(
            "({x}, {y}) is outside the {}×{} image",
            image.width, image.height
        ),
    }
}

/// Asserts the pattern is on `image` at `at`: every quadrant's centre and its
/// corner pixels have their colour.
fn assert_pattern(image: &Image, at: (u32, u32), quadrants: [[u8; 3]; 4]) {
    let half = SIDE / 2;
    for (q, colour) in quadrants.iter().enumerate() {
        let (qx, qy) = (at.0 + (q as u32 % 2) * half, at.1 + (q as u32 / 2) * half);
        for (dx, dy) in [
            (half / 2, half / 2),
            (0, 0),
            (half - 1, 0),
            (0, half - 1),
            (half - 1, half - 1),
        ] {
            assert_eq!(
                rgb(image, qx + dx, qy + dy),
                *colour,
                "quadrant {q} at ({}, {})",
                qx + dx,
                qy + dy
            );
        }
    }
}

/// Captures the screen until the pattern's first quadrant shows (feh has mapped
/// its window), then checks the whole image.
fn screen_shows_pattern(size: (u32, u32), quadrants: [[u8; 3]; 4]) {
    let probe = (AT.0 + SIDE / 4, AT.1 + SIDE / 4);
    let image = eventually(Duration::from_secs(20), || match capture::screen() {
        Ok(image)
            if image.pixel(probe.0, probe.1).map(|p| [p[0], p[1], p[2]]) == Some(quadrants[0]) =>
        {
            Some(image)
        }
        Ok(_) => None,
        Err(e) => panic!("screen capture failed: {e}"),
    });
    let Some(image) = image else {
        panic!("the test pattern never appeared on the captured screen");
    };
    assert_eq!((image.width, image.height), size, "the whole screen");
    assert_eq!(image.rgba.len(), (size.0 * size.1 * 4) as usize);
    assert_pattern(&image, AT, quadrants);
}

fn read_clipboard_until(
    limit: Duration,
    mut done: impl FnMut(&Result<Clipboard, CaptureError>) -> bool,
) -> Result<Clipboard, CaptureError> {
    let mut last = None;
    let found = eventually(limit, || {
        let result = capture::clipboard();
        if done(&result) {
            Some(result)
        } else {
            last = Some(result);
            None
        }
    });
    match found {
        Some(result) => result,
        None => panic!("the clipboard never held what was put there; last read: {last:?}"),
    }
}

// --- Screen ------------------------------------------------------------------

#[test]
fn screen_finds_a_window_on_a_wide_screen() {
    if !is_child() {
        let dir = temp_dir();
        let png = dir.path().join("pattern.png");
        save_png(&pattern(QUADRANTS), &png);
        let xvfb = Xvfb::start(SCREEN.0, SCREEN.1, 24);
        let _feh = show(&xvfb, &png);
        expect_child_passes(
            child_on(&xvfb, "screen_finds_a_window_on_a_wide_screen"),
            "screen_finds_a_window_on_a_wide_screen",
        );
        return;
    }
    screen_shows_pattern(SCREEN, QUADRANTS);
}

#[test]
fn screen_reads_a_16_bit_display() {
    if !is_child() {
        let dir = temp_dir();
        let png = dir.path().join("pattern.png");
        save_png(&pattern(QUADRANTS_16), &png);
        let xvfb = Xvfb::start(SCREEN.0, SCREEN.1, 16);
        let _feh = show(&xvfb, &png);
        expect_child_passes(
            child_on(&xvfb, "screen_reads_a_16_bit_display"),
            "screen_reads_a_16_bit_display",
        );
        return;
    }
    screen_shows_pattern(SCREEN, QUADRANTS_16);
}

// --- Clipboard ---------------------------------------------------------------

#[test]
fn clipboard_gives_a_copied_png() {
    if !is_child() {
        let dir = temp_dir();
        let png = dir.path().join("pattern.png");
        save_png(&pattern(QUADRANTS), &png);
        let bytes = match std::fs::read(&png) {
            Ok(bytes) => bytes,
            Err(e) => panic!("cannot read {}: {e}", png.display()),
        };
        let xvfb = Xvfb::start(640, 480, 24);
        let _xclip = offer(&xvfb, "image/png", &bytes);
        expect_child_passes(
            child_on(&xvfb, "clipboard_gives_a_copied_png"),
            "clipboard_gives_a_copied_png",
        );
        return;
    }
    let result = read_clipboard_until(Duration::from_secs(10), |r| r.is_ok());
    let Ok(Clipboard::Image(image)) = result else {
        panic!("expected an image, got {result:?}");
    };
    assert_eq!((image.width, image.height), (SIDE, SIDE));
    assert_pattern(&image, (0, 0), QUADRANTS);
    assert_eq!(*image.rgba, pattern(QUADRANTS).into_raw(), "every pixel");
}

#[test]
fn clipboard_gives_copied_text_exactly() {
    if !is_child() {
        let xvfb = Xvfb::start(640, 480, 24);
        let _xclip = offer(&xvfb, "UTF8_STRING", OTPAUTH.as_bytes());
        expect_child_passes(
            child_on(&xvfb, "clipboard_gives_copied_text_exactly"),
            "clipboard_gives_copied_text_exactly",
        );
        return;
    }
    let result = read_clipboard_until(Duration::from_secs(10), |r| r.is_ok());
    let Ok(Clipboard::Text(text)) = result else {
        panic!("expected text, got {result:?}");
    };
    assert_eq!(text.expose(), OTPAUTH);
}

#[test]
fn an_empty_clipboard_says_so() {
    if !is_child() {
        let xvfb = Xvfb::start(640, 480, 24);
        expect_child_passes(
            child_on(&xvfb, "an_empty_clipboard_says_so"),
            "an_empty_clipboard_says_so",
        );
        return;
    }
    let started = Instant::now();
    let result = capture::clipboard();
    assert!(
        matches!(result, Err(CaptureError::ClipboardEmpty)),
        "{result:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

/// What `xclip` reads from the clipboard as `target`.
fn xclip_out(target: &str) -> String {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-t", target, "-o"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run xclip: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_copied_secret_carries_the_password_manager_hint() {
    if !is_child() {
        let xvfb = Xvfb::start(640, 480, 24);
        expect_child_passes(
            child_on(&xvfb, "a_copied_secret_carries_the_password_manager_hint"),
            "a_copied_secret_carries_the_password_manager_hint",
        );
        return;
    }
    let code = tessera::secret::SecretText::new(String::from("492039"));
    if let Err(e) = capture::copy_secret(&code) {
        panic!("copy failed: {e}");
    }
    // Another X client (xclip, as a clipboard manager would) sees the hint
    // among the targets, with the value KDE's convention gives it.
    let targets = xclip_out("TARGETS");
    assert!(
        targets.lines().any(|t| t == "x-kde-passwordManagerHint"),
        "targets: {targets}"
    );
    assert_eq!(xclip_out("x-kde-passwordManagerHint"), "secret");
    assert_eq!(xclip_out("UTF8_STRING"), "492039");
    // Read back through Tessera's own reader too.
    let Ok(Clipboard::Text(text)) = capture::clipboard() else {
        panic!("the copied code is not on the clipboard");
    };
    assert_eq!(text.expose(), "492039");
}

// --- No display, no portal -------------------------------------------------------

#[test]
fn no_display_at_all_is_said_at_once() {
    if !is_child() {
        let mut command = child("no_display_at_all_is_said_at_once");
        command
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
        expect_child_passes(command, "no_display_at_all_is_said_at_once");
        return;
    }
    let started = Instant::now();
    assert_eq!(capture::screen().map(|_| ()), Err(CaptureError::NoDisplay));
    assert_eq!(
        capture::clipboard().map(|_| ()),
        Err(CaptureError::NoDisplay)
    );
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
    let advice = CaptureError::NoDisplay.to_string();
    assert!(advice.contains("open that instead"), "{advice}");
}

#[test]
fn wayland_without_a_session_bus_is_a_portal_error_at_once() {
    if !is_child() {
        let mut command = child("wayland_without_a_session_bus_is_a_portal_error_at_once");
        command
            .env_remove("DISPLAY")
            .env("WAYLAND_DISPLAY", "wayland-tessera-test-none")
            .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
        expect_child_passes(
            command,
            "wayland_without_a_session_bus_is_a_portal_error_at_once",
        );
        return;
    }
    let started = Instant::now();
    let result = capture::screen();
    let Err(CaptureError::Portal { reason }) = &result else {
        panic!("expected a portal error, got {result:?}");
    };
    assert!(reason.contains("session bus"), "{reason}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_wayland_clipboard_that_cannot_be_reached_is_unavailable() {
    const TEST: &str = "a_wayland_clipboard_that_cannot_be_reached_is_unavailable";
    if !is_child() {
        let dir = temp_dir();
        let mut command = child(TEST);
        command
            .env_remove("DISPLAY")
            .env("WAYLAND_DISPLAY", "wayland-tessera-test-none")
            .env("XDG_RUNTIME_DIR", dir.path())
            .env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
        expect_child_passes(command, TEST);
        return;
    }
    let started = Instant::now();
    let result = capture::clipboard();
    let Err(CaptureError::ClipboardUnavailable { reason }) = &result else {
        panic!("expected the clipboard to be unavailable, got {result:?}");
    };
    assert!(reason.contains("Wayland"), "{reason}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

// --- A stand-in desktop portal on a private session bus -------------------------

/// Answers `Screenshot` as xdg-desktop-portal does: returns the request path
/// at once, then emits `Response(code, {uri})` on it.
struct FakePortal {
    code: u32,
    uri: String,
}

#[zbus::interface(name = "org.freedesktop.portal.Screenshot")]
impl FakePortal {
    fn screenshot(
        &self,
        _parent_window: &str,
        options: HashMap<String, zbus::zvariant::OwnedValue>,
        #[zbus(header)] header: zbus::message::Header<'_>,
        #[zbus(connection)] connection: &zbus::Connection,
    ) -> zbus::fdo::Result<zbus::zvariant::OwnedObjectPath> {
        let sender = header
            .sender()
            .map(|s| s.trim_start_matches(':').replace('.', "_"))
            .unwrap_or_default();
        let token = options
            .get("handle_token")
            .and_then(|v| <&str>::try_from(&**v).ok())
            .unwrap_or("none")
            .to_owned();
        let interactive = options
            .get("interactive")
            .and_then(|v| bool::try_from(&**v).ok());
        if interactive != Some(false) {
            return Err(zbus::fdo::Error::InvalidArgs(
                "expected interactive: false".into(),
            ));
        }
        let path = format!("/org/freedesktop/portal/desktop/request/{sender}/{token}");
        let object = zbus::zvariant::OwnedObjectPath::try_from(path.clone())
            .map_err(|e| zbus::fdo::Error::InvalidArgs(e.to_string()))?;
        let connection = zbus::blocking::Connection::from(connection.clone());
        let (code, uri) = (self.code, self.uri.clone());
        std::thread::spawn(move || {
            // After the reply, as the real portal does (the person takes a moment).
            std::thread::sleep(Duration::from_millis(200));
            let results: HashMap<&str, zbus::zvariant::Value<'_>> =
                HashMap::from([("uri", zbus::zvariant::Value::from(uri.as_str()))]);
            let _ = connection.emit_signal(
                None::<&str>,
                path.as_str(),
                "org.freedesktop.portal.Request",
                "Response",
                &(code, results),
            );
        });
        Ok(object)
    }
}

fn serve_portal(bus: &PrivateBus, code: u32, uri: String) -> zbus::blocking::Connection {
    let built = zbus::blocking::connection::Builder::address(bus.address.as_str())
        .and_then(|b| b.name("org.freedesktop.portal.Desktop"))
        .and_then(|b| b.serve_at("/org/freedesktop/portal/desktop", FakePortal { code, uri }))
        .and_then(|b| b.build());
    match built {
        Ok(connection) => connection,
        Err(e) => panic!("cannot serve the stand-in portal: {e}"),
    }
}

fn file_uri(path: &Path) -> String {
    // The temporary directory's path has no characters that need escaping
    // except perhaps spaces.
    format!("file://{}", path.display().to_string().replace(' ', "%20"))
}

fn portal_child(test: &str, bus: &PrivateBus) -> Command {
    let mut command = child(test);
    command
        .env_remove("DISPLAY")
        .env("WAYLAND_DISPLAY", "wayland-tessera-test-none")
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address);
    command
}

#[test]
fn wayland_screenshots_come_from_the_portal() {
    const TEST: &str = "wayland_screenshots_come_from_the_portal";
    if !is_child() {
        let dir = temp_dir();
        let png: PathBuf = dir.path().join("Screenshot from the portal.png");
        // A "screen" with the pattern at AT.
        let mut screen =
            image::RgbaImage::from_pixel(SCREEN.0, SCREEN.1, image::Rgba([40, 40, 40, 255]));
        image::imageops::overlay(
            &mut screen,
            &pattern(QUADRANTS),
            i64::from(AT.0),
            i64::from(AT.1),
        );
        save_png(&screen, &png);
        let bus = PrivateBus::start();
        let _portal = serve_portal(&bus, 0, file_uri(&png));
        expect_child_passes(portal_child(TEST, &bus), TEST);
        assert!(
            png.exists(),
            "the portal's file is left where the portal put it"
        );
        return;
    }
    let image = match capture::screen() {
        Ok(image) => image,
        Err(e) => panic!("portal screenshot failed: {e}"),
    };
    assert_eq!((image.width, image.height), SCREEN);
    assert_pattern(&image, AT, QUADRANTS);
    assert_eq!(rgb(&image, 0, 0), [40, 40, 40]);
}

#[test]
fn a_declined_portal_screenshot_is_cancelled() {
    const TEST: &str = "a_declined_portal_screenshot_is_cancelled";
    if !is_child() {
        let bus = PrivateBus::start();
        let _portal = serve_portal(&bus, 1, String::new());
        expect_child_passes(portal_child(TEST, &bus), TEST);
        return;
    }
    assert_eq!(capture::screen().map(|_| ()), Err(CaptureError::Cancelled));
}

#[test]
fn a_bus_without_a_portal_is_a_portal_error() {
    const TEST: &str = "a_bus_without_a_portal_is_a_portal_error";
    if !is_child() {
        let bus = PrivateBus::start();
        expect_child_passes(portal_child(TEST, &bus), TEST);
        return;
    }
    let started = Instant::now();
    let result = capture::screen();
    let Err(CaptureError::Portal { reason }) = &result else {
        panic!("expected a portal error, got {result:?}");
    };
    assert!(reason.contains("no xdg-desktop-portal"), "{reason}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}
