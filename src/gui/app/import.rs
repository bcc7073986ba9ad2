//! Reading sources for accounts (files, drops, the file chooser, the clipboard,
//! the screen) through [`crate::import`], and the review screen that shows the
//! plan and applies it.

use super::*;

impl App {
    /// A message of the review screen, and what its action needs done. A
    /// read's result ([`review::Message::Scanned`]) opens the screen, or
    /// joins the one up while its accounts are not added yet.
    pub(super) fn review(&mut self, message: review::Message) -> Task<Message> {
        let lang = self.lang();
        if let review::Message::Scanned(_) = &message {
            self.scanning = self.scanning.saturating_sub(1);
            if self.session.is_some()
                && !matches!(&self.screen, Screen::Review(screen) if !screen.is_done())
            {
                self.screen = Screen::Review(review::Review::default());
            }
        }
        let (Some(session), Screen::Review(screen)) = (&self.session, &mut self.screen) else {
            return Task::none();
        };
        match screen.update(message, &session.entries, lang) {
            review::Action::None => Task::none(),
            review::Action::Back => self.show_codes(),
            review::Action::Imported(n) => self.imported(n),
            review::Action::Decrypt(path, password) => {
                self.scanning += 1;
                let (task, running) = task::cancellable(|cancel| {
                    task::scan_file_cancellable(path.clone(), Some(password), cancel).map(scanned)
                });
                screen.decrypting(&path, running);
                task
            }
            review::Action::Cancelled => {
                self.scanning = self.scanning.saturating_sub(1);
                Task::none()
            }
            review::Action::Save(plan) => {
                let now = self.now;
                task::modify(session.vault.clone(), move |entries| {
                    Ok(Change::Imported(plan.apply(entries, now)?.added.len()))
                })
                .map(Message::Saved)
            }
            review::Action::DeleteFiles(paths) => task::delete_files(paths)
                .map(|result| Message::Review(review::Message::FilesDeleted(result))),
            review::Action::Deleted(said) => {
                self.info(said);
                self.show_codes()
            }
            review::Action::DeleteFailed(said) => {
                self.error(said);
                self.show_codes()
            }
        }
    }

    /// Reads image files for QR codes, off the UI thread.
    pub(super) fn scan_files(&mut self, paths: Vec<PathBuf>) -> Task<Message> {
        if self.session.is_none() || paths.is_empty() {
            return Task::none();
        }
        self.scanning += paths.len();
        Task::batch(
            paths
                .into_iter()
                .map(|path| task::scan_file(path, None).map(scanned)),
        )
    }

    /// Reads the clipboard (an image or an otpauth:// link).
    pub(super) fn scan_clipboard(&mut self) -> Task<Message> {
        if self.session.is_none() {
            return Task::none();
        }
        self.scanning += 1;
        task::scan_clipboard(self.env.capture.clipboard.clone()).map(scanned)
    }

    /// Captures every monitor and looks for QR codes.
    pub(super) fn scan_screen(&mut self) -> Task<Message> {
        if self.session.is_none() {
            return Task::none();
        }
        self.scanning += 1;
        task::scan_screen(self.env.capture.screen.clone()).map(scanned)
    }

    /// The system's file chooser; the path field and drops are its twins.
    pub(super) fn choose_files(&mut self) -> Task<Message> {
        let lang = self.lang();
        task::choose_images(
            i18n::t(lang, Key::ChooseImagesTitle).to_owned(),
            i18n::t(lang, Key::ImagesFilter).to_owned(),
        )
        .map(|chosen| Message::Add(add::Message::FilesChosen(chosen)))
    }
}

/// A read's result, for the review screen (which it opens if need be).
fn scanned(scanned: task::Scanned) -> Message {
    Message::Review(review::Message::Scanned(scanned))
}
