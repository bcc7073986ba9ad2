//! `tessera restore` shows what it would change (issue 14, item 3; issue
//! 16, item 4): `--list` names the previous versions and backups with their
//! dates and account counts, `--dry-run` prints what restoring a copy would
//! change and changes nothing, and restoring still takes the copy while a
//! file copied back by hand is still refused.

use crate::common;
use crate::rollback::{ACME, BANK, Device, SHOP, assert_rolled_back};

use common::stderr;
use tessera::vault::backup;

fn sha(path: &std::path::Path) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn list_names_previous_versions_and_backups_with_dates_and_counts() {
    let device = Device::new();
    device.init();
    let out = device.ok(Some("pw1"), &["restore", "--list"], "");
    assert!(out.starts_with("No earlier version is kept"), "{out}");
    device.add(ACME);
    let folder = device.file("usb");
    std::fs::create_dir(&folder).unwrap();
    // The first automatic backup holds ACME alone.
    device.ok(None, &["backup", "--auto", folder.to_str().unwrap()], "");
    let made = backup::list(&folder, "vault");
    assert_eq!(made.len(), 1);
    device.add(BANK);

    let out = device.ok(Some("pw1"), &["restore", "--list"], "");
    let vault = device.vault().display().to_string();
    assert!(
        out.starts_with(&format!("Earlier versions of {vault}, newest first:")),
        "{out}"
    );
    // The backup is dated by its name; the previous versions by their files.
    assert!(
        out.contains(&format!(
            "  {}  backup  1 account\n    {}\n",
            made[0].made.utc_minutes(),
            made[0].path.display()
        )),
        "{out}"
    );
    let previous = |n: usize, accounts: &str| {
        let line = out
            .lines()
            .position(|l| l.ends_with(&format!("  previous version {n}  {accounts}")))
            .unwrap_or_else(|| panic!("previous version {n} with {accounts}: {out}"));
        out.lines().nth(line + 1).unwrap().trim().to_owned()
    };
    let bak1 = previous(1, "1 account");
    assert!(bak1.ends_with("/previous/vault.tessera.bak1"), "{bak1}");
    previous(2, "0 accounts");
    assert!(out.contains("--dry-run"), "it says how to go on: {out}");
    // Each line names a file that `restore --dry-run` takes.
    let out = device.ok(Some("pw1"), &["restore", &bak1, "--dry-run"], "");
    assert!(
        out.contains("1 account would disappear: Bank (me)."),
        "{out}"
    );

    // Portuguese.
    let mut command = device.cli.command();
    command
        .env("LC_ALL", "pt_BR.UTF-8")
        .arg("--password-file")
        .arg(device.file("pw1"))
        .args(["restore", "--list"]);
    let out = common::run_with_stdin(&mut command, "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = common::stdout(&out);
    assert!(said.contains("versão anterior 1  1 conta"), "{said}");
    assert!(said.contains("cópia de segurança  1 conta"), "{said}");
}

#[test]
fn a_dry_run_says_what_would_change_and_changes_nothing_then_restore_takes_it() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    device.add(BANK);
    let old = device.snapshot("old.tessera");
    // Since then: a HOTP code used, an account added and one removed.
    device.ok(Some("pw1"), &["next", "Bank"], "");
    device.add(SHOP);
    device.ok(Some("pw1"), &["remove", "ACME"], "");
    let before = sha(&device.vault());

    let old_arg = old.to_str().unwrap();
    let out = device.ok(Some("pw1"), &["restore", old_arg, "--dry-run"], "");
    let expected = [
        "This copy holds 2 accounts; its last change was made ",
        "1 account would come back: ACME (alice).",
        "1 account would disappear: Shop (bo).",
        "Bank (me) would change: HOTP counter.",
        "Bank (me): the HOTP counter would go back from 6 to 5,",
        "Nothing was changed (--dry-run).",
    ];
    for line in expected {
        assert!(out.contains(line), "{line:?} in {out}");
    }
    assert_eq!(sha(&device.vault()), before, "the dry run wrote the vault");
    assert_eq!(device.issuers(Some("pw1")), ["Bank", "Shop"]);

    // Restoring (no terminal: no question) prints the same summary first.
    let replaced = device.snapshot("replaced.tessera");
    let out = device.ok(Some("pw1"), &["restore", old_arg], "");
    assert!(
        out.contains("1 account would come back: ACME (alice)."),
        "{out}"
    );
    assert!(out.contains("Restored "), "{out}");
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Bank"]);
    // The file it replaced, copied back by hand, is refused as older.
    device.put_back(&replaced);
    let out = device.run(Some("pw1"), &["list"], "");
    assert_rolled_back(&out, &device.vault());
}

#[test]
fn a_copy_from_before_a_password_change_says_so() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let old = device.snapshot("old.tessera");
    device.passwd_to_pw2();
    // The copy opens with its own (old) password; the vault as it is now
    // does not open with it, so no comparison is made up.
    let out = device.ok(
        Some("pw1"),
        &["restore", old.to_str().unwrap(), "--dry-run"],
        "",
    );
    assert!(out.contains("This copy holds 1 account"), "{out}");
    assert!(out.contains("what would change is not shown"), "{out}");
    // In the list it is a previous version that needs that password.
    let out = device.ok(Some("pw2"), &["restore", "--list"], "");
    assert!(
        out.contains("previous version 1  opens with the password it had then"),
        "{out}"
    );
    // --list takes no file, and a file is needed otherwise.
    let out = device.run(
        Some("pw2"),
        &["restore", "--list", old.to_str().unwrap()],
        "",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = device.run(Some("pw2"), &["restore"], "");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// Backups made with `backup --to DIR` are listed by `restore --list`
/// whatever folder they went to (the folders are remembered per vault), as
/// are the automatic ones, also after automatic backups are turned off;
/// another vault's backups in the same folder and files that only look like
/// backups are not; a folder that is gone is skipped without a word.
#[test]
fn list_names_backups_in_every_folder_written_to() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let usb = device.file("usb");
    let nas = device.file("nas/tessera");
    let gone = device.file("gone");
    let to = |dir: &std::path::Path| {
        device.ok(None, &["backup", "--to", dir.to_str().unwrap()], "");
    };
    to(&usb);
    device.add(BANK);
    to(&nas);
    to(&gone);
    std::fs::remove_dir_all(&gone).unwrap();
    // Another computer's vault, also named vault.tessera, backed up into
    // the same folder; and a file named as a backup that is no vault.
    let other = Device::new();
    other.init();
    other.add(SHOP);
    other.ok(None, &["backup", "--to", usb.to_str().unwrap()], "");
    let stranger = nas.join(backup::file_name(
        "vault",
        tessera::clock::Timestamp(1_900_000_000),
        1,
    ));
    std::fs::write(&stranger, b"not a vault").unwrap();

    // The vault id sits at bytes 14..30 of the header.
    let id = |path: &std::path::Path| std::fs::read(path).unwrap().get(14..30).map(<[u8]>::to_vec);
    let ours = id(&device.vault());
    let ours_in = |dir: &std::path::Path| -> Vec<backup::Backup> {
        backup::list(dir, "vault")
            .into_iter()
            .filter(|b| id(&b.path) == ours)
            .collect()
    };
    let (in_usb, in_nas) = (ours_in(&usb), ours_in(&nas));
    assert_eq!((in_usb.len(), in_nas.len()), (1, 1));
    let line = |b: &backup::Backup, accounts: &str| {
        format!(
            "  {}  backup  {accounts}\n    {}\n",
            b.made.utc_minutes(),
            b.path.display()
        )
    };
    let out = device.run(Some("pw1"), &["restore", "--list"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "",
        "a folder that is gone is skipped silently"
    );
    let said = common::stdout(&out);
    assert!(said.contains(&line(&in_usb[0], "1 account")), "{said}");
    assert!(said.contains(&line(&in_nas[0], "2 accounts")), "{said}");
    assert_eq!(said.matches("  backup  ").count(), 2, "only ours: {said}");
    assert!(!said.contains("gone"), "{said}");
    // What is listed can be restored.
    let usb_backup = in_usb[0].path.to_str().unwrap().to_owned();
    let out = device.ok(Some("pw1"), &["restore", &usb_backup, "--dry-run"], "");
    assert!(
        out.contains("1 account would disappear: Bank (me)."),
        "{out}"
    );

    // Automatic backups elsewhere, then off: every folder is still listed.
    let auto = device.file("auto");
    std::fs::create_dir(&auto).unwrap();
    device.ok(None, &["backup", "--auto", auto.to_str().unwrap()], "");
    device.ok(None, &["backup", "--auto-off"], "");
    let said = device.ok(Some("pw1"), &["restore", "--list"], "");
    let in_auto = backup::list(&auto, "vault");
    assert_eq!(in_auto.len(), 1);
    for expected in [
        line(&in_auto[0], "2 accounts"),
        line(&in_usb[0], "1 account"),
        line(&in_nas[0], "2 accounts"),
    ] {
        assert!(said.contains(&expected), "{expected} in {said}");
    }
    assert_eq!(said.matches("  backup  ").count(), 3, "{said}");
}

/// With no vault file in place, `restore FILE` says there is nothing to
/// compare with (not that a password changed), then puts the copy there.
#[test]
fn a_missing_vault_is_said_as_such_and_restore_puts_the_copy_back() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let old = device.snapshot("old.tessera");
    std::fs::remove_file(device.vault()).unwrap();
    let old_arg = old.to_str().unwrap();
    let out = device.ok(Some("pw1"), &["restore", old_arg, "--dry-run"], "");
    assert!(
        out.contains(
            "There is no vault file now, so nothing is compared: restoring this copy puts it in place, with these accounts."
        ),
        "{out}"
    );
    assert!(!out.contains("password"), "{out}");
    assert!(!device.vault().exists(), "the dry run wrote the vault");
    let out = device.ok(Some("pw1"), &["restore", old_arg], "");
    assert!(out.contains("Restored "), "{out}");
    assert_eq!(device.issuers(Some("pw1")), ["ACME"]);
}
