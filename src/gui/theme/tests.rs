//! Contrast of every text/background pair the styles produce, computed from
//! each look's own colours (WCAG 2.x): at least 7:1 in the high-contrast
//! looks and 4.5:1 in the others for text; 3:1 for the focus ring, the
//! countdown arc and field outlines (non-text, WCAG 1.4.11).

use std::cell::Cell;

use iced::widget::{button as iced_button, checkbox, pick_list, text_input};

use super::*;

thread_local! {
    /// A look the styles use instead of the theme's (a test swaps in a
    /// spoiled copy to see the check fail).
    pub(super) static OVERRIDE: Cell<Option<&'static Colours>> = const { Cell::new(None) };
}

const BUTTON_STATES: [iced_button::Status; 4] = [
    iced_button::Status::Active,
    iced_button::Status::Hovered,
    iced_button::Status::Pressed,
    iced_button::Status::Disabled,
];

/// One pair the app draws: what, foreground, background, the floor.
struct Pair {
    what: String,
    fg: Color,
    bg: Color,
    min: f32,
}

fn solid(background: Option<Background>, below: Color) -> Color {
    match background {
        Some(Background::Color(colour)) => over(colour, below),
        _ => below,
    }
}

/// Every pair of `c`, read from the style functions the screens use.
fn pairs(c: &'static Colours) -> Vec<Pair> {
    let theme = &theme_of(c);
    let text_min = if c.is_high_contrast() { 7.0 } else { 4.5 };
    let shape_min = 3.0;
    let window = c.background;
    let mut out = Vec::new();
    let mut text = |what: String, fg: Color, bg: Color| {
        out.push(Pair {
            what,
            fg: over(fg, bg),
            bg,
            min: text_min,
        });
    };
    let body = theme.palette().text;
    let muted = label::muted(theme).color.unwrap_or(body);
    let urgent = label::urgent(theme).color.unwrap_or(body);

    // Plain, muted and urgent text on every surface that carries them.
    let section = boxed::section(theme);
    let section_bg = solid(section.background, window);
    let mut grounds = vec![
        ("window".to_owned(), window),
        ("section".to_owned(), section_bg),
    ];
    // Every state of a card: at rest, under the pointer, pressed, each
    // selected or not, focused or not.
    let card_states = [
        ("card", iced_button::Status::Active),
        ("card hovered", iced_button::Status::Hovered),
        ("card pressed", iced_button::Status::Pressed),
    ];
    for (state, status) in card_states {
        for (selected, focused) in [(false, false), (true, false), (false, true), (true, true)] {
            let s = row::card(selected, focused)(theme, status);
            let name = format!(
                "{}{}{state}",
                if selected { "selected " } else { "" },
                if focused { "focused " } else { "" }
            );
            let bg = solid(s.background, window);
            text(format!("{name} text"), s.text_color, bg);
            // The card's action icons (and their fill under the pointer).
            for icon_status in BUTTON_STATES {
                let icon = button::icon(theme, icon_status);
                text(
                    format!("action {icon_status:?} on {name}"),
                    icon.text_color,
                    solid(icon.background, bg),
                );
            }
            grounds.push((name, bg));
        }
    }
    // The named functions are those states.
    for (named, selected, focused) in [
        (row::normal as fn(&Theme, _) -> _, false, false),
        (row::selected, true, false),
        (row::focused, true, true),
    ] {
        for status in BUTTON_STATES {
            assert_eq!(
                named(theme, status),
                row::card(selected, focused)(theme, status)
            );
        }
    }
    for (ground, bg) in &grounds {
        text(format!("muted text on {ground}"), muted, *bg);
        text(format!("urgent text on {ground}"), urgent, *bg);
    }
    text("body text on window".into(), body, window);
    text(
        "section text".into(),
        section.text_color.unwrap_or(body),
        section_bg,
    );

    // Notices.
    let error = boxed::error(theme);
    let error_bg = solid(error.background, window);
    text(
        "error notice".into(),
        error.text_color.unwrap_or(body),
        error_bg,
    );
    let toast = boxed::toast(theme);
    let toast_bg = solid(toast.background, window);
    text("toast".into(), toast.text_color.unwrap_or(body), toast_bg);
    let dismiss = button::on_toast(false)(theme, iced_button::Status::Hovered);
    text("toast dismiss".into(), dismiss.text_color, toast_bg);
    let dismiss = button::on_toast(true)(theme, iced_button::Status::Hovered);
    text("error dismiss".into(), dismiss.text_color, error_bg);
    let cue = boxed::drop_target(theme);
    text(
        "drop cue".into(),
        cue.text_color.unwrap_or(body),
        solid(cue.background, window),
    );

    // Buttons in each state, on the window and in a section.
    for (name, style) in [
        ("primary", button::primary as fn(&Theme, _) -> _),
        ("secondary", button::secondary),
        ("danger", button::danger),
        ("text", button::text),
    ] {
        for status in BUTTON_STATES {
            for (ground, below) in [("window", window), ("section", section_bg)] {
                let s = style(theme, status);
                text(
                    format!("{name} button {status:?} on {ground}"),
                    s.text_color,
                    solid(s.background, below),
                );
            }
        }
    }

    // The values of a segmented choice, chosen or not, in a section (the
    // settings) and on the window.
    for chosen in [false, true] {
        for status in BUTTON_STATES {
            for (ground, below) in [("window", window), ("section", section_bg)] {
                let s = button::segment(chosen)(theme, status);
                text(
                    format!(
                        "{} segment {status:?} on {ground}",
                        if chosen { "chosen" } else { "other" }
                    ),
                    s.text_color,
                    solid(s.background, below),
                );
            }
        }
    }

    // iced's own fields, pick lists and checkboxes, over our palette.
    for status in [
        text_input::Status::Active,
        text_input::Status::Hovered,
        text_input::Status::Focused { is_hovered: false },
        text_input::Status::Disabled,
    ] {
        let s = text_input::default(theme, status);
        let bg = solid(Some(s.background), window);
        text(format!("field value {status:?}"), s.value, bg);
        text(format!("field placeholder {status:?}"), s.placeholder, bg);
    }
    let s = pick_list::default(theme, pick_list::Status::Active);
    let bg = solid(Some(s.background), window);
    text("pick list".into(), s.text_color, bg);
    text("pick list placeholder".into(), s.placeholder_color, bg);
    let menu = iced::overlay::menu::default(theme);
    let menu_bg = solid(Some(menu.background), window);
    text("menu item".into(), menu.text_color, menu_bg);
    text(
        "menu item selected".into(),
        menu.selected_text_color,
        solid(Some(menu.selected_background), menu_bg),
    );
    for status in [
        checkbox::Status::Active { is_checked: false },
        checkbox::Status::Hovered { is_checked: true },
        checkbox::Status::Disabled { is_checked: false },
    ] {
        let s = checkbox::primary(theme, status);
        text(
            format!("checkbox label {status:?}"),
            s.text_color.unwrap_or(body),
            window,
        );
    }

    // Avatars.
    for (i, _) in c.avatars.iter().enumerate() {
        let s = boxed::avatar(i)(theme);
        text(
            format!("avatar {i}"),
            s.text_color.unwrap_or(body),
            solid(s.background, window),
        );
    }

    // Shapes: the focus ring, the countdown arc, field outlines, the
    // checkbox tick.
    let mut shape = |what: String, fg: Color, bg: Color| {
        out.push(Pair {
            what,
            fg,
            bg,
            min: shape_min,
        });
    };
    // The app's focus ring sits on the window, a section, a row, an error
    // box (the confirmations) and, in its own colour, on a toast.
    let ring = boxed::focus(true)(theme).border.color;
    shape("focus ring on an error box".into(), ring, error_bg);
    shape(
        "focus ring on a toast".into(),
        boxed::focus_on_toast(true)(theme).border.color,
        toast_bg,
    );
    for (ground, bg) in &grounds {
        shape(format!("focus ring on {ground}"), ring, *bg);
        shape(
            format!("countdown arc on {ground}"),
            shape::arc(theme, false),
            *bg,
        );
        shape(
            format!("urgent countdown arc on {ground}"),
            shape::arc(theme, true),
            *bg,
        );
    }
    // The chosen segment's outline tells it from the others.
    for (ground, bg) in [("window", window), ("section", section_bg)] {
        shape(
            format!("chosen segment outline on {ground}"),
            button::segment(true)(theme, iced_button::Status::Active)
                .border
                .color,
            bg,
        );
    }
    let field = text_input::default(theme, text_input::Status::Active);
    shape("field outline".into(), field.border.color, window);
    let tick = checkbox::primary(theme, checkbox::Status::Active { is_checked: true });
    shape(
        "checkbox tick".into(),
        tick.icon_color,
        solid(Some(tick.background), window),
    );
    out
}

fn theme_of(c: &'static Colours) -> Theme {
    if ALL.iter().any(|known| std::ptr::eq(*known, c)) {
        theme(c)
    } else {
        c.theme()
    }
}

/// The pairs of `c` below their floor, described.
fn failures(c: &'static Colours) -> Vec<String> {
    OVERRIDE.with(|o| o.set(Some(c)));
    let failed = pairs(c)
        .into_iter()
        .filter_map(|p| {
            let ratio = contrast(p.fg, p.bg);
            (ratio < p.min).then(|| format!("{}: {}: {ratio:.2} < {}", c.name, p.what, p.min))
        })
        .collect();
    OVERRIDE.with(|o| o.set(None));
    failed
}

#[test]
fn every_pair_of_every_look_meets_its_contrast_floor() {
    let failed: Vec<String> = ALL.iter().flat_map(|c| failures(c)).collect();
    assert!(failed.is_empty(), "{}", failed.join("\n"));
    // The pairs are many (every style, state and surface), not a sample.
    assert!(pairs(&HIGH_CONTRAST_DARK).len() > 150);
}

#[test]
fn a_colour_changed_to_a_low_contrast_one_fails_the_check() {
    for spoil in [
        |c: &mut Colours| c.muted = rgb(0x9A9A9A),
        |c: &mut Colours| c.selected = rgb(0x5A7FB0),
        |c: &mut Colours| c.on_disabled = rgb(0xB0B0B0),
        |c: &mut Colours| c.urgent = rgb(0xFF6666),
        |c: &mut Colours| c.accent = rgb(0xF4F4F4),
        |c: &mut Colours| c.card_pressed = rgb(0x707070),
        |c: &mut Colours| c.card_hover = rgb(0x505050),
    ] {
        let mut look = HIGH_CONTRAST_LIGHT;
        spoil(&mut look);
        let look: &'static Colours = Box::leak(Box::new(look));
        assert!(!failures(look).is_empty(), "{look:?} passed");
    }
}

/// A card's states look different from each other and from the window:
/// at rest it stands off the window, the pointer and a press change it,
/// the selection fills the whole card, and focus draws the ring.
#[test]
fn every_card_state_is_visible() {
    use iced_button::Status::{Active, Hovered, Pressed};
    for c in ALL {
        let theme = &theme(c);
        let fill = |selected, focused, status| {
            solid(
                row::card(selected, focused)(theme, status).background,
                c.background,
            )
        };
        let rest = fill(false, false, Active);
        let states = [
            ("window", c.background),
            ("rest", rest),
            ("hovered", fill(false, false, Hovered)),
            ("pressed", fill(false, false, Pressed)),
            ("selected", fill(true, false, Active)),
        ];
        for (i, (a, ca)) in states.iter().enumerate() {
            for (b, cb) in &states[i + 1..] {
                // The high-contrast looks outline every card instead of
                // filling it off the window.
                if c.is_high_contrast() && (*a, *b) == ("window", "rest") {
                    continue;
                }
                assert_ne!(ca, cb, "{}: {a} and {b} look the same", c.name);
            }
        }
        // The selected card keeps its highlight under the pointer.
        assert_eq!(fill(true, false, Hovered), fill(true, false, Active));
        let outline = row::card(false, false)(theme, Active).border;
        if c.is_high_contrast() {
            assert!(outline.width >= 1.0 && contrast(outline.color, c.background) >= 3.0);
        }
        let focused = row::card(false, true)(theme, Active).border;
        assert!((focused.width - FOCUS_WIDTH).abs() < f32::EPSILON);
        assert_eq!(focused.color, c.accent);
    }
}

#[test]
fn known_ratios() {
    // WCAG's own extremes and a published pair (#767676 on white: 4.54:1).
    assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
    assert!((contrast(Color::WHITE, Color::WHITE) - 1.0).abs() < 0.001);
    assert!((contrast(rgb(0x767676), Color::WHITE) - 4.54).abs() < 0.01);
}

#[test]
fn the_desktop_contrast_preference_picks_high_contrast_when_following_the_system() {
    use iced::theme::Mode;
    assert_eq!(
        colours_for(ThemeChoice::System, Mode::Light, false).name,
        LIGHT.name
    );
    assert_eq!(
        colours_for(ThemeChoice::System, Mode::Dark, false).name,
        DARK.name
    );
    assert_eq!(
        colours_for(ThemeChoice::System, Mode::Dark, true).name,
        HIGH_CONTRAST_DARK.name
    );
    assert_eq!(
        colours_for(ThemeChoice::System, Mode::None, true).name,
        HIGH_CONTRAST_LIGHT.name
    );
    // An explicit choice wins over the desktop's preference.
    assert_eq!(
        colours_for(ThemeChoice::Light, Mode::Dark, true).name,
        LIGHT.name
    );
    assert_eq!(
        colours_for(ThemeChoice::HighContrast, Mode::Light, false).name,
        HIGH_CONTRAST_LIGHT.name
    );
    // The iced theme built for a look resolves back to it.
    for look in ALL {
        assert_eq!(colours(&theme(look)).name, look.name);
    }
}

#[test]
fn avatar_colour_is_stable_and_case_blind() {
    assert_eq!(avatar_index("GitHub"), avatar_index("github"));
    assert_eq!(avatar_index("ACME"), avatar_index("ACME"));
    assert!(avatar_index("Ábaco") < AVATARS.len());
}
