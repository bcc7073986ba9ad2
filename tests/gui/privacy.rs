//! Secrets kept off the screen: Ctrl+H hides and shows every code, a setting
//! hides them while the window is not focused, recovery codes and the setup
//! key show as dots until asked for.
#![cfg(feature = "gui")]

use iced::event::Status;
use iced::window;

use crate::common::gui::*;
use tessera::gui::app::on_event;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::add;
use tessera::gui::screen::codes;
use tessera::otp::group_code;

fn window_event(h: &mut Harness, event: window::Event) {
    let message = on_event(
        iced::Event::Window(event),
        Status::Ignored,
        window::Id::unique(),
    )
    .expect("a focus change is a message");
    h.update(message);
}

#[test]
fn ctrl_h_hides_and_shows_every_code() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let code = group_code(&code_at(KEY, T0));
    h.assert_shows(&code);
    h.keys([ctrl("h")]);
    assert!(h.app.concealed());
    assert!(!h.shows(&code), "the code is still on screen");
    h.assert_shows("Codes hidden. Press Ctrl+H to show them.");
    // Clicking the row copies but does not show it while hidden.
    h.click("ACME");
    assert_eq!(h.clipboard.as_deref(), Some(code_at(KEY, T0).as_str()));
    assert!(!h.shows(&code));
    h.keys([ctrl("h")]);
    assert!(!h.app.concealed());
    h.assert_shows(&code);
}

#[test]
fn codes_hide_while_the_window_is_not_focused_when_asked() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let code = group_code(&code_at(KEY, T0));
    // Off by default: losing the focus changes nothing.
    window_event(&mut h, window::Event::Unfocused);
    h.assert_shows(&code);
    window_event(&mut h, window::Event::Focused);

    h.click_id(codes::SETTINGS_ID);
    h.click("Hide codes when the window is not focused");
    let (saved, _) =
        tessera::gui::settings::Settings::load(&h.dir.path().join("config/settings.toml"));
    assert!(saved.hide_codes_unfocused);
    h.click("Back");
    h.assert_shows(&code);
    window_event(&mut h, window::Event::Unfocused);
    assert!(!h.shows(&code), "the code shows in an unfocused window");
    window_event(&mut h, window::Event::Focused);
    h.assert_shows(&code);
}

#[test]
fn recovery_codes_and_the_setup_key_show_only_when_asked() {
    let mut account = entry(totp("ACME", "alice", KEY));
    account.recovery_codes = tessera::vault::recovery::parse_block("abcd-efgh ijkl-mnop")
        .unwrap()
        .into_iter()
        .map(|code| tessera::vault::RecoveryCode {
            code: tessera::secret::SecretText::new(code),
            used_at: None,
        })
        .collect();
    let mut h = unlocked(vec![account], Lang::En);
    h.row_action("alice", RowAction::Details);
    h.click("Recovery codes");
    assert!(!h.shows("abcd-efgh"));
    assert!(!h.shows("ijkl-mnop"));
    h.click("Show");
    h.assert_shows("abcd-efgh");
    assert!(!h.shows("ijkl-mnop"));
    // Ctrl+H hides it again.
    h.keys([ctrl("h")]);
    assert!(!h.shows("abcd-efgh"));
    h.keys([ctrl("h")]);

    // The setup key is typed as dots, shown on request.
    h.keys([iced_test::simulator::press_key(
        iced::keyboard::key::Named::Escape,
        None,
    )]);
    h.click_id(codes::ADD_ID);
    h.type_into(add::KEY_ID, "JBSWY3DPEHPK3PXP");
    assert!(!h.shows("JBSWY3DPEHPK3PXP"));
    h.click("Show");
    h.assert_shows("JBSWY3DPEHPK3PXP");
    h.click("Hide");
    assert!(!h.shows("JBSWY3DPEHPK3PXP"));
}
