//! Reading sources for accounts (files, drops, the file chooser, the clipboard,
//! the screen) through [`crate::import`], and the review screen that shows the
//! plan and applies it.

use super::*;

impl App {
    /// A message of the review screen, and what its action needs done.
    pub(super) fn review(&mut self, message: review::Message) -> Task<Message> {
        let lang = self.lang();
        let Screen::Review(screen) = &mut self.screen else {
            return Task::none();
        };
        match screen.update(message, lang) {
            review::Action::None => Task::none(),
            review::Action::Back => self.show_codes(),
            review::Action::Imported(n) => self.imported(n),
            review::Action::Decrypt(path, password) => {
                self.scanning += 1;
                let (task, running) = task::cancellable(|cancel| {
                    task::scan_file_cancellable(path.clone(), Some(password), cancel)
                        .map(Message::Scanned)
                });
                screen.decrypting(&path, running);
                task
            }
            review::Action::Cancelled => {
                self.scanning = self.scanning.saturating_sub(1);
                Task::none()
            }
            review::Action::Save(plan) => {
                let Some(session) = &self.session else {
                    return Task::none();
                };
                let now = self.now;
                task::modify(session.vault.clone(), move |entries| {
                    Ok(Change::Imported(plan.apply(entries, now)?.added.len()))
                })
                .map(Message::Saved)
            }
            review::Action::DeleteFiles(paths) => {
                task::delete_files(paths).map(Message::FilesDeleted)
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
                .map(|path| task::scan_file(path, None).map(Message::Scanned)),
        )
    }

    /// Reads the clipboard (an image or an otpauth:// link).
    pub(super) fn scan_clipboard(&mut self) -> Task<Message> {
        if self.session.is_none() {
            return Task::none();
        }
        self.scanning += 1;
        task::scan_clipboard(self.env.capture.clipboard.clone()).map(Message::Scanned)
    }

    /// Captures every monitor and looks for QR codes.
    pub(super) fn scan_screen(&mut self) -> Task<Message> {
        if self.session.is_none() {
            return Task::none();
        }
        self.scanning += 1;
        task::scan_screen(self.env.capture.screen.clone()).map(Message::Scanned)
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

    /// A read finished: its accounts join the review list (opened if needed).
    pub(super) fn scanned(&mut self, scanned: task::Scanned) -> Task<Message> {
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

    /// The image files were deleted (or not).
    pub(super) fn files_deleted(&mut self, result: Result<usize, task::Error>) -> Task<Message> {
        let lang = self.lang();
        match result {
            Ok(n) => self.info(i18n::tf(lang, Key::ImagesDeleted, &[("n", &n.to_string())])),
            Err(e) => self.error(i18n::tf(
                lang,
                Key::DeleteImagesFailed,
                &[("reason", &e.localized(lang))],
            )),
        }
        self.show_codes()
    }
}
