//! The X11 root window as an image: `GetImage` in `ZPixmap` format over the
//! pure-Rust `x11rb` protocol (no libX11 or libxcb needed), converted from the
//! server's pixel format to RGBA.
//!
//! The root window of the default screen spans every monitor of that screen
//! (Xinerama and RandR place monitors inside it). The image is read in bands of
//! rows so that the server's reply, which is wiped after conversion, stays
//! small next to the RGBA result.

use x11rb::connection::Connection as _;
use x11rb::protocol::xproto::{ConnectionExt as _, ImageFormat, ImageOrder, VisualClass};
use x11rb::rust_connection::RustConnection;
use zeroize::Zeroizing;

use super::{CaptureError, Image, checked_len};

/// Largest server reply read at once (one band of rows).
const BAND_BYTES: usize = 8 * 1024 * 1024;

/// How the server lays out one pixel of a `ZPixmap` image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PixelFormat {
    /// Bits each pixel occupies: 8, 16, 24 or 32 (others are refused).
    pub bits_per_pixel: u8,
    /// Each row is padded to a multiple of this many bits.
    pub scanline_pad: u8,
    /// Byte order of a pixel's value (`ImageOrder::MSB_FIRST` = big-endian).
    pub big_endian: bool,
    /// Masks of the colour channels within a pixel value (TrueColor visuals).
    pub red_mask: u32,
    pub green_mask: u32,
    pub blue_mask: u32,
}

/// One colour channel's place in a pixel value.
#[derive(Clone, Copy, Debug)]
struct Channel {
    mask: u32,
    shift: u32,
    max: u32,
}

impl Channel {
    fn new(mask: u32) -> Self {
        let shift = if mask == 0 { 0 } else { mask.trailing_zeros() };
        Self {
            mask,
            shift,
            max: mask >> shift,
        }
    }

    /// The channel's value in `pixel`, scaled to 0..=255.
    fn value(self, pixel: u32) -> u8 {
        if self.max == 0 {
            return 0;
        }
        let v = (pixel & self.mask) >> self.shift;
        if self.max == 0xff {
            v as u8
        } else {
            ((u64::from(v) * 255 + u64::from(self.max) / 2) / u64::from(self.max)) as u8
        }
    }
}

impl PixelFormat {
    /// Bytes in one row of `width` pixels, padding included.
    fn stride(&self, width: usize) -> Option<usize> {
        let bits = width.checked_mul(usize::from(self.bits_per_pixel))?;
        let pad = usize::from(self.scanline_pad.max(8));
        Some(bits.div_ceil(pad) * pad / 8)
    }

    fn check(&self) -> Result<(), CaptureError> {
        if !matches!(self.bits_per_pixel, 8 | 16 | 24 | 32) {
            return Err(CaptureError::X11 {
                reason: format!(
                    "the screen uses {} bits per pixel, which Tessera does not read",
                    self.bits_per_pixel
                ),
            });
        }
        if !matches!(self.scanline_pad, 8 | 16 | 32) {
            return Err(CaptureError::X11 {
                reason: format!("unusual scanline padding of {} bits", self.scanline_pad),
            });
        }
        Ok(())
    }

    /// Converts `rows` rows of `width` pixels from `data` (server layout) and
    /// appends them to `out` as RGBA.
    pub(super) fn convert(
        &self,
        data: &[u8],
        width: usize,
        rows: usize,
        out: &mut Vec<u8>,
    ) -> Result<(), CaptureError> {
        self.check()?;
        let stride = self.stride(width).ok_or_else(|| short_reply(0, 0))?;
        let needed = stride
            .checked_mul(rows)
            .ok_or_else(|| short_reply(data.len(), usize::MAX))?;
        if data.len() < needed {
            return Err(short_reply(data.len(), needed));
        }
        let bytes = usize::from(self.bits_per_pixel / 8);
        let (red, green, blue) = (
            Channel::new(self.red_mask),
            Channel::new(self.green_mask),
            Channel::new(self.blue_mask),
        );
        let common = bytes == 4
            && !self.big_endian
            && (self.red_mask, self.green_mask, self.blue_mask) == (0xff_0000, 0xff00, 0xff);
        for row in data.chunks_exact(stride).take(rows) {
            let row = &row[..width * bytes];
            if common {
                // B, G, R, X in memory: by far the most common layout.
                for pixel in row.chunks_exact(4) {
                    out.extend_from_slice(&[pixel[2], pixel[1], pixel[0], 0xff]);
                }
                continue;
            }
            for pixel in row.chunks_exact(bytes) {
                let value = pixel.iter().enumerate().fold(0u32, |acc, (i, &b)| {
                    if self.big_endian {
                        (acc << 8) | u32::from(b)
                    } else {
                        acc | (u32::from(b) << (8 * i))
                    }
                });
                out.extend_from_slice(&[
                    red.value(value),
                    green.value(value),
                    blue.value(value),
                    0xff,
                ]);
            }
        }
        Ok(())
    }
}

fn short_reply(got: usize, needed: usize) -> CaptureError {
    CaptureError::X11 {
        reason: format!("the server sent {got} bytes of pixels where {needed} were expected"),
    }
}

fn x11_error(what: &str, e: impl std::fmt::Display) -> CaptureError {
    CaptureError::X11 {
        reason: format!("{what}: {e}"),
    }
}

/// The root window of the display in `DISPLAY`, as RGBA.
pub(super) fn root_image() -> Result<Image, CaptureError> {
    let display = std::env::var("DISPLAY").unwrap_or_default();
    let (conn, screen_num) = RustConnection::connect(None)
        .map_err(|e| x11_error(&format!("cannot connect to the X server `{display}`"), e))?;
    let setup = conn.setup();
    let screen = setup
        .roots
        .get(screen_num)
        .ok_or_else(|| x11_error("the X server", format!("has no screen {screen_num}")))?;
    let (width, height) = (screen.width_in_pixels, screen.height_in_pixels);
    let len = checked_len(u64::from(width), u64::from(height))?;

    let visual = screen
        .allowed_depths
        .iter()
        .flat_map(|depth| &depth.visuals)
        .find(|visual| visual.visual_id == screen.root_visual)
        .ok_or_else(|| x11_error("the X server", "does not describe the root window's visual"))?;
    if !matches!(
        visual.class,
        VisualClass::TRUE_COLOR | VisualClass::DIRECT_COLOR
    ) {
        return Err(x11_error(
            "the screen uses a colour-mapped visual",
            "Tessera reads TrueColor screens only",
        ));
    }
    let format = setup
        .pixmap_formats
        .iter()
        .find(|format| format.depth == screen.root_depth)
        .ok_or_else(|| {
            x11_error(
                "the X server",
                format!("has no pixel format for depth {}", screen.root_depth),
            )
        })?;
    let format = PixelFormat {
        bits_per_pixel: format.bits_per_pixel,
        scanline_pad: format.scanline_pad,
        big_endian: setup.image_byte_order == ImageOrder::MSB_FIRST,
        red_mask: visual.red_mask,
        green_mask: visual.green_mask,
        blue_mask: visual.blue_mask,
    };
    format.check()?;

    let stride = format
        .stride(usize::from(width))
        .ok_or_else(|| x11_error("the screen", "is too wide"))?
        .max(1);
    let band = (BAND_BYTES / stride).clamp(1, usize::from(u16::MAX));
    let mut rgba = Zeroizing::new(Vec::with_capacity(len));
    let mut y = 0usize;
    while y < usize::from(height) {
        let rows = band.min(usize::from(height) - y);
        let (Ok(top), Ok(count)) = (i16::try_from(y), u16::try_from(rows)) else {
            return Err(x11_error(
                "the screen",
                "is taller than X11 coordinates allow",
            ));
        };
        let reply = conn
            .get_image(ImageFormat::Z_PIXMAP, screen.root, 0, top, width, count, !0)
            .map_err(|e| x11_error("cannot ask for the screen's pixels", e))?
            .reply()
            .map_err(|e| x11_error("the X server refused to give the screen's pixels", e))?;
        let data = Zeroizing::new(reply.data);
        format.convert(&data, usize::from(width), rows, &mut rgba)?;
        y += rows;
    }
    Ok(Image {
        width: u32::from(width),
        height: u32::from(height),
        rgba,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(format: PixelFormat, data: &[u8], width: usize, rows: usize) -> Vec<u8> {
        let mut out = Vec::new();
        match format.convert(data, width, rows, &mut out) {
            Ok(()) => out,
            Err(e) => panic!("{e}"),
        }
    }

    const BGRX: PixelFormat = PixelFormat {
        bits_per_pixel: 32,
        scanline_pad: 32,
        big_endian: false,
        red_mask: 0xff_0000,
        green_mask: 0xff00,
        blue_mask: 0xff,
    };

    #[test]
    fn depth_24_in_32_bits_little_endian() {
        // Two pixels: pure red, then (0x12, 0x34, 0x56); the X byte is ignored.
        let data = [0, 0, 0xff, 0x99, 0x56, 0x34, 0x12, 0x00];
        assert_eq!(
            convert(BGRX, &data, 2, 1),
            [0xff, 0, 0, 0xff, 0x12, 0x34, 0x56, 0xff]
        );
    }

    #[test]
    fn big_endian_32_bits() {
        let format = PixelFormat {
            big_endian: true,
            ..BGRX
        };
        let data = [0x00, 0x12, 0x34, 0x56];
        assert_eq!(convert(format, &data, 1, 1), [0x12, 0x34, 0x56, 0xff]);
    }

    #[test]
    fn rgb565_scales_to_full_range() {
        let format = PixelFormat {
            bits_per_pixel: 16,
            scanline_pad: 32,
            big_endian: false,
            red_mask: 0xf800,
            green_mask: 0x07e0,
            blue_mask: 0x001f,
        };
        // White, then pure green; the row of 2 × 16 bits is already 32-bit aligned.
        let data = [0xff, 0xff, 0xe0, 0x07];
        assert_eq!(
            convert(format, &data, 2, 1),
            [0xff, 0xff, 0xff, 0xff, 0, 0xff, 0, 0xff]
        );
    }

    #[test]
    fn rows_are_read_past_their_padding() {
        let format = PixelFormat {
            bits_per_pixel: 24,
            scanline_pad: 32,
            big_endian: false,
            red_mask: 0xff_0000,
            green_mask: 0xff00,
            blue_mask: 0xff,
        };
        // One pixel of 3 bytes per row, padded to 4.
        let data = [0x03, 0x02, 0x01, 0xee, 0x06, 0x05, 0x04, 0xee];
        assert_eq!(
            convert(format, &data, 1, 2),
            [0x01, 0x02, 0x03, 0xff, 0x04, 0x05, 0x06, 0xff]
        );
    }

    #[test]
    fn ten_bit_channels_keep_their_top_bits() {
        let format = PixelFormat {
            red_mask: 0x3ff0_0000,
            green_mask: 0x000f_fc00,
            blue_mask: 0x0000_03ff,
            ..BGRX
        };
        let value: u32 = (0x3ff << 20) | (0x200 << 10);
        assert_eq!(
            convert(format, &value.to_le_bytes(), 1, 1),
            [0xff, 0x80, 0, 0xff]
        );
    }

    #[test]
    fn a_short_reply_is_an_error_not_a_panic() {
        let mut out = Vec::new();
        assert!(matches!(
            BGRX.convert(&[0; 7], 2, 1, &mut out),
            Err(CaptureError::X11 { .. })
        ));
    }

    #[test]
    fn odd_pixel_sizes_are_refused() {
        let format = PixelFormat {
            bits_per_pixel: 4,
            ..BGRX
        };
        let mut out = Vec::new();
        assert!(format.convert(&[0; 4], 1, 1, &mut out).is_err());
    }
}
