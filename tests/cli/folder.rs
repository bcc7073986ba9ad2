//! A synced folder holds the vault alone (issue 16, item 1), through the
//! real binary: the writer lock and the previous versions live in Tessera's
//! state directory, two writers still exclude each other through the moved
//! lock, `tessera restore` takes the previous versions from there, and what
//! an older Tessera left beside a vault (its lock file, `vault.tessera.bakN`,
//! a temporary file) is moved or removed without losing anything and
//! without following a link.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use tessera::clock::Timestamp;
use tessera::secret::Password;
use tessera::vault::{Entry, KdfPolicy, Vault};

use crate::common::cli::PASSWORD;
use crate::common::stderr;
use crate::rollback::{ACME, BANK, Device, SHOP, vault_id};

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path)
        .unwrap()
        .permissions()
        .mode()
        & 0o777
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

fn folder(device: &Device) -> PathBuf {
    device.vault().parent().unwrap().to_owned()
}

/// Where the device keeps the previous versions of its vault.
fn previous(device: &Device) -> PathBuf {
    device
        .state()
        .join("tessera/vaults")
        .join(vault_id(&device.vault()))
        .join("previous")
}

/// The one writer lock file of the device's state directory.
fn lock_file(device: &Device) -> PathBuf {
    let locks = device.state().join("tessera/locks");
    let names = names(&locks);
    assert_eq!(names.len(), 1, "{names:?}");
    locks.join(&names[0])
}

fn assert_alone(device: &Device, after: &str) {
    assert_eq!(
        names(&folder(device)),
        ["vault.tessera"],
        "after {after}, the folder holds the vault alone"
    );
}

#[test]
fn the_folder_holds_only_the_vault_after_every_command() {
    let (a, b) = (Device::new(), Device::new());
    a.init();
    assert_alone(&a, "init");
    a.add(ACME);
    a.add(BANK);
    assert_alone(&a, "add");
    a.ok(Some("pw1"), &["edit", "ACME", "--group", "Work"], "");
    a.ok(Some("pw1"), &["next", "Bank"], "");
    assert_alone(&a, "edit, next");

    // A conflict copy from another computer is merged and moved away.
    std::fs::create_dir_all(folder(&b)).unwrap();
    std::fs::set_permissions(folder(&b), std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::copy(a.vault(), b.vault()).unwrap();
    b.add(SHOP);
    a.ok(Some("pw1"), &["remove", "Bank"], "");
    std::fs::copy(
        b.vault(),
        a.vault()
            .with_file_name("vault (conflicted copy 2026-11-30 101500).tessera"),
    )
    .unwrap();
    assert_eq!(a.issuers(Some("pw1")), ["ACME", "Shop"]);
    assert_alone(&a, "merging a conflict copy");
    // `tessera merge FILE` of a copy kept elsewhere.
    b.ok(Some("pw1"), &["edit", "Shop", "--group", "Fun"], "");
    a.ok(Some("pw1"), &["merge", b.vault().to_str().unwrap()], "");
    assert_alone(&a, "merge");
    a.ok(
        Some("pw1"),
        &[
            "passwd",
            "--new-password-file",
            a.file("pw2").to_str().unwrap(),
        ],
        "",
    );
    assert_alone(&a, "passwd");
    assert_eq!(a.issuers(Some("pw2")), ["ACME", "Shop"]);

    // What used to lie beside it is in the state directory, private.
    let kept = previous(&a);
    assert_eq!(mode(&kept), 0o700);
    assert_eq!(
        names(&kept),
        [
            "vault.tessera.bak1",
            "vault.tessera.bak2",
            "vault.tessera.bak3"
        ]
    );
    for name in names(&kept) {
        assert_eq!(mode(&kept.join(&name)), 0o600, "{name}");
    }
    let lock = lock_file(&a);
    assert_eq!(mode(&lock), 0o600);
    assert_eq!(mode(lock.parent().unwrap()), 0o700);

    // Restore finds them there: bak1 is the vault before passwd (old
    // password), and the vault it replaces becomes the new bak1.
    let before_passwd = std::fs::read(kept.join("vault.tessera.bak1")).unwrap();
    let taken = kept.join("taken.tessera");
    std::fs::write(&taken, &before_passwd).unwrap();
    let out = a.ok(Some("pw1"), &["restore", taken.to_str().unwrap()], "");
    assert!(
        out.contains(&kept.join("vault.tessera.bak1").display().to_string()),
        "{out}"
    );
    assert_alone(&a, "restore");
    assert_eq!(a.issuers(Some("pw1")), ["ACME", "Shop"]);

    // A damaged vault names the newest intact previous version, there.
    let mut bytes = std::fs::read(a.vault()).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(a.vault(), &bytes).unwrap();
    let out = a.run(Some("pw1"), &["list"], "");
    assert_eq!(out.status.code(), Some(1));
    let bak1 = kept.join("vault.tessera.bak1");
    assert!(
        stderr(&out).contains(&format!("tessera restore {}", bak1.display())),
        "{}",
        stderr(&out)
    );
}

#[test]
fn two_writers_exclude_each_other_through_the_moved_lock() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let lock = lock_file(&device);
    // The lock taken as another Tessera process takes it (flock).
    let held = File::options().read(true).write(true).open(&lock).unwrap();
    held.lock().unwrap();
    let out = device.run(Some("pw1"), &["add", "-"], &format!("{SHOP}\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("open for writing elsewhere"),
        "{}",
        stderr(&out)
    );
    // The same file reached through a link to its folder: the same lock.
    let link = device.file("link");
    std::os::unix::fs::symlink(folder(&device), &link).unwrap();
    let mut command = device.cli.command();
    command
        .arg("--vault")
        .arg(link.join("vault.tessera"))
        .arg("--password-file")
        .arg(device.file("pw1"))
        .args(["add", "-"]);
    let out = crate::common::run_with_stdin(&mut command, &format!("{SHOP}\n"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("open for writing elsewhere"));
    // Reading needs no lock.
    assert_eq!(device.issuers(Some("pw1")), ["ACME"]);
    held.unlock().unwrap();
    device.add(SHOP);
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Shop"]);
    assert_eq!(
        names(lock.parent().unwrap()).len(),
        1,
        "still one lock file"
    );

    // A link planted as the lock file is never followed.
    std::fs::remove_file(&lock).unwrap();
    let target = device.file("precious");
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    let out = device.run(Some("pw1"), &["remove", "Shop"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(!target.exists(), "the link's target was created");
}

/// A vault as an older Tessera left it: made and changed twice without a
/// state directory, so its lock file and two previous versions lie beside it.
fn older_layout(device: &Device) -> Vec<Vec<u8>> {
    let path = device.vault();
    let password = Password::new(PASSWORD.to_owned());
    let mut vault = Vault::create(&path, &password, &KdfPolicy::standard()).unwrap();
    for issuer in ["One", "Two"] {
        vault
            .modify(|entries| {
                let link =
                    format!("otpauth://totp/{issuer}:me?secret=JBSWY3DPEHPK3PXP&issuer={issuer}");
                let account = tessera::otp::Account::from_uri(&link).unwrap();
                entries.push(Entry::new(account, Timestamp(1_796_000_000)).unwrap());
                Ok(())
            })
            .unwrap();
    }
    let folder = folder(device);
    assert_eq!(
        names(&folder),
        [
            "vault.tessera",
            "vault.tessera.bak1",
            "vault.tessera.bak2",
            "vault.tessera.lock"
        ]
    );
    (1..=2)
        .map(|n| std::fs::read(folder.join(format!("vault.tessera.bak{n}"))).unwrap())
        .collect()
}

#[test]
fn what_an_older_tessera_left_beside_the_vault_is_moved_safely() {
    let device = Device::new();
    let old = older_layout(&device);
    let folder = folder(&device);
    // A link where the third previous version would be, and an older
    // Tessera's temporary file left by a crash.
    let outside = device.file("outside.tessera");
    std::fs::write(&outside, b"not to be touched").unwrap();
    std::os::unix::fs::symlink(&outside, folder.join("vault.tessera.bak3")).unwrap();
    std::fs::write(folder.join(".vault.tessera.tmp-0011aabb"), b"half").unwrap();
    // An older Tessera still running holds its lock: it is left in place.
    let old_lock = folder.join("vault.tessera.lock");
    let held = File::options()
        .read(true)
        .write(true)
        .open(&old_lock)
        .unwrap();
    held.lock().unwrap();

    // Reading moves the previous versions (no writer holds the new lock).
    assert_eq!(device.issuers(Some("pw1")), ["One", "Two"]);
    let kept = previous(&device);
    assert_eq!(names(&kept), ["vault.tessera.bak1", "vault.tessera.bak2"]);
    for (n, bytes) in old.iter().enumerate() {
        let moved = kept.join(format!("vault.tessera.bak{}", n + 1));
        assert_eq!(&std::fs::read(&moved).unwrap(), bytes, "moved as it was");
        assert_eq!(mode(&moved), 0o600);
    }
    assert!(old_lock.exists(), "a held lock is not removed");

    // Once the older Tessera is gone, the next command removes its lock; a
    // save removes the temporary file. The link stays, never followed.
    drop(held);
    device.add(SHOP);
    assert_eq!(
        names(&folder),
        ["vault.tessera", "vault.tessera.bak3"],
        "the lock and the temporary file are gone; the link stays"
    );
    assert!(folder.join("vault.tessera.bak3").is_symlink());
    assert_eq!(std::fs::read(&outside).unwrap(), b"not to be touched");
    // The previous versions rotated on: the vault before the save, then
    // the two moved ones.
    assert_eq!(
        std::fs::read(kept.join("vault.tessera.bak2")).unwrap(),
        old[0]
    );
    assert_eq!(
        std::fs::read(kept.join("vault.tessera.bak3")).unwrap(),
        old[1]
    );

    // Restore takes a moved one: the vault with "One" alone (bak3 is the
    // vault as created, empty).
    let moved = kept.join("vault.tessera.bak2");
    let taken = device.file("taken.tessera");
    std::fs::copy(&moved, &taken).unwrap();
    device.ok(Some("pw1"), &["restore", taken.to_str().unwrap()], "");
    assert_eq!(device.issuers(Some("pw1")), ["One"]);
}
