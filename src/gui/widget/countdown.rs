//! The countdown of a time-based code: a ring that empties clockwise from the
//! top, with the seconds left in its middle, turning urgent in the last
//! [`URGENT_SECONDS`].
//!
//! A ring, like GNOME Authenticator's and Authy's, rather than a bar: it reads
//! at a glance in the corner of the eye, takes one small square of the row,
//! and its number says exactly how long is left.

use std::f32::consts::{FRAC_PI_2, TAU};

use iced::widget::canvas::{Frame, LineCap, Path, Stroke, path::Arc};
use iced::widget::{container, row, text};
use iced::{Element, Length, Radians, Rectangle, Theme};

use super::marks::{self, Mark, Marks};
use crate::gui::theme;

/// From this many seconds left, the countdown is urgent and the next code shows.
pub const URGENT_SECONDS: u32 = 5;

/// The ring's outer diameter in logical pixels.
pub const SIDE: f32 = 36.0;

/// The ring's stroke width.
const WIDTH: f32 = 3.5;

/// The size of the seconds in the ring's middle.
const SECONDS_SIZE: f32 = 13.0;

/// The width of the place that records where a ring goes, just left of it.
const MARK: f32 = 1.0;

/// True in the last seconds of a code.
pub const fn is_urgent(remaining: u32) -> bool {
    remaining <= URGENT_SECONDS
}

/// The share of the period still left, in `0.0..=1.0`.
pub fn fraction(remaining: u32, period: u32) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let share = remaining as f32 / period.max(1) as f32;
    share.clamp(0.0, 1.0)
}

/// A row's countdown: the seconds (a text) in a square whose ring the
/// list's [`marks::layer`] draws. A one-pixel-wide slot just before the
/// square records where it was laid out (a stack would put the seconds in a
/// layer of their own, which is what drawing the rings together avoids).
pub fn view<'a, Message: 'a>(marks: &Marks, remaining: u32, period: u32) -> Element<'a, Message> {
    let place = marks::slot(marks, Mark::Ring { remaining, period }, MARK, SIDE);
    let seconds = text(remaining.to_string())
        .size(SECONDS_SIZE)
        .style(if is_urgent(remaining) {
            theme::label::urgent
        } else {
            theme::label::muted
        });
    row![place, container(seconds).center(Length::Fixed(SIDE))].into()
}

/// One ring, emptying clockwise from the top.
pub(crate) fn draw(
    frame: &mut Frame,
    theme: &Theme,
    bounds: Rectangle,
    remaining: u32,
    period: u32,
) {
    let urgent = is_urgent(remaining);
    let share = fraction(remaining, period);
    let center = bounds.center();
    let radius = (bounds.width.min(bounds.height) - WIDTH) / 2.0;
    frame.stroke(
        &Path::circle(center, radius),
        Stroke::default()
            .with_width(WIDTH)
            .with_color(theme::shape::track(theme)),
    );
    if share > 0.0 {
        let start = -FRAC_PI_2;
        let left = Path::new(|path| {
            path.arc(Arc {
                center,
                radius,
                start_angle: Radians(start),
                end_angle: Radians(start + TAU * share),
            });
        });
        frame.stroke(
            &left,
            Stroke::default()
                .with_width(WIDTH)
                .with_color(theme::shape::arc(theme, urgent))
                .with_line_cap(LineCap::Round),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_empties_with_the_period_and_never_overflows() {
        assert!((fraction(30, 30) - 1.0).abs() < f32::EPSILON);
        assert!((fraction(15, 30) - 0.5).abs() < f32::EPSILON);
        assert!(fraction(0, 30).abs() < f32::EPSILON);
        assert!((fraction(45, 30) - 1.0).abs() < f32::EPSILON);
        assert!((fraction(3, 0) - 1.0).abs() < f32::EPSILON);
        assert!(is_urgent(5) && !is_urgent(6));
    }
}
