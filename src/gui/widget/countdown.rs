//! The countdown of a time-based code: a ring that empties clockwise from the
//! top, with the seconds left in its middle, turning urgent in the last
//! [`URGENT_SECONDS`].
//!
//! A ring, like GNOME Authenticator's and Authy's, rather than a bar: it reads
//! at a glance in the corner of the eye, takes one small square of the row,
//! and its number says exactly how long is left.

use std::f32::consts::{FRAC_PI_2, TAU};

use iced::widget::canvas::{self, Canvas, LineCap, Path, Stroke, path::Arc};
use iced::widget::{container, stack, text};
use iced::{Element, Length, Radians, Rectangle, Renderer, Theme, mouse};

use crate::gui::theme;

/// From this many seconds left, the countdown is urgent and the next code shows.
pub const URGENT_SECONDS: u32 = 5;

/// The ring's outer diameter in logical pixels.
pub const SIDE: f32 = 36.0;

/// The ring's stroke width.
const WIDTH: f32 = 3.5;

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

struct Ring {
    fraction: f32,
    urgent: bool,
}

impl<Message> canvas::Program<Message> for Ring {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let mut frame = canvas::Frame::new(renderer, bounds.size());
        let center = frame.center();
        let radius = (bounds.width.min(bounds.height) - WIDTH) / 2.0;
        frame.stroke(
            &Path::circle(center, radius),
            Stroke::default()
                .with_width(WIDTH)
                .with_color(theme::shape::track(theme)),
        );
        if self.fraction > 0.0 {
            let start = -FRAC_PI_2;
            let left = Path::new(|path| {
                path.arc(Arc {
                    center,
                    radius,
                    start_angle: Radians(start),
                    end_angle: Radians(start + TAU * self.fraction),
                });
            });
            let colour = theme::shape::arc(theme, self.urgent);
            frame.stroke(
                &left,
                Stroke::default()
                    .with_width(WIDTH)
                    .with_color(colour)
                    .with_line_cap(LineCap::Round),
            );
        }
        vec![frame.into_geometry()]
    }
}

/// The ring and the seconds left.
pub fn view<'a, Message: 'a>(remaining: u32, period: u32) -> Element<'a, Message> {
    let urgent = is_urgent(remaining);
    let ring = Canvas::new(Ring {
        fraction: fraction(remaining, period),
        urgent,
    })
    .width(Length::Fixed(SIDE))
    .height(Length::Fixed(SIDE));
    let seconds = text(remaining.to_string()).size(13).style(if urgent {
        theme::label::urgent
    } else {
        theme::label::muted
    });
    stack![ring, container(seconds).center(Length::Fixed(SIDE))].into()
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
