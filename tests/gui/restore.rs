//! The app's Restore screen (issue 14, item 3): from Settings, the earlier
//! versions (previous versions kept in the state directory and backups in
//! every folder one was written to), newest first, with their dates and account counts;
//! choosing one shows what restoring it would change; confirming restores
//! it and the list shows its accounts. A version saved before a password
//! change asks for the password it had then.

use crate::common;
use common::gui::*;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::codes;
use tessera::gui::screen::{restore, settings};
use tessera::otp::{Account, Params, decode_base32};
use tessera::secret::Password;
use tessera::vault::{History, backup};

const BANK_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn bank() -> Entry {
    let hotp = Account::new(
        "Bank",
        "me",
        decode_base32(BANK_KEY).unwrap(),
        Params::hotp(5),
    );
    entry(hotp.unwrap())
}

/// Settings, then "Restore an earlier version…" (below the test window's
/// fold: shown, then its message).
fn open_restore(h: &mut Harness, label: &str) {
    h.click_id(codes::SETTINGS_ID);
    assert!(h.shows(label), "{label} in Settings");
    h.update(tessera::gui::Message::Settings(settings::Message::Restore));
    assert_eq!(h.app.screen_name(), "restore");
}

#[test]
fn restore_lists_versions_shows_what_changes_and_takes_one_back() {
    let (dir, keystore) = Harness::prepare();
    let mut vault = make_vault(&dir, vec![entry(totp("ACME", "alice", KEY))]);
    // A backup of the vault with ACME alone, named with the app's (pinned)
    // time, written as `tessera backup --to` writes it: into a folder that
    // is not the one for automatic backups (none is set), which this
    // computer remembers for the vault.
    let history = History::at(dir.path().join("state"));
    let folder = dir.path().join("usb");
    backup::write(vault.path(), &folder, &history, T0).unwrap();
    assert_eq!(backup::folder(&history, &vault.id()).unwrap(), None);
    vault
        .modify(|entries| {
            entries.push(bank());
            Ok(())
        })
        .unwrap();
    drop(vault);
    let mut h = Harness::start(dir, keystore, Lang::En);
    h.type_into(tessera::gui::screen::unlock::PASSWORD_ID, PASSWORD);
    h.submit(tessera::gui::screen::unlock::PASSWORD_ID);
    // A change in the app: ACME becomes a favourite.
    h.row_action("alice", RowAction::Details);
    h.click("Favourite");
    h.click("Save");
    assert!(reopen(&h.vault_path()).entries()[0].favourite);

    open_restore(&mut h, "Restore an earlier version…");
    // Previous versions: before the favourite (2 accounts), before Bank
    // (ACME alone), the new vault (none); the backup, dated by its name.
    for shown in [
        "previous version 1",
        "2 accounts",
        "previous version 2",
        "1 account",
        "previous version 3",
        "0 accounts",
        "backup",
        &T0.utc_minutes(),
    ] {
        h.assert_shows(shown);
    }
    let paths: Vec<String> = backup::list(&folder, "vault")
        .iter()
        .map(|b| b.path.display().to_string())
        .collect();
    h.assert_shows(&paths[0]);

    // Previous version 2: ACME alone, not a favourite.
    h.click("previous version 2");
    let now = reopen(&h.vault_path());
    let summary = [
        format!(
            "This copy holds 1 account; its last change was made {}.",
            T0.utc_minutes()
        ),
        "1 account would disappear: Bank (me).".to_owned(),
        "ACME (alice) would change: favourite mark.".to_owned(),
    ];
    for line in &summary {
        h.assert_shows(line);
    }
    assert!(!h.shows("This copy was made before a password change: once restored, the vault opens with the password it had then."));
    // Another version, then back to this one: nothing was changed meanwhile.
    h.click("Choose another");
    h.assert_shows("previous version 3");
    assert_eq!(reopen(&h.vault_path()).entries().len(), now.entries().len());
    h.click("previous version 2");
    h.click("Restore this version");
    assert_eq!(h.app.screen_name(), "codes");
    h.assert_shows("Restored the earlier version (1 account).");
    h.assert_shows("ACME");
    assert!(!h.shows("Bank"), "the list shows the restored accounts");
    let restored = reopen(&h.vault_path());
    assert_eq!(restored.entries().len(), 1);
    assert!(!restored.entries()[0].favourite);

    // The version it replaced is now the newest previous version.
    open_restore(&mut h, "Restore an earlier version…");
    h.click("previous version 1");
    h.assert_shows("1 account would come back: Bank (me).");
    h.click("Back");
    assert_eq!(h.app.screen_name(), "settings");
}

#[test]
fn a_version_from_before_a_password_change_asks_for_that_password() {
    const NEW: &str = "a new and longer passphrase";
    let (dir, keystore) = Harness::prepare();
    let policy = KdfPolicy::insecure_for_tests();
    let mut vault = make_vault(&dir, vec![entry(totp("ACME", "alice", KEY)), bank()]);
    vault
        .change_password(&Password::new(NEW.into()), &policy, None)
        .unwrap();
    vault
        .modify(|entries| {
            entries.retain(|e| e.account.issuer != "Bank");
            Ok(())
        })
        .unwrap();
    drop(vault);
    let mut h = Harness::start(dir, keystore, Lang::PtBr);
    h.type_into(tessera::gui::screen::unlock::PASSWORD_ID, NEW);
    h.submit(tessera::gui::screen::unlock::PASSWORD_ID);
    assert_eq!(h.app.screen_name(), "codes");

    open_restore(&mut h, "Restaurar uma versão anterior…");
    // bak1: just after the change (new key); bak2: ACME and Bank, old key.
    h.assert_shows("versão anterior 1");
    h.assert_shows("abre com a senha que tinha então");
    h.click("versão anterior 2");
    h.assert_shows(
        "Esta versão foi salva antes de uma troca de senha: digite a senha que ela tinha então.",
    );
    h.type_into(restore::PASSWORD_ID, "not it");
    h.submit(restore::PASSWORD_ID);
    let wrong = tessera::i18n::Localize::localized(
        &tessera::vault::Error::WrongPassword {
            path: h
                .dir
                .path()
                .join("state/vaults")
                .join(vault_id(&h))
                .join("previous/vault.tessera.bak2"),
            unusual_kdf: None,
        },
        Lang::PtBr,
    );
    h.assert_shows(&wrong);
    h.type_into(restore::PASSWORD_ID, PASSWORD);
    h.submit(restore::PASSWORD_ID);
    h.assert_shows("1 conta voltaria: Bank (me).");
    h.assert_shows("Esta cópia é de antes de uma troca de senha: depois de restaurada, o cofre abre com a senha que tinha então.");
    h.click("Restaurar esta versão");
    assert_eq!(h.app.screen_name(), "codes");
    h.assert_shows("Versão anterior restaurada (2 contas).");
    h.assert_shows("Bank");
    // The vault now opens with the password that version had.
    assert_eq!(reopen(&h.vault_path()).entries().len(), 2);
}

fn vault_id(h: &Harness) -> String {
    Vault::inspect(&h.vault_path()).unwrap().id
}
