//! QR codes in images: image bytes or raw pixels in, payloads out.
//!
//! Callers pass bytes (a file's content, a capture); this module does no I/O.
//! Decoding runs a cascade of preprocessing passes around `rqrr` (see
//! `docs/qr-pipeline.md`), cheapest first, and stops at the first pass that
//! decodes something. Every input is bounded by [`Limits`] before any pixel
//! buffer is allocated, and no input makes these functions panic.
//!
//! Payloads carry secret keys: [`Found`] holds them as secrets, and nothing
//! here logs or prints them.

mod binarize;
mod bounded;
mod codewords;
pub mod encode;
mod error;
mod finder;
mod load;
mod pipeline;
mod rs;
mod sample;
mod segments;
mod text;

use std::fmt;

pub use self::error::DecodeError;
/// Debug builds: codes whose bytes Tessera's own reading and rqrr's disagree on.
#[cfg(debug_assertions)]
#[doc(hidden)]
pub use self::text::disagreements as own_reading_disagreements;
/// Fuzzing: Tessera's own reading of arbitrary codewords and grids.
#[doc(hidden)]
pub use self::text::read_arbitrary as fuzz_own_reading;
use crate::secret::{SecretBytes, SecretText};

/// The smallest side, in pixels, an image must have to hold a QR code (version 1 is 21 modules).
pub const MIN_SIDE: u32 = 21;

/// Resource limits for decoding untrusted images.
///
/// The defaults keep the peak memory of [`decode_image_bytes`] under about
/// 300 MB for any input, including the file bytes the caller holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes (default 64 MiB).
    pub max_file_bytes: u64,
    /// Most pixels (width × height) accepted (default 40 million: an 8K screen is 33 million).
    pub max_pixels: u64,
    /// Most memory the image decoder may allocate, output buffer included
    /// (default 192 MiB: a 40-megapixel RGBA image needs 160 MB).
    pub max_alloc: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 64 * 1024 * 1024,
            max_pixels: 40_000_000,
            max_alloc: 192 * 1024 * 1024,
        }
    }
}

/// Which preprocessing pass found a code (for diagnostics and measurements).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Pass {
    /// Local (block-mean) threshold of the image as given.
    Local,
    /// The same, light modules on a dark background.
    LocalInverted,
    /// Otsu's global threshold.
    Global,
    /// The same, inverted.
    GlobalInverted,
    /// A small image enlarged twice, local threshold.
    Upscaled,
    /// The same, inverted.
    UpscaledInverted,
    /// A small image enlarged twice and smoothed, Otsu's threshold.
    UpscaledSmoothed,
    /// The same, inverted.
    UpscaledSmoothedInverted,
    /// A small image enlarged 2.5 times and smoothed, Otsu's threshold.
    UpscaledFurther,
    /// The same, inverted.
    UpscaledFurtherInverted,
    /// A large image halved, local threshold.
    Downscaled,
    /// The same, inverted.
    DownscaledInverted,
    /// A 3×3 blur before the local threshold.
    Blurred,
    /// The same, inverted.
    BlurredInverted,
    /// A place where finder patterns outline a code, cropped from the grey image
    /// and enlarged so its modules are about five pixels.
    Zoomed,
    /// The same, inverted.
    ZoomedInverted,
    /// Where finder patterns outline a code the zoomed search could not read:
    /// modules sampled from the grey pixels by Tessera's own grid fit, decoded
    /// by rqrr.
    Sampled,
    /// The same, light modules on a dark background.
    SampledInverted,
    /// A candidate region cropped, padded and resampled.
    Region,
    /// The same, inverted.
    RegionInverted,
}

impl Pass {
    /// The inverted twin of a pass.
    const fn inverted(self) -> Self {
        match self {
            Self::Local | Self::LocalInverted => Self::LocalInverted,
            Self::Global | Self::GlobalInverted => Self::GlobalInverted,
            Self::Upscaled | Self::UpscaledInverted => Self::UpscaledInverted,
            Self::UpscaledSmoothed | Self::UpscaledSmoothedInverted => {
                Self::UpscaledSmoothedInverted
            }
            Self::UpscaledFurther | Self::UpscaledFurtherInverted => Self::UpscaledFurtherInverted,
            Self::Downscaled | Self::DownscaledInverted => Self::DownscaledInverted,
            Self::Blurred | Self::BlurredInverted => Self::BlurredInverted,
            Self::Zoomed | Self::ZoomedInverted => Self::ZoomedInverted,
            Self::Sampled | Self::SampledInverted => Self::SampledInverted,
            Self::Region | Self::RegionInverted => Self::RegionInverted,
        }
    }

    /// A short lowercase name, e.g. `local-inverted`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Local => "local",
            Self::LocalInverted => "local-inverted",
            Self::Global => "global",
            Self::GlobalInverted => "global-inverted",
            Self::Upscaled => "upscaled",
            Self::UpscaledInverted => "upscaled-inverted",
            Self::UpscaledSmoothed => "upscaled-smoothed",
            Self::UpscaledSmoothedInverted => "upscaled-smoothed-inverted",
            Self::UpscaledFurther => "upscaled-further",
            Self::UpscaledFurtherInverted => "upscaled-further-inverted",
            Self::Downscaled => "downscaled",
            Self::DownscaledInverted => "downscaled-inverted",
            Self::Blurred => "blurred",
            Self::BlurredInverted => "blurred-inverted",
            Self::Zoomed => "zoomed",
            Self::ZoomedInverted => "zoomed-inverted",
            Self::Sampled => "sampled",
            Self::SampledInverted => "sampled-inverted",
            Self::Region => "region",
            Self::RegionInverted => "region-inverted",
        }
    }
}

impl fmt::Display for Pass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One QR code found in an image.
#[derive(Clone)]
pub struct Found {
    /// The payload as text, as ZXing reads it: in the character set the
    /// code's ECI designators name, if it has any; otherwise UTF-8 when it is
    /// valid UTF-8 (every `otpauth://` URI), Shift JIS for Kanji and Japanese
    /// byte segments, otherwise each byte read as ISO 8859-1 (the QR default
    /// for byte segments).
    pub text: SecretText,
    /// The payload's raw bytes.
    pub bytes: SecretBytes,
    /// QR version (1–40): the code has 17 + 4 × version modules a side.
    pub version: u8,
    /// Corners in input pixel coordinates: top-left, top-right, bottom-right,
    /// bottom-left as the code reads (approximate after rescaling).
    pub bounds: [(i32, i32); 4],
    /// The pass that found it.
    pub pass: Pass,
}

impl fmt::Debug for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Found")
            .field("text", &self.text)
            .field("bytes", &self.bytes)
            .field("version", &self.version)
            .field("bounds", &self.bounds)
            .field("pass", &self.pass)
            .finish()
    }
}

/// Finds and decodes every QR code in an image file's bytes (PNG, JPEG, WebP,
/// GIF (first frame), BMP or TIFF).
///
/// An empty list means the image holds nothing shaped like a QR code;
/// [`DecodeError::Unreadable`] that it holds one that could not be read. Other
/// errors mean the image itself could not be read, or is outside `limits`.
pub fn decode_image_bytes(bytes: &[u8], limits: &Limits) -> Result<Vec<Found>, DecodeError> {
    let luma = load::decode(bytes, limits)?;
    outcome(&luma)
}

/// The payload texts a file's bytes hold, as both front ends read a file the
/// person points at: a text file that mentions `otpauth` gives its lines (one
/// `otpauth://` or `otpauth-migration://` link per line; blank lines and `#`
/// comments skipped); anything else is decoded as an image and gives the text
/// of each QR code in it (an empty list: no QR code).
///
/// Classify each text with [`crate::otp::payload::classify`].
pub fn file_payloads(bytes: &[u8], limits: &Limits) -> Result<Vec<SecretText>, DecodeError> {
    if let Ok(text) = std::str::from_utf8(bytes)
        && text.contains("otpauth")
    {
        return Ok(text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| SecretText::new(l.to_owned()))
            .collect());
    }
    Ok(decode_image_bytes(bytes, limits)?
        .into_iter()
        .map(|found| found.text)
        .collect())
}

/// Finds and decodes every QR code in raw RGBA pixels (8 bits per channel, rows
/// top to bottom, no padding), as screen and clipboard captures deliver them.
/// Transparent pixels count as white. The default [`Limits`] pixel limit applies.
pub fn decode_rgba(width: u32, height: u32, rgba: &[u8]) -> Result<Vec<Found>, DecodeError> {
    load::check_dimensions(width, height, &Limits::default())?;
    let expected = (width as usize)
        .checked_mul(height as usize)
        .and_then(|n| n.checked_mul(4));
    if expected != Some(rgba.len()) {
        return Err(DecodeError::BadPixelBuffer {
            width,
            height,
            len: rgba.len(),
        });
    }
    let pixels = load::rgba_to_grey(rgba);
    let luma = Luma {
        width,
        height,
        pixels,
    };
    outcome(&luma)
}

/// Finds and decodes every QR code in 8-bit greyscale pixels (rows top to
/// bottom, no padding; 0 is black). The default [`Limits`] pixel limit applies.
pub fn decode_luma(width: u32, height: u32, pixels: &[u8]) -> Result<Vec<Found>, DecodeError> {
    load::check_dimensions(width, height, &Limits::default())?;
    if (width as usize).checked_mul(height as usize) != Some(pixels.len()) {
        return Err(DecodeError::BadPixelBuffer {
            width,
            height,
            len: pixels.len(),
        });
    }
    let luma = Luma {
        width,
        height,
        pixels: pixels.to_vec(),
    };
    outcome(&luma)
}

/// The codes the cascade decoded; none at all where it located a code is
/// [`DecodeError::Unreadable`], none where it located nothing an empty list.
fn outcome(luma: &Luma) -> Result<Vec<Found>, DecodeError> {
    let outcome = pipeline::run(luma);
    if outcome.unreadable {
        return Err(DecodeError::Unreadable);
    }
    Ok(outcome.found)
}

/// An 8-bit greyscale image, row-major, `width × height` bytes.
struct Luma {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}
