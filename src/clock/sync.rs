//! Whether the operating system says its clock is kept synchronised.
//!
//! Asked of systemd-timedated over the system bus (its `NTPSynchronized`
//! property reflects the kernel's own flag, which chrony, ntpd and
//! systemd-timesyncd all set), and failing that of systemd-timesyncd's state
//! file. Nothing goes over the network: this only reads what the system knows.

use std::path::Path;
use std::time::Duration;

/// Where the answer came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// systemd-timedated over D-Bus.
    Timedated,
    /// systemd-timesyncd's state file.
    Timesyncd,
    /// Nothing on this system said.
    Nobody,
}

impl Source {
    /// A short, untranslated name (also used in JSON).
    pub const fn name(self) -> &'static str {
        match self {
            Self::Timedated => "systemd-timedated",
            Self::Timesyncd => "systemd-timesyncd",
            Self::Nobody => "none",
        }
    }
}

/// What the system says about its clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemSync {
    /// `Some(true)` when the clock is synchronised, `None` when nobody said.
    pub synchronized: Option<bool>,
    /// Whether network time is turned on, when known.
    pub network_time: Option<bool>,
    /// Who said so.
    pub source: Source,
}

/// How long the system bus may take to answer (timedated starts on demand).
const BUS_WAIT: Duration = Duration::from_secs(3);
/// systemd-timesyncd touches this file once it has synchronised the clock.
const TIMESYNCD_FLAG: &str = "/run/systemd/timesync/synchronized";

/// Asks the system (bounded: a few seconds at most, no network).
pub fn system_sync() -> SystemSync {
    if let Some(answer) = from_timedated() {
        return answer;
    }
    from_timesyncd_flag(Path::new(TIMESYNCD_FLAG))
}

fn from_timesyncd_flag(flag: &Path) -> SystemSync {
    if flag.exists() {
        SystemSync {
            synchronized: Some(true),
            network_time: Some(true),
            source: Source::Timesyncd,
        }
    } else {
        SystemSync {
            synchronized: None,
            network_time: None,
            source: Source::Nobody,
        }
    }
}

#[cfg(feature = "capture")]
fn from_timedated() -> Option<SystemSync> {
    let (send, receive) = std::sync::mpsc::channel();
    // A thread, so that a bus that never answers cannot hold the caller.
    std::thread::Builder::new()
        .name("timedated".into())
        .spawn(move || {
            let _ = send.send(ask_timedated());
        })
        .ok()?;
    receive.recv_timeout(BUS_WAIT).ok().flatten()
}

#[cfg(not(feature = "capture"))]
fn from_timedated() -> Option<SystemSync> {
    let _ = BUS_WAIT;
    None
}

#[cfg(feature = "capture")]
fn ask_timedated() -> Option<SystemSync> {
    let connection = zbus::blocking::Connection::system().ok()?;
    let proxy = zbus::blocking::Proxy::new(
        &connection,
        "org.freedesktop.timedate1",
        "/org/freedesktop/timedate1",
        "org.freedesktop.timedate1",
    )
    .ok()?;
    let synchronized: bool = proxy.get_property("NTPSynchronized").ok()?;
    let network_time: Option<bool> = proxy.get_property("NTP").ok();
    Some(SystemSync {
        synchronized: Some(synchronized),
        network_time,
        source: Source::Timedated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timesyncd_flag_file_means_synchronised() {
        let dir = tempfile::tempdir().unwrap();
        let flag = dir.path().join("synchronized");
        assert_eq!(from_timesyncd_flag(&flag).synchronized, None);
        std::fs::write(&flag, b"").unwrap();
        let said = from_timesyncd_flag(&flag);
        assert_eq!(
            (said.synchronized, said.source),
            (Some(true), Source::Timesyncd)
        );
    }
}
