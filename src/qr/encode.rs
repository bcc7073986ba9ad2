//! Turning text (an `otpauth://` link, an export) into a QR code: as a module
//! matrix for the GUI to draw, or as a PNG file for `tessera export`.

use thiserror::Error;
use zeroize::Zeroizing;

/// Quiet-zone width in modules around every code (the QR standard's minimum).
pub const QUIET_ZONE: usize = 4;

/// Why text could not become a QR code.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// More data than the largest QR code holds.
    #[error(
        "the text is too long for one QR code ({len} bytes); export the accounts in smaller groups"
    )]
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The PNG encoder failed.
    #[error("could not write the QR code image: {0}")]
    Png(String),
}

/// A QR code's modules, row by row, without the quiet zone.
#[derive(Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Modules per side.
    pub size: usize,
    /// `size * size` modules, `true` for dark.
    pub dark: Zeroizing<Vec<bool>>,
}

impl std::fmt::Debug for Matrix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matrix")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl Matrix {
    /// Whether the module at column `x`, row `y` is dark (false outside the code).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark.get(y * self.size + x).copied().unwrap_or(false)
    }
}

/// Encodes `text` at error-correction level M (what phones read best from a screen).
pub fn matrix(text: &str) -> Result<Matrix, EncodeError> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| EncodeError::TooLong { len: text.len() })?;
    Ok(Matrix {
        size: code.width(),
        dark: Zeroizing::new(
            code.to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        ),
    })
}

/// Renders `text` as a black-on-white greyscale PNG, `scale` pixels per module,
/// with the standard quiet zone.
pub fn png(text: &str, scale: u32) -> Result<Zeroizing<Vec<u8>>, EncodeError> {
    matrix(text)?.to_png(scale)
}

impl Matrix {
    /// This code as a black-on-white greyscale PNG, `scale` pixels per module
    /// (1 to 64), with the standard quiet zone: exactly what the GUI draws.
    pub fn to_png(&self, scale: u32) -> Result<Zeroizing<Vec<u8>>, EncodeError> {
        let scale = scale.clamp(1, 64) as usize;
        let side = (self.size + 2 * QUIET_ZONE) * scale;
        let mut pixels = Zeroizing::new(vec![255u8; side * side]);
        for y in 0..self.size {
            for x in 0..self.size {
                if self.is_dark(x, y) {
                    for dy in 0..scale {
                        let row = (y + QUIET_ZONE) * scale + dy;
                        let start = row * side + (x + QUIET_ZONE) * scale;
                        pixels[start..start + scale].fill(0);
                    }
                }
            }
        }
        let too_long = || EncodeError::TooLong { len: self.size };
        let side = u32::try_from(side).map_err(|_| too_long())?;
        let mut out = Zeroizing::new(Vec::new());
        image::codecs::png::PngEncoder::new(std::io::Cursor::new(&mut *out))
            .write_image(&pixels, side, side, image::ExtendedColorType::L8)
            .map_err(|e| EncodeError::Png(e.to_string()))?;
        Ok(out)
    }
}

use image::ImageEncoder as _;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_it_draws_decodes_back() {
        let text = "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME";
        let png = match png(text, 4) {
            Ok(png) => png,
            Err(e) => panic!("{e}"),
        };
        let found = crate::qr::decode_image_bytes(&png, &crate::qr::Limits::default());
        let texts: Vec<String> = found
            .map(|f| f.iter().map(|f| f.text.expose().to_owned()).collect())
            .unwrap_or_default();
        assert_eq!(texts, vec![text.to_owned()]);
    }

    #[test]
    fn too_long_is_an_error() {
        assert!(matches!(
            matrix(&"x".repeat(4000)),
            Err(EncodeError::TooLong { .. })
        ));
    }
}
