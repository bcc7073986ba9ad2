//! `tessera clock`: the system's synchronisation state from a stand-in
//! systemd-timedated on a private bus, and the offset measured against an SNTP
//! responder on 127.0.0.1 that the test runs a known amount ahead or behind.

use std::net::UdpSocket;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::common;
use common::bus::PrivateBus;
use common::{run, stderr, stdout, tessera};

const NTP_TO_UNIX: f64 = 2_208_988_800.0;

/// How a stand-in time server answers.
#[derive(Clone, Copy)]
enum Answer {
    /// Its clock runs this many seconds ahead of ours (negative: behind).
    Offset(f64),
    /// A kiss-o'-death with this code.
    Kiss(&'static [u8; 4]),
    /// A well-formed reply that does not echo the request's transmit time.
    Spoofed,
}

/// An SNTP responder on 127.0.0.1, written from RFC 4330 §5 independently of
/// the client: it answers every client request until dropped.
struct TimeServer {
    port: u16,
    requests: Arc<std::sync::atomic::AtomicUsize>,
    stop: Arc<AtomicBool>,
}

fn ntp_now(offset: f64) -> [u8; 8] {
    let unix = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        + offset
        + NTP_TO_UNIX;
    let secs = unix.floor();
    let frac = ((unix - secs) * 4_294_967_296.0) as u64;
    (((secs as u64) << 32) | frac).to_be_bytes()
}

impl TimeServer {
    fn start(answer: Answer) -> Self {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        let port = socket.local_addr().unwrap().port();
        let stop = Arc::new(AtomicBool::new(false));
        let requests = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (stop2, requests2) = (stop.clone(), requests.clone());
        std::thread::spawn(move || {
            let mut buffer = [0u8; 128];
            while !stop2.load(Ordering::Relaxed) {
                let Ok((length, from)) = socket.recv_from(&mut buffer) else {
                    continue;
                };
                let received = ntp_now(match answer {
                    Answer::Offset(offset) => offset,
                    _ => 0.0,
                });
                // Mode 3 (client) requests only.
                if length < 48 || buffer[0] & 7 != 3 {
                    continue;
                }
                requests2.fetch_add(1, Ordering::Relaxed);
                let mut reply = [0u8; 48];
                reply[0] = (buffer[0] & 0b0011_1000) | 4; // LI 0, the client's version, mode 4
                reply[1] = 2; // stratum
                reply[12..16].copy_from_slice(b"TEST");
                reply[24..32].copy_from_slice(&buffer[40..48]);
                reply[32..40].copy_from_slice(&received);
                match answer {
                    Answer::Offset(offset) => {
                        std::thread::sleep(Duration::from_millis(5));
                        reply[40..48].copy_from_slice(&ntp_now(offset));
                    }
                    Answer::Kiss(code) => {
                        reply[1] = 0;
                        reply[12..16].copy_from_slice(code);
                        reply[40..48].copy_from_slice(&received);
                    }
                    Answer::Spoofed => {
                        reply[24] ^= 0xff;
                        reply[40..48].copy_from_slice(&received);
                    }
                }
                let _ = socket.send_to(&reply, from);
            }
        });
        Self {
            port,
            requests,
            stop,
        }
    }

    fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }
}

impl Drop for TimeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

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
