//! The global shortcut (`gui::shortcut`) under a private Xvfb:
//! - the real binary, on a private session bus, unlocked and with the focus
//!   on another window: `xdotool key super+shift+t` gives it the focus back
//!   with the search field focused and empty; the name typed then and Enter
//!   put that account's current code on the X clipboard (the oracle:
//!   `oathtool`);
//! - the grab itself, seen from a second X client (which can grab a key
//!   combination only while nobody else holds it): the shortcut is held with
//!   and without Caps Lock and Num Lock, nothing more; presses are reported;
//!   after a change the old one is free and only the new one is held;
//! - a key another client grabbed first is reported as taken (the advice the
//!   settings show), that client keeps it, and the app runs on beside it.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::app::{cli, launch_on_bus, oathtool_codes, wait_until, xclip};
use common::bus::PrivateBus;
use common::x11::{Xvfb, ink};

use std::path::PathBuf;
use std::pin::Pin;
use std::time::Duration;

use iced::futures::{Stream, StreamExt as _};
use tessera::gui::shortcut::{Event, Problem, listen_x11};
use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{ConnectionExt as _, GrabMode, ModMask};
use x11rb::rust_connection::RustConnection;

const PASSWORD: &str = "grey otter 42 lantern";
const ALICE: &str = "otpauth://totp/Acme%20Corp:alice_w?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp";
const BOB_SECRET: &str = "GEZDGNBVGY3TQOJQ";
const BOB: &str =
    "otpauth://totp/Other%20Shop:bob@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Other%20Shop";

/// Keysyms the tests press.
const XK_T: u32 = 0x74;
const XK_Y: u32 = 0x79;
const XK_SUPER_L: u32 = 0xffeb;
const XK_NUM_LOCK: u32 = 0xff7f;

/// A second X client: grabs keys to see whether someone else holds them.
struct Probe {
    conn: RustConnection,
    root: u32,
    /// Super's and Num Lock's modifier masks on this server.
    super_mask: ModMask,
    num_lock: ModMask,
}

impl Probe {
    fn connect(x: &Xvfb) -> Self {
        let (conn, screen) = x11rb::connect(Some(&x.display)).unwrap();
        let root = conn.setup().roots[screen].root;
        let mut probe = Self {
            conn,
            root,
            super_mask: ModMask::from(0u16),
            num_lock: ModMask::from(0u16),
        };
        probe.super_mask = probe.modifier(XK_SUPER_L);
        probe.num_lock = probe.modifier(XK_NUM_LOCK);
        probe
    }

    fn keysyms_of(&self, keycode: u8) -> Vec<u32> {
        let reply = self
            .conn
            .get_keyboard_mapping(keycode, 1)
            .unwrap()
            .reply()
            .unwrap();
        reply.keysyms
    }

    /// The keycode whose first level is `keysym`.
    fn keycode(&self, keysym: u32) -> u8 {
        let setup = self.conn.setup();
        (setup.min_keycode..=setup.max_keycode)
            .find(|k| self.keysyms_of(*k).first() == Some(&keysym))
            .unwrap_or_else(|| panic!("no key for keysym {keysym:#x}"))
    }

    /// The Mod1..Mod5 mask a key with `keysym` is mapped to.
    fn modifier(&self, keysym: u32) -> ModMask {
        let map = self.conn.get_modifier_mapping().unwrap().reply().unwrap();
        let per = map.keycodes.len() / 8;
        for (i, keycode) in map.keycodes.iter().enumerate() {
            if *keycode != 0 && i / per >= 3 && self.keysyms_of(*keycode).contains(&keysym) {
                return ModMask::from(1u16 << (i / per));
            }
        }
        panic!("keysym {keysym:#x} is no modifier on this server")
    }

    /// Whether `keycode` with `modifiers` is free: grabbed (and let go at
    /// once) if so; `false` when another client holds it (BadAccess).
    fn is_free(&self, keycode: u8, modifiers: ModMask) -> bool {
        let free = self
            .conn
            .grab_key(
                false,
                self.root,
                modifiers,
                keycode,
                GrabMode::ASYNC,
                GrabMode::ASYNC,
            )
            .unwrap()
            .check()
            .is_ok();
        if free {
            self.conn
                .ungrab_key(keycode, self.root, modifiers)
                .unwrap()
                .check()
                .unwrap();
        }
        free
    }

    /// The four lock states of `modifiers`.
    fn with_locks(&self, modifiers: ModMask) -> [ModMask; 4] {
        [
            modifiers,
            modifiers | ModMask::LOCK,
            modifiers | self.num_lock,
            modifiers | ModMask::LOCK | self.num_lock,
        ]
    }
}

/// A shortcut's stream, polled with a time limit.
struct Listening {
    runtime: tokio::runtime::Runtime,
    stream: Pin<Box<dyn Stream<Item = Event>>>,
}

impl Listening {
    fn start(x: &Xvfb, shortcut: &str) -> Self {
        Self {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .unwrap(),
            stream: Box::pin(listen_x11(&x.display, shortcut)),
        }
    }

    /// The next event within `limit`, if one came.
    fn next(&mut self, limit: Duration) -> Option<Event> {
        self.runtime
            .block_on(async { tokio::time::timeout(limit, self.stream.next()).await })
            .ok()
            .flatten()
    }
}

#[test]
fn a_changed_shortcut_is_grabbed_in_every_lock_state_and_the_old_one_let_go() {
    let x = Xvfb::start(640, 480, 24);
    let probe = Probe::connect(&x);
    let t = probe.keycode(XK_T);
    let y = probe.keycode(XK_Y);
    let super_shift = probe.super_mask | ModMask::SHIFT;
    let ctrl_alt = ModMask::CONTROL | ModMask::M1;

    // Nobody holds either before.
    for mask in probe.with_locks(super_shift) {
        assert!(probe.is_free(t, mask));
    }

    let mut first = Listening::start(&x, "super+shift+t");
    assert_eq!(first.next(Duration::from_secs(10)), Some(Event::Ready));
    for mask in probe.with_locks(super_shift) {
        assert!(
            !probe.is_free(t, mask),
            "Super+Shift+T not held in state {mask:?}"
        );
    }
    // Only what was asked: Super+T and Shift+T stay free for others.
    assert!(probe.is_free(t, probe.super_mask));
    assert!(probe.is_free(t, ModMask::SHIFT));

    // Presses are reported, also with Caps Lock on; other keys are not.
    x.key("super+shift+t");
    assert!(matches!(
        first.next(Duration::from_secs(5)),
        Some(Event::Pressed { .. })
    ));
    x.key("Caps_Lock");
    x.key("super+shift+t");
    x.key("Caps_Lock");
    assert!(matches!(
        first.next(Duration::from_secs(5)),
        Some(Event::Pressed { .. })
    ));
    x.key("super+t");
    assert_eq!(first.next(Duration::from_millis(500)), None);

    // Changed (the app drops the old subscription and starts one for the
    // new text): the old combination is free again, only the new one held.
    drop(first);
    wait_until(Duration::from_secs(5), "Super+Shift+T let go", || {
        probe
            .with_locks(super_shift)
            .iter()
            .all(|m| probe.is_free(t, *m))
    });
    let mut second = Listening::start(&x, "Ctrl+Alt+Y");
    assert_eq!(second.next(Duration::from_secs(10)), Some(Event::Ready));
    for mask in probe.with_locks(ctrl_alt) {
        assert!(
            !probe.is_free(y, mask),
            "Ctrl+Alt+Y not held in state {mask:?}"
        );
    }
    for mask in probe.with_locks(super_shift) {
        assert!(probe.is_free(t, mask), "Super+Shift+T still held");
    }
    x.key("super+shift+t");
    assert_eq!(second.next(Duration::from_millis(500)), None);
    x.key("ctrl+alt+y");
    assert!(matches!(
        second.next(Duration::from_secs(5)),
        Some(Event::Pressed { .. })
    ));

    // Not a shortcut (a hand-edited settings file): said, nothing grabbed.
    let mut bad = Listening::start(&x, "T");
    assert_eq!(
        bad.next(Duration::from_secs(5)),
        Some(Event::Failed(Problem::Invalid("T".into())))
    );
    assert!(probe.is_free(t, ModMask::from(0u16)));
}

#[test]
fn a_shortcut_another_program_holds_is_reported_and_the_app_runs_on() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gui-shortcut-taken");
    std::fs::create_dir_all(&out).unwrap();
    let x = Xvfb::start(1280, 800, 24);
    let other = Probe::connect(&x);
    let t = other.keycode(XK_T);
    let super_shift = other.super_mask | ModMask::SHIFT;
    other
        .conn
        .grab_key(
            false,
            other.root,
            super_shift,
            t,
            GrabMode::ASYNC,
            GrabMode::ASYNC,
        )
        .unwrap()
        .check()
        .unwrap();

    let mut listening = Listening::start(&x, "Super+Shift+T");
    assert_eq!(
        listening.next(Duration::from_secs(10)),
        Some(Event::Failed(Problem::Taken("Super+Shift+T".into())))
    );
    // The other program keeps its shortcut (Tessera let go of the lock
    // states it had managed to grab, and never took the plain one).
    for mask in other.with_locks(super_shift).into_iter().skip(1) {
        assert!(other.is_free(t, mask), "a lock state left held: {mask:?}");
    }
    x.key("super+shift+t");
    let pressed = common::x11::eventually(Duration::from_secs(5), || {
        match other.conn.poll_for_event().unwrap() {
            Some(x11rb::protocol::Event::KeyPress(press)) => Some(press.detail),
            _ => None,
        }
    });
    assert_eq!(pressed, Some(t), "the other program no longer gets its key");

    // The app beside it starts, runs and says nothing alarming.
    let home = tempfile::tempdir().unwrap();
    cli(home.path(), PASSWORD, &["init"]);
    let bus = PrivateBus::start();
    let (mut app, window) = launch_on_bus(&x, home.path(), &out, &bus.address);
    let _ = x.wait_for_frame(&window, Duration::from_secs(10), "the unlock form", |f| {
        ink(f) > 0.01
    });
    std::thread::sleep(Duration::from_secs(2));
    assert!(app.0.try_wait().unwrap().is_none(), "the app ended");
    drop(app);
    let log = std::fs::read_to_string(out.join("tessera.log")).unwrap();
    assert!(!log.contains("panicked"), "{log}");
}

#[test]
fn the_shortcut_brings_the_window_up_with_the_search_focused_and_enter_copies() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gui-shortcut");
    std::fs::create_dir_all(&out).unwrap();
    let home = tempfile::tempdir().unwrap();
    cli(home.path(), PASSWORD, &["init"]);
    cli(home.path(), PASSWORD, &["add", ALICE]);
    cli(home.path(), PASSWORD, &["add", BOB]);

    let bus = PrivateBus::start();
    let x = Xvfb::start(1280, 800, 24);
    let (_app, window) = launch_on_bus(&x, home.path(), &out, &bus.address);
    let form = x.wait_for_frame(&window, Duration::from_secs(10), "the unlock form", |f| {
        ink(f) > 0.01
    });
    x.type_text(PASSWORD);
    x.key("Return");
    let unlocked = x.wait_for_frame(&window, Duration::from_secs(90), "the code list", |f| {
        changed(&form, f) > 0.05
    });
    // A search typed now must not survive the shortcut.
    x.type_text("Acme");
    let _ = x.wait_for_frame(
        &window,
        Duration::from_secs(10),
        "the search for Acme",
        |f| changed(&unlocked, f) > 0.02,
    );

    // Another window takes the focus (there is no window manager here).
    let other = Probe::connect(&x);
    let elsewhere = other.conn.generate_id().unwrap();
    other
        .conn
        .create_window(
            0,
            elsewhere,
            other.root,
            700,
            0,
            200,
            200,
            0,
            x11rb::protocol::xproto::WindowClass::INPUT_OUTPUT,
            0,
            &Default::default(),
        )
        .unwrap();
    other.conn.map_window(elsewhere).unwrap();
    other.conn.flush().unwrap();
    x.focus(&elsewhere.to_string());
    assert_ne!(x.xdotool(&["getwindowfocus"]).trim(), window);

    x.key("super+shift+t");
    wait_until(Duration::from_secs(10), "Tessera focused", || {
        x.xdotool(&["getwindowfocus"]).trim() == window
    });
    // Typed straight away: Bob's name (second in the list, so copying
    // whatever was selected would copy Alice's code), mistyped and mended
    // with the Left arrow, which only a focused text field obeys (typing
    // with no field focused would search for "Othre" and copy nothing).
    x.type_text("Othr");
    x.key("Left");
    x.type_text("e");
    x.key("Return");
    x.screenshot(&window, &out.join("after-shortcut.png"));
    wait_until(Duration::from_secs(10), "a code on the clipboard", || {
        xclip(&x, "TARGETS")
            .lines()
            .any(|t| t == "x-kde-passwordManagerHint")
    });
    let copied = xclip(&x, "UTF8_STRING");
    let expected = oathtool_codes(BOB_SECRET);
    assert!(
        expected.contains(&copied),
        "copied {copied:?}, oathtool says {expected:?} for Other Shop"
    );
}

/// The share of pixels (0..1) that differ between two frames of one window
/// (the countdown rings alone change far less than a screen or a row).
fn changed(a: &image::RgbImage, b: &image::RgbImage) -> f64 {
    if a.dimensions() != b.dimensions() {
        return 1.0;
    }
    let differ = a.pixels().zip(b.pixels()).filter(|(p, q)| p != q).count();
    differ as f64 / f64::from(a.width() * a.height()).max(1.0)
}
