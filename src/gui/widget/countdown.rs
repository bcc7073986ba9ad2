//! The countdown of a time-based code: a bar that empties plus the seconds,
//! turning urgent in the last [`URGENT_SECONDS`].

use iced::widget::{column, progress_bar, text};
use iced::{Element, Length};

use crate::gui::i18n::{self, Key, Lang};
use crate::gui::theme;

/// From this many seconds left, the countdown is urgent and the next code shows.
pub const URGENT_SECONDS: u32 = 5;

/// True in the last seconds of a code.
pub const fn is_urgent(remaining: u32) -> bool {
    remaining <= URGENT_SECONDS
}

/// The bar and the seconds left.
pub fn view<'a, Message: 'a>(lang: Lang, remaining: u32, period: u32) -> Element<'a, Message> {
    let urgent = is_urgent(remaining);
    #[allow(clippy::cast_precision_loss)]
    let bar = progress_bar(0.0..=period.max(1) as f32, remaining as f32)
        .length(Length::Fixed(64.0))
        .girth(Length::Fixed(6.0))
        .style(if urgent {
            theme::bar::urgent
        } else {
            theme::bar::calm
        });
    let seconds = text(i18n::tf(
        lang,
        Key::SecondsShort,
        &[("secs", &remaining.to_string())],
    ))
    .size(14)
    .style(if urgent {
        theme::label::urgent
    } else {
        theme::label::muted
    });
    column![bar, seconds]
        .spacing(4)
        .align_x(iced::Alignment::End)
        .into()
}
