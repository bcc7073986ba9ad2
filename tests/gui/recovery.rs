//! Recovery codes in the desktop app: paste a block, copy one (marked used
//! with the time, saved before it is copied), the list badge when few are
//! left, replacing the set after a confirmation.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::sync::Arc;

use common::gui::*;
use iced::widget::text_editor;
use tessera::gui::Message;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::recovery;

/// A block as a dashboard prints it: a heading, numbered codes, advice.
const BLOCK: &str =
    "Your backup codes\n\n1. abcd-efgh\n2. ijkl-mnop\n3. qrst-uvwx\n\nKeep them somewhere safe.";

fn paste(h: &mut Harness, block: &str) {
    h.update(Message::Recovery(recovery::Message::Edit(
        text_editor::Action::Edit(text_editor::Edit::Paste(Arc::new(block.to_owned()))),
    )));
}

fn open_recovery(h: &mut Harness) {
    h.row_action("alice", RowAction::Details);
    h.click("Recovery codes");
    assert_eq!(h.app.screen_name(), "recovery");
}

#[test]
fn paste_use_and_the_badge() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    open_recovery(&mut h);
    h.assert_shows("No recovery codes are stored for this account yet. Paste the block the service shows below.");

    paste(&mut h, BLOCK);
    h.click("Save codes");
    assert_eq!(h.app.toast(), Some("Saved 3 recovery codes."));
    h.assert_shows("3 of 3 codes unused");
    assert!(!h.shows("abcd-efgh"), "recovery codes show only when asked");
    h.click("Show");
    h.assert_shows("abcd-efgh");
    let stored: Vec<String> = reopen(&h.vault_path()).entries()[0]
        .recovery_codes
        .iter()
        .map(|c| c.code.expose().to_owned())
        .collect();
    assert_eq!(stored, ["abcd-efgh", "ijkl-mnop", "qrst-uvwx"]);

    // The first unused code: saved as used, then copied (and cleared later).
    h.click("Copy and mark used");
    assert_eq!(h.clipboard.as_deref(), Some("abcd-efgh"));
    assert_eq!(
        h.app.toast(),
        Some("Recovery code copied and marked used. The clipboard will be cleared in 30 seconds.")
    );
    h.assert_shows("2 of 3 codes unused");
    h.assert_shows("used 2023-11-14 22:13 UTC");
    let vault = reopen(&h.vault_path());
    assert_eq!(vault.entries()[0].recovery_codes[0].used_at, Some(T0));
    assert_eq!(vault.entries()[0].unused_recovery_codes(), 2);

    // Two left: the list row shows the badge.
    h.click("Back");
    h.click("Back");
    assert_eq!(h.app.screen_name(), "codes");
    // The list learns its width at its first frame.
    h.frame();
    h.assert_shows("2 recovery codes left");

    // The next copy uses the next code; none left after the last.
    open_recovery(&mut h);
    h.click("Copy and mark used");
    assert_eq!(h.clipboard.as_deref(), Some("ijkl-mnop"));
    h.click("Copy and mark used");
    h.assert_shows("0 of 3 codes unused");
    h.click("Back");
    h.click("Back");
    h.frame();
    h.assert_shows("No recovery codes left");
    h.tick(tessera::clock::Timestamp(T0.secs() + 31));
    assert_eq!(h.clipboard.as_deref(), Some(""));
}

#[test]
fn replacing_the_set_asks_first_and_bad_text_is_explained() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    open_recovery(&mut h);
    paste(&mut h, "Keep these somewhere safe.");
    h.click("Save codes");
    h.assert_shows("no recovery codes were found in the text; paste the codes as the service shows them (one per line, or separated by spaces or commas)");

    // Clear the area, then paste a real block.
    h.update(Message::Recovery(recovery::Message::Edit(
        text_editor::Action::SelectAll,
    )));
    paste(&mut h, BLOCK);
    h.click("Save codes");
    h.assert_shows("3 of 3 codes unused");

    paste(&mut h, "11111111 22222222\n33333333 44444444");
    h.click("Replace the current codes");
    h.assert_shows("This replaces all 3 stored codes, used or not, with the 4 codes pasted. Do it when the service has made new ones.");
    h.click("Cancel");
    h.assert_shows("3 of 3 codes unused");
    h.click("Replace the current codes");
    h.click("Replace them");
    h.assert_shows("4 of 4 codes unused");
    assert_eq!(
        reopen(&h.vault_path()).entries()[0].recovery_codes[0]
            .code
            .expose(),
        "11111111"
    );
}

#[test]
fn recovery_in_brazilian_portuguese() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::PtBr);
    h.row_action("alice", RowAction::Details);
    h.click("Códigos de recuperação");
    paste(&mut h, BLOCK);
    h.click("Salvar códigos");
    h.assert_shows("3 de 3 códigos sem uso");
}
