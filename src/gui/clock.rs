//! The app's clock check: what the system says about its clock and, when the
//! user has set a time server, the offset measured against it; and the
//! warning the list shows when codes would be off.

use iced::Task;

use crate::clock::sntp::{self, Measurement, Server, SntpError};
use crate::clock::sync::SystemSync;

/// One check's findings.
#[derive(Clone, Debug)]
pub struct ClockCheck {
    /// What the system says.
    pub system: SystemSync,
    /// The server asked, if one is set.
    pub server: Option<String>,
    /// What it answered.
    pub measured: Option<Result<Measurement, SntpError>>,
}

/// What the list warns about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClockWarning {
    /// Codes would be this many seconds off (the server's time minus the
    /// time codes use), measured against `server`; applying `suggested` as
    /// the offset fixes it.
    Off {
        /// How far off codes are now, in whole seconds.
        secs: i64,
        /// The offset that makes codes right.
        suggested: i64,
        /// The server measured against.
        server: String,
    },
    /// The system says its clock is not synchronised (no server to measure).
    NotSynchronised,
}

/// Runs the check off the UI thread. Nothing is sent over the network unless
/// `server` is set (and valid).
/// `system` says what the system knows ([`crate::clock::sync::system_sync`] but in tests).
pub fn check(server: String, system: fn() -> SystemSync) -> Task<ClockCheck> {
    Task::perform(
        async move {
            tokio::task::spawn_blocking(move || run(&server, system))
                .await
                .unwrap_or(ClockCheck {
                    system: SystemSync::UNKNOWN,
                    server: None,
                    measured: None,
                })
        },
        |check| check,
    )
}

fn run(server: &str, system: fn() -> SystemSync) -> ClockCheck {
    let system = system();
    let server = server.trim();
    if server.is_empty() {
        return ClockCheck {
            system,
            server: None,
            measured: None,
        };
    }
    let measured = Server::parse(server).and_then(|parsed| sntp::measure(&parsed, sntp::WAIT));
    ClockCheck {
        system,
        server: Some(server.to_owned()),
        measured: Some(measured),
    }
}

/// The warning a check calls for, given the offset codes already use.
pub fn warning(check: &ClockCheck, offset_in_use: i64) -> Option<ClockWarning> {
    match (&check.server, &check.measured) {
        (Some(server), Some(Ok(measured))) => {
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
            let suggested = measured.offset_seconds.round() as i64;
            #[allow(clippy::cast_precision_loss)]
            let off = measured.offset_seconds - offset_in_use as f64;
            (off.abs() >= crate::clock::WARN_FROM_SECONDS).then(|| ClockWarning::Off {
                #[allow(clippy::cast_possible_truncation)]
                secs: off.round() as i64,
                suggested,
                server: server.clone(),
            })
        }
        _ if check.system.synchronized == Some(false) => Some(ClockWarning::NotSynchronised),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(offset: f64) -> ClockCheck {
        ClockCheck {
            system: SystemSync {
                synchronized: Some(false),
                network_time: Some(false),
                source: crate::clock::sync::Source::Timedated,
            },
            server: Some("time.example:123".into()),
            measured: Some(Ok(Measurement {
                offset_seconds: offset,
                round_trip_seconds: 0.01,
                address: ([127, 0, 0, 1], 123).into(),
                stratum: 2,
            })),
        }
    }

    #[test]
    fn a_measured_offset_warns_from_five_seconds_past_the_one_in_use() {
        assert_eq!(warning(&measured(4.4), 0), None);
        assert_eq!(
            warning(&measured(-12.4), 0),
            Some(ClockWarning::Off {
                secs: -12,
                suggested: -12,
                server: "time.example:123".into()
            })
        );
        // Already applied: no warning, though the system is not synchronised.
        assert_eq!(warning(&measured(-12.4), -12), None);
        assert_eq!(
            warning(&measured(30.0), 20),
            Some(ClockWarning::Off {
                secs: 10,
                suggested: 30,
                server: "time.example:123".into()
            })
        );
    }

    #[test]
    fn without_a_server_only_an_unsynchronised_system_warns() {
        let mut check = measured(0.0);
        check.server = None;
        check.measured = None;
        assert_eq!(warning(&check, 0), Some(ClockWarning::NotSynchronised));
        check.system.synchronized = Some(true);
        assert_eq!(warning(&check, 0), None);
        check.system.synchronized = None;
        assert_eq!(warning(&check, 0), None);
    }
}
