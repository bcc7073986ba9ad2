//! An entry's one-time recovery codes: how many remain, copy one (it is
//! marked used, with the time), paste a block in any common layout, replace
//! the whole set when the service regenerates them.

use crate::gui::focus::{self, Focus};

/// The paste area's id.
pub const BLOCK_ID: &str = "recovery-block";
use iced::widget::{button, column, container, row, scrollable, text, text_editor};
use iced::{Alignment, Element, Font, Length};

use crate::gui::i18n::{self, Key, Lang};
use crate::gui::localized::Localized as _;
use crate::gui::task;
use crate::gui::theme;
use crate::vault::recovery::parse_block;
use crate::vault::{Entry, EntryId};

/// What a hidden recovery code shows.
const MASK: &str = "•••• ••••";

/// The recovery codes screen.
#[derive(Debug)]
pub struct Recovery {
    id: EntryId,
    block: text_editor::Content,
    /// Codes read from the block, waiting for "replace" to be confirmed.
    pending: Option<Vec<String>>,
    busy: bool,
    error: Option<String>,
    /// The codes shown (by index); the others show as dots until clicked.
    revealed: Vec<usize>,
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// The paste area changed.
    Edit(text_editor::Action),
    /// Save the pasted codes.
    Save,
    /// Yes, replace the stored codes.
    ConfirmReplace,
    /// Do not replace them.
    KeepCurrent,
    /// Copy the code at this index and mark it used.
    Use(usize),
    /// Show or hide the code at this index.
    Reveal(usize),
    /// Back to the entry's details.
    Back,
    /// The codes were saved (replaced, or one marked used).
    Saved,
    /// Saving failed.
    SaveFailed(task::Error),
}

impl Message {
    /// Whether the person did this (a task's result is not input).
    pub fn is_input(&self) -> bool {
        !matches!(self, Self::Saved | Self::SaveFailed(_))
    }
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Replace the entry's codes with these (all unused).
    Replace(EntryId, Vec<String>),
    /// Copy the code at this index and mark it used now.
    Use(EntryId, usize),
    /// Back to the details.
    Back(EntryId),
}

impl Recovery {
    /// The screen for `entry`.
    pub fn new(entry: &Entry) -> Self {
        Self {
            id: entry.id.clone(),
            block: text_editor::Content::new(),
            pending: None,
            busy: false,
            error: None,
            revealed: Vec::new(),
        }
    }

    /// Hides every code again (Ctrl+H, or the window losing focus).
    pub fn conceal(&mut self) {
        self.revealed.clear();
    }

    /// The entry shown.
    pub fn id(&self) -> &EntryId {
        &self.id
    }

    /// A save finished: clear the paste area.
    fn saved(&mut self) {
        self.busy = false;
        self.pending = None;
        self.block = text_editor::Content::new();
    }

    /// A save failed.
    fn failed(&mut self, reason: String) {
        self.busy = false;
        self.error = Some(reason);
    }

    /// Handles a message; `entry` is the entry as stored now.
    pub fn update(&mut self, message: Message, entry: Option<&Entry>, lang: Lang) -> Action {
        self.error = None;
        match message {
            Message::Saved => self.saved(),
            Message::SaveFailed(error) => self.failed(error.localized(lang)),
            Message::Reveal(i) => {
                if let Some(at) = self.revealed.iter().position(|&r| r == i) {
                    self.revealed.swap_remove(at);
                } else {
                    self.revealed.push(i);
                }
            }
            Message::Edit(action) => {
                // A changed text asks again; moving the cursor or
                // focusing the area (Tab passing through) does not.
                if action.is_edit() {
                    self.pending = None;
                }
                self.block.perform(action);
            }
            Message::Save => {
                if self.busy {
                    return Action::None;
                }
                match parse_block(&self.block.text()) {
                    Ok(codes) => {
                        if entry.is_some_and(|e| !e.recovery_codes.is_empty()) {
                            self.pending = Some(codes);
                        } else {
                            self.busy = true;
                            self.revealed.clear();
                            return Action::Replace(self.id.clone(), codes);
                        }
                    }
                    Err(e) => self.error = Some(e.localized(lang)),
                }
            }
            Message::ConfirmReplace => {
                if let Some(codes) = self.pending.take()
                    && !self.busy
                {
                    self.busy = true;
                    self.revealed.clear();
                    return Action::Replace(self.id.clone(), codes);
                }
            }
            Message::KeepCurrent => self.pending = None,
            Message::Use(i) => {
                if !self.busy {
                    self.busy = true;
                    return Action::Use(self.id.clone(), i);
                }
            }
            Message::Back => return Action::Back(self.id.clone()),
        }
        Action::None
    }

    /// The screen.
    pub fn view<'a>(
        &'a self,
        lang: Lang,
        entry: &'a Entry,
        focus: &Focus<Message>,
    ) -> Element<'a, Message> {
        let t = |key| i18n::t(lang, key);
        let mut page = column![
            text(i18n::tf(
                lang,
                Key::RecoveryTitle,
                &[("label", &i18n::label(lang, &entry.account.label()))]
            ))
            .size(24),
            text(t(Key::RecoveryIntro))
                .size(13)
                .style(theme::label::muted),
        ]
        .spacing(10)
        .max_width(560);

        let total = entry.recovery_codes.len();
        if total == 0 {
            page = page.push(text(t(Key::RecoveryNone)));
        } else {
            page = page.push(
                text(i18n::tf(
                    lang,
                    Key::RecoveryCount,
                    &[
                        ("left", &entry.unused_recovery_codes().to_string()),
                        ("total", &total.to_string()),
                    ],
                ))
                .size(16),
            );
            let mut list = column![].spacing(4);
            for (i, code) in entry.recovery_codes.iter().enumerate() {
                // Never on screen until asked for (screen sharing).
                let revealed = self.revealed.contains(&i);
                let shown = if revealed {
                    text(code.code.expose())
                } else {
                    text(MASK)
                }
                .font(Font::MONOSPACE);
                let reveal = focus.button(
                    focus::Key::indexed("reveal", i),
                    button(
                        text(t(if revealed {
                            Key::ConcealSecret
                        } else {
                            Key::RevealSecret
                        }))
                        .size(13),
                    )
                    .style(theme::button::text),
                    Some(Message::Reveal(i)),
                );
                // Built after the Show button, beside which it is shown (Tab order).
                let status: Element<'a, Message> = match code.used_at {
                    Some(at) => text(i18n::tf(
                        lang,
                        Key::RecoveryUsedAt,
                        &[("when", &at.utc_minutes())],
                    ))
                    .size(13)
                    .style(theme::label::muted)
                    .into(),
                    None => focus.button(
                        focus::Key::indexed("use", i),
                        button(text(t(Key::RecoveryUse)).size(13)).style(theme::button::secondary),
                        (!self.busy).then_some(Message::Use(i)),
                    ),
                };
                list = list.push(
                    row![
                        if code.used_at.is_some() {
                            shown.style(theme::label::muted)
                        } else {
                            shown
                        }
                        .width(Length::Fill),
                        reveal,
                        status
                    ]
                    .spacing(12)
                    .align_y(Alignment::Center),
                );
            }
            page = page.push(container(list).padding(12).style(theme::boxed::section));
        }

        page = page.push(text(t(Key::RecoveryPasteLabel)).size(14));
        page = page.push(focus.editor(BLOCK_ID, |id| {
            text_editor(&self.block)
                .id(id)
                .on_action(Message::Edit)
                .font(Font::MONOSPACE)
                .height(Length::Fixed(120.0))
        }));
        if let Some(codes) = &self.pending {
            page = page.push(crate::gui::widget::confirm::view(
                i18n::tf(
                    lang,
                    Key::RecoveryReplaceConfirm,
                    &[
                        ("total", &total.to_string()),
                        ("n", &codes.len().to_string()),
                    ],
                ),
                focus.button(
                    "replace-yes",
                    button(text(t(Key::RecoveryReplaceYes))).style(theme::button::danger),
                    Some(Message::ConfirmReplace),
                ),
                focus.button(
                    "replace-no",
                    button(text(t(Key::Cancel))).style(theme::button::secondary),
                    Some(Message::KeepCurrent),
                ),
            ));
        }
        if let Some(error) = &self.error {
            page = page.push(text(error).style(theme::label::urgent));
        }
        let save = button(text(t(if total == 0 {
            Key::RecoverySave
        } else {
            Key::RecoveryReplace
        })))
        .style(theme::button::primary)
        .padding([8, 16]);
        page = page.push(
            row![
                focus.button(
                    "save",
                    save,
                    (!self.busy && self.pending.is_none()).then_some(Message::Save),
                ),
                focus.button(
                    "back",
                    button(text(t(Key::Back)))
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
        scrollable(container(page).center_x(Length::Fill).padding(24)).into()
    }
}
