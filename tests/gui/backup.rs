//! Automatic backups set in the app's Settings (issue 16, item 4): the
//! folder chosen there gets a backup at once and after changes (at most one
//! a minute, by the pinned clock); a folder that goes missing is said once
//! and never stops a save; the setting is the one the CLI reads.

use crate::common;
use common::gui::*;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::settings::BACKUP_FOLDER_ID;
use tessera::vault::backup;

const KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn toggle_favourite(h: &mut Harness) {
    h.click("Details");
    h.click("Favourite");
    h.click("Save");
}

#[test]
fn backups_set_in_settings_follow_changes_and_a_missing_folder_is_said_once() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let folder = h.dir.path().join("usb/tessera backups");
    std::fs::create_dir_all(&folder).unwrap();
    h.click("Settings");
    h.assert_shows("Automatic backups are off.");
    h.type_into(BACKUP_FOLDER_ID, folder.to_str().unwrap());
    // Enter in the field is "Use this folder" (the button lies below the
    // test window's fold since Settings grew).
    assert!(h.shows("Use this folder"));
    h.submit(BACKUP_FOLDER_ID);
    h.assert_shows(&format!(
        "After changes, an encrypted backup goes to {}.",
        folder.display()
    ));
    // The first backup at once, named with the app's (pinned) time, and
    // opened by the vault's password.
    let made = backup::list(&folder, "vault");
    assert_eq!(made.len(), 1, "{made:?}");
    assert_eq!(made[0].made, T0);
    assert_eq!(reopen(&made[0].path).entries().len(), 1);
    // The setting is kept per vault where the CLI reads it too.
    let id = reopen(&h.vault_path()).id();
    let history = tessera::vault::History::at(h.dir.path().join("state"));
    assert_eq!(backup::folder(&history, &id).unwrap(), Some(folder.clone()));

    // A change within the minute waits; one after it is backed up.
    h.click("Back");
    toggle_favourite(&mut h);
    assert_eq!(backup::list(&folder, "vault").len(), 1);
    h.tick(T0.offset_by(120));
    toggle_favourite(&mut h);
    let made = backup::list(&folder, "vault");
    assert_eq!(made.len(), 2);
    assert_eq!(made[0].made, T0.offset_by(120));
    assert_eq!(
        reopen(&made[0].path).entries()[0].favourite,
        reopen(&h.vault_path()).entries()[0].favourite
    );

    // The drive is unplugged: the save goes through, and it is said once.
    let away = h.dir.path().join("usb/unplugged");
    std::fs::rename(&folder, &away).unwrap();
    h.tick(T0.offset_by(240));
    let before = reopen(&h.vault_path()).entries()[0].favourite;
    toggle_favourite(&mut h);
    assert_ne!(
        reopen(&h.vault_path()).entries()[0].favourite,
        before,
        "saved"
    );
    let missing = tessera::gui::i18n::tf(
        Lang::En,
        tessera::gui::i18n::Key::BackupFolderMissing,
        &[("folder", &folder.display().to_string())],
    );
    h.assert_shows(&missing);
    h.click("Dismiss");
    assert!(!h.shows(&missing));
    h.tick(T0.offset_by(360));
    toggle_favourite(&mut h);
    assert!(!h.shows(&missing), "said a second time");
    assert!(!folder.exists(), "the missing folder was created");

    // Back again: the next change is backed up; then turned off.
    std::fs::rename(&away, &folder).unwrap();
    h.tick(T0.offset_by(480));
    toggle_favourite(&mut h);
    assert_eq!(backup::list(&folder, "vault").len(), 3);
    h.click("Settings");
    h.assert_shows(&format!(
        "After changes, an encrypted backup goes to {}.",
        folder.display()
    ));
    // Below the fold of the test window: the button's message.
    assert!(h.shows("Turn off"));
    h.update(tessera::gui::Message::Settings(
        tessera::gui::screen::settings::Message::BackupsOff,
    ));
    h.assert_shows("Automatic backups are off.");
    assert_eq!(backup::folder(&history, &id).unwrap(), None);
    h.click("Back");
    h.tick(T0.offset_by(600));
    toggle_favourite(&mut h);
    assert_eq!(backup::list(&folder, "vault").len(), 3);
}

#[test]
fn a_folder_picked_in_the_chooser_is_used_and_none_changes_nothing() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let folder = h.dir.path().join("picked");
    std::fs::create_dir_all(&folder).unwrap();
    h.click("Settings");
    // The chooser's answer comes back to the settings screen, in its own
    // message: closed without a pick, nothing changes.
    let chosen = |folder| {
        tessera::gui::Message::Settings(
            tessera::gui::screen::settings::Message::BackupFolderChosen(folder),
        )
    };
    h.update(chosen(None));
    h.assert_shows("Automatic backups are off.");
    h.update(chosen(Some(folder.clone())));
    h.assert_shows(&format!(
        "After changes, an encrypted backup goes to {}.",
        folder.display()
    ));
    assert_eq!(backup::list(&folder, "vault").len(), 1);
}

#[test]
fn the_backup_settings_speak_portuguese() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::PtBr);
    h.click("Configurações");
    h.assert_shows("Cópias de segurança automáticas");
    h.assert_shows("As cópias de segurança automáticas estão desligadas.");
    h.assert_shows("Usar esta pasta");
}
