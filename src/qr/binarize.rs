//! Greyscale to black-and-white, and the greyscale transforms the passes use.
//!
//! Every binarised image is a `GrayImage` holding only 0 (white) and 1
//! (black), the form `rqrr::PreparedImage::without_preparation` accepts, with
//! a white border of [`PAD`] pixels: a quiet zone for codes cropped tight.

use image::GrayImage;

use super::Luma;

/// White border added around every binarised image, in pixels.
pub(super) const PAD: u32 = 16;

/// Side of the square blocks the local threshold is computed on.
pub(super) const BLOCK: usize = 8;
/// Blocks on each side of a block that its threshold averages over (5×5 blocks, 40 px).
const REACH: usize = 2;
/// Below this spread of grey levels a block is taken as flat (all background or all module).
const MIN_DYNAMIC_RANGE: u8 = 24;

/// A black-and-white image ready for `rqrr`, with [`PAD`] white pixels on every side.
pub(super) fn to_bits(luma: &Luma, black: impl Fn(usize, usize, u8) -> bool) -> GrayImage {
    let (w, h) = (luma.width as usize, luma.height as usize);
    let pad = PAD as usize;
    let stride = w + 2 * pad;
    let mut out = vec![0u8; stride * (h + 2 * pad)];
    for (y, row) in luma.pixels.chunks_exact(w).enumerate() {
        let start = (y + pad) * stride + pad;
        for (x, (&grey, bit)) in row.iter().zip(&mut out[start..start + w]).enumerate() {
            *bit = u8::from(black(x, y, grey));
        }
    }
    // The buffer has exactly (w + 2·PAD)·(h + 2·PAD) bytes, so this cannot fail.
    GrayImage::from_raw(luma.width + 2 * PAD, luma.height + 2 * PAD, out)
        .unwrap_or_else(|| GrayImage::new(1, 1))
}

/// Swaps black and white inside the border (the border stays white).
pub(super) fn invert(bits: &mut GrayImage) {
    let (w, h) = (bits.width() as usize, bits.height() as usize);
    let pad = PAD as usize;
    let buffer: &mut [u8] = bits;
    for y in pad..h.saturating_sub(pad) {
        for bit in &mut buffer[y * w + pad..y * w + w - pad] {
            *bit ^= 1;
        }
    }
}

/// A global threshold: every pixel at or below `threshold` is black.
pub(super) fn global(luma: &Luma, threshold: u8) -> GrayImage {
    to_bits(luma, |_, _, grey| grey <= threshold)
}

/// Otsu's threshold: the grey level that best separates the histogram's two classes.
pub(super) fn otsu(luma: &Luma) -> u8 {
    // Four histograms, summed after: a run of equal pixels (a screenshot's
    // background) would otherwise wait on its own count at every pixel.
    let mut four = [[0u32; 256]; 4];
    let mut quads = luma.pixels.chunks_exact(4);
    for quad in &mut quads {
        for (histogram, &grey) in four.iter_mut().zip(quad) {
            histogram[usize::from(grey)] += 1;
        }
    }
    for &grey in quads.remainder() {
        four[0][usize::from(grey)] += 1;
    }
    let mut histogram = [0u64; 256];
    for (level, count) in histogram.iter_mut().enumerate() {
        *count = four.iter().map(|h| u64::from(h[level])).sum();
    }
    let total: u64 = histogram.iter().sum();
    let sum_all: f64 = histogram
        .iter()
        .enumerate()
        .map(|(level, &n)| level as f64 * n as f64)
        .sum();
    let (mut weight_back, mut sum_back) = (0u64, 0f64);
    let (mut best, mut best_variance) = (127u8, -1f64);
    for (level, &n) in histogram.iter().enumerate() {
        weight_back += n;
        if weight_back == 0 {
            continue;
        }
        let weight_fore = total - weight_back;
        if weight_fore == 0 {
            break;
        }
        sum_back += level as f64 * n as f64;
        let mean_back = sum_back / weight_back as f64;
        let mean_fore = (sum_all - sum_back) / weight_fore as f64;
        let variance = weight_back as f64 * weight_fore as f64 * (mean_back - mean_fore).powi(2);
        if variance > best_variance {
            best_variance = variance;
            best = u8::try_from(level).unwrap_or(u8::MAX);
        }
    }
    best
}

/// A local threshold in the manner of ZXing's hybrid binariser: each 8×8
/// block gets a black point (its mean, or for flat blocks a value derived from
/// its neighbours), and each pixel is compared with the mean black point of
/// the 5×5 blocks around its own. Handles uneven backgrounds, gradients,
/// low contrast and brand colours; memory is a few bytes per block.
///
/// Blocks that do not fit at the right and bottom edges overlap their
/// neighbours (they take the last 8 columns or rows).
///
/// One departure from ZXing: a flat block darker than a block's mean (by more
/// than [`MIN_DYNAMIC_RANGE`]) is a surface of its own, not that block's
/// background, and is left out of the mean of that block's window. A code in a
/// light box with a narrow quiet zone on a dark page otherwise takes the dark
/// page's low black points into the thresholds of its edge, where its finder
/// patterns lie, and their anti-aliased rings binarise light
/// (`docs/qr-pipeline.md`, eighteenth round). Blocks across that surface's
/// edge (not flat, a flat darker block beside them, their darkest pixels at
/// its level) are left out too: their mean lies between the page and the box,
/// and where the 8-px grid cuts the page's edge decides how low (twenty-fourth
/// round). Blocks with no such flat block around them keep ZXing's threshold
/// exactly.
pub(super) fn local(luma: &Luma) -> GrayImage {
    let (w, h) = (luma.width as usize, luma.height as usize);
    if w < BLOCK * (2 * REACH + 1) || h < BLOCK * (2 * REACH + 1) {
        return global(luma, otsu(luma));
    }
    let (bw, bh) = (w.div_ceil(BLOCK), h.div_ceil(BLOCK));
    let mut points = vec![0u8; bw * bh];
    // Each flat block's level (its lightest pixel, at most 254; 255 for
    // blocks with contrast) and mean (a block with contrast: its point).
    let mut flat = vec![u8::MAX; bw * bh];
    let mut flat_means = vec![0u8; bw * bh];
    let mut columns = Columns::new(w);
    for by in 0..bh {
        let y0 = (by * BLOCK).min(h - BLOCK);
        columns.gather(&luma.pixels[y0 * w..(y0 + BLOCK) * w]);
        for bx in 0..bw {
            let (sum, min, max) = columns.block((bx * BLOCK).min(w - BLOCK));
            let mut point = (sum / (BLOCK * BLOCK) as u32) as u8;
            if max - min <= MIN_DYNAMIC_RANGE {
                // 254 and 255 are alike to the test (neither is darker than anything).
                flat[by * bw + bx] = max.min(254);
                flat_means[by * bw + bx] = point;
                // Flat block: assume background unless the neighbours say it sits in a module.
                point = min / 2;
                if by > 0 && bx > 0 {
                    let neighbours = (u32::from(points[(by - 1) * bw + bx])
                        + 2 * u32::from(points[by * bw + bx - 1])
                        + u32::from(points[(by - 1) * bw + bx - 1]))
                        / 4;
                    if u32::from(min) < neighbours {
                        point = neighbours as u8;
                    }
                }
            }
            points[by * bw + bx] = point;
        }
    }
    // Mean over the 5×5 neighbourhood, the window clamped to the grid: row sums, then columns.
    let window = 2 * REACH + 1;
    let mut across = vec![0u32; bw * bh];
    for (row, sums) in points.chunks_exact(bw).zip(across.chunks_exact_mut(bw)) {
        for (bx, sum) in sums.iter_mut().enumerate() {
            let cx = bx.clamp(REACH, bw - 1 - REACH);
            *sum = row[cx - REACH..=cx + REACH]
                .iter()
                .map(|&p| u32::from(p))
                .sum();
        }
    }
    let mut thresholds = vec![0u8; bw * bh];
    for (by, out) in thresholds.chunks_exact_mut(bw).enumerate() {
        let cy = by.clamp(REACH, bh - 1 - REACH);
        let rows = &across[(cy - REACH) * bw..(cy + REACH + 1) * bw];
        for (bx, t) in out.iter_mut().enumerate() {
            let sum: u32 = rows.chunks_exact(bw).map(|r| r[bx]).sum();
            *t = (sum / (window * window) as u32) as u8;
        }
    }
    leave_darker_flats_out(
        &mut thresholds,
        &Blocks {
            width: bw,
            points: &points,
            flat_means: &flat_means,
            flat: &flat,
            luma,
        },
    );
    // Each pixel against its block's threshold, a row of blocks at a time.
    let pad = PAD as usize;
    let stride = w + 2 * pad;
    let mut out = vec![0u8; stride * (h + 2 * pad)];
    // The thresholds of a row of blocks spread over its pixels once, so that each
    // pixel row is one comparison of two slices (which the compiler vectorises).
    let mut limits = vec![0u8; w];
    for (y, row) in luma.pixels.chunks_exact(w).enumerate() {
        if y % BLOCK == 0 {
            let blocks = &thresholds[(y / BLOCK) * bw..(y / BLOCK + 1) * bw];
            for (x, limit) in limits.iter_mut().enumerate() {
                *limit = blocks[(x / BLOCK).min(bw - 1)];
            }
        }
        let start = (y + pad) * stride + pad;
        for ((bit, &grey), &t) in out[start..start + w].iter_mut().zip(row).zip(&limits) {
            *bit = u8::from(grey <= t);
        }
    }
    // The buffer has exactly (w + 2·PAD)·(h + 2·PAD) bytes, so this cannot fail.
    GrayImage::from_raw(luma.width + 2 * PAD, luma.height + 2 * PAD, out)
        .unwrap_or_else(|| GrayImage::new(1, 1))
}

/// The blocks of a local threshold: per block its black point, and if it is
/// flat its level (its lightest pixel, at most 254; 255 for blocks with
/// contrast) and its mean (a block with contrast has its mean as its point).
struct Blocks<'a> {
    width: usize,
    points: &'a [u8],
    flat_means: &'a [u8],
    flat: &'a [u8],
    /// The image, for the few blocks whose darkest pixel is asked for.
    luma: &'a Luma,
}

impl Blocks<'_> {
    /// The darkest pixel of block `i` (the blocks at the right and bottom
    /// edges overlap their neighbours, as in [`local`]). Read from the pixels
    /// when asked: only blocks beside a darker surface are, and keeping every
    /// block's minimum in [`local`]'s pass cost more than reading these few.
    fn darkest(&self, i: usize) -> u8 {
        let (w, h) = (self.luma.width as usize, self.luma.height as usize);
        let x0 = ((i % self.width) * BLOCK).min(w - BLOCK);
        let y0 = ((i / self.width) * BLOCK).min(h - BLOCK);
        self.luma.pixels[y0 * w..]
            .chunks_exact(w)
            .take(BLOCK)
            .flat_map(|row| &row[x0..x0 + BLOCK])
            .copied()
            .min()
            .unwrap_or(u8::MAX)
    }

    /// The mean grey level of block `i`.
    fn mean(&self, i: usize) -> u8 {
        if self.flat[i] == u8::MAX {
            self.points[i]
        } else {
            self.flat_means[i]
        }
    }
}

/// [`local`]'s departure from ZXing: where a block's 5×5 window holds a flat
/// block darker than its mean by more than [`MIN_DYNAMIC_RANGE`], its threshold
/// is the mean of the window's other blocks. Rows of blocks with no such block
/// cost two vectorised passes; the others are left as they are.
#[inline(never)]
fn leave_darker_flats_out(thresholds: &mut [u8], blocks: &Blocks<'_>) {
    let bw = blocks.width;
    let bh = thresholds.len() / bw;
    // The darkest flat block of each row of five, the window clamped as in
    // [`local`]: the minimum of five shifted slices.
    let mut flat_across = vec![0u8; bw * bh];
    let inner = bw - 2 * REACH;
    for (row, mins) in blocks
        .flat
        .chunks_exact(bw)
        .zip(flat_across.chunks_exact_mut(bw))
    {
        let shifted = |k: usize| row[k..k + inner].iter();
        let fives = shifted(0)
            .zip(shifted(1))
            .zip(shifted(2))
            .zip(shifted(3))
            .zip(shifted(4));
        for (least, ((((&a, &b), &c), &d), &e)) in mins[REACH..REACH + inner].iter_mut().zip(fives)
        {
            *least = a.min(b).min(c).min(d).min(e);
        }
        let (first, last) = (mins[REACH], mins[REACH + inner - 1]);
        mins[..REACH].fill(first);
        mins[REACH + inner..].fill(last);
    }
    let darker = |least: u8, mean: u8| least.saturating_add(MIN_DYNAMIC_RANGE) < mean;
    // The level of each block's darkest flat neighbour (of eight; 255 for
    // none), and the darkest pixel of the blocks asked about (each read once),
    // kept only where some window needs them.
    let mut edges: Option<(Vec<u8>, Vec<Option<u8>>)> = None;
    let mut least = vec![u8::MAX; bw];
    let mut own = vec![0u8; bw];
    for (by, out) in thresholds.chunks_exact_mut(bw).enumerate() {
        let cy = by.clamp(REACH, bh - 1 - REACH);
        // The darkest flat block of each window.
        least.fill(u8::MAX);
        for row in flat_across[(cy - REACH) * bw..(cy + REACH + 1) * bw].chunks_exact(bw) {
            for (l, &f) in least.iter_mut().zip(row) {
                *l = (*l).min(f);
            }
        }
        for (bx, mean) in own.iter_mut().enumerate() {
            *mean = blocks.mean(by * bw + bx);
        }
        // One test for the whole row of blocks: most rows have no such block.
        if !least
            .iter()
            .zip(&own)
            .fold(false, |any, (&l, &m)| any | darker(l, m))
        {
            continue;
        }
        for (bx, t) in out.iter_mut().enumerate() {
            if !darker(least[bx], own[bx]) {
                continue;
            }
            let cx = bx.clamp(REACH, bw - 1 - REACH);
            let (beside, darkest) = edges
                .get_or_insert_with(|| (darkest_flat_beside(blocks.flat, bw), vec![None; bw * bh]));
            let (mut sum, mut count) = (0u32, 0u32);
            for y in cy - REACH..=cy + REACH {
                let row = y * bw + cx - REACH..=y * bw + cx + REACH;
                for (i, &level) in row.clone().zip(&beside[row]) {
                    // A block across the surface's edge (its darkest pixels at
                    // the surface's level beside it) is part surface too: its
                    // mean lies between the surface and the box, low in the
                    // range of a faint code's grey modules.
                    let across = blocks.flat[i] == u8::MAX
                        && darker(level, own[bx])
                        && *darkest[i].get_or_insert_with(|| blocks.darkest(i))
                            <= level.saturating_add(MIN_DYNAMIC_RANGE);
                    if !darker(blocks.flat[i], own[bx]) && !across {
                        sum += u32::from(blocks.points[i]);
                        count += 1;
                    }
                }
            }
            // A window of surface alone keeps ZXing's threshold.
            if let Some(mean) = sum.checked_div(count) {
                *t = mean as u8;
            }
        }
    }
}

/// For each block of a grid `bw` blocks wide (at least two blocks each way),
/// the level of the darkest flat block among the 3×3 around it, itself
/// included (within the grid; `flat` as in [`Blocks`]), 255 where none is flat.
/// [`leave_darker_flats_out`] asks only about blocks with contrast, whose own
/// level is 255, so for them this is their darkest flat neighbour of eight.
/// Two separable passes of three shifted slices each, which the compiler
/// vectorises (a 3×3 loop per block, with every block's darkest pixel kept in
/// [`local`], cost 5–7 % of the benchmark screenshots' instructions).
fn darkest_flat_beside(flat: &[u8], bw: usize) -> Vec<u8> {
    debug_assert!(bw >= 2 && flat.len() >= 2 * bw);
    let three = |out: &mut [u8], before: &[u8], at: &[u8], after: &[u8]| {
        for (((o, &a), &b), &c) in out.iter_mut().zip(before).zip(at).zip(after) {
            *o = a.min(b).min(c);
        }
    };
    let mut across = vec![u8::MAX; flat.len()];
    for (row, out) in flat.chunks_exact(bw).zip(across.chunks_exact_mut(bw)) {
        three(
            &mut out[1..bw - 1],
            &row[..bw - 2],
            &row[1..bw - 1],
            &row[2..],
        );
        out[0] = row[0].min(row[1]);
        out[bw - 1] = row[bw - 2].min(row[bw - 1]);
    }
    let n = flat.len();
    let mut out = vec![u8::MAX; n];
    three(
        &mut out[bw..n - bw],
        &across[..n - 2 * bw],
        &across[bw..n - bw],
        &across[2 * bw..],
    );
    for x in 0..bw {
        out[x] = across[x].min(across[bw + x]);
        out[n - bw + x] = across[n - 2 * bw + x].min(across[n - bw + x]);
    }
    out
}

/// Per column of a row of blocks ([`BLOCK`] rows of pixels): the sum, the
/// minimum and the maximum of its grey levels, gathered a whole row at a time
/// (plain loops over slices, which the compiler vectorises), then read per block.
pub(super) struct Columns {
    sum: Vec<u16>,
    min: Vec<u8>,
    max: Vec<u8>,
}

impl Columns {
    pub(super) fn new(width: usize) -> Self {
        Self {
            sum: vec![0; width],
            min: vec![0; width],
            max: vec![0; width],
        }
    }

    /// Gathers `rows` (rows of the width given to [`Self::new`], at most 257 of them,
    /// at least one).
    pub(super) fn gather(&mut self, rows: &[u8]) {
        let w = self.sum.len();
        let mut rows = rows.chunks_exact(w);
        let Some(first) = rows.next() else {
            return;
        };
        self.min.copy_from_slice(first);
        self.max.copy_from_slice(first);
        for (sum, &grey) in self.sum.iter_mut().zip(first) {
            *sum = u16::from(grey);
        }
        for row in rows {
            for (min, &grey) in self.min.iter_mut().zip(row) {
                *min = (*min).min(grey);
            }
            for (max, &grey) in self.max.iter_mut().zip(row) {
                *max = (*max).max(grey);
            }
            for (sum, &grey) in self.sum.iter_mut().zip(row) {
                *sum += u16::from(grey);
            }
        }
    }

    /// Sum, minimum and maximum of the block whose left column is `x0`
    /// ([`BLOCK`] columns).
    pub(super) fn block(&self, x0: usize) -> (u32, u8, u8) {
        let range = x0..x0 + BLOCK;
        let sum = self.sum[range.clone()].iter().map(|&s| u32::from(s)).sum();
        let min = self.min[range.clone()].iter().copied().min().unwrap_or(0);
        let max = self.max[range].iter().copied().max().unwrap_or(0);
        (sum, min, max)
    }
}

/// Bilinear resampling to `width`×`height` (both at least 1).
pub(super) fn resize(luma: &Luma, width: u32, height: u32) -> Luma {
    let (sw, sh) = (luma.width as usize, luma.height as usize);
    let (dw, dh) = (width.max(1) as usize, height.max(1) as usize);
    if dw < sw / 2 || dh < sh / 2 {
        // Shrinking by more than half: average boxes first so nothing aliases.
        let factor = (sw / dw).min(sh / dh).max(1);
        return resize(&box_shrink(luma, factor), width, height);
    }
    if dw * 2 == sw && dh * 2 == sh {
        return halve(luma);
    }
    let sx = sw as f32 / dw as f32;
    let sy = sh as f32 / dh as f32;
    // Each output column's two source columns and weight, computed once.
    let across: Vec<(usize, usize, f32)> = (0..dw)
        .map(|x| {
            let fx = ((x as f32 + 0.5) * sx - 0.5).clamp(0.0, (sw - 1) as f32);
            let x0 = fx as usize;
            (x0, (x0 + 1).min(sw - 1), fx - x0 as f32)
        })
        .collect();
    let mut pixels = Vec::with_capacity(dw * dh);
    for y in 0..dh {
        let fy = ((y as f32 + 0.5) * sy - 0.5).clamp(0.0, (sh - 1) as f32);
        let y0 = fy as usize;
        let y1 = (y0 + 1).min(sh - 1);
        let ty = fy - y0 as f32;
        let (upper, lower) = (
            &luma.pixels[y0 * sw..y0 * sw + sw],
            &luma.pixels[y1 * sw..y1 * sw + sw],
        );
        pixels.extend(across.iter().map(|&(x0, x1, tx)| {
            let top = f32::from(upper[x0]) * (1.0 - tx) + f32::from(upper[x1]) * tx;
            let bottom = f32::from(lower[x0]) * (1.0 - tx) + f32::from(lower[x1]) * tx;
            (top * (1.0 - ty) + bottom * ty + 0.5) as u8
        }));
    }
    Luma {
        width: dw as u32,
        height: dh as u32,
        pixels,
    }
}

/// Exactly half the size: what the bilinear resampling gives at that factor (each
/// output pixel halfway between two columns and two rows: the rounded mean of a
/// 2×2 box, exact in `f32`), in integers.
fn halve(luma: &Luma) -> Luma {
    let (sw, dw, dh) = (
        luma.width as usize,
        luma.width as usize / 2,
        luma.height as usize / 2,
    );
    let mut pixels = Vec::with_capacity(dw * dh);
    for pair in luma.pixels.chunks_exact(2 * sw).take(dh) {
        let (upper, lower) = pair.split_at(sw);
        pixels.extend(
            upper
                .chunks_exact(2)
                .zip(lower.chunks_exact(2))
                .take(dw)
                .map(|(a, b)| {
                    let sum = u16::from(a[0]) + u16::from(a[1]) + u16::from(b[0]) + u16::from(b[1]);
                    ((sum + 2) / 4) as u8
                }),
        );
    }
    Luma {
        width: dw as u32,
        height: dh as u32,
        pixels,
    }
}

/// Averages `factor`×`factor` boxes (the right edge and bottom rows that do not fill a box are dropped).
fn box_shrink(luma: &Luma, factor: usize) -> Luma {
    let (sw, sh) = (luma.width as usize, luma.height as usize);
    let (dw, dh) = ((sw / factor).max(1), (sh / factor).max(1));
    let mut pixels = Vec::with_capacity(dw * dh);
    let area = (factor * factor) as u32;
    for y in 0..dh {
        for x in 0..dw {
            let mut sum = 0u32;
            for row in luma.pixels[y * factor * sw..].chunks(sw).take(factor) {
                sum += row[x * factor..(x * factor + factor).min(sw)]
                    .iter()
                    .map(|&p| u32::from(p))
                    .sum::<u32>();
            }
            pixels.push((sum / area) as u8);
        }
    }
    Luma {
        width: dw as u32,
        height: dh as u32,
        pixels,
    }
}

/// A 3×3 box blur: smooths JPEG ringing, sensor noise and moiré before thresholding.
/// Edges repeat their outermost pixels. Separable: the three rows' sums per column,
/// then three columns' sums per pixel (rows of plain slices the compiler vectorises).
pub(super) fn blur(luma: &Luma) -> Luma {
    let (w, h) = (luma.width as usize, luma.height as usize);
    let mut pixels = vec![0u8; w * h];
    if w == 0 || h == 0 {
        return Luma {
            width: luma.width,
            height: luma.height,
            pixels,
        };
    }
    let row = |y: usize| &luma.pixels[y * w..y * w + w];
    // Column sums of three rows, with one repeated column at each end.
    let mut columns = vec![0u16; w + 2];
    for (y, out) in pixels.chunks_exact_mut(w).enumerate() {
        let (above, here, below) = (row(y.saturating_sub(1)), row(y), row((y + 1).min(h - 1)));
        for (((sum, &a), &b), &c) in columns[1..=w].iter_mut().zip(above).zip(here).zip(below) {
            *sum = u16::from(a) + u16::from(b) + u16::from(c);
        }
        columns[0] = columns[1];
        columns[w + 1] = columns[w];
        for (out, three) in out.iter_mut().zip(columns.windows(3)) {
            *out = ((three[0] + three[1] + three[2] + 4) / 9) as u8;
        }
    }
    Luma {
        width: luma.width,
        height: luma.height,
        pixels,
    }
}

/// The part of `luma` inside the rectangle (clamped to the image).
pub(super) fn crop(luma: &Luma, x: u32, y: u32, width: u32, height: u32) -> Luma {
    let x = x.min(luma.width.saturating_sub(1));
    let y = y.min(luma.height.saturating_sub(1));
    let width = width.min(luma.width - x).max(1);
    let height = height.min(luma.height - y).max(1);
    let (sw, x, width) = (luma.width as usize, x as usize, width as usize);
    let mut pixels = Vec::with_capacity(width * height as usize);
    for row in luma.pixels[y as usize * sw..]
        .chunks_exact(sw)
        .take(height as usize)
    {
        pixels.extend_from_slice(&row[x..x + width]);
    }
    Luma {
        width: width as u32,
        height,
        pixels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luma(width: u32, height: u32, f: impl Fn(u32, u32) -> u8) -> Luma {
        let pixels = (0..height)
            .flat_map(|y| (0..width).map(move |x| (x, y)))
            .map(|(x, y)| f(x, y))
            .collect();
        Luma {
            width,
            height,
            pixels,
        }
    }

    /// The original, straightforward local threshold, with flat blocks darker
    /// than a block's mean left out of its window: `local` must match it bit for bit.
    fn local_reference(luma: &Luma) -> GrayImage {
        let (w, h) = (luma.width as usize, luma.height as usize);
        let (bw, bh) = (w.div_ceil(BLOCK), h.div_ceil(BLOCK));
        let mut points = vec![0u8; bw * bh];
        let mut means = vec![0u8; bw * bh];
        let mut flat = vec![None; bw * bh];
        let mut mins = vec![0u8; bw * bh];
        for by in 0..bh {
            let y0 = (by * BLOCK).min(h - BLOCK);
            for bx in 0..bw {
                let x0 = (bx * BLOCK).min(w - BLOCK);
                let (mut sum, mut min, mut max) = (0u32, u8::MAX, 0u8);
                for row in luma.pixels[y0 * w..].chunks_exact(w).take(BLOCK) {
                    for &grey in &row[x0..x0 + BLOCK] {
                        sum += u32::from(grey);
                        min = min.min(grey);
                        max = max.max(grey);
                    }
                }
                let mut point = (sum / (BLOCK * BLOCK) as u32) as u8;
                means[by * bw + bx] = point;
                mins[by * bw + bx] = min;
                if max - min <= MIN_DYNAMIC_RANGE {
                    flat[by * bw + bx] = Some(max);
                    point = min / 2;
                    if by > 0 && bx > 0 {
                        let neighbours = (u32::from(points[(by - 1) * bw + bx])
                            + 2 * u32::from(points[by * bw + bx - 1])
                            + u32::from(points[(by - 1) * bw + bx - 1]))
                            / 4;
                        if u32::from(min) < neighbours {
                            point = neighbours as u8;
                        }
                    }
                }
                points[by * bw + bx] = point;
            }
        }
        let mut thresholds = vec![0u8; bw * bh];
        for by in 0..bh {
            let cy = by.clamp(REACH, bh - 1 - REACH);
            for bx in 0..bw {
                let cx = bx.clamp(REACH, bw - 1 - REACH);
                let mean = u32::from(means[by * bw + bx]);
                let darker = |level: u32| level + 24 < mean;
                let window = || {
                    (cy - REACH..=cy + REACH)
                        .flat_map(|y| (cx - REACH..=cx + REACH).map(move |x| (x, y)))
                };
                // The darkest flat block among a block's eight neighbours.
                let beside = |x: usize, y: usize| {
                    let mut least = 255u32;
                    for ny in y.saturating_sub(1)..=(y + 1).min(bh - 1) {
                        for nx in x.saturating_sub(1)..=(x + 1).min(bw - 1) {
                            if let (true, Some(level)) = ((nx, ny) != (x, y), flat[ny * bw + nx]) {
                                least = least.min(u32::from(level));
                            }
                        }
                    }
                    least
                };
                let all: u32 = window().map(|(x, y)| u32::from(points[y * bw + x])).sum();
                let surface =
                    window().any(|(x, y)| flat[y * bw + x].is_some_and(|l| darker(u32::from(l))));
                let (mut sum, mut count) = (0u32, 0u32);
                for (x, y) in window() {
                    let i = y * bw + x;
                    let left_out = match flat[i] {
                        Some(level) => darker(u32::from(level)),
                        None => {
                            let level = beside(x, y);
                            surface && darker(level) && u32::from(mins[i]) <= level + 24
                        }
                    };
                    if !left_out {
                        sum += u32::from(points[i]);
                        count += 1;
                    }
                }
                thresholds[by * bw + bx] = sum.checked_div(count).unwrap_or(all / 25) as u8;
            }
        }
        to_bits(luma, |x, y, grey| {
            grey <= thresholds[(y / BLOCK) * bw + x / BLOCK]
        })
    }

    /// The original 3×3 blur, pixel by pixel: `blur` must match it exactly.
    fn blur_reference(luma: &Luma) -> Luma {
        let (w, h) = (luma.width as usize, luma.height as usize);
        let mut pixels = vec![0u8; w * h];
        for y in 0..h {
            let rows = [y.saturating_sub(1), y, (y + 1).min(h - 1)];
            for x in 0..w {
                let cols = [x.saturating_sub(1), x, (x + 1).min(w - 1)];
                let mut sum = 0u32;
                for &yy in &rows {
                    for &xx in &cols {
                        sum += u32::from(luma.pixels[yy * w + xx]);
                    }
                }
                pixels[y * w + x] = ((sum + 4) / 9) as u8;
            }
        }
        Luma {
            width: luma.width,
            height: luma.height,
            pixels,
        }
    }

    /// The original bilinear resampling, pixel by pixel: `resize` must match it exactly.
    fn resize_reference(luma: &Luma, dw: usize, dh: usize) -> Vec<u8> {
        let (sw, sh) = (luma.width as usize, luma.height as usize);
        let sx = sw as f32 / dw as f32;
        let sy = sh as f32 / dh as f32;
        let mut pixels = Vec::with_capacity(dw * dh);
        for y in 0..dh {
            let fy = ((y as f32 + 0.5) * sy - 0.5).clamp(0.0, (sh - 1) as f32);
            let y0 = fy as usize;
            let y1 = (y0 + 1).min(sh - 1);
            let ty = fy - y0 as f32;
            for x in 0..dw {
                let fx = ((x as f32 + 0.5) * sx - 0.5).clamp(0.0, (sw - 1) as f32);
                let x0 = fx as usize;
                let x1 = (x0 + 1).min(sw - 1);
                let tx = fx - x0 as f32;
                let at = |xx: usize, yy: usize| f32::from(luma.pixels[yy * sw + xx]);
                let top = at(x0, y0) * (1.0 - tx) + at(x1, y0) * tx;
                let bottom = at(x0, y1) * (1.0 - tx) + at(x1, y1) * tx;
                pixels.push((top * (1.0 - ty) + bottom * ty + 0.5) as u8);
            }
        }
        pixels
    }

    fn noisy(w: u32, h: u32, seed: u32) -> Luma {
        luma(w, h, |x, y| {
            let n = (x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503) ^ seed.wrapping_mul(977))
                .wrapping_mul(2246822519);
            (n >> 24) as u8
        })
    }

    #[test]
    fn blur_and_resize_match_the_reference() {
        for (w, h, seed) in [
            (1u32, 1u32, 1u32),
            (1, 7, 2),
            (9, 1, 3),
            (2, 2, 4),
            (203, 77, 5),
        ] {
            let image = noisy(w, h, seed);
            assert_eq!(
                blur(&image).pixels,
                blur_reference(&image).pixels,
                "{w}x{h}"
            );
        }
        let image = noisy(203, 77, 6);
        for (dw, dh) in [(406, 154), (507, 192), (150, 60), (203, 77), (102, 39)] {
            let ours = resize(&image, dw as u32, dh as u32);
            assert_eq!((ours.width, ours.height), (dw as u32, dh as u32));
            assert_eq!(ours.pixels, resize_reference(&image, dw, dh), "{dw}x{dh}");
        }
        // Exactly halved (the integer path), even and odd sizes.
        for (w, h) in [(200u32, 76u32), (2, 2), (9, 7)] {
            let image = noisy(w, h, 7);
            let (dw, dh) = ((w / 2) as usize, (h / 2) as usize);
            let ours = resize(&image, dw as u32, dh as u32);
            assert_eq!(ours.pixels, resize_reference(&image, dw, dh), "{w}x{h}");
        }
    }

    #[test]
    fn local_threshold_matches_the_reference() {
        for (w, h, seed) in [
            (40u32, 40u32, 1u32),
            (203, 77, 2),
            (96, 131, 3),
            (1001, 517, 4),
        ] {
            let image = luma(w, h, |x, y| {
                let n =
                    (x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503) ^ seed.wrapping_mul(977))
                        .wrapping_mul(2246822519);
                let texture = if (x / 7 + y / 5) % 3 == 0 { 60 } else { 190 };
                (texture + (n >> 27) as u8 / 2).wrapping_add((x / 50) as u8)
            });
            assert_eq!(local(&image), local_reference(&image), "{w}x{h}");
        }
        // Light boxes with grey texture on a dark, noisy page: flat blocks darker
        // than their neighbours are left out of the windows.
        let image = luma(301, 203, |x, y| {
            let n = (x.wrapping_mul(2654435761) ^ y.wrapping_mul(40503)).wrapping_mul(2246822519);
            let noise = (n >> 29) as u8;
            if (x / 60 + y / 50) % 2 == 0 {
                20 + noise
            } else if (x / 3 + y / 4) % 4 == 0 {
                90 + noise
            } else {
                240 + noise
            }
        });
        assert_eq!(
            local(&image),
            local_reference(&image),
            "boxes on a dark page"
        );
    }

    #[test]
    fn a_dark_page_beside_a_light_box_keeps_out_of_its_thresholds() {
        // A light box (245) on a dark page (26) from x = 40, a grey line (120,
        // an anti-aliased finder ring) two pixels inside its edge. ZXing's rule
        // averaged the page's flat blocks (black point 13) into the box's edge,
        // a threshold of about 97, and the line binarised light.
        let image = luma(120, 80, |x, _| match x {
            0..40 => 26,
            42 | 43 => 120,
            _ => 245,
        });
        let bits = local(&image);
        let at = |x: u32, y: u32| bits.get_pixel(PAD + x, PAD + y).0[0];
        for y in [0, 40, 79] {
            assert_eq!(at(42, y), 1, "the line at y {y}");
            assert_eq!(at(41, y), 0, "the box");
            assert_eq!(at(45, y), 0, "the box");
        }
        // A grey line that far from a light page's edge is dark with both rules.
        let light = luma(120, 80, |x, _| match x {
            42 | 43 => 120,
            _ => 245,
        });
        assert_eq!(local(&light).get_pixel(PAD + 42, PAD + 40).0[0], 1);
    }

    #[test]
    fn blocks_across_a_dark_page_edge_keep_out_of_a_faint_codes_thresholds() {
        // A faint code (modules of 100 from x = 46) in a light box (240) on a
        // dark page (26) whose edge (x = 38) cuts through a block; its finder
        // ring (160, at x = 42 and 43) lies in the next block. The block across
        // the edge is not flat (the page and the box), and its mean (79) pulled
        // the ring's threshold to 154, under the ring: it binarised light.
        let image = luma(160, 80, |x, y| match x {
            0..38 => 26,
            42 | 43 => 160,
            46.. if (x / 2 + y / 2) % 2 == 0 => 100,
            _ => 240,
        });
        let bits = local(&image);
        let at = |x: u32, y: u32| bits.get_pixel(PAD + x, PAD + y).0[0];
        for y in [16, 40, 63] {
            for x in [42, 43] {
                assert_eq!(at(x, y), 1, "the ring at ({x}, {y})");
            }
            assert_eq!(at(40, y), 0, "the box at y {y}");
            assert_eq!(at(44, y), 0, "the box at y {y}");
        }
        assert!(bits == local_reference(&image), "as the reference");
    }

    #[test]
    fn darkest_flat_beside_is_the_darkest_flat_neighbour_of_a_block_with_contrast() {
        for (bw, bh, seed) in [(2usize, 2usize, 1u32), (5, 3, 2), (3, 7, 3), (17, 11, 4)] {
            // About half the blocks flat at varied levels, the rest with contrast (255).
            let flat: Vec<u8> = (0..bw * bh)
                .map(|i| {
                    let n = (i as u32 ^ seed.wrapping_mul(977)).wrapping_mul(2654435761);
                    if n >> 31 == 0 {
                        (n >> 20) as u8
                    } else {
                        u8::MAX
                    }
                })
                .collect();
            let beside = darkest_flat_beside(&flat, bw);
            for by in 0..bh {
                for bx in 0..bw {
                    let mut least = u8::MAX;
                    for y in by.saturating_sub(1)..=(by + 1).min(bh - 1) {
                        for x in bx.saturating_sub(1)..=(bx + 1).min(bw - 1) {
                            if (x, y) != (bx, by) {
                                least = least.min(flat[y * bw + x]);
                            }
                        }
                    }
                    let i = by * bw + bx;
                    // A flat block counts itself; one with contrast cannot.
                    assert_eq!(beside[i], least.min(flat[i]), "{bw}x{bh} at ({bx}, {by})");
                }
            }
        }
    }

    #[test]
    fn otsu_splits_two_levels() {
        let image = luma(64, 64, |x, _| if x < 32 { 40 } else { 200 });
        let t = otsu(&image);
        assert!((40..200).contains(&t), "{t}");
    }

    #[test]
    fn local_threshold_follows_a_gradient() {
        // Dark squares on a background that brightens from left to right.
        let image = luma(200, 80, |x, y| {
            let background = 90 + (x * 160 / 200) as u8;
            if (x / 10 + y / 10) % 2 == 0 {
                background - 60
            } else {
                background
            }
        });
        let bits = local(&image);
        let pad = PAD;
        assert_eq!(bits.get_pixel(pad + 5, pad + 5).0[0], 1);
        assert_eq!(bits.get_pixel(pad + 15, pad + 5).0[0], 0);
        assert_eq!(bits.get_pixel(pad + 185, pad + 5).0[0], 1);
        assert_eq!(bits.get_pixel(pad + 195, pad + 5).0[0], 0);
        // The border is white.
        assert_eq!(bits.get_pixel(0, 0).0[0], 0);
    }

    #[test]
    fn invert_keeps_the_border_white() {
        let image = luma(30, 30, |_, _| 0);
        let mut bits = global(&image, 128);
        invert(&mut bits);
        assert_eq!(bits.get_pixel(PAD + 3, PAD + 3).0[0], 0);
        assert_eq!(bits.get_pixel(1, 1).0[0], 0);
    }

    #[test]
    fn resize_and_crop_keep_dimensions() {
        let image = luma(100, 50, |x, y| (x + y) as u8);
        let up = resize(&image, 250, 125);
        assert_eq!(
            (up.width, up.height, up.pixels.len()),
            (250, 125, 250 * 125)
        );
        let down = resize(&image, 20, 10);
        assert_eq!((down.width, down.height, down.pixels.len()), (20, 10, 200));
        let part = crop(&image, 90, 40, 50, 50);
        assert_eq!((part.width, part.height, part.pixels.len()), (10, 10, 100));
        assert_eq!(part.pixels[0], 130);
        assert_eq!(blur(&image).pixels.len(), 5000);
    }
}
