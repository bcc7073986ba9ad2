//! A short notice at the bottom of the window ("Code copied…").

use crate::gui::focus::Focus;
use iced::widget::{button, container, row, text};
use iced::{Element, Length};

use crate::clock::Timestamp;
use crate::gui::theme;

/// How long a toast stays, in seconds.
pub const SECONDS: u64 = 4;

/// A notice and when it goes away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    /// The text shown.
    pub text: String,
    /// Whether it reports a failure (stays until dismissed).
    pub is_error: bool,
    /// When it disappears by itself (`None`: until dismissed).
    pub until: Option<Timestamp>,
}

impl Toast {
    /// A notice that disappears after [`SECONDS`].
    pub fn info(text: impl Into<String>, now: Timestamp) -> Self {
        Self {
            text: text.into(),
            is_error: false,
            until: Some(Timestamp(now.secs().saturating_add(SECONDS))),
        }
    }

    /// A failure, shown until dismissed.
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: true,
            until: None,
        }
    }

    /// Whether it should still show at `now`.
    pub fn is_live(&self, now: Timestamp) -> bool {
        self.until.is_none_or(|until| now < until)
    }
}

/// The focus key of the toast's dismiss button (the last tab stop).
pub const DISMISS_KEY: &str = "toast-dismiss";

/// The toast, with a dismiss button sending `dismiss`.
pub fn view<'a, Message: Clone + 'static>(
    toast: &'a Toast,
    dismiss_label: &'a str,
    dismiss: Message,
    focus: &Focus<Message>,
) -> Element<'a, Message> {
    container(
        row![
            text(&toast.text).width(Length::Fill),
            focus.toast_button(
                DISMISS_KEY,
                button(text(dismiss_label).size(14)).style(theme::button::on_toast(toast.is_error)),
                dismiss,
            ),
        ]
        .spacing(12)
        .align_y(iced::Alignment::Center),
    )
    .padding(12)
    .width(Length::Fill)
    .style(if toast.is_error {
        theme::boxed::error
    } else {
        theme::boxed::toast
    })
    .into()
}
