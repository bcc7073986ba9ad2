//! One line of text that ends in "…" when it is wider than its column,
//! instead of running on or being cut through a letter (iced 0.14's text
//! has no ellipsis of its own).
//!
//! It lays the whole text out once; only when that is too wide does it look
//! (by halving) for the longest beginning that fits with "…" after it. What
//! it found is kept for the same text and width, so a frame that changes
//! neither costs nothing more than a plain text. Widget operations (and so
//! `iced_test`'s selectors) see the text as it is drawn: the whole name, or
//! its beginning and "…".
//!
//! It draws inside its own bounds, so it needs no clipping layer (in
//! tiny-skia each layer clears a window-sized mask on every frame).

use iced::widget::text::{LineHeight, Shaping, Wrapping};
use iced::{Element, Font, Length, Pixels, Rectangle, Size, Theme, mouse};
use iced_runtime::core::layout::{self, Layout};
use iced_runtime::core::renderer;
use iced_runtime::core::text::{self as core_text, Paragraph as _, paragraph::Plain};
use iced_runtime::core::widget::{self, Tree, Widget, tree};

/// What ends a text that was shortened.
pub const MARK: char = '…';

/// One line of `content` at `size`, shortened with "…" to its column's width.
pub fn ellipsis<'a>(content: impl Into<String>, size: f32) -> Ellipsis<'a> {
    Ellipsis {
        content: content.into(),
        size,
        font: None,
        style: None,
        width: Length::Fill,
    }
}

/// A text's colour by role (`theme::label::muted`).
type StyleFn<'a> = Box<dyn Fn(&Theme) -> iced::widget::text::Style + 'a>;

/// The widget ([`ellipsis`]).
pub struct Ellipsis<'a> {
    content: String,
    size: f32,
    font: Option<Font>,
    style: Option<StyleFn<'a>>,
    width: Length,
}

impl std::fmt::Debug for Ellipsis<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ellipsis")
            .field("content", &self.content)
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl<'a> Ellipsis<'a> {
    /// Its font.
    #[must_use]
    pub fn font(mut self, font: Font) -> Self {
        self.font = Some(font);
        self
    }

    /// Its colour, by role.
    #[must_use]
    pub fn style(mut self, style: impl Fn(&Theme) -> iced::widget::text::Style + 'a) -> Self {
        self.style = Some(Box::new(style));
        self
    }

    /// Its width (the column's, by default).
    #[must_use]
    pub fn width(mut self, width: impl Into<Length>) -> Self {
        self.width = width.into();
        self
    }

    fn line_height(&self) -> f32 {
        LineHeight::default().to_absolute(Pixels(self.size)).0
    }
}

/// What is kept between frames.
struct State<P: core_text::Paragraph> {
    /// The text drawn (the whole text, or its beginning and "…").
    shown: Plain<P>,
    /// The text and the width the last fit was worked out for.
    fitted: Option<(String, f32)>,
}

impl<P: core_text::Paragraph> Default for State<P> {
    fn default() -> Self {
        Self {
            shown: Plain::default(),
            fitted: None,
        }
    }
}

/// `content` laid out on one line, however long.
fn line_of(content: &str, size: f32, font: Font) -> core_text::Text<&str, Font> {
    core_text::Text {
        content,
        bounds: Size::new(f32::INFINITY, f32::INFINITY),
        size: Pixels(size),
        line_height: LineHeight::default(),
        font,
        align_x: core_text::Alignment::Left,
        align_y: iced::alignment::Vertical::Top,
        shaping: Shaping::Advanced,
        wrapping: Wrapping::None,
    }
}

/// The beginning of `content` (`chars` characters, trailing spaces dropped) and "…".
fn shortened(content: &str, chars: usize) -> String {
    let end = content
        .char_indices()
        .nth(chars)
        .map_or(content.len(), |(i, _)| i);
    let mut out = content[..end].trim_end().to_owned();
    out.push(MARK);
    out
}

impl<Message, Renderer> Widget<Message, Theme, Renderer> for Ellipsis<'_>
where
    Renderer: core_text::Renderer<Font = Font>,
{
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State<Renderer::Paragraph>>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::<Renderer::Paragraph>::default())
    }

    fn size(&self) -> Size<Length> {
        Size::new(self.width, Length::Shrink)
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        let state = tree.state.downcast_mut::<State<Renderer::Paragraph>>();
        let line = self.line_height();
        let max = limits.max().width;
        let font = self.font.unwrap_or_else(|| renderer.default_font());
        let width = |content: &str| {
            Renderer::Paragraph::with_text(line_of(content, self.size, font))
                .min_bounds()
                .width
        };
        let fresh = state
            .fitted
            .as_ref()
            .is_none_or(|(content, at)| content != &self.content || (at - max).abs() > 0.01);
        if fresh {
            let shown = if width(&self.content) <= max {
                self.content.clone()
            } else {
                // The longest beginning that fits with "…" (at least one character).
                let (mut fits, mut too_long) = (1, self.content.chars().count());
                while too_long - fits > 1 {
                    let mid = usize::midpoint(fits, too_long);
                    if width(&shortened(&self.content, mid)) <= max {
                        fits = mid;
                    } else {
                        too_long = mid;
                    }
                }
                shortened(&self.content, fits)
            };
            let _ = state.shown.update(line_of(&shown, self.size, font));
            state.fitted = Some((self.content.clone(), max));
        }
        let measured = state.shown.min_bounds().width.min(max);
        layout::Node::new(limits.resolve(self.width, Length::Shrink, Size::new(measured, line)))
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_ref::<State<Renderer::Paragraph>>();
        let colour = self
            .style
            .as_ref()
            .and_then(|s| s(theme).color)
            .unwrap_or(style.text_color);
        renderer.fill_paragraph(
            state.shown.raw(),
            layout.bounds().position(),
            colour,
            *viewport,
        );
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        _renderer: &Renderer,
        operation: &mut dyn widget::Operation,
    ) {
        let state = tree.state.downcast_ref::<State<Renderer::Paragraph>>();
        operation.text(None, layout.bounds(), state.shown.content());
    }
}

impl<'a, Message: 'a, Renderer> From<Ellipsis<'a>> for Element<'a, Message, Theme, Renderer>
where
    Renderer: core_text::Renderer<Font = Font> + 'a,
{
    fn from(widget: Ellipsis<'a>) -> Self {
        Element::new(widget)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shortened_text_ends_in_the_mark_without_a_space_before_it() {
        assert_eq!(shortened("Example Bank", 8), "Example…");
        assert_eq!(shortened("Example Bank", 7), "Example…");
        assert_eq!(shortened("Ábaco", 2), "Áb…");
        assert_eq!(shortened("ab", 5), "ab…");
    }
}
