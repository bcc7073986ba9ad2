//! The tray menu (`gui::tray`) with the real binary in a private Xvfb and a
//! private session bus. The test plays the tray host: it owns
//! `org.kde.StatusNotifierWatcher` on that bus (as KDE Plasma's or GNOME's
//! AppIndicator extension does), takes the item's registration, and reads and
//! clicks its `com.canonical.dbusmenu` menu as a panel would. Checked:
//! - locked, the menu holds no account name (only "Unlock…" and "Quit");
//! - unlocked, it lists the accounts; a click on one puts that account's
//!   current code on the X clipboard (the oracle: `oathtool`), with the
//!   password-manager hint;
//! - "Lock" from the menu locks (no names again);
//! - "Show Tessera" leaves one window, shown (hiding to the tray on close is
//!   not asserted here: under Xvfb without a window manager it was flaky);
//! - "Quit" ends the app with status 0.
//!
//! A last test starts the app with a bus where no tray host is: it runs,
//! says nothing about a tray, and its close button quits even with "keep
//! running in the tray" on (there would be no way back to a hidden window).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::app::{cli, launch_on_bus, oathtool_codes, wait_until, xclip};
use common::bus::PrivateBus;
use common::x11::{Xvfb, ink};

use std::collections::HashMap;
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::zvariant::{OwnedValue, Value};

const PASSWORD: &str = "grey otter 42 lantern";
const ALICE_SECRET: &str = "JBSWY3DPEHPK3PXP";
const ALICE: &str = "otpauth://totp/Acme%20Corp:alice_w?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Corp";
const BOB: &str =
    "otpauth://totp/Other%20Shop:bob@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Other%20Shop";
/// What the menu must never show while locked.
const NAMES: [&str; 4] = ["Acme", "alice", "Other Shop", "bob@"];

/// The host side: `org.kde.StatusNotifierWatcher`, recording who registered.
#[derive(Default)]
struct Watcher {
    items: Arc<Mutex<Vec<String>>>,
}

#[zbus::interface(name = "org.kde.StatusNotifierWatcher")]
impl Watcher {
    fn register_status_notifier_item(
        &self,
        service: String,
        #[zbus(header)] header: zbus::message::Header<'_>,
    ) {
        // A well-known name, or (for a sandboxed item) an object path on
        // the sender's connection.
        let name = if service.starts_with('/') {
            header.sender().map(ToString::to_string).unwrap_or_default()
        } else {
            service
        };
        self.items.lock().unwrap().push(name);
    }

    fn register_status_notifier_host(&self, _service: String) {}

    #[zbus(property)]
    fn is_status_notifier_host_registered(&self) -> bool {
        true
    }

    #[zbus(property)]
    fn protocol_version(&self) -> i32 {
        0
    }

    #[zbus(property)]
    fn registered_status_notifier_items(&self) -> Vec<String> {
        self.items.lock().unwrap().clone()
    }
}

/// A menu entry as a panel sees it: its id and label.
#[derive(Debug, Clone)]
struct MenuEntry {
    id: i32,
    label: String,
}

type Node = (i32, HashMap<String, OwnedValue>, Vec<OwnedValue>);

fn flatten(node: Node, out: &mut Vec<MenuEntry>) {
    let (id, properties, children) = node;
    if let Some(label) = properties.get("label") {
        let label: String = label.try_clone().unwrap().try_into().unwrap();
        out.push(MenuEntry { id, label });
    }
    for child in children {
        let child: Node = child.try_into().unwrap();
        flatten(child, out);
    }
}

/// The item's menu as a panel reads it (GetLayout of the whole tree).
fn layout(bus: &zbus::blocking::Connection, item: &str) -> Vec<MenuEntry> {
    let proxy =
        zbus::blocking::Proxy::new(bus, item.to_owned(), "/MenuBar", "com.canonical.dbusmenu")
            .unwrap();
    let reply = proxy
        .call_method("GetLayout", &(0i32, -1i32, Vec::<String>::new()))
        .unwrap();
    let (_revision, root): (u32, Node) = reply.body().deserialize().unwrap();
    let mut entries = Vec::new();
    flatten(root, &mut entries);
    entries
}

/// Clicks the entry labelled `label` as a panel does.
fn click(bus: &zbus::blocking::Connection, item: &str, label: &str) {
    let entries = layout(bus, item);
    let entry = entries
        .iter()
        .find(|e| e.label == label)
        .unwrap_or_else(|| panic!("no entry {label:?} in {entries:?}"));
    let proxy =
        zbus::blocking::Proxy::new(bus, item.to_owned(), "/MenuBar", "com.canonical.dbusmenu")
            .unwrap();
    proxy
        .call_method("Event", &(entry.id, "clicked", Value::I32(0), 0u32))
        .unwrap();
}

fn labels(entries: &[MenuEntry]) -> Vec<&str> {
    entries
        .iter()
        .map(|e| e.label.as_str())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Waits until the menu's labels satisfy `condition`; returns them.
fn wait_for_menu(
    bus: &zbus::blocking::Connection,
    item: &str,
    what: &str,
    limit: Duration,
    condition: impl Fn(&[&str]) -> bool,
) -> Vec<String> {
    let started = Instant::now();
    loop {
        let entries = layout(bus, item);
        let shown = labels(&entries);
        if condition(&shown) {
            return shown.into_iter().map(str::to_owned).collect();
        }
        assert!(
            started.elapsed() < limit,
            "{what}: not within {limit:?}; the menu holds {shown:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Asks the window to close as a window manager's close button does
/// (`WM_DELETE_WINDOW`; no window manager runs under Xvfb).
fn request_close(x: &Xvfb, window: &str) {
    use x11rb::connection::Connection as _;
    use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt as _, EventMask};
    let (conn, _) = x11rb::connect(Some(&x.display)).unwrap();
    let atom = |name: &[u8]| conn.intern_atom(false, name).unwrap().reply().unwrap().atom;
    let protocols = atom(b"WM_PROTOCOLS");
    let delete = atom(b"WM_DELETE_WINDOW");
    let window: u32 = window.parse().unwrap();
    let event = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
    conn.send_event(false, window, EventMask::NO_EVENT, event)
        .unwrap();
    conn.flush().unwrap();
}

fn visible_windows(x: &Xvfb) -> usize {
    let out = x
        .command("xdotool")
        .args(["search", "--onlyvisible", "--class", tessera::paths::APP_ID])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).lines().count()
}

fn prepare(home: &Path, keep_in_tray: bool) {
    cli(home, PASSWORD, &["init"]);
    cli(home, PASSWORD, &["add", ALICE]);
    cli(home, PASSWORD, &["add", BOB]);
    if keep_in_tray {
        let config = home.join("config/tessera");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("settings.toml"), "keep_in_tray = true\n").unwrap();
    }
}

#[test]
fn the_tray_menu_copies_codes_and_shows_no_names_while_locked() {
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gui-tray");
    std::fs::create_dir_all(&out).unwrap();
    let home = tempfile::tempdir().unwrap();
    prepare(home.path(), true);

    let bus = PrivateBus::start();
    let watcher = Watcher::default();
    let items = watcher.items.clone();
    let host = zbus::blocking::connection::Builder::address(bus.address.as_str())
        .unwrap()
        .serve_at("/StatusNotifierWatcher", watcher)
        .unwrap()
        .name("org.kde.StatusNotifierWatcher")
        .unwrap()
        .build()
        .unwrap();

    let x = Xvfb::start(1280, 800, 24);
    let (mut app, window) = launch_on_bus(&x, home.path(), &out, &bus.address);
    wait_until(Duration::from_secs(30), "the item registered", || {
        !items.lock().unwrap().is_empty()
    });
    let item = items.lock().unwrap()[0].clone();
    assert!(item.starts_with("org.kde.StatusNotifierItem-"), "{item}");

    // Locked: "Unlock…" and "Quit", and no account name anywhere.
    let locked = wait_for_menu(
        &host,
        &item,
        "the locked menu",
        Duration::from_secs(30),
        |l| l.contains(&"Unlock…"),
    );
    assert_eq!(locked, ["Unlock…", "Quit"]);

    // Unlock in the window; the menu lists the accounts (the underscore
    // doubled: dbusmenu reads a single one as an access key).
    let _ = x.wait_for_frame(&window, Duration::from_secs(10), "the unlock form", |f| {
        ink(f) > 0.01
    });
    x.type_text(PASSWORD);
    x.key("Return");
    let unlocked = wait_for_menu(
        &host,
        &item,
        "the accounts",
        Duration::from_secs(120),
        |l| l.contains(&"Acme Corp (alice__w)"),
    );
    assert_eq!(
        unlocked,
        [
            "Acme Corp (alice__w)",
            "Other Shop (bob@example.com)",
            "Show Tessera",
            "Lock",
            "Quit"
        ]
    );

    // A click copies Alice's current code, with the password-manager hint.
    click(&host, &item, "Acme Corp (alice__w)");
    wait_until(Duration::from_secs(10), "a code on the clipboard", || {
        xclip(&x, "TARGETS")
            .lines()
            .any(|t| t == "x-kde-passwordManagerHint")
    });
    let copied = xclip(&x, "UTF8_STRING");
    let expected = oathtool_codes(ALICE_SECRET);
    assert!(
        expected.contains(&copied),
        "copied {copied:?}, oathtool says {expected:?}"
    );
    assert_eq!(xclip(&x, "x-kde-passwordManagerHint"), "secret");

    // "Show Tessera" keeps the one window, shown.
    click(&host, &item, "Show Tessera");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(visible_windows(&x), 1);
    assert!(app.0.try_wait().unwrap().is_none(), "the app quit");

    // "Lock" locks: no names again.
    click(&host, &item, "Lock");
    let relocked = wait_for_menu(
        &host,
        &item,
        "the menu locked",
        Duration::from_secs(10),
        |l| l.contains(&"Unlock…"),
    );
    assert!(
        relocked
            .iter()
            .all(|label| NAMES.iter().all(|name| !label.contains(name))),
        "{relocked:?}"
    );

    // "Quit" ends the app.
    click(&host, &item, "Quit");
    exits_cleanly(&mut app.0, "Quit did not end the app");
}

#[test]
fn without_a_tray_host_the_app_runs_and_says_nothing() {
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gui-tray-none");
    std::fs::create_dir_all(&out).unwrap();
    let home = tempfile::tempdir().unwrap();
    prepare(home.path(), true);
    // A bus with nothing on it (GNOME without the AppIndicator extension).
    let bus = PrivateBus::start();
    let x = Xvfb::start(1280, 800, 24);
    let (mut app, window) = launch_on_bus(&x, home.path(), &out, &bus.address);
    let _ = x.wait_for_frame(&window, Duration::from_secs(10), "the unlock form", |f| {
        ink(f) > 0.01
    });
    // Give the tray thread time to find no host.
    std::thread::sleep(Duration::from_secs(2));
    // With no tray to come back from, the close button quits even though
    // "keep running in the tray" is on. On a loaded machine the first request
    // can come before the app listens for it (iced drops a close request no
    // subscription takes), so it is asked again, as a person clicks again; a
    // window that hid instead would be asked in vain and the test fails.
    let started = Instant::now();
    let status = loop {
        request_close(&x, &window);
        let asked = Instant::now();
        while asked.elapsed() < Duration::from_secs(3) {
            if app.0.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        if let Some(status) = app.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "closing did not quit without a tray"
        );
    };
    assert!(status.success(), "exit status {status:?}");
    let log = std::fs::read_to_string(out.join("tessera.log")).unwrap();
    assert!(
        !log.to_lowercase().contains("tray") && !log.contains("StatusNotifier"),
        "the app talked about the tray: {log}"
    );
}

/// Waits up to 20 s for the app to end, and asserts it ended with status 0.
fn exits_cleanly(app: &mut std::process::Child, what: &str) {
    let started = Instant::now();
    let status = loop {
        if let Some(status) = app.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "{what}");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status:?}");
}
