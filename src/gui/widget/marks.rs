//! Shapes drawn over a part of the window in one geometry: the countdown
//! rings and brand icons of the code list, the symbols of the header's
//! buttons.
//!
//! Each place that wants a shape puts a [`slot`] where it goes: a canvas
//! that draws nothing but records, when it is drawn, where it was laid out
//! (places out of view are not drawn and record nothing). [`layer`], drawn
//! over the whole part after it, then draws every recorded shape in one
//! geometry and empties the record for the next frame. tiny-skia clears and
//! refills a clip mask the size of the window for each layer and (twice) for
//! each geometry, on every frame: one canvas per ring or icon would cost
//! three window-sized mask fills each; a part of the window costs three in
//! all, however many shapes it holds.

use std::cell::RefCell;
use std::rc::Rc;

use iced::widget::canvas::{self, Canvas, Frame, LineCap, LineJoin, Stroke};
use iced::widget::stack;
use iced::{Color, Element, Length, Rectangle, Renderer, Theme, Vector, mouse};

use super::countdown;
use crate::gui::brand::{self, Brand};
use crate::gui::symbol::Symbol;
use crate::gui::theme;

/// What a slot asks to be drawn.
#[derive(Clone, Copy, Debug)]
pub enum Mark {
    /// A countdown ring, in the square just right of the slot.
    Ring {
        /// Seconds left.
        remaining: u32,
        /// The code's period.
        period: u32,
    },
    /// A brand icon filling the slot, on a row (`selected` or not).
    Brand {
        /// Which.
        brand: &'static Brand,
        /// Whether the row is selected (its background differs).
        selected: bool,
    },
    /// A symbol filling the slot, in a button's text colour.
    Symbol {
        /// Which.
        symbol: Symbol,
        /// The button it is on.
        on: Ink,
    },
}

/// Whose text colour a symbol takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    /// A primary button's.
    Primary,
    /// A secondary button's.
    Secondary,
    /// A disabled button's.
    Disabled,
}

impl Ink {
    /// The colour in this look.
    pub fn colour(self, theme: &Theme) -> Color {
        let c = theme::colours(theme);
        match self {
            Self::Primary => c.on_primary,
            Self::Secondary => c.on_secondary,
            Self::Disabled => c.on_disabled,
        }
    }
}

/// One mark and where its slot was laid out.
#[derive(Clone, Copy, Debug)]
struct Placed {
    bounds: Rectangle,
    mark: Mark,
}

/// The marks of one part of the window, drawn together by [`layer`].
#[derive(Clone, Debug, Default)]
pub struct Marks(Rc<RefCell<Vec<Placed>>>);

/// A place `width` × `height` that asks for `mark`.
pub fn slot<'a, Message: 'a>(
    marks: &Marks,
    mark: Mark,
    width: f32,
    height: f32,
) -> Element<'a, Message> {
    Canvas::new(Slot {
        marks: marks.clone(),
        mark,
    })
    .width(Length::Fixed(width))
    .height(Length::Fixed(height))
    .into()
}

/// `content` with the marks its slots placed drawn over it.
pub fn layer<'a, Message: 'a>(
    content: impl Into<Element<'a, Message>>,
    marks: Marks,
) -> Element<'a, Message> {
    let over = Canvas::new(Over { marks })
        .width(Length::Fill)
        .height(Length::Fill);
    stack![content.into(), over].into()
}

/// Records where a mark goes; draws nothing itself.
struct Slot {
    marks: Marks,
    mark: Mark,
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
        self.marks.0.borrow_mut().push(Placed {
            bounds,
            mark: self.mark,
        });
        Vec::new()
    }
}

/// Draws the recorded marks, after the content (a stack draws in order).
struct Over {
    marks: Marks,
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
        let placed = std::mem::take(&mut *self.marks.0.borrow_mut());
        if placed.is_empty() {
            return Vec::new();
        }
        let mut frame = Frame::new(renderer, bounds.size());
        for Placed { bounds: at, mark } in placed {
            // In the frame's coordinates.
            let at = Rectangle {
                x: at.x - bounds.x,
                y: at.y - bounds.y,
                ..at
            };
            match mark {
                Mark::Ring { remaining, period } => {
                    // The ring's square starts where the slot ends.
                    let square = Rectangle {
                        x: at.x + at.width,
                        y: at.y,
                        width: countdown::SIDE,
                        height: countdown::SIDE,
                    };
                    countdown::draw(&mut frame, theme, square, remaining, period);
                }
                Mark::Brand { brand, selected } => {
                    if let Some(path) = brand.path() {
                        let ink = brand.ink(theme::colours(theme), selected);
                        let scale = at.width.min(at.height) / brand::VIEW_BOX;
                        frame.with_save(|frame| {
                            frame.translate(Vector::new(at.x, at.y));
                            frame.scale(scale);
                            frame.fill(path, ink);
                        });
                    }
                }
                Mark::Symbol { symbol, on } => {
                    if let Some(path) = symbol.path() {
                        let scale = at.width.min(at.height) / Symbol::VIEW_BOX;
                        frame.with_save(|frame| {
                            frame.translate(Vector::new(at.x, at.y));
                            frame.scale(scale);
                            // The stroke's width is not scaled with the path.
                            frame.stroke(
                                path,
                                Stroke::default()
                                    .with_width(Symbol::STROKE * scale)
                                    .with_color(on.colour(theme))
                                    .with_line_cap(LineCap::Round)
                                    .with_line_join(LineJoin::Round),
                            );
                        });
                    }
                }
            }
        }
        vec![frame.into_geometry()]
    }
}
