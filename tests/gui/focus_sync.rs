//! The app's keyboard focus and iced's own (which text field takes the
//! typing) kept in step after the mouse, in a live window
//! (`Harness::live`: the widgets keep their state between events, as the
//! running window's do, and the app hears of presses as through its
//! subscriptions).
//!
//! iced tells the app nothing of a click: a click into a text field focuses
//! it in iced, a click anywhere else unfocuses it, and Escape in a field
//! unfocuses it. Before the app followed (`focus::sync`), the two drifted
//! apart: Tab went on from the control the keyboard had last reached, not
//! from the field clicked into; Enter and Space operated a control the
//! mouse had since left; and what the app took for the focused field (the
//! one the harness types into) was not iced's.

use iced::keyboard::key::Named;

use crate::common;
use common::gui::*;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::{codes, settings};
use tessera::vault::backup;

fn live_settings() -> Harness {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    h.height = 2400.0;
    h.tab_to(codes::SETTINGS_ID);
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "settings");
    h.live();
    h
}

fn stored(h: &Harness) -> String {
    std::fs::read_to_string(h.dir.path().join("config/settings.toml")).unwrap_or_default()
}

/// The keyboard was on "Hide codes until clicked"; the mouse clicks into
/// the backup folder field and a folder is typed there. Tab goes on from the
/// field (to "Choose…"), not from the box; Tab again and Enter is "Use this
/// folder", the one moment the folder is used; the box was never toggled.
#[test]
fn a_click_into_a_field_moves_the_focus_there() {
    let mut h = live_settings();
    let folder = h.dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    h.tab_to("hide-codes");
    let before = stored(&h);

    h.live_click(id(settings::BACKUP_FOLDER_ID));
    assert_eq!(
        h.focused().as_deref(),
        Some(settings::BACKUP_FOLDER_ID),
        "the focus follows the click into the field"
    );
    assert!(!h.app.focus_visible(), "a click shows no ring");
    h.type_keys(&folder.display().to_string());
    h.assert_shows(&folder.display().to_string());
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("backups-choose"));
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("backups-use"));
    assert!(backup::list(&folder, "vault").is_empty(), "used too early");
    h.named(Named::Enter);
    assert_eq!(backup::list(&folder, "vault").len(), 1);
    assert_eq!(stored(&h), before, "no other setting changed");
}

/// The keyboard put the focus in the folder field and a folder was typed;
/// then the mouse ticks "Keep running in the tray". The field has lost
/// iced's focus, so Enter must not use the folder: the focus is on the box
/// clicked, and Enter toggles it back, as a click on it would.
#[test]
fn after_a_click_elsewhere_enter_does_not_submit_the_field() {
    let mut h = live_settings();
    let folder = h.dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    h.tab_to(settings::BACKUP_FOLDER_ID);
    h.type_keys(&folder.display().to_string());

    h.live_click(id(tessera::gui::focus::Key::new("keep-in-tray").ring_id()));
    assert!(stored(&h).contains("keep_in_tray = true"), "{}", stored(&h));
    assert_eq!(h.focused().as_deref(), Some("keep-in-tray"));
    assert_eq!(h.app.focused_field(), None);
    h.named(Named::Enter);
    assert!(
        stored(&h).contains("keep_in_tray = false"),
        "{}",
        stored(&h)
    );
    assert!(
        backup::list(&folder, "vault").is_empty(),
        "used by a stray Enter"
    );
    h.assert_shows("Automatic backups are off.");
    // The folder typed is still there.
    h.assert_shows(&folder.display().to_string());
}

/// A click on nothing that takes the focus (a heading) unfocuses the field
/// in iced: Enter then uses nothing, typing goes nowhere, and Tab goes on
/// from the field, where the keyboard was.
#[test]
fn a_click_on_nothing_leaves_no_field_focused() {
    let mut h = live_settings();
    let folder = h.dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    h.tab_to(settings::BACKUP_FOLDER_ID);
    h.type_keys(&folder.display().to_string());
    h.live_click("Automatic backups");
    assert_eq!(h.app.focused_field(), None);
    h.named(Named::Enter);
    h.type_keys("zz");
    assert!(backup::list(&folder, "vault").is_empty());
    h.assert_shows(&folder.display().to_string());
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("backups-choose"));
    h.tab();
    h.space();
    assert_eq!(backup::list(&folder, "vault").len(), 1);
}

/// Escape in a text field: iced unfocuses it (and takes the key); the app
/// follows, so the next Escape leaves the screen, and typing in between
/// goes nowhere.
#[test]
fn escape_in_a_field_leaves_it() {
    let mut h = live_settings();
    h.tab_to(settings::TIME_SERVER_ID);
    h.type_keys("ntp");
    h.named(Named::Escape);
    assert_eq!(h.app.screen_name(), "settings");
    assert_eq!(h.app.focused_field(), None);
    h.type_keys("x");
    h.assert_shows("ntp");
    h.named(Named::Escape);
    assert_eq!(h.app.screen_name(), "codes");
}

/// The same for every text field of a screen: clicked into, it takes what
/// is typed and the app's focus is on it, whichever control the keyboard
/// had reached before.
#[test]
fn every_field_clicked_into_has_the_focus() {
    let mut h = live_settings();
    h.tab_to("theme");
    let fields: Vec<iced::widget::Id> = h
        .app
        .focus_controls()
        .into_iter()
        .filter_map(|c| match c.kind {
            tessera::gui::focus::Kind::Field(id) => Some(id),
            _ => None,
        })
        .collect();
    assert!(fields.len() >= 7, "{fields:?}");
    for field in fields {
        h.tab_to("theme");
        h.live_click(id(field.clone()));
        assert_eq!(h.app.focused_field(), Some(field.clone()));
        h.tab();
        h.shift_tab();
        assert_eq!(
            h.app.focused_field(),
            Some(field.clone()),
            "Tab then Shift+Tab comes back to {field:?}"
        );
    }
}

/// The list of three accounts (ACME, Bank (HOTP), Globex) in a live window.
fn live_list() -> Harness {
    let hotp = tessera::otp::Account::new(
        "Bank",
        "me",
        tessera::otp::decode_base32(KEY).unwrap(),
        tessera::otp::Params::hotp(3),
    )
    .unwrap();
    let mut h = unlocked(
        vec![
            entry(totp("ACME", "alice", KEY)),
            entry(hotp),
            entry(totp("Globex", "bob", "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ")),
        ],
        Lang::En,
    );
    h.live();
    h
}

/// The mouse onto `issuer`'s card (its actions show), then a click on its
/// `action`.
fn click_card_action(h: &mut Harness, issuer: &str, action: RowAction) {
    let entry = h.id_of_issuer(issuer);
    let card = {
        let Harness { app, window, .. } = &mut *h;
        window
            .as_mut()
            .unwrap()
            .find(app, iced::widget::Id::from(codes::card_id(&entry)))
            .and_then(|t| t.visible_bounds())
            .unwrap_or_else(|| panic!("{issuer}'s card is not in view"))
    };
    h.live_point_at(iced::Point::new(card.x + 8.0, card.y + 8.0));
    h.live_click(id(tessera::gui::widget::code_row::action_id(
        action, &entry,
    )));
}

/// The keyboard was on Settings; the mouse clicks Copy on Globex's card
/// (not selected: its actions show under the pointer). The focus goes onto
/// that Copy, as onto any button clicked: Globex is selected, Tab goes on
/// to its Details (not from Settings to Lock), and Space on the Copy
/// copies its code again.
#[test]
fn a_click_on_a_cards_action_moves_the_focus_there() {
    let mut h = live_list();
    h.tab_to(codes::SETTINGS_ID);
    click_card_action(&mut h, "Globex", RowAction::Copy);
    let globex = code_at("KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ", T0);
    assert_eq!(h.clipboard.as_deref(), Some(globex.as_str()));
    assert_eq!(h.app.selected_entry(), Some(&h.id_of_issuer("Globex")));
    assert_eq!(h.focused().as_deref(), Some("row-copy"));
    assert!(!h.app.focus_visible(), "a click shows no ring");
    h.clipboard = None;
    h.space();
    assert_eq!(h.clipboard.as_deref(), Some(globex.as_str()));
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("row-details"));
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "details");
    h.assert_shows("Globex");
}

/// The same from the list's focus (a card selected with the arrows) onto
/// another card's first action of another kind: Next code on the HOTP
/// card. Enter on it advances the counter again.
#[test]
fn a_click_on_another_cards_next_code_moves_the_focus_there() {
    let mut h = live_list();
    h.tab_to(codes::LIST_KEY);
    h.named(Named::ArrowDown);
    let bank = h.id_of_issuer("Bank");
    let counter = |h: &Harness| {
        h.app
            .entries()
            .iter()
            .find(|e| e.id == bank)
            .unwrap()
            .account
            .params
            .counter
    };
    let before = counter(&h);
    click_card_action(&mut h, "Bank", RowAction::Next);
    assert_eq!(counter(&h), before + 1);
    assert_eq!(h.app.selected_entry(), Some(&bank));
    assert_eq!(
        h.focused().as_deref(),
        Some(tessera::gui::widget::code_row::NEXT_KEY)
    );
    h.named(Named::Enter);
    assert_eq!(counter(&h), before + 2);
}

/// A click on the selected card's own Copy while the list has the focus
/// (the arrows chose the card): the focus goes onto that Copy.
#[test]
fn a_click_on_the_selected_cards_action_moves_the_focus_there() {
    let mut h = live_list();
    h.named(Named::ArrowDown);
    click_card_action(&mut h, "ACME", RowAction::Copy);
    assert_eq!(h.focused().as_deref(), Some("row-copy"));
    assert_eq!(h.app.selected_entry(), Some(&h.id_of_issuer("ACME")));
}
