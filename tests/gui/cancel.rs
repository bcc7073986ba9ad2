//! Long KDFs in the app can be cancelled (issue 14): unlocking, creating the
//! vault and changing its password show a Cancel button while the KDF runs;
//! Cancel gives the screen back at once with the password fields empty, and
//! the KDF's late result is dropped, never applied (nothing unlocked, no file
//! created, the password unchanged).
//!
//! The KDF is `KdfPolicy::slow_for_tests` (Argon2id, 64 MiB, 8 passes), long
//! enough to press Cancel while it runs; the harness gives each task a moment
//! and leaves it running (`Harness::interact_briefly`), as the app does, then
//! runs what is left to its end (`Harness::finish_running`), which would
//! deliver a late result if the app had not dropped it.

use crate::common;

use std::time::{Duration, Instant};

use common::gui::*;
use tessera::gui::Message;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::{Typed, codes, onboarding, settings, unlock};
use tessera::secret::Password;

/// How long the slow KDF takes here: one password check, timed.
fn slow_kdf_time(path: &std::path::Path) -> Duration {
    let started = Instant::now();
    Vault::open(
        path,
        Unlock::Password(&Password::new(PASSWORD.into())),
        &KdfPolicy::slow_for_tests(),
    )
    .unwrap();
    started.elapsed()
}

#[test]
fn cancelling_an_unlock_gives_the_screen_back_and_the_late_result_is_dropped() {
    let (dir, keystore) = Harness::prepare();
    drop(make_vault_with(
        &dir,
        vec![entry(totp("ACME", "alice", KEY))],
        &KdfPolicy::slow_for_tests(),
    ));
    let kdf = slow_kdf_time(&dir.path().join("data/vault.tessera"));
    let mut h = Harness::start(dir, keystore, Lang::En);
    assert_eq!(h.app.screen_name(), "unlock");
    h.assert_shows("Unlock");

    h.type_into(unlock::PASSWORD_ID, PASSWORD);
    let started = Instant::now();
    h.submit_briefly(unlock::PASSWORD_ID);
    assert_eq!(h.running.len(), 1, "the KDF is at work");
    h.assert_shows("Unlocking…");
    h.click("Cancel");
    let back = started.elapsed();

    // At once: the screen is back, idle, while the KDF still runs.
    assert_eq!(h.app.screen_name(), "unlock");
    assert!(!h.app.is_unlocked());
    assert!(!h.shows("Unlocking…"));
    h.assert_shows("Unlock");
    assert!(
        back < kdf,
        "the screen came back after {back:?}, the KDF takes {kdf:?}"
    );
    // The password field is empty: Enter there starts nothing.
    h.submit_briefly(unlock::PASSWORD_ID);
    assert!(!h.shows("Unlocking…"), "the field was cleared");

    // The abandoned unlock ends: its result unlocks nothing.
    h.finish_running();
    h.tick(T0);
    assert_eq!(h.app.screen_name(), "unlock");
    assert!(!h.app.is_unlocked());
    assert!(h.app.entries().is_empty());

    // And the screen works as before.
    h.type_into(unlock::PASSWORD_ID, PASSWORD);
    h.submit(unlock::PASSWORD_ID);
    assert_eq!(h.app.screen_name(), "codes");
    h.assert_shows("ACME");
}

#[test]
fn cancelling_the_creation_of_the_vault_writes_nothing() {
    let (dir, keystore) = Harness::prepare();
    let mut env = Harness::env(&dir, keystore.clone(), Lang::En);
    env.policy = KdfPolicy::slow_for_tests();
    let mut h = Harness::start_with(dir, keystore, env);
    assert_eq!(h.app.screen_name(), "onboarding");
    let path = h.vault_path();

    h.type_into(onboarding::PASSWORD_ID, PASSWORD);
    h.type_into(onboarding::REPEAT_ID, PASSWORD);
    h.submit_briefly(onboarding::REPEAT_ID);
    assert_eq!(h.running.len(), 1, "the KDF is at work");
    h.assert_shows("Creating the vault…");
    h.click("Cancel");
    assert_eq!(h.app.screen_name(), "onboarding");
    assert!(!h.shows("Creating the vault…"));
    h.assert_shows("Create vault");
    // Both fields are empty: Enter asks for a password of some length.
    h.submit_briefly(onboarding::PASSWORD_ID);
    h.assert_shows("Use at least 8 characters; a few random words make a strong password.");

    // The KDF finishes behind the screen: no vault file is written, nothing
    // opens.
    h.finish_running();
    assert_eq!(h.app.screen_name(), "onboarding");
    assert!(!h.app.is_unlocked());
    assert!(!path.exists(), "a cancelled creation wrote the vault");
}

#[test]
fn cancelling_a_password_change_leaves_the_old_password() {
    let mut h = unlocked_with(vec![entry(totp("ACME", "alice", KEY))], Lang::En, |env| {
        env.policy = KdfPolicy::slow_for_tests();
    });
    let path = h.vault_path();
    h.click_id(codes::SETTINGS_ID);
    // The password section is below the simulator's fold: its messages are
    // sent as its fields and buttons send them.
    let to_settings = Message::Settings;
    let new = "a whole new passphrase";
    h.update(to_settings(settings::Message::NewPassword(Typed::new(
        new.into(),
    ))));
    h.update(to_settings(settings::Message::Repeat(Typed::new(
        new.into(),
    ))));
    h.update_briefly(to_settings(settings::Message::ChangePassword));
    assert_eq!(h.running.len(), 1, "the KDF is at work");
    h.assert_shows("Changing the password…");
    h.assert_shows("Cancel");
    h.update(to_settings(settings::Message::CancelChange));
    assert!(!h.shows("Changing the password…"));
    assert_eq!(h.app.screen_name(), "settings");

    // The KDF finishes behind the screen: nothing is written, the old
    // password still opens the vault and the new one does not.
    h.finish_running();
    assert!(!h.shows("The password was changed"));
    assert_eq!(reopen(&path).entries().len(), 1);
    let by_new = Vault::open(
        &path,
        Unlock::Password(&Password::new(new.into())),
        &KdfPolicy::slow_for_tests(),
    );
    assert!(by_new.is_err(), "the cancelled change was applied");

    // The fields were emptied: "Change password" asks for a password again.
    h.update(to_settings(settings::Message::ChangePassword));
    h.assert_shows("Use at least 8 characters; a few random words make a strong password.");
}
