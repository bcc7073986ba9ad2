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
        iced::clipboard::write(code.value)
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
        iced::clipboard::write(value.expose().to_owned())
    }

    /// The clipboard was read to decide whether to clear it: cleared only if
    /// it still holds what Tessera copied.
    pub(super) fn clipboard_read(&mut self, content: Option<String>) -> Task<Message> {
        let lang = self.lang();
        let Some(copied) = self.copied.take() else {
            return Task::none();
        };
        if content.is_some_and(|c| {
            crate::secret::constant_time_eq(c.as_bytes(), copied.value.expose().as_bytes())
        }) {
            if self.session.is_some() {
                self.info(i18n::t(lang, Key::ClipboardCleared).to_owned());
            }
            return iced::clipboard::write(String::new());
        }
        Task::none()
    }
}
