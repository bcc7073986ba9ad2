//! A question that needs a yes or no before something irreversible happens
//! (delete an entry, replace recovery codes, delete source images).

use iced::Element;
use iced::widget::{column, container, row, text};

use crate::gui::theme;

/// The question in a warning box, with its two buttons under it (one
/// under the other when they do not fit side by side: a large text size).
pub fn view<'a, M: 'a>(
    question: String,
    yes: Element<'a, M>,
    no: Element<'a, M>,
) -> Element<'a, M> {
    container(
        column![
            text(question),
            row![yes, no].spacing(8).wrap().vertical_spacing(8)
        ]
        .spacing(10),
    )
    .padding(12)
    .style(theme::boxed::error)
    .into()
}
