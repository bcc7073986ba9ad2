//! An app unlocked on a vault of `entries` TOTP accounts named like the
//! desktop figures' fixtures ("Service 0001", "user0001@example.com"), at a
//! pinned time, for the in-process GUI benches (`gui_search`, `gui_frame`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use iced_test::selector::id;
use iced_test::simulator;

use tessera::clock::Timestamp;
use tessera::gui::screen::unlock;
use tessera::gui::{App, Environment, Message};
use tessera::keystore::MemoryKeystore;
use tessera::otp::{Account, Params};
use tessera::secret::{Password, SecretBytes};
use tessera::vault::{Entry, KdfPolicy, Vault};

#[path = "../../tests/common/drive.rs"]
mod drive;

const PASSWORD: &str = "bench password 1234";

/// The pinned time the app starts at.
pub const T0: Timestamp = Timestamp(1_700_000_000);

/// Runs `task` and what it leads to.
pub fn run(app: &mut App, runtime: &tokio::runtime::Runtime, task: iced::Task<Message>) {
    drive::drive(app, runtime, task, |_| {});
}

/// The app on its code list, in `dir`, with `entries` accounts.
pub fn unlocked_app(dir: &tempfile::TempDir, entries: usize) -> (App, tokio::runtime::Runtime) {
    let path = dir.path().join("vault.tessera");
    let policy = KdfPolicy::insecure_for_tests();
    let mut vault = Vault::create(&path, &Password::new(PASSWORD.into()), &policy).unwrap();
    vault
        .modify(|all| {
            for i in 0..entries {
                let secret = SecretBytes::from_slice(format!("bench-secret-{i:08}").as_bytes());
                let account = Account::new(
                    &format!("Service {i:04}"),
                    &format!("user{i:04}@example.com"),
                    secret,
                    Params::totp(),
                )
                .unwrap();
                all.push(Entry::new(account, T0).unwrap());
            }
            Ok(())
        })
        .unwrap();
    drop(vault);
    // Nothing here captures; the real screen and clipboard stay out of it.
    let env = Environment::isolated(
        path,
        dir.path().join("state"),
        policy,
        Arc::new(MemoryKeystore::new()),
        T0,
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (mut app, boot) = App::new(env);
    run(&mut app, &runtime, boot);
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        let _ = ui.click(id(unlock::PASSWORD_ID)).unwrap();
        let _ = ui.typewrite(PASSWORD);
        let _ = ui.tap_key(iced::keyboard::key::Named::Enter);
        ui.into_messages().collect()
    };
    for message in messages {
        let task = app.update(message);
        run(&mut app, &runtime, task);
    }
    assert_eq!(app.screen_name(), "codes");
    assert_eq!(app.entries().len(), entries);
    (app, runtime)
}
