//! `tessera clock`: the system's synchronisation state from a stand-in
//! systemd-timedated on a private bus, and the offset measured against an SNTP
//! responder on 127.0.0.1 that the test runs a known amount ahead or behind.

use std::net::UdpSocket;
use std::process::{Command, Output};
use std::time::Duration;

use crate::common;
use common::bus::PrivateBus;
use common::sntp::{Answer, TimeServer};
use common::{run, stderr, stdout, tessera};

/// `tessera clock` with no system bus (nobody answers for the system clock).
fn clock() -> Command {
    let mut command = tessera();
    command.arg("clock").env(
        "DBUS_SYSTEM_BUS_ADDRESS",
        "unix:path=/nonexistent/tessera-test-bus",
    );
    command
}

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_str(&stdout(out)).unwrap()
}

#[test]
fn the_offset_is_measured_against_a_server_ahead_or_behind() {
    for offset in [7.5, -42.25, 0.0] {
        let server = TimeServer::start(Answer::Offset(offset));
        let out = run(clock().args(["--server", &server.address(), "--json"]));
        let report = json(&out);
        let measured = report["offset_seconds"].as_f64().unwrap();
        assert!(
            (measured - offset).abs() < 1.0,
            "offset {offset} measured as {measured}"
        );
        assert!(report["round_trip_seconds"].as_f64().unwrap() < 1.0);
        assert_eq!(report["server"], server.address());
        assert_eq!(report["source"], "none");
        assert!(report["synchronized"].is_null());
    }

    // In words: ahead or behind, and advice from 5 s on, in the locale's language.
    let server = TimeServer::start(Answer::Offset(-12.0));
    let out = run(clock().args(["--server", &server.address()]));
    let text = stdout(&out);
    assert!(text.contains("this computer is 12.0 s ahead"), "{text}");
    assert!(text.contains("an offset of -12 seconds"), "{text}");
    let out = run(clock()
        .args(["--server", &server.address()])
        .env("LANG", "pt_BR.UTF-8"));
    let text = stdout(&out);
    assert!(text.contains("está 12,0 s adiantado"), "{text}");
    let server = TimeServer::start(Answer::Offset(1.0));
    let text = stdout(&run(clock().args(["--server", &server.address()])));
    assert!(text.contains("1.0 s behind"), "{text}");
    assert!(!text.contains("offset of"), "no advice under 5 s: {text}");
}

#[test]
fn refusals_and_replies_to_other_requests_are_not_believed() {
    let server = TimeServer::start(Answer::Kiss(b"RATE"));
    let out = run(clock().args(["--server", &server.address(), "--json"]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("refused the request (RATE)"),
        "{out:?}"
    );
    assert_eq!(stdout(&out), "");

    // Replies that do not echo the request are ignored until the wait ends.
    let server = TimeServer::start(Answer::Spoofed);
    let started = std::time::Instant::now();
    let out = run(clock().args(["--server", &server.address()]));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("did not answer within 3 s"),
        "{out:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(server.requests() >= 2, "it asked again");

    // Nobody listening: the same advice, in bounded time.
    let closed = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let out = run(clock().args(["--server", &format!("127.0.0.1:{port}")]));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("did not answer"), "{out:?}");

    for bad in ["host:0", "a b", "[::1"] {
        let out = run(clock().args(["--server", bad]));
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(
            stderr(&out).contains("is not a time server"),
            "{bad}: {out:?}"
        );
    }
}

#[test]
fn without_a_server_no_packet_leaves_the_computer() {
    common::require_tool("strace", "strace");
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace");
    let mut command = Command::new("strace");
    command
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=socket,connect,sendto,sendmsg",
            "-o",
        ])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_tessera"))
        .arg("clock")
        .arg("--json");
    let base = clock();
    for (key, value) in base.get_envs() {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    let report = json(&run(&mut command));
    assert!(report["offset_seconds"].is_null());
    assert!(report["server"].is_null());
    let calls = std::fs::read_to_string(&trace).unwrap();
    assert!(
        !calls.contains("AF_INET"),
        "an Internet socket was opened:\n{calls}"
    );
    // The trace is real: the system bus was tried (a Unix socket).
    assert!(calls.contains("AF_UNIX"), "{calls}");
}

/// systemd-timedated's two properties the check reads.
struct FakeTimedated {
    synchronized: bool,
}

#[zbus::interface(name = "org.freedesktop.timedate1")]
impl FakeTimedated {
    #[zbus(property, name = "NTPSynchronized")]
    fn ntp_synchronized(&self) -> bool {
        self.synchronized
    }

    #[zbus(property, name = "NTP")]
    fn ntp(&self) -> bool {
        self.synchronized
    }
}

#[test]
fn the_system_state_comes_from_timedated() {
    for synchronized in [true, false] {
        let bus = PrivateBus::start();
        let _service = zbus::blocking::connection::Builder::address(bus.address.as_str())
            .and_then(|b| b.name("org.freedesktop.timedate1"))
            .and_then(|b| b.serve_at("/org/freedesktop/timedate1", FakeTimedated { synchronized }))
            .and_then(|b| b.build())
            .unwrap();
        let out = run(clock()
            .arg("--json")
            .env("DBUS_SYSTEM_BUS_ADDRESS", &bus.address));
        let report = json(&out);
        assert_eq!(report["synchronized"], synchronized, "{report}");
        assert_eq!(report["network_time"], synchronized, "{report}");
        assert_eq!(report["source"], "systemd-timedated");

        let text = stdout(&run(clock().env("DBUS_SYSTEM_BUS_ADDRESS", &bus.address)));
        let expected = if synchronized {
            "System clock: synchronised (says systemd-timedated)."
        } else {
            "System clock: NOT synchronised"
        };
        assert!(text.contains(expected), "{text}");
        assert!(text.contains("nothing was sent over the network"), "{text}");
    }
}
