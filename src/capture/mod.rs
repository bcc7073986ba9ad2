//! Images from the screen and the clipboard, for the QR decoder.
//!
//! Two calls, both synchronous (they talk to the display server, D-Bus and
//! possibly a person approving a screenshot, so callers with a user interface
//! run them off the UI thread):
//!
//! - [`screen()`]: one image of the whole screen, every monitor.
//!   - On X11, the root window of the default screen, read with `GetImage`
//!     (`x11.rs`). Xinerama/RandR monitors are parts of that one root window, so
//!     it shows them all. (Separate X *screens*, `:0.1`, are not monitors of one
//!     desktop; only the default one is read.)
//!   - On Wayland (`WAYLAND_DISPLAY` set), the xdg-desktop-portal `Screenshot`
//!     interface over D-Bus (`portal.rs`), first: XWayland's root window shows
//!     only X11 windows, never native Wayland ones, so it would miss a QR code
//!     in a Wayland browser. When the portal is missing and `DISPLAY` is set too,
//!     the XWayland root is tried as a fallback, and an all-black result counts
//!     as a failure there.
//! - [`clipboard()`]: the clipboard's image (`image/png`) if it has one, else
//!   its text (`clipboard.rs`, through `arboard`: X11, or the Wayland
//!   data-control protocol where the compositor offers it).
//!
//! Both give RGBA8 pixels ([`Image`]) that go to the QR decoder unchanged.
//! Screen content can show secrets (a QR code is a key), so the pixels live in
//! a [`Zeroizing`] buffer and never reach `Debug`. Every size is bounded
//! ([`MAX_PIXELS`]) before the big buffer is allocated.

mod clipboard;
mod portal;
mod x11;

use std::fmt;

use zeroize::Zeroizing;

use crate::secret::SecretText;

/// The largest image, in pixels, that capture returns: 100 million pixels
/// (400 MB of RGBA), room for four 8K monitors side by side. Larger images are
/// refused with [`CaptureError::TooLarge`] before their buffer is allocated.
pub const MAX_PIXELS: u64 = 100_000_000;

/// An image: RGBA8 pixels, row-major, top row first, no padding between rows
/// (`rgba.len() == width * height * 4`).
///
/// `Debug` shows the size only, never the pixels.
pub struct Image {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width * height` pixels of four bytes (red, green, blue, alpha), wiped on drop.
    pub rgba: Zeroizing<Vec<u8>>,
}

impl Image {
    /// The pixel at (`x`, `y`) as `[r, g, b, a]`, or `None` outside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let at = (y as usize * self.width as usize + x as usize) * 4;
        let pixel = self.rgba.get(at..at + 4)?;
        Some([pixel[0], pixel[1], pixel[2], pixel[3]])
    }
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Image")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("rgba", &format_args!("<{} bytes>", self.rgba.len()))
            .finish()
    }
}

/// What the clipboard held.
#[derive(Debug)]
pub enum Clipboard {
    /// An image (a copied QR code or screenshot), decoded to RGBA.
    Image(Image),
    /// Text, exactly as copied (perhaps an `otpauth://` URI: the caller checks).
    /// Never empty.
    Text(SecretText),
}

/// Why the screen or the clipboard could not be read.
///
/// Every message says what happened and what the person can do instead. None
/// carries pixels or clipboard content.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CaptureError {
    /// Neither `DISPLAY` (X11) nor `WAYLAND_DISPLAY` (Wayland) is set: a text
    /// console, an SSH session, a service.
    #[error(
        "no display to capture: Tessera needs an X11 or Wayland session for this; save the QR \
         image to a file and open that instead"
    )]
    NoDisplay,

    /// The X server could not be reached or did not give the image.
    #[error(
        "cannot capture the X11 screen ({reason}); save the QR image to a file and open that \
         instead"
    )]
    X11 {
        /// What went wrong, in words.
        reason: String,
    },

    /// The xdg-desktop-portal screenshot failed: no session bus, no portal
    /// running, an error from it, or no answer in time.
    #[error(
        "cannot take a screenshot through the desktop portal ({reason}); check that \
         xdg-desktop-portal and a backend for your desktop are installed, or save the QR image to \
         a file and open that instead"
    )]
    Portal {
        /// What went wrong, in words.
        reason: String,
    },

    /// The person declined the screenshot in the desktop's dialog.
    #[error("the screenshot was cancelled; nothing was captured")]
    Cancelled,

    /// The image is larger than [`MAX_PIXELS`].
    #[error(
        "the image is too large to scan ({width}×{height} pixels, more than {limit} pixels); crop \
         it to the QR code and open that instead"
    )]
    TooLarge {
        /// Its width in pixels.
        width: u64,
        /// Its height in pixels.
        height: u64,
        /// The limit, in pixels ([`MAX_PIXELS`]).
        limit: u64,
    },

    /// The screenshot file the portal wrote could not be read or decoded.
    #[error(
        "cannot read the screenshot ({reason}); save the QR image to a file and open that instead"
    )]
    Unreadable {
        /// What went wrong, in words.
        reason: String,
    },

    /// The clipboard holds neither an image nor text (it is empty, or holds a
    /// kind of content Tessera does not read, such as files).
    #[error(
        "the clipboard holds no image and no text; copy the QR image (or the otpauth:// link) and \
         try again"
    )]
    ClipboardEmpty,

    /// The clipboard could not be read.
    #[error(
        "cannot read the clipboard ({reason}); save the QR image to a file and open that instead"
    )]
    ClipboardUnavailable {
        /// What went wrong, in words.
        reason: String,
    },
}

/// One image of the whole screen (every monitor). See the module documentation
/// for how it is taken. Blocks: up to a minute on Wayland, where the desktop
/// may ask the person to approve the screenshot.
pub fn screen() -> Result<Image, CaptureError> {
    let x11 = env_set("DISPLAY");
    if env_set("WAYLAND_DISPLAY") {
        match portal::screenshot(portal::DEFAULT_TIMEOUT) {
            Ok(image) => Ok(image),
            // The person said no: do not go around them.
            Err(CaptureError::Cancelled) => Err(CaptureError::Cancelled),
            Err(portal_error) if x11 => match x11::root_image() {
                Ok(image) if !is_black(&image) => Ok(image),
                Ok(_) => Err(with_fallback(portal_error, "XWayland showed only black")),
                Err(e) => Err(with_fallback(portal_error, &e.to_string())),
            },
            Err(portal_error) => Err(portal_error),
        }
    } else if x11 {
        x11::root_image()
    } else {
        Err(CaptureError::NoDisplay)
    }
}

/// The clipboard's content: its image if it holds one (`image/png`), else its
/// text. Blocks for a few seconds at most (the clipboard's owner is another
/// program that must answer).
pub fn clipboard() -> Result<Clipboard, CaptureError> {
    if cfg!(all(unix, not(target_os = "macos")))
        && !env_set("DISPLAY")
        && !env_set("WAYLAND_DISPLAY")
    {
        return Err(CaptureError::NoDisplay);
    }
    clipboard::read()
}

/// Copies a secret (a code, a recovery code) to the clipboard with the
/// password-manager hint (`x-kde-passwordManagerHint: secret`), so clipboard
/// histories skip it. The process keeps serving it until something else is
/// copied or the process ends (it is never handed to a clipboard manager).
pub fn copy_secret(text: &SecretText) -> Result<(), CaptureError> {
    if cfg!(all(unix, not(target_os = "macos")))
        && !env_set("DISPLAY")
        && !env_set("WAYLAND_DISPLAY")
    {
        return Err(CaptureError::NoDisplay);
    }
    clipboard::write_secret(text.expose())
}

/// True when the environment variable is set and not empty.
fn env_set(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|value| !value.is_empty())
}

/// True when every pixel is black: what XWayland's root window shows of a
/// Wayland desktop.
fn is_black(image: &Image) -> bool {
    image
        .rgba
        .chunks_exact(4)
        .all(|pixel| pixel[..3] == [0, 0, 0])
}

/// Adds the failed X11 fallback to a portal error's reason.
fn with_fallback(portal_error: CaptureError, x11: &str) -> CaptureError {
    match portal_error {
        CaptureError::Portal { reason } => CaptureError::Portal {
            reason: format!("{reason}; the X11 fallback failed too: {x11}"),
        },
        other => other,
    }
}

/// Checks a size against [`MAX_PIXELS`] and returns the RGBA buffer length.
fn checked_len(width: u64, height: u64) -> Result<usize, CaptureError> {
    let too_large = CaptureError::TooLarge {
        width,
        height,
        limit: MAX_PIXELS,
    };
    let pixels = width.checked_mul(height).ok_or_else(|| too_large.clone())?;
    if pixels > MAX_PIXELS {
        return Err(too_large);
    }
    usize::try_from(pixels * 4).map_err(|_| too_large)
}

/// Makes an [`Image`] from decoded RGBA pixels, checking the size.
fn image_from_rgba(width: u64, height: u64, rgba: Vec<u8>) -> Result<Image, CaptureError> {
    let rgba = Zeroizing::new(rgba);
    let len = checked_len(width, height)?;
    let (Ok(w), Ok(h)) = (u32::try_from(width), u32::try_from(height)) else {
        return Err(CaptureError::TooLarge {
            width,
            height,
            limit: MAX_PIXELS,
        });
    };
    if rgba.len() != len {
        return Err(CaptureError::Unreadable {
            reason: format!(
                "{} bytes of pixels for a {width}×{height} image",
                rgba.len()
            ),
        });
    }
    Ok(Image {
        width: w,
        height: h,
        rgba,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_the_size_not_the_pixels() {
        let image = Image {
            width: 2,
            height: 1,
            rgba: Zeroizing::new(vec![0x5a; 8]),
        };
        let shown = format!("{image:?}");
        assert_eq!(shown, "Image { width: 2, height: 1, rgba: <8 bytes> }");
    }

    #[test]
    fn pixel_reads_rgba_in_row_major_order() {
        let image = Image {
            width: 2,
            height: 2,
            rgba: Zeroizing::new((0..16).collect()),
        };
        assert_eq!(image.pixel(0, 0), Some([0, 1, 2, 3]));
        assert_eq!(image.pixel(1, 0), Some([4, 5, 6, 7]));
        assert_eq!(image.pixel(0, 1), Some([8, 9, 10, 11]));
        assert_eq!(image.pixel(2, 0), None);
        assert_eq!(image.pixel(0, 2), None);
    }

    #[test]
    fn sizes_are_bounded_before_allocation() {
        assert_eq!(checked_len(1920, 1080), Ok(1920 * 1080 * 4));
        assert!(matches!(
            checked_len(100_000, 100_000),
            Err(CaptureError::TooLarge { .. })
        ));
        assert!(matches!(
            checked_len(u64::MAX, 2),
            Err(CaptureError::TooLarge { .. })
        ));
    }

    #[test]
    fn a_wrong_pixel_count_is_refused() {
        assert!(matches!(
            image_from_rgba(2, 2, vec![0; 15]),
            Err(CaptureError::Unreadable { .. })
        ));
        assert!(image_from_rgba(2, 2, vec![0; 16]).is_ok());
    }

    #[test]
    fn black_means_every_pixel_black() {
        let mut image = Image {
            width: 2,
            height: 1,
            rgba: Zeroizing::new(vec![0, 0, 0, 255, 0, 0, 0, 255]),
        };
        assert!(is_black(&image));
        image.rgba[5] = 1;
        assert!(!is_black(&image));
    }

    #[test]
    fn errors_read_as_advice() {
        let text = CaptureError::NoDisplay.to_string();
        assert!(text.contains("X11 or Wayland"), "{text}");
        assert!(text.contains("file"), "{text}");
    }
}
