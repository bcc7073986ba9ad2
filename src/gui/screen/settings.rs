//! Settings: theme, language, auto-lock, clipboard delay, hidden codes, clock
//! offset (persisted in the settings file), and the vault's own: change the
//! password, keyring unlock on or off.

use crate::gui::focus::Focus;
use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Typed, group};
use crate::clock::sntp::Server;
use crate::gui::clock::ClockCheck;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::localized::Localized as _;
use crate::gui::settings::{MAX_CLOCK_OFFSET, Settings as Values, TEXT_SIZES, ThemeChoice};
use crate::gui::shortcut::{Problem, Shortcut};
use crate::gui::task;
use crate::gui::theme;
use crate::gui::widget::segmented;
use crate::secret::Password;

use super::onboarding::MIN_PASSWORD_CHARS;

/// The clock offset field's id.
pub const OFFSET_ID: &str = "settings-offset";
/// The auto-lock minutes field's id.
pub const AUTO_LOCK_ID: &str = "settings-auto-lock";
/// The clipboard delay field's id.
pub const CLIPBOARD_ID: &str = "settings-clipboard";
/// The time server field's id.
pub const TIME_SERVER_ID: &str = "settings-time-server";
/// The backup folder field's id.
pub const BACKUP_FOLDER_ID: &str = "settings-backup-folder";
/// The global shortcut field's id.
pub const SHORTCUT_ID: &str = "settings-shortcut";
/// The new password field.
pub const NEW_PASSWORD_ID: &str = "settings-new-password";
/// The field repeating the new password.
pub const REPEAT_PASSWORD_ID: &str = "settings-repeat-password";
/// The password field shown when keyring unlock is being turned off.
pub const KEYRING_OFF_PASSWORD_ID: &str = "settings-keyring-off-password";

/// The settings screen.
#[derive(Debug)]
pub struct Settings {
    values: Values,
    auto_lock: String,
    clipboard: String,
    offset: String,
    time_server: String,
    new_password: Typed,
    repeat: Typed,
    keyring_on: bool,
    /// Turning keyring unlock off asks for the password (the vault is
    /// re-keyed): the field while it is asked.
    off_password: Option<Typed>,
    busy: bool,
    /// The password change running (its KDF), to cancel.
    changing: Option<task::Running>,
    notice: Option<(bool, String)>,
    /// The folder automatic backups go to, as kept (`None`: off).
    backup_folder: Option<std::path::PathBuf>,
    /// The backup folder field.
    backup_typed: String,
    /// The global shortcut field.
    shortcut_typed: String,
    /// What was last put in the shortcut field is not a shortcut.
    shortcut_invalid: bool,
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// The theme changed.
    Theme(Choice<ThemeChoice>),
    /// The language changed.
    Language(Choice<Option<Lang>>),
    /// The auto-lock minutes changed.
    AutoLock(String),
    /// The clipboard delay changed.
    Clipboard(String),
    /// Hide codes until clicked.
    HideCodes(bool),
    /// Hide codes while the window is not focused.
    HideUnfocused(bool),
    /// "Keep running in the tray when the window is closed" was toggled.
    KeepInTray(bool),
    /// The global shortcut field changed.
    Shortcut(String),
    /// Use the shortcut typed (empty: none).
    UseShortcut,
    /// The text size (percent) changed.
    TextSize(u16),
    /// "Reduce motion" was toggled.
    ReduceMotion(bool),
    /// The clock offset changed.
    Offset(String),
    /// The time server changed.
    TimeServer(String),
    /// "Check the clock now".
    CheckClock,
    /// The new password field changed.
    NewPassword(Typed),
    /// The repeat field changed.
    Repeat(Typed),
    /// Change the password.
    ChangePassword,
    /// Stop changing it (while its KDF runs; nothing is written).
    CancelChange,
    /// Keyring unlock on or off.
    Keyring(bool),
    /// The password typed to turn keyring unlock off.
    OffPassword(Typed),
    /// Turn keyring unlock off with that password.
    ConfirmOff,
    /// Keep keyring unlock on.
    CancelOff,
    /// The backup folder field changed.
    BackupFolder(String),
    /// Use the folder typed for automatic backups.
    UseBackupFolder,
    /// Choose the backup folder with the system's chooser.
    ChooseBackupFolder,
    /// The folder chooser closed: the folder picked, or none.
    BackupFolderChosen(Option<std::path::PathBuf>),
    /// Turn automatic backups off.
    BackupsOff,
    /// "Export and backup…".
    FileExport,
    /// "Restore an earlier version…".
    Restore,
    /// Back to the list.
    Back,
    /// The password was changed (`true`: keyring unlock is still on), or not.
    PasswordChanged(Result<bool, task::Error>),
    /// Keyring unlock was turned on (`true`) or off, or not.
    KeyringSet(Result<task::KeyringState, task::Error>),
    /// A clock check finished.
    ClockChecked(ClockCheck),
    /// The folder for automatic backups, as read or as just set.
    BackupFolderIs(Option<std::path::PathBuf>),
}

impl Message {
    /// Whether the person did this (a task's result is not input).
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            Self::BackupFolderChosen(_)
                | Self::PasswordChanged(_)
                | Self::KeyringSet(_)
                | Self::ClockChecked(_)
                | Self::BackupFolderIs(_)
        )
    }
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Apply and save these settings.
    Changed(Values),
    /// Change the vault password.
    ChangePassword(Password),
    /// Turn keyring unlock on.
    EnableKeyring,
    /// Turn keyring unlock off and re-key the vault (needs the password).
    DisableKeyring(Password),
    /// Check the clock against the time server now.
    CheckClock,
    /// Set (or with `None` clear) the folder for automatic backups.
    SetBackupFolder(Option<std::path::PathBuf>),
    /// Show the system's folder chooser for it (the folder comes back as
    /// [`Message::BackupFolderChosen`]).
    ChooseBackupFolder,
    /// Open "Export and backup…".
    FileExport,
    /// Open "Restore an earlier version…".
    Restore,
    /// Back to the list.
    Back,
}

/// A menu entry: a value and its label in the UI language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice<T> {
    /// The value.
    pub value: T,
    label: String,
}

impl<T> std::fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

fn theme_choices(lang: Lang) -> Vec<Choice<ThemeChoice>> {
    ThemeChoice::ALL
        .iter()
        .map(|&value| Choice {
            value,
            label: i18n::t(
                lang,
                match value {
                    ThemeChoice::System => Key::ThemeSystem,
                    ThemeChoice::Light => Key::ThemeLight,
                    ThemeChoice::Dark => Key::ThemeDark,
                    ThemeChoice::HighContrast => Key::ThemeHighContrast,
                },
            )
            .to_owned(),
        })
        .collect()
}

fn text_size_choices(lang: Lang) -> Vec<Choice<u16>> {
    TEXT_SIZES
        .iter()
        .map(|&value| Choice {
            value,
            label: i18n::tf(
                lang,
                Key::TextSizePercent,
                &[("percent", &value.to_string())],
            ),
        })
        .collect()
}

fn language_choices(lang: Lang, system: Lang) -> Vec<Choice<Option<Lang>>> {
    std::iter::once(Choice {
        value: None,
        label: i18n::tf(lang, Key::LanguageSystem, &[("name", system.native_name())]),
    })
    .chain(Lang::ALL.iter().map(|&l| Choice {
        value: Some(l),
        label: l.native_name().to_owned(),
    }))
    .collect()
}

impl Settings {
    /// The screen over the current values.
    pub fn new(values: Values, keyring_on: bool) -> Self {
        Self {
            auto_lock: values.auto_lock_minutes.to_string(),
            clipboard: values.clipboard_clear_seconds.to_string(),
            offset: values.clock_offset_seconds.to_string(),
            time_server: values.time_server.clone(),
            shortcut_typed: values.shortcut.clone(),
            shortcut_invalid: false,
            values,
            new_password: Typed::default(),
            repeat: Typed::default(),
            keyring_on,
            off_password: None,
            busy: false,
            changing: None,
            notice: None,
            backup_folder: None,
            backup_typed: String::new(),
        }
    }

    /// The folder automatic backups go to, as read or just set.
    fn backup_folder_set(&mut self, folder: Option<std::path::PathBuf>) {
        self.backup_typed = folder
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        self.backup_folder = folder;
    }

    /// A result to show (`is_error`, text).
    fn notice(&mut self, is_error: bool, text: String) {
        self.busy = false;
        self.changing = None;
        self.notice = Some((is_error, text));
    }

    /// The password change runs as `running` (for its Cancel button).
    pub fn changing(&mut self, running: task::Running) {
        self.changing = Some(running);
    }

    /// The keyring switch's new state.
    fn keyring_set(&mut self, on: bool) {
        self.keyring_on = on;
        if !on {
            self.off_password = None;
        }
    }

    /// The password was changed (or not); changing it turns keyring unlock
    /// off when the keyring could not take the new key, which is said.
    fn password_changed(&mut self, lang: Lang, result: Result<bool, task::Error>) {
        match result {
            Ok(keyring_on) => {
                let key = if self.keyring_on && !keyring_on {
                    Key::PasswordChangedKeyringOff
                } else {
                    Key::PasswordChanged
                };
                self.keyring_set(keyring_on);
                self.notice(false, i18n::t(lang, key).to_owned());
            }
            Err(error) => self.notice(true, error.localized(lang)),
        }
    }

    /// Keyring unlock was turned on or off (or not).
    fn keyring_result(&mut self, lang: Lang, result: Result<task::KeyringState, task::Error>) {
        match result {
            Ok(state) => {
                self.keyring_set(state.on);
                let text = match (state.on, &state.key_left) {
                    (true, _) => i18n::t(lang, Key::KeyringOn).to_owned(),
                    (false, None) => i18n::t(lang, Key::KeyringOff).to_owned(),
                    // Off all the same: the box follows the vault, and the
                    // user learns what to remove by hand.
                    (false, Some(left)) => i18n::tf(
                        lang,
                        Key::KeyringOffKeyLeft,
                        &[("reason", &left.localized(lang))],
                    ),
                };
                self.notice(false, text);
            }
            Err(error) => self.notice(true, error.localized(lang)),
        }
    }

    /// A clock check finished: the offset measured, or why not (nothing
    /// when no server is set: the list's warning says the rest).
    fn clock_checked(&mut self, lang: Lang, check: &ClockCheck) {
        match &check.measured {
            Some(Ok(measured)) => {
                let secs = i18n::decimal(lang, measured.offset_seconds, 1, true);
                let server = check.server.clone().unwrap_or_default();
                self.notice(
                    false,
                    i18n::tf(
                        lang,
                        Key::ClockMeasured,
                        &[("secs", &secs), ("server", &server)],
                    ),
                );
            }
            Some(Err(error)) => self.notice(true, error.localized(lang)),
            None => {}
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, lang: Lang) -> Action {
        match message {
            Message::Theme(choice) => self.values.theme = choice.value,
            Message::Language(choice) => self.values.language = choice.value,
            Message::AutoLock(v) => {
                if let Ok(n) = v.trim().parse::<u32>() {
                    self.values.auto_lock_minutes = n.min(24 * 60);
                }
                self.auto_lock = v;
            }
            Message::Clipboard(v) => {
                if let Ok(n) = v.trim().parse::<u32>() {
                    self.values.clipboard_clear_seconds = n.min(3600);
                }
                self.clipboard = v;
            }
            Message::HideCodes(on) => self.values.hide_codes = on,
            Message::ReduceMotion(on) => self.values.reduce_motion = on,
            Message::HideUnfocused(on) => self.values.hide_codes_unfocused = on,
            Message::KeepInTray(on) => self.values.keep_in_tray = on,
            Message::Shortcut(v) => {
                self.shortcut_typed = v;
                self.shortcut_invalid = false;
                return Action::None;
            }
            Message::UseShortcut => match Shortcut::parse(&self.shortcut_typed) {
                Ok(shortcut) => {
                    // Written one way (`Super+Shift+T`), whatever was typed.
                    let text = shortcut.map(|s| s.to_string()).unwrap_or_default();
                    self.shortcut_typed.clone_from(&text);
                    self.shortcut_invalid = false;
                    if text == self.values.shortcut {
                        return Action::None;
                    }
                    self.values.shortcut = text;
                }
                Err(_) => {
                    self.shortcut_invalid = true;
                    return Action::None;
                }
            },
            Message::TextSize(percent) => {
                self.values.text_size_percent =
                    percent.clamp(TEXT_SIZES[0], TEXT_SIZES[TEXT_SIZES.len() - 1]);
            }
            Message::Offset(v) => {
                if let Ok(n) = v.trim().parse::<i64>() {
                    self.values.clock_offset_seconds = n.clamp(-MAX_CLOCK_OFFSET, MAX_CLOCK_OFFSET);
                } else if v.trim().is_empty() {
                    self.values.clock_offset_seconds = 0;
                }
                self.offset = v;
            }
            Message::TimeServer(v) => {
                // What is not a server (yet) is no server: nothing is asked of it.
                self.values.time_server = if Server::parse(&v).is_ok() {
                    v.trim().to_owned()
                } else {
                    String::new()
                };
                self.time_server = v;
            }
            Message::CheckClock => {
                if self.busy || self.values.time_server.is_empty() {
                    return Action::None;
                }
                self.notice = None;
                return Action::CheckClock;
            }
            Message::NewPassword(v) => {
                self.new_password = v;
                return Action::None;
            }
            Message::Repeat(v) => {
                self.repeat = v;
                return Action::None;
            }
            Message::ChangePassword => {
                if self.busy {
                    return Action::None;
                }
                if self.new_password.as_str().chars().count() < MIN_PASSWORD_CHARS {
                    self.notice = Some((
                        true,
                        i18n::tf(
                            lang,
                            Key::PasswordTooShort,
                            &[("min", &MIN_PASSWORD_CHARS.to_string())],
                        ),
                    ));
                    return Action::None;
                }
                if self.new_password.as_str() != self.repeat.as_str() {
                    self.notice = Some((true, i18n::t(lang, Key::PasswordsDiffer).to_owned()));
                    return Action::None;
                }
                self.busy = true;
                self.notice = None;
                self.repeat = Typed::default();
                return Action::ChangePassword(self.new_password.take_password());
            }
            Message::CancelChange => {
                if self.changing.as_ref().is_some_and(task::Running::cancel) {
                    self.changing = None;
                    self.busy = false;
                    self.new_password = Typed::default();
                    self.repeat = Typed::default();
                }
                return Action::None;
            }
            Message::Keyring(on) => {
                if self.busy {
                    return Action::None;
                }
                if !on {
                    // Asked for first: the vault is re-encrypted under a new key.
                    self.off_password = Some(Typed::default());
                    self.notice = None;
                    return Action::None;
                }
                self.busy = true;
                return Action::EnableKeyring;
            }
            Message::OffPassword(v) => {
                if self.off_password.is_some() {
                    self.off_password = Some(v);
                }
                return Action::None;
            }
            Message::ConfirmOff => {
                let typed = match &mut self.off_password {
                    Some(typed) if !self.busy && !typed.as_str().is_empty() => typed,
                    _ => return Action::None,
                };
                let password = typed.take_password();
                self.busy = true;
                self.notice = None;
                return Action::DisableKeyring(password);
            }
            Message::CancelOff => {
                self.off_password = None;
                return Action::None;
            }
            Message::BackupFolder(v) => {
                self.backup_typed = v;
                return Action::None;
            }
            Message::UseBackupFolder => {
                let typed = self.backup_typed.trim();
                if typed.is_empty() {
                    return Action::None;
                }
                return Action::SetBackupFolder(Some(std::path::PathBuf::from(typed)));
            }
            Message::ChooseBackupFolder => return Action::ChooseBackupFolder,
            Message::PasswordChanged(result) => {
                self.password_changed(lang, result);
                return Action::None;
            }
            Message::KeyringSet(result) => {
                self.keyring_result(lang, result);
                return Action::None;
            }
            Message::ClockChecked(check) => {
                self.clock_checked(lang, &check);
                return Action::None;
            }
            Message::BackupFolderIs(folder) => {
                self.backup_folder_set(folder);
                return Action::None;
            }
            Message::BackupFolderChosen(chosen) => {
                return match chosen {
                    Some(folder) => Action::SetBackupFolder(Some(folder)),
                    None => Action::None,
                };
            }
            Message::BackupsOff => return Action::SetBackupFolder(None),
            Message::Back => return Action::Back,
            Message::FileExport => return Action::FileExport,
            Message::Restore => return Action::Restore,
        }
        Action::Changed(self.values.clone())
    }

    /// The global shortcut: the field, what it does, and why it does not
    /// work here when it does not (`problem`, from the app).
    fn shortcut_view(
        &self,
        lang: Lang,
        problem: Option<&Problem>,
        focus: &Focus<Message>,
    ) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let typed_changed = self.shortcut_typed.trim() != self.values.shortcut;
        let mut part = column![
            text(t(Key::Shortcut)).size(16),
            row![
                focus.field(
                    SHORTCUT_ID,
                    text_input(crate::gui::shortcut::DEFAULT, &self.shortcut_typed)
                        .on_input(Message::Shortcut)
                        .on_submit(Message::UseShortcut)
                        .width(Length::Fill)
                        .padding(8),
                    true,
                ),
                focus.button(
                    "shortcut-use",
                    button(text(t(Key::ShortcutUse))).style(theme::button::secondary),
                    typed_changed.then_some(Message::UseShortcut),
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
            text(t(Key::ShortcutHint))
                .size(13)
                .style(theme::label::muted),
        ]
        .spacing(8);
        let advice = if self.shortcut_invalid {
            Some(i18n::tf(
                lang,
                Key::ShortcutInvalid,
                &[("text", self.shortcut_typed.trim())],
            ))
        } else {
            problem.map(|problem| match problem {
                Problem::Invalid(text) => {
                    i18n::tf(lang, Key::ShortcutInvalid, &[("text", text.as_str())])
                }
                Problem::Taken(name) => {
                    i18n::tf(lang, Key::ShortcutTaken, &[("shortcut", name.as_str())])
                }
                Problem::NoKey(name) => {
                    i18n::tf(lang, Key::ShortcutNoKey, &[("shortcut", name.as_str())])
                }
                Problem::Wayland => t(Key::ShortcutWayland).to_owned(),
                Problem::NoDisplay => t(Key::ShortcutNoDisplay).to_owned(),
            })
        };
        if let Some(advice) = advice {
            part = part.push(text(advice).style(theme::label::urgent));
        }
        part.into()
    }

    /// The screen, in groups with headings (Appearance, Security, Codes and
    /// privacy, Time, Backups, Desktop); `system` is the language the locale
    /// names; `shortcut` why the global shortcut does not work, if it does not.
    pub fn view(
        &self,
        lang: Lang,
        system: Lang,
        shortcut: Option<&Problem>,
        focus: &Focus<Message>,
    ) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let hint = |key| text(t(key)).size(13).style(theme::label::muted);
        let mut page = column![
            row![
                text(t(Key::SettingsTitle)).size(24).width(Length::Fill),
                focus.button(
                    "back",
                    button(text(t(Key::Back)))
                        .style(theme::button::secondary)
                        .padding([8, 16]),
                    Some(Message::Back),
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(24)
        .max_width(640);
        // What a change just did (or why it did not), where it is seen.
        if let Some(notice) = &self.notice {
            page = page.push(crate::gui::widget::notice::view(notice));
        }
        // Built in the order they are shown: the focus visits them so.
        page = page
            .push(self.appearance_group(lang, system, focus))
            .push(self.security_group(lang, focus))
            .push(group(
                t(Key::SettingsPrivacy),
                column![
                    line(
                        t(Key::ClipboardDelay),
                        focus.field(
                            CLIPBOARD_ID,
                            text_input("30", &self.clipboard)
                                .on_input(Message::Clipboard)
                                .width(Length::Fixed(90.0)),
                            true,
                        )
                    ),
                    hint(Key::ClipboardDelayHint),
                    focus.checkbox(
                        "hide-codes",
                        checkbox(self.values.hide_codes).label(t(Key::HideCodes)),
                        self.values.hide_codes,
                        Some(Message::HideCodes),
                    ),
                    focus.checkbox(
                        "hide-unfocused",
                        checkbox(self.values.hide_codes_unfocused)
                            .label(t(Key::HideCodesUnfocused)),
                        self.values.hide_codes_unfocused,
                        Some(Message::HideUnfocused),
                    ),
                    hint(Key::HideCodesUnfocusedHint),
                ],
            ))
            .push(self.time_group(lang, focus))
            .push(self.backup_group(lang, focus))
            .push(group(
                t(Key::SettingsDesktop),
                column![
                    focus.checkbox(
                        "keep-in-tray",
                        checkbox(self.values.keep_in_tray).label(t(Key::KeepInTray)),
                        self.values.keep_in_tray,
                        Some(Message::KeepInTray),
                    ),
                    hint(Key::KeepInTrayHint),
                    self.shortcut_view(lang, shortcut, focus),
                ],
            ));
        scrollable(container(page).center_x(Length::Fill).padding(24)).into()
    }

    /// Theme, language, text size, motion.
    fn appearance_group(
        &self,
        lang: Lang,
        system: Lang,
        focus: &Focus<Message>,
    ) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let themes = theme_choices(lang);
        let theme_selected = themes.iter().find(|c| c.value == self.values.theme);
        let languages = language_choices(lang, system);
        let language_selected = languages.iter().find(|c| c.value == self.values.language);
        let sizes = text_size_choices(lang);
        let size_selected = sizes
            .iter()
            .find(|c| c.value == self.values.text_size_percent);
        // Each a row of its values under its label (room for all of them,
        // even at 200 %).
        let choice = |label: &'static str, control: Element<'static, Message>| {
            column![text(label), control].spacing(4)
        };
        group(
            t(Key::SettingsAppearance),
            column![
                choice(
                    t(Key::Theme),
                    segmented::view(
                        focus,
                        "theme",
                        &themes,
                        theme_selected,
                        ToString::to_string,
                        Message::Theme,
                    )
                ),
                choice(
                    t(Key::Language),
                    segmented::view(
                        focus,
                        "language",
                        &languages,
                        language_selected,
                        ToString::to_string,
                        Message::Language,
                    )
                ),
                choice(
                    t(Key::TextSize),
                    segmented::view(
                        focus,
                        "text-size",
                        &sizes,
                        size_selected,
                        ToString::to_string,
                        |c| Message::TextSize(c.value),
                    )
                ),
                focus.checkbox(
                    "reduce-motion",
                    checkbox(self.values.reduce_motion).label(t(Key::ReduceMotion)),
                    self.values.reduce_motion,
                    Some(Message::ReduceMotion),
                ),
                text(t(Key::ReduceMotionHint))
                    .size(13)
                    .style(theme::label::muted),
            ],
        )
    }

    /// Auto-lock, keyring unlock, the password.
    fn security_group(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let mut part = column![
            line(
                t(Key::AutoLock),
                focus.field(
                    AUTO_LOCK_ID,
                    text_input("5", &self.auto_lock)
                        .on_input(Message::AutoLock)
                        .width(Length::Fixed(90.0)),
                    true,
                )
            ),
            text(t(Key::AutoLockHint))
                .size(13)
                .style(theme::label::muted),
        ];
        part = part
            .push(focus.checkbox(
                "keyring",
                checkbox(self.keyring_on).label(t(Key::KeyringSetting)),
                self.keyring_on,
                (!self.busy).then_some(Message::Keyring),
            ))
            .push(
                text(t(Key::UseKeyringHint))
                    .size(13)
                    .style(theme::label::muted),
            );
        if let Some(typed) = &self.off_password {
            let confirm = button(text(t(Key::KeyringOffConfirm))).style(theme::button::primary);
            let cancel = button(text(t(Key::Cancel))).style(theme::button::secondary);
            let idle = !self.busy;
            part = part.push(
                column![
                    text(t(Key::KeyringOffAsk)),
                    focus.field(
                        KEYRING_OFF_PASSWORD_ID,
                        text_input(t(Key::Password), typed.as_str())
                            .secure(true)
                            .on_input(|s| Message::OffPassword(Typed::new(s)))
                            .on_submit(Message::ConfirmOff)
                            .padding(8),
                        true,
                    ),
                    row![
                        focus.button(
                            "keyring-off-yes",
                            confirm,
                            idle.then_some(Message::ConfirmOff)
                        ),
                        focus.button("keyring-off-no", cancel, idle.then_some(Message::CancelOff)),
                    ]
                    .spacing(8),
                ]
                .spacing(8),
            );
        }
        // Built in the order they are shown: the focus visits them so.
        let new_password = focus.field(
            NEW_PASSWORD_ID,
            text_input(t(Key::NewPassword), self.new_password.as_str())
                .secure(true)
                .on_input(|s| Message::NewPassword(Typed::new(s)))
                .padding(8),
            true,
        );
        let repeat = focus.field(
            REPEAT_PASSWORD_ID,
            text_input(t(Key::RepeatPassword), self.repeat.as_str())
                .secure(true)
                .on_input(|s| Message::Repeat(Typed::new(s)))
                .on_submit(Message::ChangePassword)
                .padding(8),
            true,
        );
        let change = focus.button(
            "change-password",
            button(text(t(Key::ChangePassword))).style(theme::button::secondary),
            (!self.busy).then_some(Message::ChangePassword),
        );
        let change: Element<'_, Message> = if self.changing.is_some() {
            row![
                change,
                text(t(Key::ChangingPassword)).style(theme::label::muted),
                focus.button(
                    "change-cancel",
                    button(text(t(Key::Cancel))).style(theme::button::secondary),
                    Some(Message::CancelChange),
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into()
        } else {
            change
        };
        part = part.push(
            column![
                text(t(Key::ChangePassword)).size(16),
                new_password,
                repeat,
                change,
            ]
            .spacing(8),
        );
        group(t(Key::SettingsSecurity), part)
    }

    /// The clock offset and the time server.
    fn time_group(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        group(
            t(Key::SettingsTime),
            column![
                line(
                    t(Key::ClockOffset),
                    focus.field(
                        OFFSET_ID,
                        text_input("0", &self.offset)
                            .on_input(Message::Offset)
                            .width(Length::Fixed(90.0)),
                        true,
                    )
                ),
                text(t(Key::ClockOffsetHint))
                    .size(13)
                    .style(theme::label::muted),
                // The label over the field and its button: beside them it
                // would be squeezed to nothing in a narrow window or at a
                // large text size.
                column![
                    text(t(Key::TimeServer)),
                    row![
                        focus.field(
                            TIME_SERVER_ID,
                            text_input("pool.ntp.org", &self.time_server)
                                .on_input(Message::TimeServer)
                                .on_submit(Message::CheckClock)
                                .width(Length::Fill),
                            true,
                        ),
                        focus.button(
                            "check-clock",
                            button(text(t(Key::CheckClock))).style(theme::button::secondary),
                            (!self.values.time_server.is_empty()).then_some(Message::CheckClock),
                        ),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center)
                ]
                .spacing(6),
                if self.time_server.trim().is_empty() || Server::parse(&self.time_server).is_ok() {
                    text(t(Key::TimeServerHint))
                        .size(13)
                        .style(theme::label::muted)
                } else {
                    text(t(Key::TimeServerInvalid))
                        .size(13)
                        .style(theme::label::urgent)
                },
            ],
        )
    }

    /// Automatic backups, export, restore.
    fn backup_group(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let backups_state = match &self.backup_folder {
            Some(folder) => i18n::tf(
                lang,
                Key::BackupsGoTo,
                &[("folder", &folder.display().to_string())],
            ),
            None => t(Key::BackupsAreOff).to_owned(),
        };
        let typed = !self.backup_typed.trim().is_empty();
        group(
            t(Key::SettingsBackup),
            column![
                text(t(Key::BackupsTitle)).size(16),
                text(backups_state),
                row![
                    focus.field(
                        BACKUP_FOLDER_ID,
                        text_input(t(Key::BackupsFolderPlaceholder), &self.backup_typed)
                            .on_input(Message::BackupFolder)
                            .on_submit(Message::UseBackupFolder)
                            .padding(8),
                        true,
                    ),
                    focus.button(
                        "backups-choose",
                        button(text(t(Key::BackupsChoose))).style(theme::button::secondary),
                        Some(Message::ChooseBackupFolder),
                    ),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
                row![
                    focus.button(
                        "backups-use",
                        button(text(t(Key::BackupsUse))).style(theme::button::secondary),
                        typed.then_some(Message::UseBackupFolder),
                    ),
                    focus.button(
                        "backups-off",
                        button(text(t(Key::BackupsTurnOff))).style(theme::button::secondary),
                        self.backup_folder.is_some().then_some(Message::BackupsOff),
                    ),
                ]
                .spacing(8)
                .wrap()
                .vertical_spacing(8),
                text(t(Key::BackupsHint))
                    .size(13)
                    .style(theme::label::muted),
                row![
                    focus.button(
                        "file-export",
                        button(text(t(Key::FileExportOpen))).style(theme::button::secondary),
                        Some(Message::FileExport),
                    ),
                    focus.button(
                        "restore",
                        button(text(t(Key::SettingsRestore))).style(theme::button::secondary),
                        Some(Message::Restore),
                    ),
                ]
                // One under the other when the window is narrow or the text large.
                .spacing(8)
                .wrap()
                .vertical_spacing(8),
            ],
        )
    }
}

/// A label and its control on one line: the label takes the room left.
fn line<'a>(label: &'a str, widget: Element<'a, Message>) -> Element<'a, Message> {
    row![text(label).width(Length::Fill), widget]
        .spacing(12)
        .align_y(Alignment::Center)
        .into()
}
