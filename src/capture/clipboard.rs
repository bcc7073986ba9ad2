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
