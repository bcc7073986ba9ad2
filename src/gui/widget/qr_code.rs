//! A QR code drawn on a canvas from [`qr::encode::Matrix`](crate::qr::encode::Matrix):
//! one black square per dark module on white, with the standard quiet zone,
//! whole pixels per module so phones read it from the screen.

use iced::widget::canvas::{self, Canvas};
use iced::{Color, Element, Length, Point, Rectangle, Renderer, Size, Theme, mouse};

use crate::qr::encode::{Matrix, QUIET_ZONE};

struct Program<'a> {
    matrix: &'a Matrix,
}

impl<Message> canvas::Program<Message> for Program<'_> {
    type State = ();

    fn draw(
        &self,
        _state: &(),
        renderer: &Renderer,
        _theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<canvas::Geometry> {
        let mut frame = canvas::Frame::new(renderer, bounds.size());
        let modules = self.matrix.size + 2 * QUIET_ZONE;
        let fit = bounds.width.min(bounds.height) / modules as f32;
        let module = fit.floor().max(1.0);
        let side = module * modules as f32;
        frame.fill_rectangle(Point::ORIGIN, Size::new(side, side), Color::WHITE);
        for y in 0..self.matrix.size {
            for x in 0..self.matrix.size {
                if self.matrix.is_dark(x, y) {
                    frame.fill_rectangle(
                        Point::new(
                            (x + QUIET_ZONE) as f32 * module,
                            (y + QUIET_ZONE) as f32 * module,
                        ),
                        Size::new(module, module),
                        Color::BLACK,
                    );
                }
            }
        }
        vec![frame.into_geometry()]
    }
}

/// The code, `side` logical pixels square.
pub fn view<'a, Message: 'a>(matrix: &'a Matrix, side: f32) -> Element<'a, Message> {
    Canvas::new(Program { matrix })
        .width(Length::Fixed(side))
        .height(Length::Fixed(side))
        .into()
}
