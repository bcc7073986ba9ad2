//! The root of the app: which screen is shown, the unlocked vault, time, the
//! clipboard, toasts; turns screen `Action`s into `Task`s; subscriptions.
//!
//! `update` and `view` never touch the disk, the clock or the keyring: time
//! arrives in [`Message::Tick`], I/O goes through [`task`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use iced::widget::{column, container, operation, stack, text};
use iced::{Element, Length, Subscription, Task, Theme, keyboard, time};

use super::event::{self, Hotkey};
use super::i18n::{self, Key, Lang};
use super::localized::Localized as _;
use super::screen::{add, codes, details, onboarding, recovery, review, settings, share, unlock};
use super::settings::Settings;
use super::task::{self, Capture, Handle, Opened};
use super::theme;
use super::widget::toast::{self, Toast};
use crate::clock::{Clock as _, SystemClock, Timestamp};
use crate::keystore::{Keystore, OsKeystore};
use crate::otp::Kind;
use crate::secret::SecretText;
use crate::vault::{self, Entry, EntryId, KdfPolicy, Summary};

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
}

impl Environment {
    /// The real thing: default vault path (or `TESSERA_VAULT`), the settings
    /// file in the config directory, the OS keyring, the system clock and locale.
    pub fn system(vault: Option<PathBuf>) -> Result<Self, String> {
        let vault_path = crate::paths::vault(vault).ok_or_else(|| {
            String::from(
                "cannot find a home directory for the default vault; set TESSERA_VAULT to a path",
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
        })
    }
}

/// The unlocked vault and what is shown of it.
#[derive(Debug)]
struct Session {
    vault: Handle,
    entries: Vec<Entry>,
    has_keyring_slot: bool,
    codes: codes::Codes,
    /// A re-read of the file is running.
    reloading: bool,
    /// What the last failed re-read said (said once, not every time).
    reload_error: Option<String>,
}

/// While unlocked, the vault file's modification time and length are checked
/// this often (milliseconds), so what another window or the CLI saved appears
/// without a restart.
const WATCH_MS: u64 = 2_000;

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
}

/// A code copied by us, to clear from the clipboard later if it is still there.
#[derive(Debug)]
struct Copied {
    value: SecretText,
    clear_at: Timestamp,
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
    copied: Option<Copied>,
    /// Quitting once a code still on the clipboard is cleared.
    quitting: bool,
    toast: Option<Toast>,
    /// QR reads still running.
    scanning: usize,
    /// A file is being dragged over the window: show where it will go.
    drag_over: bool,
}

/// What a saved change was.
#[derive(Clone, Debug)]
pub enum Change {
    /// An account was added.
    Added(String),
    /// An entry was edited.
    Edited,
    /// An entry was deleted.
    Deleted(String),
    /// An HOTP counter was advanced.
    Advanced(EntryId),
    /// Accounts from the review step were added (how many).
    Imported(usize),
    /// An entry's recovery codes were replaced (how many now).
    RecoveryReplaced(usize),
    /// A recovery code was marked used (then it is copied).
    RecoveryUsed(SecretText),
}

/// Everything that happens.
#[derive(Clone, Debug)]
pub enum Message {
    /// The vault file was looked at.
    Inspected(Result<Option<Summary>, task::Error>),
    /// The keyring answered the probe (or not).
    KeyringProbed(bool),
    /// Create or password unlock finished.
    Opened(Result<Opened, task::Error>),
    /// Keyring unlock finished.
    KeyringOpened(Result<Opened, task::Error>),
    /// A change to the entries was saved.
    Saved(Result<(Change, Vec<Entry>), task::Error>),
    /// The settings file was written.
    SettingsSaved(Result<(), task::Error>),
    /// The password was changed.
    PasswordChanged(Result<bool, task::Error>),
    /// Keyring unlock was turned on or off.
    KeyringSet(Result<bool, task::Error>),
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
    /// A file, the screen or the clipboard was read for QR codes.
    Scanned(task::Scanned),
    /// The vault file changed on disk (by this window, another, or the CLI).
    VaultChanged,
    /// The vault file was re-read: the new entries if it changed elsewhere.
    Reloaded(Result<Option<Vec<Entry>>, task::Error>),
    /// A screen's message.
    Review(review::Message),
    /// The image files were deleted after adding their accounts.
    FilesDeleted(Result<usize, task::Error>),
    /// A screen's message.
    Recovery(recovery::Message),
    /// A screen's message.
    Share(share::Message),
    /// The file chooser closed: the files picked, or none.
    FilesChosen(Option<Vec<PathBuf>>),
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
            copied: None,
            quitting: false,
            toast,
            scanning: 0,
            drag_over: false,
            env,
        };
        let tasks = Task::batch([
            task::inspect(app.env.vault_path.clone()).map(Message::Inspected),
            task::probe_keyring(app.env.keystore.clone()).map(Message::KeyringProbed),
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
        self.session.as_ref().map_or(&[], |s| s.entries.as_slice())
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
        }
    }

    /// The QR code shown for moving accounts to a phone, if one is on screen.
    pub fn qr_shown(&self) -> Option<&crate::qr::encode::Matrix> {
        match &self.screen {
            Screen::Share(screen) => screen.shown(),
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

    /// The theme; `None` follows the system.
    pub fn theme(&self) -> Option<Theme> {
        theme::for_choice(self.settings.theme)
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

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        // Input resets the auto-lock clock; the list reporting its scroll
        // position (which a resize also does) is not input.
        if matches!(
            message,
            Message::Activity
                | Message::Hotkey(_)
                | Message::Codes(_)
                | Message::Add(_)
                | Message::Details(_)
                | Message::Settings(_)
                | Message::Review(_)
                | Message::Recovery(_)
                | Message::Share(_)
                | Message::FileDropped(_)
        ) && !matches!(message, Message::Codes(codes::Message::Scrolled(_)))
        {
            self.last_input = self.now;
        }
        let lang = self.lang();
        match message {
            Message::Inspected(result) => self.inspected(result),
            Message::KeyringProbed(answers) => {
                self.keyring_answers = Some(answers);
                if let Screen::Onboarding(screen) = &mut self.screen {
                    screen.keyring_probed(answers);
                }
                Task::none()
            }
            Message::Opened(result) => match result {
                Ok(opened) => self.opened(opened),
                Err(error) => {
                    match &mut self.screen {
                        Screen::Unlock(screen) => screen.password_failed(lang, &error),
                        Screen::Onboarding(screen) => screen.failed(error.localized(lang)),
                        _ => self.error(error.localized(lang)),
                    }
                    operation::focus(unlock::PASSWORD_ID)
                }
            },
            Message::KeyringOpened(result) => match result {
                Ok(opened) => self.opened(opened),
                Err(error) => {
                    if let Screen::Unlock(screen) = &mut self.screen {
                        screen.keyring_failed(lang, &error);
                    }
                    operation::focus(unlock::PASSWORD_ID)
                }
            },
            Message::Saved(result) => self.saved(result),
            Message::SettingsSaved(result) => {
                if let Err(error) = result {
                    self.error(i18n::tf(
                        lang,
                        Key::SettingsSaveFailed,
                        &[("reason", &error.localized(lang))],
                    ));
                }
                Task::none()
            }
            Message::PasswordChanged(result) => {
                let notice = match result {
                    Ok(keyring_on) => {
                        let mut key = Key::PasswordChanged;
                        if let Some(session) = &mut self.session {
                            if session.has_keyring_slot && !keyring_on {
                                key = Key::PasswordChangedKeyringOff;
                            }
                            session.has_keyring_slot = keyring_on;
                        }
                        if let Screen::Settings(screen) = &mut self.screen {
                            screen.keyring_set(keyring_on);
                        }
                        (false, i18n::t(lang, key).to_owned())
                    }
                    Err(e) => (true, e.localized(lang)),
                };
                if let Screen::Settings(screen) = &mut self.screen {
                    screen.notice(notice.0, notice.1);
                }
                Task::none()
            }
            Message::KeyringSet(result) => {
                let notice = match result {
                    Ok(on) => {
                        if let Some(session) = &mut self.session {
                            session.has_keyring_slot = on;
                        }
                        if let Screen::Settings(screen) = &mut self.screen {
                            screen.keyring_set(on);
                        }
                        (
                            false,
                            i18n::t(lang, if on { Key::KeyringOn } else { Key::KeyringOff })
                                .to_owned(),
                        )
                    }
                    Err(e) => (true, e.localized(lang)),
                };
                if let Screen::Settings(screen) = &mut self.screen {
                    screen.notice(notice.0, notice.1);
                }
                Task::none()
            }
            Message::ClipboardRead(content) => {
                let then = if self.quitting {
                    iced::exit()
                } else {
                    Task::none()
                };
                let Some(copied) = self.copied.take() else {
                    return then;
                };
                if content.is_some_and(|c| {
                    crate::secret::constant_time_eq(c.as_bytes(), copied.value.expose().as_bytes())
                }) {
                    if self.session.is_some() && !self.quitting {
                        self.info(i18n::t(lang, Key::ClipboardCleared).to_owned());
                    }
                    return iced::clipboard::write(String::new()).chain(then);
                }
                then
            }
            Message::CopyPlain(value) => iced::clipboard::write(value.expose().to_owned()),
            Message::CloseRequested => {
                // A code still on the clipboard goes with the window (the
                // session ends anyway); the user's own content stays.
                if self.copied.is_some() {
                    self.quitting = true;
                    return iced::clipboard::read().map(Message::ClipboardRead);
                }
                iced::exit()
            }
            Message::Onboarding(message) => {
                let Screen::Onboarding(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(message, lang) {
                    onboarding::Action::None => Task::none(),
                    onboarding::Action::FocusRepeat => operation::focus(onboarding::REPEAT_ID),
                    onboarding::Action::Create { password, keyring } => task::create(
                        self.env.vault_path.clone(),
                        password,
                        self.env.policy.clone(),
                        self.env.keystore.clone(),
                        keyring,
                    )
                    .map(Message::Opened),
                }
            }
            Message::Unlock(message) => {
                let Screen::Unlock(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(message) {
                    unlock::Action::None => Task::none(),
                    unlock::Action::Unlock(password) => task::unlock_with_password(
                        self.env.vault_path.clone(),
                        password,
                        self.env.policy.clone(),
                    )
                    .map(Message::Opened),
                }
            }
            Message::Codes(message) => {
                let Some(session) = &mut self.session else {
                    return Task::none();
                };
                let action = session.codes.update(message, &session.entries);
                self.codes_action(action)
            }
            Message::Hotkey(key) => self.hotkey(key),
            Message::Add(message) => {
                let (Screen::Add(screen), Some(session)) = (&mut self.screen, &self.session) else {
                    return Task::none();
                };
                match screen.update(message, lang, &session.entries) {
                    add::Action::None => Task::none(),
                    add::Action::Cancel => self.show_codes(),
                    add::Action::OpenFiles(paths) => self.scan_files(paths),
                    add::Action::Paste => self.scan_clipboard(),
                    add::Action::ScanScreen => self.scan_screen(),
                    add::Action::ChooseFiles => self.choose_files(),
                    add::Action::Save(account) => {
                        let now = self.now;
                        let label = account.label();
                        task::modify(session.vault.clone(), move |entries| {
                            let entry = Entry::new(account, now)
                                .map_err(|e| vault::Error::Random(e.to_string()))?;
                            entries.push(entry);
                            Ok(Change::Added(label))
                        })
                        .map(Message::Saved)
                    }
                }
            }
            Message::Details(message) => {
                let (Screen::Details(screen), Some(session)) = (&mut self.screen, &self.session)
                else {
                    return Task::none();
                };
                match screen.update(message, lang) {
                    details::Action::None => Task::none(),
                    details::Action::Back => self.show_codes(),
                    details::Action::ShowQr(id) => {
                        if let Some(entry) = session.entries.iter().find(|e| e.id == id) {
                            self.screen = Screen::Share(share::Share::single(entry));
                        }
                        Task::none()
                    }
                    details::Action::Recovery(id) => {
                        if let Some(entry) = session.entries.iter().find(|e| e.id == id) {
                            self.screen = Screen::Recovery(recovery::Recovery::new(entry));
                        }
                        Task::none()
                    }
                    details::Action::Save(edit) => {
                        let now = self.now;
                        task::modify(session.vault.clone(), move |entries| {
                            let entry = find_mut(entries, &edit.id, lang)?;
                            entry.account.issuer = edit.issuer;
                            entry.account.name = edit.name;
                            entry.account.params = edit.params;
                            entry.group = edit.group;
                            entry.favourite = edit.favourite;
                            entry.notes = edit.notes;
                            entry.modified = now;
                            Ok(Change::Edited)
                        })
                        .map(Message::Saved)
                    }
                    details::Action::Delete(id) => {
                        task::modify(session.vault.clone(), move |entries| {
                            let at = entries
                                .iter()
                                .position(|e| e.id == id)
                                .ok_or_else(|| gone(lang))?;
                            let removed = entries.remove(at);
                            Ok(Change::Deleted(removed.account.label()))
                        })
                        .map(Message::Saved)
                    }
                }
            }
            Message::Settings(message) => {
                let Screen::Settings(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(message, lang) {
                    settings::Action::None => Task::none(),
                    settings::Action::Back => self.show_codes(),
                    settings::Action::Changed(values) => {
                        self.settings = values;
                        match &self.env.settings_path {
                            Some(path) => task::save_settings(path.clone(), self.settings.clone())
                                .map(Message::SettingsSaved),
                            None => Task::none(),
                        }
                    }
                    settings::Action::ChangePassword(password) => match &self.session {
                        Some(session) => task::change_password(
                            session.vault.clone(),
                            self.env.keystore.clone(),
                            password,
                            self.env.policy.clone(),
                        )
                        .map(Message::PasswordChanged),
                        None => Task::none(),
                    },
                    settings::Action::EnableKeyring => match &self.session {
                        Some(session) => task::enable_keyring_task(
                            session.vault.clone(),
                            self.env.keystore.clone(),
                        )
                        .map(Message::KeyringSet),
                        None => Task::none(),
                    },
                    settings::Action::DisableKeyring(password) => match &self.session {
                        Some(session) => task::disable_keyring(
                            session.vault.clone(),
                            self.env.keystore.clone(),
                            password,
                            self.env.policy.clone(),
                        )
                        .map(Message::KeyringSet),
                        None => Task::none(),
                    },
                }
            }
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
            Message::FilesChosen(chosen) => match chosen {
                Some(paths) if !paths.is_empty() => self.scan_files(paths),
                _ => {
                    if let Screen::Add(screen) = &mut self.screen {
                        screen.qr_note(i18n::t(lang, Key::NoFileChosen).to_owned());
                    }
                    Task::none()
                }
            },
            Message::Share(message) => {
                let (Screen::Share(screen), Some(session)) = (&mut self.screen, &self.session)
                else {
                    return Task::none();
                };
                match screen.update(message) {
                    share::Action::None => Task::none(),
                    share::Action::Back => self.show_codes(),
                    share::Action::Encode(ids) => {
                        let accounts: Vec<crate::otp::Account> =
                            codes::visible(&session.entries, "")
                                .into_iter()
                                .filter(|e| ids.contains(&e.id))
                                .map(|e| e.account.clone())
                                .collect();
                        // A random batch id, as Google Authenticator uses; any value works.
                        let batch_id = getrandom::u32().map_or(1, |v| (v >> 1) as i32);
                        let encoded = crate::otp::migration::encode(&accounts, batch_id);
                        let skipped = encoded
                            .skipped
                            .iter()
                            .map(|(i, why)| {
                                let label = accounts.get(*i).map(|a| a.label()).unwrap_or_default();
                                i18n::tf(
                                    lang,
                                    Key::ExportSkipped,
                                    &[("label", &label), ("reason", &why.localized(lang))],
                                )
                            })
                            .collect();
                        screen.show_export(&encoded.uris, skipped);
                        Task::none()
                    }
                }
            }
            Message::Recovery(message) => {
                let (Screen::Recovery(screen), Some(session)) = (&mut self.screen, &self.session)
                else {
                    return Task::none();
                };
                let entry = session.entries.iter().find(|e| &e.id == screen.id());
                match screen.update(message, entry, lang) {
                    recovery::Action::None => Task::none(),
                    recovery::Action::Back(id) => {
                        if let Some(entry) = session.entries.iter().find(|e| e.id == id) {
                            self.screen = Screen::Details(details::Details::new(entry));
                        }
                        Task::none()
                    }
                    recovery::Action::Replace(id, codes) => {
                        let now = self.now;
                        task::modify(session.vault.clone(), move |entries| {
                            let entry = find_mut(entries, &id, lang)?;
                            let count = codes.len();
                            entry.recovery_codes = vault::recovery::fresh_set(codes);
                            entry.modified = now;
                            Ok(Change::RecoveryReplaced(count))
                        })
                        .map(Message::Saved)
                    }
                    recovery::Action::Use(id, index) => {
                        let Some(code) = entry
                            .and_then(|e| e.recovery_codes.get(index))
                            .map(|c| c.code.clone())
                        else {
                            return Task::none();
                        };
                        let now = self.now;
                        task::modify(session.vault.clone(), move |entries| {
                            let entry = find_mut(entries, &id, lang)?;
                            vault::recovery::mark_used(entry, code.expose(), now)
                                .map_err(|e| vault::Error::Invalid(e.localized(lang)))?;
                            entry.modified = now;
                            Ok(Change::RecoveryUsed(code))
                        })
                        .map(Message::Saved)
                    }
                }
            }
            Message::Scanned(scanned) => self.scanned(scanned),
            Message::VaultChanged => match &mut self.session {
                Some(session) if !session.reloading => {
                    session.reloading = true;
                    task::reload(session.vault.clone()).map(Message::Reloaded)
                }
                _ => Task::none(),
            },
            Message::Reloaded(result) => self.reloaded(result),
            Message::Review(message) => {
                let Screen::Review(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(message) {
                    review::Action::None => Task::none(),
                    review::Action::Back => self.show_codes(),
                    review::Action::Decrypt(path, password) => {
                        self.scanning += 1;
                        task::scan_file(path, Some(password)).map(Message::Scanned)
                    }
                    review::Action::Save(accounts) => {
                        let Some(session) = &self.session else {
                            return Task::none();
                        };
                        let now = self.now;
                        task::modify(session.vault.clone(), move |entries| {
                            let mut added = 0;
                            for new in accounts {
                                // Added meanwhile (by the CLI, say): keep one copy.
                                if let Some((_, vault::Duplicate::SameSecret)) =
                                    vault::find_duplicate(entries, &new.account)
                                {
                                    continue;
                                }
                                let mut entry = Entry::new(new.account, now)
                                    .map_err(|e| vault::Error::Random(e.to_string()))?;
                                entry.group = new.group;
                                entry.favourite = new.favourite;
                                entry.notes = new.notes;
                                entries.push(entry);
                                added += 1;
                            }
                            Ok(Change::Imported(added))
                        })
                        .map(Message::Saved)
                    }
                    review::Action::DeleteFiles(paths) => {
                        task::delete_files(paths).map(Message::FilesDeleted)
                    }
                }
            }
            Message::FilesDeleted(result) => {
                match result {
                    Ok(n) => {
                        self.info(i18n::tf(lang, Key::ImagesDeleted, &[("n", &n.to_string())]))
                    }
                    Err(e) => self.error(i18n::tf(
                        lang,
                        Key::DeleteImagesFailed,
                        &[("reason", &e.localized(lang))],
                    )),
                }
                self.show_codes()
            }
        }
    }

    /// Reads image files for QR codes, off the UI thread.
    fn scan_files(&mut self, paths: Vec<PathBuf>) -> Task<Message> {
        if self.session.is_none() || paths.is_empty() {
            return Task::none();
        }
        self.scanning += paths.len();
        Task::batch(
            paths
                .into_iter()
                .map(|path| task::scan_file(path, None).map(Message::Scanned)),
        )
    }

    /// Reads the clipboard (an image or an otpauth:// link).
    fn scan_clipboard(&mut self) -> Task<Message> {
        if self.session.is_none() {
            return Task::none();
        }
        self.scanning += 1;
        task::scan_clipboard(self.env.capture.clipboard.clone()).map(Message::Scanned)
    }

    /// Captures every monitor and looks for QR codes.
    fn scan_screen(&mut self) -> Task<Message> {
        if self.session.is_none() {
            return Task::none();
        }
        self.scanning += 1;
        task::scan_screen(self.env.capture.screen.clone()).map(Message::Scanned)
    }

    /// The system's file chooser; the path field and drops are its twins.
    fn choose_files(&mut self) -> Task<Message> {
        let lang = self.lang();
        task::choose_images(
            i18n::t(lang, Key::ChooseImagesTitle).to_owned(),
            i18n::t(lang, Key::ImagesFilter).to_owned(),
        )
        .map(Message::FilesChosen)
    }

    /// A read finished: its accounts join the review list (opened if needed).
    fn scanned(&mut self, scanned: task::Scanned) -> Task<Message> {
        self.scanning = self.scanning.saturating_sub(1);
        let lang = self.lang();
        let Some(session) = &self.session else {
            return Task::none();
        };
        match &mut self.screen {
            Screen::Review(screen) if !screen.is_done() => {
                screen.absorb(scanned, &session.entries, lang);
            }
            _ => {
                let mut screen = review::Review::default();
                screen.absorb(scanned, &session.entries, lang);
                self.screen = Screen::Review(screen);
            }
        }
        Task::none()
    }

    fn inspected(&mut self, result: Result<Option<Summary>, task::Error>) -> Task<Message> {
        match result {
            Ok(None) => {
                let mut screen = onboarding::Onboarding::new(self.path_text());
                if let Some(answers) = self.keyring_answers {
                    screen.keyring_probed(answers);
                }
                self.screen = Screen::Onboarding(screen);
                operation::focus(onboarding::PASSWORD_ID)
            }
            Ok(Some(summary)) => {
                self.vault_id = Some(summary.id.clone());
                if summary.has_keyring_slot {
                    self.screen = Screen::Unlock(unlock::Unlock::with_keyring(self.path_text()));
                    task::unlock_with_keyring(
                        self.env.vault_path.clone(),
                        summary.id,
                        self.env.keystore.clone(),
                        self.env.policy.clone(),
                    )
                    .map(Message::KeyringOpened)
                } else {
                    self.screen = Screen::Unlock(unlock::Unlock::new(self.path_text()));
                    operation::focus(unlock::PASSWORD_ID)
                }
            }
            Err(error) => {
                self.screen = Screen::Unlock(unlock::Unlock::with_error(
                    self.path_text(),
                    error.localized(self.lang()),
                ));
                operation::focus(unlock::PASSWORD_ID)
            }
        }
    }

    fn opened(&mut self, opened: Opened) -> Task<Message> {
        if let Some(warning) = opened.warning {
            self.error(warning.localized(self.lang()));
        }
        self.session = Some(Session {
            vault: opened.vault,
            entries: opened.entries,
            has_keyring_slot: opened.has_keyring_slot,
            codes: codes::Codes::default(),
            reloading: false,
            reload_error: None,
        });
        self.last_input = self.now;
        self.show_codes()
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

    fn saved(&mut self, result: Result<(Change, Vec<Entry>), task::Error>) -> Task<Message> {
        let lang = self.lang();
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        match result {
            Ok((change, entries)) => {
                session.entries = entries;
                match change {
                    Change::Added(label) => {
                        self.info(i18n::tf(lang, Key::Added, &[("label", &label)]));
                        self.show_codes()
                    }
                    Change::Edited => {
                        self.info(i18n::t(lang, Key::Saved).to_owned());
                        self.show_codes()
                    }
                    Change::Deleted(label) => {
                        self.info(i18n::tf(lang, Key::Deleted, &[("label", &label)]));
                        self.show_codes()
                    }
                    Change::Advanced(id) => {
                        session.codes.reveal(id);
                        Task::none()
                    }
                    Change::RecoveryReplaced(n) => {
                        if let Screen::Recovery(screen) = &mut self.screen {
                            screen.saved();
                        }
                        self.info(i18n::tf(lang, Key::RecoverySaved, &[("n", &n.to_string())]));
                        Task::none()
                    }
                    Change::RecoveryUsed(code) => {
                        if let Screen::Recovery(screen) = &mut self.screen {
                            screen.saved();
                        }
                        self.copy_text(code, Key::RecoveryCopied)
                    }
                    Change::Imported(n) => {
                        if let Screen::Review(screen) = &mut self.screen
                            && screen.saved(n)
                        {
                            return Task::none();
                        }
                        self.info(i18n::imported(lang, n));
                        self.show_codes()
                    }
                }
            }
            // Re-keyed elsewhere: the key held here is stale; unlock again.
            Err(error @ task::Error::Vault(vault::Error::KeyChanged { .. })) => {
                self.locked_because(&error)
            }
            Err(error) => {
                match &mut self.screen {
                    Screen::Add(screen) => screen.failed(error.localized(lang)),
                    Screen::Details(screen) => screen.failed(error.localized(lang)),
                    Screen::Review(screen) => screen.failed(error.localized(lang)),
                    Screen::Recovery(screen) => screen.failed(error.localized(lang)),
                    _ => self.error(error.localized(lang)),
                }
                Task::none()
            }
        }
    }

    fn codes_action(&mut self, action: codes::Action) -> Task<Message> {
        let lang = self.lang();
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        match action {
            codes::Action::None => Task::none(),
            codes::Action::Copy(id) => self.copy(&id),
            codes::Action::Next(id) => {
                let now = self.now;
                task::modify(session.vault.clone(), move |entries| {
                    let entry = find_mut(entries, &id, lang)?;
                    if entry.account.params.kind != Kind::Hotp {
                        return Err(vault::Error::Invalid(
                            i18n::t(lang, Key::NotCounterBased).to_owned(),
                        ));
                    }
                    entry.account.params.counter =
                        entry.account.params.counter.checked_add(1).ok_or_else(|| {
                            vault::Error::Invalid(i18n::t(lang, Key::CounterAtMax).to_owned())
                        })?;
                    entry.modified = now;
                    entry.last_used = Some(now);
                    Ok(Change::Advanced(id))
                })
                .map(Message::Saved)
            }
            codes::Action::Details(id) => {
                if let Some(entry) = session.entries.iter().find(|e| e.id == id) {
                    self.screen = Screen::Details(details::Details::new(entry));
                }
                Task::none()
            }
            codes::Action::Add => {
                self.screen = Screen::Add(add::Add::default());
                operation::focus(add::ISSUER_ID)
            }
            codes::Action::Settings => {
                self.screen = Screen::Settings(settings::Settings::new(
                    self.settings.clone(),
                    session.has_keyring_slot,
                ));
                Task::none()
            }
            codes::Action::Lock => self.lock(),
            codes::Action::ScrollTo(offset) => scroll_list(offset),
            codes::Action::Export => {
                let shown = codes::visible(&session.entries, "");
                self.screen = Screen::Share(share::Share::export(&shown));
                Task::none()
            }
        }
    }

    /// Copies an entry's current code and schedules the clipboard clear.
    fn copy(&mut self, id: &EntryId) -> Task<Message> {
        let lang = self.lang();
        let at = self.code_time();
        let Some(code) = self
            .entries()
            .iter()
            .find(|e| &e.id == id)
            .and_then(|e| e.code_at(at).ok())
        else {
            return Task::none();
        };
        let delay = self.settings.clipboard_clear_seconds;
        if delay > 0 {
            self.copied = Some(Copied {
                value: SecretText::new(code.value.clone()),
                clear_at: Timestamp(self.now.secs().saturating_add(u64::from(delay))),
            });
            self.info(i18n::tf(lang, Key::Copied, &[("secs", &delay.to_string())]));
        } else {
            self.copied = None;
            self.info(i18n::t(lang, Key::CopiedNoClear).to_owned());
        }
        self.put_on_clipboard(SecretText::new(code.value))
    }

    /// Copies a secret with the password-manager hint where the system
    /// clipboard is at hand (the app), through iced's clipboard otherwise
    /// (tests) or when the hinted copy fails.
    fn put_on_clipboard(&self, value: SecretText) -> Task<Message> {
        match &self.env.capture.copy {
            Some(copy) => task::copy_secret(copy.clone(), value).map(|failed| match failed {
                Some(value) => Message::CopyPlain(value),
                None => Message::Activity,
            }),
            None => iced::clipboard::write(value.expose().to_owned()),
        }
    }

    /// Copies a secret other than a code (a recovery code), with the same
    /// clearing as codes; `said` is the toast, which gets the clearing note.
    fn copy_text(&mut self, value: SecretText, said: Key) -> Task<Message> {
        let lang = self.lang();
        let delay = self.settings.clipboard_clear_seconds;
        let mut note = i18n::t(lang, said).to_owned();
        if delay > 0 {
            self.copied = Some(Copied {
                value: value.clone(),
                clear_at: Timestamp(self.now.secs().saturating_add(u64::from(delay))),
            });
            note.push(' ');
            note.push_str(&i18n::tf(
                lang,
                Key::ClearedIn,
                &[("secs", &delay.to_string())],
            ));
        } else {
            self.copied = None;
        }
        self.info(note);
        self.put_on_clipboard(value)
    }

    fn hotkey(&mut self, key: Hotkey) -> Task<Message> {
        match key {
            Hotkey::Lock if self.session.is_some() => return self.lock(),
            Hotkey::FocusNext => return operation::focus_next(),
            Hotkey::FocusPrevious => return operation::focus_previous(),
            _ => {}
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
            return self.update(Message::Review(review::Message::Add));
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
        if self.copied.as_ref().is_some_and(|c| now >= c.clear_at) {
            return iced::clipboard::read().map(Message::ClipboardRead);
        }
        Task::none()
    }

    fn reloaded(&mut self, result: Result<Option<Vec<Entry>>, task::Error>) -> Task<Message> {
        let lang = self.lang();
        let Some(session) = &mut self.session else {
            return Task::none();
        };
        session.reloading = false;
        match result {
            Ok(Some(entries)) => {
                session.entries = entries;
                session.reload_error = None;
            }
            Ok(None) => session.reload_error = None,
            Err(error @ task::Error::Vault(vault::Error::KeyChanged { .. })) => {
                return self.locked_because(&error);
            }
            Err(error) => {
                let text = error.localized(lang);
                if session.reload_error.as_ref() != Some(&text) {
                    session.reload_error = Some(text.clone());
                    self.error(text);
                }
            }
        }
        Task::none()
    }

    /// Locks, and says why on the unlock screen.
    fn locked_because(&mut self, error: &task::Error) -> Task<Message> {
        let lang = self.lang();
        let focus = self.lock();
        self.screen = Screen::Unlock(unlock::Unlock::with_error(
            self.path_text(),
            error.localized(lang),
        ));
        focus
    }

    /// Locks: drops the vault and every decrypted secret, clears a code still
    /// in the clipboard, shows the unlock screen.
    pub fn lock(&mut self) -> Task<Message> {
        self.session = None;
        self.screen = Screen::Unlock(unlock::Unlock::new(self.path_text()));
        let focus = operation::focus(unlock::PASSWORD_ID);
        if self.copied.is_some() {
            Task::batch([focus, iced::clipboard::read().map(Message::ClipboardRead)])
        } else {
            focus
        }
    }

    /// The window's content.
    pub fn view(&self) -> Element<'_, Message> {
        let lang = self.lang();
        let screen: Element<'_, Message> = match &self.screen {
            Screen::Loading => container(text(i18n::t(lang, Key::Loading)))
                .center(Length::Fill)
                .into(),
            Screen::Onboarding(screen) => screen.view(lang).map(Message::Onboarding),
            Screen::Unlock(screen) => screen.view(lang).map(Message::Unlock),
            Screen::Codes => match &self.session {
                Some(session) => session
                    .codes
                    .view(codes::Context {
                        lang,
                        entries: &session.entries,
                        now: self.code_time(),
                        offset: self.settings.clock_offset_seconds,
                        hide_codes: self.settings.hide_codes,
                    })
                    .map(Message::Codes),
                None => text("").into(),
            },
            Screen::Add(screen) => screen
                .view(lang, self.code_time(), self.entries())
                .map(Message::Add),
            Screen::Details(screen) => screen.view(lang).map(Message::Details),
            Screen::Settings(screen) => screen
                .view(lang, self.env.system_lang)
                .map(Message::Settings),
            Screen::Review(screen) => screen.view(lang, self.code_time()).map(Message::Review),
            Screen::Share(screen) => screen.view(lang).map(Message::Share),
            Screen::Recovery(screen) => {
                match self.entries().iter().find(|e| &e.id == screen.id()) {
                    Some(entry) => screen.view(lang, entry).map(Message::Recovery),
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
                ))
                .padding(12),
            );
        }
        page.into()
    }

    /// Time while unlocked (once a second), the spinner while busy, keys, activity.
    pub fn subscription(&self) -> Subscription<Message> {
        let mut subscriptions = vec![
            keyboard::listen().filter_map(on_key),
            iced::window::close_requests().map(on_close_request),
        ];
        if self.session.is_some() {
            subscriptions.push(time::every(Duration::from_secs(1)).map(on_tick));
            subscriptions.push(iced::event::listen_with(on_event));
            subscriptions.push(Subscription::run_with(
                (self.env.vault_path.clone(), WATCH_MS),
                |(path, ms)| {
                    use iced::futures::StreamExt as _;
                    task::watch(path.clone(), Duration::from_millis(*ms))
                        .map(|()| Message::VaultChanged)
                },
            ));
        }
        let busy = match &self.screen {
            Screen::Onboarding(screen) => screen.is_busy(),
            Screen::Unlock(screen) => screen.busy() != unlock::Busy::Idle,
            _ => false,
        };
        if busy {
            subscriptions.push(time::every(Duration::from_millis(100)).map(on_spin));
        }
        Subscription::batch(subscriptions)
    }
}

fn on_close_request(_: iced::window::Id) -> Message {
    Message::CloseRequested
}

fn gone(lang: Lang) -> vault::Error {
    vault::Error::Invalid(i18n::t(lang, Key::EntryGone).to_owned())
}

fn find_mut<'a>(
    entries: &'a mut [Entry],
    id: &EntryId,
    lang: Lang,
) -> Result<&'a mut Entry, vault::Error> {
    entries
        .iter_mut()
        .find(|e| &e.id == id)
        .ok_or_else(|| gone(lang))
}

/// Maps an uncaptured key press to the app's meaning of it.
pub fn on_key(event: keyboard::Event) -> Option<Message> {
    event::hotkey(event).map(Message::Hotkey)
}

/// Scrolls the code list so that its top is at `offset`.
fn scroll_list(offset: f32) -> Task<Message> {
    operation::scroll_to(
        codes::LIST_ID,
        operation::AbsoluteOffset { x: 0.0, y: offset },
    )
}

fn on_tick(_: iced::time::Instant) -> Message {
    Message::Tick(SystemClock.now())
}

fn on_spin(_: iced::time::Instant) -> Message {
    Message::Spin
}

/// Window events while unlocked: dropped files, and input that resets auto-lock.
pub fn on_event(
    event: iced::Event,
    status: iced::event::Status,
    _window: iced::window::Id,
) -> Option<Message> {
    match event {
        iced::Event::Window(iced::window::Event::FileDropped(path)) => {
            return Some(Message::FileDropped(path));
        }
        iced::Event::Window(iced::window::Event::FileHovered(_)) => {
            return Some(Message::DragOver(true));
        }
        iced::Event::Window(iced::window::Event::FilesHoveredLeft) => {
            return Some(Message::DragOver(false));
        }
        _ => {}
    }
    event::is_activity(&event, status).then_some(Message::Activity)
}
