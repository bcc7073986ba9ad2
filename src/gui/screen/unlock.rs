//! Unlock: the password field focused, Enter unlocks, the KDF runs off the UI
//! thread with a spinner and a Cancel button (the screen comes back at once,
//! the KDF's late result is dropped: [`task::Running`]); a vault with a
//! keyring slot first tries the keyring.

use iced::widget::{button, column, container, text, text_input};
use iced::{Element, Length};

use super::Typed;
use crate::gui::focus::Focus;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::localized::Localized as _;
use crate::gui::task;
use crate::gui::theme;
use crate::secret::Password;
use crate::vault;

/// The password field's id.
pub const PASSWORD_ID: &str = "unlock-password";

/// What is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    /// Waiting for the user.
    Idle,
    /// The KDF is checking a password.
    Password,
    /// The keyring is being asked.
    Keyring,
}

/// The unlock screen.
#[derive(Debug)]
pub struct Unlock {
    vault_path: String,
    password: Typed,
    busy: Busy,
    /// The unlock running (its KDF), to cancel.
    running: Option<task::Running>,
    error: Option<String>,
    phase: u8,
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// The password field changed.
    Password(Typed),
    /// Unlock with the password.
    Submit,
    /// Stop waiting for the password check.
    Cancel,
    /// The password did not unlock the vault.
    PasswordFailed(task::Error),
    /// The keyring did not unlock the vault.
    KeyringFailed(task::Error),
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Run the KDF with this password.
    Unlock(Password),
    /// Focus the password field (for another try).
    FocusPassword,
}

impl Unlock {
    /// The screen for the vault at `vault_path`.
    pub fn new(vault_path: String) -> Self {
        Self {
            vault_path,
            password: Typed::default(),
            busy: Busy::Idle,
            running: None,
            error: None,
            phase: 0,
        }
    }

    /// The unlock runs as `running` (for the Cancel button).
    pub fn running(&mut self, running: task::Running) {
        self.running = Some(running);
    }

    /// The screen while the keyring is asked.
    pub fn with_keyring(vault_path: String) -> Self {
        Self {
            busy: Busy::Keyring,
            ..Self::new(vault_path)
        }
    }

    /// The screen showing a reason (a damaged file, a keyring that did not answer).
    pub fn with_error(vault_path: String, error: String) -> Self {
        Self {
            error: Some(error),
            ..Self::new(vault_path)
        }
    }

    /// What is running.
    pub fn busy(&self) -> Busy {
        self.busy
    }

    /// Advances the busy indicator.
    pub fn spin(&mut self) {
        // Never back to 0, which is the bar not shown yet.
        self.phase = self.phase.wrapping_add(1).max(1);
    }

    /// The keyring did not unlock: ask for the password, with the reason.
    fn keyring_failed(&mut self, lang: Lang, error: &task::Error) {
        self.busy = Busy::Idle;
        self.running = None;
        self.error = Some(i18n::tf(
            lang,
            Key::KeyringFellBack,
            &[("reason", &error.localized(lang))],
        ));
    }

    /// The password did not unlock: say so; the field stays for another try.
    fn password_failed(&mut self, lang: Lang, error: &task::Error) {
        self.busy = Busy::Idle;
        self.running = None;
        self.error = Some(match error {
            // Unusual password settings: the full sentence, which warns of tampering.
            task::Error::Vault(vault::Error::WrongPassword {
                unusual_kdf: None, ..
            }) => i18n::t(lang, Key::WrongPassword).to_owned(),
            other => other.localized(lang),
        });
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, lang: Lang) -> Action {
        match message {
            Message::PasswordFailed(error) => {
                self.password_failed(lang, &error);
                Action::FocusPassword
            }
            Message::KeyringFailed(error) => {
                self.keyring_failed(lang, &error);
                Action::FocusPassword
            }
            Message::Password(text) => {
                self.password = text;
                Action::None
            }
            Message::Submit => {
                if self.busy != Busy::Idle || self.password.as_str().is_empty() {
                    return Action::None;
                }
                self.busy = Busy::Password;
                self.error = None;
                Action::Unlock(self.password.take_password())
            }
            Message::Cancel => {
                // Too late (the vault is opening): its result comes at once.
                if self.busy != Busy::Password
                    || !self.running.as_ref().is_some_and(task::Running::cancel)
                {
                    return Action::None;
                }
                self.busy = Busy::Idle;
                self.running = None;
                self.password = Typed::default();
                Action::FocusPassword
            }
        }
    }

    /// The screen.
    pub fn view(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let mut form = column![
            text(t(Key::UnlockTitle)).size(26),
            text(i18n::tf(
                lang,
                Key::UnlockIntro,
                &[("path", &self.vault_path)]
            ))
            .style(theme::label::muted),
        ]
        .spacing(14)
        .max_width(440);
        let mut field = text_input(t(Key::Password), self.password.as_str())
            .secure(true)
            .padding(10);
        if self.busy == Busy::Idle {
            field = field
                .on_input(|s| Message::Password(Typed::new(s)))
                .on_submit(Message::Submit);
        }
        form = form.push(focus.field(PASSWORD_ID, field, self.busy == Busy::Idle));
        if let Some(error) = &self.error {
            form = form.push(text(error).style(theme::label::urgent));
        }
        form = match self.busy {
            Busy::Idle => form.push(
                focus.button(
                    "unlock",
                    button(text(t(Key::UnlockButton)))
                        .style(theme::button::primary)
                        .padding([8, 16]),
                    Some(Message::Submit),
                ),
            ),
            Busy::Password => form.push(super::spinner_cancel(
                t(Key::Unlocking),
                self.phase,
                t(Key::Cancel),
                Message::Cancel,
                focus,
            )),
            Busy::Keyring => form.push(super::spinner(t(Key::UnlockingKeyring), self.phase)),
        };
        container(form).center_x(Length::Fill).padding(32).into()
    }
}
