//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The real window for end-to-end tests, and the CLI beside it.
pub mod app;
/// A private D-Bus daemon for stand-in services.
pub mod bus;
/// A `tessera` command line with its own vault and password file.
pub mod cli;
/// Generated QR images with their expected payloads.
pub mod qr;
/// Test bodies run in a child process (optionally in a private keyring).
pub mod session;
/// A stand-in SNTP time server.
pub mod sntp;
/// Vault fixtures: entries, fast KDF settings.
pub mod vault;
/// A private Xvfb; feh, xclip, xdotool input and xwd screenshots on it.
pub mod x11;

/// Running the app's tasks headlessly.
#[cfg(feature = "gui")]
pub mod drive;
/// The headless harness for the desktop app.
#[cfg(feature = "gui")]
pub mod gui;
/// Frames drawn as the window draws them, with their damage.
#[cfg(feature = "gui")]
pub mod window;

/// The `tessera` binary built for this test run.
pub fn tessera() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tessera"));
    // No test may reach the user's real vault, config or keyring by accident.
    command.env_remove("TESSERA_VAULT");
    let nowhere = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-home");
    // English unless a test asks for another language (the messages follow the locale).
    command
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    command
        .env("HOME", &nowhere)
        .env("XDG_DATA_HOME", nowhere.join("data"))
        .env("XDG_CONFIG_HOME", nowhere.join("config"))
        .env("XDG_STATE_HOME", nowhere.join("state"));
    command
}

/// Runs a command and returns its output, failing the test if it cannot start.
pub fn run(command: &mut Command) -> Output {
    match command.output() {
        Ok(output) => output,
        Err(e) => panic!("cannot run {command:?}: {e}"),
    }
}

/// Runs a command with `input` on its standard input and returns its output.
/// The process may exit without reading its input (e.g. with --password-file).
pub fn run_with_stdin(command: &mut Command, input: &str) -> Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = match command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => panic!("cannot run {command:?}: {e}"),
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input.as_bytes());
    }
    match child.wait_with_output() {
        Ok(output) => output,
        Err(e) => panic!("cannot wait for {command:?}: {e}"),
    }
}

/// Panics with a clear message when a reference tool the test relies on is missing.
pub fn require_tool(name: &str, package: &str) {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| Path::new(&dir).join(name).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "`{name}` is not installed; this test uses it as a reference. Install the Debian package \
         `{package}` (the README's test command does this when run as root)."
    );
}

/// Standard output as a string.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as a string.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
