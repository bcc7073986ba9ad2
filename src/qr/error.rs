//! Errors of the `qr` module. None of them carries payload bytes.

use thiserror::Error;

/// Why an image could not be searched for QR codes.
///
/// "No QR code in this image" is not an error: the decoders return an empty
/// list and the caller explains.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The bytes are no image format Tessera knows (a text file, a PDF, an empty file...).
    #[error(
        "this file is not an image Tessera can read (PNG, JPEG, WebP, GIF, BMP, TIFF); save the QR code as a screenshot in one of these formats and try again"
    )]
    NotAnImage,
    /// A known image format that this build cannot decode (AVIF, HEIC, ICO...).
    #[error(
        "this is a {format} image, which Tessera cannot read; convert it to PNG or JPEG (or take a screenshot of it) and try again"
    )]
    Unsupported {
        /// The format's name, e.g. `Avif`.
        format: String,
    },
    /// The file ends before the image does (an interrupted download or copy).
    #[error(
        "this image file is cut short (it ends before the picture does); download or copy it again, or take a new screenshot"
    )]
    Truncated,
    /// The file is damaged or uses a variant of its format that cannot be decoded.
    #[error(
        "this image file is damaged and cannot be decoded ({detail}); open it in an image viewer to check it, or take a new screenshot"
    )]
    Corrupt {
        /// What the image decoder reported (about the file's structure, never its content).
        detail: String,
    },
    /// The image has no pixels at all.
    #[error(
        "this image is empty ({width}×{height} pixels); take a screenshot that shows the QR code"
    )]
    Empty {
        /// Declared width in pixels.
        width: u32,
        /// Declared height in pixels.
        height: u32,
    },
    /// The image is too narrow or too flat to hold any QR code.
    #[error(
        "this image is {width}×{height} pixels, too small to hold a QR code (which needs at least {min}×{min}); take a screenshot that shows the whole code"
    )]
    TooSmall {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
        /// The smallest side that can hold a code.
        min: u32,
    },
    /// The image declares more pixels than the limit (a decompression bomb, or a huge scan).
    #[error(
        "this image is {width}×{height} pixels, more than the {limit} pixels Tessera reads; crop it to the area around the QR code and try again"
    )]
    TooLarge {
        /// Declared width in pixels.
        width: u32,
        /// Declared height in pixels.
        height: u32,
        /// The pixel limit in force.
        limit: u64,
    },
    /// The file itself is larger than the limit.
    #[error(
        "this file is {len} bytes, more than the {limit} bytes Tessera reads as an image; crop the picture to the QR code or save it as PNG or JPEG"
    )]
    FileTooLarge {
        /// The file's size in bytes.
        len: u64,
        /// The limit in force.
        limit: u64,
    },
    /// Decoding would need more memory than allowed (e.g. a 16-bit image near the pixel limit,
    /// or an animation frame larger than its canvas).
    #[error(
        "decoding this image would need more than {} MiB of memory; crop it to the area around the QR code, or save it as an 8-bit PNG or JPEG",
        .limit / (1024 * 1024)
    )]
    OutOfMemoryLimit {
        /// The allocation limit in force, in bytes.
        limit: u64,
    },
    /// Something shaped like a QR code is in the image (its three corner
    /// patterns were found), but no code could be read from it: too small, too
    /// blurred, cut off or damaged.
    #[error(
        "a QR code was found in this image but could not be read; try a larger screenshot, or one of the code alone (zoom in first if it is small), or type the setup key shown beside the code"
    )]
    Unreadable,
    /// Raw pixels handed to [`decode_rgba`](super::decode_rgba) do not match their dimensions.
    #[error(
        "the captured picture is inconsistent ({len} bytes for {width}×{height} RGBA pixels); capture it again"
    )]
    BadPixelBuffer {
        /// Width given.
        width: u32,
        /// Height given.
        height: u32,
        /// Bytes given.
        len: usize,
    },
}
