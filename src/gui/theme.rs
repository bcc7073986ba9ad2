//! Colours and style functions, named by role (`row::selected`, `text::urgent`).

use iced::widget::{button, container, text};
use iced::{Background, Border, Color, Theme};

use super::settings::ThemeChoice;

/// The iced theme for a choice; `None` follows the system colour scheme.
pub fn for_choice(choice: ThemeChoice) -> Option<Theme> {
    match choice {
        ThemeChoice::System => None,
        ThemeChoice::Light => Some(Theme::Light),
        ThemeChoice::Dark => Some(Theme::Dark),
    }
}

/// Avatar colours: distinct, readable with white text in light and dark themes.
const AVATAR_COLOURS: [Color; 8] = [
    Color::from_rgb8(0x1E, 0x88, 0xE5),
    Color::from_rgb8(0x43, 0xA0, 0x47),
    Color::from_rgb8(0xE5, 0x39, 0x35),
    Color::from_rgb8(0x8E, 0x24, 0xAA),
    Color::from_rgb8(0xFB, 0x8C, 0x00),
    Color::from_rgb8(0x00, 0x89, 0x7B),
    Color::from_rgb8(0x6D, 0x4C, 0x41),
    Color::from_rgb8(0x39, 0x49, 0xAB),
];

/// A stable colour for a name: the same issuer always gets the same colour
/// (FNV-1a over the lower-cased name, so it does not change between runs).
pub fn avatar_colour(name: &str) -> Color {
    let hash = name
        .to_lowercase()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    let index = usize::try_from(hash % AVATAR_COLOURS.len() as u64).unwrap_or(0);
    AVATAR_COLOURS[index]
}

/// Container styles.
pub mod boxed {
    use super::{Background, Border, Color, Theme, container};

    /// The round avatar behind an initial.
    pub fn avatar(colour: Color) -> impl Fn(&Theme) -> container::Style {
        move |_| container::Style {
            background: Some(Background::Color(colour)),
            text_color: Some(Color::WHITE),
            border: Border {
                radius: 20.0.into(),
                ..Border::default()
            },
            ..container::Style::default()
        }
    }

    /// A toast at the bottom of the window.
    pub fn toast(theme: &Theme) -> container::Style {
        let palette = theme.extended_palette();
        container::Style {
            background: Some(Background::Color(palette.background.strong.color)),
            text_color: Some(palette.background.strong.text),
            border: Border {
                radius: 8.0.into(),
                ..Border::default()
            },
            ..container::Style::default()
        }
    }

    /// The cue over the window while a file is dragged over it.
    pub fn drop_target(theme: &Theme) -> container::Style {
        let palette = theme.extended_palette();
        container::Style {
            background: Some(Background::Color(Color {
                a: 0.92,
                ..palette.background.base.color
            })),
            text_color: Some(palette.primary.base.color),
            border: Border {
                radius: 12.0.into(),
                width: 3.0,
                color: palette.primary.base.color,
            },
            ..container::Style::default()
        }
    }

    /// A notice that something failed.
    pub fn error(theme: &Theme) -> container::Style {
        let palette = theme.extended_palette();
        container::Style {
            background: Some(Background::Color(palette.danger.weak.color)),
            text_color: Some(palette.danger.weak.text),
            border: Border {
                radius: 6.0.into(),
                ..Border::default()
            },
            ..container::Style::default()
        }
    }

    /// A framed section (the advanced options, the code check).
    pub fn section(theme: &Theme) -> container::Style {
        let palette = theme.extended_palette();
        container::Style {
            background: Some(Background::Color(palette.background.weak.color)),
            text_color: Some(palette.background.weak.text),
            border: Border {
                radius: 6.0.into(),
                ..Border::default()
            },
            ..container::Style::default()
        }
    }
}

/// Button styles.
pub mod row {
    use super::{Background, Border, Theme, button};

    fn base(theme: &Theme, selected: bool, status: button::Status) -> button::Style {
        let palette = theme.extended_palette();
        let background = match (selected, status) {
            (true, _) => palette.primary.weak.color,
            (false, button::Status::Hovered | button::Status::Pressed) => {
                palette.background.weak.color
            }
            (false, _) => palette.background.base.color,
        };
        let text_color = if selected {
            palette.primary.weak.text
        } else {
            palette.background.base.text
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color,
            border: Border {
                radius: 8.0.into(),
                ..Border::default()
            },
            ..button::Style::default()
        }
    }

    /// A code row that is not selected.
    pub fn normal(theme: &Theme, status: button::Status) -> button::Style {
        base(theme, false, status)
    }

    /// The selected code row.
    pub fn selected(theme: &Theme, status: button::Status) -> button::Style {
        base(theme, true, status)
    }
}

/// Text styles.
pub mod label {
    use super::{Theme, text};

    /// The countdown in its last seconds, and errors.
    pub fn urgent(theme: &Theme) -> text::Style {
        text::danger(theme)
    }

    /// Secondary information (account names, hints).
    pub fn muted(theme: &Theme) -> text::Style {
        let palette = theme.extended_palette();
        text::Style {
            color: Some(palette.background.base.text.scale_alpha(0.65)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avatar_colour_is_stable_and_case_blind() {
        assert_eq!(avatar_colour("GitHub"), avatar_colour("github"));
        assert_eq!(avatar_colour("ACME"), avatar_colour("ACME"));
    }
}
