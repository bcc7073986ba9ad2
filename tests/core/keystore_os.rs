//! `OsKeystore` against a real Secret Service, and against buses that are
//! missing or never answer.
//!
//! The keyring set-up is process-wide (the `keyring` crate connects once, to the
//! bus in the environment at first use), so every test runs its body in a child
//! process: this test binary again, filtered to that one test, with
//! `TESSERA_KEYSTORE_TEST_CHILD` set. Tests that need a working keyring run the
//! child through `.ci/keyring-session.sh`, which gives it a private session bus
//! and a throw-away gnome-keyring-daemon, unlocked; `secret-tool` inside the
//! child sees the same keyring. So a plain `cargo test` works anywhere the
//! packages `dbus`, `gnome-keyring` and `libsecret-tools` are installed (the
//! script installs them when run as root), never touches the keyring of the
//! person running it, and fails with the script's message where it cannot run.

use std::os::unix::net::UnixListener;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use tessera::keystore::{Keystore, KeystoreError, OsKeystore, SERVICE};
use tessera::secret::SecretBytes;

use crate::common::session;

use session::{child, child_in_private_keyring, expect_child_passes, is_child};

const VAULT_A: &str = "0b6f3c1e-2f4d-4c1a-9a57-0d5e8f2b7c11";
const VAULT_B: &str = "6a1d9e0f-7b2c-4e3d-8f41-5c6b7a8d9e02";

fn key(fill: u8) -> SecretBytes {
    SecretBytes::new((0..32).map(|i| fill ^ i).collect())
}

fn secret_tool(args: &[&str]) -> Output {
    match Command::new("secret-tool").args(args).output() {
        Ok(output) => output,
        Err(e) => panic!("cannot run secret-tool {args:?}: {e}"),
    }
}

/// What `secret-tool lookup` finds for a vault: `Some(secret)` or `None`.
fn lookup(vault_id: &str) -> Option<String> {
    let user = format!("vault-{vault_id}");
    let output = secret_tool(&["lookup", "service", SERVICE, "username", &user]);
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `secret-tool search --all` for a vault's item: one block per item.
fn search(vault_id: &str) -> String {
    let user = format!("vault-{vault_id}");
    let output = secret_tool(&["search", "--all", "service", SERVICE, "username", &user]);
    // secret-tool writes the item headers to stderr and the fields to stdout.
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    )
}

/// Stores `secret` under a vault's attributes (plus `extra`) as a person would.
fn store_by_hand(vault_id: &str, secret: &str, extra: &[&str]) {
    let user = format!("vault-{vault_id}");
    let mut args = vec![
        "store",
        "--label=by hand",
        "service",
        SERVICE,
        "username",
        &user,
    ];
    args.extend_from_slice(extra);
    let mut process = match Command::new("secret-tool")
        .args(&args)
        .stdin(Stdio::piped())
        .spawn()
    {
        Ok(process) => process,
        Err(e) => panic!("cannot run secret-tool: {e}"),
    };
    if let Some(mut stdin) = process.stdin.take()
        && let Err(e) = std::io::Write::write_all(&mut stdin, secret.as_bytes())
    {
        panic!("cannot write to secret-tool: {e}");
    }
    match process.wait() {
        Ok(status) => assert!(status.success(), "secret-tool store failed ({status})"),
        Err(e) => panic!("cannot wait for secret-tool: {e}"),
    }
}

// --- Against a real Secret Service --------------------------------------------

#[test]
fn set_get_delete_round_trip() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring("set_get_delete_round_trip"),
            "set_get_delete_round_trip",
        );
    }
    let store = OsKeystore::new();
    assert_eq!(store.get(VAULT_A), Ok(None));
    store.set(VAULT_A, &key(1)).unwrap();
    assert_eq!(store.get(VAULT_A), Ok(Some(key(1))));
    store.set(VAULT_A, &key(2)).unwrap();
    assert_eq!(store.get(VAULT_A), Ok(Some(key(2))), "set replaces");
    assert_eq!(search(VAULT_A).matches("label = ").count(), 1, "one item");
    store.delete(VAULT_A).unwrap();
    assert_eq!(store.get(VAULT_A), Ok(None));
    store.delete(VAULT_A).unwrap();
}

#[test]
fn two_vaults_never_collide() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring("two_vaults_never_collide"),
            "two_vaults_never_collide",
        );
    }
    let store = OsKeystore::new();
    store.set(VAULT_A, &key(1)).unwrap();
    store.set(VAULT_B, &key(2)).unwrap();
    assert_eq!(store.get(VAULT_A), Ok(Some(key(1))));
    assert_eq!(store.get(VAULT_B), Ok(Some(key(2))));
    store.delete(VAULT_A).unwrap();
    assert_eq!(store.get(VAULT_A), Ok(None));
    assert_eq!(store.get(VAULT_B), Ok(Some(key(2))));
}

#[test]
fn items_are_visible_to_secret_tool() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring("items_are_visible_to_secret_tool"),
            "items_are_visible_to_secret_tool",
        );
    }
    let store = OsKeystore::new();
    store.set(VAULT_A, &key(7)).unwrap();

    let expected = BASE64.encode(key(7).expose());
    assert_eq!(lookup(VAULT_A).as_deref(), Some(expected.as_str()));
    let found = search(VAULT_A);
    assert!(
        found.contains(&format!("label = Tessera vault unlock key ({VAULT_A})")),
        "{found}"
    );
    let mut attributes: Vec<&str> = found
        .lines()
        .filter(|line| line.starts_with("attribute."))
        .collect();
    attributes.sort_unstable();
    let expected_attributes = [
        "attribute.service = tessera".to_owned(),
        format!("attribute.username = vault-{VAULT_A}"),
    ];
    assert_eq!(attributes, expected_attributes, "{found}");

    store.delete(VAULT_A).unwrap();
    assert_eq!(lookup(VAULT_A), None, "secret-tool still finds the item");
}

#[test]
fn an_item_deleted_behind_its_back_is_none() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring("an_item_deleted_behind_its_back_is_none"),
            "an_item_deleted_behind_its_back_is_none",
        );
    }
    let store = OsKeystore::new();
    store.set(VAULT_A, &key(3)).unwrap();
    let user = format!("vault-{VAULT_A}");
    let cleared = secret_tool(&["clear", "service", SERVICE, "username", &user]);
    assert!(cleared.status.success());
    assert_eq!(store.get(VAULT_A), Ok(None));
    store.delete(VAULT_A).unwrap();
}

#[test]
fn items_tessera_did_not_write_are_damaged() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring("items_tessera_did_not_write_are_damaged"),
            "items_tessera_did_not_write_are_damaged",
        );
    }
    let store = OsKeystore::new();

    // A key stored by hand with a trailing newline is still read.
    store_by_hand(
        VAULT_A,
        &format!("{}\n", BASE64.encode(key(4).expose())),
        &[],
    );
    assert_eq!(store.get(VAULT_A), Ok(Some(key(4))));

    // Something else is Damaged, and the error does not show it.
    store_by_hand(VAULT_A, "hunter2 is not base64", &[]);
    let error = store.get(VAULT_A).unwrap_err();
    assert!(matches!(error, KeystoreError::Damaged { .. }), "{error:?}");
    assert!(!format!("{error} {error:?}").contains("hunter2"), "{error}");
    store.set(VAULT_A, &key(5)).unwrap();
    assert_eq!(store.get(VAULT_A), Ok(Some(key(5))), "set rewrites it");

    // Two items for one vault: Damaged on get; set and delete clear them all.
    store_by_hand(VAULT_B, &BASE64.encode(key(1).expose()), &["copy", "1"]);
    store_by_hand(VAULT_B, &BASE64.encode(key(2).expose()), &["copy", "2"]);
    let error = store.get(VAULT_B).unwrap_err();
    assert!(matches!(error, KeystoreError::Damaged { .. }), "{error:?}");
    store.set(VAULT_B, &key(6)).unwrap();
    assert_eq!(store.get(VAULT_B), Ok(Some(key(6))));
    store_by_hand(VAULT_B, &BASE64.encode(key(1).expose()), &["copy", "1"]);
    store.delete(VAULT_B).unwrap();
    assert_eq!(lookup(VAULT_B), None);
    assert_eq!(store.get(VAULT_B), Ok(None));
}

// --- Without a reachable Secret Service ------------------------------------------

/// Every call fails with `Unavailable`, each well within `limit`.
fn assert_unavailable_within(store: &OsKeystore, limit: Duration) {
    let started = Instant::now();
    let results = [
        store.get(VAULT_A).map(|_| ()),
        store.set(VAULT_A, &key(1)),
        store.delete(VAULT_A),
    ];
    let elapsed = started.elapsed();
    for result in results {
        let error = match result {
            Ok(()) => panic!("a keyring call succeeded without a keyring"),
            Err(error) => error,
        };
        assert!(
            matches!(&error, KeystoreError::Unavailable { reason } if !reason.is_empty()),
            "{error:?}"
        );
        let text = error.to_string();
        assert!(text.contains("ask for your password"), "{text}");
        eprintln!("{text}");
    }
    assert!(elapsed < limit, "took {elapsed:?}");
}

#[test]
fn a_missing_bus_socket_is_unavailable_at_once() {
    if !is_child() {
        let dir = tempfile::tempdir().unwrap();
        let address = format!("unix:path={}", dir.path().join("no-bus").display());
        let mut command = child("a_missing_bus_socket_is_unavailable_at_once");
        command.env("DBUS_SESSION_BUS_ADDRESS", address);
        return expect_child_passes(command, "a_missing_bus_socket_is_unavailable_at_once");
    }
    assert_unavailable_within(&OsKeystore::new(), Duration::from_secs(5));
}

#[test]
fn no_session_bus_at_all_is_unavailable_at_once() {
    if !is_child() {
        // No address, and no bus at the fallback `$XDG_RUNTIME_DIR/bus`.
        let dir = tempfile::tempdir().unwrap();
        let mut command = child("no_session_bus_at_all_is_unavailable_at_once");
        command
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env("XDG_RUNTIME_DIR", dir.path());
        return expect_child_passes(command, "no_session_bus_at_all_is_unavailable_at_once");
    }
    assert_unavailable_within(&OsKeystore::new(), Duration::from_secs(5));
}

#[test]
fn a_bus_that_never_answers_times_out() {
    if !is_child() {
        // A socket that accepts connections and never says a word.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("silent-bus");
        let listener = UnixListener::bind(&path).unwrap();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().flatten() {
                held.push(stream);
            }
        });
        let mut command = child("a_bus_that_never_answers_times_out");
        command.env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", path.display()),
        );
        return expect_child_passes(command, "a_bus_that_never_answers_times_out");
    }
    let store = OsKeystore::new().with_timeout(Duration::from_secs(1));
    let started = Instant::now();
    let error = store.get(VAULT_A).unwrap_err();
    assert!(
        error.to_string().contains("did not answer within 1 second"),
        "{error}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // Later calls queue behind the stuck one and time out the same way.
    assert_unavailable_within(&store, Duration::from_secs(10));
}
