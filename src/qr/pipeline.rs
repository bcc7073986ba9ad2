//! The cascade of preprocessing passes, and the `rqrr` calls.
//!
//! Each pass binarises a greyscale image its own way and hands the result to
//! `rqrr` without its own thresholding. Passes run cheapest first; the cascade
//! stops after the first pass that decodes anything. `docs/qr-pipeline.md`
//! records what each pass rescues and what it costs.

use std::panic::{AssertUnwindSafe, catch_unwind};

use image::GrayImage;
use rqrr::{BitGrid, PreparedImage};
use zeroize::Zeroizing;

use super::binarize::{self, PAD};
use super::{Found, Luma, Pass};
use crate::secret::{SecretBytes, SecretText};

/// Images with a longer side up to this are also tried enlarged.
const UPSCALE_MAX_SIDE: u32 = 1000;
/// Images with a shorter side of at least this are also tried halved.
const DOWNSCALE_MIN_SIDE: u32 = 500;
/// At most this many candidate regions are tried.
const MAX_REGIONS: usize = 8;
/// rqrr's grouping costs about (finder patterns)² × pixels; images whose finder-pattern
/// look-alikes would exceed this budget are not handed to it.
const FINDER_BUDGET: f64 = 2e10;
/// Finder look-alikes always allowed, however large the image.
const MIN_FINDERS: usize = 40;
/// Finder look-alikes never allowed, however small the image.
const MAX_FINDERS: usize = 400;
/// Regions are resampled so that their longer side is about this many pixels.
const REGION_TARGET_SIDE: u32 = 640;

/// Runs the cascade on a greyscale image.
pub(super) fn run(luma: &Luma) -> Vec<Found> {
    let mut search = Search::default();
    let whole = Frame::identity();

    // 1. Local threshold on the image as it is, dark-on-light then light-on-dark.
    let bits = binarize::local(luma);
    if search.both_polarities(bits, &whole, Pass::Local) {
        return search.found;
    }
    // 2. Otsu's global threshold: low-contrast and brand-coloured codes on flat backgrounds.
    let bits = binarize::global(luma, binarize::otsu(luma));
    if search.both_polarities(bits, &whole, Pass::Global) {
        return search.found;
    }
    // 3. Small images enlarged: modules of 2–3 pixels smoothed by a non-integer scale.
    if luma.width.max(luma.height) <= UPSCALE_MAX_SIDE {
        let big = binarize::resize(luma, luma.width * 2, luma.height * 2);
        if search.both_polarities(binarize::local(&big), &Frame::scaled(0.5), Pass::Upscaled) {
            return search.found;
        }
    }
    // 4. Large images halved: big modules whose interior is wider than the local window,
    //    and noise that halving averages away.
    if luma.width.min(luma.height) >= DOWNSCALE_MIN_SIDE {
        let small = binarize::resize(luma, luma.width / 2, luma.height / 2);
        let frame = Frame::scaled(luma.width as f32 / small.width as f32);
        if search.both_polarities(binarize::local(&small), &frame, Pass::Downscaled) {
            return search.found;
        }
    }
    // 5. Blurred: JPEG ringing, moiré and sensor noise in photos of screens.
    let smooth = binarize::blur(luma);
    if search.both_polarities(binarize::local(&smooth), &whole, Pass::Blurred) {
        return search.found;
    }
    drop(smooth);
    // 6. Candidate regions (dense, square-ish texture), cropped, padded and resampled.
    for (x, y, w, h) in regions(luma) {
        let part = binarize::crop(luma, x, y, w, h);
        let side = part.width.max(part.height);
        let factor = (REGION_TARGET_SIDE as f32 / side as f32).clamp(0.25, 4.0);
        let (rw, rh) = (
            ((part.width as f32 * factor) as u32).max(1),
            ((part.height as f32 * factor) as u32).max(1),
        );
        let part = binarize::resize(&part, rw, rh);
        let frame = Frame {
            scale: 1.0 / factor,
            dx: x as f32,
            dy: y as f32,
        };
        if !search.both_polarities(binarize::local(&part), &frame, Pass::Region) {
            search.both_polarities(
                binarize::global(&part, binarize::otsu(&part)),
                &frame,
                Pass::Region,
            );
        }
    }
    search.found
}

/// How a pass's pixel coordinates map back to the input image.
#[derive(Clone, Copy, Debug)]
struct Frame {
    scale: f32,
    dx: f32,
    dy: f32,
}

impl Frame {
    const fn identity() -> Self {
        Self::scaled(1.0)
    }

    const fn scaled(scale: f32) -> Self {
        Self {
            scale,
            dx: 0.0,
            dy: 0.0,
        }
    }

    fn map(&self, p: rqrr::Point) -> (i32, i32) {
        let pad = PAD as f32;
        (
            ((p.x as f32 - pad) * self.scale + self.dx).round() as i32,
            ((p.y as f32 - pad) * self.scale + self.dy).round() as i32,
        )
    }
}

/// What has been found so far, de-duplicated by payload.
#[derive(Default)]
struct Search {
    found: Vec<Found>,
}

impl Search {
    /// Detects in `bits`, then (if that found nothing) in its inverse. True if anything new was found.
    fn both_polarities(&mut self, bits: GrayImage, frame: &Frame, pass: Pass) -> bool {
        let mut inverse = bits.clone();
        if self.detect(bits, frame, pass) {
            return true;
        }
        binarize::invert(&mut inverse);
        self.detect(inverse, frame, pass.inverted())
    }

    /// Runs `rqrr` on a binarised image and keeps every new payload. True if anything new was found.
    fn detect(&mut self, bits: GrayImage, frame: &Frame, pass: Pass) -> bool {
        // rqrr tries every plausible pair of finder patterns, copying the whole image for
        // each: an image full of finder look-alikes would keep it busy for hours.
        let pixels = f64::from(bits.width()) * f64::from(bits.height());
        let most = ((FINDER_BUDGET / pixels).sqrt() as usize).clamp(MIN_FINDERS, MAX_FINDERS);
        if finder_candidates(&bits, most + 1) > most {
            return false;
        }
        // rqrr indexes with `unwrap` and asserts internally; a bug there on a strange
        // image must cost one pass, not the caller's process.
        let decoded = catch_unwind(AssertUnwindSafe(|| {
            let mut prepared = PreparedImage::without_preparation(bits);
            prepared
                .detect_grids()
                .into_iter()
                .filter_map(|grid| {
                    let (version, payload) = read(&grid.grid)?;
                    Some((version, payload, grid.bounds))
                })
                .collect::<Vec<_>>()
        }))
        .unwrap_or_default();
        let before = self.found.len();
        for (version, payload, bounds) in decoded {
            if self
                .found
                .iter()
                .any(|f| f.bytes.expose() == payload.as_slice())
            {
                continue;
            }
            self.found.push(Found {
                text: SecretText::new(text_of(&payload)),
                bytes: SecretBytes::from(payload),
                version,
                bounds: bounds.map(|p| frame.map(p)),
                pass,
            });
        }
        self.found.len() > before
    }
}

/// Counts places that look like a finder pattern: a 1:1:3:1:1 run of black and
/// white across a row and down the column through its centre, with the
/// tolerance rqrr uses. Stops counting at `stop`. Linear in the image size.
fn finder_candidates(bits: &GrayImage, stop: usize) -> usize {
    let width = bits.width() as usize;
    let raw = bits.as_raw();
    let mut count = 0;
    // Candidates seen on recent rows: (centre x, tolerance, last row).
    let mut active: Vec<(usize, usize, usize)> = Vec::new();
    for (y, row) in raw.chunks_exact(width.max(1)).enumerate() {
        active.retain(|&(_, _, last)| last + 2 >= y);
        let mut runs = [0usize; 5];
        let mut run = 1usize;
        let mut changes = 0usize;
        for x in 1..=width {
            let colour = row.get(x).copied().unwrap_or(0);
            if colour == row[x - 1] {
                run += 1;
                continue;
            }
            runs.rotate_left(1);
            runs[4] = run;
            run = 1;
            changes += 1;
            // A white pixel after five runs: test the runs as black-white-black-white-black.
            if colour != 0 || changes < 5 || !finder_ratio(&runs) {
                continue;
            }
            let centre = x - runs[4] - runs[3] - runs[2] / 2;
            let tolerance = runs[2] / 2 + 1;
            if let Some(found) = active
                .iter_mut()
                .find(|(c, t, _)| c.abs_diff(centre) <= (*t).max(tolerance))
            {
                found.2 = y;
                continue;
            }
            if !vertical_finder(raw, width, centre, y, runs.iter().sum::<usize>() * 2) {
                continue;
            }
            active.push((centre, tolerance, y));
            count += 1;
            if count >= stop {
                return count;
            }
        }
    }
    count
}

/// True if the column through (x, y) crosses a 1:1:3:1:1 pattern centred near y.
fn vertical_finder(raw: &[u8], width: usize, x: usize, y: usize, reach: usize) -> bool {
    let at = |yy: usize| raw.get(yy * width + x).copied().unwrap_or(0);
    if at(y) != 1 {
        return false;
    }
    let height = raw.len() / width.max(1);
    // Runs going up from y, then down, alternating colour, each capped at `reach`.
    let walk = |step_up: bool| {
        let mut lengths = [0usize; 3];
        let mut yy = y;
        for (i, length) in lengths.iter_mut().enumerate() {
            let colour = u8::from(i != 1);
            while *length < reach && at(yy) == colour {
                *length += 1;
                if step_up {
                    if yy == 0 {
                        return lengths;
                    }
                    yy -= 1;
                } else {
                    if yy + 1 >= height {
                        return lengths;
                    }
                    yy += 1;
                }
            }
        }
        lengths
    };
    let up = walk(true);
    let down = walk(false);
    let runs = [up[2], up[1], up[0] + down[0] - 1, down[1], down[2]];
    runs.iter().all(|&r| r > 0) && finder_ratio(&runs)
}

/// rqrr's test for a 1:1:3:1:1 pattern (each run within 75 % of the unit).
fn finder_ratio(runs: &[usize; 5]) -> bool {
    const CHECK: [usize; 5] = [1, 1, 3, 1, 1];
    let unit = (runs[0] + runs[1] + runs[3] + runs[4]) / 4;
    let err = unit * 3 / 4;
    runs.iter()
        .zip(CHECK)
        .all(|(&run, k)| run + err >= k * unit && run <= k * unit + err)
}

/// Decodes a grid as seen, then mirrored (codes photographed through a selfie camera).
fn read(grid: &dyn BitGrid) -> Option<(u8, Zeroizing<Vec<u8>>)> {
    let mut payload = Zeroizing::new(Vec::new());
    let meta = match rqrr::Grid::new(Plain(grid)).decode_to(&mut *payload) {
        Ok(meta) => meta,
        Err(_) => {
            payload.clear();
            rqrr::Grid::new(Mirrored(grid))
                .decode_to(&mut *payload)
                .ok()?
        }
    };
    Some((u8::try_from(meta.version.0).unwrap_or(u8::MAX), payload))
}

/// A borrowed grid.
struct Plain<'a>(&'a dyn BitGrid);

impl BitGrid for Plain<'_> {
    fn size(&self) -> usize {
        self.0.size()
    }

    fn bit(&self, y: usize, x: usize) -> bool {
        self.0.bit(y, x)
    }
}

/// A grid read with rows and columns swapped.
struct Mirrored<'a>(&'a dyn BitGrid);

impl BitGrid for Mirrored<'_> {
    fn size(&self) -> usize {
        self.0.size()
    }

    fn bit(&self, y: usize, x: usize) -> bool {
        self.0.bit(x, y)
    }
}

/// The payload as text: UTF-8 when it is valid UTF-8 (every `otpauth` URI),
/// otherwise ISO 8859-1, the QR standard's default for byte segments.
pub(super) fn text_of(payload: &[u8]) -> String {
    match std::str::from_utf8(payload) {
        Ok(text) => text.to_owned(),
        Err(_) => payload.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Rectangles (x, y, width, height) that look like a QR code: dense texture in
/// a square-ish block, largest first.
fn regions(luma: &Luma) -> Vec<(u32, u32, u32, u32)> {
    const BLOCK: usize = 8;
    const MIN_RANGE: u8 = 32;
    let (w, h) = (luma.width as usize, luma.height as usize);
    let (bw, bh) = (w / BLOCK, h / BLOCK);
    if bw < 3 || bh < 3 {
        return Vec::new();
    }
    // Blocks with strong contrast, grown by one block so a code's blocks join up.
    let mut busy = vec![false; bw * bh];
    for by in 0..bh {
        for bx in 0..bw {
            let (mut min, mut max) = (u8::MAX, 0u8);
            for row in luma.pixels[by * BLOCK * w..].chunks_exact(w).take(BLOCK) {
                for &grey in &row[bx * BLOCK..bx * BLOCK + BLOCK] {
                    min = min.min(grey);
                    max = max.max(grey);
                }
            }
            busy[by * bw + bx] = max - min >= MIN_RANGE;
        }
    }
    let mut grown = busy.clone();
    for by in 0..bh {
        for bx in 0..bw {
            if busy[by * bw + bx] {
                for (nx, ny) in neighbours(bx, by, bw, bh) {
                    grown[ny * bw + nx] = true;
                }
            }
        }
    }
    // Connected components of the grown map.
    let mut seen = vec![false; bw * bh];
    let mut boxes = Vec::new();
    let mut stack = Vec::new();
    for start in 0..bw * bh {
        if !grown[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1, mut count) = (bw, bh, 0, 0, 0usize);
        while let Some(i) = stack.pop() {
            let (bx, by) = (i % bw, i / bw);
            x0 = x0.min(bx);
            y0 = y0.min(by);
            x1 = x1.max(bx);
            y1 = y1.max(by);
            count += usize::from(busy[i]);
            for (nx, ny) in neighbours(bx, by, bw, bh) {
                let j = ny * bw + nx;
                if grown[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let (cw, ch) = (x1 - x0 + 1, y1 - y0 + 1);
        let square = cw.max(ch) * 2 <= cw.min(ch) * 5;
        let dense = count * 2 >= cw * ch;
        if cw >= 3 && ch >= 3 && square && dense && cw * ch < bw * bh {
            boxes.push((x0, y0, cw, ch));
        }
    }
    boxes.sort_by_key(|&(_, _, cw, ch)| std::cmp::Reverse(cw * ch));
    boxes
        .into_iter()
        .take(MAX_REGIONS)
        .map(|(x0, y0, cw, ch)| {
            // One block of margin on each side (the grown map already added one).
            let x = x0.saturating_sub(1) * BLOCK;
            let y = y0.saturating_sub(1) * BLOCK;
            let width = ((cw + 2) * BLOCK).min(w - x);
            let height = ((ch + 2) * BLOCK).min(h - y);
            (x as u32, y as u32, width as u32, height as u32)
        })
        .collect()
}

/// The 8-connected neighbours of a block inside the grid.
fn neighbours(bx: usize, by: usize, bw: usize, bh: usize) -> impl Iterator<Item = (usize, usize)> {
    let xs = bx.saturating_sub(1)..=(bx + 1).min(bw - 1);
    xs.flat_map(move |nx| (by.saturating_sub(1)..=(by + 1).min(bh - 1)).map(move |ny| (nx, ny)))
        .filter(move |&(nx, ny)| (nx, ny) != (bx, by))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_to_latin1() {
        assert_eq!(text_of(b"otpauth://totp/x"), "otpauth://totp/x");
        assert_eq!(text_of("café".as_bytes()), "café");
        assert_eq!(text_of(&[0x63, 0x61, 0x66, 0xe9]), "café");
    }
}
