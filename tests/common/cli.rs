//! A `tessera` command line with its own vault, home and password file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::{run_with_stdin, stderr, stdout, tessera};

/// The password of every vault these helpers create.
pub const PASSWORD: &str = "correct horse battery staple";

pub struct Cli {
    dir: tempfile::TempDir,
    detached: bool,
}

impl Cli {
    /// A fresh folder with `password.txt`; the vault does not exist yet.
    pub fn new() -> Self {
        let cli = Self {
            dir: tempfile::tempdir().unwrap(),
            detached: false,
        };
        std::fs::write(cli.password_file(), format!("{PASSWORD}\n")).unwrap();
        cli
    }

    /// Like `new`, but every run has no controlling terminal (`setsid`), so
    /// a prompt can never reach a developer's terminal, and no session bus,
    /// so no keyring is ever reached.
    pub fn detached() -> Self {
        Self {
            detached: true,
            ..Self::new()
        }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn vault(&self) -> PathBuf {
        self.dir().join("data/vault.tessera")
    }

    pub fn password_file(&self) -> PathBuf {
        self.dir().join("password.txt")
    }

    /// `tessera` with this vault, a private HOME and no terminal input.
    pub fn command(&self) -> Command {
        let base = tessera();
        let mut command = if self.detached {
            let mut setsid = Command::new("setsid");
            setsid.arg("-w").arg(base.get_program());
            for (key, value) in base.get_envs() {
                match value {
                    Some(value) => setsid.env(key, value),
                    None => setsid.env_remove(key),
                };
            }
            setsid.env(
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}", self.dir().join("no-bus").display()),
            );
            setsid
        } else {
            base
        };
        command
            .env("TESSERA_VAULT", self.vault())
            .env("HOME", self.dir())
            .env("XDG_DATA_HOME", self.dir().join("xdg-data"))
            .stdin(Stdio::null());
        command
    }

    /// Runs with `stdin` fed to the process.
    pub fn run_with(&self, args: &[&str], stdin: &str) -> Output {
        run_with_stdin(self.command().args(args), stdin)
    }

    /// Runs with `stdin` fed to the process and expects success.
    pub fn ok_with(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run_with(args, stdin);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        stdout(&out)
    }

    /// Runs with the password on stdin and expects success.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_with(args, &format!("{PASSWORD}\n"))
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Creates the vault with `PASSWORD`.
    pub fn init(&self) {
        self.ok(&["init"]);
    }

    /// `args` preceded by `--password-file FILE`.
    pub fn with_password_file<'a>(&'a self, file: &'a str, args: &[&'a str]) -> Vec<&'a str> {
        let mut all = vec!["--password-file", file];
        all.extend_from_slice(args);
        all
    }
}
