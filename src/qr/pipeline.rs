//! The cascade of preprocessing passes, and the `rqrr` calls.
//!
//! Each pass binarises a greyscale image its own way and hands the result to
//! `rqrr` without its own thresholding, dark-on-light and light-on-dark. Before
//! rqrr sees a binarisation, one linear scan finds the finder-pattern look-alikes
//! of both polarities: too many and rqrr is not called (it would take hours);
//! on large frames rqrr runs on crops around the codes they outline, and on the
//! whole frame only if that fails. Passes run cheapest first; the cascade stops
//! after the first pass that decodes anything. `docs/qr-pipeline.md` records what
//! each pass rescues and what it costs.

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
/// Binarised frames of at least this many pixels are searched in crops around
/// clusters of finder patterns before being handed to rqrr whole.
const CROP_MIN_PIXELS: u64 = 1_500_000;
/// More separate crops than this and a frame is searched whole.
const MAX_CROPS: usize = 16;
/// Finder patterns this many modules apart (centre to centre) or closer may belong to one
/// code (version 40: 170 modules across, 241 diagonally).
const LINK_MODULES: usize = 245;

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
        // 3b. The same smoothed, Otsu's threshold: dense codes (version 20+) under 3 px a
        //     module after a non-integer scale and JPEG, whose timing patterns the local
        //     threshold breaks up.
        let smooth = binarize::blur(&big);
        drop(big);
        let bits = binarize::global(&smooth, binarize::otsu(&smooth));
        if search.both_polarities(bits, &Frame::scaled(0.5), Pass::Upscaled) {
            return search.found;
        }
        drop(smooth);
        // 3c. Enlarged 2.5 times, smoothed, Otsu: the module grid lands differently on
        //     the pixels, which rescues the same kind of code at other scales.
        let (w, h) = (luma.width * 5 / 2, luma.height * 5 / 2);
        let smooth = binarize::blur(&binarize::resize(luma, w, h));
        let bits = binarize::global(&smooth, binarize::otsu(&smooth));
        let frame = Frame::scaled(luma.width as f32 / w as f32);
        if search.both_polarities(bits, &frame, Pass::Upscaled) {
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

    /// The frame of a part of this pass's binarised image whose top-left pixel is at
    /// (`x`, `y`) in that (padded) image, itself padded again.
    fn shifted(&self, x: usize, y: usize) -> Self {
        let pad = PAD as f32;
        Self {
            scale: self.scale,
            dx: self.dx + (x as f32 - pad) * self.scale,
            dy: self.dy + (y as f32 - pad) * self.scale,
        }
    }
}

/// What has been found so far, de-duplicated by payload.
#[derive(Default)]
struct Search {
    found: Vec<Found>,
}

impl Search {
    /// Detects in `bits` (dark modules on light), then in its inverse when that found
    /// nothing, or, when it did, in crops of the inverse around any code its finder
    /// patterns outline (a light-on-dark code beside a dark-on-light one). True if
    /// anything new was found.
    fn both_polarities(&mut self, bits: GrayImage, frame: &Frame, pass: Pass) -> bool {
        // rqrr tries every plausible pair of finder patterns, copying the whole image for
        // each: an image full of finder look-alikes would keep it busy for hours.
        let pixels = f64::from(bits.width()) * f64::from(bits.height());
        let most = ((FINDER_BUDGET / pixels).sqrt() as usize).clamp(MIN_FINDERS, MAX_FINDERS);
        let [dark, light] = finders(&bits, most + 1);
        let mut found = false;
        if dark.len() <= most {
            found = self.polarity(&bits, &dark, false, frame, pass, false);
        }
        if light.len() <= most {
            found |= self.polarity(&bits, &light, true, frame, pass.inverted(), found);
        }
        found
    }

    /// Searches one polarity of `bits`. Large frames are searched first in crops around
    /// the codes their finder patterns outline (rqrr's cost grows with the pixels it is
    /// given, and it copies the image for every grouping it tries), and whole only if
    /// the crops give nothing. `crops_only`: search the crops of any size of frame, and
    /// never the whole.
    fn polarity(
        &mut self,
        bits: &GrayImage,
        finders: &[Finder],
        invert: bool,
        frame: &Frame,
        pass: Pass,
        crops_only: bool,
    ) -> bool {
        let pixels = u64::from(bits.width()) * u64::from(bits.height());
        let boxes = if crops_only || pixels >= CROP_MIN_PIXELS {
            clusters(finders, bits)
        } else {
            Vec::new()
        };
        if crops_only && boxes.is_empty() {
            return false;
        }
        // rqrr needs three finder patterns to outline a code; a large frame with fewer
        // look-alikes than that is not worth its whole-frame search.
        if pixels >= CROP_MIN_PIXELS && finders.len() < 3 {
            return false;
        }
        let area: u64 = boxes
            .iter()
            .map(|&(x0, y0, x1, y1)| ((x1 - x0) * (y1 - y0)) as u64)
            .sum();
        if !boxes.is_empty() && area * 2 <= pixels {
            let (mut any, mut all) = (false, true);
            for &(x0, y0, x1, y1) in &boxes {
                let part = crop_bits(bits, x0, y0, x1 - x0, y1 - y0, invert);
                let got = self.detect(part, &frame.shifted(x0, y0), pass);
                any |= got;
                all &= got;
            }
            // A box that gave nothing may have been outlined by a look-alike instead of
            // a finder pattern rqrr sees: the whole frame then decides.
            if all || crops_only {
                return any;
            }
        } else if crops_only {
            return false;
        }
        let mut whole = bits.clone();
        if invert {
            binarize::invert(&mut whole);
        }
        self.detect(whole, frame, pass)
    }

    /// Runs `rqrr` on a binarised image and keeps every new payload. True if anything new was found.
    fn detect(&mut self, bits: GrayImage, frame: &Frame, pass: Pass) -> bool {
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

/// A place that looks like a finder pattern, in the binarised image's pixels.
#[derive(Clone, Copy, Debug)]
struct Finder {
    x: usize,
    y: usize,
    /// The pattern's width across, in pixels (seven modules).
    span: usize,
    /// Whether it is about as tall as it is wide, as a finder pattern is (text and
    /// stripes make patterns that are not): only these outline codes to crop.
    square: bool,
}

/// Places that look like a finder pattern: a 1:1:3:1:1 run of dark and light
/// across a row and down the column through its centre, with the tolerance rqrr
/// uses, followed over the rows it spans. Dark-on-light patterns first, then
/// light-on-dark ones (the inverse of the image inside its white border), each
/// list stopping at `stop`. One linear scan of the image; uniform stretches are
/// skipped eight pixels at a time.
fn finders(bits: &GrayImage, stop: usize) -> [Vec<Finder>; 2] {
    let width = bits.width() as usize;
    let height = bits.height() as usize;
    let pad = PAD as usize;
    let mut found: [Vec<Finder>; 2] = [Vec::new(), Vec::new()];
    if width <= 2 * pad || height <= 2 * pad {
        return found;
    }
    let raw = bits.as_raw();
    // Per polarity, candidates seen on recent rows: (centre x, tolerance, last row,
    // index in `found`, first row).
    type Active = Vec<(usize, usize, usize, usize, usize)>;
    let mut active: [Active; 2] = [Vec::new(), Vec::new()];
    for y in pad..height - pad {
        if found[0].len() >= stop && found[1].len() >= stop {
            break;
        }
        for list in &mut active {
            list.retain(|a| a.2 + 2 >= y);
        }
        let row = &raw[y * width + pad..y * width + width - pad];
        let n = row.len();
        // The last five runs, oldest first; `changes` counts completed runs.
        let mut runs = [0usize; 5];
        let mut changes = 0usize;
        let mut x = 0usize;
        while x < n {
            let colour = row[x];
            let start = x;
            x += 1;
            let word = u64::from_ne_bytes([colour; 8]);
            while let Some(chunk) = row.get(x..x + 8) {
                let mut bytes = [0u8; 8];
                bytes.copy_from_slice(chunk);
                if u64::from_ne_bytes(bytes) != word {
                    break;
                }
                x += 8;
            }
            while x < n && row[x] == colour {
                x += 1;
            }
            runs = [runs[1], runs[2], runs[3], runs[4], x - start];
            changes += 1;
            // The last five runs end with the one just ended: dark-light-dark-light-dark in
            // one polarity or the other (a run at the row's end ends at the border).
            let polarity = usize::from(colour == 0);
            if changes < 5 || found[polarity].len() >= stop {
                continue;
            }
            if !finder_ratio(&runs) {
                continue;
            }
            let centre = pad + x - runs[4] - runs[3] - runs[2] / 2;
            let tolerance = runs[2] / 2 + 1;
            let span: usize = runs.iter().sum();
            let list = &mut found[polarity];
            // The same pattern on the next rows: as wide, and no taller than it is wide.
            if let Some(seen) = active[polarity].iter_mut().find(|a| {
                let f = &list[a.3];
                a.0.abs_diff(centre) <= a.1.max(tolerance)
                    && 2 * span <= 3 * f.span
                    && 2 * f.span <= 3 * span
                    && y - a.4 <= f.span
            }) {
                seen.2 = y;
                list[seen.3].y = (seen.4 + y) / 2;
                continue;
            }
            let flip = u8::from(polarity == 1);
            let Some(tall) = vertical_finder(raw, width, height, flip, centre, y, span * 2) else {
                continue;
            };
            active[polarity].push((centre, tolerance, y, list.len(), y));
            list.push(Finder {
                x: centre,
                y,
                span,
                square: tall * 10 >= span * 7 && tall * 10 <= span * 14,
            });
        }
    }
    found
}

/// The height of the 1:1:3:1:1 pattern the column through (x, y) crosses, if it
/// crosses one centred near y (`flip` 1: light-on-dark; the white border always
/// counts as light).
fn vertical_finder(
    raw: &[u8],
    width: usize,
    height: usize,
    flip: u8,
    x: usize,
    y: usize,
    reach: usize,
) -> Option<usize> {
    let pad = PAD as usize;
    let at = |yy: usize| {
        if yy < pad || yy >= height - pad {
            0
        } else {
            raw.get(yy * width + x).copied().unwrap_or(0) ^ flip
        }
    };
    if at(y) != 1 {
        return None;
    }
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
    (runs.iter().all(|&r| r > 0) && finder_ratio(&runs)).then(|| runs.iter().sum())
}

/// Boxes (x0, y0, x1, y1) in `bits` around every code three finder patterns could
/// outline: one corner and two neighbours of similar size at similar distances
/// (14–170 modules, within rqrr's 25 %) at a rough right angle. Each box holds
/// the three and the fourth corner they imply, grown by eight modules (3.5 from a
/// finder's centre to the code's edge, the rest for perspective), and overlapping
/// boxes are merged.
fn clusters(finders: &[Finder], bits: &GrayImage) -> Vec<(usize, usize, usize, usize)> {
    let (w, h) = (bits.width() as f32, bits.height() as f32);
    let mut boxes: Vec<(f32, f32, f32, f32)> = Vec::new();
    let similar = |a: &Finder, b: &Finder| {
        let (small, big) = (a.span.min(b.span), a.span.max(b.span));
        big <= 2 * small + 2
    };
    for a in finders.iter().filter(|f| f.square) {
        let module = a.span as f32 / 7.0;
        let near: Vec<(f32, f32, f32)> = finders
            .iter()
            .filter(|b| b.square && similar(a, b))
            .filter_map(|b| {
                let (dx, dy) = (b.x as f32 - a.x as f32, b.y as f32 - a.y as f32);
                let d = (dx * dx + dy * dy).sqrt();
                (d >= 10.0 * module && d <= LINK_MODULES as f32 * module).then_some((dx, dy, d))
            })
            .collect();
        for (i, &(bx, by, bd)) in near.iter().enumerate() {
            for &(cx, cy, cd) in &near[i + 1..] {
                let ratio = bd.min(cd) / bd.max(cd);
                let cos = (bx * cx + by * cy) / (bd * cd);
                if ratio < 0.75 || cos.abs() > 0.5 {
                    continue;
                }
                let (ax, ay) = (a.x as f32, a.y as f32);
                let xs = [ax, ax + bx, ax + cx, ax + bx + cx];
                let ys = [ay, ay + by, ay + cy, ay + by + cy];
                let grow = 8.0 * module;
                let fold = |v: &[f32; 4], f: fn(f32, f32) -> f32| {
                    v[1..].iter().fold(v[0], |m, &x| f(m, x))
                };
                let mut b = (
                    (fold(&xs, f32::min) - grow).max(0.0),
                    (fold(&ys, f32::min) - grow).max(0.0),
                    (fold(&xs, f32::max) + grow).min(w),
                    (fold(&ys, f32::max) + grow).min(h),
                );
                // Merged with every box it overlaps, so that none overlap.
                while let Some(i) = boxes
                    .iter()
                    .position(|m| m.0 < b.2 && b.0 < m.2 && m.1 < b.3 && b.1 < m.3)
                {
                    let m = boxes.swap_remove(i);
                    b = (m.0.min(b.0), m.1.min(b.1), m.2.max(b.2), m.3.max(b.3));
                }
                boxes.push(b);
                // Look-alikes everywhere: the whole frame, which is then not cropped.
                if boxes.len() > MAX_CROPS {
                    return vec![(0, 0, w as usize, h as usize)];
                }
            }
        }
    }
    boxes
        .into_iter()
        .map(|(x0, y0, x1, y1)| (x0 as usize, y0 as usize, x1 as usize, y1 as usize))
        .filter(|&(x0, y0, x1, y1)| x1 > x0 && y1 > y0)
        .collect()
}

/// A part of a binarised image, inverted if asked, with a fresh white border of [`PAD`].
fn crop_bits(bits: &GrayImage, x: usize, y: usize, w: usize, h: usize, invert: bool) -> GrayImage {
    let width = bits.width() as usize;
    let pad = PAD as usize;
    let stride = w + 2 * pad;
    let mut out = vec![0u8; stride * (h + 2 * pad)];
    let (full_w, full_h) = (width, bits.height() as usize);
    for (row, line) in bits.as_raw()[y * width..]
        .chunks_exact(width)
        .take(h)
        .enumerate()
    {
        let target = &mut out[(row + pad) * stride + pad..(row + pad) * stride + pad + w];
        target.copy_from_slice(&line[x..x + w]);
        if invert {
            // Inside the source's own border only: the border stays white.
            let yy = y + row;
            if yy >= pad && yy < full_h - pad {
                for (i, bit) in target.iter_mut().enumerate() {
                    let xx = x + i;
                    if xx >= pad && xx < full_w - pad {
                        *bit ^= 1;
                    }
                }
            }
        }
    }
    GrayImage::from_raw(stride as u32, (h + 2 * pad) as u32, out)
        .unwrap_or_else(|| GrayImage::new(1, 1))
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
