//! Hardening of the real binary (issue 14): no core dumps, secrets read from
//! stdin instead of the arguments, private export files, the vault folder and
//! its lock file, exact names in queries.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::cli::{Cli, PASSWORD};

use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{stderr, stdout};

const LINK: &str = "otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME";

fn is_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid()).ok() == Some(0)
}

/// Kills the child on drop.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `program args` as user nobody with a core limit of 1 MiB, its stdin an
/// open pipe nobody writes to (so it waits there).
fn as_nobody(program: &Path, args: &[&str]) -> Running {
    let child = Command::new("prlimit")
        .args(["--core=1048576:1048576", "--"])
        .args([
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
        ])
        .arg(program)
        .args(args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", "/nonexistent")
        .env("TESSERA_VAULT", "/nonexistent/vault.tessera")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Running(child)
}

/// Once the process runs `program` (setpriv and prlimit have exec'd), the
/// owner of its `/proc/PID/environ` and its core limit ("soft hard").
fn settled(pid: u32, program: &Path) -> (u32, String) {
    let started = Instant::now();
    let exe = std::fs::canonicalize(program).unwrap();
    loop {
        let proc_dir = PathBuf::from(format!("/proc/{pid}"));
        let running = std::fs::read_link(proc_dir.join("exe")).ok() == Some(exe.clone());
        // Let main() run its first lines after the exec.
        if running && started.elapsed() > Duration::from_millis(300) {
            std::thread::sleep(Duration::from_millis(300));
            let owner = std::fs::metadata(proc_dir.join("environ")).unwrap().uid();
            let limits = std::fs::read_to_string(proc_dir.join("limits")).unwrap();
            let core = limits
                .lines()
                .find(|l| l.starts_with("Max core file size"))
                .unwrap()
                .split_whitespace()
                .skip(4)
                .take(2)
                .collect::<Vec<_>>()
                .join(" ");
            return (owner, core);
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{} never started",
            program.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_waiting_add_is_not_dumpable_and_dumps_no_core_unlike_an_ordinary_program() {
    if !is_root() {
        eprintln!("skipped: switching to user nobody needs root (CI runs as root)");
        return;
    }
    common::require_tool("setpriv", "util-linux");
    common::require_tool("prlimit", "util-linux");
    // A copy nobody can execute (the build directory may be private).
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let tessera = dir.path().join("tessera");
    std::fs::copy(env!("CARGO_BIN_EXE_tessera"), &tessera).unwrap();
    std::fs::set_permissions(&tessera, std::fs::Permissions::from_mode(0o755)).unwrap();

    // `tessera add -` waits for the link on stdin.
    let add = as_nobody(&tessera, &["add", "-"]);
    let (owner, core) = settled(add.0.id(), &tessera);
    assert_eq!(
        owner, 0,
        "a non-dumpable process's /proc files belong to root"
    );
    assert_eq!(core, "0 0", "core file size limit");
    // Still waiting, not failed.
    assert!(std::fs::metadata(format!("/proc/{}", add.0.id())).is_ok());

    // `cat`, started the same way, waits on stdin as well: dumpable, limit kept.
    let cat = Path::new("/usr/bin/cat");
    let ordinary = as_nobody(cat, &[]);
    let (owner, core) = settled(ordinary.0.id(), cat);
    assert_eq!(
        owner, 65534,
        "an ordinary process's /proc files are its own"
    );
    assert_eq!(core, "1048576 1048576");
}

#[test]
fn add_dash_reads_the_link_from_stdin_and_the_password_elsewhere() {
    let cli = Cli::detached();
    cli.init();
    let file = cli.password_file().display().to_string();
    let out = cli.ok_with(
        &cli.with_password_file(&file, &["add", "-", "--group", "Work"]),
        &format!("{LINK}\n"),
    );
    assert!(out.contains("Added ACME (alice)"), "{out}");
    let list = cli.ok_with(&["list"], &format!("{PASSWORD}\n"));
    assert!(
        list.contains("ACME (alice)") && list.contains("group Work"),
        "{list}"
    );

    // With the link on stdin and no other password source and no terminal,
    // the command says where the password can come from (and adds nothing).
    let other = LINK.replace("alice", "bob");
    let out = cli.run_with(&["add", "-"], &format!("{other}\n{PASSWORD}\n"));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("--password-file"), "{}", stderr(&out));
    assert!(
        !cli.ok_with(&["list"], &format!("{PASSWORD}\n"))
            .contains("bob")
    );

    // A bad link fails before any password is asked for.
    let out = cli.run_with(&["add", "-"], "otpauth://totp/x?secret=not*base32\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("password"), "{}", stderr(&out));

    // The link in the arguments still works, with a warning about `ps`.
    let out = cli.run_with(&["add", &other], &format!("{PASSWORD}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("tessera add -"), "{}", stderr(&out));
}

#[test]
fn code_uri_dash_reads_the_link_from_stdin() {
    let cli = Cli::detached();
    // RFC 4226's key, TOTP at t = 59 (RFC 6238 SHA1): 287082.
    let out = cli.run_with(&["code", "--uri", "-", "--at", "59"], &format!("{LINK}\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "287082\n");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let out = cli.run_with(&["code", "--uri", "-"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Standard input ended"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn recovery_use_dash_reads_the_code_from_stdin_and_an_exact_name_wins() {
    let cli = Cli::detached();
    cli.init();
    let file = cli.password_file().display().to_string();
    for (issuer, key) in [
        ("Svc1", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        ("Svc10", "JBSWY3DPEHPK3PXP"),
        ("Svc11", "MFRGGZDFMZTWQ2LK"),
    ] {
        let link = LINK
            .replace("ACME", issuer)
            .replace("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", key);
        cli.ok_with(
            &cli.with_password_file(&file, &["add", "-"]),
            &format!("{link}\n"),
        );
    }
    let codes = cli.dir().join("codes.txt");
    std::fs::write(&codes, "1111-2222\n3333-4444\n5555-6666\n").unwrap();
    // "Svc1" begins Svc10 and Svc11 too, but names Svc1 exactly.
    let codes = codes.display().to_string();
    let out = cli.ok_with(
        &["recovery", "Svc1", "add", &codes],
        &format!("{PASSWORD}\n"),
    );
    assert!(out.contains("Stored 3 recovery codes"), "{out}");
    let out = cli.ok_with(
        &cli.with_password_file(&file, &["recovery", "svc1", "use", "-"]),
        "3333 4444\n",
    );
    assert!(out.contains("2 unused codes left"), "{out}");
    let list = cli.ok_with(&["recovery", "Svc1:alice"], &format!("{PASSWORD}\n"));
    assert!(list.contains("3333-4444  used at"), "{list}");
    // `code` picks the exact name too; a prefix alone stays ambiguous for ID commands.
    let out = cli.run_with(&["code", "svc1", "--at", "59"], &format!("{PASSWORD}\n"));
    assert_eq!(stdout(&out), "287082\n", "{}", stderr(&out));
    let out = cli.run_with(&["recovery", "svc", "list"], &format!("{PASSWORD}\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("matches 3"), "{}", stderr(&out));
}

#[test]
fn export_uris_out_is_private_and_piped_secrets_are_warned_about() {
    let cli = Cli::detached();
    cli.init();
    let file = cli.password_file().display().to_string();
    cli.ok_with(
        &cli.with_password_file(&file, &["add", "-"]),
        &format!("{LINK}\n"),
    );
    let out_path = cli.dir().join("accounts.txt");
    let out_arg = out_path.display().to_string();
    let args = cli.with_password_file(&file, &["export", "--format", "uris", "--out", &out_arg]);
    cli.ok_with(&args, "");
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(
        written.starts_with("otpauth://totp/ACME:alice?"),
        "{written}"
    );
    assert!(
        written.contains("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        "{written}"
    );
    assert_eq!(written.lines().count(), 1);
    let mode = std::fs::metadata(&out_path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // Not over an existing file without --force; with it, still 0600.
    std::fs::write(&out_path, "keep me").unwrap();
    std::fs::set_permissions(&out_path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = cli.run_with(&args, "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "keep me");
    let mut forced = args.clone();
    forced.push("--force");
    cli.ok_with(&forced, "");
    assert!(
        std::fs::read_to_string(&out_path)
            .unwrap()
            .starts_with("otpauth://")
    );
    let mode = std::fs::metadata(&out_path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    // To a pipe: the links, and a warning on stderr.
    let out = cli.run_with(
        &cli.with_password_file(&file, &["export", "--format", "uris"]),
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("otpauth://"));
    assert!(stderr(&out).contains("--out FILE"), "{}", stderr(&out));
}

/// The lock file now lives in the state directory (`folder.rs` plants a
/// link there); a link planted beside the vault where older versions kept
/// it is neither followed nor removed.
#[test]
fn a_symlinked_lock_file_is_never_followed() {
    let cli = Cli::detached();
    let folder = cli.dir().join("data");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    let target = cli.dir().join("elsewhere/precious");
    std::fs::create_dir(cli.dir().join("elsewhere")).unwrap();
    let planted = folder.join("vault.tessera.lock");
    std::os::unix::fs::symlink(&target, &planted).unwrap();
    cli.ok_with(&["init"], &format!("{PASSWORD}\n"));
    let file = cli.password_file().display().to_string();
    cli.ok_with(
        &cli.with_password_file(&file, &["add", "-"]),
        &format!("{LINK}\n"),
    );
    assert!(!target.exists(), "the link's target was created");
    assert!(planted.is_symlink(), "the planted link is left alone");
}

#[test]
fn the_vault_folder_is_private_and_a_shared_one_is_refused() {
    let cli = Cli::detached();
    cli.init();
    let folder = cli.vault().parent().unwrap().to_owned();
    let mode = std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "created private");

    // Others may write: no change is saved there.
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o777)).unwrap();
    let file = cli.password_file().display().to_string();
    let out = cli.run_with(
        &cli.with_password_file(&file, &["add", "-"]),
        &format!("{LINK}\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("other users"), "{}", stderr(&out));
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    cli.ok_with(
        &cli.with_password_file(&file, &["add", "-"]),
        &format!("{LINK}\n"),
    );
}

#[test]
fn only_our_own_temp_files_are_cleaned() {
    let cli = Cli::detached();
    cli.init();
    let folder = cli.vault().parent().unwrap().to_owned();
    let stale = folder.join(".vault.tessera.tmp-0badc0de");
    let lookalike = folder.join(".vault.tessera.tmp-notes.txt");
    let victim = cli.dir().join("victim");
    std::fs::write(&stale, "left by a killed save").unwrap();
    std::fs::write(&lookalike, "someone's file").unwrap();
    std::fs::write(&victim, "keep").unwrap();
    let link = folder.join(".vault.tessera.tmp-00c0ffee");
    std::os::unix::fs::symlink(&victim, &link).unwrap();

    let file = cli.password_file().display().to_string();
    cli.ok_with(
        &cli.with_password_file(&file, &["add", "-"]),
        &format!("{LINK}\n"),
    );
    assert!(!stale.exists(), "our stale temp file is removed");
    assert!(lookalike.exists(), "a name not of our form stays");
    assert!(link.symlink_metadata().is_ok(), "a link stays");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
}
