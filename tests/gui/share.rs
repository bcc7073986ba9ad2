//! Moving accounts to a phone in the desktop app: one entry's QR code behind a
//! confirmation, and several entries as Google Authenticator export codes
//! shown one after the other. The matrix the window draws is turned into a
//! PNG and decoded back.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::gui::*;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::codes;
use tessera::otp::payload::{Payload, classify};
use tessera::otp::{Account, Params};
use tessera::qr::{self, Limits};
use tessera::secret::SecretBytes;

/// What the QR code on screen says, read back from a PNG of the same matrix.
fn decode_shown(h: &Harness) -> String {
    let matrix = h.app.qr_shown().expect("a QR code is on screen");
    let png = matrix.to_png(4).unwrap();
    let found = qr::decode_image_bytes(&png, &Limits::default()).unwrap();
    assert_eq!(found.len(), 1);
    found[0].text.expose().to_owned()
}

#[test]
fn show_qr_asks_first_and_what_it_draws_decodes_to_the_entry() {
    let alice = totp("ACME", "alice", KEY);
    let uri = alice.to_uri().expose().to_owned();
    let mut h = unlocked(vec![entry(alice)], Lang::En);
    h.row_action("alice", RowAction::Details);
    h.click("Show QR code");
    assert_eq!(h.app.screen_name(), "share");
    h.assert_shows("The QR code holds the secret key of ACME (alice). Anyone who sees it, or a photo of it, can make your codes. Show it only to scan it with your phone, with nobody looking.");
    assert!(
        h.app.qr_shown().is_none(),
        "nothing shown before confirming"
    );

    h.click("Show the QR code");
    assert_eq!(decode_shown(&h), uri);
    h.assert_shows("Scan it with the authenticator app on your phone, then choose Done.");
    h.click("Done");
    assert_eq!(h.app.screen_name(), "codes");
    assert!(h.app.qr_shown().is_none());

    // Cancel at the confirmation shows nothing.
    h.row_action("alice", RowAction::Details);
    h.click("Show QR code");
    h.click("Cancel");
    assert_eq!(h.app.screen_name(), "codes");
}

#[test]
fn export_selected_entries_as_google_authenticator_codes_one_after_the_other() {
    let entries: Vec<_> = (0..12u8)
        .map(|i| {
            let key: Vec<u8> = (0..20).map(|b| b ^ i.wrapping_mul(29)).collect();
            entry(
                Account::new(
                    "Service",
                    &format!("user{i:02}"),
                    SecretBytes::new(key),
                    Params::totp(),
                )
                .unwrap(),
            )
        })
        .collect();
    let mut h = unlocked(entries, Lang::En);
    h.click_id(codes::EXPORT_ID);
    // Leave one out.
    h.click("Service (user11)");
    h.click("Continue");
    h.assert_shows("The QR codes hold the secret keys of 11 accounts. Anyone who sees them, or a photo of them, can make your codes. Show them only to scan them with your phone, with nobody looking.");
    assert!(h.app.qr_shown().is_none());
    h.click("Show the QR codes");

    let mut names = Vec::new();
    for part in 0..2u32 {
        h.assert_shows(&format!("QR code {} of 2", part + 1));
        let Payload::Migration(batch) = classify(&decode_shown(&h)) else {
            panic!("not an export");
        };
        assert_eq!((batch.position.index, batch.position.size), (part, 2));
        names.extend(batch.accounts.iter().map(|a| a.name.clone()));
        if part == 0 {
            h.click("Next");
        }
    }
    let expected: Vec<String> = (0..11).map(|i| format!("user{i:02}")).collect();
    assert_eq!(names, expected);
    h.click("Previous");
    h.assert_shows("QR code 1 of 2");
    h.click("Done");
    assert_eq!(h.app.screen_name(), "codes");
}
