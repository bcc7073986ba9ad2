//! Image bytes to a greyscale buffer, within [`Limits`].
//!
//! The header is read first; dimensions are checked before any pixel buffer
//! exists, and the `image` crate's allocation limit covers what the decoders
//! allocate themselves (TIFF strips, GIF frames, PNG chunks).

use std::io::{self, Cursor};

use image::error::ImageError;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

use super::{DecodeError, Limits, Luma, MIN_SIDE};

/// Decodes `bytes` (any supported format) into greyscale, checking every limit.
pub(super) fn decode(bytes: &[u8], limits: &Limits) -> Result<Luma, DecodeError> {
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > limits.max_file_bytes {
        return Err(DecodeError::FileTooLarge {
            len,
            limit: limits.max_file_bytes,
        });
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| map_error(ImageError::IoError(e), limits))?;
    let Some(format) = reader.format() else {
        return Err(DecodeError::NotAnImage);
    };
    if !SUPPORTED.contains(&format) {
        return Err(DecodeError::Unsupported {
            format: format!("{format:?}"),
        });
    }
    let mut image_limits = image::Limits::default();
    image_limits.max_alloc = Some(limits.max_alloc);
    reader.limits(image_limits.clone());
    let decoder = reader.into_decoder().map_err(|e| map_error(e, limits))?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height, limits)?;
    image_limits
        .reserve(decoder.total_bytes())
        .map_err(|e| map_error(e, limits))?;
    // Some decoders (JPEG) return a partial picture for a file cut short.
    if container_truncated(format, bytes) {
        return Err(DecodeError::Truncated);
    }
    let image = DynamicImage::from_decoder(decoder).map_err(|e| match map_error(e, limits) {
        DecodeError::Corrupt { .. } if container_truncated(format, bytes) => DecodeError::Truncated,
        other => other,
    })?;
    // Some decoders report a canvas that differs from the frame they return.
    check_dimensions(image.width(), image.height(), limits)?;
    Ok(to_luma(image))
}

/// The formats this build decodes (the `image` features enabled in Cargo.toml).
const SUPPORTED: [ImageFormat; 6] = [
    ImageFormat::Png,
    ImageFormat::Jpeg,
    ImageFormat::WebP,
    ImageFormat::Gif,
    ImageFormat::Bmp,
    ImageFormat::Tiff,
];

/// True when the file's own framing says it is incomplete: a JPEG whose last
/// scan has no end-of-image marker, a WebP (RIFF) file shorter than its header
/// declares.
fn container_truncated(format: ImageFormat, bytes: &[u8]) -> bool {
    match format {
        ImageFormat::Jpeg => {
            // Entropy-coded data escapes 0xFF, so 0xFFD9 after the last SOS is the real EOI.
            let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
            match last_scan {
                Some(at) => !bytes[at..].windows(2).any(|w| w == [0xFF, 0xD9]),
                None => false,
            }
        }
        ImageFormat::WebP => match bytes.get(4..8) {
            Some(size) => {
                let declared = u32::from_le_bytes([size[0], size[1], size[2], size[3]]);
                (bytes.len() as u64) < u64::from(declared) + 8
            }
            None => true,
        },
        _ => false,
    }
}

/// Refuses empty, code-less and oversized images before any pixel is decoded.
pub(super) fn check_dimensions(
    width: u32,
    height: u32,
    limits: &Limits,
) -> Result<(), DecodeError> {
    if width == 0 || height == 0 {
        return Err(DecodeError::Empty { width, height });
    }
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(DecodeError::TooLarge {
            width,
            height,
            limit: limits.max_pixels,
        });
    }
    if width < MIN_SIDE || height < MIN_SIDE {
        return Err(DecodeError::TooSmall {
            width,
            height,
            min: MIN_SIDE,
        });
    }
    Ok(())
}

/// Greyscale, with transparent pixels composited over white (a QR code saved
/// as black modules on a transparent background is common). 8-bit RGB and RGBA,
/// what nearly every screenshot is, are converted here in one integer pass (the
/// `image` crate's conversion goes through floating point and costs more than
/// decoding the PNG); other layouts go through `image`.
fn to_luma(image: DynamicImage) -> Luma {
    let (width, height) = (image.width(), image.height());
    let pixels = match image {
        DynamicImage::ImageRgb8(rgb) => rgb
            .as_raw()
            .chunks_exact(3)
            .map(|p| grey(p[0], p[1], p[2]))
            .collect(),
        DynamicImage::ImageRgba8(rgba) => rgba_to_grey(rgba.as_raw()),
        DynamicImage::ImageLuma8(luma) => luma.into_raw(),
        image if image.color().has_alpha() => {
            let la = image.into_luma_alpha8();
            la.pixels()
                .map(|p| {
                    let [l, a] = p.0;
                    over_white(l, a)
                })
                .collect()
        }
        image => image.into_luma8().into_raw(),
    };
    Luma {
        width,
        height,
        pixels,
    }
}

/// The luminance of an sRGB pixel (Rec. 709 weights, as the `image` crate uses), in
/// 15-bit fixed point, rounded.
pub(super) fn grey(r: u8, g: u8, b: u8) -> u8 {
    ((6966 * u32::from(r) + 23436 * u32::from(g) + 2366 * u32::from(b) + 16384) >> 15) as u8
}

/// A grey level `l` of opacity `a` over white.
pub(super) fn over_white(l: u8, a: u8) -> u8 {
    let (l, a) = (u32::from(l), u32::from(a));
    // l·a + 255·(255 − a), over 255, rounded; always ≤ 255.
    ((l * a + 255 * (255 - a) + 127) / 255) as u8
}

/// RGBA pixels to grey, composited over white.
pub(super) fn rgba_to_grey(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|p| {
            let l = grey(p[0], p[1], p[2]);
            if p[3] == u8::MAX {
                l
            } else {
                over_white(l, p[3])
            }
        })
        .collect()
}

/// Maps the `image` crate's errors to advice.
fn map_error(error: ImageError, limits: &Limits) -> DecodeError {
    match error {
        // Dimensions are checked by `check_dimensions`, so every limit the
        // decoder hits is the allocation limit.
        ImageError::Limits(_) => DecodeError::OutOfMemoryLimit {
            limit: limits.max_alloc,
        },
        ImageError::IoError(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            DecodeError::Truncated
        }
        ImageError::IoError(e) => classify(&e.to_string()),
        ImageError::Unsupported(e) => match e.format_hint() {
            image::error::ImageFormatHint::Exact(format) => DecodeError::Unsupported {
                format: format!("{format:?}"),
            },
            _ => DecodeError::Corrupt {
                detail: e.to_string(),
            },
        },
        ImageError::Decoding(e) => classify(&e.to_string()),
        ImageError::Parameter(e) => classify(&e.to_string()),
        ImageError::Encoding(e) => classify(&e.to_string()),
    }
}

/// Decoders word "the data stopped early" in their own ways; all of them mean truncation.
fn classify(detail: &str) -> DecodeError {
    let lower = detail.to_ascii_lowercase();
    const TRUNCATION: [&str; 8] = [
        "premature end",
        "eof",
        "end of file",
        "unexpected end",
        "truncated",
        "no more data",
        "not enough data",
        "insufficient data",
    ];
    if TRUNCATION.iter().any(|needle| lower.contains(needle)) {
        DecodeError::Truncated
    } else {
        DecodeError::Corrupt {
            detail: shorten(detail),
        }
    }
}

/// Decoder messages can quote file content; keep them short and printable.
fn shorten(detail: &str) -> String {
    let clean: String = detail
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    clean
}
