//! Everyday flows of the desktop app, driven headlessly through the shared
//! harness in `tests/common/gui.rs`.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use iced::keyboard::key::Named;

use common::gui::*;
use tessera::clock::Timestamp;
use tessera::gui::Message;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::{add, codes, onboarding, unlock};
use tessera::gui::settings::{Settings, ThemeChoice};
use tessera::keystore::Keystore as _;
use tessera::otp::{Account, Params, decode_base32, group_code};
use tessera::vault;

#[test]
fn first_run_creates_a_vault_with_keyring_unlock() {
    let (dir, keystore) = Harness::prepare();
    let mut h = Harness::start(dir, keystore, Lang::En);
    assert_eq!(h.app.screen_name(), "onboarding");
    h.assert_shows("Create your vault");
    h.assert_shows("Also unlock with the system keyring");

    h.type_into(onboarding::PASSWORD_ID, "tessera-test-password");
    h.assert_shows("Strength: very strong");
    h.type_into(onboarding::REPEAT_ID, "tessera-test-passwort");
    h.click("Create vault");
    h.assert_shows("The two passwords differ.");
    assert!(!h.vault_path().exists());

    h.interact(|ui| {
        let _ = ui.click(id(onboarding::REPEAT_ID)).unwrap();
        let _ = ui.tap_key(Named::Backspace);
        let _ = ui.typewrite("d");
    });
    h.click("Create vault");
    assert_eq!(h.app.screen_name(), "codes");
    assert!(h.vault_path().exists());
    h.assert_shows("No accounts yet");
    h.assert_shows("Enter the setup key (Ctrl+N)");
    // The keyring box was on by default (the keyring answered): a key was stored.
    assert_eq!(h.keystore.len(), 1);
    assert!(Vault::inspect(&h.vault_path()).unwrap().has_keyring_slot);
}

#[test]
fn unlock_with_a_wrong_then_the_right_password() {
    let (dir, keystore) = Harness::prepare();
    drop(make_vault(&dir, vec![entry(totp("ACME", "alice", KEY))]));
    let mut h = Harness::start(dir, keystore, Lang::En);
    assert_eq!(h.app.screen_name(), "unlock");

    h.type_into(unlock::PASSWORD_ID, "not the password");
    h.submit(unlock::PASSWORD_ID);
    assert_eq!(h.app.screen_name(), "unlock");
    assert!(!h.app.is_unlocked());
    h.assert_shows("Wrong password. Try again; passwords are case-sensitive.");

    h.type_into(unlock::PASSWORD_ID, PASSWORD);
    h.submit(unlock::PASSWORD_ID);
    assert_eq!(h.app.screen_name(), "codes");
    h.assert_shows("ACME");
    h.assert_shows(&group_code(&code_at(KEY, T0)));
}

#[test]
fn keyring_slot_unlocks_by_itself_and_falls_back_with_the_reason() {
    let (dir, keystore) = Harness::prepare();
    let mut vault = make_vault(&dir, vec![]);
    let kek = vault::new_keyring_key().unwrap();
    keystore.set(&vault.id(), &kek).unwrap();
    vault.enable_keyring(&kek).unwrap();
    drop(vault);

    let h = Harness::start(dir, keystore.clone(), Lang::En);
    assert_eq!(h.app.screen_name(), "codes");

    let Harness { dir, .. } = h;
    keystore.set_unavailable("no Secret Service on the bus");
    let h = Harness::start(dir, keystore, Lang::En);
    assert_eq!(h.app.screen_name(), "unlock");
    let ui_text = "The system keyring did not unlock the vault (the system keyring is not available (no Secret Service on the bus); Tessera will ask for your password instead). Enter the password instead.";
    h.assert_shows(ui_text);
}

#[test]
fn add_an_entry_manually_and_see_its_code() {
    let mut h = unlocked(vec![], Lang::En);
    h.click_id(codes::ADD_ID);
    assert_eq!(h.app.screen_name(), "add");

    h.type_into(add::ISSUER_ID, "ACME Cloud");
    h.type_into(add::ACCOUNT_ID, "alice@example.com");
    // Lower case and spaces are fine; a mistyped 1 is explained as you type.
    h.type_into(add::KEY_ID, "jbsw y3dp ehpk 3px1");
    h.assert_shows(
        "“1” at position 19 is not valid in a setup key: keys use only the letters A–Z and the digits 2–7 (a 0, 1 or 8 is usually a mistyped O, I or B).",
    );
    h.interact(|ui| {
        let _ = ui.click(id(add::KEY_ID)).unwrap();
        let _ = ui.tap_key(Named::Backspace);
        let _ = ui.typewrite("p");
    });
    let expected = group_code(&code_at(KEY, T0));
    h.assert_shows(&format!(
        "This key gives {expected} now. Check it against the service before saving."
    ));

    h.click("Add");
    assert_eq!(h.app.screen_name(), "codes");
    h.assert_shows("ACME Cloud");
    h.assert_shows("alice@example.com");
    h.assert_shows(&expected);
    h.assert_shows("10");
    assert_eq!(reopen(&h.vault_path()).entries().len(), 1);
}

#[test]
fn pasting_an_otpauth_link_fills_the_form() {
    let mut h = unlocked(vec![], Lang::En);
    h.click_id(codes::ADD_ID);
    h.type_into(
        add::KEY_ID,
        "otpauth://totp/Example:bob@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example",
    );
    h.assert_shows("Filled in from the otpauth:// link.");
    h.click("Add");
    h.assert_shows("Example");
    h.assert_shows("bob@example.com");
}

#[test]
fn typing_anywhere_searches_and_esc_clears() {
    let mut github = entry(totp("GitHub", "octo", KEY));
    github.group = "Work".into();
    let mut h = unlocked(
        vec![
            github,
            entry(totp("ACME", "alice", "GEZDGNBVGY3TQOJQ")),
            entry(totp("Bank", "me", "MFRGGZDFMZTWQ2LK")),
        ],
        Lang::En,
    );
    h.assert_shows("ACME");
    h.keys(iced_test::simulator::typewrite("work"));
    h.assert_shows("GitHub");
    assert!(!h.shows("ACME"));
    assert!(!h.shows("Bank"));

    h.keys(iced_test::simulator::typewrite("zz"));
    h.assert_shows("Nothing matches “workzz”.");
    h.assert_shows("Press Esc to clear the search, or add the account if it is missing.");

    h.keys(iced_test::simulator::tap_key(Named::Escape, None));
    h.assert_shows("ACME");
    h.assert_shows("Bank");
    h.assert_shows("GitHub");
}

#[test]
fn copy_then_clear_the_clipboard_only_if_it_still_holds_the_code() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let code = code_at(KEY, T0);
    h.click(&group_code(&code));
    assert_eq!(h.clipboard.as_deref(), Some(code.as_str()));
    h.assert_shows("Code copied. The clipboard will be cleared in 30 seconds.");

    h.tick(Timestamp(T0.secs() + 29));
    assert_eq!(h.clipboard.as_deref(), Some(code.as_str()));
    h.tick(Timestamp(T0.secs() + 30));
    assert_eq!(h.clipboard.as_deref(), Some(""));

    // Enter on the selection copies too; something else copied meanwhile stays.
    h.keys(iced_test::simulator::tap_key(Named::Enter, None));
    assert_eq!(
        h.clipboard.as_deref(),
        Some(code_at(KEY, Timestamp(T0.secs() + 30)).as_str())
    );
    h.clipboard = Some(String::from("the user's own text"));
    h.tick(Timestamp(T0.secs() + 61));
    assert_eq!(h.clipboard.as_deref(), Some("the user's own text"));
}

#[test]
fn quitting_clears_a_code_still_on_the_clipboard_and_nothing_else() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let code = code_at(KEY, T0);
    h.click(&group_code(&code));
    assert_eq!(h.clipboard.as_deref(), Some(code.as_str()));
    h.update(Message::CloseRequested);
    assert_eq!(
        h.clipboard.as_deref(),
        Some(""),
        "cleared before the app exits"
    );

    // Something the user copied after the code is theirs: quitting keeps it.
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    h.click(&group_code(&code));
    h.clipboard = Some(String::from("the user's own text"));
    h.update(Message::CloseRequested);
    assert_eq!(h.clipboard.as_deref(), Some("the user's own text"));
}

#[test]
fn the_next_code_shows_in_the_last_seconds() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let late = Timestamp(T0.secs() + 6); // 4 seconds left
    h.tick(late);
    h.assert_shows("4");
    let next = code_at(KEY, Timestamp(T0.secs() + 10));
    h.assert_shows(&format!("next: {}", group_code(&next)));
}

#[test]
fn hotp_next_saves_the_counter_before_showing_the_code() {
    let hotp = Account::new("Bank", "me", decode_base32(KEY).unwrap(), Params::hotp(0)).unwrap();
    let mut h = unlocked(vec![entry(hotp.clone())], Lang::En);
    h.assert_shows("counter 0");
    h.row_action("me", RowAction::Next);
    assert_eq!(
        reopen(&h.vault_path()).entries()[0].account.params.counter,
        1
    );
    h.assert_shows("counter 1");
    let mut at_one = hotp;
    at_one.params.counter = 1;
    h.assert_shows(&group_code(&at_one.code_at(T0).unwrap().value));
}

#[test]
fn edit_an_entry() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    h.row_action("alice", RowAction::Details);
    assert_eq!(h.app.screen_name(), "details");
    h.interact(|ui| {
        let _ = ui
            .click(id(tessera::gui::screen::details::ISSUER_ID))
            .unwrap();
        let _ = ui.typewrite(" Corp");
    });
    h.click("Favourite");
    h.click("Save");
    assert_eq!(h.app.screen_name(), "codes");
    h.assert_shows("★ ACME Corp");
    let vault = reopen(&h.vault_path());
    let stored = &vault.entries()[0];
    assert_eq!(stored.account.issuer, "ACME Corp");
    assert!(stored.favourite);
}

/// An account with neither issuer nor name is named in the person's
/// language (the core gives a typed label; `unnamed-account` words it).
#[test]
fn an_unnamed_account_is_named_in_each_language() {
    for (lang, details, delete, confirm, yes, deleted) in [
        (
            Lang::En,
            "Account details",
            "Delete…",
            "Delete (unnamed account)? Tessera will no longer show its codes; make sure you can still sign in to the service.",
            "Delete for good",
            "Deleted (unnamed account).",
        ),
        (
            Lang::PtBr,
            "Detalhes da conta",
            "Excluir…",
            "Excluir (conta sem nome)? O Tessera não mostrará mais os códigos dela; confirme que você ainda consegue entrar no serviço.",
            "Excluir de vez",
            "(conta sem nome) excluída.",
        ),
    ] {
        let mut h = unlocked(vec![entry(totp("", "", KEY))], lang);
        h.row_action("", RowAction::Details);
        h.assert_shows(details);
        h.click(delete);
        h.assert_shows(confirm);
        h.click(yes);
        h.assert_shows(deleted);
    }
}

#[test]
fn delete_an_entry_after_confirming() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    h.row_action("alice", RowAction::Details);
    h.click("Delete…");
    h.assert_shows(
        "Delete ACME (alice)? Tessera will no longer show its codes; make sure you can still sign in to the service.",
    );
    h.click("Delete for good");
    assert_eq!(h.app.screen_name(), "codes");
    h.assert_shows("No accounts yet");
    assert!(reopen(&h.vault_path()).entries().is_empty());
}

#[test]
fn auto_lock_after_five_idle_minutes_with_a_pinned_clock() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    h.tick(Timestamp(T0.secs() + 200));
    h.update(Message::Activity);
    h.click_id(codes::ADD_ID);
    h.tick(Timestamp(T0.secs() + 499));
    assert!(h.app.is_unlocked(), "input at +200 s restarted the count");
    // The list reporting its scroll position (a resize does that) is not input.
    h.update(Message::Codes(
        tessera::gui::screen::codes::Message::Scrolled(tessera::gui::screen::codes::Scroll {
            offset: 0.0,
            height: 500.0,
            width: 500.0,
        }),
    ));
    h.update(Message::Codes(
        tessera::gui::screen::codes::Message::Resized(iced::Size::new(400.0, 300.0)),
    ));
    // Nor is a task's result reaching a screen (here the file dialog's,
    // closed without a pick, on the add screen opened at +200 s).
    h.update(Message::Add(
        tessera::gui::screen::add::Message::FilesChosen(None),
    ));
    h.tick(Timestamp(T0.secs() + 500));
    assert!(!h.app.is_unlocked());
    assert!(h.app.entries().is_empty(), "decrypted entries dropped");
    assert_eq!(h.app.screen_name(), "unlock");
}

#[test]
fn ctrl_l_and_the_lock_button_lock() {
    let mut h = unlocked(vec![], Lang::En);
    h.keys([ctrl("l")]);
    assert!(!h.app.is_unlocked());

    h.type_into(unlock::PASSWORD_ID, PASSWORD);
    h.submit(unlock::PASSWORD_ID);
    h.click_id(codes::LOCK_ID);
    assert!(!h.app.is_unlocked());
}

#[test]
fn ctrl_n_opens_the_add_screen() {
    let mut h = unlocked(vec![], Lang::En);
    h.keys([ctrl("n")]);
    assert_eq!(h.app.screen_name(), "add");
    assert!(h.app.is_unlocked());
}

#[test]
fn the_list_in_brazilian_portuguese() {
    let mut h = unlocked(vec![entry(totp("ACME", "joão", KEY))], Lang::PtBr);
    // The header's icon buttons are named in their tooltips (`header.rs`).
    let names = codes::header_actions(Lang::PtBr, true).map(|a| a.name);
    assert_eq!(
        names,
        [
            "Adicionar conta (Ctrl+N)",
            "Levar ao celular",
            "Configurações",
            "Bloquear (Ctrl+L)"
        ]
    );
    // The cards' actions are named in their tooltips, in the language
    // (`cards.rs` shows and clicks them).
    assert_eq!(
        tessera::gui::i18n::t(Lang::PtBr, RowAction::Details.key()),
        "Detalhes"
    );
    h.assert_shows("10");
    h.click(&group_code(&code_at(KEY, T0)));
    h.assert_shows("Código copiado. A área de transferência será limpa em 30 segundos.");
    h.keys(iced_test::simulator::typewrite("nada"));
    h.assert_shows("Nada corresponde a “nada”.");
}

#[test]
fn settings_persist_and_a_broken_file_does_not_block_start_up() {
    let mut h = unlocked(vec![], Lang::En);
    h.click_id(codes::SETTINGS_ID);
    assert_eq!(h.app.screen_name(), "settings");
    h.click("Hide codes until clicked");
    let path = h.dir.path().join("config/settings.toml");
    let (saved, warning) = Settings::load(&path);
    assert!(warning.is_none());
    assert!(saved.hide_codes);
    assert_eq!(saved.theme, ThemeChoice::System);

    let (dir, keystore) = Harness::prepare();
    std::fs::create_dir_all(dir.path().join("config")).unwrap();
    std::fs::write(
        dir.path().join("config/settings.toml"),
        "auto_lock_minutes = \"x",
    )
    .unwrap();
    let mut env = Harness::env(&dir, keystore.clone(), Lang::En);
    let (settings, warning) = Settings::load(env.settings_path.as_deref().unwrap());
    env.settings = settings;
    env.settings_warning = warning;
    let h = Harness::start_with(dir, keystore, env);
    assert_eq!(h.app.screen_name(), "onboarding");
    assert!(
        h.app
            .toast()
            .is_some_and(|t| t.starts_with("The settings file could not be read"))
    );
}

#[test]
fn a_clock_offset_is_shown_and_used() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    h.click_id(codes::SETTINGS_ID);
    h.interact(|ui| {
        reach(ui, tessera::gui::screen::settings::OFFSET_ID);
        let _ = ui
            .click(id(tessera::gui::screen::settings::OFFSET_ID))
            .unwrap();
        let _ = ui.tap_key(Named::Backspace);
        let _ = ui.typewrite("-45");
    });
    assert_eq!(h.app.settings().clock_offset_seconds, -45);
    h.click("Back");
    h.assert_shows("Codes use a clock offset of -45 seconds (see Settings).");
    h.assert_shows(&group_code(&code_at(KEY, T0.offset_by(-45))));
}

#[test]
fn a_long_list_builds_only_the_rows_in_view_and_follows_the_selection() {
    use tessera::gui::screen::codes::Scroll;
    let entries = (0..300)
        .map(|i| entry(totp(&format!("Service {i:03}"), "me", KEY)))
        .collect();
    let mut h = unlocked(entries, Lang::En);
    h.assert_shows("Service 000");
    h.assert_shows("Service 010");
    // Rows far below the first screenful are not built at all.
    assert!(!h.shows("Service 040"));
    assert!(!h.shows("Service 299"));

    // Moving the selection past the bottom edge scrolls the list with it.
    for _ in 0..40 {
        h.keys(iced_test::simulator::tap_key(Named::ArrowDown, None));
    }
    h.assert_shows("Service 040");
    assert!(!h.shows("Service 000"));
    // Enter copies the selected (scrolled-to) row's code.
    h.keys(iced_test::simulator::tap_key(Named::Enter, None));
    assert_eq!(h.clipboard.as_deref(), Some(code_at(KEY, T0).as_str()));

    // Scrolling by hand (the list reports its viewport) shows that part.
    let stride = h.app.codes_metrics().stride();
    h.update(Message::Codes(codes::Message::Scrolled(Scroll {
        offset: 290.0 * stride,
        height: 600.0,
        width: 1000.0,
    })));
    h.assert_shows("Service 290");
    h.assert_shows("Service 299");
    assert!(!h.shows("Service 040"));

    // A search starts at the top of its results.
    h.keys(iced_test::simulator::typewrite("service 00"));
    h.assert_shows("Service 000");
    h.assert_shows("Service 009");
    assert!(!h.shows("Service 290"));
    h.keys(iced_test::simulator::tap_key(Named::Escape, None));
    h.assert_shows("Service 000");
    assert!(!h.shows("Service 299"));
}

#[test]
fn a_broken_link_is_explained_in_brazilian_portuguese() {
    let mut h = unlocked(vec![], Lang::PtBr);
    h.keys([ctrl("n")]);
    h.type_into(add::KEY_ID, "otpauth://totp/Example:bob?issuer=Example");
    h.assert_shows(
        "o link otpauth:// não tem chave (secret); copie o link inteiro ou digite a chave de configuração",
    );
}

#[test]
fn a_password_changed_elsewhere_locks_with_the_reason_on_the_next_save() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    // The CLI (another handle on the same file) changes the password: re-key.
    let mut other = reopen(&h.vault_path());
    let new = tessera::secret::Password::new("a whole new passphrase".into());
    other
        .change_password(&new, &vault::KdfPolicy::insecure_for_tests(), None)
        .unwrap();
    let after = std::fs::read(h.vault_path()).unwrap();

    h.row_action("alice", RowAction::Details);
    h.click("Favourite");
    h.click("Save");
    assert_eq!(h.app.screen_name(), "unlock");
    assert!(h.app.entries().is_empty(), "the stale session is dropped");
    let path = h.vault_path();
    h.assert_shows(&format!(
        "the password of the vault at {} was changed in another Tessera window or command since it was unlocked here; nothing was saved. Unlock it again with the new password",
        path.display()
    ));
    assert_eq!(std::fs::read(&path).unwrap(), after, "nothing written");

    h.type_into(unlock::PASSWORD_ID, "a whole new passphrase");
    h.submit(unlock::PASSWORD_ID);
    assert_eq!(h.app.screen_name(), "codes");
    h.assert_shows("ACME");
}

#[test]
fn what_the_cli_saves_appears_in_an_open_list() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    assert!(!h.shows("Initech"));
    // Another process (the CLI, say) adds an account to the same file; the
    // app's watch on the file (`task::watch`, tested on its own) reports it.
    let mut other = reopen(&h.vault_path());
    other
        .modify(|entries| {
            entries.push(entry(totp("Initech", "peter", "GEZDGNBVGY3TQOJQ")));
            Ok(())
        })
        .unwrap();
    h.update(Message::VaultChanged);
    h.assert_shows("Initech");
    h.assert_shows("ACME");
    // A change report when nothing changed (this window's own save) changes nothing.
    h.update(Message::VaultChanged);
    h.assert_shows("Initech");

    // A password change elsewhere: the re-read locks, with the reason.
    let new = tessera::secret::Password::new("a whole new passphrase".into());
    other
        .change_password(&new, &vault::KdfPolicy::insecure_for_tests(), None)
        .unwrap();
    h.update(Message::VaultChanged);
    assert_eq!(h.app.screen_name(), "unlock");
    h.assert_shows(&format!(
        "the password of the vault at {} was changed in another Tessera window or command since it was unlocked here; nothing was saved. Unlock it again with the new password",
        h.vault_path().display()
    ));
}

#[test]
fn turning_keyring_unlock_off_asks_for_the_password_and_re_keys_the_vault() {
    use tessera::gui::screen::settings::KEYRING_OFF_PASSWORD_ID;
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let path = h.vault_path();
    h.click_id(codes::SETTINGS_ID);
    h.click("Unlock with the system keyring");
    h.assert_shows("The system keyring now unlocks the vault.");
    let id = Vault::inspect(&path).unwrap().id;
    let kek = h.keystore.get(&id).unwrap().expect("a key in the keyring");
    assert!(
        h.keystore.get_record(&id).unwrap().is_some(),
        "the record of versions seen is kept in the keyring too"
    );
    let mut by_keyring = Vault::open(
        &path,
        Unlock::KeyringKey(&kek),
        &KdfPolicy::insecure_for_tests(),
    )
    .unwrap();

    // Unticking asks for the password; nothing changes until it is given.
    h.click("Unlock with the system keyring");
    h.assert_shows("Type the vault password to turn keyring unlock off. The vault is re-encrypted under a new key, so the key left in the keyring opens nothing saved from now on.");
    assert!(Vault::inspect(&path).unwrap().has_keyring_slot);
    h.type_into(KEYRING_OFF_PASSWORD_ID, "not the password");
    h.submit(KEYRING_OFF_PASSWORD_ID);
    // A wrong password says so, and changes nothing.
    h.assert_shows(&format!(
        "wrong password for the vault at {}; try again (passwords are case-sensitive)",
        path.display()
    ));
    assert!(Vault::inspect(&path).unwrap().has_keyring_slot);

    h.type_into(KEYRING_OFF_PASSWORD_ID, PASSWORD);
    h.submit(KEYRING_OFF_PASSWORD_ID);
    h.assert_shows("Keyring unlock is off and the vault was re-encrypted under a new key; the password is needed from now on.");
    assert!(!Vault::inspect(&path).unwrap().has_keyring_slot);
    assert!(h.keystore.get(&id).unwrap().is_none());
    assert!(h.keystore.get_record(&id).unwrap().is_none());
    assert_eq!(reopen(&path).entries().len(), 1);
    // A save afterwards (here, another command's).
    reopen(&path)
        .modify(|entries| {
            entries.push(entry(totp("Initech", "peter", "GEZDGNBVGY3TQOJQ")));
            Ok(())
        })
        .unwrap();
    // The old keyring key opens nothing saved afterwards: not the file (no
    // slot seals the data key under it), and the data key it gave before
    // reads none of it.
    assert!(
        Vault::open(
            &path,
            Unlock::KeyringKey(&kek),
            &KdfPolicy::insecure_for_tests()
        )
        .is_err()
    );
    assert!(matches!(
        by_keyring.reload(),
        Err(vault::Error::KeyChanged { .. })
    ));
}

#[test]
fn a_keyring_that_keeps_the_old_key_still_leaves_keyring_unlock_off() {
    use tessera::gui::screen::settings::KEYRING_OFF_PASSWORD_ID;
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let path = h.vault_path();
    h.click_id(codes::SETTINGS_ID);
    h.click("Unlock with the system keyring");
    h.assert_shows("The system keyring now unlocks the vault.");
    let id = Vault::inspect(&path).unwrap().id;
    assert!(h.keystore.get(&id).unwrap().is_some());

    h.click("Unlock with the system keyring");
    h.type_into(KEYRING_OFF_PASSWORD_ID, PASSWORD);
    // The keyring stops answering between the re-key and the removal.
    h.keystore.set_unavailable("the keyring daemon went away");
    h.submit(KEYRING_OFF_PASSWORD_ID);
    // The vault is re-keyed without its slot, so keyring unlock is off: the
    // screen says so, names what is left in the keyring and how to remove it.
    h.assert_shows("Keyring unlock is off and the vault was re-encrypted under a new key; the password is needed from now on. The old key could not be removed from the keyring (the system keyring is not available (the keyring daemon went away); Tessera will ask for your password instead): it opens nothing saved from now on, and you can delete the items “Tessera vault unlock key” and “Tessera vault versions seen” with your keyring manager (Passwords and Keys).");
    assert!(!Vault::inspect(&path).unwrap().has_keyring_slot);
    h.keystore.set_available();
    let kek = h
        .keystore
        .get(&id)
        .unwrap()
        .expect("the keyring kept the key");
    assert!(
        Vault::open(
            &path,
            Unlock::KeyringKey(&kek),
            &KdfPolicy::insecure_for_tests()
        )
        .is_err(),
        "the key left behind opens nothing"
    );
    // The box follows the vault: ticking it again turns keyring unlock on
    // (it would ask for the password to turn it off if it still read "on").
    h.click("Unlock with the system keyring");
    h.assert_shows("The system keyring now unlocks the vault.");
    assert!(Vault::inspect(&path).unwrap().has_keyring_slot);
}

#[test]
fn a_conflict_copy_is_merged_while_open_and_one_under_another_password_asks_for_it() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    let path = h.vault_path();
    // Another computer's version of the file, changed apart, arrives as
    // Syncthing's conflict copy beside the vault.
    let elsewhere = h.dir.path().join("elsewhere.tessera");
    std::fs::copy(&path, &elsewhere).unwrap();
    let mut other = reopen(&elsewhere);
    other
        .modify(|entries| {
            entries.push(entry(totp("Initech", "peter", "GEZDGNBVGY3TQOJQ")));
            Ok(())
        })
        .unwrap();
    drop(other);
    let copy = path.with_file_name("vault.sync-conflict-20261130-121314-ABCDEF7.tessera");
    std::fs::rename(&elsewhere, &copy).unwrap();
    // The watch reports a new conflict copy like a change of the file.
    h.update(Message::VaultChanged);
    h.assert_shows("Initech");
    h.assert_shows("ACME");
    h.assert_shows(
        "Merged a copy of the vault changed on another computer (a sync conflict); nothing was lost.",
    );
    assert!(!copy.exists(), "moved out of the synced folder");
    assert_eq!(reopen(&path).entries().len(), 2, "the merge is saved");

    // A copy saved under another password: a banner asks for it.
    std::fs::copy(&path, &elsewhere).unwrap();
    let mut other = reopen(&elsewhere);
    let new = tessera::secret::Password::new("a whole new passphrase".into());
    other
        .change_password(&new, &vault::KdfPolicy::insecure_for_tests(), None)
        .unwrap();
    other
        .modify(|entries| {
            entries.push(entry(totp("Globex", "hank", "MFRGGZDFMZTWQ2LK")));
            Ok(())
        })
        .unwrap();
    drop(other);
    let copy = path.with_file_name("vault (conflicted copy 2026-11-30 121314).tessera");
    std::fs::rename(&elsewhere, &copy).unwrap();
    h.update(Message::VaultChanged);
    let banner = format!(
        "A copy of the vault changed on another computer ({}) was saved under another password. Enter that password to merge its changes.",
        copy.file_name().unwrap().to_string_lossy()
    );
    h.assert_shows(&banner);
    assert!(!h.shows("Globex"));
    h.type_into(codes::COPY_PASSWORD_ID, "not the password");
    h.submit(codes::COPY_PASSWORD_ID);
    h.assert_shows(&format!(
        "wrong password for the vault at {}; try again (passwords are case-sensitive)",
        copy.display()
    ));
    assert!(copy.exists(), "nothing merged");
    h.type_into(codes::COPY_PASSWORD_ID, "a whole new passphrase");
    h.submit(codes::COPY_PASSWORD_ID);
    h.assert_shows("Globex");
    h.assert_shows("Merged vault (conflicted copy 2026-11-30 121314).tessera into the vault.");
    assert!(!h.shows(&banner));
    assert!(!copy.exists());
    let names: Vec<String> = reopen(&path)
        .entries()
        .iter()
        .map(|e| e.account.issuer.clone())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
}
