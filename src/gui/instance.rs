//! One window per vault. The first `tessera` (no command) listens on a Unix
//! socket in `$XDG_RUNTIME_DIR` (a folder only its user can enter); a second
//! one for the same vault connects, hands over what it was asked to do (raise
//! the window, images to read, "Add account", "Scan screen") and exits 0.
//! Commands (`tessera list`, …) never look at the socket.
//!
//! The wire format is one connection per launch: requests separated by NUL
//! bytes (`raise`, `add`, `scan-screen`, `search`, `open` followed by an absolute path's
//! bytes after a space), at most [`MAX_MESSAGE`] bytes; the first instance
//! answers `ok`. Whatever arrives only starts what a drop or a shortcut starts
//! in the window (a review the person confirms), never a change to the vault.

use std::io::{Read as _, Write as _};
use std::os::unix::ffi::{OsStrExt as _, OsStringExt as _};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use sha2::Digest as _;

use super::app::Request;

/// The longest message read from a second launch (many image paths fit).
const MAX_MESSAGE: u64 = 256 * 1024;
/// How long a second launch waits for the first one to answer.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(3);

/// What [`claim`] found.
#[derive(Debug)]
pub enum Claim {
    /// No other window for this vault: this process listens from now on.
    First(UnixListener),
    /// Another window took the requests over: exit.
    Forwarded,
    /// No runtime folder (or the socket could not be made): run alone.
    Alone,
}

/// The socket for `vault`: `$XDG_RUNTIME_DIR/app.tessera.Tessera-<hash>.sock`,
/// the hash of the vault's absolute path (so two vaults get two windows).
pub fn socket_path(vault: &Path) -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR")?);
    if !dir.is_absolute() {
        return None;
    }
    let vault = std::path::absolute(vault).unwrap_or_else(|_| vault.to_path_buf());
    let digest = sha2::Sha256::digest(vault.as_os_str().as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    Some(dir.join(format!("{}-{hex}.sock", crate::paths::APP_ID)))
}

/// Hands `requests` (and a raise) to a running window for `vault`, or becomes
/// the window that listens.
pub fn claim(vault: &Path, requests: &[Request]) -> Claim {
    let Some(path) = socket_path(vault) else {
        return Claim::Alone;
    };
    // Two tries: a stale socket (a crashed window) is removed once.
    for _ in 0..2 {
        match UnixStream::connect(&path) {
            Ok(stream) => {
                if forward(stream, requests).is_ok() {
                    return Claim::Forwarded;
                }
                // It accepted but did not answer: it is dying; take over.
                let _ = std::fs::remove_file(&path);
            }
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionRefused => {
                let _ = std::fs::remove_file(&path);
            }
            Err(_) => {}
        }
        match UnixListener::bind(&path) {
            Ok(listener) => return Claim::First(listener),
            // Another launch bound it a moment ago: connect to it.
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(_) => return Claim::Alone,
        }
    }
    Claim::Alone
}

fn forward(mut stream: UnixStream, requests: &[Request]) -> std::io::Result<()> {
    stream.set_read_timeout(Some(ANSWER_TIMEOUT))?;
    stream.set_write_timeout(Some(ANSWER_TIMEOUT))?;
    stream.write_all(&encode(requests))?;
    stream.shutdown(std::net::Shutdown::Write)?;
    let mut answer = Vec::new();
    stream.take(16).read_to_end(&mut answer)?;
    if answer == b"ok" {
        Ok(())
    } else {
        Err(std::io::Error::other("no answer"))
    }
}

/// A raise, then the requests, NUL-separated.
pub fn encode(requests: &[Request]) -> Vec<u8> {
    let mut out = b"raise".to_vec();
    for request in requests {
        match request {
            Request::Raise => continue,
            Request::Add => out.extend_from_slice(b"\0add"),
            Request::ScanScreen => out.extend_from_slice(b"\0scan-screen"),
            Request::Search => out.extend_from_slice(b"\0search"),
            Request::Open(paths) => {
                for path in paths {
                    out.extend_from_slice(b"\0open ");
                    out.extend_from_slice(path.as_os_str().as_bytes());
                }
            }
        }
    }
    out
}

/// The requests in a message; unknown or malformed parts are left out.
pub fn decode(message: &[u8]) -> Vec<Request> {
    let mut requests = Vec::new();
    let mut paths = Vec::new();
    for part in message.split(|b| *b == 0) {
        match part {
            b"raise" => requests.push(Request::Raise),
            b"add" => requests.push(Request::Add),
            b"scan-screen" => requests.push(Request::ScanScreen),
            b"search" => requests.push(Request::Search),
            _ => {
                if let Some(path) = part.strip_prefix(b"open ") {
                    let path = PathBuf::from(std::ffi::OsString::from_vec(path.to_vec()));
                    if path.is_absolute() {
                        paths.push(path);
                    }
                }
            }
        }
    }
    if !paths.is_empty() {
        requests.push(Request::Open(paths));
    }
    requests
}

/// The listener [`claim`] returned, kept for [`listen`].
static LISTENER: Mutex<Option<UnixListener>> = Mutex::new(None);

/// Keeps the listener until the window's subscription takes it.
pub fn keep(listener: UnixListener) {
    if let Ok(mut slot) = LISTENER.lock() {
        *slot = Some(listener);
    }
}

/// Requests from later launches, as they arrive (a thread accepts them; the
/// stream never ends while the window lives).
pub fn listen() -> impl iced::futures::Stream<Item = Request> {
    iced::stream::channel(16, async |sender| {
        let listener = LISTENER.lock().ok().and_then(|mut slot| slot.take());
        if let Some(listener) = listener {
            std::thread::spawn(move || accept(&listener, sender));
        }
        std::future::pending::<()>().await;
    })
}

fn accept(listener: &UnixListener, mut sender: iced::futures::channel::mpsc::Sender<Request>) {
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        let _ = stream.set_read_timeout(Some(ANSWER_TIMEOUT));
        let mut message = Vec::new();
        if (&mut stream)
            .take(MAX_MESSAGE)
            .read_to_end(&mut message)
            .is_err()
        {
            continue;
        }
        let _ = stream.write_all(b"ok");
        for request in decode(&message) {
            let mut request = request;
            // The window reads the channel continuously; wait if it is full.
            loop {
                match sender.try_send(request) {
                    Ok(()) => break,
                    Err(error) if error.is_full() => {
                        request = error.into_inner();
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    Err(_) => return,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_survive_the_wire() {
        let requests = vec![
            Request::Open(vec![
                PathBuf::from("/tmp/a b.png"),
                PathBuf::from("/tmp/ü.png"),
            ]),
            Request::Add,
            Request::ScanScreen,
            Request::Search,
        ];
        let mut want = vec![
            Request::Raise,
            Request::Add,
            Request::ScanScreen,
            Request::Search,
        ];
        want.push(requests[0].clone());
        assert_eq!(decode(&encode(&requests)), want);
    }

    #[test]
    fn relative_paths_and_unknown_words_are_left_out() {
        assert_eq!(
            decode(b"raise\0open relative.png\0delete-everything\0"),
            vec![Request::Raise]
        );
    }
}
