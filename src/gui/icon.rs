//! The window icon: the five rounded squares of `resources/icons/tessera.svg`,
//! rasterised here at start-up (64×64, 4×4 supersampling) so the binary needs
//! no SVG renderer. A test checks the SVG still has the same shapes.

/// One rounded rectangle of the 128×128 design: x, y, size, corner radius, RGB.
type Shape = (f32, f32, f32, f32, [u8; 3]);

/// The icon's shapes in painting order (as in `resources/icons/tessera.svg`).
const SHAPES: [Shape; 5] = [
    (8.0, 8.0, 112.0, 24.0, [0x1f, 0x3a, 0x5f]),
    (26.0, 26.0, 34.0, 6.0, [0xf2, 0xc1, 0x4e]),
    (68.0, 26.0, 34.0, 6.0, [0xe8, 0xee, 0xf5]),
    (26.0, 68.0, 34.0, 6.0, [0xe8, 0xee, 0xf5]),
    (68.0, 68.0, 34.0, 6.0, [0x4f, 0xb2, 0x86]),
];

/// Side of the rasterised icon in pixels.
pub const SIZE: u32 = 64;
const SUBSAMPLES: u32 = 4;

fn inside(shape: &Shape, x: f32, y: f32) -> bool {
    let (left, top, size, radius, _) = *shape;
    if x < left || y < top || x > left + size || y > top + size {
        return false;
    }
    let cx = x.clamp(left + radius, left + size - radius);
    let cy = y.clamp(top + radius, top + size - radius);
    (x - cx).powi(2) + (y - cy).powi(2) <= radius * radius
}

/// The icon as RGBA bytes, `SIZE`×`SIZE`.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
pub fn rgba() -> Vec<u8> {
    let scale = 128.0 / SIZE as f32;
    let mut out = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for py in 0..SIZE {
        for px in 0..SIZE {
            let mut sum = [0.0f32; 4];
            for sy in 0..SUBSAMPLES {
                for sx in 0..SUBSAMPLES {
                    let x = (px as f32 + (sx as f32 + 0.5) / SUBSAMPLES as f32) * scale;
                    let y = (py as f32 + (sy as f32 + 0.5) / SUBSAMPLES as f32) * scale;
                    if let Some(shape) = SHAPES.iter().rev().find(|s| inside(s, x, y)) {
                        for (channel, value) in sum.iter_mut().zip(shape.4) {
                            *channel += f32::from(value);
                        }
                        sum[3] += 255.0;
                    }
                }
            }
            let samples = (SUBSAMPLES * SUBSAMPLES) as f32;
            let alpha = sum[3] / samples;
            for channel in &sum[..3] {
                // Colour averaged over covered samples only (straight alpha).
                let covered = sum[3] / 255.0;
                out.push(if covered > 0.0 {
                    (channel / covered).round() as u8
                } else {
                    0
                });
            }
            out.push(alpha.round() as u8);
        }
    }
    out
}

/// The window icon.
pub fn window_icon() -> Option<iced::window::Icon> {
    iced::window::icon::from_rgba(rgba(), SIZE, SIZE).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_svg() {
        let svg = include_str!("../../resources/icons/tessera.svg");
        for (x, y, size, radius, [r, g, b]) in SHAPES {
            let needle = format!(
                "x=\"{x}\" y=\"{y}\" width=\"{size}\" height=\"{size}\" rx=\"{radius}\" fill=\"#{r:02x}{g:02x}{b:02x}\""
            );
            assert!(svg.contains(&needle), "missing {needle}");
        }
    }

    #[test]
    fn corners_are_transparent_and_centre_is_opaque() {
        let pixels = rgba();
        assert_eq!(pixels.len(), (SIZE * SIZE * 4) as usize);
        assert_eq!(pixels[3], 0);
        let centre = ((SIZE / 2 * SIZE + SIZE / 2) * 4) as usize;
        assert_eq!(pixels[centre + 3], 255);
    }
}
