//! The global shortcut (default Super+Shift+T, the `shortcut` setting): from
//! any window it brings Tessera up with the search field focused. See
//! `docs/gui.md`, "Global shortcut".
//!
//! On X11 a passive grab of the key on the root window, once per lock state
//! (with and without Caps Lock and Num Lock), on a thread of its own with its
//! own connection ([`listen`], run by a subscription keyed by the shortcut, so
//! a changed shortcut drops the old grab and makes the new one). A key
//! another program holds (`BadAccess`) is a [`Problem`] the settings show as
//! advice, never a panic. On Wayland a program cannot grab keys; the
//! GlobalShortcuts portal is not used yet, so the settings say how to bind
//! `tessera --search` in the desktop's own keyboard settings instead.
//!
//! [`activate`] gives the window the keyboard focus on X11 with the time of
//! the key press (winit asks the window manager with no time, which window
//! managers with focus-stealing prevention may refuse, and without a window
//! manager nothing answers at all).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::futures::channel::mpsc;
use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{self, ConnectionExt as _, EventMask, GrabMode, ModMask};
use x11rb::rust_connection::RustConnection;

/// The shortcut a new settings file has.
pub const DEFAULT: &str = "Super+Shift+T";

/// A key with modifiers, as the settings write it (`Super+Shift+T`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Shortcut {
    /// The Super (logo, Windows) key.
    pub super_key: bool,
    /// Control.
    pub ctrl: bool,
    /// Alt.
    pub alt: bool,
    /// Shift.
    pub shift: bool,
    /// The key itself.
    pub key: Key,
}

/// The keys a shortcut can end in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A letter, upper case.
    Letter(char),
    /// A digit.
    Digit(char),
    /// F1 to F24.
    Function(u8),
    /// A named key.
    Named(Named),
}

/// Named keys a shortcut can end in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Named {
    /// The space bar.
    Space,
    /// Insert.
    Insert,
    /// Delete.
    Delete,
    /// Home.
    Home,
    /// End.
    End,
    /// Pause.
    Pause,
    /// Print Screen.
    Print,
}

impl Named {
    const ALL: [(Self, &'static str, u32); 7] = [
        (Self::Space, "Space", 0x0020),
        (Self::Insert, "Insert", 0xff63),
        (Self::Delete, "Delete", 0xffff),
        (Self::Home, "Home", 0xff50),
        (Self::End, "End", 0xff57),
        (Self::Pause, "Pause", 0xff13),
        (Self::Print, "Print", 0xff61),
    ];

    fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(named, ..)| *named == self)
            .map_or("", |(_, name, _)| name)
    }
}

impl Key {
    fn parse(word: &str) -> Option<Self> {
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return match c {
                'a'..='z' | 'A'..='Z' => Some(Self::Letter(c.to_ascii_uppercase())),
                '0'..='9' => Some(Self::Digit(c)),
                _ => None,
            };
        }
        if let Some(n) = word
            .strip_prefix(['F', 'f'])
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=24).contains(n))
        {
            return Some(Self::Function(n));
        }
        Named::ALL
            .iter()
            .find(|(_, name, _)| name.eq_ignore_ascii_case(word))
            .map(|(named, ..)| Self::Named(*named))
    }

    /// The X keysym (the lower-case one for a letter).
    fn keysym(self) -> u32 {
        match self {
            Self::Letter(c) => u32::from(c.to_ascii_lowercase()),
            Self::Digit(c) => u32::from(c),
            Self::Function(n) => 0xffbe + u32::from(n) - 1,
            Self::Named(named) => Named::ALL
                .iter()
                .find(|(n, ..)| *n == named)
                .map_or(0, |(.., keysym)| *keysym),
        }
    }
}

impl std::fmt::Display for Shortcut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (on, name) in [
            (self.super_key, "Super"),
            (self.ctrl, "Ctrl"),
            (self.alt, "Alt"),
            (self.shift, "Shift"),
        ] {
            if on {
                write!(f, "{name}+")?;
            }
        }
        match self.key {
            Key::Letter(c) | Key::Digit(c) => write!(f, "{c}"),
            Key::Function(n) => write!(f, "F{n}"),
            Key::Named(named) => f.write_str(named.name()),
        }
    }
}

/// Why a text is not a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invalid;

impl Shortcut {
    /// Reads `Super+Shift+T`: modifiers (Super, Ctrl, Alt, Shift, in any order
    /// and case; also Control, Logo, Win, Meta) joined by `+` to a letter, a
    /// digit, F1–F24, Space, Insert, Delete, Home, End, Pause or Print. A key
    /// without Super, Ctrl or Alt would take ordinary typing away from every
    /// program, so only F-keys, Pause and Print may go without them;
    /// Ctrl+Alt+F1–F12 switch consoles and never reach a program. An empty
    /// text is no shortcut (`Ok(None)`).
    pub fn parse(text: &str) -> Result<Option<Self>, Invalid> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        let words: Vec<&str> = text.split('+').map(str::trim).collect();
        let (last, modifiers) = words.split_last().ok_or(Invalid)?;
        let mut shortcut = Self {
            super_key: false,
            ctrl: false,
            alt: false,
            shift: false,
            key: Key::parse(last).ok_or(Invalid)?,
        };
        for word in modifiers {
            let flag = match word.to_ascii_lowercase().as_str() {
                "super" | "logo" | "win" | "meta" => &mut shortcut.super_key,
                "ctrl" | "control" => &mut shortcut.ctrl,
                "alt" => &mut shortcut.alt,
                "shift" => &mut shortcut.shift,
                _ => return Err(Invalid),
            };
            if *flag {
                return Err(Invalid);
            }
            *flag = true;
        }
        let alone_is_fine = matches!(
            shortcut.key,
            Key::Function(_) | Key::Named(Named::Pause | Named::Print)
        );
        if !(shortcut.super_key || shortcut.ctrl || shortcut.alt || alone_is_fine) {
            return Err(Invalid);
        }
        // Ctrl+Alt+F1..F12 switch to a text console: they never reach a program.
        if shortcut.ctrl && shortcut.alt && matches!(shortcut.key, Key::Function(1..=12)) {
            return Err(Invalid);
        }
        Ok(Some(shortcut))
    }
}

/// Why the shortcut does not work in this session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The setting's text is not a shortcut (a hand-edited file).
    Invalid(String),
    /// Another program grabbed this key combination first.
    Taken(String),
    /// No key on this keyboard makes the shortcut's key.
    NoKey(String),
    /// A Wayland session: programs cannot grab keys there.
    Wayland,
    /// The X display could not be reached.
    NoDisplay,
}

/// What the shortcut's thread reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// The shortcut is held: pressing it reports [`Event::Pressed`].
    Ready,
    /// It was pressed; `time` is the X server's time of the press (for
    /// [`activate`]).
    Pressed {
        /// The key press's server time.
        time: u32,
    },
    /// It cannot work; the settings say why.
    Failed(Problem),
}

/// Reports `event` unless the app stopped listening.
fn report(sender: &mut mpsc::Sender<Event>, event: Event) -> bool {
    let mut event = event;
    loop {
        match sender.try_send(event) {
            Ok(()) => return true,
            Err(error) if error.is_full() => {
                event = error.into_inner();
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(_) => return false,
        }
    }
}

/// Whether this is a Wayland session (where the window is a Wayland one and
/// X11 grabs on Xwayland would only see keys typed into X11 windows).
fn wayland_session() -> bool {
    std::env::var_os("WAYLAND_DISPLAY").is_some_and(|v| !v.is_empty())
}

/// The shortcut set in the settings (`text`), as [`Event`]s for a
/// subscription keyed by `text`: grabbed for as long as the stream lives.
#[allow(clippy::ptr_arg)] // `Subscription::run_with` hands its key by reference.
pub fn listen(text: &String) -> impl iced::futures::Stream<Item = Event> + use<> {
    stream(None, wayland_session(), text.clone())
}

/// [`listen`] on the X display named `display` (`:1`), whatever the
/// session: for tests with their own X server.
pub fn listen_x11(display: &str, text: &str) -> impl iced::futures::Stream<Item = Event> + use<> {
    stream(Some(display.to_owned()), false, text.to_owned())
}

fn stream(
    display: Option<String>,
    wayland: bool,
    text: String,
) -> impl iced::futures::Stream<Item = Event> {
    iced::stream::channel(8, async move |mut sender: mpsc::Sender<Event>| {
        let shortcut = match Shortcut::parse(&text) {
            Ok(Some(shortcut)) => shortcut,
            Ok(None) => return std::future::pending().await,
            Err(Invalid) => {
                let _ = report(&mut sender, Event::Failed(Problem::Invalid(text)));
                return std::future::pending().await;
            }
        };
        if wayland {
            let _ = report(&mut sender, Event::Failed(Problem::Wayland));
            return std::future::pending().await;
        }
        // Held while the subscription lives; dropping it ends the grab.
        let _grab = match Grab::start(display.as_deref(), shortcut, sender.clone()) {
            Ok(grab) => Some(grab),
            Err(problem) => {
                let _ = report(&mut sender, Event::Failed(problem));
                None
            }
        };
        std::future::pending::<()>().await;
    })
}

/// A running grab: its thread, and the means to stop it.
struct Grab {
    conn: Arc<RustConnection>,
    /// An unmapped window of ours: a message to it wakes the thread.
    waker: xproto::Window,
    stop: Arc<AtomicBool>,
}

impl Drop for Grab {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let event = xproto::ClientMessageEvent::new(32, self.waker, xproto::AtomEnum::ANY, [0; 5]);
        let _ = self
            .conn
            .send_event(false, self.waker, EventMask::NO_EVENT, event);
        let _ = self.conn.flush();
    }
}

/// The masks of the modifiers a shortcut names and of the lock keys, as this
/// server's modifier map has them.
struct Masks {
    super_key: ModMask,
    alt: ModMask,
    num_lock: ModMask,
}

impl Masks {
    fn read(conn: &RustConnection, keysyms: &Keysyms) -> Self {
        let map = conn
            .get_modifier_mapping()
            .ok()
            .and_then(|cookie| cookie.reply().ok());
        let find = |wanted: &[u32], fallback: ModMask| -> ModMask {
            let Some(map) = &map else { return fallback };
            let per = map.keycodes.len() / 8;
            if per == 0 {
                return fallback;
            }
            for (index, keycode) in map.keycodes.iter().enumerate() {
                // Shift, Lock and Control are fixed; only Mod1..Mod5 vary.
                if index / per < 3 || *keycode == 0 {
                    continue;
                }
                if keysyms.of(*keycode).any(|k| wanted.contains(&k)) {
                    return ModMask::from(1u16 << (index / per));
                }
            }
            fallback
        };
        Self {
            // Super_L, Super_R; Alt_L, Alt_R, Meta_L, Meta_R; Num_Lock.
            super_key: find(&[0xffeb, 0xffec], ModMask::M4),
            alt: find(&[0xffe9, 0xffea, 0xffe7, 0xffe8], ModMask::M1),
            num_lock: find(&[0xff7f], ModMask::M2),
        }
    }

    fn of(&self, shortcut: &Shortcut) -> ModMask {
        let mut mask = ModMask::from(0u16);
        for (on, bit) in [
            (shortcut.super_key, self.super_key),
            (shortcut.ctrl, ModMask::CONTROL),
            (shortcut.alt, self.alt),
            (shortcut.shift, ModMask::SHIFT),
        ] {
            if on {
                mask |= bit;
            }
        }
        mask
    }

    /// The states that should still count as the shortcut: with Caps Lock,
    /// Num Lock, both or neither on.
    fn lock_variants(&self) -> [ModMask; 4] {
        let none = ModMask::from(0u16);
        [
            none,
            ModMask::LOCK,
            self.num_lock,
            ModMask::LOCK | self.num_lock,
        ]
    }
}

/// The server's keyboard map.
struct Keysyms {
    first: u8,
    per: usize,
    keysyms: Vec<u32>,
}

impl Keysyms {
    fn read(conn: &RustConnection) -> Option<Self> {
        let setup = conn.setup();
        let (first, last) = (setup.min_keycode, setup.max_keycode);
        let reply = conn
            .get_keyboard_mapping(first, last - first + 1)
            .ok()?
            .reply()
            .ok()?;
        Some(Self {
            first,
            per: usize::from(reply.keysyms_per_keycode),
            keysyms: reply.keysyms,
        })
    }

    fn of(&self, keycode: u8) -> impl Iterator<Item = u32> + '_ {
        let start = usize::from(keycode.saturating_sub(self.first)) * self.per;
        self.keysyms
            .get(start..start + self.per)
            .unwrap_or_default()
            .iter()
            .copied()
    }

    /// The first keycode that makes `keysym` (or its upper-case letter).
    fn keycode(&self, keysym: u32) -> Option<u8> {
        let upper = if (0x61..=0x7a).contains(&keysym) {
            keysym - 0x20
        } else {
            keysym
        };
        (0..self.keysyms.len() / self.per.max(1)).find_map(|i| {
            let row = self.keysyms.get(i * self.per..(i + 1) * self.per)?;
            // Only the unshifted and shifted levels: a key that makes the
            // letter through AltGr is not the key people mean.
            row.iter()
                .take(2)
                .any(|k| *k == keysym || *k == upper)
                .then(|| u8::try_from(usize::from(self.first) + i).ok())
                .flatten()
        })
    }
}

impl Grab {
    /// Connects, grabs the key on the root window in every lock state, and
    /// starts the thread that reports presses.
    fn start(
        display: Option<&str>,
        shortcut: Shortcut,
        sender: mpsc::Sender<Event>,
    ) -> Result<Self, Problem> {
        let name = shortcut.to_string();
        let (conn, screen) = x11rb::connect(display).map_err(|_| Problem::NoDisplay)?;
        let conn = Arc::new(conn);
        let root = conn
            .setup()
            .roots
            .get(screen)
            .map(|s| s.root)
            .ok_or(Problem::NoDisplay)?;
        let keysyms = Keysyms::read(&conn).ok_or(Problem::NoDisplay)?;
        let keycode = keysyms
            .keycode(shortcut.key.keysym())
            .ok_or_else(|| Problem::NoKey(name.clone()))?;
        let masks = Masks::read(&conn, &keysyms);
        let modifiers = masks.of(&shortcut);
        let variants = masks.lock_variants();
        let mut grabbed = Vec::new();
        for lock in variants {
            let mask = modifiers | lock;
            if grabbed.contains(&mask) {
                continue;
            }
            let result = conn
                .grab_key(false, root, mask, keycode, GrabMode::ASYNC, GrabMode::ASYNC)
                .map_err(|_| Problem::NoDisplay)?
                .check();
            match result {
                Ok(()) => grabbed.push(mask),
                Err(error) => {
                    for mask in grabbed {
                        let _ = conn.ungrab_key(keycode, root, mask);
                    }
                    let _ = conn.flush();
                    return Err(match error {
                        x11rb::errors::ReplyError::X11Error(e)
                            if e.error_kind == x11rb::protocol::ErrorKind::Access =>
                        {
                            Problem::Taken(name)
                        }
                        _ => Problem::NoDisplay,
                    });
                }
            }
        }
        let waker = conn.generate_id().map_err(|_| Problem::NoDisplay)?;
        conn.create_window(
            0,
            waker,
            root,
            0,
            0,
            1,
            1,
            0,
            xproto::WindowClass::INPUT_ONLY,
            0,
            &xproto::CreateWindowAux::new(),
        )
        .map_err(|_| Problem::NoDisplay)?;
        conn.flush().map_err(|_| Problem::NoDisplay)?;
        let stop = Arc::new(AtomicBool::new(false));
        let thread = Held {
            conn: conn.clone(),
            root,
            keycode,
            modifiers,
            lock_bits: u16::from(ModMask::LOCK | masks.num_lock),
            grabbed,
            waker,
            stop: stop.clone(),
        };
        let mut ready = sender.clone();
        if !report(&mut ready, Event::Ready) {
            thread.release();
            return Err(Problem::NoDisplay);
        }
        std::thread::Builder::new()
            .name("tessera-shortcut".into())
            .spawn(move || thread.run(sender))
            .map_err(|_| Problem::NoDisplay)?;
        Ok(Self { conn, waker, stop })
    }
}

/// What the grab's thread holds.
struct Held {
    conn: Arc<RustConnection>,
    root: xproto::Window,
    keycode: u8,
    modifiers: ModMask,
    lock_bits: u16,
    grabbed: Vec<ModMask>,
    waker: xproto::Window,
    stop: Arc<AtomicBool>,
}

impl Held {
    /// Reports presses until [`Grab`] is dropped or the app stops listening.
    fn run(self, mut sender: mpsc::Sender<Event>) {
        let wanted = u16::from(self.modifiers);
        while !self.stop.load(Ordering::SeqCst) {
            let Ok(event) = self.conn.wait_for_event() else {
                break;
            };
            if let x11rb::protocol::Event::KeyPress(press) = event {
                let state = u16::from(press.state) & 0xff & !self.lock_bits;
                if press.detail == self.keycode
                    && state == wanted
                    && !report(&mut sender, Event::Pressed { time: press.time })
                {
                    break;
                }
            }
        }
        self.release();
    }

    fn release(&self) {
        for mask in &self.grabbed {
            let _ = self.conn.ungrab_key(self.keycode, self.root, *mask);
        }
        let _ = self.conn.destroy_window(self.waker);
        let _ = self.conn.flush();
    }
}

/// Gives the window the keyboard focus and raises it, on X11 (elsewhere,
/// nothing): a window manager that follows the EWMH is asked with
/// `_NET_ACTIVE_WINDOW` and `time` (the key press's, or 0 for "now");
/// without one the input focus is set directly.
pub fn activate(window: Option<u32>, time: u32) {
    let Some(window) = window else { return };
    if wayland_session() {
        return;
    }
    let Ok((conn, screen)) = x11rb::connect(None) else {
        return;
    };
    let Some(root) = conn.setup().roots.get(screen).map(|s| s.root) else {
        return;
    };
    let atom = |name: &[u8]| {
        conn.intern_atom(false, name)
            .ok()
            .and_then(|cookie| cookie.reply().ok())
            .map(|reply| reply.atom)
    };
    let has_manager = atom(b"_NET_SUPPORTING_WM_CHECK").is_some_and(|check| {
        conn.get_property(false, root, check, xproto::AtomEnum::WINDOW, 0, 1)
            .ok()
            .and_then(|cookie| cookie.reply().ok())
            .is_some_and(|reply| reply.value_len > 0)
    });
    if has_manager {
        if let Some(active) = atom(b"_NET_ACTIVE_WINDOW") {
            // Source 1: an application asking, with the time of the input.
            let event = xproto::ClientMessageEvent::new(32, window, active, [1, time, 0, 0, 0]);
            let _ = conn.send_event(
                false,
                root,
                EventMask::SUBSTRUCTURE_REDIRECT | EventMask::SUBSTRUCTURE_NOTIFY,
                event,
            );
        }
    } else {
        let _ = conn.configure_window(
            window,
            &xproto::ConfigureWindowAux::new().stack_mode(xproto::StackMode::ABOVE),
        );
        let _ = conn.set_input_focus(xproto::InputFocus::PARENT, window, time);
    }
    let _ = x11rb::wrapper::ConnectionExt::sync(&conn);
}

/// The X11 window id behind an iced window, if it is an X11 window.
pub fn x11_window(window: &dyn iced::window::Window) -> Option<u32> {
    use iced::window::raw_window_handle::RawWindowHandle;
    match window.window_handle().ok()?.as_raw() {
        RawWindowHandle::Xlib(handle) => u32::try_from(handle.window).ok(),
        RawWindowHandle::Xcb(handle) => Some(handle.window.get()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<String> {
        Shortcut::parse(text).ok().flatten().map(|s| s.to_string())
    }

    #[test]
    fn shortcuts_read_in_any_case_and_order_and_print_one_way() {
        assert_eq!(parsed(DEFAULT).as_deref(), Some(DEFAULT));
        assert_eq!(parsed("shift + super + t").as_deref(), Some(DEFAULT));
        assert_eq!(parsed("Control+Alt+F13").as_deref(), Some("Ctrl+Alt+F13"));
        assert_eq!(parsed("alt+ctrl+y").as_deref(), Some("Ctrl+Alt+Y"));
        assert_eq!(parsed("Win+space").as_deref(), Some("Super+Space"));
        assert_eq!(parsed("F12").as_deref(), Some("F12"));
        assert_eq!(parsed("Ctrl+7").as_deref(), Some("Ctrl+7"));
        assert_eq!(Shortcut::parse("  "), Ok(None));
    }

    #[test]
    fn what_is_not_a_shortcut_is_refused() {
        for text in [
            "T",
            "Shift+T",
            "Super+",
            "+T",
            "Super+Super+T",
            "Hyper+T",
            "Super+Shift+TT",
            "Ctrl+F25",
            "Ctrl+F0",
            "Ctrl+Alt+F5",
            "Ctrl+é",
            "Super+Shift",
        ] {
            assert_eq!(Shortcut::parse(text), Err(Invalid), "{text}");
        }
    }

    #[test]
    fn keys_have_their_x_keysyms() {
        let key = |text: &str| Shortcut::parse(text).ok().flatten().map(|s| s.key.keysym());
        assert_eq!(key("Super+T"), Some(0x74));
        assert_eq!(key("Super+1"), Some(0x31));
        assert_eq!(key("F1"), Some(0xffbe));
        assert_eq!(key("F12"), Some(0xffc9));
        assert_eq!(key("Ctrl+Space"), Some(0x20));
    }
}
