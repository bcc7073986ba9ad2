//! A private D-Bus daemon for stand-in services (a desktop portal, timedated).

use std::process::{Command, Stdio};

use super::x11::{Process, first_line};

/// A `dbus-daemon` of the test's own: no service directories (nothing is
/// activated), a socket in a temporary directory.
pub struct PrivateBus {
    pub address: String,
    _process: Process,
    _dir: tempfile::TempDir,
}

impl PrivateBus {
    pub fn start() -> Self {
        super::require_tool("dbus-daemon", "dbus");
        let dir = match tempfile::tempdir() {
            Ok(dir) => dir,
            Err(e) => panic!("cannot make a temporary directory: {e}"),
        };
        let config = dir.path().join("bus.conf");
        let socket = dir.path().join("bus");
        let text = format!(
            r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
            socket.display()
        );
        if let Err(e) = std::fs::write(&config, text) {
            panic!("cannot write {}: {e}", config.display());
        }
        let mut process = Process::spawn(
            "dbus-daemon",
            Command::new("dbus-daemon")
                .arg(format!("--config-file={}", config.display()))
                .args(["--nofork", "--print-address=1"])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::null()),
        );
        let address = first_line(&mut process);
        Self {
            address,
            _process: process,
            _dir: dir,
        }
    }
}
