//! A screenshot through the xdg-desktop-portal (`org.freedesktop.portal.Screenshot`)
//! on the session bus, for Wayland desktops (and any desktop running the portal).
//!
//! The exchange:
//!
//! 1. Subscribe to `org.freedesktop.portal.Request.Response` on the request
//!    path the portal will use (`/org/freedesktop/portal/desktop/request/SENDER/TOKEN`,
//!    from our unique bus name and a random `handle_token`), before asking, so
//!    the answer cannot slip past.
//! 2. Call `Screenshot("", {handle_token, interactive: false})`; it returns
//!    that request path at once.
//! 3. Wait for `Response(code, results)`: 0 is success with `results["uri"]`, a
//!    `file://` URI of a PNG; 1 is the person declining; 2 is any other failure.
//!    The desktop may ask the person first, so the wait is long
//!    ([`DEFAULT_TIMEOUT`]).
//! 4. Read the file (bounded in bytes and pixels). The portal decides where it
//!    goes (a temporary directory, or the person's Pictures folder on some
//!    desktops), so Tessera leaves it where it is.
//!
//! The D-Bus part runs on a thread of its own so that a bus that never answers
//! cannot hang the caller: after [`CONNECT_TIMEOUT`] (connecting and asking) or
//! the caller's timeout (waiting for the answer) the connection is closed and
//! the thread left to end.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use image::{ColorType, ImageDecoder as _};
use zbus::blocking::{Connection, MessageIterator};
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};
use zbus::{MatchRule, message};
use zeroize::Zeroizing;

use super::{CaptureError, Image, MAX_PIXELS, checked_len, image_from_rgba};

/// How long to wait for the portal's answer (the desktop may ask the person).
pub(super) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How long connecting to the bus and asking the portal may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);

/// The largest screenshot file read (PNG compresses screens well; this is far
/// beyond any real one).
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

const PORTAL: &str = "org.freedesktop.portal.Desktop";
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";
const SCREENSHOT: &str = "org.freedesktop.portal.Screenshot";
const REQUEST: &str = "org.freedesktop.portal.Request";

/// Takes a screenshot through the portal, waiting at most `timeout` for it.
pub(super) fn screenshot(timeout: Duration) -> Result<Image, CaptureError> {
    let uri = request_uri(timeout)?;
    load(&uri)
}

/// What the D-Bus thread reports.
enum Progress {
    /// Connected: the caller may close this connection to give up.
    Connected(Connection),
    /// The portal accepted the request; now the wait for the person begins.
    Asked,
    /// The portal's answer: the screenshot's URI.
    Done(Result<String, CaptureError>),
}

fn portal_error(reason: impl Into<String>) -> CaptureError {
    CaptureError::Portal {
        reason: reason.into(),
    }
}

/// Runs the exchange on its own thread and waits for its answer.
fn request_uri(timeout: Duration) -> Result<String, CaptureError> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("tessera-portal".into())
        .spawn(move || {
            let result = ask(&tx);
            let _ = tx.send(Progress::Done(result));
        })
        .map_err(|e| portal_error(format!("cannot start a thread: {e}")))?;

    let mut connection = None;
    let mut asked = false;
    let mut deadline = Instant::now() + CONNECT_TIMEOUT;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(Progress::Connected(conn)) => connection = Some(conn),
            Ok(Progress::Asked) => {
                asked = true;
                deadline = Instant::now() + timeout;
            }
            Ok(Progress::Done(result)) => return result,
            Err(RecvTimeoutError::Timeout) => {
                if let Some(conn) = connection {
                    let _ = conn.close();
                }
                return Err(portal_error(if asked {
                    format!("no screenshot arrived within {} seconds", timeout.as_secs())
                } else {
                    format!(
                        "the session bus or the portal did not answer within {} seconds",
                        CONNECT_TIMEOUT.as_secs()
                    )
                }));
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(portal_error("the portal request ended without an answer"));
            }
        }
    }
}

/// The D-Bus exchange itself (blocking).
fn ask(progress: &Sender<Progress>) -> Result<String, CaptureError> {
    let conn = Connection::session()
        .map_err(|e| portal_error(format!("cannot reach the session bus: {e}")))?;
    let _ = progress.send(Progress::Connected(conn.clone()));

    let sender = conn
        .unique_name()
        .ok_or_else(|| portal_error("the session bus gave no name"))?
        .trim_start_matches(':')
        .replace('.', "_");
    let token = handle_token()?;
    let expected = format!("{PORTAL_PATH}/request/{sender}/{token}");
    let mut responses = subscribe(&conn, &expected)?;

    let options: HashMap<&str, Value<'_>> = HashMap::from([
        ("handle_token", Value::from(token.as_str())),
        ("interactive", Value::from(false)),
    ]);
    let reply = conn
        .call_method(
            Some(PORTAL),
            PORTAL_PATH,
            Some(SCREENSHOT),
            "Screenshot",
            &("", options),
        )
        .map_err(call_error)?;
    let handle: OwnedObjectPath = reply
        .body()
        .deserialize()
        .map_err(|e| portal_error(format!("unexpected answer from the portal: {e}")))?;
    if handle.as_str() != expected {
        // Portals older than version 0.9 choose their own path.
        responses = subscribe(&conn, handle.as_str())?;
    }
    let _ = progress.send(Progress::Asked);

    let message = responses
        .next()
        .ok_or_else(|| portal_error("the session bus closed before the portal answered"))?
        .map_err(|e| portal_error(format!("the session bus failed: {e}")))?;
    let (code, results): (u32, HashMap<String, OwnedValue>) = message
        .body()
        .deserialize()
        .map_err(|e| portal_error(format!("unexpected answer from the portal: {e}")))?;
    match code {
        0 => {}
        1 => return Err(CaptureError::Cancelled),
        _ => return Err(portal_error("the desktop could not take the screenshot")),
    }
    let uri = results
        .get("uri")
        .and_then(|value| <&str>::try_from(&**value).ok())
        .ok_or_else(|| portal_error("the portal's answer has no screenshot file"))?;
    Ok(uri.to_owned())
}

/// A fresh `handle_token`: letters and digits only, as the portal requires.
fn handle_token() -> Result<String, CaptureError> {
    let mut random = [0u8; 8];
    getrandom::fill(&mut random)
        .map_err(|e| portal_error(format!("no randomness for the request token: {e}")))?;
    Ok(format!("tessera{:016x}", u64::from_le_bytes(random)))
}

/// Subscribes to the `Response` signal of one request object.
fn subscribe(conn: &Connection, path: &str) -> Result<MessageIterator, CaptureError> {
    let bad = |e: zbus::Error| portal_error(format!("cannot listen for the portal's answer: {e}"));
    let rule = MatchRule::builder()
        .msg_type(message::Type::Signal)
        .interface(REQUEST)
        .map_err(bad)?
        .member("Response")
        .map_err(bad)?
        .path(path)
        .map_err(bad)?
        .build();
    MessageIterator::for_match_rule(rule, conn, Some(4)).map_err(bad)
}

/// A failed `Screenshot` call, in words.
fn call_error(e: zbus::Error) -> CaptureError {
    if let zbus::Error::MethodError(name, detail, _) = &e {
        let detail = detail.as_deref().unwrap_or("");
        return portal_error(match name.as_str() {
            "org.freedesktop.DBus.Error.ServiceUnknown"
            | "org.freedesktop.DBus.Error.NameHasNoOwner" => {
                "no xdg-desktop-portal is running on the session bus".to_owned()
            }
            "org.freedesktop.DBus.Error.UnknownMethod"
            | "org.freedesktop.DBus.Error.UnknownInterface"
            | "org.freedesktop.DBus.Error.UnknownObject" => {
                "the desktop portal cannot take screenshots (no Screenshot interface)".to_owned()
            }
            "org.freedesktop.portal.Error.NotAllowed" => {
                format!("the desktop does not allow screenshots: {detail}")
            }
            other => format!("the portal refused: {other} {detail}"),
        });
    }
    portal_error(format!("cannot ask the portal: {e}"))
}

/// The local path of a `file://` URI.
fn path_of(uri: &str) -> Result<PathBuf, CaptureError> {
    let rest = uri
        .strip_prefix("file://")
        .ok_or_else(|| portal_error(format!("the screenshot is not a local file: {uri}")))?;
    // An authority, if any, must be this machine.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return Err(portal_error(format!(
            "the screenshot is not a local file: {uri}"
        )));
    }
    let bytes: Vec<u8> = percent_encoding::percent_decode_str(path).collect();
    #[cfg(unix)]
    let path = <std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes);
    #[cfg(not(unix))]
    let path = String::from_utf8(bytes)
        .map_err(|_| portal_error(format!("the screenshot's path is not text: {uri}")))?;
    Ok(PathBuf::from(path))
}

/// Reads and decodes the screenshot file, bounded in bytes and pixels.
fn load(uri: &str) -> Result<Image, CaptureError> {
    let path = path_of(uri)?;
    let unreadable = |what: &str, e: &dyn std::fmt::Display| CaptureError::Unreadable {
        reason: format!("{what} {}: {e}", path.display()),
    };
    let file = std::fs::File::open(&path).map_err(|e| unreadable("cannot open", &e))?;
    let mut bytes = Zeroizing::new(Vec::new());
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable("cannot read", &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(
            "too large a file:",
            &format!("over {MAX_FILE_BYTES} bytes"),
        ));
    }
    decode(&bytes).map_err(|e| match e {
        CaptureError::Unreadable { reason } => unreadable("cannot decode", &reason),
        other => other,
    })
}

/// Decodes an image file to RGBA, checking its size before decoding.
pub(super) fn decode(bytes: &[u8]) -> Result<Image, CaptureError> {
    let bad = |e: &dyn std::fmt::Display| CaptureError::Unreadable {
        reason: e.to_string(),
    };
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| bad(&e))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let decoder = reader.into_decoder().map_err(|e| bad(&e))?;
    let (width, height) = decoder.dimensions();
    let (width, height) = (u64::from(width), u64::from(height));
    let len = checked_len(width, height)?;
    let color = decoder.color_type();
    let mut raw = Zeroizing::new(vec![
        0u8;
        usize::try_from(decoder.total_bytes())
            .unwrap_or(usize::MAX)
    ]);
    decoder.read_image(&mut raw).map_err(|e| bad(&e))?;

    // Expand to RGBA without unwiped copies: 8- and 16-bit grey, grey+alpha,
    // RGB and RGBA (the portal writes 8-bit RGB or RGBA PNGs).
    let (channels, wide) = match color {
        ColorType::L8 => (1, false),
        ColorType::La8 => (2, false),
        ColorType::Rgb8 => (3, false),
        ColorType::Rgba8 => (4, false),
        ColorType::L16 => (1, true),
        ColorType::La16 => (2, true),
        ColorType::Rgb16 => (3, true),
        ColorType::Rgba16 => (4, true),
        other => return Err(bad(&format!("unsupported pixel type {other:?}"))),
    };
    let sample = |pixel: &[u8], i: usize| -> u8 {
        if wide {
            // 16-bit samples come in native byte order; keep the high byte.
            (u16::from_ne_bytes([pixel[2 * i], pixel[2 * i + 1]]) >> 8) as u8
        } else {
            pixel[i]
        }
    };
    let step = channels * if wide { 2 } else { 1 };
    let mut rgba = Vec::with_capacity(len);
    for pixel in raw.chunks_exact(step) {
        let rgba_pixel = match channels {
            1 => [sample(pixel, 0), sample(pixel, 0), sample(pixel, 0), 0xff],
            2 => [
                sample(pixel, 0),
                sample(pixel, 0),
                sample(pixel, 0),
                sample(pixel, 1),
            ],
            3 => [sample(pixel, 0), sample(pixel, 1), sample(pixel, 2), 0xff],
            _ => [
                sample(pixel, 0),
                sample(pixel, 1),
                sample(pixel, 2),
                sample(pixel, 3),
            ],
        };
        rgba.extend_from_slice(&rgba_pixel);
    }
    image_from_rgba(width, height, rgba)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            path_of("file:///home/a%20b/Pictures/Screenshot%202024.png").ok(),
            Some(PathBuf::from("/home/a b/Pictures/Screenshot 2024.png"))
        );
        assert_eq!(
            path_of("file://localhost/tmp/x.png").ok(),
            Some(PathBuf::from("/tmp/x.png"))
        );
        assert!(path_of("https://example.invalid/x.png").is_err());
        assert!(path_of("file://otherhost/x.png").is_err());
    }

    fn png(color: image::ExtendedColorType, width: u32, height: u32, data: &[u8]) -> Vec<u8> {
        use image::ImageEncoder as _;
        let mut out = Vec::new();
        if let Err(e) =
            image::codecs::png::PngEncoder::new(&mut out).write_image(data, width, height, color)
        {
            panic!("cannot encode a test PNG: {e}");
        }
        out
    }

    #[test]
    fn rgb_grey_and_16_bit_pngs_decode_to_rgba() {
        let rgb = png(image::ExtendedColorType::Rgb8, 2, 1, &[1, 2, 3, 4, 5, 6]);
        let image = match decode(&rgb) {
            Ok(image) => image,
            Err(e) => panic!("{e}"),
        };
        assert_eq!((image.width, image.height), (2, 1));
        assert_eq!(*image.rgba, [1, 2, 3, 255, 4, 5, 6, 255]);

        let grey = png(image::ExtendedColorType::La8, 1, 1, &[7, 8]);
        assert_eq!(decode(&grey).map(|i| i.rgba.to_vec()), Ok(vec![7, 7, 7, 8]));

        // The image crate takes and gives 16-bit samples in native byte order.
        let samples: Vec<u8> = [0x1234u16, 0xabcd, 0x0001]
            .iter()
            .flat_map(|s| s.to_ne_bytes())
            .collect();
        let wide = png(image::ExtendedColorType::Rgb16, 1, 1, &samples);
        let wide = decode(&wide).map(|i| i.rgba.to_vec());
        assert_eq!(wide, Ok(vec![0x12, 0xab, 0, 255]));
    }

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        assert!(matches!(
            decode(b"not an image"),
            Err(CaptureError::Unreadable { .. })
        ));
    }
}
