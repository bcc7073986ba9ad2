//! The code list's header: four icon buttons (Lucide symbols drawn by one
//! canvas over the header), each named in a tooltip, each clickable by its
//! id and leading where its name says; the tooltip opens when the pointer
//! rests on the button (read back from the pixels: `iced_test` selectors do
//! not look into tooltips).
#![cfg(feature = "gui")]

use iced::{Point, mouse};

use super::rings::{at, close, pixels, window};
use crate::common::gui::*;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::codes;
use tessera::gui::symbol::Symbol;
use tessera::gui::theme;

#[test]
fn the_buttons_are_named_in_both_languages() {
    let names = |lang| codes::header_actions(lang, true).map(|a| a.name);
    assert_eq!(
        names(Lang::En),
        [
            "Add account (Ctrl+N)",
            "Move to phone",
            "Settings",
            "Lock (Ctrl+L)"
        ]
    );
    assert_eq!(
        names(Lang::PtBr),
        [
            "Adicionar conta (Ctrl+N)",
            "Levar ao celular",
            "Configurações",
            "Bloquear (Ctrl+L)"
        ]
    );
    let actions = codes::header_actions(Lang::En, true);
    assert_eq!(
        actions.clone().map(|a| a.symbol),
        [Symbol::Add, Symbol::Phone, Symbol::Settings, Symbol::Lock]
    );
    assert!(actions[0].primary && !actions[1..].iter().any(|a| a.primary));
    // Nothing to move to a phone: that button cannot be pressed.
    assert!(codes::header_actions(Lang::En, false)[1].on_press.is_none());
    assert!(actions.iter().all(|a| a.on_press.is_some()));
}

#[test]
fn each_button_leads_where_its_name_says() {
    let accounts = || vec![entry(totp("ACME", "alice", KEY))];
    for (control, screen) in [
        (codes::ADD_ID, "add"),
        (codes::EXPORT_ID, "share"),
        (codes::SETTINGS_ID, "settings"),
    ] {
        let mut h = unlocked(accounts(), Lang::En);
        h.click_id(control);
        assert_eq!(h.app.screen_name(), screen, "#{control}");
    }
    let mut h = unlocked(accounts(), Lang::En);
    h.click_id(codes::LOCK_ID);
    assert!(!h.app.is_unlocked());
    // With no accounts, "Move to phone" does nothing.
    let mut h = unlocked(vec![], Lang::En);
    h.click_id(codes::EXPORT_ID);
    assert_eq!(h.app.screen_name(), "codes");
}

#[test]
fn resting_on_a_button_opens_its_tooltip_and_the_symbols_are_drawn() {
    let h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let theme = h.app.theme();
    let colours = theme::colours(&theme);
    let mut ui = window(&h);
    let bounds = ui
        .find(id(codes::SETTINGS_ID))
        .unwrap()
        .visible_bounds()
        .unwrap();
    let before = pixels(&mut ui, &theme);
    // The symbols: each button shows ink of its text colour in its middle
    // third (the settings cog's ring, the plus's bar, ...), not only its fill.
    let ink = |control: &'static str, colour: iced::Color, ui: &mut iced_test::Simulator<'_, _>| {
        let b = ui.find(id(control)).unwrap().visible_bounds().unwrap();
        (0..20)
            .flat_map(|y| (0..20).map(move |x| (x, y)))
            .map(|(x, y)| Point::new(b.x + 8.0 + x as f32, b.y + 8.0 + y as f32))
            .filter(|p| close(at(&before, *p), colour))
            .count()
    };
    assert!(
        ink(codes::ADD_ID, colours.on_primary, &mut ui) > 10,
        "no plus"
    );
    for control in [codes::EXPORT_ID, codes::SETTINGS_ID, codes::LOCK_ID] {
        assert!(
            ink(control, colours.on_secondary, &mut ui) > 10,
            "no symbol on #{control}"
        );
    }
    // Just under the button, where the tooltip opens.
    let below = Point::new(bounds.center_x(), bounds.y + bounds.height + 4.0 + 6.0);
    assert!(
        !close(at(&before, below), colours.toast),
        "a tooltip before hovering"
    );
    let centre = bounds.center();
    ui.point_at(centre);
    let moved = iced::Event::Mouse(mouse::Event::CursorMoved { position: centre });
    let _ = ui.simulate([moved.clone()]);
    // Not at once: only after the pointer rests there.
    let hovered = pixels(&mut ui, &theme);
    assert!(
        !close(at(&hovered, below), colours.toast),
        "the tooltip opened at once"
    );
    std::thread::sleep(codes::TOOLTIP_DELAY);
    let _ = ui.simulate([moved]);
    let after = pixels(&mut ui, &theme);
    assert!(
        close(at(&after, below), colours.toast),
        "no tooltip under Settings"
    );
}
