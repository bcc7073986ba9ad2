//! Automatic backups set in the app's Settings (issue 16, item 4): the
//! folder chosen there gets a backup at once and after changes (at most one
//! a minute, by the pinned clock); a folder that goes missing, or refuses
//! the backup, is said once and never stops a save, and the backup owed is
//! made by the tick a minute later once the folder takes it again; the
//! setting is the one the CLI reads.

use crate::common;
use common::gui::*;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::codes;
use tessera::gui::screen::settings::BACKUP_FOLDER_ID;
use tessera::vault::backup;

const KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn toggle_favourite(h: &mut Harness) {
    h.row_action("alice", RowAction::Details);
    h.click("Favourite");
    h.click("Save");
}

#[test]
fn backups_set_in_settings_follow_changes_and_a_missing_folder_is_said_once() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let folder = h.dir.path().join("usb/tessera backups");
    std::fs::create_dir_all(&folder).unwrap();
    h.click_id(codes::SETTINGS_ID);
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

    // A change within the minute waits, and the tick backs it up once the
    // minute is over, with no further change.
    h.click("Back");
    toggle_favourite(&mut h);
    assert_eq!(backup::list(&folder, "vault").len(), 1);
    h.tick(T0.offset_by(30));
    assert_eq!(backup::list(&folder, "vault").len(), 1, "not due yet");
    h.tick(T0.offset_by(120));
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

    // Back again: the tick a minute later backs up what changed meanwhile,
    // with no further change; then turned off.
    std::fs::rename(&away, &folder).unwrap();
    h.tick(T0.offset_by(480));
    let made = backup::list(&folder, "vault");
    assert_eq!(made.len(), 3);
    assert_eq!(made[0].made, T0.offset_by(480));
    assert_eq!(
        reopen(&made[0].path).entries()[0].favourite,
        reopen(&h.vault_path()).entries()[0].favourite
    );
    h.click_id(codes::SETTINGS_ID);
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
    h.click_id(codes::SETTINGS_ID);
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
    h.click_id(codes::SETTINGS_ID);
    h.assert_shows("Cópias de segurança automáticas");
    h.assert_shows("As cópias de segurança automáticas estão desligadas.");
    h.assert_shows("Usar esta pasta");
}

#[test]
fn a_folder_that_refuses_backups_is_said_once_and_retried_by_the_tick() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    // A link to /proc: a folder nobody (root included) can create files in.
    let link = h.dir.path().join("backups");
    let real = h.dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink("/proc", &link).unwrap();
    h.click_id(codes::SETTINGS_ID);
    h.type_into(BACKUP_FOLDER_ID, link.to_str().unwrap());
    h.submit(BACKUP_FOLDER_ID);
    let said = |h: &Harness| {
        h.app
            .toast()
            .is_some_and(|t| t.starts_with("no automatic backup of"))
    };
    assert!(said(&h), "the first failure is said");
    h.click("Dismiss");
    h.click("Back");
    // Saves go through; the failure is not said again, by a change or by
    // the tick that retries.
    for at in [60, 130, 200] {
        h.tick(T0.offset_by(at));
        assert!(!said(&h), "said again by the tick at {at}");
        toggle_favourite(&mut h);
        assert!(!said(&h), "said again by the change at {at}");
    }
    assert!(reopen(&h.vault_path()).entries()[0].favourite, "saved");
    // The folder takes backups again: the next tick due makes one, with
    // the vault as it is, and no change is needed.
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    h.tick(T0.offset_by(230));
    assert!(backup::list(&real, "vault").is_empty(), "not due yet");
    h.tick(T0.offset_by(270));
    let made = backup::list(&real, "vault");
    assert_eq!(made.len(), 1);
    assert!(reopen(&made[0].path).entries()[0].favourite);
    // Nothing owed any more: later ticks write nothing.
    h.tick(T0.offset_by(400));
    assert_eq!(backup::list(&real, "vault").len(), 1);
}
