//! The root of the app: which screen is shown and the routing between them
//! (here), the unlocked session's operations ([`session`]), reading sources
//! for accounts and the review ([`import`]), the clipboard ([`clipboard`]),
//! and what the app listens to ([`subscription`]). It turns screen `Action`s
//! into `Task`s; the rules those tasks apply live in the core.
//!
//! `update` and `view` never touch the disk, the clock, the keyring or the
//! random generator, and `update` never calls itself: time arrives in
//! [`Message::Tick`], I/O and randomness go through [`task`].

mod clipboard;
mod import;
mod session;
mod subscription;
mod tray_menu;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use iced::widget::{column, container, operation, stack, text};
use iced::{Element, Length, Subscription, Task, Theme, keyboard, time};

use self::clipboard::Copied;
pub use self::session::Change;
use self::session::Session;
pub use self::subscription::{on_event, on_key, on_pointer};
use super::clock::{ClockCheck, ClockWarning};
use super::event::{self, Hotkey};
use super::focus::{self, Focus};
use super::i18n::{self, Key, Lang};
use super::localized::Localized as _;
use super::screen::{
    add, codes, details, file_export, onboarding, recovery, restore, review, settings, share,
    unlock,
};
use super::settings::{MAX_CLOCK_OFFSET, Settings};
use super::shortcut;
use super::task::{self, Capture, Handle, Opened};
use super::theme;
use super::tray;
use super::widget::toast::{self, Toast};
use crate::clock::sync::SystemSync;
use crate::clock::{Clock as _, SystemClock, Timestamp};
use crate::import::{Contents, Plan, Report};
use crate::keystore::{Keystore, OsKeystore};
use crate::secret::SecretText;
use crate::vault::{self, Entry, EntryId, KdfPolicy, NewEntry, Summary, ops};

/// Everything the app gets from outside: paths, the KDF policy, the keyring,
/// the settings read at start-up, the time at start. Tests build their own.
#[derive(Clone, Debug)]
pub struct Environment {
    /// The vault file.
    pub vault_path: PathBuf,
    /// The settings file (`None`: settings are not saved).
    pub settings_path: Option<PathBuf>,
    /// The settings at start-up.
    pub settings: Settings,
    /// Why the settings file could not be used, if it could not.
    pub settings_warning: Option<String>,
    /// The language of the system locale.
    pub system_lang: Lang,
    /// Password hashing costs.
    pub policy: KdfPolicy,
    /// Where the keyring slot's key lives.
    pub keystore: Arc<dyn Keystore>,
    /// The time at start-up (then [`Message::Tick`] keeps it current).
    pub now: Timestamp,
    /// Where screen and clipboard images come from.
    pub capture: Capture,
    /// What the system says about its clock ([`crate::clock::sync::system_sync`]).
    pub system_clock: fn() -> SystemSync,
    /// Whether the desktop asks for higher contrast
    /// ([`super::appearance::desktop_high_contrast`]; `None`: no answer).
    pub desktop_high_contrast: fn() -> Option<bool>,
    /// Whether the desktop asks for reduced motion
    /// ([`super::appearance::desktop_reduced_motion`]; `None`: no answer).
    pub desktop_reduced_motion: fn() -> Option<bool>,
    /// Where this computer remembers the vault versions it has seen
    /// (rollback detection).
    pub history: vault::History,
}

impl Environment {
    /// An environment that asks nothing of this machine (tests, benchmarks,
    /// the screenshot script): the vault at `vault_path`, its versions seen
    /// under `state_dir`, settings at their defaults and never saved, English,
    /// no screen or clipboard capture, a clock of unknown sync state and a
    /// desktop that states no contrast or motion preference.
    pub fn isolated(
        vault_path: PathBuf,
        state_dir: PathBuf,
        policy: KdfPolicy,
        keystore: Arc<dyn Keystore>,
        now: Timestamp,
    ) -> Self {
        Self {
            vault_path,
            settings_path: None,
            settings: Settings::default(),
            settings_warning: None,
            system_lang: Lang::En,
            policy,
            keystore,
            now,
            capture: Capture::unavailable(),
            system_clock: || SystemSync::UNKNOWN,
            desktop_high_contrast: || None,
            desktop_reduced_motion: || None,
            history: vault::History::at(state_dir),
        }
    }

    /// The real thing: default vault path (or `TESSERA_VAULT`), the settings
    /// file in the config directory, the OS keyring, the system clock and locale.
    pub fn system(vault: Option<PathBuf>) -> Result<Self, String> {
        let vault_path = crate::paths::vault(vault).ok_or_else(|| {
            String::from(
                "cannot find a home directory for the default vault; set TESSERA_VAULT to a path",
            )
        })?;
        let history = crate::paths::history().ok_or_else(|| {
            String::from(
                "cannot find a home directory for Tessera's state; set HOME or XDG_STATE_HOME",
            )
        })?;
        let settings_path = super::settings::default_path();
        let (settings, settings_warning) = settings_path
            .as_deref()
            .map(Settings::load)
            .unwrap_or_default();
        Ok(Self {
            vault_path,
            settings_path,
            settings,
            settings_warning,
            system_lang: Lang::from_env(|name| std::env::var(name).ok()),
            policy: KdfPolicy::standard(),
            keystore: Arc::new(OsKeystore::new()),
            now: SystemClock.now(),
            capture: Capture::system(),
            system_clock: crate::clock::sync::system_sync,
            desktop_high_contrast: super::appearance::desktop_high_contrast,
            desktop_reduced_motion: super::appearance::desktop_reduced_motion,
            history,
        })
    }
}

/// Which screen is up.
#[derive(Debug)]
enum Screen {
    Loading,
    Onboarding(onboarding::Onboarding),
    Unlock(unlock::Unlock),
    Codes,
    Add(add::Add),
    Details(details::Details),
    Settings(settings::Settings),
    Review(review::Review),
    Recovery(recovery::Recovery),
    Share(share::Share),
    FileExport(file_export::FileExport),
    Restore(restore::Restore),
}

/// What the app is asked to do from outside: at launch (`tessera IMAGE...`,
/// `tessera --add`, `tessera --scan-screen`: the desktop file's "Open with" and
/// actions), or by a later launch for the same vault (`gui::instance`). Asked
/// while the vault is locked, it waits for the unlock (a raise does not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Read these image files for accounts (then the review screen).
    Open(Vec<PathBuf>),
    /// Show "Add account".
    Add,
    /// Capture the screen and look for QR codes.
    ScanScreen,
    /// Bring the window to the front and focus it (another launch).
    Raise,
    /// Bring the window up with the search field focused (`tessera
    /// --search`; the global shortcut does the same).
    Search,
}

/// The app.
#[derive(Debug)]
pub struct App {
    env: Environment,
    settings: Settings,
    now: Timestamp,
    last_input: Timestamp,
    screen: Screen,
    session: Option<Session>,
    vault_id: Option<String>,
    keyring_answers: Option<bool>,
    /// The vault has keyring unlock on and the keyring did not fail here: a
    /// password unlock also reads the keyring's copy of the version record.
    keyring_copy: bool,
    copied: Option<Copied>,
    /// Quitting once a code still on the clipboard is cleared.
    quitting: bool,
    toast: Option<Toast>,
    /// QR reads still running.
    scanning: usize,
    /// A file is being dragged over the window: show where it will go.
    drag_over: bool,
    /// What the last clock check warns about (shown on the list).
    clock_warning: Option<ClockWarning>,
    /// Requests waiting for the vault to be unlocked.
    requests: Vec<Request>,
    /// The desktop's colour scheme (iced's system theme).
    system_mode: iced::theme::Mode,
    /// The desktop asks for higher contrast (the Settings portal).
    desktop_high_contrast: bool,
    /// The desktop asks for reduced motion (the Settings portal).
    desktop_reduced_motion: bool,
    /// The window has the keyboard focus (iced's window events).
    window_focused: bool,
    /// Every code hidden by Ctrl+H.
    codes_concealed: bool,
    /// The tray item, when a tray host took it (`gui::tray`).
    tray: Option<tray::Handle>,
    /// The menu last put in the tray (`None`: put it again).
    tray_menu: Option<tray::Menu>,
    /// What that menu was made from (`None`: build it again).
    tray_source: Option<tray_menu::Source>,
    /// Entries whose code was copied in this run, newest first (the tray
    /// menu's "recently used"; never saved).
    recent: Vec<EntryId>,
    /// How many times `recent` changed.
    recent_changes: u64,
    /// Why the global shortcut does not work, once its thread said so.
    shortcut_problem: Option<shortcut::Problem>,
    /// Which control has the keyboard focus on the screen that is up.
    focus: focus::State,
}

/// Everything that happens.
#[derive(Clone, Debug)]
pub enum Message {
    /// The vault file was looked at.
    Inspected(Result<Option<Summary>, task::Error>),
    /// The keyring answered the probe (or not).
    KeyringProbed(bool),
    /// The vault was created or unlocked (a failure goes to the screen that
    /// asked: [`onboarding::Message::Failed`], [`unlock::Message::PasswordFailed`],
    /// [`unlock::Message::KeyringFailed`]).
    Opened(Opened),
    /// A change to the entries was saved.
    Saved(Result<(Change, Vec<Entry>), task::Error>),
    /// The settings file was written.
    SettingsSaved(Result<(), task::Error>),
    /// The automatic backup after a save ran.
    BackedUp(Result<vault::backup::Outcome, task::Error>),
    /// The folder for automatic backups, as read or as just set (with what
    /// the first backup there did).
    BackupFolder(Result<(Option<PathBuf>, Option<vault::backup::Outcome>), task::Error>),
    /// The password was changed.
    PasswordChanged(Result<bool, task::Error>),
    /// Keyring unlock was turned on or off.
    KeyringSet(Result<task::KeyringState, task::Error>),
    /// The clipboard's content, read to decide whether to clear it.
    ClipboardRead(Option<String>),
    /// A secret could not be copied with the password-manager hint: copy it
    /// the plain way (iced's clipboard) rather than not at all.
    CopyPlain(SecretText),
    /// The window's close button (or the window manager) asked to quit.
    CloseRequested,
    /// A screen's message.
    Onboarding(onboarding::Message),
    /// A screen's message.
    Unlock(unlock::Message),
    /// A screen's message.
    Codes(codes::Message),
    /// A screen's message.
    Add(add::Message),
    /// A screen's message.
    Details(details::Message),
    /// A screen's message.
    Settings(settings::Message),
    /// The clock, once a second while unlocked.
    Tick(Timestamp),
    /// A clock check (at unlock, or asked for in the settings) finished.
    ClockChecked(ClockCheck),
    /// The busy indicator's step.
    Spin,
    /// A key no widget took.
    Hotkey(Hotkey),
    /// The user did something (resets auto-lock).
    Activity,
    /// Close the toast.
    DismissToast,
    /// A file was dropped on the window.
    FileDropped(PathBuf),
    /// A file is being dragged over the window (`true`) or left it (`false`).
    DragOver(bool),
    /// The vault file changed on disk (by this window, another, or the CLI).
    VaultChanged,
    /// The vault file was re-read: the new entries if it changed elsewhere,
    /// and what became of the conflict copies beside it.
    Reloaded(Result<task::Reloaded, task::Error>),
    /// A conflict copy under another password was merged (its path, the
    /// entries after).
    CopyMerged(Result<(PathBuf, Vec<Entry>), task::Error>),
    /// A screen's message.
    Review(review::Message),
    /// A screen's message.
    Recovery(recovery::Message),
    /// A screen's message.
    Share(share::Message),
    /// Something asked from outside the window (see [`Request`]).
    Requested(Request),
    /// A screen's message.
    FileExport(file_export::Message),
    /// A screen's message.
    Restore(restore::Message),
    /// The desktop's colour scheme, at start and when it changes.
    SystemMode(iced::theme::Mode),
    /// The desktop's contrast preference was read (`None`: no answer).
    DesktopContrast(Option<bool>),
    /// The desktop's reduced-motion preference, as read at start (`None`: no answer).
    DesktopMotion(Option<bool>),
    /// The window gained (`true`) or lost the keyboard focus.
    WindowFocus(bool),
    /// The tray item started, or an entry of its menu was chosen.
    Tray(tray::Event),
    /// The tray's menu was replaced (nothing to do).
    TrayShown,
    /// The global shortcut was grabbed, pressed, or cannot work.
    Shortcut(shortcut::Event),
    /// A mouse button was pressed (the focus ring hides until the keyboard
    /// moves the focus again, and the focus follows the click: `focus::sync`).
    Pointer,
    /// A text field took Escape (iced unfocuses it; the app's focus follows).
    FieldEscaped,
    /// Where a press (or Escape) left the focus, as the widgets say.
    FocusSynced(focus::Clicked),
    /// The window was given the focus (nothing to do).
    Activated,
}

impl Message {
    /// Whether the person did this: input resets the auto-lock clock. The
    /// results of tasks that reach a screen are not input, nor is the list
    /// reporting its scroll position (which a resize also does).
    fn is_input(&self) -> bool {
        match self {
            Self::Activity | Self::Hotkey(_) | Self::FileDropped(_) => true,
            Self::Codes(message) => message.is_input(),
            Self::Add(message) => message.is_input(),
            Self::Settings(message) => message.is_input(),
            Self::Share(message) => message.is_input(),
            Self::FileExport(message) => message.is_input(),
            Self::Restore(message) => message.is_input(),
            Self::Details(message) => message.is_input(),
            Self::Review(message) => message.is_input(),
            Self::Recovery(message) => message.is_input(),
            _ => false,
        }
    }
}

impl App {
    /// The app at start: looks at the vault file and asks the keyring.
    pub fn new(env: Environment) -> (Self, Task<Message>) {
        let toast = env.settings_warning.as_ref().map(|reason| {
            Toast::error(i18n::tf(
                env.settings.language.unwrap_or(env.system_lang),
                Key::SettingsBroken,
                &[("reason", reason)],
            ))
        });
        let app = Self {
            settings: env.settings.clone(),
            now: env.now,
            last_input: env.now,
            screen: Screen::Loading,
            session: None,
            vault_id: None,
            keyring_answers: None,
            keyring_copy: false,
            copied: None,
            quitting: false,
            toast,
            scanning: 0,
            drag_over: false,
            clock_warning: None,
            requests: Vec::new(),
            system_mode: iced::theme::Mode::None,
            desktop_high_contrast: false,
            desktop_reduced_motion: false,
            window_focused: true,
            codes_concealed: false,
            tray: None,
            tray_menu: None,
            tray_source: None,
            recent: Vec::new(),
            recent_changes: 0,
            shortcut_problem: None,
            focus: focus::State::default(),
            env,
        };
        let tasks = Task::batch([
            task::inspect(app.env.vault_path.clone()).map(Message::Inspected),
            task::probe_keyring(app.env.keystore.clone()).map(Message::KeyringProbed),
            iced::system::theme().map(Message::SystemMode),
            task::desktop_preference(app.env.desktop_high_contrast).map(Message::DesktopContrast),
            task::desktop_preference(app.env.desktop_reduced_motion).map(Message::DesktopMotion),
        ]);
        (app, tasks)
    }

    /// The UI language: the setting, else the system's.
    pub fn lang(&self) -> Lang {
        self.settings.language.unwrap_or(self.env.system_lang)
    }

    /// The current time as the app knows it.
    pub fn now(&self) -> Timestamp {
        self.now
    }

    /// Whether a vault is unlocked (its secrets in memory).
    pub fn is_unlocked(&self) -> bool {
        self.session.is_some()
    }

    /// The current settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The toast's text, if one shows.
    pub fn toast(&self) -> Option<&str> {
        self.toast
            .as_ref()
            .filter(|t| t.is_live(self.now))
            .map(|t| t.text.as_str())
    }

    /// The entries of the unlocked vault (empty when locked).
    pub fn entries(&self) -> &[Entry] {
        self.session.as_ref().map_or(&[], |s| &*s.entries)
    }

    /// Where the code list is scrolled and how large it is (as it last
    /// reported itself), while a vault is unlocked.
    pub fn codes_scroll(&self) -> Option<codes::Scroll> {
        self.session.as_ref().map(|s| s.codes.scroll())
    }

    /// The entry selected in the code list.
    pub fn selected_entry(&self) -> Option<&crate::vault::EntryId> {
        self.session.as_ref().and_then(|s| s.codes.selected())
    }

    /// The code list's cards' shape and size (the default when locked).
    pub fn codes_metrics(&self) -> crate::gui::widget::code_row::Metrics {
        self.codes_scroll()
            .map(codes::Scroll::metrics)
            .unwrap_or_default()
    }

    /// The name of the screen shown (for tests and the title).
    pub fn screen_name(&self) -> &'static str {
        match self.screen {
            Screen::Loading => "loading",
            Screen::Onboarding(_) => "onboarding",
            Screen::Unlock(_) => "unlock",
            Screen::Codes => "codes",
            Screen::Add(_) => "add",
            Screen::Details(_) => "details",
            Screen::Settings(_) => "settings",
            Screen::Review(_) => "review",
            Screen::Recovery(_) => "recovery",
            Screen::Share(_) => "share",
            Screen::FileExport(_) => "file-export",
            Screen::Restore(_) => "restore",
        }
    }

    /// The QR code shown for moving accounts to a phone, if one is on screen.
    pub fn qr_shown(&self) -> Option<&crate::qr::encode::Matrix> {
        match &self.screen {
            Screen::Share(screen) => screen.shown(),
            _ => None,
        }
    }

    /// The import plan the review screen shows, if it is up: what "Add"
    /// would do, as [`crate::import`] decided it.
    pub fn import_plan(&self) -> Option<&Plan> {
        match &self.screen {
            Screen::Review(screen) => Some(screen.plan()),
            _ => None,
        }
    }

    /// The time codes are computed for: the clock plus the offset.
    fn code_time(&self) -> Timestamp {
        self.now.offset_by(self.settings.clock_offset_seconds)
    }

    /// The window title.
    pub fn title(&self) -> String {
        i18n::t(self.lang(), Key::AppName).to_owned()
    }

    /// Whether nothing may move on its own: the setting, or the desktop's
    /// reduced-motion preference. The countdown still changes once a second
    /// (it is information, not an effect); the busy bar stands still.
    pub fn reduced_motion(&self) -> bool {
        self.settings.reduce_motion || self.desktop_reduced_motion
    }

    /// Whether an animation runs now (the busy bar's 100 ms steps): only
    /// while something is busy, and never with reduced motion.
    pub fn animating(&self) -> bool {
        let busy = match &self.screen {
            Screen::Onboarding(screen) => screen.is_busy(),
            Screen::Unlock(screen) => screen.busy() != unlock::Busy::Idle,
            _ => false,
        };
        busy && !self.reduced_motion()
    }

    /// The colours by role in use: the theme setting, with the desktop's
    /// colour scheme and contrast preference for "System".
    pub fn colours(&self) -> &'static theme::Colours {
        theme::colours_for(
            self.settings.theme,
            self.system_mode,
            self.desktop_high_contrast,
        )
    }

    /// How much larger than normal everything is drawn (the text size
    /// setting; iced multiplies the window's own scale factor by it).
    pub fn scale_factor(&self) -> f32 {
        f32::from(self.settings.text_size_percent) / 100.0
    }

    /// The theme (one of [`theme::ALL`], built once).
    pub fn theme(&self) -> Theme {
        theme::theme(self.colours())
    }

    fn path_text(&self) -> String {
        self.env.vault_path.display().to_string()
    }

    fn info(&mut self, text: String) {
        self.toast = Some(Toast::info(text, self.now));
    }

    fn error(&mut self, text: String) {
        self.toast = Some(Toast::error(text));
    }

    /// Handles a message, then brings the tray's menu up to date.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let task = self.handle(message);
        // A new screen starts with no focus (unless it focused a field).
        if self.focus.screen != self.screen_name() {
            self.focus = focus::State {
                screen: self.screen_name(),
                ..focus::State::default()
            };
        }
        match self.sync_tray() {
            Some(sync) => Task::batch([task, sync]),
            None => task,
        }
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        if message.is_input() {
            self.last_input = self.now;
        }
        match message {
            Message::Inspected(result) => self.inspected(result),
            Message::KeyringProbed(answers) => {
                self.keyring_answers = Some(answers);
                self.onboarding(onboarding::Message::KeyringProbed(answers))
            }
            Message::Opened(opened) => self.opened(opened),
            Message::Saved(result) => {
                let saved = result.is_ok();
                let task = self.saved(result);
                if saved {
                    Task::batch([task, self.auto_backup()])
                } else {
                    task
                }
            }
            Message::BackedUp(result) => {
                self.backed_up(result);
                Task::none()
            }
            Message::BackupFolder(result) => self.backup_folder(result),
            Message::SettingsSaved(result) => self.settings_saved(result),
            Message::ClockChecked(check) => self.clock_checked(check),
            Message::PasswordChanged(result) => self.password_changed(result),
            Message::KeyringSet(result) => self.keyring_set(result),
            Message::ClipboardRead(content) => self.clipboard_read(content),
            Message::CopyPlain(value) => iced::clipboard::write(value.expose().to_owned()),
            Message::CloseRequested => self.close_requested(),
            Message::Onboarding(message) => self.onboarding(message),
            Message::Unlock(message) => self.unlock(message),
            Message::Codes(message) => {
                let Some(session) = &mut self.session else {
                    return Task::none();
                };
                let action = session.codes.update(message, &session.entries);
                self.codes_action(action)
            }
            Message::Hotkey(key) => self.hotkey(key),
            Message::Add(message) => self.add(message),
            Message::Details(message) => self.details(message),
            Message::Settings(message) => self.settings_message(message),
            Message::Tick(now) => self.tick(now),
            Message::Spin => {
                match &mut self.screen {
                    Screen::Onboarding(screen) => screen.spin(),
                    Screen::Unlock(screen) => screen.spin(),
                    _ => {}
                }
                Task::none()
            }
            Message::Activity => Task::none(),
            Message::DismissToast => {
                self.toast = None;
                Task::none()
            }
            Message::FileDropped(path) => {
                self.drag_over = false;
                self.scan_files(vec![path])
            }
            Message::DragOver(over) => {
                self.drag_over = over;
                Task::none()
            }
            Message::Share(message) => self.share(message),
            Message::FileExport(message) => self.file_export(message),
            Message::Restore(message) => self.restore(message),
            Message::Recovery(message) => self.recovery(message),
            Message::VaultChanged => self.vault_changed(),
            Message::Reloaded(result) => self.reloaded(result),
            Message::CopyMerged(result) => self.copy_merged(result),
            Message::Review(message) => self.review(message),
            Message::Requested(request) => self.requested(request),
            Message::SystemMode(mode) => {
                self.system_mode = mode;
                Task::none()
            }
            Message::DesktopContrast(high) => {
                self.desktop_high_contrast = high.unwrap_or(false);
                Task::none()
            }
            Message::DesktopMotion(reduced) => {
                self.desktop_reduced_motion = reduced.unwrap_or(false);
                Task::none()
            }
            Message::WindowFocus(focused) => {
                self.window_focused = focused;
                if self.concealed() {
                    self.conceal_screens();
                }
                Task::none()
            }
            Message::Pointer => {
                self.focus.visible = false;
                focus::sync(true).map(Message::FocusSynced)
            }
            Message::FieldEscaped => focus::sync(false).map(Message::FocusSynced),
            Message::FocusSynced(clicked) => self.focus_synced(clicked),
            Message::Tray(event) => self.tray_event(event),
            Message::TrayShown | Message::Activated => Task::none(),
            Message::Shortcut(event) => match event {
                shortcut::Event::Ready => {
                    self.shortcut_problem = None;
                    Task::none()
                }
                shortcut::Event::Failed(problem) => {
                    self.shortcut_problem = Some(problem);
                    Task::none()
                }
                shortcut::Event::Pressed { time } => self.search(time),
            },
        }
    }

    /// Why the global shortcut does not work, if it does not.
    pub fn shortcut_problem(&self) -> Option<&shortcut::Problem> {
        self.shortcut_problem.as_ref()
    }

    /// Does what was asked from outside now, or once the vault is unlocked.
    fn requested(&mut self, request: Request) -> Task<Message> {
        match request {
            Request::Raise => return show_window(0),
            Request::Search => return self.search(0),
            _ => {}
        }
        if self.session.is_none() {
            self.requests.push(request);
            return Task::none();
        }
        match request {
            Request::Open(paths) => self.scan_files(paths),
            Request::Add => self.show_add(),
            Request::ScanScreen => self.scan_screen(),
            Request::Raise | Request::Search => Task::none(),
        }
    }

    /// The global shortcut (pressed at `time`, X server time) or `tessera
    /// --search`: the window shown and focused, the list with its search
    /// field empty and focused. From details, settings, the QR code or
    /// recovery codes it goes back to the list; on "Add account", the review,
    /// an export or a restore (work in progress) the window only comes up.
    /// While locked: the password field now, the search once unlocked.
    fn search(&mut self, time: u32) -> Task<Message> {
        let show = show_window(time);
        let Some(session) = &mut self.session else {
            if !self.requests.contains(&Request::Search) {
                self.requests.push(Request::Search);
            }
            return match self.screen {
                Screen::Unlock(_) => show.chain(self.focus_field(unlock::PASSWORD_ID)),
                _ => show,
            };
        };
        match self.screen {
            Screen::Codes
            | Screen::Details(_)
            | Screen::Settings(_)
            | Screen::Share(_)
            | Screen::Recovery(_) => {}
            _ => return show,
        }
        let cleared = session
            .codes
            .update(codes::Message::Query(String::new()), &session.entries);
        let cleared = self.codes_action(cleared);
        let back = if matches!(self.screen, Screen::Codes) {
            Task::none()
        } else {
            self.show_codes()
        };
        Task::batch([
            back,
            cleared,
            show.chain(self.focus_field(codes::SEARCH_ID)),
        ])
    }

    /// The "Add account" screen, its first field focused.
    fn show_add(&mut self) -> Task<Message> {
        self.screen = Screen::Add(add::Add::default());
        self.focus_field(add::ISSUER_ID)
    }

    /// The settings file was written (or not).
    fn settings_saved(&mut self, result: Result<(), task::Error>) -> Task<Message> {
        let lang = self.lang();
        if let Err(error) = result {
            self.error(i18n::tf(
                lang,
                Key::SettingsSaveFailed,
                &[("reason", &error.localized(lang))],
            ));
        }
        Task::none()
    }

    /// A message of the first-run screen.
    fn onboarding(&mut self, message: onboarding::Message) -> Task<Message> {
        let lang = self.lang();
        let Screen::Onboarding(screen) = &mut self.screen else {
            return Task::none();
        };
        match screen.update(message, lang) {
            onboarding::Action::None => Task::none(),
            onboarding::Action::FocusRepeat => self.focus_field(onboarding::REPEAT_ID),
            onboarding::Action::FocusPassword => self.focus_field(onboarding::PASSWORD_ID),
            onboarding::Action::Create { password, keyring } => {
                let (task, running) = task::cancellable(|cancel| {
                    task::create(
                        self.env.vault_path.clone(),
                        password,
                        self.env.policy.clone(),
                        self.env.keystore.clone(),
                        keyring,
                        self.env.history.clone(),
                        cancel,
                    )
                    .map(|result| match result {
                        Ok(opened) => Message::Opened(opened),
                        Err(error) => Message::Onboarding(onboarding::Message::Failed(error)),
                    })
                });
                screen.running(running);
                task
            }
        }
    }

    /// A message of the unlock screen.
    fn unlock(&mut self, message: unlock::Message) -> Task<Message> {
        let lang = self.lang();
        if matches!(message, unlock::Message::KeyringFailed(_)) {
            self.keyring_copy = false;
        }
        let Screen::Unlock(screen) = &mut self.screen else {
            return Task::none();
        };
        match screen.update(message, lang) {
            unlock::Action::None => Task::none(),
            unlock::Action::FocusPassword => self.focus_field(unlock::PASSWORD_ID),
            unlock::Action::Unlock(password) => {
                // With keyring unlock on, the keyring's copy of the record of
                // versions seen is read too, unless the keyring failed here.
                let keystore = self.keyring_copy.then(|| self.env.keystore.clone());
                let (task, running) = task::cancellable(|cancel| {
                    task::unlock_with_password(
                        self.env.vault_path.clone(),
                        password,
                        self.env.policy.clone(),
                        self.env.history.clone(),
                        keystore,
                        cancel,
                    )
                    .map(|result| match result {
                        Ok(opened) => Message::Opened(opened),
                        Err(error) => Message::Unlock(unlock::Message::PasswordFailed(error)),
                    })
                });
                screen.running(running);
                task
            }
        }
    }

    fn inspected(&mut self, result: Result<Option<Summary>, task::Error>) -> Task<Message> {
        match result {
            Ok(None) => {
                self.screen = Screen::Onboarding(onboarding::Onboarding::new(
                    self.path_text(),
                    self.keyring_answers,
                ));
                self.focus_field(onboarding::PASSWORD_ID)
            }
            Ok(Some(summary)) => {
                self.vault_id = Some(summary.id.clone());
                self.keyring_copy = summary.has_keyring_slot;
                if summary.has_keyring_slot {
                    self.screen = Screen::Unlock(unlock::Unlock::with_keyring(self.path_text()));
                    task::unlock_with_keyring(
                        self.env.vault_path.clone(),
                        summary,
                        self.env.keystore.clone(),
                        self.env.policy.clone(),
                        self.env.history.clone(),
                    )
                    .map(|result| match result {
                        Ok(opened) => Message::Opened(opened),
                        Err(error) => Message::Unlock(unlock::Message::KeyringFailed(error)),
                    })
                } else {
                    self.screen = Screen::Unlock(unlock::Unlock::new(self.path_text()));
                    self.focus_field(unlock::PASSWORD_ID)
                }
            }
            Err(error) => {
                self.screen = Screen::Unlock(unlock::Unlock::with_error(
                    self.path_text(),
                    error.localized(self.lang()),
                ));
                self.focus_field(unlock::PASSWORD_ID)
            }
        }
    }

    fn opened(&mut self, opened: Opened) -> Task<Message> {
        if let Some(warning) = opened.warning {
            self.error(warning.localized(self.lang()));
        }
        self.session = Some(Session {
            vault: opened.vault,
            entries: codes::Entries::new(opened.entries),
            has_keyring_slot: opened.has_keyring_slot,
            codes: codes::Codes::at_text_scale(self.scale_factor()),
            reloading: false,
            reload_error: None,
            locked_copies: Vec::new(),
            told: Vec::new(),
            backup_due: None,
        });
        self.synced(opened.sync);
        self.last_input = self.now;
        // The clock is checked at each unlock (the network only with a server set).
        let mut tasks = vec![
            self.show_codes(),
            super::clock::check(self.settings.time_server.clone(), self.env.system_clock)
                .map(Message::ClockChecked),
        ];
        for request in std::mem::take(&mut self.requests) {
            tasks.push(self.requested(request));
        }
        Task::batch(tasks)
    }

    /// Back to the list, scrolled to where it was (its scrollable is new).
    fn show_codes(&mut self) -> Task<Message> {
        self.screen = Screen::Codes;
        match &self.session {
            Some(session) if session.codes.scroll().offset > 0.0 => {
                scroll_list(session.codes.scroll().offset)
            }
            _ => Task::none(),
        }
    }

    /// Whether every secret is hidden now: Ctrl+H, or the window not
    /// focused with "hide codes when the window is not focused" on.
    pub fn concealed(&self) -> bool {
        self.codes_concealed || (self.settings.hide_codes_unfocused && !self.window_focused)
    }

    /// Hides what a screen has revealed (a recovery code, the setup key).
    fn conceal_screens(&mut self) {
        match &mut self.screen {
            Screen::Recovery(screen) => screen.conceal(),
            Screen::Add(screen) => screen.conceal(),
            _ => {}
        }
    }

    fn hotkey(&mut self, key: Hotkey) -> Task<Message> {
        match key {
            Hotkey::ToggleCodes if self.session.is_some() => {
                self.codes_concealed = !self.codes_concealed;
                let lang = self.lang();
                if self.codes_concealed {
                    self.conceal_screens();
                    self.info(i18n::t(lang, Key::CodesConcealed).to_owned());
                } else {
                    self.info(i18n::t(lang, Key::CodesShownAgain).to_owned());
                }
                return Task::none();
            }
            Hotkey::Lock if self.session.is_some() => return self.lock(),
            Hotkey::FocusNext => return self.move_focus(focus::Direction::Forward),
            Hotkey::FocusPrevious => return self.move_focus(focus::Direction::Backward),
            _ => {}
        }
        if let Some(task) = self.operate_focused(&key) {
            return task;
        }
        if key == Hotkey::Paste || key == Hotkey::ScanScreen {
            return match self.screen {
                Screen::Codes | Screen::Add(_) | Screen::Review(_) if key == Hotkey::Paste => {
                    self.scan_clipboard()
                }
                Screen::Codes | Screen::Add(_) | Screen::Review(_) => self.scan_screen(),
                _ => Task::none(),
            };
        }
        // Enter on the review confirms "Add N accounts".
        if key == Hotkey::Enter && matches!(self.screen, Screen::Review(_)) {
            return self.review(review::Message::Add);
        }
        match &self.screen {
            Screen::Codes => {
                let Some(session) = &mut self.session else {
                    return Task::none();
                };
                let action = session.codes.hotkey(key, &session.entries);
                self.codes_action(action)
            }
            Screen::Add(_)
            | Screen::Details(_)
            | Screen::Settings(_)
            | Screen::Review(_)
            | Screen::Recovery(_)
            | Screen::Share(_)
            | Screen::FileExport(_)
            | Screen::Restore(_)
                if key == Hotkey::Escape =>
            {
                self.show_codes()
            }
            _ => Task::none(),
        }
    }

    fn tick(&mut self, now: Timestamp) -> Task<Message> {
        self.now = now;
        if self.toast.as_ref().is_some_and(|t| !t.is_live(now)) {
            self.toast = None;
        }
        if self.session.is_some() {
            let minutes = u64::from(self.settings.auto_lock_minutes);
            if minutes > 0 && now.secs().saturating_sub(self.last_input.secs()) >= minutes * 60 {
                return self.lock();
            }
        }
        let retry = self.retry_backup();
        if self.copied.as_ref().is_some_and(|c| now >= c.clear_at) {
            return Task::batch([iced::clipboard::read().map(Message::ClipboardRead), retry]);
        }
        retry
    }

    /// The window's content.
    pub fn view(&self) -> Element<'_, Message> {
        self.view_with(&Focus::drawing(self.focus.ring()))
    }

    /// The controls of the screen that is up, in the order Tab visits them:
    /// those its view builds (see [`focus`]).
    pub fn focus_controls(&self) -> Vec<focus::Control<Message>> {
        let (recorder, list) = Focus::recording();
        drop(self.view_with(&recorder));
        list.take()
    }

    /// The control that has the keyboard focus, if any.
    pub fn focused(&self) -> Option<&focus::Key> {
        self.focus.key.as_ref()
    }

    /// Whether the focus ring is shown (the keyboard moved the focus).
    pub fn focus_visible(&self) -> bool {
        self.focus.visible
    }

    /// The text field that has the keyboard focus (iced focuses it too).
    pub fn focused_field(&self) -> Option<iced::widget::Id> {
        let key = self.focus.key.as_ref().filter(|_| self.focus.active)?;
        self.focus_controls()
            .into_iter()
            .find(|c| &c.key == key)
            .and_then(|c| match c.kind {
                focus::Kind::Field(id) => Some(id),
                _ => None,
            })
    }

    /// Focuses a text field (on arrival, or after a failure), in iced and
    /// in the app's focus model, without showing the ring.
    fn focus_field(&mut self, id: &'static str) -> Task<Message> {
        self.focus = focus::State {
            screen: self.screen_name(),
            key: Some(focus::Key::new(id)),
            visible: false,
            active: true,
        };
        operation::focus(id)
    }

    /// The focus follows a mouse press (or Escape in a field), as the
    /// widgets report it: a field iced focused (a click into it) has the
    /// focus; else the control whose ring the press landed on (a button,
    /// a checkbox, a choice: the next Enter or Space operates it, Tab goes
    /// on from it), a field among them focused in iced too; else nothing
    /// has it, and Tab goes on from where the focus was. The code list
    /// keeps it (a click on a card selects that card); a press on an
    /// action of the card under the pointer selects that card and moves
    /// the focus onto the action.
    fn focus_synced(&mut self, clicked: focus::Clicked) -> Task<Message> {
        // A press on the actions of a card under the pointer selects that
        // card first: its actions are then the stops.
        if let (Screen::Codes, Some(session), Some(ring)) =
            (&self.screen, &mut self.session, &clicked.ring)
        {
            session.codes.pressed(ring);
        }
        let controls = self.focus_controls();
        let by_field = clicked.field.as_ref().and_then(|id| {
            controls
                .iter()
                .find(|c| matches!(&c.kind, focus::Kind::Field(f) if f == id))
        });
        let by_ring = clicked
            .ring
            .as_ref()
            .and_then(|id| controls.iter().find(|c| &c.key.ring_id() == id));
        let Some(control) = by_field.or(by_ring) else {
            let on_list = self.focus.key.as_ref().is_some_and(|key| {
                controls
                    .iter()
                    .any(|c| &c.key == key && matches!(c.kind, focus::Kind::List))
            });
            self.focus.active = on_list;
            return Task::none();
        };
        self.focus.key = Some(control.key.clone());
        self.focus.active = true;
        match &control.kind {
            // A press on the ring round a field, beside the field itself.
            focus::Kind::Field(id) if clicked.field.as_ref() != Some(id) => {
                operation::focus(id.clone())
            }
            _ => Task::none(),
        }
    }

    /// Tab / Shift+Tab: the next (previous) control of the screen gets the
    /// focus, with its ring; a text field is focused in iced too, any other
    /// control takes the focus from the fields.
    fn move_focus(&mut self, direction: focus::Direction) -> Task<Message> {
        let controls = self.focus_controls();
        let Some(next) = focus::step(&controls, self.focus.key.as_ref(), direction) else {
            return Task::none();
        };
        self.focus = focus::State {
            screen: self.screen_name(),
            key: Some(next.key.clone()),
            visible: true,
            active: true,
        };
        let field = match &next.kind {
            focus::Kind::Field(id) => operation::focus(id.clone()),
            // Focusing an id no widget has unfocuses every field.
            _ => operation::focus(focus::Key::new(focus::NO_FIELD).field_id()),
        };
        // iced 0.14 does not scroll a focused control into view; the code
        // list keeps its selected card in view itself.
        let reveal = focus::reveal(next.key.ring_id(), iced::widget::Id::new(codes::LIST_ID));
        Task::batch([field, reveal])
    }

    /// Enter / Space / the arrows on the focused control: the message its
    /// click sends (a button, a checkbox), the previous or next value (a
    /// choice). `None`: the key keeps its usual meaning (a text field, the
    /// code list, nothing focused).
    fn operate_focused(&mut self, key: &Hotkey) -> Option<Task<Message>> {
        let focused = self.focus.key.clone().filter(|_| self.focus.active)?;
        let control = self
            .focus_controls()
            .into_iter()
            .find(|c| c.key == focused)?;
        let space = matches!(key, Hotkey::Typed(t) if t == " ");
        let message = match (control.kind, key) {
            (focus::Kind::Press(message), Hotkey::Enter) => Some(message),
            (focus::Kind::Press(message), _) if space => Some(message),
            (focus::Kind::Choice { previous, .. }, Hotkey::Up | Hotkey::Left) => previous,
            (focus::Kind::Choice { next, .. }, Hotkey::Down | Hotkey::Right) => next,
            (focus::Kind::Choice { .. }, Hotkey::Enter) => None,
            (focus::Kind::Choice { .. }, _) if space => None,
            (focus::Kind::List, _) if space => return Some(self.list_enter()),
            _ => return None,
        };
        self.focus.visible = true;
        Some(message.map_or_else(Task::none, Task::done))
    }

    /// Space on the code list: what Enter does there (copy the selection).
    fn list_enter(&mut self) -> Task<Message> {
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        let action = session.codes.hotkey(Hotkey::Enter, &session.entries);
        self.codes_action(action)
    }

    /// The window's content, built with `focus` (drawing the ring, or
    /// recording the controls).
    fn view_with(&self, focus: &Focus<Message>) -> Element<'_, Message> {
        let lang = self.lang();
        let screen: Element<'_, Message> = match &self.screen {
            Screen::Loading => container(text(i18n::t(lang, Key::Loading)))
                .center(Length::Fill)
                .into(),
            Screen::Onboarding(screen) => screen
                .view(lang, &focus.map(Message::Onboarding))
                .map(Message::Onboarding),
            Screen::Unlock(screen) => screen
                .view(lang, &focus.map(Message::Unlock))
                .map(Message::Unlock),
            Screen::Codes => match &self.session {
                Some(session) => session
                    .codes
                    .view(
                        codes::Context {
                            lang,
                            entries: &session.entries,
                            now: self.code_time(),
                            offset: self.settings.clock_offset_seconds,
                            hide_codes: self.settings.hide_codes,
                            conceal: self.concealed(),
                            clock_warning: self.clock_warning.as_ref(),
                            locked_copy: session.locked_copies.first().map(PathBuf::as_path),
                        },
                        &focus.map(Message::Codes),
                    )
                    .map(Message::Codes),
                None => text("").into(),
            },
            Screen::Add(screen) => screen
                .view(
                    lang,
                    self.code_time(),
                    self.entries(),
                    &focus.map(Message::Add),
                )
                .map(Message::Add),
            Screen::Details(screen) => screen
                .view(lang, &focus.map(Message::Details))
                .map(Message::Details),
            Screen::Settings(screen) => screen
                .view(
                    lang,
                    self.env.system_lang,
                    self.shortcut_problem.as_ref(),
                    &focus.map(Message::Settings),
                )
                .map(Message::Settings),
            Screen::Review(screen) => screen
                .view(lang, self.code_time(), &focus.map(Message::Review))
                .map(Message::Review),
            Screen::Share(screen) => screen
                .view(lang, &focus.map(Message::Share))
                .map(Message::Share),
            Screen::FileExport(screen) => screen
                .view(lang, &focus.map(Message::FileExport))
                .map(Message::FileExport),
            Screen::Restore(screen) => screen
                .view(lang, &focus.map(Message::Restore))
                .map(Message::Restore),
            Screen::Recovery(screen) => {
                match self.entries().iter().find(|e| &e.id == screen.id()) {
                    Some(entry) => screen
                        .view(lang, entry, &focus.map(Message::Recovery))
                        .map(Message::Recovery),
                    None => text("").into(),
                }
            }
        };
        let screen: Element<'_, Message> = if self.drag_over && self.session.is_some() {
            let cue = container(
                text(i18n::t(lang, Key::DropHint))
                    .size(20)
                    .align_x(iced::alignment::Horizontal::Center),
            )
            .center(Length::Fill)
            .padding(24)
            .style(theme::boxed::drop_target);
            stack![screen, container(cue).padding(12)].into()
        } else {
            screen
        };
        let mut page = column![container(screen).height(Length::Fill)];
        if self.scanning > 0 {
            page = page.push(
                container(text(i18n::t(lang, Key::Scanning)).style(theme::label::muted))
                    .padding([4, 16]),
            );
        }
        if let Some(toast) = self.toast.as_ref().filter(|t| t.is_live(self.now)) {
            page = page.push(
                container(toast::view(
                    toast,
                    i18n::t(lang, Key::Dismiss),
                    Message::DismissToast,
                    focus,
                ))
                .padding(12),
            );
        }
        page.into()
    }
}

/// Shows the window (also when it was hidden to the tray), un-minimised and
/// focused; on X11 the focus is also set with `time` (the key press that
/// asked, or 0: see [`shortcut::activate`]).
fn show_window(time: u32) -> Task<Message> {
    iced::window::latest().and_then(move |id| {
        iced::window::set_mode(id, iced::window::Mode::Windowed)
            .chain(iced::window::minimize(id, false))
            .chain(iced::window::gain_focus(id))
            .chain(
                iced::window::run(id, shortcut::x11_window)
                    .then(move |window| task::activate(window, time))
                    .map(|()| Message::Activated),
            )
    })
}

/// Scrolls the code list so that its top is at `offset`.
fn scroll_list(offset: f32) -> Task<Message> {
    operation::scroll_to(
        codes::LIST_ID,
        operation::AbsoluteOffset { x: 0.0, y: offset },
    )
}
