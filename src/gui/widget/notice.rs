//! The line under a form that says how its last action went: an error in
//! the urgent colour, anything else in the text colour.

use iced::Element;
use iced::widget::text;

use crate::gui::theme;

/// The notice `(is_error, words)` as a text line.
pub fn view<'a, M: 'a>((is_error, words): &'a (bool, String)) -> Element<'a, M> {
    let label = text(words);
    if *is_error {
        label.style(theme::label::urgent).into()
    } else {
        label.into()
    }
}
