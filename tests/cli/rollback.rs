//! Rollback detection through the real binary (issue 14, item 3): an older
//! copy of the vault put back in place is refused, `tessera restore` takes
//! one on purpose, a password change cannot be undone by copying an old file
//! back, two computers' concurrent saves are not called rollbacks, the
//! version counter is authenticated, and format 1 files still open.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::common::session;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::cli::{Cli, PASSWORD};
use common::{run_with_stdin, stderr, stdout};
use serde_json::Value;
use session::{child_in_private_keyring, expect_child_passes, is_child};
use sha2::{Digest as _, Sha256};

pub(crate) const OTHER_PASSWORD: &str = "a different long passphrase";
pub(crate) const ACME: &str =
    "otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME";
pub(crate) const BANK: &str = "otpauth://hotp/Bank:me?secret=JBSWY3DPEHPK3PXP&counter=5";
pub(crate) const SHOP: &str = "otpauth://totp/Shop:bo?secret=MFRGGZDFMZTWQ2LK&issuer=Shop";

/// One computer: its own vault path and its own state directory (what it
/// remembers of the vault's versions), with a second password file.
pub(crate) struct Device {
    pub(crate) cli: Cli,
}

impl Device {
    /// No terminal and no session bus.
    pub(crate) fn new() -> Self {
        Self::from(Cli::detached())
    }

    /// A device that uses the session's keyring (inside the private one).
    pub(crate) fn with_keyring() -> Self {
        Self::from(Cli::new())
    }

    pub(crate) fn from(cli: Cli) -> Self {
        std::fs::write(cli.dir().join("pw1"), format!("{PASSWORD}\n")).unwrap();
        std::fs::write(cli.dir().join("pw2"), format!("{OTHER_PASSWORD}\n")).unwrap();
        Self { cli }
    }

    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.cli.dir().join(name)
    }

    pub(crate) fn vault(&self) -> PathBuf {
        self.cli.vault()
    }

    pub(crate) fn state(&self) -> PathBuf {
        self.file("state")
    }

    /// `tessera [--password-file PW] ARGS` with `stdin`.
    pub(crate) fn run(&self, password_file: Option<&str>, args: &[&str], stdin: &str) -> Output {
        let mut command = self.cli.command();
        if let Some(name) = password_file {
            command.arg("--password-file").arg(self.file(name));
        }
        run_with_stdin(command.args(args), stdin)
    }

    pub(crate) fn ok(&self, password_file: Option<&str>, args: &[&str], stdin: &str) -> String {
        let out = self.run(password_file, args, stdin);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        stdout(&out)
    }

    pub(crate) fn init(&self) {
        self.ok(Some("pw1"), &["init"], "");
    }

    pub(crate) fn add(&self, link: &str) {
        self.ok(Some("pw1"), &["add", "-"], &format!("{link}\n"));
    }

    /// The issuers in the vault, sorted.
    pub(crate) fn issuers(&self, password_file: Option<&str>) -> Vec<String> {
        let json: Value =
            serde_json::from_str(&self.ok(password_file, &["list", "--json"], "")).unwrap();
        let mut issuers: Vec<String> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["issuer"].as_str().unwrap().to_owned())
            .collect();
        issuers.sort();
        issuers
    }

    /// `passwd` from the password in `pw1` to the one in `pw2`.
    pub(crate) fn passwd_to_pw2(&self) {
        let new = self.file("pw2");
        self.ok(
            Some("pw1"),
            &["passwd", "--new-password-file", new.to_str().unwrap()],
            "",
        );
    }

    /// Keeps a copy of the vault file as it is now.
    pub(crate) fn snapshot(&self, name: &str) -> PathBuf {
        let copy = self.file(name);
        std::fs::copy(self.vault(), &copy).unwrap();
        copy
    }

    /// Puts `file` in place of the vault, as a person (or a sync tool) would.
    pub(crate) fn put_back(&self, file: &Path) {
        std::fs::copy(file, self.vault()).unwrap();
    }
}

pub(crate) fn assert_rolled_back(out: &Output, vault: &Path) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    let err = stderr(out);
    assert!(
        err.contains("is older than a version of it this computer has already opened or saved"),
        "{err}"
    );
    assert!(
        err.contains(&format!("tessera restore {}", vault.display())),
        "the refusal says what to do: {err}"
    );
}

/// The vault id in the header (bytes 14..30), as the state folder names it.
pub(crate) fn vault_id(vault: &Path) -> String {
    let bytes = std::fs::read(vault).unwrap();
    let id: [u8; 16] = bytes[14..30].try_into().unwrap();
    let hex: String = id.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[test]
fn an_older_copy_put_back_is_refused_and_restore_takes_it() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let old = device.snapshot("old.tessera");
    device.add(BANK);

    // By hand: refused, with the way out in the sentence.
    device.put_back(&old);
    let out = device.run(Some("pw1"), &["list"], "");
    assert_rolled_back(&out, &device.vault());
    // Every command that opens the vault, not just list.
    let out = device.run(Some("pw1"), &["add", "-"], &format!("{SHOP}\n"));
    assert_rolled_back(&out, &device.vault());

    // On purpose: restore takes it (asking for its password), keeps the
    // file it replaces as the newest backup, and from then on it opens.
    let out = device.ok(
        None,
        &["restore", old.to_str().unwrap()],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.contains("Restored") && out.contains("(1 account)"),
        "{out}"
    );
    assert!(out.contains("vault.tessera.bak1"), "{out}");
    assert_eq!(device.issuers(Some("pw1")), ["ACME"]);
    device.add(SHOP);
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Shop"]);

    // Tessera's own backups are older copies too: put back by hand, refused;
    // restored, they bring back what they held.
    let kept = device
        .state()
        .join("tessera/vaults")
        .join(vault_id(&device.vault()))
        .join("previous");
    let backup = kept.join("vault.tessera.bak1");
    let held = device.snapshot("before-backup.tessera");
    device.put_back(&backup);
    assert_rolled_back(&device.run(Some("pw1"), &["list"], ""), &device.vault());
    device.put_back(&held);
    device.ok(
        Some("pw1"),
        &["restore", kept.join("vault.tessera.bak2").to_str().unwrap()],
        "",
    );
    assert_eq!(device.issuers(Some("pw1")), ["ACME"]);
}

#[test]
fn the_state_file_is_private() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let tessera_dir = device.state().join("tessera");
    let folder = tessera_dir.join("vaults").join(vault_id(&device.vault()));
    let record = folder.join("versions");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&record), 0o600, "{}", record.display());
    for dir in [&folder, &folder.parent().unwrap().to_owned(), &tessera_dir] {
        assert_eq!(mode(dir), 0o700, "{}", dir.display());
    }
    // It names this device and its save count, nothing secret.
    let json: Value = serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    let device_id = json["device"].as_str().unwrap();
    assert_eq!(
        json["seen"],
        serde_json::json!([{ device_id: 2 }]),
        "init and one add: {json}"
    );
    // A record folder others may write to is refused (they could reset it).
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = device.run(Some("pw1"), &["list"], "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("can be changed by other users"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn after_passwd_an_old_file_with_the_old_password_is_refused() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let old = device.snapshot("old.tessera");
    device.passwd_to_pw2();
    assert_eq!(device.issuers(Some("pw2")), ["ACME"]);

    // The old file opens with the old password, and that is the attack:
    // it is refused for being older, even with the right (old) password.
    device.put_back(&old);
    let out = device.run(Some("pw1"), &["list"], "");
    assert_rolled_back(&out, &device.vault());

    // Restoring it is a decision, and it asks for that file's password.
    let out = device.run(
        Some("pw2"),
        &["restore", device.vault().to_str().unwrap()],
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("Wrong password"), "{}", stderr(&out));
    device.ok(
        Some("pw1"),
        &["restore", device.vault().to_str().unwrap()],
        "",
    );
    assert_eq!(device.issuers(Some("pw1")), ["ACME"]);
}

#[test]
fn two_devices_concurrent_files_are_not_rollbacks() {
    let (a, b) = (Device::new(), Device::new());
    a.init();
    a.add(ACME);
    // The file reaches B (a synced folder): B has never seen this vault.
    std::fs::create_dir_all(b.vault().parent().unwrap()).unwrap();
    std::fs::set_permissions(
        b.vault().parent().unwrap(),
        std::fs::Permissions::from_mode(0o700),
    )
    .unwrap();
    std::fs::copy(a.vault(), b.vault()).unwrap();
    assert_eq!(b.issuers(Some("pw1")), ["ACME"]);
    let b_first = b.snapshot("b-first.tessera");

    // Each computer saves while apart: neither file is older than the other.
    a.add(BANK);
    b.add(SHOP);
    let a_file = a.snapshot("a-file.tessera");
    let b_file = b.snapshot("b-file.tessera");

    // B's file synced to A: accepted (it holds what B saved; merging the two
    // is the sync issue's business), and the reverse on B.
    a.put_back(&b_file);
    assert_eq!(a.issuers(Some("pw1")), ["ACME", "Shop"]);
    b.put_back(&a_file);
    assert_eq!(b.issuers(Some("pw1")), ["ACME", "Bank"]);

    // A's own edits continue on top of B's file on A without complaint.
    a.put_back(&b_file);
    a.add(BANK);
    assert_eq!(a.issuers(Some("pw1")), ["ACME", "Bank", "Shop"]);
    // That file is newer than both devices' versions: B takes it.
    b.put_back(&a.snapshot("a-merged.tessera"));
    assert_eq!(b.issuers(Some("pw1")), ["ACME", "Bank", "Shop"]);

    // But an older copy is still refused on each computer.
    b.put_back(&b_first);
    assert_rolled_back(&b.run(Some("pw1"), &["list"], ""), &b.vault());
    a.put_back(&b_first);
    assert_rolled_back(&a.run(Some("pw1"), &["list"], ""), &a.vault());
}

/// Where the version record sits: the last `1 + 16 n` bytes of the header.
fn header_end(bytes: &[u8]) -> usize {
    14 + u32::from_le_bytes(bytes[10..14].try_into().unwrap()) as usize
}

#[test]
fn a_tampered_counter_fails_authentication() {
    let device = Device::new();
    device.init();
    device.add(ACME);
    let old = device.snapshot("old.tessera");
    device.add(BANK);

    // Raise the old file's counter above the newest one's, and fix the
    // checksum (which needs no key): only the header MAC can notice.
    let mut bytes = std::fs::read(&old).unwrap();
    assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 2, "format 2");
    let end = header_end(&bytes);
    assert_eq!(bytes[end - 17], 1, "one device in the record");
    let counter = u64::from_le_bytes(bytes[end - 8..end].try_into().unwrap());
    assert_eq!(counter, 2, "init and one add");
    bytes[end - 8..end].copy_from_slice(&(counter + 10).to_le_bytes());
    let digest = Sha256::digest(&bytes[..end]);
    bytes[end..end + 32].copy_from_slice(&digest);
    std::fs::write(device.vault(), &bytes).unwrap();

    let out = device.run(Some("pw1"), &["list"], "");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("is damaged (the header does not authenticate)"),
        "{err}"
    );
    assert!(!stdout(&out).contains("ACME"));
}

#[test]
fn a_format_1_vault_opens_and_is_upgraded_on_the_next_save() {
    let device = Device::new();
    std::fs::create_dir_all(device.vault().parent().unwrap()).unwrap();
    std::fs::set_permissions(
        device.vault().parent().unwrap(),
        std::fs::Permissions::from_mode(0o700),
    )
    .unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vault-v1/vault.tessera");
    std::fs::copy(&fixture, device.vault()).unwrap();
    let version = |p: &Path| {
        let b = std::fs::read(p).unwrap();
        u16::from_le_bytes([b[8], b[9]])
    };
    assert_eq!(version(&device.vault()), 1);
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Bank"]);
    assert_eq!(version(&device.vault()), 1, "reading does not rewrite");
    device.add(SHOP);
    assert_eq!(version(&device.vault()), 2);
    assert_eq!(device.issuers(Some("pw1")), ["ACME", "Bank", "Shop"]);
    // The format 1 file (no versions at all) is now an older copy.
    device.put_back(&fixture);
    assert_rolled_back(&device.run(Some("pw1"), &["list"], ""), &device.vault());
}

#[test]
fn with_keyring_unlock_an_older_copy_is_refused_too() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring("with_keyring_unlock_an_older_copy_is_refused_too"),
            "with_keyring_unlock_an_older_copy_is_refused_too",
        );
    }
    let device = Device::with_keyring();
    device.ok(Some("pw1"), &["init", "--keyring"], "");
    device.add(ACME);
    let old = device.snapshot("old.tessera");
    device.add(BANK);
    // No password anywhere: the keyring unlocks the newest file...
    assert_eq!(device.issuers(None), ["ACME", "Bank"]);
    // ...and an older one put back is refused although nothing was asked.
    device.put_back(&old);
    let out = device.run(None, &["list"], "");
    assert_rolled_back(&out, &device.vault());
    // Restore asks for the copy's password (never the keyring's key), and
    // the keyring opens the restored vault afterwards.
    device.ok(Some("pw1"), &["restore", old.to_str().unwrap()], "");
    assert_eq!(device.issuers(None), ["ACME"]);
}

/// What the keyring keeps of a vault's record of versions seen
/// (`secret-tool lookup`), if anything.
fn keyring_record(vault: &Path) -> Option<String> {
    let user = format!("versions-{}", vault_id(vault));
    let out = std::process::Command::new("secret-tool")
        .args(["lookup", "service", "tessera", "username", &user])
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The state directory's record of the versions `device` has seen.
fn forget_state_record(device: &Device) {
    let record = device
        .state()
        .join("tessera/vaults")
        .join(vault_id(&device.vault()))
        .join("versions");
    match std::fs::remove_file(&record) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => panic!("{}: {e}", record.display()),
    }
}

#[test]
fn with_keyring_unlock_deleting_the_state_record_does_not_let_an_older_copy_in() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring(
                "with_keyring_unlock_deleting_the_state_record_does_not_let_an_older_copy_in",
            ),
            "with_keyring_unlock_deleting_the_state_record_does_not_let_an_older_copy_in",
        );
    }
    let device = Device::with_keyring();
    device.ok(Some("pw1"), &["init", "--keyring"], "");
    device.add(ACME);
    let old = device.snapshot("old.tessera");
    device.add(BANK);
    // The keyring keeps a copy of the record: the newest version, four
    // saves of this device (init, keyring unlock on, two adds).
    let copy = keyring_record(&device.vault()).expect("a record in the keyring");
    let json: Value = serde_json::from_str(&copy).unwrap();
    let seen = json["seen"].as_array().unwrap();
    assert_eq!(seen.len(), 1, "{json}");
    let counters: Vec<u64> = seen[0]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(counters, [4], "{json}");

    // The older file put back AND the state directory's record deleted:
    // still refused, unlocked by the keyring and by the password alike.
    device.put_back(&old);
    forget_state_record(&device);
    assert_rolled_back(&device.run(None, &["list"], ""), &device.vault());
    forget_state_record(&device);
    assert_rolled_back(&device.run(Some("pw1"), &["list"], ""), &device.vault());
    // What the keyring's copy adds: without it (--no-keyring) this computer
    // has forgotten, and the older file would be taken.
    forget_state_record(&device);
    let out = device.run(Some("pw1"), &["--no-keyring", "list"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // ...but the keyring's copy still refuses it afterwards.
    assert_rolled_back(&device.run(None, &["list"], ""), &device.vault());

    // On purpose, restore takes it, above the keyring's record too: it
    // opens afterwards, even with the state record deleted again.
    device.ok(Some("pw1"), &["restore", old.to_str().unwrap()], "");
    assert_eq!(device.issuers(None), ["ACME"]);
    forget_state_record(&device);
    assert_eq!(device.issuers(None), ["ACME"]);
    device.add(SHOP);
    assert_eq!(device.issuers(None), ["ACME", "Shop"]);

    // Keyring unlock off: the keyring's copy goes with the key, and the
    // state directory alone still refuses an older file.
    let before_off = device.snapshot("before-off.tessera");
    device.ok(Some("pw1"), &["keyring", "disable"], "");
    assert_eq!(keyring_record(&device.vault()), None);
    device.add(BANK);
    device.put_back(&before_off);
    assert_rolled_back(&device.run(Some("pw1"), &["list"], ""), &device.vault());
}

#[test]
fn with_keyring_unlock_another_computers_concurrent_file_is_still_taken() {
    if !is_child() {
        return expect_child_passes(
            child_in_private_keyring(
                "with_keyring_unlock_another_computers_concurrent_file_is_still_taken",
            ),
            "with_keyring_unlock_another_computers_concurrent_file_is_still_taken",
        );
    }
    // A uses the keyring; B is another computer (no keyring of its own here).
    let (a, b) = (Device::with_keyring(), Device::new());
    a.ok(Some("pw1"), &["init", "--keyring"], "");
    a.add(ACME);
    let a_old = a.snapshot("a-old.tessera");
    std::fs::create_dir_all(b.vault().parent().unwrap()).unwrap();
    std::fs::set_permissions(
        b.vault().parent().unwrap(),
        std::fs::Permissions::from_mode(0o700),
    )
    .unwrap();
    std::fs::copy(a.vault(), b.vault()).unwrap();
    assert_eq!(b.issuers(Some("pw1")), ["ACME"]);

    // Each saves while apart: B's file is concurrent with A's newest.
    a.add(BANK);
    b.add(SHOP);
    let b_file = b.snapshot("b-file.tessera");

    // On A, with its state record deleted: B's file is taken (the keyring's
    // copy refuses only what is older), an older one of A's is not.
    a.put_back(&b_file);
    forget_state_record(&a);
    assert_eq!(a.issuers(None), ["ACME", "Shop"]);
    a.put_back(&a_old);
    forget_state_record(&a);
    assert_rolled_back(&a.run(None, &["list"], ""), &a.vault());
}
