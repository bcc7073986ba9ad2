//! Shapes drawn over a part of the window in one layer: the countdown
//! rings and brand icons of the code list, the symbols of the header's
//! buttons.
//!
//! Each place that wants a shape puts a [`slot`] where it goes: a canvas
//! that draws nothing but records, when it is drawn, where it was laid out
//! (places out of view are not drawn and record nothing). [`layer`], drawn
//! over the whole part after it, then draws every recorded shape and
//! empties the record for the next frame. tiny-skia clears and refills a
//! clip mask the size of the window for each layer and (twice) for each
//! geometry, on every frame: one canvas per ring or icon would cost three
//! window-sized mask fills each; a part of the window costs a few in all,
//! however many shapes it holds.
//!
//! The shapes are kept between frames in two cached geometries, one for the
//! rings (which change every second) and one for what stays (icons and
//! symbols), each redrawn only when what it shows changed (a mark, where it
//! is, or the look's colours), and each bounded by its own marks rather than
//! by the whole part. tiny-skia redraws only the regions that changed from
//! the last frame ("damage"), and a cached geometry that did not change is no
//! damage: a frame asked for by the search field's blinking cursor redraws
//! the cursor, not every ring and icon; a tick redraws the rings' column,
//! not the icons and the header.
use std::cell::RefCell;
use std::rc::Rc;

use iced::widget::canvas::{self, Canvas, Frame, LineCap, LineJoin, Stroke};
use iced::widget::stack;
use iced::{Color, Element, Length, Rectangle, Renderer, Theme, Vector, mouse};

use super::countdown;
use crate::brand::{self, Brand};
use crate::gui::brand::Draw as _;
use crate::gui::symbol::Symbol;
use crate::gui::theme::{self, Colours};

/// What a slot asks to be drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
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
#[derive(Clone, Copy, Debug, PartialEq)]
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
    // Clipped: the marks' layer is the part's bounds, not the whole window,
    // so a change elsewhere (the search field) does not redraw through it.
    stack![content.into(), over].clip(true).into()
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

/// The marks last drawn, kept with the layer between frames.
#[derive(Default)]
struct Drawn {
    /// The countdown rings.
    rings: Part,
    /// Brand icons and symbols.
    still: Part,
}

/// One cached geometry and what it shows.
#[derive(Default)]
struct Part {
    cache: canvas::Cache,
    shown: RefCell<Option<(Vec<Placed>, Colours)>>,
}

impl Part {
    /// The geometry of `placed` (in the frame's coordinates), drawn again
    /// only when it differs from the last frame's.
    fn geometry(
        &self,
        renderer: &Renderer,
        theme: &Theme,
        placed: Vec<Placed>,
    ) -> Option<canvas::Geometry> {
        let colours = *theme::colours(theme);
        let area = placed
            .iter()
            .map(|p| extent(p).expand(MARGIN))
            .reduce(|a, b| a.union(&b))?;
        let mut shown = self.shown.borrow_mut();
        if shown.as_ref() != Some(&(placed.clone(), colours)) {
            self.cache.clear();
            *shown = Some((placed, colours));
        }
        let (placed, _) = shown.as_ref()?;
        Some(self.cache.draw_with_bounds(renderer, area, |frame| {
            for &Placed { bounds, mark } in placed {
                draw(frame, theme, bounds, mark);
            }
        }))
    }
}

/// Room around a mark's square for antialiasing and round caps.
const MARGIN: f32 = 2.0;

/// Where a placed mark draws (a ring: the square just right of its slot).
fn extent(placed: &Placed) -> Rectangle {
    match placed.mark {
        Mark::Ring { .. } => Rectangle {
            x: placed.bounds.x + placed.bounds.width,
            y: placed.bounds.y,
            width: countdown::SIDE,
            height: countdown::SIDE,
        },
        Mark::Brand { .. } | Mark::Symbol { .. } => placed.bounds,
    }
}

impl<Message> canvas::Program<Message> for Over {
    type State = Drawn;

    fn draw(
        &self,
        drawn: &Drawn,
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        // In the frame's coordinates.
        let (rings, still): (Vec<Placed>, Vec<Placed>) =
            std::mem::take(&mut *self.marks.0.borrow_mut())
                .into_iter()
                .map(|p| Placed {
                    bounds: Rectangle {
                        x: p.bounds.x - bounds.x,
                        y: p.bounds.y - bounds.y,
                        ..p.bounds
                    },
                    mark: p.mark,
                })
                .partition(|p| matches!(p.mark, Mark::Ring { .. }));
        [
            drawn.rings.geometry(renderer, theme, rings),
            drawn.still.geometry(renderer, theme, still),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// One mark on `frame`, `at` its slot's place.
fn draw(frame: &mut Frame, theme: &Theme, at: Rectangle, mark: Mark) {
    match mark {
        Mark::Ring { remaining, period } => {
            // The ring's square starts where the slot ends.
            let square = Rectangle {
                x: at.x + at.width,
                y: at.y,
                width: countdown::SIDE,
                height: countdown::SIDE,
            };
            countdown::draw(frame, theme, square, remaining, period);
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
