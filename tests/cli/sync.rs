//! A vault in a synced folder, through the real binary (issue 16): two
//! computers (each its own vault path and state directory) change the vault
//! apart, the other computer's file arrives beside the vault under the name
//! Nextcloud, Dropbox or Syncthing gives a conflict copy, and the next
//! command merges it, moves it out of the folder, and shows every change.
//! A copy under another password is not merged silently: the command says
//! to run `tessera merge FILE`, which does.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{run_with_stdin, stderr, stdout};
use crate::rollback::{ACME, BANK, Device, OTHER_PASSWORD, SHOP, vault_id};

const MAIL: &str = "otpauth://totp/Mail:me?secret=KRSXG5CTMVRXEZLU&issuer=Mail";

/// Two computers sharing one vault: ACME, Bank (HOTP at 5) and Shop.
fn two_devices() -> (Device, Device) {
    let (a, b) = (Device::new(), Device::new());
    a.init();
    for link in [ACME, BANK, SHOP] {
        a.add(link);
    }
    let folder = b.vault().parent().unwrap().to_owned();
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::copy(a.vault(), b.vault()).unwrap();
    assert_eq!(b.issuers(Some("pw1")), ["ACME", "Bank", "Shop"]);
    (a, b)
}

/// Each changes the vault while apart: A renames ACME, takes a Bank code
/// and removes Shop; B puts ACME in a group, takes two Bank codes and adds
/// Mail.
fn edit_apart(a: &Device, b: &Device) {
    a.ok(Some("pw1"), &["edit", "ACME", "--issuer", "ACME Corp"], "");
    a.ok(Some("pw1"), &["next", "Bank"], "");
    a.ok(Some("pw1"), &["remove", "Shop"], "");
    b.ok(Some("pw1"), &["edit", "ACME", "--group", "Work"], "");
    b.ok(Some("pw1"), &["next", "Bank"], "");
    b.ok(Some("pw1"), &["next", "Bank"], "");
    b.add(MAIL);
}

/// `list --json`, sorted by id.
fn listing(device: &Device) -> Vec<Value> {
    let json: Value =
        serde_json::from_str(&device.ok(Some("pw1"), &["list", "--json"], "")).unwrap();
    let mut list = json.as_array().unwrap().clone();
    list.sort_by_key(|e| e["id"].as_str().unwrap().to_owned());
    list
}

/// What both sides' changes give, as `list --json` shows it.
fn assert_every_change(list: &[Value]) {
    let issuers: Vec<&str> = {
        let mut v: Vec<&str> = list.iter().map(|e| e["issuer"].as_str().unwrap()).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(issuers, ["ACME Corp", "Bank", "Mail"], "{list:?}");
    let acme = list.iter().find(|e| e["issuer"] == "ACME Corp").unwrap();
    assert_eq!(acme["group"], "Work", "both edits of ACME survive");
    let bank = list.iter().find(|e| e["issuer"] == "Bank").unwrap();
    assert_eq!(bank["counter"], 7, "the higher HOTP counter");
}

/// Puts `from`'s vault file beside `to`'s under `name` (as the sync tool would).
fn arrive(from: &Device, to: &Device, name: &str) -> PathBuf {
    let copy = to.vault().with_file_name(name);
    std::fs::copy(from.vault(), &copy).unwrap();
    copy
}

/// The copy is gone from the folder and kept in the state directory.
fn assert_put_away(device: &Device, copy: &Path) {
    assert!(
        !copy.exists(),
        "{} left in the synced folder",
        copy.display()
    );
    let kept = device
        .state()
        .join("tessera/vaults")
        .join(vault_id(&device.vault()))
        .join("merged")
        .join(copy.file_name().unwrap());
    assert!(kept.is_file(), "{} kept", kept.display());
    let leftovers: Vec<String> = std::fs::read_dir(device.vault().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("conflict"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn nextcloud_and_dropbox_copies_are_merged_and_both_files_end_alike() {
    let (a, b) = two_devices();
    edit_apart(&a, &b);
    // Nextcloud on A: B's file arrives as a conflict copy beside A's.
    let copy = arrive(&b, &a, "vault (conflicted copy 2026-11-30 121314).tessera");
    let out = a.run(Some("pw1"), &["list", "--json"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("Merged"), "{}", stderr(&out));
    let merged: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_every_change(merged.as_array().unwrap());
    assert_put_away(&a, &copy);

    // Dropbox on B: A's merged file arrives as B's conflict copy.
    let copy = arrive(&a, &b, "vault (A's conflicted copy 2026-11-30).tessera");
    assert_every_change(&listing(&b));
    assert_put_away(&b, &copy);
    assert_eq!(
        listing(&a),
        listing(&b),
        "the two vault files hold the same accounts"
    );
}

#[test]
fn a_syncthing_copy_of_this_computers_own_version_is_merged() {
    let (a, b) = two_devices();
    edit_apart(&a, &b);
    // Syncthing on A kept B's version under the vault's name and renamed
    // A's own as the conflict copy.
    let own = a
        .vault()
        .with_file_name("vault.sync-conflict-20261130-121314-AAAAAAA.tessera");
    std::fs::rename(a.vault(), &own).unwrap();
    std::fs::copy(b.vault(), a.vault()).unwrap();
    assert_every_change(&listing(&a));
    assert_put_away(&a, &own);
    // B gets A's merged file in place of its own (newer: no conflict).
    std::fs::copy(a.vault(), b.vault()).unwrap();
    assert_eq!(listing(&a), listing(&b));
}

#[test]
fn a_copy_under_another_password_waits_for_tessera_merge() {
    let (a, b) = two_devices();
    // B changed the password while apart, then added an account.
    b.ok(
        Some("pw1"),
        &[
            "passwd",
            "--new-password-file",
            b.file("pw2").to_str().unwrap(),
        ],
        "",
    );
    b.ok(Some("pw2"), &["add", "-"], &format!("{MAIL}\n"));
    let copy = arrive(&b, &a, "vault (conflicted copy 2026-11-30 121314).tessera");

    // The command does its work, then says what to do, with exit status 1.
    let out = a.run(Some("pw1"), &["list", "--json"], "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let listed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3);
    let err = stderr(&out);
    assert!(err.contains("saved under another password"), "{err}");
    assert!(
        err.contains(&format!("tessera merge {}", copy.display())),
        "{err}"
    );
    assert!(copy.exists(), "left in place");
    // In Portuguese too.
    let mut command = a.cli.command();
    command
        .env("LC_ALL", "pt_BR.UTF-8")
        .arg("--password-file")
        .arg(a.file("pw1"))
        .arg("list");
    let out = run_with_stdin(&mut command, "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("salva com outra senha"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("tessera merge"), "{}", stderr(&out));

    // A wrong password for the copy: refused, nothing merged.
    let out = a.run(
        Some("pw1"),
        &[
            "merge",
            copy.to_str().unwrap(),
            "--source-password-file",
            a.file("pw1").to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Wrong password for the vault at"),
        "{}",
        stderr(&out)
    );
    assert!(copy.exists());

    // The copy's password on standard input (the vault's from its file).
    let out = a.run(
        Some("pw1"),
        &["merge", copy.to_str().unwrap()],
        &format!("{OTHER_PASSWORD}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("1 added"), "{}", stdout(&out));
    assert_put_away(&a, &copy);
    assert_eq!(a.issuers(Some("pw1")), ["ACME", "Bank", "Mail", "Shop"]);
}
