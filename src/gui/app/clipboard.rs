//! The clipboard: copying a code or a recovery code, and clearing it later
//! only if it still holds what Tessera put there.

use super::*;

/// A code copied by us, to clear from the clipboard later if it is still there.
#[derive(Debug)]
pub(super) struct Copied {
    pub(super) value: SecretText,
    pub(super) clear_at: Timestamp,
}

impl App {
    /// Copies an entry's current code and schedules the clipboard clear.
    pub(super) fn copy(&mut self, id: &EntryId) -> Task<Message> {
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
        self.used(id);
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

    /// Copies a secret other than a code (a recovery code), with the same
    /// clearing as codes; `said` is the toast, which gets the clearing note.
    pub(super) fn copy_text(&mut self, value: SecretText, said: Key) -> Task<Message> {
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

    /// The clipboard was read to decide whether to clear it: cleared only if
    /// it still holds what Tessera copied; then quits if quitting.
    pub(super) fn clipboard_read(&mut self, content: Option<String>) -> Task<Message> {
        let lang = self.lang();
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

    /// The window's close button (or the window manager) asked to close:
    /// the window hides when it is to stay in the tray (and a tray is up),
    /// else the app quits.
    pub(super) fn close_requested(&mut self) -> Task<Message> {
        if self.settings.keep_in_tray && self.has_tray() {
            return iced::window::latest()
                .and_then(|id| iced::window::set_mode(id, iced::window::Mode::Hidden));
        }
        self.quit()
    }

    /// Quits (the window's close button, or "Quit" in the tray).
    pub(super) fn quit(&mut self) -> Task<Message> {
        // A code still on the clipboard goes with the window (the session
        // ends anyway); the user's own content stays.
        if self.copied.is_some() {
            self.quitting = true;
            return iced::clipboard::read().map(Message::ClipboardRead);
        }
        iced::exit()
    }

    /// Copies a secret with the password-manager hint where the system
    /// clipboard is at hand (the app), through iced's clipboard otherwise
    /// (tests) or when the hinted copy fails.
    pub(super) fn put_on_clipboard(&self, value: SecretText) -> Task<Message> {
        match &self.env.capture.copy {
            Some(copy) => task::copy_secret(copy.clone(), value).map(|failed| match failed {
                Some(value) => Message::CopyPlain(value),
                None => Message::Activity,
            }),
            None => iced::clipboard::write(value.expose().to_owned()),
        }
    }
}
