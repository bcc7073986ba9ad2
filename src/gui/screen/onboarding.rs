//! First run: create the vault with a password typed twice, a live strength
//! estimate, and "also unlock with the system keyring".

use crate::gui::focus::Focus;
use iced::widget::{button, checkbox, column, container, text, text_input};
use iced::{Element, Length};

use super::Typed;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::localized::Localized as _;
use crate::gui::task;
use crate::gui::theme;
use crate::secret::Password;

/// Shortest password accepted (the CLI's rule).
pub const MIN_PASSWORD_CHARS: usize = 8;
/// The password field's id (focused on arrival).
pub const PASSWORD_ID: &str = "onboarding-password";
/// The repeat field's id.
pub const REPEAT_ID: &str = "onboarding-repeat";

/// The first-run screen.
#[derive(Debug)]
pub struct Onboarding {
    vault_path: String,
    password: Typed,
    repeat: Typed,
    /// zxcvbn score 0..=4 of the password as typed.
    strength: Option<u8>,
    keyring: bool,
    /// Whether the keyring answered (`None` while asking).
    keyring_answers: Option<bool>,
    /// Whether the user touched the keyring box (then the probe does not override it).
    keyring_chosen: bool,
    busy: bool,
    /// The creation running (its KDF), to cancel.
    running: Option<task::Running>,
    error: Option<String>,
    phase: u8,
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// The password field changed.
    Password(Typed),
    /// The repeat field changed.
    Repeat(Typed),
    /// The keyring box was toggled.
    Keyring(bool),
    /// Create the vault.
    Submit,
    /// Stop creating it (while its KDF runs; nothing is written).
    Cancel,
    /// The keyring answered the app's probe (`true`) or not.
    KeyringProbed(bool),
    /// Creating the vault failed.
    Failed(task::Error),
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Focus the repeat field.
    FocusRepeat,
    /// Focus the password field (after a cancel).
    FocusPassword,
    /// Create the vault.
    Create {
        /// The new password.
        password: Password,
        /// Also set up keyring unlock.
        keyring: bool,
    },
}

/// The zxcvbn score (0..=4) of `password`.
pub fn strength(password: &str) -> Option<u8> {
    if password.is_empty() {
        return None;
    }
    Some(u8::from(zxcvbn::zxcvbn(password, &[]).score()))
}

impl Onboarding {
    /// The screen for a vault to be created at `vault_path`; `keyring_answers`
    /// is the keyring probe's answer if it came already.
    pub fn new(vault_path: String, keyring_answers: Option<bool>) -> Self {
        let mut screen = Self {
            vault_path,
            password: Typed::default(),
            repeat: Typed::default(),
            strength: None,
            keyring: false,
            keyring_answers: None,
            keyring_chosen: false,
            busy: false,
            running: None,
            error: None,
            phase: 0,
        };
        if let Some(answers) = keyring_answers {
            screen.keyring_probed(answers);
        }
        screen
    }

    /// The keyring probe's answer: the box starts on when the keyring answers.
    fn keyring_probed(&mut self, answers: bool) {
        self.keyring_answers = Some(answers);
        if !self.keyring_chosen {
            self.keyring = answers;
        }
    }

    /// Creation failed: say why, allow another try.
    fn failed(&mut self, reason: String) {
        self.busy = false;
        self.running = None;
        self.error = Some(reason);
    }

    /// The creation runs as `running` (for the Cancel button).
    pub fn running(&mut self, running: task::Running) {
        self.running = Some(running);
    }

    /// Whether the KDF is running.
    pub fn is_busy(&self) -> bool {
        self.busy
    }

    /// Advances the busy indicator.
    pub fn spin(&mut self) {
        // Never back to 0, which is the bar not shown yet.
        self.phase = self.phase.wrapping_add(1).max(1);
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, lang: Lang) -> Action {
        match message {
            Message::KeyringProbed(answers) => {
                self.keyring_probed(answers);
                Action::None
            }
            Message::Failed(error) => {
                self.failed(error.localized(lang));
                Action::None
            }
            Message::Password(text) => {
                self.strength = strength(text.as_str());
                self.password = text;
                self.error = None;
                Action::None
            }
            Message::Repeat(text) => {
                self.repeat = text;
                self.error = None;
                Action::None
            }
            Message::Keyring(on) => {
                self.keyring = on;
                self.keyring_chosen = true;
                Action::None
            }
            Message::Cancel => {
                if !self.busy || !self.running.as_ref().is_some_and(task::Running::cancel) {
                    return Action::None;
                }
                self.busy = false;
                self.running = None;
                self.password = Typed::default();
                self.repeat = Typed::default();
                self.strength = None;
                Action::FocusPassword
            }
            Message::Submit => {
                if self.busy {
                    return Action::None;
                }
                if self.password.as_str().chars().count() < MIN_PASSWORD_CHARS {
                    self.error = Some(i18n::tf(
                        lang,
                        Key::PasswordTooShort,
                        &[("min", &MIN_PASSWORD_CHARS.to_string())],
                    ));
                    return Action::None;
                }
                if self.repeat.as_str().is_empty() {
                    return Action::FocusRepeat;
                }
                if self.password.as_str() != self.repeat.as_str() {
                    self.error = Some(i18n::t(lang, Key::PasswordsDiffer).to_owned());
                    return Action::None;
                }
                self.busy = true;
                self.repeat = Typed::default();
                self.strength = None;
                Action::Create {
                    password: self.password.take_password(),
                    keyring: self.keyring,
                }
            }
        }
    }

    /// The screen.
    pub fn view(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let mut form = column![
            text(t(Key::OnboardingTitle)).size(26),
            text(i18n::tf(
                lang,
                Key::OnboardingIntro,
                &[("path", &self.vault_path)]
            )),
        ]
        .spacing(14)
        .max_width(480);

        let password = text_input(t(Key::Password), self.password.as_str())
            .secure(true)
            .padding(10);
        let repeat = text_input(t(Key::RepeatPassword), self.repeat.as_str())
            .secure(true)
            .padding(10);
        let (password, repeat) = if self.busy {
            (password, repeat)
        } else {
            (
                password
                    .on_input(|s| Message::Password(Typed::new(s)))
                    .on_submit(Message::Submit),
                repeat
                    .on_input(|s| Message::Repeat(Typed::new(s)))
                    .on_submit(Message::Submit),
            )
        };
        form = form.push(focus.field(PASSWORD_ID, password, !self.busy));
        if let Some(score) = self.strength {
            let level = t([
                Key::Strength0,
                Key::Strength1,
                Key::Strength2,
                Key::Strength3,
                Key::Strength4,
            ][usize::from(score.min(4))]);
            let label = text(i18n::tf(lang, Key::StrengthLabel, &[("level", level)])).size(14);
            form = form.push(if score < 2 {
                label.style(theme::label::urgent)
            } else {
                label.style(theme::label::muted)
            });
        }
        form = form.push(focus.field(REPEAT_ID, repeat, !self.busy));

        form = form.push(focus.checkbox(
            "keyring",
            checkbox(self.keyring).label(t(Key::UseKeyring)),
            self.keyring,
            (!self.busy).then_some(Message::Keyring),
        ));
        form = form.push(
            text(t(Key::UseKeyringHint))
                .size(13)
                .style(theme::label::muted),
        );
        if self.keyring_answers == Some(false) {
            form = form.push(
                text(t(Key::KeyringNotAnswering))
                    .size(13)
                    .style(theme::label::muted),
            );
        }
        if let Some(error) = &self.error {
            form = form.push(text(error).style(theme::label::urgent));
        }
        if self.busy {
            form = form.push(super::spinner_cancel(
                t(Key::Creating),
                self.phase,
                t(Key::Cancel),
                Message::Cancel,
                focus,
            ));
        } else {
            form = form.push(
                focus.button(
                    "create",
                    button(text(t(Key::CreateVault)))
                        .style(theme::button::primary)
                        .padding([8, 16]),
                    Some(Message::Submit),
                ),
            );
        }
        container(form).center_x(Length::Fill).padding(32).into()
    }
}
