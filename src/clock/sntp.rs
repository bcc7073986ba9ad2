//! This computer's clock offset against a time server, by SNTP (RFC 4330).
//!
//! One request at a time, on a connected UDP socket (the kernel drops
//! datagrams from any other address), each answered within a bounded wait and
//! checked before it is believed: it must be a server's reply (mode 4) to the
//! request we sent (its originate timestamp is our transmit timestamp, whose
//! low bits are random), from a synchronised server (leap indicator not 3,
//! stratum 1–15; stratum 0 is a "kiss-o'-death" refusal whose code is
//! reported). Nothing is sent unless a caller names a server.

use std::net::{SocketAddr, ToSocketAddrs as _, UdpSocket};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The standard NTP port.
pub const DEFAULT_PORT: u16 = 123;
/// How long both front ends let a time server take to answer, in all.
pub const WAIT: Duration = Duration::from_secs(3);
/// Requests sent before giving up (each waits a third of the time allowed).
const ATTEMPTS: u32 = 3;
/// Seconds from 1900-01-01 (the NTP era 0 epoch) to 1970-01-01.
const NTP_TO_UNIX: u64 = 2_208_988_800;
const PACKET: usize = 48;

/// A time server named by the user: `HOST`, `HOST:PORT`, `[IPv6]:PORT`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    host: String,
    port: u16,
}

impl Server {
    /// Parses `HOST[:PORT]` (IPv6 addresses in brackets when a port follows).
    pub fn parse(text: &str) -> Result<Self, SntpError> {
        let bad = || SntpError::BadServer {
            given: text.to_owned(),
        };
        let text = text.trim();
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let (host, after) = rest.split_once(']').ok_or_else(bad)?;
            match after.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None if after.is_empty() => (host, None),
                None => return Err(bad()),
            }
        } else if text.matches(':').count() == 1 {
            let (host, port) = text.split_once(':').ok_or_else(bad)?;
            (host, Some(port))
        } else {
            // No colon, or a bare IPv6 address.
            (text, None)
        };
        let port = match port {
            Some(port) => port
                .parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or_else(bad)?,
            None => DEFAULT_PORT,
        };
        let valid = !host.is_empty()
            && host.len() <= 253
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
        if !valid {
            return Err(bad());
        }
        Ok(Self {
            host: host.to_owned(),
            port,
        })
    }

    /// The host as given.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port (123 unless given).
    pub const fn port(&self) -> u16 {
        self.port
    }
}

impl std::fmt::Display for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// One measurement against a server.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measurement {
    /// The server's time minus this computer's, in seconds.
    pub offset_seconds: f64,
    /// How long the request and reply took on the network, in seconds.
    pub round_trip_seconds: f64,
    /// The address that answered.
    pub address: SocketAddr,
    /// The server's distance from a reference clock (1 = it has one).
    pub stratum: u8,
}

/// Why no offset could be measured.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SntpError {
    /// The server was not written as `HOST` or `HOST:PORT`.
    #[error("{given:?} is not a time server (write HOST or HOST:PORT)")]
    BadServer {
        /// What the user gave.
        given: String,
    },
    /// The host name has no address.
    #[error("cannot find the time server {server}: {detail}")]
    Resolve {
        /// The server as given.
        server: String,
        /// What the resolver said.
        detail: String,
    },
    /// No valid reply within the time allowed.
    #[error("the time server {server} did not answer within {seconds} s")]
    NoAnswer {
        /// The server as given.
        server: String,
        /// The time allowed, in whole seconds.
        seconds: u64,
    },
    /// The server refused to serve us (a kiss-o'-death packet such as RATE or DENY).
    #[error("the time server {server} refused the request ({code})")]
    Refused {
        /// The server as given.
        server: String,
        /// The four-letter kiss code.
        code: String,
    },
    /// The server says its own clock is not synchronised.
    #[error("the time server {server} says its own clock is not synchronised")]
    Unsynchronised {
        /// The server as given.
        server: String,
    },
    /// The network could not be used.
    #[error("cannot reach the time server {server}: {detail}")]
    Network {
        /// The server as given.
        server: String,
        /// What the operating system said.
        detail: String,
    },
}

/// An NTP timestamp (seconds since 1900 in 32.32 fixed point), from Unix time.
fn to_ntp(time: Duration) -> u64 {
    let secs = time.as_secs().wrapping_add(NTP_TO_UNIX) & 0xffff_ffff;
    let frac = (u64::from(time.subsec_nanos()) << 32) / 1_000_000_000;
    (secs << 32) | frac
}

/// Seconds since the Unix epoch from an NTP timestamp, taking the era closest
/// to `near` (so the 2036 rollover of the 32-bit seconds does not matter).
fn from_ntp(stamp: u64, near: f64) -> f64 {
    let era_secs = (stamp >> 32) as f64 + (stamp & 0xffff_ffff) as f64 / 4_294_967_296.0;
    let unix = era_secs - NTP_TO_UNIX as f64;
    let era = 4_294_967_296.0;
    let shift = ((near - unix) / era).round();
    unix + shift * era
}

fn now() -> Duration {
    // A clock before 1970 reads as the epoch: the offset then shows how far off it is.
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn seconds(time: Duration) -> f64 {
    time.as_secs_f64()
}

fn field(packet: &[u8; PACKET], at: usize) -> u64 {
    let mut bytes = [0; 8];
    bytes.copy_from_slice(&packet[at..at + 8]);
    u64::from_be_bytes(bytes)
}

/// What one reply says, if it answers `sent`.
enum Reply {
    /// Not an answer to our request (stray, spoofed, malformed): keep waiting.
    Ignore,
    Refused(String),
    Unsynchronised,
    Times {
        receive: u64,
        transmit: u64,
        stratum: u8,
    },
}

fn read_reply(packet: &[u8; PACKET], sent: u64) -> Reply {
    let leap = packet[0] >> 6;
    let version = (packet[0] >> 3) & 0b111;
    let mode = packet[0] & 0b111;
    let stratum = packet[1];
    if mode != 4 || !(1..=4).contains(&version) || field(packet, 24) != sent {
        return Reply::Ignore;
    }
    if stratum == 0 {
        let code: String = packet[12..16]
            .iter()
            .map(|&b| {
                if b.is_ascii_graphic() {
                    char::from(b)
                } else {
                    '?'
                }
            })
            .collect();
        return Reply::Refused(code);
    }
    if leap == 3 || stratum > 15 {
        return Reply::Unsynchronised;
    }
    let (receive, transmit) = (field(packet, 32), field(packet, 40));
    if receive == 0 || transmit == 0 {
        return Reply::Ignore;
    }
    Reply::Times {
        receive,
        transmit,
        stratum,
    }
}

/// Measures this computer's offset against `server`, waiting at most `limit`
/// in all (spread over up to three requests).
pub fn measure(server: &Server, limit: Duration) -> Result<Measurement, SntpError> {
    let name = server.to_string();
    let network = |e: std::io::Error| SntpError::Network {
        server: name.clone(),
        detail: e.to_string(),
    };
    let address = (server.host.as_str(), server.port)
        .to_socket_addrs()
        .map_err(|e| SntpError::Resolve {
            server: name.clone(),
            detail: e.to_string(),
        })?
        .next()
        .ok_or_else(|| SntpError::Resolve {
            server: name.clone(),
            detail: "no address".to_owned(),
        })?;
    let local: SocketAddr = if address.is_ipv4() {
        ([0, 0, 0, 0], 0).into()
    } else {
        ([0u16; 8], 0).into()
    };
    let socket = UdpSocket::bind(local).map_err(network)?;
    socket.connect(address).map_err(network)?;
    let per_attempt = (limit / ATTEMPTS).max(Duration::from_millis(50));
    for _ in 0..ATTEMPTS {
        let mut request = [0u8; PACKET];
        request[0] = 4 << 3 | 3; // no leap warning, version 4, client
        // Our transmit time with random low bits: a reply must echo it exactly.
        let t1 = now();
        let mut noise = [0u8; 2];
        let _ = getrandom::fill(&mut noise);
        let sent = to_ntp(t1) ^ u64::from(u16::from_be_bytes(noise));
        request[40..48].copy_from_slice(&sent.to_be_bytes());
        socket.send(&request).map_err(network)?;
        let deadline = std::time::Instant::now() + per_attempt;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            socket.set_read_timeout(Some(left)).map_err(network)?;
            let mut buffer = [0u8; 512];
            let length = match socket.recv(&mut buffer) {
                Ok(length) => length,
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    break;
                }
                // A port that is closed answers with ICMP: try again, then give up.
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => break,
                Err(e) => return Err(network(e)),
            };
            let t4 = now();
            let Some(packet) = buffer.get(..PACKET).filter(|_| length >= PACKET) else {
                continue;
            };
            let mut fixed = [0u8; PACKET];
            fixed.copy_from_slice(packet);
            match read_reply(&fixed, sent) {
                Reply::Ignore => continue,
                Reply::Refused(code) => return Err(SntpError::Refused { server: name, code }),
                Reply::Unsynchronised => return Err(SntpError::Unsynchronised { server: name }),
                Reply::Times {
                    receive,
                    transmit,
                    stratum,
                } => {
                    let (t1, t4) = (seconds(t1), seconds(t4));
                    let t2 = from_ntp(receive, t1);
                    let t3 = from_ntp(transmit, t4);
                    return Ok(Measurement {
                        offset_seconds: ((t2 - t1) + (t3 - t4)) / 2.0,
                        round_trip_seconds: ((t4 - t1) - (t3 - t2)).max(0.0),
                        address,
                        stratum,
                    });
                }
            }
        }
    }
    Err(SntpError::NoAnswer {
        server: name,
        seconds: limit.as_secs().max(1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn servers_are_host_and_optional_port() {
        let s = Server::parse("pool.ntp.org").unwrap();
        assert_eq!((s.host(), s.port()), ("pool.ntp.org", 123));
        let s = Server::parse("127.0.0.1:10123").unwrap();
        assert_eq!((s.host(), s.port()), ("127.0.0.1", 10123));
        let s = Server::parse("[::1]:999").unwrap();
        assert_eq!(
            (s.host(), s.port(), s.to_string().as_str()),
            ("::1", 999, "[::1]:999")
        );
        let s = Server::parse("::1").unwrap();
        assert_eq!((s.host(), s.port()), ("::1", 123));
        for bad in [
            "",
            ":123",
            "host:",
            "host:0",
            "host:70000",
            "a b",
            "[::1",
            "[::1]x",
            "h/x",
        ] {
            assert!(
                matches!(Server::parse(bad), Err(SntpError::BadServer { .. })),
                "{bad:?} accepted"
            );
        }
    }

    #[test]
    fn ntp_timestamps_round_trip_across_the_2036_era() {
        for unix in [
            0.0,
            1_700_000_000.25,
            2_085_978_495.5,
            2_085_978_496.75,
            4_000_000_000.0,
        ] {
            let d = Duration::from_secs_f64(unix);
            let back = from_ntp(to_ntp(d), unix + 3.0);
            assert!((back - unix).abs() < 1e-6, "{unix} came back as {back}");
        }
    }

    #[test]
    fn replies_that_do_not_answer_our_request_are_ignored() {
        let sent: u64 = 0x1234_5678_9abc_def0;
        let mut reply = [0u8; PACKET];
        reply[0] = 4 << 3 | 4;
        reply[1] = 2;
        reply[24..32].copy_from_slice(&sent.to_be_bytes());
        reply[32..40].copy_from_slice(&1u64.to_be_bytes());
        reply[40..48].copy_from_slice(&2u64.to_be_bytes());
        assert!(matches!(read_reply(&reply, sent), Reply::Times { .. }));
        assert!(matches!(read_reply(&reply, sent ^ 1), Reply::Ignore));
        let mut client = reply;
        client[0] = 4 << 3 | 3;
        assert!(matches!(read_reply(&client, sent), Reply::Ignore));
        let mut unsynced = reply;
        unsynced[0] |= 3 << 6;
        assert!(matches!(read_reply(&unsynced, sent), Reply::Unsynchronised));
        let mut kiss = reply;
        kiss[1] = 0;
        kiss[12..16].copy_from_slice(b"RATE");
        assert!(matches!(read_reply(&kiss, sent), Reply::Refused(code) if code == "RATE"));
    }
}
