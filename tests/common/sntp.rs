//! A stand-in SNTP server on 127.0.0.1 whose clock runs a known amount ahead
//! or behind, written from RFC 4330 §5 independently of Tessera's client.

use std::net::UdpSocket;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const NTP_TO_UNIX: f64 = 2_208_988_800.0;

/// How a stand-in time server answers.
#[derive(Clone, Copy)]
pub enum Answer {
    /// Its clock runs this many seconds ahead of ours (negative: behind).
    Offset(f64),
    /// A kiss-o'-death with this code.
    Kiss(&'static [u8; 4]),
    /// A well-formed reply that does not echo the request's transmit time.
    Spoofed,
}

/// An SNTP responder on 127.0.0.1, written from RFC 4330 §5 independently of
/// the client: it answers every client request until dropped.
pub struct TimeServer {
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
    pub fn start(answer: Answer) -> Self {
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

    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }
}

impl Drop for TimeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}
