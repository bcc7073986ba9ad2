//! The countdown of a time-based code: a ring that empties clockwise from the
//! top, with the seconds left in its middle, turning urgent in the last
//! [`URGENT_SECONDS`].
//!
//! A ring, like GNOME Authenticator's and Authy's, rather than a bar: it reads
//! at a glance in the corner of the eye, takes one small square of the row,
//! and its number says exactly how long is left.

use std::cell::RefCell;
use std::f32::consts::{FRAC_PI_2, TAU};
use std::rc::Rc;

use iced::widget::canvas::{self, Canvas, Frame, LineCap, Path, Stroke, path::Arc};
use iced::widget::{container, row, stack, text};
use iced::{Element, Length, Radians, Rectangle, Renderer, Theme, mouse};

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

/// One countdown: where its row put it, and what it shows.
#[derive(Clone, Copy, Debug)]
struct Placed {
    bounds: Rectangle,
    remaining: u32,
    period: u32,
}

/// The countdowns of one list, drawn together.
///
/// Each row's [`view`] records, when it is drawn, where its square was laid
/// out (rows out of view are not drawn and record nothing); [`layer`], drawn
/// over the whole list after it, then strokes every recorded ring in one
/// geometry and empties the record for the next frame. tiny-skia clears and
/// refills a clip mask the size of the window for each layer and (twice) for
/// each geometry, on every frame: a canvas with its seconds stacked on it in
/// every row cost three window-sized mask fills per row; the list now costs
/// three in all.
#[derive(Clone, Debug, Default)]
pub struct Rings(Rc<RefCell<Vec<Placed>>>);

/// A row's countdown: the seconds (a text, as before) in a square whose
/// ring the list's [`layer`] draws. A one-pixel-wide place just before the
/// square records where it was laid out (a stack would put the seconds in a
/// layer of their own, which is what this avoids).
pub fn view<'a, Message: 'a>(rings: &Rings, remaining: u32, period: u32) -> Element<'a, Message> {
    let place = Canvas::new(Slot {
        rings: rings.clone(),
        remaining,
        period,
    })
    .width(Length::Fixed(MARK))
    .height(Length::Fixed(SIDE));
    let seconds = text(remaining.to_string())
        .size(SECONDS_SIZE)
        .style(if is_urgent(remaining) {
            theme::label::urgent
        } else {
            theme::label::muted
        });
    row![place, container(seconds).center(Length::Fixed(SIDE))].into()
}

/// `list` with the countdowns its rows placed drawn over it.
pub fn layer<'a, Message: 'a>(
    list: impl Into<Element<'a, Message>>,
    rings: Rings,
) -> Element<'a, Message> {
    let over = Canvas::new(Over { rings })
        .width(Length::Fill)
        .height(Length::Fill);
    stack![list.into(), over].into()
}

/// Records where a countdown goes; draws nothing itself.
struct Slot {
    rings: Rings,
    remaining: u32,
    period: u32,
}

impl<Message> canvas::Program<Message> for Slot {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        _renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        self.rings.0.borrow_mut().push(Placed {
            bounds,
            remaining: self.remaining,
            period: self.period,
        });
        Vec::new()
    }
}

/// Draws the recorded countdowns, after the list (a stack draws in order).
struct Over {
    rings: Rings,
}

impl<Message> canvas::Program<Message> for Over {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let placed = std::mem::take(&mut *self.rings.0.borrow_mut());
        if placed.is_empty() {
            return Vec::new();
        }
        let mut frame = Frame::new(renderer, bounds.size());
        for ring in placed {
            // The ring's square starts where the place ends.
            let at = Rectangle {
                x: ring.bounds.x + ring.bounds.width - bounds.x,
                y: ring.bounds.y - bounds.y,
                width: SIDE,
                height: SIDE,
            };
            draw(&mut frame, theme, at, ring.remaining, ring.period);
        }
        vec![frame.into_geometry()]
    }
}

/// One ring, emptying clockwise from the top.
fn draw(frame: &mut Frame, theme: &Theme, bounds: Rectangle, remaining: u32, period: u32) {
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
