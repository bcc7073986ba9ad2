//! Settings → "Restore an earlier version…": the previous versions this
//! computer kept and the backups in every folder one was written to
//! (`vault::backup::folders`), newest first, each
//! with its date and account count (`vault::earlier`); choosing one shows
//! what restoring it would change (the same summary as `tessera restore`);
//! confirming restores it. A version saved before a password change asks
//! for the password it had then. The screen gathers choices; the app runs
//! the tasks (`task::earlier_versions`, `task::open_earlier`,
//! `task::restore_earlier`) and hands their results back as this screen's
//! messages.

use crate::gui::focus::{self, Focus};
use std::path::PathBuf;

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};

use super::Typed;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::localized::Localized as _;
use crate::gui::task;
use crate::gui::theme;
use crate::i18n::earlier;
use crate::secret::Password;
use crate::vault::earlier::{Candidate, Preview, State};

/// The password field's id (a version saved before a password change).
pub const PASSWORD_ID: &str = "restore-password";

/// The screen.
#[derive(Debug, Default)]
pub struct Restore {
    /// The earlier versions; `None` while they are being read.
    list: Option<Vec<Candidate>>,
    chosen: Option<Chosen>,
    busy: bool,
    /// The last failure: (is an error, text).
    notice: Option<(bool, String)>,
}

/// The version chosen.
#[derive(Debug)]
enum Chosen {
    /// Sealed under another password: the field to type it.
    Asking { path: PathBuf, password: Typed },
    /// Opened: what restoring it would change, and the copy.
    Opened { preview: Preview, copy: task::Copy },
}

/// What the user does here, and the results of the screen's tasks.
#[derive(Clone, Debug)]
pub enum Message {
    /// The earlier versions were read.
    Listed(Result<Vec<Candidate>, task::Error>),
    /// The version at this place in the list was chosen.
    Choose(usize),
    /// The version chosen was opened (or needs its password), or not.
    Opened(Result<task::Earlier, task::Error>),
    /// The password field changed.
    Password(Typed),
    /// Open the version with the password typed.
    SubmitPassword,
    /// Restore the version shown.
    Confirm,
    /// Back to the list of versions.
    Another,
    /// Back to the settings.
    Back,
    /// Restoring failed (a success goes to the codes list).
    Failed(task::Error),
}

impl Message {
    /// Whether the person did this (a task's result is not input).
    pub fn is_input(&self) -> bool {
        !matches!(self, Self::Listed(_) | Self::Opened(_) | Self::Failed(_))
    }
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Back to the settings.
    Back,
    /// Open the version at this path (with its own password, if given).
    Open(PathBuf, Option<Password>),
    /// Restore this opened version.
    Restore(task::Copy),
}

impl Restore {
    /// The screen, before the list is read.
    pub fn new() -> Self {
        Self::default()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, lang: Lang) -> Action {
        match message {
            Message::Listed(Ok(list)) => {
                self.list = Some(list);
                self.notice = None;
            }
            Message::Listed(Err(error)) => {
                self.list = Some(Vec::new());
                self.notice = Some((true, error.localized(lang)));
            }
            Message::Choose(i) => {
                let Some(candidate) = self.list.as_ref().and_then(|l| l.get(i)) else {
                    return Action::None;
                };
                if self.busy {
                    return Action::None;
                }
                self.notice = None;
                match &candidate.state {
                    State::Open { .. } => {
                        self.busy = true;
                        return Action::Open(candidate.path.clone(), None);
                    }
                    State::NeedsPassword => {
                        self.chosen = Some(Chosen::Asking {
                            path: candidate.path.clone(),
                            password: Typed::default(),
                        });
                    }
                    State::Unusable(_) => {}
                }
            }
            Message::Opened(result) => {
                self.busy = false;
                match result {
                    Ok(task::Earlier::Opened(preview, copy)) => {
                        self.chosen = Some(Chosen::Opened { preview, copy });
                    }
                    Ok(task::Earlier::NeedsPassword(path)) => {
                        self.chosen = Some(Chosen::Asking {
                            path,
                            password: Typed::default(),
                        });
                    }
                    // A wrong password keeps the field; anything else
                    // goes back to the list, with why.
                    Err(error) => {
                        if !matches!(self.chosen, Some(Chosen::Asking { .. })) {
                            self.chosen = None;
                        }
                        self.notice = Some((true, error.localized(lang)));
                    }
                }
            }
            Message::Password(typed) => {
                if let Some(Chosen::Asking { password, .. }) = &mut self.chosen {
                    *password = typed;
                }
            }
            Message::SubmitPassword => {
                if let Some(Chosen::Asking { path, password }) = &mut self.chosen
                    && !self.busy
                    && !password.as_str().is_empty()
                {
                    self.busy = true;
                    self.notice = None;
                    return Action::Open(path.clone(), Some(password.take_password()));
                }
            }
            Message::Confirm => {
                if let Some(Chosen::Opened { copy, .. }) = &self.chosen
                    && !self.busy
                {
                    self.busy = true;
                    self.notice = None;
                    return Action::Restore(copy.clone());
                }
            }
            Message::Another => {
                if !self.busy {
                    self.chosen = None;
                    self.notice = None;
                }
            }
            Message::Back => return Action::Back,
            Message::Failed(error) => {
                self.busy = false;
                self.notice = Some((true, error.localized(lang)));
            }
        }
        Action::None
    }

    /// The screen.
    pub fn view(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let mut page = column![
            row![
                focus.button(
                    "back",
                    button(text(t(Key::Back))).style(theme::button::secondary),
                    Some(Message::Back),
                ),
                text(t(Key::RestoreTitle)).size(24),
            ]
            .spacing(16)
            .align_y(Alignment::Center),
        ]
        .spacing(16)
        .max_width(640);
        page = match &self.chosen {
            Some(Chosen::Opened { preview, .. }) => page.push(self.preview(lang, preview, focus)),
            Some(Chosen::Asking { password, .. }) => page.push(self.asking(lang, password, focus)),
            None => page.push(self.list(lang, focus)),
        };
        if let Some(notice) = &self.notice {
            page = page.push(crate::gui::widget::notice::view(notice));
        }
        scrollable(container(page).center_x(Length::Fill).padding(24)).into()
    }

    fn list(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let Some(list) = &self.list else {
            return text(t(Key::RestoreLooking)).into();
        };
        if list.is_empty() {
            return text(t(Key::RestoreNone)).into();
        }
        let mut rows = column![text(t(Key::RestoreIntro))].spacing(8);
        for (i, candidate) in list.iter().enumerate() {
            let usable = !matches!(candidate.state, State::Unusable(_));
            // The date, the kind and the state on one line while they fit
            // (the dates in a column), one under the other when the window
            // is narrow or the text large.
            let line = column![
                row![
                    text(earlier::date(lang, candidate)).width(Length::Fixed(170.0)),
                    text(earlier::kind(lang, candidate)),
                    text(earlier::state(lang, candidate)),
                ]
                .spacing(12)
                .wrap()
                .vertical_spacing(2),
                text(candidate.path.display().to_string())
                    .size(12)
                    .style(theme::label::muted),
            ]
            .spacing(2);
            rows = rows.push(
                focus.button(
                    focus::Key::indexed("version", i),
                    button(line)
                        .width(Length::Fill)
                        .style(theme::button::secondary),
                    (usable && !self.busy).then_some(Message::Choose(i)),
                ),
            );
        }
        if self.busy {
            rows = rows.push(text(t(Key::RestoreOpening)));
        }
        rows.into()
    }

    fn asking<'a>(
        &'a self,
        lang: Lang,
        password: &'a Typed,
        focus: &Focus<Message>,
    ) -> Element<'a, Message> {
        let t = |key| i18n::t(lang, key);
        let open = button(text(t(Key::RestoreOpen))).style(theme::button::primary);
        let another = button(text(t(Key::RestoreAnother))).style(theme::button::secondary);
        let idle = !self.busy;
        container(
            column![
                text(t(Key::RestoreAskPassword)),
                focus.field(
                    PASSWORD_ID,
                    text_input(t(Key::Password), password.as_str())
                        .secure(true)
                        .on_input(|s| Message::Password(Typed::new(s)))
                        .on_submit(Message::SubmitPassword)
                        .padding(8),
                    true,
                ),
                row![
                    focus.button("open", open, idle.then_some(Message::SubmitPassword)),
                    focus.button("another", another, idle.then_some(Message::Another)),
                ]
                .spacing(8)
                .wrap()
                .vertical_spacing(8),
            ]
            .spacing(8),
        )
        .padding(12)
        .style(theme::boxed::section)
        .into()
    }

    fn preview<'a>(
        &'a self,
        lang: Lang,
        preview: &'a Preview,
        focus: &Focus<Message>,
    ) -> Element<'a, Message> {
        let t = |key| i18n::t(lang, key);
        let mut lines = column![
            text(preview.source.display().to_string())
                .size(12)
                .style(theme::label::muted)
        ]
        .spacing(6);
        for line in earlier::summary(lang, preview) {
            lines = lines.push(text(line));
        }
        let confirm = button(text(t(Key::RestoreConfirm))).style(theme::button::primary);
        let another = button(text(t(Key::RestoreAnother))).style(theme::button::secondary);
        let idle = !self.busy;
        let buttons = row![
            focus.button("confirm", confirm, idle.then_some(Message::Confirm)),
            focus.button("another", another, idle.then_some(Message::Another)),
        ]
        // One under the other when they do not fit (a large text size).
        .spacing(8)
        .wrap()
        .vertical_spacing(8);
        container(column![lines, buttons].spacing(12))
            .padding(12)
            .style(theme::boxed::section)
            .into()
    }
}
