//! The clipboard through `arboard`: on X11 the `CLIPBOARD` selection (over
//! `x11rb`, pure Rust), on Wayland the data-control protocol (`wl-clipboard-rs`,
//! pure Rust) where the compositor offers it, else XWayland's clipboard; the
//! system clipboard on Windows and macOS.
//!
//! An image is read as `image/png` (what browsers, image viewers and screenshot
//! tools offer) and decoded by arboard; text as UTF-8. The image comes first:
//! a copied image often carries a text version too (its file name or URL).

use arboard::Error as ArboardError;

use super::{CaptureError, Clipboard, image_from_rgba};
use crate::secret::SecretText;

fn unavailable(e: impl std::fmt::Display) -> CaptureError {
    CaptureError::ClipboardUnavailable {
        reason: e.to_string(),
    }
}

/// Reads the clipboard: its image if any, else its text.
pub(super) fn read() -> Result<Clipboard, CaptureError> {
    let mut clipboard = arboard::Clipboard::new().map_err(|e| {
        if super::env_set("WAYLAND_DISPLAY") && !super::env_set("DISPLAY") {
            // arboard tried the data-control protocol, then X11 (XWayland).
            unavailable(
                "this Wayland desktop does not let other programs read the clipboard (it lacks \
                 the data-control protocol) and XWayland is not running",
            )
        } else {
            unavailable(e)
        }
    })?;
    // A failed image read is kept only to explain an empty text read: some
    // owners answer a request for `image/png` with text of the wrong type.
    let image_failure = match clipboard.get_image() {
        Ok(data) => {
            let (width, height) = (data.width as u64, data.height as u64);
            return image_from_rgba(width, height, data.bytes.into_owned()).map(Clipboard::Image);
        }
        Err(ArboardError::ContentNotAvailable) => None,
        Err(ArboardError::ConversionFailure) => {
            Some("it holds an image that is not a readable PNG".to_owned())
        }
        Err(e) => Some(e.to_string()),
    };
    match clipboard.get_text() {
        Ok(text) => {
            let text = SecretText::new(text);
            if text.expose().is_empty() {
                Err(empty_or(image_failure))
            } else {
                Ok(Clipboard::Text(text))
            }
        }
        Err(ArboardError::ContentNotAvailable) => Err(empty_or(image_failure)),
        Err(ArboardError::ConversionFailure) => Err(unavailable("its text is not valid UTF-8")),
        Err(e) => Err(unavailable(e)),
    }
}

/// `ClipboardEmpty`, unless there was an image that could not be read.
fn empty_or(image_failure: Option<String>) -> CaptureError {
    match image_failure {
        Some(reason) => unavailable(reason),
        None => CaptureError::ClipboardEmpty,
    }
}

/// The clipboard handle that serves what Tessera copied. On X11 the copying
/// program must keep serving the selection, and arboard hands it to a
/// clipboard manager when its last handle is dropped: this one lives as long
/// as the process, so a secret is never handed over.
fn owner() -> &'static std::sync::Mutex<Option<arboard::Clipboard>> {
    static OWNER: std::sync::OnceLock<std::sync::Mutex<Option<arboard::Clipboard>>> =
        std::sync::OnceLock::new();
    OWNER.get_or_init(|| std::sync::Mutex::new(None))
}

/// Puts a secret (a code, a recovery code) on the clipboard, marked for
/// clipboard managers to leave out of their history: on Linux the
/// `x-kde-passwordManagerHint` target with the value `secret` (KDE Klipper,
/// and the managers that follow it); the clipboard of other systems as is.
pub(super) fn write_secret(text: &str) -> Result<(), CaptureError> {
    let mut guard = owner()
        .lock()
        .map_err(|_| unavailable("the clipboard handle was poisoned"))?;
    if guard.is_none() {
        *guard = Some(arboard::Clipboard::new().map_err(unavailable)?);
    }
    let Some(clipboard) = guard.as_mut() else {
        return Err(unavailable("no clipboard"));
    };
    #[cfg(all(unix, not(target_os = "macos"), not(target_os = "android")))]
    {
        use arboard::SetExtLinux as _;
        clipboard
            .set()
            .exclude_from_history()
            .text(text.to_owned())
            .map_err(unavailable)
    }
    #[cfg(not(all(unix, not(target_os = "macos"), not(target_os = "android"))))]
    {
        clipboard.set_text(text.to_owned()).map_err(unavailable)
    }
}
