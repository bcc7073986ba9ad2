//! Drawing the brand icons: each brand's path data (`crate::brand`, where the
//! catalogue and the matching live for both front ends) read into a canvas
//! path once, the first time it is drawn, and the colour it is drawn in per
//! look. The rules are in `docs/design.md` ("Brand icons").

use std::sync::OnceLock;

use iced::Color;
use iced::widget::canvas::Path;

use super::theme::{Colours, contrast};
use super::vector;
use crate::brand::Brand;

/// Brand colours need this contrast against a row's background to be used
/// (WCAG 1.4.11, graphical objects) …
const COLOUR_FLOOR: f32 = 3.0;
/// … and this much in the high-contrast looks (their text floor).
const HIGH_CONTRAST_FLOOR: f32 = 7.0;

/// An icon's geometry, kept for the process.
struct Shape {
    segments: Vec<vector::Segment>,
    path: Path,
}

/// Each brand's shape ([`Brand::index`]), read on first use (`None` if its
/// data could not be read).
fn shape(brand: &Brand) -> Option<&'static Shape> {
    static SHAPES: OnceLock<Box<[OnceLock<Option<Shape>>]>> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        crate::brand::all()
            .iter()
            .map(|_| OnceLock::new())
            .collect()
    });
    shapes
        .get(brand.index())?
        .get_or_init(|| {
            let segments = vector::parse(brand.path_data()).ok()?;
            let path = vector::to_path(&segments);
            Some(Shape { segments, path })
        })
        .as_ref()
}

/// The brand's colour as iced's.
pub fn colour(brand: &Brand) -> Color {
    let c = brand.colour;
    Color::from_rgb8(c.r, c.g, c.b)
}

/// How the app draws a brand.
pub trait Draw {
    /// The icon as a canvas path on the [`VIEW_BOX`](crate::brand::VIEW_BOX) square (filled with the
    /// non-zero rule); `None` if its data could not be read.
    fn path(&self) -> Option<&'static Path>;

    /// The icon's outline as polygons on the [`VIEW_BOX`](crate::brand::VIEW_BOX) square, for
    /// checking what a drawing shows ([`vector::covers`]).
    fn polygons(&self) -> Vec<Vec<iced::Point>>;

    /// The colour to draw it in on a row of this look: the brand's own where
    /// it stands out enough from every background the card can have (at rest,
    /// under the pointer, pressed, or selected), otherwise the row's text colour.
    fn ink(&self, colours: &Colours, selected: bool) -> Color;
}

impl Draw for Brand {
    fn path(&self) -> Option<&'static Path> {
        shape(self).map(|s| &s.path)
    }

    fn polygons(&self) -> Vec<Vec<iced::Point>> {
        shape(self)
            .map(|s| vector::flatten(&s.segments))
            .unwrap_or_default()
    }

    fn ink(&self, colours: &Colours, selected: bool) -> Color {
        let floor = if colours.is_high_contrast() {
            HIGH_CONTRAST_FLOOR
        } else {
            COLOUR_FLOOR
        };
        let grounds = if selected {
            [colours.selected; 3]
        } else {
            [colours.card, colours.card_hover, colours.card_pressed]
        };
        let own = colour(self);
        if grounds.iter().all(|g| contrast(own, *g) >= floor) {
            own
        } else if selected {
            colours.on_selected
        } else {
            colours.text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brand::{all, by_slug};
    use crate::gui::settings::ThemeChoice;
    use crate::gui::theme;

    #[test]
    fn every_icon_parses() {
        for brand in all() {
            assert!(brand.path().is_some(), "{} does not parse", brand.slug);
            assert!(!brand.polygons().is_empty(), "{} is empty", brand.slug);
        }
        let github = by_slug("github").unwrap_or_else(|| panic!("no GitHub"));
        assert_eq!(colour(github), Color::from_rgb8(0x18, 0x17, 0x17));
    }

    #[test]
    fn brand_colours_only_where_they_stand_out() {
        let look = |choice, mode, hc| theme::colours_for(choice, mode, hc);
        let light = look(ThemeChoice::Light, iced::theme::Mode::Light, false);
        let dark = look(ThemeChoice::Dark, iced::theme::Mode::Dark, false);
        let hc_dark = look(ThemeChoice::HighContrast, iced::theme::Mode::Dark, true);
        let hc_light = look(ThemeChoice::HighContrast, iced::theme::Mode::Light, true);
        let github = by_slug("github").unwrap_or_else(|| panic!("no GitHub"));
        let hetzner = by_slug("hetzner").unwrap_or_else(|| panic!("no Hetzner"));
        // Near-black GitHub: its colour on light, the text colour on dark.
        assert_eq!(github.ink(light, false), colour(github));
        assert_eq!(github.ink(dark, false), dark.text);
        assert_eq!(github.ink(dark, true), dark.on_selected);
        // Hetzner red stands out on light; not enough for high contrast on black.
        assert_eq!(hetzner.ink(light, false), colour(hetzner));
        assert_eq!(hetzner.ink(hc_dark, false), hc_dark.text);
        // Whatever is chosen stands out from the row.
        for colours in [light, dark, hc_light, hc_dark] {
            for brand in all() {
                for (selected, ground) in [(false, colours.background), (true, colours.selected)] {
                    let ink = brand.ink(colours, selected);
                    assert!(
                        contrast(ink, ground) >= COLOUR_FLOOR,
                        "{} on {}",
                        brand.slug,
                        colours.name
                    );
                }
            }
        }
    }
}
