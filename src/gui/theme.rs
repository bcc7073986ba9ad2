//! Colours by role and style functions named by role (`row::selected`,
//! `label::urgent`, `button::primary`). Every colour the app draws comes from
//! one [`Colours`] table per look, defined here and nowhere else; the iced
//! [`Theme`]s are built from those tables (their extended palettes, which the
//! built-in text fields, checkboxes and pick lists use, are ours too), and a
//! test computes the WCAG contrast of every text/background pair the styles
//! produce (`docs/design.md`).

use std::sync::LazyLock;

use iced::theme::{Mode, Palette, palette};
use iced::widget::{container, text};
use iced::{Background, Border, Color, Theme};

use super::settings::ThemeChoice;

/// Colours by role, for one look.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Colours {
    /// The look's name (also the iced theme's name, by which styles find it).
    pub name: &'static str,
    /// Whether the window background is dark.
    pub is_dark: bool,
    /// The window.
    pub background: Color,
    /// Body text.
    pub text: Color,
    /// Secondary text: account names, hints, the countdown's seconds.
    pub muted: Color,
    /// Sections, fields and a row under the pointer.
    pub surface: Color,
    /// Outlines of fields, sections and secondary buttons; the countdown's track.
    pub border: Color,
    /// A code card at rest.
    pub card: Color,
    /// A code card under the pointer.
    pub card_hover: Color,
    /// A code card while pressed.
    pub card_pressed: Color,
    /// The selected code card.
    pub selected: Color,
    /// Text on the selected row.
    pub on_selected: Color,
    /// The keyboard focus ring, the countdown arc, the drop cue.
    pub accent: Color,
    /// The countdown in its last seconds, and error sentences, on any background above.
    pub urgent: Color,
    /// Primary buttons: at rest, under the pointer, their text.
    pub primary: Color,
    /// A primary button under the pointer.
    pub primary_hover: Color,
    /// Text on primary buttons.
    pub on_primary: Color,
    /// Secondary buttons.
    pub secondary: Color,
    /// A secondary button under the pointer.
    pub secondary_hover: Color,
    /// Text on secondary buttons.
    pub on_secondary: Color,
    /// Destructive buttons.
    pub danger: Color,
    /// A destructive button under the pointer.
    pub danger_hover: Color,
    /// Text on destructive buttons.
    pub on_danger: Color,
    /// A button that cannot be pressed now.
    pub disabled: Color,
    /// Text on a disabled button.
    pub on_disabled: Color,
    /// A failure notice (and the recovery badge).
    pub error: Color,
    /// Text on a failure notice.
    pub on_error: Color,
    /// A toast.
    pub toast: Color,
    /// Text on a toast.
    pub on_toast: Color,
    /// Avatar backgrounds (one per issuer, by hash).
    pub avatars: [Color; 8],
    /// The initial on an avatar.
    pub on_avatar: Color,
}

const fn rgb(hex: u32) -> Color {
    Color::from_rgb8(
        ((hex >> 16) & 0xFF) as u8,
        ((hex >> 8) & 0xFF) as u8,
        (hex & 0xFF) as u8,
    )
}

/// The light look.
pub const LIGHT: Colours = Colours {
    name: "Tessera Light",
    is_dark: false,
    background: rgb(0xFFFFFF),
    text: rgb(0x1C1C1E),
    muted: rgb(0x55555E),
    surface: rgb(0xF1F1F4),
    border: rgb(0x767680),
    card: rgb(0xF1F1F4),
    card_hover: rgb(0xE7E7EC),
    card_pressed: rgb(0xDCDCE3),
    selected: rgb(0xDCE7FA),
    on_selected: rgb(0x1C1C1E),
    accent: rgb(0x1A5FB4),
    urgent: rgb(0xB3261E),
    primary: rgb(0x1A5FB4),
    primary_hover: rgb(0x144C91),
    on_primary: rgb(0xFFFFFF),
    secondary: rgb(0xE6E6EB),
    secondary_hover: rgb(0xD5D5DC),
    on_secondary: rgb(0x1C1C1E),
    danger: rgb(0xB3261E),
    danger_hover: rgb(0x8C1D17),
    on_danger: rgb(0xFFFFFF),
    disabled: rgb(0xEDEDF0),
    on_disabled: rgb(0x5E5E66),
    error: rgb(0xFCE8E6),
    on_error: rgb(0x7A1712),
    toast: rgb(0x2E2E33),
    on_toast: rgb(0xFFFFFF),
    avatars: AVATARS,
    on_avatar: rgb(0xFFFFFF),
};

/// The dark look.
pub const DARK: Colours = Colours {
    name: "Tessera Dark",
    is_dark: true,
    background: rgb(0x1E1E22),
    text: rgb(0xF2F2F5),
    muted: rgb(0xB0B0BA),
    surface: rgb(0x2A2A30),
    border: rgb(0x80808B),
    card: rgb(0x2A2A30),
    card_hover: rgb(0x33333A),
    card_pressed: rgb(0x3C3C44),
    selected: rgb(0x213B5E),
    on_selected: rgb(0xF2F2F5),
    accent: rgb(0x78AEED),
    urgent: rgb(0xFF8A80),
    primary: rgb(0x1C5FB0),
    primary_hover: rgb(0x174E92),
    on_primary: rgb(0xFFFFFF),
    secondary: rgb(0x3A3A42),
    secondary_hover: rgb(0x4A4A54),
    on_secondary: rgb(0xF2F2F5),
    danger: rgb(0xB8232D),
    danger_hover: rgb(0x961C24),
    on_danger: rgb(0xFFFFFF),
    disabled: rgb(0x2E2E34),
    on_disabled: rgb(0xA3A3AD),
    error: rgb(0x4A1C1C),
    on_error: rgb(0xFFD7D2),
    toast: rgb(0x3A3A42),
    on_toast: rgb(0xFFFFFF),
    avatars: AVATARS,
    on_avatar: rgb(0xFFFFFF),
};

/// High contrast on a light background: black on white, every text pair at
/// least 7:1.
pub const HIGH_CONTRAST_LIGHT: Colours = Colours {
    name: "Tessera High Contrast Light",
    is_dark: false,
    background: rgb(0xFFFFFF),
    text: rgb(0x000000),
    muted: rgb(0x2E2E2E),
    surface: rgb(0xF0F0F0),
    border: rgb(0x000000),
    card: rgb(0xFFFFFF),
    card_hover: rgb(0xEBEBEB),
    card_pressed: rgb(0xDADADA),
    selected: rgb(0xD6E6FF),
    on_selected: rgb(0x000000),
    accent: rgb(0x0000B8),
    urgent: rgb(0x8A0000),
    primary: rgb(0x00307A),
    primary_hover: rgb(0x001B47),
    on_primary: rgb(0xFFFFFF),
    secondary: rgb(0xFFFFFF),
    secondary_hover: rgb(0xE0E0E0),
    on_secondary: rgb(0x000000),
    danger: rgb(0x7A0000),
    danger_hover: rgb(0x520000),
    on_danger: rgb(0xFFFFFF),
    disabled: rgb(0xE6E6E6),
    on_disabled: rgb(0x333333),
    error: rgb(0xFFFFFF),
    on_error: rgb(0x7A0000),
    toast: rgb(0x000000),
    on_toast: rgb(0xFFFFFF),
    avatars: [rgb(0x000000); 8],
    on_avatar: rgb(0xFFFFFF),
};

/// High contrast on a dark background: white on black, every text pair at
/// least 7:1.
pub const HIGH_CONTRAST_DARK: Colours = Colours {
    name: "Tessera High Contrast Dark",
    is_dark: true,
    background: rgb(0x000000),
    text: rgb(0xFFFFFF),
    muted: rgb(0xD6D6D6),
    surface: rgb(0x161616),
    border: rgb(0xFFFFFF),
    card: rgb(0x000000),
    card_hover: rgb(0x1F1F1F),
    card_pressed: rgb(0x2E2E2E),
    selected: rgb(0x0A2547),
    on_selected: rgb(0xFFFFFF),
    accent: rgb(0xFFE600),
    urgent: rgb(0xFFB3AB),
    primary: rgb(0xA8D0FF),
    primary_hover: rgb(0xD2E6FF),
    on_primary: rgb(0x000000),
    secondary: rgb(0x000000),
    secondary_hover: rgb(0x303030),
    on_secondary: rgb(0xFFFFFF),
    danger: rgb(0xFFB3AB),
    danger_hover: rgb(0xFFD6D1),
    on_danger: rgb(0x000000),
    disabled: rgb(0x1F1F1F),
    on_disabled: rgb(0xC8C8C8),
    error: rgb(0x000000),
    on_error: rgb(0xFFB3AB),
    toast: rgb(0xFFFFFF),
    on_toast: rgb(0x000000),
    avatars: [rgb(0xFFFFFF); 8],
    on_avatar: rgb(0x000000),
};

/// Every look, for the contrast test and the theme lookup.
pub const ALL: [&Colours; 4] = [&LIGHT, &DARK, &HIGH_CONTRAST_LIGHT, &HIGH_CONTRAST_DARK];

/// Avatar colours of the light and dark looks: distinct, each at least 4.5:1
/// with white initials.
const AVATARS: [Color; 8] = [
    rgb(0x1565C0),
    rgb(0x2E7D32),
    rgb(0xC62828),
    rgb(0x6A1B9A),
    rgb(0xBF360C),
    rgb(0x00695C),
    rgb(0x5D4037),
    rgb(0x283593),
];

impl Colours {
    /// Whether this is one of the high-contrast looks.
    pub fn is_high_contrast(&self) -> bool {
        self.name == HIGH_CONTRAST_LIGHT.name || self.name == HIGH_CONTRAST_DARK.name
    }

    /// The extended palette iced's built-in widgets read (fields, checkboxes,
    /// pick lists, scrollbars), filled from the roles rather than generated.
    fn extended(&self) -> palette::Extended {
        let pair = |color, text| palette::Pair { color, text };
        let on_bg = |color| pair(color, self.text);
        palette::Extended {
            background: palette::Background {
                base: on_bg(self.background),
                weakest: on_bg(self.surface),
                weaker: on_bg(self.surface),
                weak: on_bg(self.surface),
                neutral: on_bg(self.surface),
                // Field outlines and placeholders, scrollbars.
                strong: pair(self.border, self.background),
                stronger: pair(self.border, self.background),
                // A disabled field's placeholder.
                strongest: pair(self.muted, self.background),
            },
            primary: palette::Primary {
                base: pair(self.primary, self.on_primary),
                weak: pair(self.selected, self.on_selected),
                strong: pair(self.primary_hover, self.on_primary),
            },
            // iced draws placeholders in the secondary colour (our own
            // buttons have their own roles).
            secondary: palette::Secondary {
                base: pair(self.muted, self.background),
                weak: pair(self.muted, self.background),
                strong: pair(self.muted, self.background),
            },
            success: palette::Success {
                base: pair(self.primary, self.on_primary),
                weak: pair(self.selected, self.on_selected),
                strong: pair(self.primary_hover, self.on_primary),
            },
            warning: palette::Warning {
                base: pair(self.danger, self.on_danger),
                weak: pair(self.error, self.on_error),
                strong: pair(self.danger_hover, self.on_danger),
            },
            danger: palette::Danger {
                base: pair(self.danger, self.on_danger),
                weak: pair(self.error, self.on_error),
                strong: pair(self.danger_hover, self.on_danger),
            },
            is_dark: self.is_dark,
        }
    }

    fn theme(&'static self) -> Theme {
        let palette = Palette {
            background: self.background,
            text: self.text,
            primary: self.primary,
            success: self.primary,
            warning: self.danger,
            danger: self.danger,
        };
        Theme::custom_with_fn(self.name, palette, |_| self.extended())
    }
}

/// The iced themes, built once (a theme is handed to iced at every frame:
/// cloning one is a reference count, not an allocation).
static THEMES: LazyLock<[Theme; 4]> = LazyLock::new(|| ALL.map(Colours::theme));

/// What the window shows for a theme choice: `mode` is the desktop's colour
/// scheme (iced's system theme), `high_contrast` the desktop's contrast
/// preference (the Settings portal's `org.freedesktop.appearance contrast`).
/// "High contrast" follows the desktop's light or dark; "System" turns to high
/// contrast when the desktop asks for it.
pub fn colours_for(choice: ThemeChoice, mode: Mode, high_contrast: bool) -> &'static Colours {
    let dark = mode == Mode::Dark;
    match (choice, dark) {
        (ThemeChoice::Light, _) => &LIGHT,
        (ThemeChoice::Dark, _) => &DARK,
        (ThemeChoice::HighContrast, false) => &HIGH_CONTRAST_LIGHT,
        (ThemeChoice::HighContrast, true) => &HIGH_CONTRAST_DARK,
        (ThemeChoice::System, false) if high_contrast => &HIGH_CONTRAST_LIGHT,
        (ThemeChoice::System, true) if high_contrast => &HIGH_CONTRAST_DARK,
        (ThemeChoice::System, false) => &LIGHT,
        (ThemeChoice::System, true) => &DARK,
    }
}

/// The iced theme for a look.
pub fn theme(colours: &'static Colours) -> Theme {
    ALL.iter()
        .position(|c| c.name == colours.name)
        .map_or(Theme::Light, |i| THEMES[i].clone())
}

/// The roles of the look `theme` was built from (iced's own themes, which the
/// app never picks, get the light or dark look).
pub fn colours(theme: &Theme) -> &'static Colours {
    #[cfg(test)]
    if let Some(look) = tests::OVERRIDE.with(std::cell::Cell::get) {
        return look;
    }
    if let Theme::Custom(_) = theme {
        let name = iced::theme::Base::name(theme);
        if let Some(found) = ALL.iter().find(|c| c.name == name) {
            return found;
        }
    }
    if theme.extended_palette().is_dark {
        &DARK
    } else {
        &LIGHT
    }
}

/// The roles of the look in use, by the iced theme's name (no allocation).
fn roles(theme: &Theme) -> &'static Colours {
    colours(theme)
}

/// A stable avatar for a name: the same issuer always gets the same colour
/// (FNV-1a over the lower-cased name, so it does not change between runs);
/// an index into [`Colours::avatars`].
pub fn avatar_index(name: &str) -> usize {
    let hash = name
        .chars()
        .flat_map(char::to_lowercase)
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, c| {
            let mut buf = [0; 4];
            c.encode_utf8(&mut buf)
                .bytes()
                .fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
        });
    usize::try_from(hash % AVATARS.len() as u64).unwrap_or(0)
}

/// Container styles.
pub mod boxed {
    use super::{Background, Border, Color, Theme, container, roles};

    /// The round avatar behind an initial ([`super::avatar_index`]).
    pub fn avatar(index: usize) -> impl Fn(&Theme) -> container::Style {
        move |theme| {
            let c = roles(theme);
            container::Style {
                background: Some(Background::Color(c.avatars[index % c.avatars.len()])),
                text_color: Some(c.on_avatar),
                border: Border {
                    radius: 20.0.into(),
                    ..Border::default()
                },
                ..container::Style::default()
            }
        }
    }

    /// A toast at the bottom of the window.
    pub fn toast(theme: &Theme) -> container::Style {
        let c = roles(theme);
        container::Style {
            background: Some(Background::Color(c.toast)),
            text_color: Some(c.on_toast),
            border: Border {
                radius: 8.0.into(),
                width: 1.0,
                color: c.border,
            },
            ..container::Style::default()
        }
    }

    /// The cue over the window while a file is dragged over it.
    pub fn drop_target(theme: &Theme) -> container::Style {
        let c = roles(theme);
        container::Style {
            background: Some(Background::Color(Color {
                a: 0.96,
                ..c.background
            })),
            text_color: Some(c.text),
            border: Border {
                radius: 12.0.into(),
                width: 3.0,
                color: c.accent,
            },
            ..container::Style::default()
        }
    }

    /// A notice that something failed.
    pub fn error(theme: &Theme) -> container::Style {
        let c = roles(theme);
        container::Style {
            background: Some(Background::Color(c.error)),
            text_color: Some(c.on_error),
            border: Border {
                radius: 6.0.into(),
                width: if c.is_high_contrast() { 1.0 } else { 0.0 },
                color: c.on_error,
            },
            ..container::Style::default()
        }
    }

    /// A framed section (the advanced options, the code check).
    pub fn section(theme: &Theme) -> container::Style {
        let c = roles(theme);
        container::Style {
            background: Some(Background::Color(c.surface)),
            text_color: Some(c.text),
            border: Border {
                radius: 6.0.into(),
                width: if c.is_high_contrast() { 1.0 } else { 0.0 },
                color: c.border,
            },
            ..container::Style::default()
        }
    }

    /// The ring around the control that has the keyboard focus (drawn by
    /// the app: iced 0.14 focuses only text fields), or none.
    pub fn focus(focused: bool) -> impl Fn(&Theme) -> container::Style {
        move |theme| {
            let c = roles(theme);
            container::Style {
                border: Border {
                    radius: 8.0.into(),
                    width: if focused { super::FOCUS_WIDTH } else { 0.0 },
                    color: c.accent,
                },
                ..container::Style::default()
            }
        }
    }

    /// The focus ring on a toast (the toast's own text colour: the accent
    /// can be too close to the toast's background).
    pub fn focus_on_toast(focused: bool) -> impl Fn(&Theme) -> container::Style {
        move |theme| {
            let c = roles(theme);
            container::Style {
                border: Border {
                    radius: 8.0.into(),
                    width: if focused { super::FOCUS_WIDTH } else { 0.0 },
                    color: c.on_toast,
                },
                ..container::Style::default()
            }
        }
    }
}

/// The focus ring's width in logical pixels.
pub const FOCUS_WIDTH: f32 = 2.0;
/// The room a focus ring takes on each side of its control, shown or not
/// (the ring's line and a pixel between it and the control).
pub const RING_PADDING: f32 = FOCUS_WIDTH + 1.0;

/// Button styles by role (used instead of iced's, whose disabled state fades
/// text to half its alpha, below any contrast floor).
pub mod button {
    use super::{Background, Border, Color, Colours, Theme, roles};
    use iced::widget::button::{Status, Style};

    fn filled(c: &Colours, rest: Color, hover: Color, on: Color, status: Status) -> Style {
        let (background, text_color) = match status {
            Status::Active | Status::Pressed => (rest, on),
            Status::Hovered => (hover, on),
            Status::Disabled => (c.disabled, c.on_disabled),
        };
        Style {
            background: Some(Background::Color(background)),
            text_color,
            border: Border {
                radius: 6.0.into(),
                width: if c.is_high_contrast() { 1.0 } else { 0.0 },
                color: c.border,
            },
            ..Style::default()
        }
    }

    /// The main action of a screen.
    pub fn primary(theme: &Theme, status: Status) -> Style {
        let c = roles(theme);
        filled(c, c.primary, c.primary_hover, c.on_primary, status)
    }

    /// Other actions.
    pub fn secondary(theme: &Theme, status: Status) -> Style {
        let c = roles(theme);
        filled(c, c.secondary, c.secondary_hover, c.on_secondary, status)
    }

    /// Actions that delete something.
    pub fn danger(theme: &Theme, status: Status) -> Style {
        let c = roles(theme);
        filled(c, c.danger, c.danger_hover, c.on_danger, status)
    }

    /// A value of a segmented choice (`widget::segmented`): the chosen one
    /// in the selected colours with an accent outline, the others as
    /// secondary buttons.
    pub fn segment(chosen: bool) -> impl Fn(&Theme, Status) -> Style {
        move |theme, status| {
            let c = roles(theme);
            if chosen {
                Style {
                    background: Some(Background::Color(c.selected)),
                    text_color: c.on_selected,
                    border: Border {
                        radius: 6.0.into(),
                        width: 1.0,
                        color: c.accent,
                    },
                    ..Style::default()
                }
            } else {
                filled(c, c.secondary, c.secondary_hover, c.on_secondary, status)
            }
        }
    }

    /// A borderless action on the window background (a link).
    pub fn text(theme: &Theme, status: Status) -> Style {
        let c = roles(theme);
        let text_color = match status {
            Status::Active | Status::Pressed => c.text,
            Status::Hovered => c.accent,
            Status::Disabled => c.on_disabled,
        };
        Style {
            text_color,
            ..Style::default()
        }
    }

    /// An icon button on a card (the row's actions): no fill of its own at
    /// rest, so it sits on whatever the card's state is; a fill under the
    /// pointer.
    pub fn icon(theme: &Theme, status: Status) -> Style {
        let c = roles(theme);
        let background = match status {
            Status::Hovered => Some(Background::Color(c.secondary_hover)),
            Status::Pressed => Some(Background::Color(c.card_pressed)),
            Status::Active | Status::Disabled => None,
        };
        Style {
            background,
            text_color: c.on_secondary,
            border: Border {
                radius: 8.0.into(),
                width: if c.is_high_contrast() && status == Status::Hovered {
                    1.0
                } else {
                    0.0
                },
                color: c.border,
            },
            ..Style::default()
        }
    }

    /// The dismiss action on a toast (`error`: on a failure notice).
    pub fn on_toast(error: bool) -> impl Fn(&Theme, Status) -> Style {
        move |theme, _status| {
            let c = roles(theme);
            Style {
                text_color: if error { c.on_error } else { c.on_toast },
                ..Style::default()
            }
        }
    }
}

/// Code row styles: each row is a card.
pub mod row {
    use super::{Background, Border, Theme, roles};
    use iced::widget::button;

    fn base(theme: &Theme, selected: bool, focused: bool, status: button::Status) -> button::Style {
        let c = roles(theme);
        // The selected card keeps its colour under the pointer: the
        // highlight says where the keyboard is, whatever the mouse does.
        let background = match (selected, status) {
            (true, _) => c.selected,
            (false, button::Status::Hovered) => c.card_hover,
            (false, button::Status::Pressed) => c.card_pressed,
            (false, button::Status::Active | button::Status::Disabled) => c.card,
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color: if selected { c.on_selected } else { c.text },
            border: Border {
                radius: 12.0.into(),
                width: if focused {
                    super::FOCUS_WIDTH
                } else if c.is_high_contrast() {
                    // Cards are outlined in high contrast (their fill is
                    // close to the window's), the selected one more so.
                    if selected { 2.0 } else { 1.0 }
                } else {
                    0.0
                },
                color: if focused { c.accent } else { c.border },
            },
            ..button::Style::default()
        }
    }

    /// A card: `selected` by the keyboard (or the last click), `focused`
    /// when it holds the keyboard focus (the app's ring round it).
    pub fn card(selected: bool, focused: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
        move |theme, status| base(theme, selected, focused, status)
    }

    /// A card that is not selected.
    pub fn normal(theme: &Theme, status: button::Status) -> button::Style {
        base(theme, false, false, status)
    }

    /// The selected card.
    pub fn selected(theme: &Theme, status: button::Status) -> button::Style {
        base(theme, true, false, status)
    }

    /// The selected card while it has the keyboard focus.
    pub fn focused(theme: &Theme, status: button::Status) -> button::Style {
        base(theme, true, true, status)
    }
}

/// Text styles.
pub mod label {
    use super::{Theme, roles, text};

    /// The countdown in its last seconds, and errors.
    pub fn urgent(theme: &Theme) -> text::Style {
        text::Style {
            color: Some(roles(theme).urgent),
        }
    }

    /// Secondary information (account names, hints).
    pub fn muted(theme: &Theme) -> text::Style {
        text::Style {
            color: Some(roles(theme).muted),
        }
    }
}

/// Colours of drawn shapes (canvas), by role.
pub mod shape {
    use super::{Color, Theme, roles};

    /// The countdown ring's track.
    pub fn track(theme: &Theme) -> Color {
        roles(theme).border
    }

    /// The countdown ring's arc (`urgent`: in its last seconds).
    pub fn arc(theme: &Theme, urgent: bool) -> Color {
        let c = roles(theme);
        if urgent { c.urgent } else { c.accent }
    }
}

/// WCAG 2.x contrast: relative luminance of an sRGB colour.
pub fn luminance(colour: Color) -> f32 {
    let channel = |v: f32| {
        if v <= 0.040_45 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)
}

/// `top` drawn over the opaque `below` (alpha compositing).
pub fn over(top: Color, below: Color) -> Color {
    let mix = |a: f32, b: f32| a * top.a + b * (1.0 - top.a);
    Color::from_rgb(
        mix(top.r, below.r),
        mix(top.g, below.g),
        mix(top.b, below.b),
    )
}

/// The WCAG contrast ratio of two opaque colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests;
