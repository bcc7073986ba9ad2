//! A private X server for tests: Xvfb on a display number it picks, programs
//! shown on it (feh), a clipboard owner (xclip), all killed when dropped.
#![allow(dead_code)]

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A process killed (and reaped) when the guard drops.
pub struct Process {
    pub name: &'static str,
    pub child: Child,
}

impl Process {
    pub fn spawn(name: &'static str, command: &mut Command) -> Self {
        match command.spawn() {
            Ok(child) => Self { name, child },
            Err(e) => panic!(
                "cannot start `{name}`: {e}. The capture tests need the Debian packages xvfb, \
                 xclip, feh and dbus (bash .ci/test installs them when run as root)."
            ),
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = self.name;
    }
}

/// Reads the first line a process writes to its standard output.
pub fn first_line(process: &mut Process) -> String {
    let Some(stdout) = process.child.stdout.take() else {
        panic!("`{}` has no standard output to read", process.name);
    };
    let mut line = String::new();
    if let Err(e) = BufReader::new(stdout).read_line(&mut line) {
        panic!("cannot read from `{}`: {e}", process.name);
    }
    if line.trim().is_empty() {
        panic!("`{}` exited before it was ready", process.name);
    }
    line.trim().to_owned()
}

/// An Xvfb server on a display number it picks itself.
pub struct Xvfb {
    pub display: String,
    // Dropped after everything that uses it (declared last in each test).
    _process: Process,
}

impl Xvfb {
    pub fn start(width: u32, height: u32, depth: u8) -> Self {
        super::require_tool("Xvfb", "xvfb");
        let geometry = format!("{width}x{height}x{depth}");
        let mut process = Process::spawn(
            "Xvfb",
            Command::new("Xvfb")
                .args(["-displayfd", "1", "-screen", "0", &geometry])
                .args(["-nolisten", "tcp", "-noreset"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        );
        let number = first_line(&mut process);
        Self {
            display: format!(":{number}"),
            _process: process,
        }
    }

    /// A command run on this display (and no other display or bus).
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("DISPLAY", &self.display)
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("XAUTHORITY")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    }
}

/// `feh` showing `png` unscaled and borderless at `at`.
pub fn show(xvfb: &Xvfb, png: &Path, at: (u32, u32)) -> Process {
    super::require_tool("feh", "feh");
    let geometry = format!("+{}+{}", at.0, at.1);
    Process::spawn(
        "feh",
        xvfb.command("feh")
            .args(["--geometry", &geometry, "--borderless", "--no-menus"])
            .arg(png),
    )
}

/// `xclip` owning the clipboard with `data` as `mime` (it stays in the
/// foreground, `-quiet`, serving the selection until killed).
pub fn offer(xvfb: &Xvfb, mime: &str, data: &[u8]) -> Process {
    super::require_tool("xclip", "xclip");
    let mut process = Process::spawn(
        "xclip",
        xvfb.command("xclip")
            .args(["-quiet", "-selection", "clipboard", "-t", mime])
            .stdin(Stdio::piped()),
    );
    let Some(mut stdin) = process.child.stdin.take() else {
        panic!("cannot write to xclip");
    };
    if let Err(e) = stdin.write_all(data) {
        panic!("cannot write to xclip: {e}");
    }
    drop(stdin);
    process
}

/// Retries `f` until it returns `Some` or `limit` passes (windows take a moment
/// to map, xclip a moment to take the selection).
pub fn eventually<T>(limit: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let started = Instant::now();
    loop {
        if let Some(value) = f() {
            return Some(value);
        }
        if started.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
