//! `tessera backup` through the real binary (issue 16, item 4): a backup
//! now (`--to DIR`) is an encrypted, private copy the vault's password
//! opens and `restore` takes back; automatic backups (`--auto DIR`) follow
//! changes, and a folder that is gone is reported once while every save
//! still works.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

use tessera::clock::Timestamp;
use tessera::secret::Password;
use tessera::vault::{KdfPolicy, Unlock, Vault, backup};

use crate::common::cli::PASSWORD;
use crate::common::stderr;
use crate::rollback::{ACME, Device, SHOP};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    out.sort();
    out
}

#[test]
fn backup_to_writes_an_encrypted_private_copy_that_restore_takes() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let dir = device.file("usb/tessera backups");
    let out = device.ok(None, &["backup", "--to", dir.to_str().unwrap()], "");
    // Made without a password (none was given or read), into a folder
    // created private.
    assert_eq!(mode(&dir), 0o700);
    let made = files(&dir);
    assert_eq!(made.len(), 1, "{made:?}");
    let first = made[0].clone();
    let name = first.file_name().unwrap().to_str().unwrap();
    assert!(!name.contains(':'), "{name}");
    let when = backup::parse_name("vault", name).unwrap_or_else(|| panic!("{name}"));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        now.abs_diff(when.0) < 120,
        "{name} is not named with the time"
    );
    assert!(out.contains(&first.display().to_string()), "{out}");
    assert!(out.contains("restore"), "{out}");
    assert_eq!(mode(&first), 0o600);
    // Encrypted: neither the issuer nor the key is readable in it.
    let bytes = std::fs::read(&first).unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"ACME"));
    assert!(!bytes.windows(16).any(|w| w == b"GEZDGNBVGY3TQOJQ"));
    // The vault's password opens it, and it holds the vault.
    let copy = open_copy(&first);
    assert_eq!(copy.entries().len(), 1);
    assert_eq!(copy.entries()[0].account.issuer, "ACME");
    assert_eq!(copy.id(), crate::rollback::vault_id(&device.vault()));

    // Never written over: a second backup, even in the same second, is a
    // second file, and the first is untouched.
    device.add(SHOP);
    device.ok(None, &["backup", "--to", dir.to_str().unwrap()], "");
    device.ok(None, &["backup", "--to", dir.to_str().unwrap()], "");
    let made = files(&dir);
    assert_eq!(made.len(), 3, "{made:?}");
    assert_eq!(std::fs::read(&first).unwrap(), bytes);

    // `restore` takes the first one back (asking for its password).
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Shop"]);
    let out = device.ok(
        None,
        &["restore", first.to_str().unwrap()],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.contains("(1 account)"), "{out}");
    assert_eq!(device.issuers(Some("pw1")), ["ACME"]);
}

/// A state directory that cannot be written (its path runs through a file)
/// does not cost the backup: it is written, and the output says the Restore
/// lists will not show it and how to restore it by name, in English and in
/// Portuguese.
#[test]
fn backup_to_writes_even_when_this_computer_cannot_remember_the_folder() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let blocked = device.file("state-is-a-file");
    std::fs::write(&blocked, b"a file").unwrap();
    for (locale, said) in [
        ("C.UTF-8", "could not remember its folder"),
        ("pt_BR.UTF-8", "não conseguiu guardar a pasta"),
    ] {
        let dir = device.file(&format!("usb-{locale}"));
        let mut command = device.cli.command();
        command
            .env("LC_ALL", locale)
            .env("XDG_STATE_HOME", blocked.join("state"))
            .args(["backup", "--to", dir.to_str().unwrap()]);
        let out = crate::common::run_with_stdin(&mut command, "");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let made = files(&dir);
        assert_eq!(made.len(), 1, "no backup: {made:?} {}", stderr(&out));
        let named = format!("`tessera restore {}`", made[0].display());
        assert!(
            stderr(&out).contains(said) && stderr(&out).contains(&named),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn backup_refuses_what_it_cannot_do_with_advice() {
    let device = Device::new();
    // No vault yet.
    let dir = device.file("backups");
    let out = device.run(None, &["backup", "--to", dir.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("tessera init"), "{}", stderr(&out));
    assert!(!dir.exists());
    device.init();
    // A file where the folder should be.
    let file = device.file("a-file");
    std::fs::write(&file, b"x").unwrap();
    let out = device.run(None, &["backup", "--to", file.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("a-file"), "{}", stderr(&out));
    // A damaged vault is not copied.
    let mut bytes = std::fs::read(device.vault()).unwrap();
    bytes[40] ^= 1;
    std::fs::write(device.vault(), &bytes).unwrap();
    let out = device.run(None, &["backup", "--to", dir.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert!(!dir.exists() || files(&dir).is_empty());
    // One of --to, --auto, --auto-off: a usage error.
    let out = device.run(None, &["backup"], "");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// Renames the backups in `dir` as if made `secs` earlier (the minute
/// between automatic backups is read from the names).
fn age_backups(dir: &Path, secs: u64) {
    // Oldest first, so that no new name is one still taken.
    for old in backup::list(dir, "vault").into_iter().rev() {
        let older = dir.join(backup::file_name("vault", Timestamp(old.made.0 - secs), 1));
        std::fs::rename(&old.path, older).unwrap();
    }
}

#[test]
fn automatic_backups_follow_changes_and_a_missing_folder_is_said_once() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let folder = device.file("auto");
    std::fs::create_dir(&folder).unwrap();
    let out = device.ok(None, &["backup", "--auto", folder.to_str().unwrap()], "");
    assert!(out.contains(&folder.display().to_string()), "{out}");
    // The first one at once.
    assert_eq!(backup::list(&folder, "vault").len(), 1);
    // A change within the minute waits; after it, the next command backs
    // the vault up as it is then.
    device.add(SHOP);
    assert_eq!(backup::list(&folder, "vault").len(), 1);
    age_backups(&folder, 120);
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Shop"]);
    let made = backup::list(&folder, "vault");
    assert_eq!(made.len(), 2);
    let newest = open_copy(&made[0].path);
    assert_eq!(newest.entries().len(), 2);
    assert_eq!(mode(&made[0].path), 0o600);
    // Nothing changed: no new backup.
    age_backups(&folder, 120);
    device.issuers(Some("pw1"));
    assert_eq!(backup::list(&folder, "vault").len(), 2);

    // The drive is unplugged: saves work, and it is said once.
    let unplugged = device.file("auto-unplugged");
    std::fs::rename(&folder, &unplugged).unwrap();
    let out = device.run(Some("pw1"), &["remove", "Shop"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("is not there"), "{said}");
    assert!(said.contains(&folder.display().to_string()), "{said}");
    assert!(said.contains("saved"), "{said}");
    for link in [SHOP, "otpauth://totp/Mail:me?secret=ONSWG4TFOQYTEMZU"] {
        let out = device.run(Some("pw1"), &["add", "-"], &format!("{link}\n"));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            !stderr(&out).contains("is not there"),
            "said twice: {}",
            stderr(&out)
        );
    }
    assert!(!folder.exists(), "the missing folder was created");
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Mail", "Shop"]);
    // Plugged in again: the next command backs up what changed meanwhile.
    std::fs::rename(&unplugged, &folder).unwrap();
    age_backups(&folder, 120);
    device.issuers(Some("pw1"));
    let made = backup::list(&folder, "vault");
    assert_eq!(made.len(), 3);
    let newest = open_copy(&made[0].path);
    assert_eq!(newest.entries().len(), 3);
    // And restorable.
    device.ok(
        Some("pw1"),
        &["restore", made[1].path.to_str().unwrap()],
        "",
    );
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Shop"]);

    // Off: no more backups.
    device.ok(None, &["backup", "--auto-off"], "");
    age_backups(&folder, 120);
    device.add("otpauth://totp/Git:me?secret=KRSXG5CTMVRXEZLU");
    assert_eq!(backup::list(&folder, "vault").len(), 3);
}

/// A backup opened with the vault's password.
fn open_copy(path: &std::path::Path) -> Vault {
    Vault::open(
        path,
        Unlock::Password(&Password::new(PASSWORD.to_owned())),
        &KdfPolicy::standard(),
    )
    .unwrap()
}

/// A backup folder that is there but refuses backups (a link to `/proc`,
/// where not even root can create a file): the failure is said by the first
/// command only, every command works, and once the folder takes backups
/// again the next command makes the one owed.
#[test]
fn a_folder_that_refuses_backups_is_said_once() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let link = device.file("auto");
    let real = device.file("real");
    std::fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink("/proc", &link).unwrap();
    let out = device.run(None, &["backup", "--auto", link.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("No automatic backup of"),
        "{}",
        stderr(&out)
    );
    // The way out is a command, not the app's Settings.
    assert!(
        stderr(&out).contains(
            "choose another with `tessera backup --auto DIR`, or stop automatic backups with `tessera backup --auto-off`."
        ),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("Settings"), "{}", stderr(&out));
    // In Portuguese too (setting the folder again says it again).
    let mut command = device.cli.command();
    command
        .env("LC_ALL", "pt_BR.UTF-8")
        .args(["backup", "--auto", link.to_str().unwrap()]);
    let out = crate::common::run_with_stdin(&mut command, "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Nenhuma cópia de segurança automática de")
            && stderr(&out).contains("escolha outra com `tessera backup --auto DIR`")
            && !stderr(&out).contains("Configurações"),
        "{}",
        stderr(&out)
    );
    let out = device.run(Some("pw1"), &["add", "-"], &format!("{SHOP}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("No automatic backup"),
        "said twice: {}",
        stderr(&out)
    );
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Shop"]);
    let made = backup::list(&real, "vault");
    assert_eq!(made.len(), 1);
    assert_eq!(open_copy(&made[0].path).entries().len(), 2);
}
