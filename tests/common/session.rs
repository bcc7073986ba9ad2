//! Test bodies that run in a child process: the test binary re-runs itself,
//! filtered to one test, with `TESSERA_TEST_CHILD` set, optionally inside a
//! private Secret Service (`.ci/keyring-session.sh`: its own session bus and an
//! unlocked gnome-keyring-daemon, never the developer's keyring).
#![allow(dead_code)]

use std::io::Read as _;
use std::os::unix::process::CommandExt as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Set in the child processes, which run the test bodies.
pub const CHILD: &str = "TESSERA_TEST_CHILD";

/// How long a child may take before the test calls it hung.
pub const CHILD_LIMIT: Duration = Duration::from_secs(180);

pub fn is_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// This test binary, running only `test` of the calling module, as a child.
///
/// Test modules sit one per file directly under the binary's folder
/// (`tests/cli/vault.rs` is module `vault`), so the caller's file names the
/// module and `test` needs no path.
#[track_caller]
pub fn child(test: &str) -> Command {
    let caller = std::panic::Location::caller().file();
    let module = match Path::new(caller).file_stem().and_then(|stem| stem.to_str()) {
        Some(module) => module,
        None => panic!("cannot tell the test module from {caller}"),
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => panic!("cannot find the test binary: {e}"),
    };
    let mut command = Command::new(exe);
    command
        .arg(format!("{module}::{test}"))
        .args(["--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1");
    command
}

/// `child(test)` inside a private session bus with an unlocked keyring.
#[track_caller]
pub fn child_in_private_keyring(test: &str) -> Command {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/keyring-session.sh");
    let child = child(test);
    let mut command = Command::new("bash");
    command
        .arg(script)
        .arg(child.get_program())
        .args(child.get_args())
        .env(CHILD, "1");
    command
}

/// Runs a child to completion (killing it after `CHILD_LIMIT`) and fails the
/// test unless it ran `test` and it passed.
pub fn expect_child_passes(mut command: Command, test: &str) {
    let (mut out, mut err) = match (tempfile::tempfile(), tempfile::tempfile()) {
        (Ok(out), Ok(err)) => (out, err),
        _ => panic!("cannot create temporary files for the child's output"),
    };
    let (out_w, err_w) = match (out.try_clone(), err.try_clone()) {
        (Ok(o), Ok(e)) => (o, e),
        _ => panic!("cannot share temporary files with the child"),
    };
    // Its own process group, so that a hung child is killed with everything it
    // started (the session bus, the keyring daemon).
    command
        .stdin(Stdio::null())
        .stdout(out_w)
        .stderr(err_w)
        .process_group(0);
    let mut process = match command.spawn() {
        Ok(process) => process,
        Err(e) => panic!("cannot run {command:?}: {e}"),
    };
    let started = Instant::now();
    let status = loop {
        match process.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > CHILD_LIMIT => {
                let group = format!("-{}", process.id());
                let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
                let _ = process.kill();
                let _ = process.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("cannot wait for {command:?}: {e}"),
        }
    };
    let read = |file: &mut std::fs::File| {
        let mut text = String::new();
        let _ = std::io::Seek::rewind(file);
        let _ = file.read_to_string(&mut text);
        text
    };
    let (stdout, stderr) = (read(&mut out), read(&mut err));
    let report = format!("--- stdout\n{stdout}\n--- stderr\n{stderr}");
    match status {
        None => panic!("`{test}` did not finish within {CHILD_LIMIT:?}\n{report}"),
        Some(status) => assert!(
            status.success() && stdout.contains("test result: ok. 1 passed"),
            "`{test}` failed in its child process ({status}).\n{report}"
        ),
    }
}
