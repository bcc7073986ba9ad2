//! The ways to each screen, and to the states that show more of it, by
//! keyboard from a harness on the code list (any accounts, language and
//! text size): the keyboard checks (`keyboard.rs`) walk them in English in
//! a tall window, the text size checks (`sizes.rs`) in both languages at
//! 150 and 200 %. Each asserts it arrived.

use iced::keyboard::key::Named;

use crate::common::gui::*;
use tessera::gui::Environment;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::{codes, recovery as recovery_screen, settings as settings_screen};

/// The first run: no vault yet, `adjust` applied to the environment.
pub fn first_run(lang: Lang, adjust: impl FnOnce(&mut Environment)) -> Harness {
    let (dir, keystore) = Harness::prepare();
    let mut env = Harness::env(&dir, keystore.clone(), lang);
    adjust(&mut env);
    let h = Harness::start_with(dir, keystore, env);
    assert_eq!(h.app.screen_name(), "onboarding");
    h
}

/// The unlock screen of a vault holding `entries`.
pub fn unlock(entries: Vec<Entry>, lang: Lang, adjust: impl FnOnce(&mut Environment)) -> Harness {
    let (dir, keystore) = Harness::prepare();
    drop(make_vault(&dir, entries));
    let mut env = Harness::env(&dir, keystore.clone(), lang);
    adjust(&mut env);
    let h = Harness::start_with(dir, keystore, env);
    assert_eq!(h.app.screen_name(), "unlock");
    h
}

/// The list with its first row selected (Down), as after arriving and
/// pressing an arrow.
pub fn select_first(mut h: Harness) -> Harness {
    h.named(Named::ArrowDown);
    h
}

/// The first account's details, from the list (its card's Details).
pub fn details(h: Harness) -> Harness {
    let mut h = select_first(h);
    h.tab_to(tessera::gui::widget::code_row::DETAILS_KEY);
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "details");
    h
}

/// The first account's details asking whether to delete it.
pub fn details_deleting(h: Harness) -> Harness {
    let mut h = details(h);
    h.tab_to("delete");
    h.named(Named::Enter);
    assert!(h.focus_keys().contains(&"delete-yes".to_owned()));
    h
}

/// The add screen, from the list (Ctrl+N).
pub fn add(mut h: Harness) -> Harness {
    h.press_key(vec![ctrl("n")]);
    assert_eq!(h.app.screen_name(), "add");
    h
}

/// The add screen with its advanced fields shown.
pub fn add_advanced(h: Harness) -> Harness {
    let mut h = add(h);
    h.tab_to("advanced");
    h.named(Named::Enter);
    assert!(h.focus_keys().contains(&"algorithm".to_owned()));
    h
}

/// Settings, from the list.
pub fn settings(mut h: Harness) -> Harness {
    h.tab_to(codes::SETTINGS_ID);
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "settings");
    h
}

/// Settings with every button it can show enabled: a backup folder in use
/// ("Turn off") and another typed ("Use this folder"), a shortcut edited
/// ("Use").
pub fn settings_full(h: Harness) -> Harness {
    let mut h = settings(h);
    let folder = h.dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    h.tab_to(settings_screen::BACKUP_FOLDER_ID);
    h.type_keys(&folder.display().to_string());
    h.named(Named::Enter);
    h.type_keys("2");
    h.tab_to(settings_screen::SHORTCUT_ID);
    h.type_keys("x");
    for key in ["backups-use", "backups-off", "shortcut-use"] {
        assert!(h.focus_keys().contains(&key.to_owned()), "{key}");
    }
    h
}

/// Export and backup, from the list (through settings).
pub fn file_export(h: Harness) -> Harness {
    let mut h = settings(h);
    h.tab_to("file-export");
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "file-export");
    h
}

/// The first account's recovery codes (none yet), from the list.
pub fn recovery(h: Harness) -> Harness {
    let mut h = details(h);
    h.tab_to("recovery");
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "recovery");
    h
}

/// The first account's recovery codes with one code saved.
pub fn recovery_with_codes(h: Harness) -> Harness {
    let mut h = recovery(h);
    h.tab_to(recovery_screen::BLOCK_ID);
    h.type_keys("abcd-efgh");
    h.tab_to("save");
    h.named(Named::Enter);
    assert!(h.focus_keys().contains(&"use#0".to_owned()));
    h
}

/// The first account's recovery codes asking whether to replace the one
/// saved with one more typed.
pub fn recovery_replacing(h: Harness) -> Harness {
    let mut h = recovery_with_codes(h);
    h.tab_to(recovery_screen::BLOCK_ID);
    h.type_keys("qrst-uvwx");
    h.tab_to("save");
    h.named(Named::Enter);
    assert!(h.focus_keys().contains(&"replace-yes".to_owned()));
    h
}

/// Move to phone (choosing the accounts), from the list.
pub fn share(mut h: Harness) -> Harness {
    h.tab_to(codes::EXPORT_ID);
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "share");
    h
}

/// Move to phone showing its first QR code (after its warning).
pub fn shown_qr(h: Harness) -> Harness {
    let mut h = share(h);
    h.tab_to("continue");
    h.named(Named::Enter);
    h.tab_to("show");
    h.named(Named::Enter);
    assert!(h.app.qr_shown().is_some());
    h
}

/// The restore screen of a vault with earlier versions (the first
/// account's favourite saved, then settings' Restore: the save kept the
/// version before it), from the list.
pub fn restore(h: Harness) -> Harness {
    let mut h = details(h);
    h.tab_to("favourite");
    h.space();
    h.tab_to("save");
    h.named(Named::Enter);
    let mut h = settings(h);
    h.tab_to("restore");
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "restore");
    h
}

/// The restore screen with its newest earlier version chosen: the preview
/// and its confirmation.
pub fn restore_preview(h: Harness) -> Harness {
    let mut h = restore(h);
    h.tab_to("version#0");
    h.named(Named::Enter);
    assert!(h.focus_keys().contains(&"confirm".to_owned()));
    h
}

/// The review of a QR image (one new account, Initech) dropped on the list.
pub fn review(mut h: Harness) -> Harness {
    let path = h.dir.path().join("new.png");
    let uri = "otpauth://totp/Initech:peter?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Initech";
    std::fs::write(&path, &*tessera::qr::encode::png(uri, 4).unwrap()).unwrap();
    let message = tessera::gui::app::on_event(
        iced::Event::Window(iced::window::Event::FileDropped(path)),
        iced::event::Status::Ignored,
        iced::window::Id::unique(),
    )
    .unwrap();
    h.update(message);
    assert_eq!(h.app.screen_name(), "review");
    h
}

/// The review after its account was added: the offer to delete the image.
pub fn review_added(h: Harness) -> Harness {
    let mut h = review(h);
    h.tab_to("add");
    h.named(Named::Enter);
    assert!(h.focus_keys().contains(&"delete-images".to_owned()));
    h
}
