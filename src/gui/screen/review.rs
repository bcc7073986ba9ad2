//! The review step after QR codes were read (files, a drop, the clipboard, the
//! screen): one row per account with a checkbox, duplicates of existing entries
//! flagged and unticked, missing parts of a Google Authenticator export named,
//! content that is no authenticator key explained. "Add N accounts" saves them
//! in one change; accounts that came from image files then prompt an offer to
//! delete those files (they hold the keys in the clear).
//!
//! Other apps' export files (Aegis, 2FAS, andOTP, FreeOTP+, Bitwarden) come here too,
//! with their groups, favourites and notes; an encrypted one shows a password
//! field, and its accounts join the list once it opens.

use crate::gui::focus::{self, Focus};
use std::path::PathBuf;

use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Font, Length};

use super::Typed;
use crate::clock::Timestamp;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::localized::{self, Localized as _};
use crate::gui::task::{self, Origin, Problem, Scanned};
use crate::gui::theme;
use crate::import::{self, Decision, LeftOutReason, Plan, Row};
use crate::interop::{Format, InteropError};
use crate::otp::Kind;
use crate::secret::Password;
use crate::vault::Entry;

/// An encrypted export waiting for its password.
#[derive(Debug)]
struct Locked {
    path: PathBuf,
    format: Format,
    password: Typed,
    /// The last try was wrong.
    wrong: bool,
    /// Its password is being tried.
    busy: bool,
    /// The read running with it, to cancel.
    running: Option<task::Running>,
}

/// Something found that is not an account, or a source that gave nothing.
#[derive(Debug)]
enum Note {
    Problem(Origin, Problem),
    /// Why the content is no usable key (in the UI language when it was read).
    Explained(Origin, String),
}

/// The review screen: the import plan ([`crate::import::Plan`]) shown as a
/// list to tick, decided by the same policy as `tessera import`.
#[derive(Debug, Default)]
pub struct Review {
    plan: Plan,
    notes: Vec<Note>,
    locked: Vec<Locked>,
    busy: bool,
    error: Option<String>,
    /// After saving: how many were added, and the image files to offer to delete.
    added: Option<(usize, Vec<PathBuf>)>,
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// Tick or untick a row.
    Toggle(usize, bool),
    /// Add the ticked accounts.
    Add,
    /// Leave without adding.
    Back,
    /// Delete the image files the accounts came from.
    DeleteFiles,
    /// Keep them.
    KeepFiles,
    /// The password typed for an encrypted export.
    Password(usize, Typed),
    /// Try that password.
    Unlock(usize),
    /// Stop trying it (the KDF runs on, its result is dropped).
    CancelUnlock(usize),
    /// A source (a file, a drop, the clipboard, the screen) was read: its
    /// accounts join the list. The first read opens the screen.
    Scanned(Scanned),
    /// This many accounts were added.
    Saved(usize),
    /// Adding them failed.
    SaveFailed(task::Error),
    /// The image files were deleted (how many), or not.
    FilesDeleted(Result<usize, task::Error>),
}

impl Message {
    /// Whether the person did this (a task's result is not input).
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            Self::Scanned(_) | Self::Saved(_) | Self::SaveFailed(_) | Self::FilesDeleted(_)
        )
    }
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Add the plan's selected accounts to the vault (in one save).
    Save(Plan),
    /// Read this encrypted export again with this password.
    Decrypt(PathBuf, Password),
    /// A read with a password was cancelled (it will not report back).
    Cancelled,
    /// Delete these files.
    DeleteFiles(Vec<PathBuf>),
    /// Back to the list.
    Back,
    /// Back to the list, saying that this many accounts were added.
    Imported(usize),
    /// Back to the list, saying this (the image files were deleted).
    Deleted(String),
    /// Back to the list, saying this error (deleting the files failed).
    DeleteFailed(String),
}

/// The name of a source, as shown.
pub fn origin_name(lang: Lang, origin: &Origin) -> String {
    match origin {
        Origin::File(path) => path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        ),
        Origin::Screen => i18n::t(lang, Key::OriginScreen).to_owned(),
        Origin::Clipboard => i18n::t(lang, Key::OriginClipboard).to_owned(),
        // Typed on the add screen: saved from there, never listed here.
        Origin::Given => String::new(),
    }
}

impl Review {
    /// Whether the accounts were added already (the delete offer shows).
    pub fn is_done(&self) -> bool {
        self.added.is_some()
    }

    /// How many accounts are ticked.
    pub fn ticked(&self) -> usize {
        self.plan.selected()
    }

    /// How many accounts were found.
    pub fn found(&self) -> usize {
        self.plan.rows().len()
    }

    /// The plan as it stands (what "Add" would do).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Takes in what one source held, checking each account against `entries`
    /// (and against the accounts already listed, so a code read twice shows once).
    fn absorb(&mut self, scanned: Scanned, entries: &[Entry], lang: Lang) {
        let origin = scanned.origin;
        let contents = match scanned.found {
            Ok(contents) => contents,
            Err(Problem::Read(import::Problem::Export(
                error @ (InteropError::PasswordNeeded { format }
                | InteropError::WrongPassword { format }),
            ))) if matches!(origin, Origin::File(_)) => {
                if let Origin::File(path) = origin {
                    let wrong = matches!(error, InteropError::WrongPassword { .. });
                    match self.locked.iter_mut().find(|l| l.path == path) {
                        Some(locked) => {
                            locked.wrong = wrong;
                            locked.busy = false;
                            locked.running = None;
                            locked.password = Typed::default();
                        }
                        None => self.locked.push(Locked {
                            path,
                            format,
                            password: Typed::default(),
                            wrong,
                            busy: false,
                            running: None,
                        }),
                    }
                }
                return;
            }
            // Cancelled: the export still waits for its password.
            Err(Problem::Cancelled) => return,
            Err(problem) => {
                // A locked export that turned out damaged is no longer waiting.
                if let Origin::File(path) = &origin {
                    self.locked.retain(|l| &l.path != path);
                }
                self.notes.push(Note::Problem(origin, problem));
                return;
            }
        };
        if let Origin::File(path) = &origin {
            self.locked.retain(|l| &l.path != path);
        }
        for payload in contents.not_keys() {
            if let Some(why) = localized::explain(payload, lang) {
                self.notes.push(Note::Explained(origin.clone(), why));
            }
        }
        self.plan.add(entries, &contents);
    }

    /// Saving failed: say why, allow another try.
    fn failed(&mut self, reason: String) {
        self.busy = false;
        self.error = Some(reason);
    }

    /// The accounts were saved. Returns whether the screen stays up to offer
    /// deleting the image files they came from.
    fn saved(&mut self, count: usize) -> bool {
        self.busy = false;
        let mut files: Vec<PathBuf> = Vec::new();
        for row in self.plan.rows().iter().filter(|r| r.selected) {
            if let Origin::File(path) = &row.origin
                && !files.contains(path)
            {
                files.push(path.clone());
            }
        }
        let stay = !files.is_empty();
        self.added = Some((count, files));
        stay
    }

    /// Handles a message; `entries` are the vault's, which what is read is
    /// checked against.
    pub fn update(&mut self, message: Message, entries: &[Entry], lang: Lang) -> Action {
        self.error = None;
        match message {
            Message::Scanned(scanned) => {
                self.absorb(scanned, entries, lang);
                Action::None
            }
            Message::FilesDeleted(Ok(n)) => {
                Action::Deleted(i18n::tf(lang, Key::ImagesDeleted, &[("n", &n.to_string())]))
            }
            Message::FilesDeleted(Err(e)) => Action::DeleteFailed(i18n::tf(
                lang,
                Key::DeleteImagesFailed,
                &[("reason", &e.localized(lang))],
            )),
            Message::Saved(count) => {
                if self.saved(count) {
                    Action::None
                } else {
                    Action::Imported(count)
                }
            }
            Message::SaveFailed(error) => {
                self.failed(error.localized(lang));
                Action::None
            }
            Message::Toggle(i, on) => {
                self.plan.select(i, on);
                Action::None
            }
            Message::Password(i, typed) => {
                if let Some(locked) = self.locked.get_mut(i) {
                    locked.password = typed;
                }
                Action::None
            }
            Message::CancelUnlock(i) => match self.locked.get_mut(i) {
                Some(locked) if locked.running.as_ref().is_some_and(task::Running::cancel) => {
                    locked.busy = false;
                    locked.running = None;
                    locked.password = Typed::default();
                    Action::Cancelled
                }
                _ => Action::None,
            },
            Message::Unlock(i) => match self.locked.get_mut(i) {
                Some(locked) if !locked.busy && !locked.password.as_str().is_empty() => {
                    locked.busy = true;
                    let password = locked.password.take_password();
                    Action::Decrypt(locked.path.clone(), password)
                }
                _ => Action::None,
            },
            Message::Add => {
                if self.busy || self.plan.selected() == 0 || self.added.is_some() {
                    return Action::None;
                }
                self.busy = true;
                Action::Save(self.plan.clone())
            }
            Message::Back | Message::KeepFiles => Action::Back,
            Message::DeleteFiles => match &self.added {
                Some((_, files)) if !files.is_empty() && !self.busy => {
                    self.busy = true;
                    Action::DeleteFiles(files.clone())
                }
                _ => Action::None,
            },
        }
    }

    /// The read of the encrypted export at `path` with its password runs
    /// as `running` (for its Cancel button).
    pub fn decrypting(&mut self, path: &std::path::Path, running: task::Running) {
        if let Some(locked) = self.locked.iter_mut().find(|l| l.path == path) {
            locked.running = Some(running);
        }
    }

    fn note_text(lang: Lang, note: &Note) -> String {
        match note {
            Note::Problem(origin, problem) => {
                let source = origin_name(lang, origin);
                let problem = match problem {
                    Problem::Read(problem) => problem,
                    Problem::Crashed(e) => {
                        return i18n::tf(
                            lang,
                            Key::ImageUnreadable,
                            &[("source", &source), ("reason", e)],
                        );
                    }
                    Problem::Cancelled => return i18n::t(lang, Key::ErrCancelled).to_owned(),
                };
                use import::Problem as P;
                match (origin, problem) {
                    (Origin::Screen, P::NoCode) => i18n::t(lang, Key::NoCodeOnScreen).into(),
                    (Origin::Clipboard, P::NoCode) => i18n::t(lang, Key::NoCodeInClipboard).into(),
                    (_, P::NoCode) => i18n::tf(lang, Key::NoCodeInFile, &[("source", &source)]),
                    (_, P::Unreadable(e)) => i18n::tf(
                        lang,
                        Key::FileUnreadable,
                        &[("source", &source), ("reason", &e.localized(lang))],
                    ),
                    (_, P::Image(e)) => i18n::tf(
                        lang,
                        Key::ImageUnreadable,
                        &[("source", &source), ("reason", &e.localized(lang))],
                    ),
                    (_, P::Unrecognised) => i18n::tf(
                        lang,
                        Key::ImageUnreadable,
                        &[("source", &source), ("reason", &problem.localized(lang))],
                    ),
                    (Origin::Screen, P::Capture(e)) => {
                        i18n::tf(lang, Key::ScreenFailed, &[("reason", &e.localized(lang))])
                    }
                    (_, P::Capture(e)) => i18n::tf(
                        lang,
                        Key::ClipboardFailed,
                        &[("reason", &e.localized(lang))],
                    ),
                    (_, P::Export(e)) => i18n::tf(
                        lang,
                        Key::ExportUnreadable,
                        &[("source", &source), ("reason", &e.localized(lang))],
                    ),
                }
            }
            Note::Explained(origin, why) => i18n::tf(
                lang,
                Key::NotAKey,
                &[("source", &origin_name(lang, origin)), ("reason", why)],
            ),
        }
    }

    /// The sentences shown under the list: problems, explanations, missing parts.
    pub fn notes(&self, lang: Lang) -> Vec<String> {
        let mut notes: Vec<String> = self
            .notes
            .iter()
            .map(|n| Self::note_text(lang, n))
            .collect();
        for (origin, left_out) in self.plan.left_out() {
            let reason = match &left_out.reason {
                LeftOutReason::Export(reason) => reason.localized(lang),
                LeftOutReason::Migration(reason) => reason.localized(lang),
            };
            notes.push(i18n::tf(
                lang,
                Key::LeftOut,
                &[
                    ("source", &origin_name(lang, origin)),
                    ("label", &i18n::label(lang, &left_out.label)),
                    ("reason", &reason),
                ],
            ));
        }
        for (size, missing) in self.plan.missing_parts() {
            notes.push(i18n::missing_parts(lang, size, &missing));
        }
        notes
    }

    fn row_view<'a>(
        &self,
        lang: Lang,
        now: Timestamp,
        i: usize,
        row: &'a Row,
        focus: &Focus<Message>,
    ) -> Element<'a, Message> {
        let account = &row.entry.account;
        let label = if account.issuer.is_empty() {
            account.name.clone()
        } else if account.name.is_empty() {
            account.issuer.clone()
        } else {
            format!("{} — {}", account.issuer, account.name)
        };
        let kind = i18n::t(
            lang,
            match account.params.kind {
                Kind::Totp => Key::TypeTotp,
                Kind::Hotp => Key::TypeHotp,
                Kind::Steam => Key::TypeSteam,
            },
        );
        let mut source = origin_name(lang, &row.origin);
        if let Some(part) = row.part {
            source = i18n::tf(
                lang,
                Key::ExportPart,
                &[
                    ("source", &source),
                    ("index", &(part.index + 1).to_string()),
                    ("size", &part.size.to_string()),
                ],
            );
        }
        let mut details = column![
            focus.checkbox(
                focus::Key::indexed("tick", i),
                checkbox(row.selected).label(label),
                row.selected,
                Some(move |on| Message::Toggle(i, on)),
            ),
            text(format!("{kind} · {source}"))
                .size(13)
                .style(theme::label::muted),
        ]
        .spacing(4)
        .width(Length::Fill);
        let flagged = match &row.decision {
            Decision::New => None,
            Decision::Duplicate { label, .. } => Some((Key::DuplicateSecret, label)),
            Decision::SameName { label, .. } => Some((Key::DuplicateName, label)),
        };
        if let Some((key, existing)) = flagged {
            details = details.push(
                text(i18n::tf(
                    lang,
                    key,
                    &[("label", &i18n::label(lang, existing))],
                ))
                .size(13)
                .style(theme::label::urgent),
            );
        }
        let code = match account.params.kind {
            Kind::Hotp => String::from("––– –––"),
            _ => account
                .code_at(now)
                .map(|c| c.grouped())
                .unwrap_or_default(),
        };
        container(
            row![details, text(code).size(22).font(Font::MONOSPACE)]
                .spacing(12)
                .align_y(Alignment::Center),
        )
        .padding(10)
        .style(theme::boxed::section)
        .into()
    }

    /// An encrypted export's password field.
    fn locked_view<'a>(
        &self,
        lang: Lang,
        i: usize,
        locked: &'a Locked,
        focus: &Focus<Message>,
    ) -> Element<'a, Message> {
        let source = origin_name(lang, &Origin::File(locked.path.clone()));
        let mut body = column![text(i18n::tf(
            lang,
            Key::ExportLocked,
            &[("source", &source), ("format", locked.format.name())],
        ))]
        .spacing(8);
        if locked.wrong {
            body = body.push(
                text(
                    InteropError::WrongPassword {
                        format: locked.format,
                    }
                    .localized(lang),
                )
                .size(13)
                .style(theme::label::urgent),
            );
        }
        let mut field = text_input(i18n::t(lang, Key::ExportPassword), locked.password.as_str())
            .secure(true)
            .padding(8);
        let open = button(text(i18n::t(lang, Key::ExportOpen)))
            .style(theme::button::primary)
            .padding([8, 16]);
        if !locked.busy {
            field = field
                .on_input(move |typed| Message::Password(i, Typed::new(typed)))
                .on_submit(Message::Unlock(i));
        }
        let mut line = row![
            focus.field(focus::Key::indexed(PASSWORD_ID, i), field, !locked.busy),
            focus.button(
                focus::Key::indexed("open", i),
                open,
                (!locked.busy).then_some(Message::Unlock(i)),
            ),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if locked.busy {
            line = line.push(
                focus.button(
                    focus::Key::indexed("cancel-open", i),
                    button(text(i18n::t(lang, Key::Cancel)))
                        .style(theme::button::secondary)
                        .padding([8, 16]),
                    Some(Message::CancelUnlock(i)),
                ),
            );
        }
        body = body.push(line);
        container(body)
            .padding(10)
            .style(theme::boxed::section)
            .into()
    }

    /// The screen; `now` is the time the codes are computed for.
    pub fn view(&self, lang: Lang, now: Timestamp, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let mut page = column![text(t(Key::ReviewTitle)).size(24)]
            .spacing(10)
            .max_width(620);

        if let Some((count, files)) = &self.added {
            page = page.push(text(i18n::imported(lang, *count)));
            if !files.is_empty() {
                let names: Vec<String> = files
                    .iter()
                    .map(|p| origin_name(lang, &Origin::File(p.clone())))
                    .collect();
                let delete = button(text(t(Key::DeleteImages)))
                    .style(theme::button::danger)
                    .padding([8, 16]);
                page = page.push(crate::gui::widget::confirm::view(
                    i18n::tf(
                        lang,
                        Key::DeleteImagesOffer,
                        &[("files", &names.join(", "))],
                    ),
                    focus.button(
                        "delete-images",
                        delete,
                        (!self.busy).then_some(Message::DeleteFiles),
                    ),
                    focus.button(
                        "keep-images",
                        button(text(t(Key::KeepImages)))
                            .style(theme::button::secondary)
                            .padding([8, 16]),
                        Some(Message::KeepFiles),
                    ),
                ));
            }
            if let Some(error) = &self.error {
                page = page.push(text(error).style(theme::label::urgent));
            }
            return scrollable(container(page).center_x(Length::Fill).padding(24)).into();
        }

        page = page.push(
            text(t(
                if self.plan.rows().is_empty() && self.locked.is_empty() {
                    Key::ReviewNothing
                } else {
                    Key::ReviewIntro
                },
            ))
            .style(theme::label::muted),
        );
        for (i, row) in self.plan.rows().iter().enumerate() {
            page = page.push(self.row_view(lang, now, i, row, focus));
        }
        for (i, locked) in self.locked.iter().enumerate() {
            page = page.push(self.locked_view(lang, i, locked, focus));
        }
        for note in self.notes(lang) {
            page = page.push(text(note).size(14).style(theme::label::urgent));
        }
        if let Some(error) = &self.error {
            page = page.push(text(error).style(theme::label::urgent));
        }
        let n = self.ticked();
        let add = button(text(if n == 1 {
            t(Key::ImportAddOne).to_owned()
        } else {
            i18n::tf(lang, Key::ImportAddMany, &[("n", &n.to_string())])
        }))
        .style(theme::button::primary)
        .padding([8, 16]);
        page = page.push(
            row![
                focus.button("add", add, (n > 0 && !self.busy).then_some(Message::Add)),
                focus.button(
                    "cancel",
                    button(text(t(Key::Cancel)))
                        .style(theme::button::secondary)
                        .padding([8, 16]),
                    Some(Message::Back),
                ),
            ]
            // One under the other when they do not fit (a large text size).
            .spacing(8)
            .wrap()
            .vertical_spacing(8),
        );
        page = page.push(text(t(Key::ReviewMore)).size(13).style(theme::label::muted));
        scrollable(container(page).center_x(Length::Fill).padding(24)).into()
    }
}

/// An encrypted export's password field (`review-password#i`).
pub const PASSWORD_ID: &str = "review-password";

#[cfg(test)]
mod tests {
    use super::*;

    /// Deleting the image files after an import reports to this screen,
    /// which words what happened for the list's note, in the UI language.
    #[test]
    fn deleting_the_images_is_worded_here() {
        let mut review = Review::default();
        let deleted = Message::FilesDeleted(Ok(2));
        assert!(!deleted.is_input());
        assert!(matches!(
            review.update(deleted, &[], Lang::En),
            Action::Deleted(said) if said == "Deleted 2 image files."
        ));
        let failed = Message::FilesDeleted(Err(task::Error::Delete {
            path: "/tmp/qr.png".into(),
            source: std::sync::Arc::new(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
        }));
        let Action::DeleteFailed(said) = review.update(failed, &[], Lang::PtBr) else {
            panic!("a failure is said as one");
        };
        assert!(said.contains("/tmp/qr.png"), "{said}");
        assert!(!said.starts_with("The images"), "in Portuguese: {said}");
    }

    /// An encrypted export waiting for its password, as a drop leaves it.
    fn locked_export() -> (Review, PathBuf) {
        let path = PathBuf::from("/tmp/aegis-encrypted.json");
        let mut review = Review::default();
        review.absorb(
            Scanned {
                origin: Origin::File(path.clone()),
                found: Err(Problem::Read(import::Problem::Export(
                    InteropError::PasswordNeeded {
                        format: Format::Aegis,
                    },
                ))),
            },
            &[],
            Lang::En,
        );
        (review, path)
    }

    #[test]
    fn cancelling_an_export_password_gives_the_field_back_and_ignores_the_late_result() {
        let (mut review, path) = locked_export();
        let _ = review.update(
            Message::Password(0, Typed::new("export pw".into())),
            &[],
            Lang::En,
        );
        let Action::Decrypt(asked, _password) = review.update(Message::Unlock(0), &[], Lang::En)
        else {
            panic!("the password is tried");
        };
        assert_eq!(asked, path);
        // A task that never ends stands for the KDF at work.
        let (_task, running) =
            task::cancellable(|_| iced::Task::future(std::future::pending::<()>()));
        review.decrypting(&path, running.clone());
        assert!(review.locked[0].busy);
        assert!(matches!(
            review.update(Message::CancelUnlock(0), &[], Lang::En),
            Action::Cancelled
        ));
        assert!(!review.locked[0].busy);
        assert!(review.locked[0].running.is_none());
        assert!(review.locked[0].password.as_str().is_empty());
        // Cancelling again (or a stale button) does nothing more.
        assert!(matches!(
            review.update(Message::CancelUnlock(0), &[], Lang::En),
            Action::None
        ));
        // A cancelled read that reports anyway changes nothing: the export
        // still waits for its password, and no note is added.
        review.absorb(
            Scanned {
                origin: Origin::File(path.clone()),
                found: Err(Problem::Cancelled),
            },
            &[],
            Lang::En,
        );
        assert_eq!(review.locked.len(), 1);
        assert!(review.notes.is_empty());
        assert_eq!(review.found(), 0);
    }
}
