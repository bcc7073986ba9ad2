//! Moving accounts to a phone: one entry's `otpauth://` link as a QR code, or
//! several entries as Google Authenticator export codes ("1 of 3") shown one
//! after the other. Always behind a confirmation: the codes hold the keys.

use crate::gui::focus::{self, Focus};
use iced::widget::{button, checkbox, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length};

use crate::gui::i18n::{self, Key, Lang};
use crate::gui::task;
use crate::gui::theme;
use crate::gui::widget::qr_code;
use crate::i18n::Localize as _;
use crate::otp::Label;
use crate::qr::encode::{self, EncodeError, Matrix};
use crate::secret::SecretText;
use crate::vault::{Entry, EntryId};

/// What is shared.
#[derive(Debug)]
enum Mode {
    /// One entry's link.
    Single { label: Label, uri: SecretText },
    /// Several entries as a Google Authenticator export.
    Export {
        choices: Vec<(EntryId, Label, bool)>,
    },
}

#[derive(Debug, PartialEq, Eq)]
enum Phase {
    Choose,
    Confirm,
    Show,
}

/// The share screen.
#[derive(Debug)]
pub struct Share {
    mode: Mode,
    phase: Phase,
    codes: Vec<Result<Matrix, EncodeError>>,
    notes: Vec<String>,
    index: usize,
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// Tick or untick an entry for the export.
    Toggle(usize, bool),
    /// On to the confirmation.
    Continue,
    /// Yes, show the code(s).
    Show,
    /// The previous export code.
    Previous,
    /// The next export code.
    Next,
    /// Leave.
    Back,
    /// The app encoded the ticked entries as export codes, or could not.
    Encoded(Result<task::Export, task::Error>),
}

impl Message {
    /// Whether the person did this (a task's result is not input).
    pub fn is_input(&self) -> bool {
        !matches!(self, Self::Encoded(_))
    }
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Encode these entries as export codes and hand them back as
    /// [`Message::Encoded`].
    Encode(Vec<EntryId>),
    /// Leave.
    Back,
    /// Say that this went wrong (a toast: the screen stays as it was).
    Failed(String),
}

impl Share {
    /// One entry's QR code, after a confirmation.
    pub fn single(entry: &Entry) -> Self {
        Self {
            mode: Mode::Single {
                label: entry.account.label(),
                uri: entry.account.to_uri(),
            },
            phase: Phase::Confirm,
            codes: Vec::new(),
            notes: Vec::new(),
            index: 0,
        }
    }

    /// Choose entries to export as Google Authenticator codes (all ticked).
    pub fn export(entries: &[&Entry]) -> Self {
        Self {
            mode: Mode::Export {
                choices: entries
                    .iter()
                    .map(|e| (e.id.clone(), e.account.label(), true))
                    .collect(),
            },
            phase: Phase::Choose,
            codes: Vec::new(),
            notes: Vec::new(),
            index: 0,
        }
    }

    /// The QR code on screen, if one is.
    pub fn shown(&self) -> Option<&Matrix> {
        if self.phase != Phase::Show {
            return None;
        }
        self.codes.get(self.index).and_then(|c| c.as_ref().ok())
    }

    /// The export's links, encoded by the app, as QR codes, with a note for
    /// each account the format cannot hold, saying why.
    fn show_export(&mut self, lang: Lang, export: &task::Export) {
        self.codes = export
            .encoded
            .uris
            .iter()
            .map(|uri| encode::matrix(uri.expose()))
            .collect();
        self.notes = export
            .encoded
            .skipped
            .iter()
            .map(|(i, why)| {
                let label = export
                    .labels
                    .get(*i)
                    .map(|label| i18n::label(lang, label))
                    .unwrap_or_default();
                i18n::tf(
                    lang,
                    Key::ExportSkipped,
                    &[("label", &label), ("reason", &why.localized(lang))],
                )
            })
            .collect();
        self.index = 0;
        self.phase = Phase::Show;
    }

    fn ticked(&self) -> Vec<EntryId> {
        match &self.mode {
            Mode::Export { choices } => choices
                .iter()
                .filter(|c| c.2)
                .map(|c| c.0.clone())
                .collect(),
            Mode::Single { .. } => Vec::new(),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, lang: Lang) -> Action {
        match message {
            Message::Encoded(Ok(export)) => self.show_export(lang, &export),
            Message::Encoded(Err(error)) => return Action::Failed(error.localized(lang)),
            Message::Toggle(i, on) => {
                if let Mode::Export { choices } = &mut self.mode
                    && let Some(choice) = choices.get_mut(i)
                {
                    choice.2 = on;
                }
            }
            Message::Continue => {
                if !self.ticked().is_empty() {
                    self.phase = Phase::Confirm;
                }
            }
            Message::Show => match &self.mode {
                Mode::Single { uri, .. } => {
                    self.codes = vec![encode::matrix(uri.expose())];
                    self.index = 0;
                    self.phase = Phase::Show;
                }
                Mode::Export { .. } => return Action::Encode(self.ticked()),
            },
            Message::Previous => self.index = self.index.saturating_sub(1),
            Message::Next => {
                if self.index + 1 < self.codes.len() {
                    self.index += 1;
                }
            }
            Message::Back => {
                // Leaving the codes: drop them from memory at once.
                self.codes.clear();
                return Action::Back;
            }
        }
        Action::None
    }

    /// The screen.
    pub fn view(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let mut page = column![].spacing(12).max_width(560);
        let back = || {
            focus.button(
                "back",
                button(text(t(match self.phase {
                    Phase::Show => Key::Done,
                    _ => Key::Cancel,
                })))
                .style(theme::button::secondary)
                .padding([8, 16]),
                Some(Message::Back),
            )
        };
        match (&self.mode, &self.phase) {
            (Mode::Export { choices }, Phase::Choose) => {
                page = page.push(text(t(Key::ExportTitle)).size(24));
                page = page.push(text(t(Key::ExportIntro)).style(theme::label::muted));
                for (i, (_, label, on)) in choices.iter().enumerate() {
                    page = page.push(focus.checkbox(
                        focus::Key::indexed("tick", i),
                        checkbox(*on).label(i18n::label(lang, label)),
                        *on,
                        Some(move |on| Message::Toggle(i, on)),
                    ));
                }
                let n = self.ticked().len();
                let next = button(text(t(Key::Continue)))
                    .style(theme::button::primary)
                    .padding([8, 16]);
                page = page.push(
                    row![
                        focus.button("continue", next, (n > 0).then_some(Message::Continue)),
                        back()
                    ]
                    .spacing(8),
                );
            }
            (mode, Phase::Confirm | Phase::Choose) => {
                let (title, warning, show) = match mode {
                    Mode::Single { label, .. } => (
                        t(Key::ShowQrTitle).to_owned(),
                        i18n::tf(
                            lang,
                            Key::ShowQrWarning,
                            &[("label", &i18n::label(lang, label))],
                        ),
                        t(Key::ShowQrYes),
                    ),
                    Mode::Export { .. } => (
                        t(Key::ExportTitle).to_owned(),
                        i18n::tf(
                            lang,
                            Key::ExportWarning,
                            &[("n", &self.ticked().len().to_string())],
                        ),
                        t(Key::ExportYes),
                    ),
                };
                page = page.push(text(title).size(24));
                page = page.push(
                    container(text(warning))
                        .padding(12)
                        .style(theme::boxed::error),
                );
                page = page.push(
                    row![
                        focus.button(
                            "show",
                            button(text(show))
                                .style(theme::button::danger)
                                .padding([8, 16]),
                            Some(Message::Show),
                        ),
                        back()
                    ]
                    .spacing(8),
                );
            }
            (mode, Phase::Show) => {
                let (title, hint) = match mode {
                    Mode::Single { label, .. } => (i18n::label(lang, label), t(Key::ShowQrHint)),
                    Mode::Export { .. } => (
                        i18n::tf(
                            lang,
                            Key::ExportCounter,
                            &[
                                ("index", &(self.index + 1).to_string()),
                                ("size", &self.codes.len().to_string()),
                            ],
                        ),
                        t(Key::ExportHint),
                    ),
                };
                page = page.push(text(title).size(22));
                page = page.push(text(hint).style(theme::label::muted));
                match self.codes.get(self.index) {
                    Some(Ok(matrix)) => page = page.push(qr_code::view(matrix, 330.0)),
                    Some(Err(reason)) => {
                        page = page.push(text(reason.localized(lang)).style(theme::label::urgent));
                    }
                    None => page = page.push(text(t(Key::ExportNothing))),
                }
                for note in &self.notes {
                    page = page.push(text(note.as_str()).size(13).style(theme::label::urgent));
                }
                let mut buttons = row![].spacing(8);
                if self.codes.len() > 1 {
                    let previous = button(text(t(Key::Previous))).style(theme::button::secondary);
                    let next = button(text(t(Key::Next))).style(theme::button::primary);
                    buttons = buttons
                        .push(focus.button(
                            "previous",
                            previous,
                            (self.index > 0).then_some(Message::Previous),
                        ))
                        .push(focus.button(
                            "next",
                            next,
                            (self.index + 1 < self.codes.len()).then_some(Message::Next),
                        ));
                }
                page = page.push(buttons.push(back()).align_y(Alignment::Center));
            }
        }
        scrollable(container(page).center_x(Length::Fill).padding(24)).into()
    }
}
