//! The global shortcut's side of the window, headless: the setting (typed,
//! written one way, refused when it is no shortcut, saved), the advice when
//! it cannot work (en and pt-BR), and what a press does to the list.
//! The grab itself is tested under Xvfb in `shortcut_x11.rs`.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::gui::*;
use tessera::gui::Message;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::{codes, settings as screen};
use tessera::gui::settings::Settings;
use tessera::gui::shortcut::{Event, Problem};

const KEY: &str = "JBSWY3DPEHPK3PXP";

/// Puts `text` in the shortcut field, then presses Enter in it (in a window
/// tall enough to show the field: it is at the bottom of the settings).
fn set_shortcut(h: &mut Harness, text: &str) {
    h.update(Message::Settings(screen::Message::Shortcut(text.into())));
    let messages: Vec<Message> = {
        let mut ui = iced_test::Simulator::with_size(
            iced::Settings::default(),
            (1024.0, 2400.0),
            h.app.view(),
        );
        let _ = ui.click(id(screen::SHORTCUT_ID)).unwrap();
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        ui.into_messages().collect()
    };
    assert!(!messages.is_empty(), "Enter in the field did nothing");
    for message in messages {
        h.update(message);
    }
}

#[test]
fn the_shortcut_setting_is_written_one_way_saved_and_refused_when_it_is_none() {
    let mut h = unlocked(vec![], Lang::En);
    assert_eq!(h.app.settings().shortcut, "Super+Shift+T");
    h.click_id(codes::SETTINGS_ID);
    h.assert_shows("Global shortcut");

    set_shortcut(&mut h, "control + alt + y");
    assert_eq!(h.app.settings().shortcut, "Ctrl+Alt+Y");
    let path = h.dir.path().join("config/settings.toml");
    assert_eq!(Settings::load(&path).0.shortcut, "Ctrl+Alt+Y");

    // A letter alone would be taken from every program: refused, said,
    // and the shortcut in use stays.
    set_shortcut(&mut h, "Shift+Q");
    h.assert_shows(
        "“Shift+Q” is not a shortcut Tessera can use. Write it like Super+Shift+T, with Super, \
         Ctrl or Alt (a key alone would stop you typing it anywhere else).",
    );
    assert_eq!(h.app.settings().shortcut, "Ctrl+Alt+Y");
    assert_eq!(Settings::load(&path).0.shortcut, "Ctrl+Alt+Y");

    // Empty: no shortcut at all.
    set_shortcut(&mut h, "");
    assert_eq!(Settings::load(&path).0.shortcut, "");
}

#[test]
fn a_shortcut_that_cannot_work_is_explained_in_the_settings() {
    let mut h = unlocked(vec![], Lang::En);
    h.update(Message::Shortcut(Event::Failed(Problem::Taken(
        "Super+Shift+T".into(),
    ))));
    // Not a toast: said where the shortcut is set.
    assert_eq!(h.app.toast(), None);
    h.click_id(codes::SETTINGS_ID);
    h.assert_shows(
        "Another program already uses Super+Shift+T, so Tessera cannot. Choose another shortcut \
         here, or free it in that program's settings.",
    );
    // The new shortcut's grab answers afresh: the old advice goes.
    set_shortcut(&mut h, "Super+Alt+T");
    assert!(!h.shows("Another program already uses Super+Shift+T"));
    h.update(Message::Shortcut(Event::Ready));
    assert_eq!(h.app.shortcut_problem(), None);

    let mut h = unlocked(vec![], Lang::PtBr);
    h.update(Message::Shortcut(Event::Failed(Problem::Wayland)));
    h.click_id(codes::SETTINGS_ID);
    h.assert_shows(
        "No Wayland, o Tessera ainda não consegue definir um atalho global sozinho. Crie um nas \
         configurações de teclado do seu ambiente que execute: tessera --search",
    );
}

#[test]
fn a_press_brings_back_the_list_with_an_empty_search() {
    let mut h = unlocked(
        vec![
            entry(totp("Acme", "alice", KEY)),
            entry(totp("Other Shop", "bob", KEY)),
        ],
        Lang::En,
    );
    h.type_into(codes::SEARCH_ID, "Other");
    assert!(!h.shows("Acme"));
    h.click_id(codes::SETTINGS_ID);
    assert_eq!(h.app.screen_name(), "settings");
    h.update(Message::Shortcut(Event::Pressed { time: 0 }));
    assert_eq!(h.app.screen_name(), "codes");
    h.assert_shows("Acme");
    h.assert_shows("Other Shop");

    // While locked it shows nothing of the vault: the unlock stays.
    let mut h = unlocked(vec![entry(totp("Acme", "alice", KEY))], Lang::En);
    h.click_id(codes::LOCK_ID);
    assert_eq!(h.app.screen_name(), "unlock");
    h.update(Message::Shortcut(Event::Pressed { time: 0 }));
    assert_eq!(h.app.screen_name(), "unlock");
    h.type_into(tessera::gui::screen::unlock::PASSWORD_ID, PASSWORD);
    h.submit(tessera::gui::screen::unlock::PASSWORD_ID);
    assert_eq!(h.app.screen_name(), "codes");
}
