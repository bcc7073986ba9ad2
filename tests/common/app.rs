//! The real `tessera` window for end-to-end tests: an environment that uses
//! the default vault path under a temporary home and never a real keyring, a
//! guard that kills the window, and the CLI on the same vault.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::x11::Xvfb;

/// The window process; killed on drop so a failing test leaves nothing behind.
pub struct App(pub Child);

impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The environment shared by the GUI and the CLI: the default vault path under
/// `home`, nothing configured, English, and a session bus address where
/// nothing listens (so no keyring is asked).
pub fn isolate(command: &mut Command, home: &Path) {
    command
        .env_remove("TESSERA_VAULT")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_US.UTF-8")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        // The one-window socket (`gui::instance`) of this test's own.
        .env("XDG_RUNTIME_DIR", runtime_dir(home))
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", home.join("no-bus").display()),
        );
}

/// `home/run`, made private as a real runtime folder is.
fn runtime_dir(home: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = home.join("run");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    dir
}

/// `tessera ARGS` (the CLI, no display) on `home`'s vault with `password` on
/// standard input; its stdout. Fails the test if the command fails.
pub fn cli(home: &Path, password: &str, args: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tessera"));
    isolate(&mut command, home);
    command.args(args).env_remove("DISPLAY");
    let out = super::run_with_stdin(&mut command, &format!("{password}\n"));
    assert!(
        out.status.success(),
        "tessera {args:?} failed: {}",
        super::stderr(&out)
    );
    super::stdout(&out)
}

/// Starts the real window on `x` for `home` (its output in `out/tessera.log`),
/// waits until it is viewable and focuses it. Returns the guard and the window.
pub fn launch(x: &Xvfb, home: &Path, out: &Path) -> (App, String) {
    let log = std::fs::File::create(out.join("tessera.log")).unwrap();
    let mut command = x.command(env!("CARGO_BIN_EXE_tessera"));
    isolate(&mut command, home);
    let app = App(command
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start tessera: {e}")));
    let window = x.wait_for_window(tessera::paths::APP_ID, Duration::from_secs(30));
    x.focus(&window);
    (app, window)
}

/// The real window on `x` for `home`, on the session bus at `bus`.
pub fn launch_on_bus(x: &Xvfb, home: &Path, out: &Path, bus: &str) -> (App, String) {
    let log = std::fs::File::create(out.join("tessera.log")).unwrap();
    let mut command = x.command(env!("CARGO_BIN_EXE_tessera"));
    isolate(&mut command, home);
    command.env("DBUS_SESSION_BUS_ADDRESS", bus);
    let app = App(command
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap());
    let window = x.wait_for_window(tessera::paths::APP_ID, Duration::from_secs(30));
    x.focus(&window);
    (app, window)
}

/// Polls `condition` until it holds or `limit` passes.
pub fn wait_until(limit: Duration, what: &str, mut condition: impl FnMut() -> bool) {
    let started = Instant::now();
    while !condition() {
        assert!(started.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The TOTP codes `oathtool` gives for `secret` now and 30 s ago (a copy
/// may straddle a period's end).
pub fn oathtool_codes(secret: &str) -> [String; 2] {
    super::require_tool("oathtool", "oathtool");
    let code = |at: &str| {
        let out = Command::new("oathtool")
            .args(["--totp", "-b", "--now", at, secret])
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    [code("now"), code("30 seconds ago")]
}

/// The X clipboard's content as `target` (`UTF8_STRING`, `TARGETS`), by `xclip`.
pub fn xclip(x: &Xvfb, target: &str) -> String {
    super::require_tool("xclip", "xclip");
    let out = x
        .command("xclip")
        .args(["-selection", "clipboard", "-t", target, "-o"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Waits (up to 90 s: Argon2 at 64 MiB in a debug build) for a frame unlike
/// `before` that stays the same for one second.
pub fn still_frame(
    x: &Xvfb,
    window: &str,
    before: &image::RgbImage,
    what: &str,
) -> image::RgbImage {
    let started = Instant::now();
    loop {
        let first = x.capture(window);
        std::thread::sleep(Duration::from_secs(1));
        let second = x.capture(window);
        if first == second && first != *before && super::x11::ink(&first) > 0.01 {
            return first;
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "{what}: not within 90 s"
        );
    }
}
