//! Tessera's own grid sampling: a code's modules read straight from the grey
//! pixels, given its three finder patterns.
//!
//! rqrr fits its grid on a binarised image: it reads the module count off one
//! timing-pattern scan and samples whole pixels, so at 1.5–2.5 px a module
//! (even enlarged) its size can be a version off and its columns uneven. Here the
//! finder centres are refined to a fraction of a pixel on the grey image, the
//! size comes from the finder distance (the version information blocks decide
//! from version 7 up; the neighbouring versions are tried too), the grid is a
//! perspective transform through the bottom-right alignment pattern when one is
//! found (searched where the affine grid of the three finders puts it, and
//! where the perspective grid their outlines fit puts it: a steep photo
//! foreshortens the code by more than the search reaches), else either of those
//! grids (from version 7 also one per cell between the alignment patterns), and
//! each module is the bilinear
//! grey level around its centre against a global, a local or a sharpened
//! threshold. The bits go to
//! rqrr's decoder (`rqrr::Grid::new` on a [`BitGrid`]), so error correction and
//! the payload stay rqrr's.

use rqrr::BitGrid;

use super::Luma;

/// A point in an image's continuous pixel coordinates (pixel `i` spans `i..i + 1`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    fn minus(self, other: Self) -> Self {
        Self::new(self.x - other.x, self.y - other.y)
    }

    fn length(self) -> f32 {
        self.x.hypot(self.y)
    }
}

/// A code's three finder patterns (centres, in any order) in a grey image, the
/// module size they suggest, and whether the code is light on dark.
#[derive(Clone, Copy, Debug)]
pub(super) struct Finders {
    pub centres: [Point; 3],
    pub module: f32,
    pub invert: bool,
}

impl Finders {
    /// Whether `other` outlines the same code as these: the same polarity,
    /// modules within [`SAME_MODULE`] of each other, and each centre within half
    /// a module (a pixel at least) of one of these. The sampler refines each
    /// centre from the grey pixels within a module of where it starts, so it
    /// samples both alike: another binarisation or enlargement of the same grey
    /// pixels finds the same finder patterns a pixel or so apart.
    pub(super) fn same_place(&self, other: &Self) -> bool {
        let module = self.module.min(other.module);
        let near = (module / 2.0).max(1.0);
        self.invert == other.invert
            && (self.module - other.module).abs() <= SAME_MODULE * module
            && other
                .centres
                .iter()
                .all(|q| self.centres.iter().any(|p| q.minus(*p).length() <= near))
    }
}

/// How far apart two triples' modules may be and still be one place
/// ([`Finders::same_place`]): a finder pattern's run is a whole number of pixels
/// at each enlargement, a pixel in 35 at five pixels a module (3 %).
const SAME_MODULE: f32 = 0.08;

/// The share of timing-pattern modules a sampled grid must read right before it
/// is decoded. Measured on the tune part of the page corpus (440 pages, 21,420
/// sampled grids): a grid sampled at the wrong size or place reads about half
/// right (98.5 % of them under 0.7), every grid that decoded read 0.88 or more.
/// Without this test the sampler cost 40 % more time, for the same codes.
const TIMING_AGREEMENT: f32 = 0.7;

/// A grid of modules sampled from the grey image.
pub(super) struct Sampled {
    size: usize,
    dark: Vec<bool>,
    /// The code's corners in the grey image: top-left, top-right, bottom-right,
    /// bottom-left.
    pub bounds: [Point; 4],
}

impl Sampled {
    /// Whether row 6 and column 6 between the finder patterns alternate dark and
    /// light (the timing patterns) at [`TIMING_AGREEMENT`] of their modules or more.
    fn timing_alternates(&self) -> bool {
        let inner = 8..self.size.saturating_sub(8);
        let total = 2 * inner.len();
        let agree = inner
            .map(|i| {
                let dark = i % 2 == 0;
                usize::from(self.bit(6, i) == dark) + usize::from(self.bit(i, 6) == dark)
            })
            .sum::<usize>();
        agree as f32 >= TIMING_AGREEMENT * total as f32
    }
}

impl BitGrid for Sampled {
    fn size(&self) -> usize {
        self.size
    }

    fn bit(&self, y: usize, x: usize) -> bool {
        self.dark.get(y * self.size + x).copied().unwrap_or(false)
    }
}

/// Samples the code the finder patterns outline at each plausible size and
/// threshold, and hands each grid to `read` until it gives something.
pub(super) fn first<T>(
    luma: &Luma,
    finders: &Finders,
    read: impl FnMut(&Sampled) -> Option<T>,
) -> Option<T> {
    first_with(luma, finders, true, read)
}

/// [`first`], with or without sampling large codes cell by cell (tests compare).
fn first_with<T>(
    luma: &Luma,
    finders: &Finders,
    piecewise: bool,
    mut read: impl FnMut(&Sampled) -> Option<T>,
) -> Option<T> {
    let grey = Grey {
        luma,
        invert: finders.invert,
    };
    let module = finders.module;
    if !(module.is_finite() && module >= 0.5) {
        return None;
    }
    let refined = corner_order(finders.centres).map(|p| refine(&grey, p, module));
    let [tl, tr, bl] = refined.map(|r| r.0);
    // The finder patterns' areas measure the module better than their run lengths
    // when all three agree.
    let sizes: Vec<f32> = refined.iter().filter_map(|r| r.1).collect();
    let module = match sizes[..] {
        [a, b, c] if a.max(b).max(c) <= 1.15 * a.min(b).min(c) => (a + b + c) / 3.0,
        _ => module,
    };
    let contrast = contrast(&grey, [tl, tr, bl], module);
    if contrast < 8.0 {
        return None;
    }
    let across = (tr.minus(tl).length() + bl.minus(tl).length()) / 2.0;
    let estimate = ((across / module + 7.0 - 17.0) / 4.0).round();
    if !(1.0..=40.0).contains(&estimate) {
        return None;
    }
    let estimate = estimate as i32;
    let outlines = finder_outlines(&grey, [tl, tr, bl], module);
    let mut versions: Vec<i32> = Vec::with_capacity(6);
    if estimate >= 6
        && let Some(v) = version_info(&grey, [tl, tr, bl], module)
    {
        versions.push(v);
    }
    if estimate >= 6
        && let Some(v) = outlines.as_ref().and_then(|o| outline_version(&grey, o))
        && !versions.contains(&v)
    {
        versions.push(v);
    }
    for dv in [0, 1, -1, 2, -2] {
        let v = estimate + dv;
        if (1..=40).contains(&v) && !versions.contains(&v) {
            versions.push(v);
        }
    }
    for version in versions {
        let size = 17 + 4 * version as usize;
        let n = size as f32;
        let from = [
            Point::new(3.5, 3.5),
            Point::new(n - 3.5, 3.5),
            Point::new(3.5, n - 3.5),
        ];
        let br = Point::new(tr.x + bl.x - tl.x, tr.y + bl.y - tl.y);
        let Some(affine) = Homography::mapping(
            &[from[0], from[1], from[2], Point::new(n - 3.5, n - 3.5)],
            &[tl, tr, bl, br],
        ) else {
            continue;
        };
        // Seen at an angle, the code's far corner is where the finder patterns'
        // outlines put it, not where the affine grid does.
        let outline = outlines
            .as_ref()
            .and_then(|o| outline_transform([tl, tr, bl], o, module, n));
        let mut transforms: Vec<Homography> = Vec::with_capacity(6);
        // The first grid through an alignment pattern the outlines led to, if
        // the affine grid's search did not find it too.
        let mut steep = None;
        if version >= 2 {
            let at = Point::new(n - 6.5, n - 6.5);
            let mut places = alignment(&grey, &affine, at, 0.4 * contrast);
            let found = places.len();
            // Searched again only where the outlines' guess lies beyond two
            // modules of the affine grid's (a code seen face on: the same
            // places, at the cost of a search per version).
            if let Some(o) = &outline
                && o.map(at).minus(affine.map(at)).length() > 2.0 * module
            {
                for ap in alignment(&grey, o, at, 0.4 * contrast) {
                    if places.iter().all(|p| p.minus(ap).length() > module) {
                        places.push(ap);
                    }
                }
            }
            for (i, ap) in places.into_iter().enumerate() {
                if let Some(h) =
                    Homography::mapping(&[from[0], from[1], from[2], at], &[tl, tr, bl, ap])
                {
                    if i >= found && steep.is_none() {
                        steep = Some(transforms.len());
                    }
                    transforms.push(h);
                }
            }
        }
        // The outlines' own grid, unless one already tried lies within a
        // quarter of a module of it at every corner.
        let corners = [(0.0, 0.0), (n, 0.0), (n, n), (0.0, n)].map(|(u, v)| Point::new(u, v));
        if let Some(o) = outline
            && transforms.iter().chain([&affine]).all(|t| {
                corners
                    .iter()
                    .any(|&c| t.map(c).minus(o.map(c)).length() > 0.25 * module)
            })
        {
            transforms.push(o);
        }
        transforms.push(affine);
        // Large codes are also sampled cell by cell between their alignment
        // patterns, each found near where its neighbours put it: a phone photo's
        // lens or a bent page drifts by more than a module across a hundred
        // modules, which one transform cannot follow. Tried last: it costs an
        // alignment search per pattern.
        let pieces = if piecewise && version >= PIECEWISE_FROM {
            Piecewise::through(
                &grey,
                &transforms[steep.unwrap_or(0)],
                version as usize,
                0.4 * contrast,
            )
        } else {
            None
        };
        let mut mappings: Vec<&dyn Mapping> =
            transforms.iter().map(|t| t as &dyn Mapping).collect();
        if let Some(pieces) = &pieces {
            mappings.push(pieces);
        }
        for &transform in &mappings {
            let levels = sample(&grey, transform, size);
            for threshold in THRESHOLDS {
                let grid = binarise(&levels, size, threshold, transform);
                // A grid whose timing patterns do not alternate was sampled at the
                // wrong size or place: rqrr would read its format bits (they lie
                // beside the finder patterns, right at any size) and then spend
                // most of a decode on error correction that cannot succeed.
                if !grid.timing_alternates() {
                    continue;
                }
                if let Some(found) = read(&grid) {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// Three finder centres (known to a pixel or so) refined to a fraction of a
/// pixel as the sampler refines them ([`refine`]), and the module their dark
/// centres' areas give where all three agree (else `module`).
pub(super) fn refined(luma: &Luma, finders: &Finders) -> ([Point; 3], f32) {
    let grey = Grey {
        luma,
        invert: finders.invert,
    };
    let refined = finders.centres.map(|p| refine(&grey, p, finders.module));
    let module = match refined.map(|r| r.1) {
        [Some(a), Some(b), Some(c)] if a.max(b).max(c) <= 1.15 * a.min(b).min(c) => {
            (a + b + c) / 3.0
        }
        _ => finders.module,
    };
    (refined.map(|r| r.0), module)
}

/// The grey image as the sampler reads it: bilinear, light-on-dark codes inverted.
struct Grey<'a> {
    luma: &'a Luma,
    invert: bool,
}

impl Grey<'_> {
    /// The grey level at a continuous point (edges extended).
    fn at(&self, p: Point) -> f32 {
        let (w, h) = (self.luma.width as usize, self.luma.height as usize);
        let fx = (p.x - 0.5).clamp(0.0, (w - 1) as f32);
        let fy = (p.y - 0.5).clamp(0.0, (h - 1) as f32);
        let (x0, y0) = (fx as usize, fy as usize);
        let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
        let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
        let px = |x: usize, y: usize| f32::from(self.luma.pixels[y * w + x]);
        let top = px(x0, y0) * (1.0 - tx) + px(x1, y0) * tx;
        let bottom = px(x0, y1) * (1.0 - tx) + px(x1, y1) * tx;
        let v = top * (1.0 - ty) + bottom * ty;
        if self.invert { 255.0 - v } else { v }
    }
}

/// The three centres as top-left (the corner at the right angle), top-right and
/// bottom-left as the code reads (a mirrored code comes out transposed, which
/// the decoder also tries).
fn corner_order(points: [Point; 3]) -> [Point; 3] {
    // The corner is opposite the longest side.
    let side = |a: Point, b: Point| b.minus(a).length();
    let d = [
        side(points[1], points[2]),
        side(points[0], points[2]),
        side(points[0], points[1]),
    ];
    let corner = if d[0] >= d[1] && d[0] >= d[2] {
        0
    } else if d[1] >= d[2] {
        1
    } else {
        2
    };
    let tl = points[corner];
    let (p, q) = (points[(corner + 1) % 3], points[(corner + 2) % 3]);
    let (a, b) = (p.minus(tl), q.minus(tl));
    // y grows downwards: top-right × bottom-left is positive.
    if a.x * b.y - a.y * b.x >= 0.0 {
        [tl, p, q]
    } else {
        [tl, q, p]
    }
}

/// A finder pattern's centre to a fraction of a pixel: the darkness-weighted
/// centroid of the dark blob around `start` (the 3×3 centre block, or the whole
/// pattern where blur joins it to its ring: both are symmetric about the centre
/// at any rotation), its anti-aliased edge included. `start` itself when no such
/// blob is there (no contrast, or the blob runs into the code's data). Also the
/// module size the blob's dark area gives.
fn refine(grey: &Grey<'_>, start: Point, module: f32) -> (Point, Option<f32>) {
    let (w, h) = (grey.luma.width as i64, grey.luma.height as i64);
    // The box the whole pattern fits in at any rotation (3.5·√2 modules).
    let reach = (5.0 * module).ceil() as i64 + 1;
    let (sx, sy) = (start.x.floor() as i64, start.y.floor() as i64);
    let (x0, y0) = ((sx - reach).max(0), (sy - reach).max(0));
    let (x1, y1) = ((sx + reach + 1).min(w), (sy + reach + 1).min(h));
    if x1 - x0 < 3 || y1 - y0 < 3 {
        return (start, None);
    }
    let bw = (x1 - x0) as usize;
    let bh = (y1 - y0) as usize;
    let level = |x: usize, y: usize| {
        grey.at(Point::new(
            (x0 + x as i64) as f32 + 0.5,
            (y0 + y as i64) as f32 + 0.5,
        ))
    };
    let values: Vec<f32> = (0..bw * bh).map(|i| level(i % bw, i / bw)).collect();
    let mut sorted = values.clone();
    sorted.sort_by(f32::total_cmp);
    let (dark, light) = (sorted[sorted.len() / 10], sorted[sorted.len() * 9 / 10]);
    if light - dark < 16.0 {
        return (start, None);
    }
    let mid = (dark + light) / 2.0;
    // The seed: the darkest pixel within a module of the start.
    let near = module.ceil() as i64;
    let mut seed = None;
    let mut darkest = mid;
    for y in (sy - near).max(y0)..(sy + near + 1).min(y1) {
        for x in (sx - near).max(x0)..(sx + near + 1).min(x1) {
            let i = (y - y0) as usize * bw + (x - x0) as usize;
            if values[i] < darkest {
                darkest = values[i];
                seed = Some(i);
            }
        }
    }
    let Some(seed) = seed else {
        return (start, None);
    };
    // 4-connected dark pixels from the seed; touching the box's edge means the
    // blob is more than a finder pattern.
    let mut inside = vec![false; bw * bh];
    let mut stack = vec![seed];
    inside[seed] = true;
    let mut count = 0usize;
    while let Some(i) = stack.pop() {
        count += 1;
        let (x, y) = (i % bw, i / bw);
        if x == 0 || y == 0 || x + 1 == bw || y + 1 == bh {
            return (start, None);
        }
        for j in [i - 1, i + 1, i - bw, i + bw] {
            if !inside[j] && values[j] < mid {
                inside[j] = true;
                stack.push(j);
            }
        }
    }
    let area = count as f32 / (module * module);
    if !(2.0..=45.0).contains(&area) {
        return (start, None);
    }
    // Darkness is measured against the blob's own dark level, not the box's: a
    // grey code's quiet zone may end in a darker card or page, which would
    // make the pattern's own pixels count as partly light and shrink the module
    // its area gives (a grey 80 code one module from a card of 30: 2.6 px for
    // 3.27, and the sampler tried versions four too large).
    let mut blob: Vec<f32> = (0..bw * bh)
        .filter(|&i| inside[i])
        .map(|i| values[i])
        .collect();
    blob.sort_by(f32::total_cmp);
    let dark = blob[blob.len() / 4].max(dark);
    if light - dark < 16.0 {
        return (start, None);
    }
    // The blob and the pixels around it, weighted by darkness.
    let (mut cx, mut cy, mut total) = (0.0f32, 0.0f32, 0.0f32);
    for y in 1..bh - 1 {
        for x in 1..bw - 1 {
            let i = y * bw + x;
            let edge = [i - 1, i + 1, i - bw, i + bw].iter().any(|&j| inside[j]);
            if !(inside[i] || edge) {
                continue;
            }
            let weight = ((light - values[i]) / (light - dark)).clamp(0.0, 1.0);
            cx += weight * ((x0 + x as i64) as f32 + 0.5);
            cy += weight * ((y0 + y as i64) as f32 + 0.5);
            total += weight;
        }
    }
    if total <= 0.0 {
        return (start, None);
    }
    // Its dark area is 9 modules² (the centre block) or 33 (the whole pattern).
    let modules = if total < 18.0 * module * module {
        9.0
    } else {
        33.0
    };
    (
        Point::new(cx / total, cy / total),
        Some((total / modules).sqrt()),
    )
}

/// The version the version information blocks (next to the top-right and
/// bottom-left finder patterns, versions 7–40) give, within three bit errors.
///
/// Each block is read once for every version whose size puts its modules within
/// a quarter of `module`, at the module that version implies along each axis (the
/// finder centres lie 7 modules less than the size apart), and a version counts
/// only if the block read at its modules gives it. The blocks lie seven modules
/// from a finder's centre, so a module measured 10 % off (the centres' areas of a
/// blurred 1.5 px module shrink) reads them most of a module off; the size they
/// give must also agree with where they were read, so a wrong place does not
/// count by chance.
fn version_info(grey: &Grey<'_>, [tl, tr, bl]: [Point; 3], module: f32) -> Option<i32> {
    let (across, down) = (tr.minus(tl), bl.minus(tl));
    let mut best: Option<(u32, i32)> = None;
    for version in 7..=40u32 {
        let apart = (17 + 4 * version - 7) as f32;
        let unit = |d: Point| Point::new(d.x / apart, d.y / apart);
        let (ux, uy) = (unit(across), unit(down));
        let implied = (ux.length() + uy.length()) / 2.0;
        if !(0.75 * module..=1.25 * module).contains(&implied) {
            continue;
        }
        let at = |origin: Point, dx: f32, dy: f32| {
            Point::new(
                origin.x + dx * ux.x + dy * uy.x,
                origin.y + dx * ux.y + dy * uy.y,
            )
        };
        for block in 0..2 {
            let mut samples = [0.0f32; 18];
            for (bit, sample) in samples.iter_mut().enumerate() {
                // Bit k (0 the least significant) of the top-right block is module
                // x = size − 11 + k % 3, y = k / 3, whose centre lies 7 − k % 3 modules
                // left of the top-right finder's centre (x = size − 3.5) and 3 − k / 3
                // above it; the bottom-left block is its transpose.
                let (a, b) = ((bit / 3) as f32, (bit % 3) as f32);
                let p = if block == 0 {
                    at(tr, b - 7.0, a - 3.0)
                } else {
                    at(bl, a - 3.0, b - 7.0)
                };
                *sample = grey.at(p);
            }
            let Some(word) = block_word(&samples) else {
                continue;
            };
            let distance = (version_word(version) ^ word).count_ones();
            if distance <= 3 && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, version as i32));
            }
        }
    }
    best.map(|(_, v)| v)
}

/// A version information block's 18 grey levels as bits (dark: 1), if they
/// hold both colours.
fn block_word(samples: &[f32; 18]) -> Option<u32> {
    let mut sorted = *samples;
    sorted.sort_by(f32::total_cmp);
    let threshold = (sorted[2] + sorted[15]) / 2.0;
    if sorted[15] - sorted[2] < 16.0 {
        return None;
    }
    Some(
        samples
            .iter()
            .enumerate()
            .fold(0u32, |w, (k, &s)| w | (u32::from(s < threshold) << k)),
    )
}

/// The version the version information blocks give when read through the
/// outlines of the finder patterns beside them ([`finder_outline`]): each
/// outline is a perspective transform of its own, good for the few modules
/// around it at any angle, where a grid through the three centres is not. The
/// version whose word is within three bits of a block's (the words lie eight
/// apart); of the two blocks, the one nearer its version's word decides.
fn outline_version(grey: &Grey<'_>, outlines: &[[Point; 4]; 3]) -> Option<i32> {
    let square = FINDER_CORNERS.map(|(u, v)| Point::new(u, v));
    let mut best: Option<(u32, i32)> = None;
    for (block, corners) in outlines[1..].iter().enumerate() {
        let Some(local) = Homography::mapping(&square, corners) else {
            continue;
        };
        let mut samples = [0.0f32; 18];
        for (bit, sample) in samples.iter_mut().enumerate() {
            // As in [`version_info`]: relative to the finder's centre.
            let (a, b) = ((bit / 3) as f32, (bit % 3) as f32);
            let m = if block == 0 {
                Point::new(b - 7.0, a - 3.0)
            } else {
                Point::new(a - 3.0, b - 7.0)
            };
            *sample = grey.at(local.map(m));
        }
        let Some(word) = block_word(&samples) else {
            continue;
        };
        for version in 7..=40u32 {
            let distance = (version_word(version) ^ word).count_ones();
            if distance <= 3 && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, version as i32));
            }
        }
    }
    best.map(|(_, v)| v)
}

/// A version's 18-bit version information: six bits of version, twelve of BCH.
fn version_word(version: u32) -> u32 {
    const GENERATOR: u32 = 0x1f25;
    let mut rem = version << 12;
    for shift in (0..6).rev() {
        if rem & (1 << (shift + 12)) != 0 {
            rem ^= GENERATOR << shift;
        }
    }
    (version << 12) | rem
}

/// Where the alignment pattern the affine grid expects at module `at` may be:
/// within four modules, the [`ALIGNMENT_TRIED`] points where a dark centre
/// module, a light ring one module out and a dark ring two out stand out most
/// (each at least [`ALIGNMENT_APART`] modules from a better one), then the best
/// within eight (strong perspective); best first, each only if it stands out by
/// at least `least` grey levels. The best is not always the code's: a cluster of
/// data modules beside it, crisper in a blurred photo, can outscore it; the
/// grid sampled through the wrong one fails its timing check and the next is
/// tried.
fn alignment(grey: &Grey<'_>, affine: &Homography, at: Point, least: f32) -> Vec<Point> {
    let map = |p: Point| affine.map(p);
    let mut out: Vec<Point> = ranked_around(grey, &map, at, 16, 0.25)
        .into_iter()
        .take_while(|&(score, _)| score >= least)
        .map(|(_, p)| p)
        .collect();
    let far = best_around(grey, &map, at, 16, 0.5);
    let far = best_around(grey, &map, far.1, 2, 0.125);
    if far.0 >= least && out.iter().all(|p| far.1.minus(*p).length() > 1.0) {
        out.push(far.1);
    }
    out.into_iter().map(|p| affine.map(p)).collect()
}

/// How many of the best-scoring places near where the affine grid expects the
/// alignment pattern are tried ([`alignment`]).
const ALIGNMENT_TRIED: usize = 3;

/// How far apart, in modules, the places [`alignment`] tries lie: the score
/// peaks over about a module around each pattern.
const ALIGNMENT_APART: f32 = 1.5;

/// The [`ALIGNMENT_TRIED`] best places for an alignment pattern within `reach`
/// steps of `step` modules around `centre`, best first, each at least
/// [`ALIGNMENT_APART`] modules from a better one, with their scores
/// ([`alignment_score`]).
fn ranked_around(
    grey: &Grey<'_>,
    map: &dyn Fn(Point) -> Point,
    centre: Point,
    reach: i32,
    step: f32,
) -> Vec<(f32, Point)> {
    let mut all: Vec<(f32, Point)> = lattice(centre, reach, step)
        .map(|c| (alignment_score(grey, map, c), c))
        .collect();
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<(f32, Point)> = Vec::with_capacity(ALIGNMENT_TRIED);
    for (score, c) in all {
        if out.len() == ALIGNMENT_TRIED {
            break;
        }
        if out.iter().all(|o| o.1.minus(c).length() >= ALIGNMENT_APART) {
            out.push((score, c));
        }
    }
    out
}

/// The four corners of a finder pattern's outer edge (top-left, top-right,
/// bottom-right, bottom-left as the code reads), each side a line fitted to
/// where rays from its centre leave its dark ring for the light beyond.
/// `ux` and `uy` are one module along the code's rows and columns as the three
/// centres place them. None where a side is not a clean straight edge (a
/// look-alike, a finder run into by something dark, too little contrast).
///
/// A photo taken at an angle shrinks a code towards its far side; three finder
/// centres cannot see that (they fix an affine grid, whose bottom-right corner
/// can lie ten modules or more from the code's in a steep photo), but the
/// finder patterns' own outlines show how each is foreshortened.
fn finder_outline(grey: &Grey<'_>, centre: Point, ux: Point, uy: Point) -> Option<[Point; 4]> {
    let at = |a: f32, b: f32| {
        Point::new(
            centre.x + a * ux.x + b * uy.x,
            centre.y + a * ux.y + b * uy.y,
        )
    };
    let dark = grey.at(centre);
    // The light level: most of the 9×9 modules around the centre are light
    // (the ring, the separator or quiet zone), whatever the foreshortening.
    let mut around: Vec<f32> = (0..81)
        .map(|i| grey.at(at((i % 9) as f32 - 4.0, (i / 9) as f32 - 4.0)))
        .collect();
    let light = *around.select_nth_unstable_by(64, f32::total_cmp).1;
    if light - dark < 16.0 {
        return None;
    }
    let mid = (dark + light) / 2.0;
    // Sides as (normal, along) in module units: top, right, bottom, left.
    let sides = [
        ((0.0, -1.0), (1.0, 0.0)),
        ((1.0, 0.0), (0.0, 1.0)),
        ((0.0, 1.0), (1.0, 0.0)),
        ((-1.0, 0.0), (0.0, 1.0)),
    ];
    let mut lines = [(Point::new(0.0, 0.0), Point::new(0.0, 0.0)); 4];
    for (side, &((na, nb), (ta, tb))) in sides.iter().enumerate() {
        let mut points = Vec::with_capacity(OUTLINE_RAYS);
        for k in 0..OUTLINE_RAYS {
            // A ray from the centre to where the side's edge would be, at `t`
            // modules along it; the edge is its third crossing (out of the
            // centre block, into the dark ring, out of it) wherever
            // foreshortening puts it, up to twice as far.
            let t = -2.0 + 4.0 * k as f32 / (OUTLINE_RAYS - 1) as f32;
            let (a, b) = (3.5 * na + t * ta, 3.5 * nb + t * tb);
            let end = at(a, b);
            let step = 0.5 / end.minus(centre).length().max(1.0);
            let mut crossings = 0;
            let mut before = (0.0f32, dark);
            let mut r = step;
            while r <= 2.0 {
                let level = grey.at(at(r * a, r * b));
                if (level < mid) != (before.1 < mid) {
                    crossings += 1;
                    if crossings == 3 {
                        let f = (mid - before.1) / (level - before.1);
                        let d = before.0 + f * (r - before.0);
                        points.push(at(d * a, d * b));
                        break;
                    }
                }
                before = (r, level);
                r += step;
            }
        }
        lines[side] = fitted_line(&mut points, 0.25 * ux.length().min(uy.length()))?;
    }
    let corners = [
        crossing(lines[3], lines[0])?,
        crossing(lines[0], lines[1])?,
        crossing(lines[1], lines[2])?,
        crossing(lines[2], lines[3])?,
    ];
    // A square of seven modules a side, give or take a steep angle (a code seen
    // at 60° from its normal halves the modules on one side).
    let area = |[a, b, c, d]: [Point; 4]| {
        let cross = |p: Point, q: Point| p.x * q.y - p.y * q.x;
        0.5 * (cross(a, b) + cross(b, c) + cross(c, d) + cross(d, a))
    };
    let expected = 49.0 * (ux.x * uy.y - ux.y * uy.x);
    let ratio = area(corners) / expected;
    (0.25..=4.0).contains(&ratio).then_some(corners)
}

/// Rays cast across each side of a finder pattern ([`finder_outline`]).
const OUTLINE_RAYS: usize = 9;

/// The line (a point on it, its unit direction) that best fits `points`
/// (total least squares), the farthest dropped one by one until the rest lie
/// within `spread` pixels of it (rms; half a pixel at least); None if that
/// leaves fewer than two thirds of [`OUTLINE_RAYS`] (a corner or a data module
/// caught by a ray or two is dropped; a side that is no straight edge is not).
fn fitted_line(points: &mut Vec<Point>, spread: f32) -> Option<(Point, Point)> {
    loop {
        if points.len() < OUTLINE_RAYS * 2 / 3 {
            return None;
        }
        let n = points.len() as f32;
        let mx = points.iter().map(|p| p.x).sum::<f32>() / n;
        let my = points.iter().map(|p| p.y).sum::<f32>() / n;
        let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
        for p in points.iter() {
            let (dx, dy) = (p.x - mx, p.y - my);
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        let angle = 0.5 * (2.0 * sxy).atan2(sxx - syy);
        let dir = Point::new(angle.cos(), angle.sin());
        let off = |p: &Point| ((p.x - mx) * -dir.y + (p.y - my) * dir.x).abs();
        let rms = (points.iter().map(|p| off(p) * off(p)).sum::<f32>() / n).sqrt();
        if rms <= spread.max(0.5) {
            return Some((Point::new(mx, my), dir));
        }
        let worst =
            (0..points.len()).max_by(|&a, &b| off(&points[a]).total_cmp(&off(&points[b])))?;
        points.swap_remove(worst);
    }
}

/// Where two lines (a point, a direction) cross, if they are not near parallel.
fn crossing((p, d): (Point, Point), (q, e): (Point, Point)) -> Option<Point> {
    let det = d.x * e.y - d.y * e.x;
    if det.abs() < 0.2 {
        return None;
    }
    let t = ((q.x - p.x) * e.y - (q.y - p.y) * e.x) / det;
    Some(Point::new(p.x + t * d.x, p.y + t * d.y))
}

/// The outlines of the three finder patterns ([`finder_outline`]), in the
/// order of `centres` (top-left, top-right, bottom-left), if all three are found.
fn finder_outlines(grey: &Grey<'_>, centres: [Point; 3], module: f32) -> Option<[[Point; 4]; 3]> {
    let [tl, tr, bl] = centres;
    let (ux, uy) = module_axes(centres, module);
    Some([
        finder_outline(grey, tl, ux, uy)?,
        finder_outline(grey, tr, ux, uy)?,
        finder_outline(grey, bl, ux, uy)?,
    ])
}

/// One module along the code's rows (top-left to top-right centre) and along
/// its columns (top-left to bottom-left), `module` pixels long.
fn module_axes([tl, tr, bl]: [Point; 3], module: f32) -> (Point, Point) {
    let unit = |a: Point, b: Point| {
        let d = b.minus(a);
        let l = d.length().max(f32::EPSILON);
        Point::new(d.x / l * module, d.y / l * module)
    };
    (unit(tl, tr), unit(tl, bl))
}

/// A finder pattern's outline corners ([`finder_outline`]) relative to its
/// centre, in modules.
const FINDER_CORNERS: [(f32, f32); 4] = [(-3.5, -3.5), (3.5, -3.5), (3.5, 3.5), (-3.5, 3.5)];

/// The perspective transform of a code of `n` modules that best fits its three
/// finder patterns' centres and outlines, if it puts each centre within half a
/// module of itself.
fn outline_transform(
    centres: [Point; 3],
    outlines: &[[Point; 4]; 3],
    module: f32,
    n: f32,
) -> Option<Homography> {
    let mut pairs = Vec::with_capacity(15);
    for ((centre, corners), (cu, cv)) in
        centres
            .into_iter()
            .zip(outlines)
            .zip([(3.5, 3.5), (n - 3.5, 3.5), (3.5, n - 3.5)])
    {
        pairs.push((Point::new(cu, cv), centre));
        for (corner, (du, dv)) in corners.iter().zip(FINDER_CORNERS) {
            pairs.push((Point::new(cu + du, cv + dv), *corner));
        }
    }
    let h = Homography::fitted(&pairs)?;
    pairs
        .iter()
        .step_by(5)
        .all(|(m, p)| h.map(*m).minus(*p).length() <= 0.5 * module)
        .then_some(h)
}

/// How much lighter a finder pattern's light ring is than its centre: the
/// contrast of the code.
fn contrast(grey: &Grey<'_>, centres: [Point; 3], module: f32) -> f32 {
    let [tl, tr, bl] = centres;
    let (ux, uy) = module_axes(centres, module);
    let mut light = 0.0;
    let mut dark = 0.0;
    for c in [tl, tr, bl] {
        dark += grey.at(c);
        for (a, b) in [(2.0, 0.0), (-2.0, 0.0), (0.0, 2.0), (0.0, -2.0)] {
            light += grey.at(Point::new(
                c.x + a * ux.x + b * uy.x,
                c.y + a * ux.y + b * uy.y,
            ));
        }
    }
    light / 12.0 - dark / 3.0
}

/// Each module's grey level: the mean of its centre and four points a fifth of a
/// module around it.
fn sample(grey: &Grey<'_>, transform: &dyn Mapping, size: usize) -> Vec<f32> {
    let mut levels = Vec::with_capacity(size * size);
    for y in 0..size {
        for x in 0..size {
            let (u, v) = (x as f32 + 0.5, y as f32 + 0.5);
            let sum: f32 = [(0.0, 0.0), (-0.2, 0.0), (0.2, 0.0), (0.0, -0.2), (0.0, 0.2)]
                .iter()
                .map(|&(du, dv)| grey.at(transform.map(Point::new(u + du, v + dv))))
                .sum();
            levels.push(sum / 5.0);
        }
    }
    levels
}

#[derive(Clone, Copy, Debug)]
enum Threshold {
    /// Halfway between the dark and light levels of the whole code.
    Global,
    /// The mean of the 9×9 modules around each module, where they hold both colours.
    Local,
    /// Halfway, after each module's level is pushed away from its four
    /// neighbours' mean: blur (a photo, a downscale, JPEG) pulls a lone module
    /// towards its neighbours, and at 2 px a module nearly every misread module
    /// is one whose neighbours are of the other colour.
    Sharpened,
    /// The same, pushed twice as far: a phone photo's blur can pull a module
    /// more than halfway to its neighbours' mean, and [`Threshold::Sharpened`]
    /// then leaves lone modules misread (page-0379's inverted code at 2.9 px).
    Deblurred,
}

/// The thresholds a sampled grid is tried with, in order.
const THRESHOLDS: [Threshold; 4] = [
    Threshold::Global,
    Threshold::Local,
    Threshold::Sharpened,
    Threshold::Deblurred,
];

/// How far [`Threshold::Sharpened`] pushes a level from its neighbours' mean.
const SHARPEN: f32 = 0.6;

/// The sampled levels as modules, dark below the threshold.
fn binarise(levels: &[f32], size: usize, threshold: Threshold, transform: &dyn Mapping) -> Sampled {
    let sharpened;
    let push = match threshold {
        Threshold::Deblurred => 2.0 * SHARPEN,
        _ => SHARPEN,
    };
    let levels = if let Threshold::Sharpened | Threshold::Deblurred = threshold {
        sharpened = (0..size * size)
            .map(|i| {
                let (x, y) = (i % size, i / size);
                let mut sum = 0.0;
                let mut n = 0.0;
                for (nx, ny) in [
                    (x.wrapping_sub(1), y),
                    (x + 1, y),
                    (x, y.wrapping_sub(1)),
                    (x, y + 1),
                ] {
                    if nx < size && ny < size {
                        sum += levels[ny * size + nx];
                        n += 1.0;
                    }
                }
                levels[i] + push * (levels[i] - sum / n)
            })
            .collect::<Vec<f32>>();
        &sharpened[..]
    } else {
        levels
    };
    // The 5th and 95th percentiles: two selections, not a sort (a version 30
    // grid is 18,769 levels, and each is binarised at four thresholds).
    let mut ranked = levels.to_vec();
    let (low, high) = (ranked.len() / 20, ranked.len() - 1 - ranked.len() / 20);
    let dark = *ranked.select_nth_unstable_by(low, f32::total_cmp).1;
    let light = *ranked.select_nth_unstable_by(high, f32::total_cmp).1;
    let global = (dark + light) / 2.0;
    let dark_bits = match threshold {
        Threshold::Global | Threshold::Sharpened | Threshold::Deblurred => {
            levels.iter().map(|&l| l < global).collect()
        }
        Threshold::Local => {
            // Summed-area table over the levels.
            let n = size + 1;
            let mut sums = vec![0.0f64; n * n];
            for y in 0..size {
                for x in 0..size {
                    sums[(y + 1) * n + x + 1] = f64::from(levels[y * size + x])
                        + sums[y * n + x + 1]
                        + sums[(y + 1) * n + x]
                        - sums[y * n + x];
                }
            }
            (0..size * size)
                .map(|i| {
                    let (x, y) = (i % size, i / size);
                    let (x0, y0) = (x.saturating_sub(4), y.saturating_sub(4));
                    let (x1, y1) = ((x + 5).min(size), (y + 5).min(size));
                    let area = ((x1 - x0) * (y1 - y0)) as f64;
                    let sum = sums[y1 * n + x1] - sums[y0 * n + x1] - sums[y1 * n + x0]
                        + sums[y0 * n + x0];
                    let mean = (sum / area) as f32;
                    let local = if (mean - global).abs() < (light - dark) / 4.0 {
                        mean
                    } else {
                        global
                    };
                    levels[i] < local
                })
                .collect()
        }
    };
    let n = size as f32;
    Sampled {
        size,
        dark: dark_bits,
        bounds: [(0.0, 0.0), (n, 0.0), (n, n), (0.0, n)]
            .map(|(u, v)| transform.map(Point::new(u, v))),
    }
}

/// Module coordinates to pixels.
trait Mapping {
    fn map(&self, p: Point) -> Point;
}

impl Mapping for Homography {
    fn map(&self, p: Point) -> Point {
        Homography::map(self, p)
    }
}

/// Versions from which a code is also sampled cell by cell ([`Piecewise`]): the
/// first with alignment patterns inside the code (six of them).
const PIECEWISE_FROM: i32 = 7;

/// The centres (module index) of a version's alignment patterns along each axis,
/// as the standard's table gives them (from version 2).
fn alignment_positions(version: usize) -> Vec<usize> {
    if version < 2 {
        return Vec::new();
    }
    let size = 17 + 4 * version;
    let count = version / 7 + 2;
    let step = if version == 32 {
        26
    } else {
        (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
    };
    let mut out = vec![6; count];
    for (i, slot) in out.iter_mut().enumerate().skip(1) {
        *slot = size - 7 - (count - 1 - i) * step;
    }
    out
}

/// A grid made of one projective transform per cell between alignment patterns
/// (the lattice of their centres; the three corners without one are where the
/// whole-code transform puts them, beside the finder patterns it was fitted to).
/// Modules outside the lattice use the nearest cell. zxing-cpp samples large
/// codes the same way; the cells here are found in reading order, each
/// alignment pattern searched within two modules of where the ones already
/// found put it.
struct Piecewise {
    /// The lattice lines in module coordinates (alignment centres + 0.5).
    cuts: Vec<f32>,
    /// `(cuts.len() - 1)²` transforms, row by row.
    cells: Vec<Homography>,
}

impl Piecewise {
    fn through(grey: &Grey<'_>, whole: &Homography, version: usize, least: f32) -> Option<Self> {
        let positions = alignment_positions(version);
        let k = positions.len();
        if k < 3 {
            return None;
        }
        let cuts: Vec<f32> = positions.iter().map(|&p| p as f32 + 0.5).collect();
        let last = k - 1;
        // Where each lattice point is, and how far it lies from the whole-code
        // transform's guess (None: not searched yet or not found).
        let mut at = vec![Point::new(0.0, 0.0); k * k];
        let mut shift: Vec<Option<Point>> = vec![None; k * k];
        let mut found = 0usize;
        for j in 0..k {
            for i in 0..k {
                let m = Point::new(cuts[i], cuts[j]);
                let guess = whole.map(m);
                if matches!((i, j), (0, 0)) || (i == last && j == 0) || (i == 0 && j == last) {
                    at[j * k + i] = guess;
                    shift[j * k + i] = Some(Point::new(0.0, 0.0));
                    continue;
                }
                // The mean shift of the neighbours already placed.
                let mut sum = Point::new(0.0, 0.0);
                let mut n = 0.0f32;
                for (di, dj) in [(-1i32, 0i32), (0, -1), (-1, -1), (1, -1)] {
                    let (ni, nj) = (i as i32 + di, j as i32 + dj);
                    if ni < 0 || nj < 0 || ni as usize >= k {
                        continue;
                    }
                    if let Some(s) = shift[nj as usize * k + ni as usize] {
                        sum = Point::new(sum.x + s.x, sum.y + s.y);
                        n += 1.0;
                    }
                }
                let moved = if n > 0.0 {
                    Point::new(sum.x / n, sum.y / n)
                } else {
                    Point::new(0.0, 0.0)
                };
                let local = |p: Point| {
                    let q = whole.map(p);
                    Point::new(q.x + moved.x, q.y + moved.y)
                };
                match best_alignment(grey, &local, m, 4, 0.25, least) {
                    Some(p) => {
                        at[j * k + i] = p;
                        shift[j * k + i] = Some(p.minus(guess));
                        found += 1;
                    }
                    None => {
                        at[j * k + i] = local(m);
                        shift[j * k + i] = Some(moved);
                    }
                }
            }
        }
        // Without most alignment patterns there is nothing to follow.
        if 2 * found < k * k - 3 {
            return None;
        }
        let mut cells = Vec::with_capacity(last * last);
        for j in 0..last {
            for i in 0..last {
                let from = [
                    Point::new(cuts[i], cuts[j]),
                    Point::new(cuts[i + 1], cuts[j]),
                    Point::new(cuts[i + 1], cuts[j + 1]),
                    Point::new(cuts[i], cuts[j + 1]),
                ];
                let to = [
                    at[j * k + i],
                    at[j * k + i + 1],
                    at[(j + 1) * k + i + 1],
                    at[(j + 1) * k + i],
                ];
                cells.push(Homography::mapping(&from, &to)?);
            }
        }
        Some(Self { cuts, cells })
    }
}

impl Mapping for Piecewise {
    fn map(&self, p: Point) -> Point {
        let cells = self.cuts.len() - 1;
        let index = |v: f32| self.cuts[1..cells].iter().take_while(|&&c| c <= v).count();
        self.cells[index(p.y) * cells + index(p.x)].map(p)
    }
}

/// The best alignment-pattern centre within `reach` steps of `step` modules
/// around module `at` (as `map` places modules), if it stands out by `least`.
fn best_alignment(
    grey: &Grey<'_>,
    map: &dyn Fn(Point) -> Point,
    at: Point,
    reach: i32,
    step: f32,
    least: f32,
) -> Option<Point> {
    let best = best_around(grey, map, at, reach, step);
    (best.0 >= least).then(|| map(best.1))
}

/// The module point within `reach` steps of `step` modules around `centre` where
/// an alignment pattern stands out most, and its score ([`alignment_score`]).
fn best_around(
    grey: &Grey<'_>,
    map: &dyn Fn(Point) -> Point,
    centre: Point,
    reach: i32,
    step: f32,
) -> (f32, Point) {
    let mut best = (f32::MIN, centre);
    for c in lattice(centre, reach, step) {
        let s = alignment_score(grey, map, c);
        if s > best.0 {
            best = (s, c);
        }
    }
    best
}

/// The module points within `reach` steps of `step` modules around `centre`,
/// row by row.
fn lattice(centre: Point, reach: i32, step: f32) -> impl Iterator<Item = Point> {
    (-reach..=reach).flat_map(move |i| {
        (-reach..=reach)
            .map(move |j| Point::new(centre.x + i as f32 * step, centre.y + j as f32 * step))
    })
}

/// How much an alignment pattern centred on module `c` (as `map` places modules)
/// stands out: its light ring one module out against its dark centre and the
/// dark ring two out.
fn alignment_score(grey: &Grey<'_>, map: &dyn Fn(Point) -> Point, c: Point) -> f32 {
    let p = |du: f32, dv: f32| grey.at(map(Point::new(c.x + du, c.y + dv)));
    let mut light = 0.0;
    let mut dark = p(0.0, 0.0);
    for (du, dv) in RING {
        light += p(du, dv);
        dark += p(2.0 * du, 2.0 * dv);
    }
    light / 8.0 - dark / 9.0
}

/// The eight modules around an alignment pattern's centre.
const RING: [(f32, f32); 8] = [
    (-1.0, -1.0),
    (0.0, -1.0),
    (1.0, -1.0),
    (1.0, 0.0),
    (1.0, 1.0),
    (0.0, 1.0),
    (-1.0, 1.0),
    (-1.0, 0.0),
];

/// The solution of eight linear equations (each row: eight coefficients, then
/// the right-hand side), by Gaussian elimination with partial pivoting; None if
/// they are near singular.
fn solve(mut a: [[f64; 9]; 8]) -> Option<[f64; 8]> {
    for col in 0..8 {
        let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-9 {
            return None;
        }
        a.swap(col, pivot);
        let pivot_row = a[col];
        for (r, row) in a.iter_mut().enumerate() {
            if r != col {
                let f = row[col] / pivot_row[col];
                for (value, p) in row.iter_mut().zip(pivot_row).skip(col) {
                    *value -= f * p;
                }
            }
        }
    }
    let mut h = [0.0f64; 8];
    for (i, value) in h.iter_mut().enumerate() {
        *value = a[i][8] / a[i][i];
    }
    Some(h)
}

/// A plane projective transform (module coordinates to pixels).
#[derive(Clone, Copy, Debug)]
struct Homography([f32; 8]);

impl Homography {
    /// The transform taking each of `from` to the matching point of `to`, if the
    /// points are in general position.
    fn mapping(from: &[Point; 4], to: &[Point; 4]) -> Option<Self> {
        // h0 u + h1 v + h2 − h6 u x − h7 v x = x, and the same for y.
        let mut a = [[0.0f64; 9]; 8];
        for (k, (f, t)) in from.iter().zip(to).enumerate() {
            let (u, v) = (f64::from(f.x), f64::from(f.y));
            let (x, y) = (f64::from(t.x), f64::from(t.y));
            a[2 * k] = [u, v, 1.0, 0.0, 0.0, 0.0, -u * x, -v * x, x];
            a[2 * k + 1] = [0.0, 0.0, 0.0, u, v, 1.0, -u * y, -v * y, y];
        }
        let h = solve(a)?;
        let h = h.map(|v| v as f32);
        h.iter().all(|v| v.is_finite()).then_some(Self(h))
    }

    /// The transform taking each first point of `pairs` nearest the second
    /// (least squares over the same equations as [`Homography::mapping`], on
    /// points moved and scaled about their centroids so that the equations are
    /// well conditioned), if there are four pairs or more in general position.
    fn fitted(pairs: &[(Point, Point)]) -> Option<Self> {
        if pairs.len() < 4 {
            return None;
        }
        // Centroid and mean distance from it of either side.
        let frame = |side: &dyn Fn(&(Point, Point)) -> Point| {
            let n = pairs.len() as f64;
            let cx = pairs.iter().map(|q| f64::from(side(q).x)).sum::<f64>() / n;
            let cy = pairs.iter().map(|q| f64::from(side(q).y)).sum::<f64>() / n;
            let spread = pairs
                .iter()
                .map(|q| (f64::from(side(q).x) - cx).hypot(f64::from(side(q).y) - cy))
                .sum::<f64>()
                / n;
            (cx, cy, spread.max(1e-9))
        };
        let (fu, fv, fs) = frame(&|q| q.0);
        let (tx, ty, ts) = frame(&|q| q.1);
        // The normal equations.
        let mut a = [[0.0f64; 9]; 8];
        for (f, t) in pairs {
            let (u, v) = ((f64::from(f.x) - fu) / fs, (f64::from(f.y) - fv) / fs);
            let (x, y) = ((f64::from(t.x) - tx) / ts, (f64::from(t.y) - ty) / ts);
            for row in [
                [u, v, 1.0, 0.0, 0.0, 0.0, -u * x, -v * x, x],
                [0.0, 0.0, 0.0, u, v, 1.0, -u * y, -v * y, y],
            ] {
                for i in 0..8 {
                    for j in 0..9 {
                        a[i][j] += row[i] * row[j];
                    }
                }
            }
        }
        let g = solve(a)?;
        // Undo the normalisation: H = T⁻¹ · G · F, F taking the first points to
        // their frame and T the second.
        let g = [[g[0], g[1], g[2]], [g[3], g[4], g[5]], [g[6], g[7], 1.0]];
        let f = [
            [1.0 / fs, 0.0, -fu / fs],
            [0.0, 1.0 / fs, -fv / fs],
            [0.0, 0.0, 1.0],
        ];
        let t_inv = [[ts, 0.0, tx], [0.0, ts, ty], [0.0, 0.0, 1.0]];
        let product = |a: [[f64; 3]; 3], b: [[f64; 3]; 3]| {
            let mut c = [[0.0f64; 3]; 3];
            for (i, row) in c.iter_mut().enumerate() {
                for (j, value) in row.iter_mut().enumerate() {
                    *value = (0..3).map(|k| a[i][k] * b[k][j]).sum();
                }
            }
            c
        };
        let m = product(t_inv, product(g, f));
        if m[2][2].abs() < 1e-12 {
            return None;
        }
        let h = [
            m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1],
        ]
        .map(|v| (v / m[2][2]) as f32);
        h.iter().all(|v| v.is_finite()).then_some(Self(h))
    }

    fn map(&self, p: Point) -> Point {
        let h = &self.0;
        let w = h[6] * p.x + h[7] * p.y + 1.0;
        let w = if w.abs() < 1e-6 { 1e-6 } else { w };
        Point::new(
            (h[0] * p.x + h[1] * p.y + h[2]) / w,
            (h[3] * p.x + h[4] * p.y + h[5]) / w,
        )
    }
}

/// Codes drawn on grey pixels at any scale, rotation and perspective, for tests.
#[cfg(test)]
pub(super) mod synthetic {
    use super::{Homography, Point};
    use crate::qr::{Luma, encode};

    /// A drawn code: the image and where its finder patterns' centres truly are.
    pub struct Drawn {
        pub luma: Luma,
        pub centres: [Point; 3],
        pub module: f32,
    }

    /// `text` encoded and drawn on a `width`×`height` light page (grey 235, modules
    /// grey 40), its corners (top-left, top-right, bottom-right, bottom-left, quiet
    /// zone excluded) at `corners`; each pixel is the mean of 4×4 points inside it,
    /// as a smooth scaler draws.
    pub fn draw(text: &str, width: u32, height: u32, corners: [(f32, f32); 4]) -> Drawn {
        draw_bent(text, width, height, corners, 0.0)
    }

    /// [`draw`] through a barrel-shaped lens: a point at distance r from the
    /// image's centre is seen at r·(1 + `bend`·(r/R)²), R the half-diagonal
    /// (`bend` 0: no lens), as a phone photo's lens bends a page.
    pub fn draw_bent(
        text: &str,
        width: u32,
        height: u32,
        corners: [(f32, f32); 4],
        bend: f32,
    ) -> Drawn {
        let (cx, cy) = (width as f32 / 2.0, height as f32 / 2.0);
        let radius2 = cx * cx + cy * cy;
        // Where the page point seen at pixel p lies.
        let unbent = |p: Point| {
            let (dx, dy) = (p.x - cx, p.y - cy);
            let f = 1.0 + bend * (dx * dx + dy * dy) / radius2;
            Point::new(cx + dx * f, cy + dy * f)
        };
        // Where page point q is seen (the inverse, by fixed-point iteration).
        let bent = |q: Point| {
            let mut p = q;
            for _ in 0..50 {
                let u = unbent(p);
                p = Point::new(p.x + (q.x - u.x), p.y + (q.y - u.y));
            }
            p
        };
        let matrix = encode::matrix(text).unwrap();
        let n = matrix.size as f32;
        let to = corners.map(|(x, y)| Point::new(x, y));
        let from = [(0.0, 0.0), (n, 0.0), (n, n), (0.0, n)].map(|(u, v)| Point::new(u, v));
        let forward = Homography::mapping(&from, &to).unwrap();
        let back = Homography::mapping(&to, &from).unwrap();
        let mut pixels = Vec::with_capacity((width * height) as usize);
        for y in 0..height {
            for x in 0..width {
                let mut dark = 0;
                for sy in 0..4 {
                    for sx in 0..4 {
                        let p = Point::new(
                            x as f32 + (sx as f32 + 0.5) / 4.0,
                            y as f32 + (sy as f32 + 0.5) / 4.0,
                        );
                        let m = back.map(unbent(p));
                        if m.x >= 0.0
                            && m.y >= 0.0
                            && m.x < n
                            && m.y < n
                            && matrix.is_dark(m.x as usize, m.y as usize)
                        {
                            dark += 1;
                        }
                    }
                }
                pixels.push((235 - dark * 195 / 16) as u8);
            }
        }
        let centres = [(3.5, 3.5), (n - 3.5, 3.5), (3.5, n - 3.5)]
            .map(|(u, v)| bent(forward.map(Point::new(u, v))));
        let side = |a: Point, b: Point| b.minus(a).length();
        let module = (side(to[0], to[1]) + side(to[0], to[3])) / (2.0 * n);
        Drawn {
            luma: Luma {
                width,
                height,
                pixels,
            },
            centres,
            module,
        }
    }

    /// The corners of a square code of `modules` modules at `module` px each,
    /// centred at (`cx`, `cy`), turned by `degrees`, with its right edge
    /// `keystone` times as long as its left (perspective).
    pub fn corners(
        modules: usize,
        module: f32,
        (cx, cy): (f32, f32),
        degrees: f32,
        keystone: f32,
    ) -> [(f32, f32); 4] {
        let half = modules as f32 * module / 2.0;
        let (sin, cos) = degrees.to_radians().sin_cos();
        [
            (-half, -half),
            (half, -half * keystone),
            (half, half * keystone),
            (-half, half),
        ]
        .map(|(x, y)| (cx + x * cos - y * sin, cy + x * sin + y * cos))
    }
}

#[cfg(test)]
mod tests {
    use super::synthetic::{corners, draw, draw_bent};
    use super::*;
    use crate::qr::encode;

    const SHORT: &str = "otpauth://totp/Sampler:me?secret=JBSWY3DPEHPK3PXP&issuer=Sampler";
    /// Long enough for version 7 or more (version information blocks).
    const LONG: &str = "otpauth://totp/Example%20Corporation:someone.with.a.long.name@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example%20Corporation&algorithm=SHA1&digits=6&period=30";

    /// What the sampler reads from the drawn code, given finder centres off by
    /// (`dx`, `dy`) px and a module size off by `module_error` (a fraction).
    fn sampled(
        text: &str,
        corners: [(f32, f32); 4],
        off: (f32, f32),
        module_error: f32,
    ) -> Option<(String, Sampled)> {
        sampled_bent(text, corners, off, module_error, 0.0, true)
    }

    /// [`sampled`] through a lens ([`draw_bent`]), cell by cell or not.
    fn sampled_bent(
        text: &str,
        corners: [(f32, f32); 4],
        off: (f32, f32),
        module_error: f32,
        bend: f32,
        piecewise: bool,
    ) -> Option<(String, Sampled)> {
        let (w, h) = (
            corners.iter().map(|c| c.0).fold(0.0, f32::max) as u32 + 12,
            corners.iter().map(|c| c.1).fold(0.0, f32::max) as u32 + 12,
        );
        let drawn = if bend == 0.0 {
            draw(text, w, h, corners)
        } else {
            draw_bent(text, w, h, corners, bend)
        };
        let finders = Finders {
            // Given in another order than the code's, as a scan finds them.
            centres: [drawn.centres[2], drawn.centres[0], drawn.centres[1]]
                .map(|p| Point::new(p.x + off.0, p.y + off.1)),
            module: drawn.module * (1.0 + module_error),
            invert: false,
        };
        first_with(&drawn.luma, &finders, piecewise, |grid| {
            let mut out = Vec::new();
            rqrr::Grid::new(Plain(grid)).decode_to(&mut out).ok()?;
            let copy = Sampled {
                size: grid.size,
                dark: grid.dark.clone(),
                bounds: grid.bounds,
            };
            Some((String::from_utf8(out).ok()?, copy))
        })
    }

    struct Plain<'a>(&'a Sampled);

    impl BitGrid for Plain<'_> {
        fn size(&self) -> usize {
            self.0.size()
        }

        fn bit(&self, y: usize, x: usize) -> bool {
            self.0.bit(y, x)
        }
    }

    fn size_of(text: &str) -> usize {
        encode::matrix(text).unwrap().size
    }

    #[test]
    fn triples_a_pixel_apart_are_one_place_and_sample_alike() {
        let n = size_of(LONG);
        let module = 2.5;
        let c = corners(n, module, (150.0, 150.0), 17.0, 1.0);
        let drawn = draw(LONG, 300, 300, c);
        let exact = Finders {
            centres: drawn.centres,
            module: drawn.module,
            invert: false,
        };
        let moved = |(dx, dy): (f32, f32), scale: f32, invert: bool| Finders {
            centres: [drawn.centres[2], drawn.centres[0], drawn.centres[1]]
                .map(|p| Point::new(p.x + dx, p.y + dy)),
            module: drawn.module * scale,
            invert,
        };
        // Found again by another pass: in another order, a pixel off, its module
        // 3 % off: one place...
        let again = moved((0.8, -0.6), 1.03, false);
        assert!(exact.same_place(&again) && again.same_place(&exact));
        // ...which the sampler reads alike (what skipping the second relies on).
        for (off, error) in [((0.0, 0.0), 0.0), ((0.8, -0.6), 0.03)] {
            let read = sampled(LONG, c, off, error).map(|r| r.0);
            assert_eq!(read.as_deref(), Some(LONG), "{off:?} {error}");
        }
        // Not one place: a module off, a module 10 % larger, the other polarity.
        assert!(!exact.same_place(&moved((module, 0.0), 1.0, false)));
        assert!(!exact.same_place(&moved((0.0, 0.0), 1.1, false)));
        assert!(!exact.same_place(&moved((0.0, 0.0), 1.0, true)));
    }

    #[test]
    fn small_turned_codes_are_sampled_from_grey_pixels() {
        for text in [SHORT, LONG] {
            let n = size_of(text);
            for module in [1.5, 1.8, 2.0, 2.5] {
                for degrees in [0.0, 7.0, 17.0, 33.0, 45.0] {
                    let centre = n as f32 * module * 0.75 + 10.0;
                    let c = corners(n, module, (centre, centre), degrees, 1.0);
                    let got = sampled(text, c, (0.4, -0.3), 0.05);
                    assert_eq!(
                        got.as_ref().map(|g| g.0.as_str()),
                        Some(text),
                        "{n} modules at {module} px, {degrees}°"
                    );
                    // The bounds are the code's corners.
                    let (_, grid) = got.unwrap();
                    for (b, c) in grid.bounds.iter().zip(c) {
                        assert!(
                            (b.x - c.0).abs() < 2.0 * module && (b.y - c.1).abs() < 2.0 * module,
                            "{:?} {c:?}",
                            grid.bounds
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn codes_in_perspective_are_sampled_through_the_alignment_pattern() {
        for text in [SHORT, LONG] {
            let n = size_of(text);
            for module in [1.6, 2.0, 2.5] {
                for (degrees, keystone) in [(0.0, 1.15), (12.0, 0.85), (-25.0, 1.2)] {
                    let centre = n as f32 * module * 0.9 + 10.0;
                    let c = corners(n, module, (centre, centre), degrees, keystone);
                    let got = sampled(text, c, (-0.5, 0.5), -0.06);
                    assert_eq!(
                        got.map(|g| g.0),
                        Some(text.to_owned()),
                        "{n} modules at {module} px, {degrees}°, keystone {keystone}"
                    );
                }
            }
        }
    }

    #[test]
    fn an_alignment_look_alike_that_outscores_the_pattern_is_passed_over() {
        // A code at 3 px a module, and beside its alignment pattern a crisper
        // look-alike (black and white where the code is grey 40 on 235, as a
        // cluster of data modules can stand out in a blurred photo), sharing its
        // bottom ring: the look-alike scores higher, the pattern is tried next.
        let n = size_of(SHORT);
        let module = 3.0;
        let c = corners(n, module, (130.0, 130.0), 0.0, 1.2);
        let mut drawn = draw(SHORT, 260, 260, c);
        let nf = n as f32;
        let to = c.map(|(x, y)| Point::new(x, y));
        let from = [(0.0, 0.0), (nf, 0.0), (nf, nf), (0.0, nf)].map(|(u, v)| Point::new(u, v));
        let back = Homography::mapping(&to, &from).unwrap();
        let (col, row) = (n as i32 - 7, n as i32 - 3);
        for y in 0..drawn.luma.height {
            for x in 0..drawn.luma.width {
                let m = back.map(Point::new(x as f32 + 0.5, y as f32 + 0.5));
                let (dc, dr) = (
                    (m.x.floor() as i32 - col).abs(),
                    (m.y.floor() as i32 - row).abs(),
                );
                if dc <= 2 && dr <= 2 {
                    let dark = dc.max(dr) != 1;
                    let at = (y * drawn.luma.width + x) as usize;
                    drawn.luma.pixels[at] = if dark { 0 } else { 255 };
                }
            }
        }
        let grey = Grey {
            luma: &drawn.luma,
            invert: false,
        };
        let whole = Homography::mapping(&from, &to).unwrap();
        let map = |p: Point| whole.map(p);
        let pattern = Point::new(nf - 6.5, nf - 6.5);
        let look_alike = Point::new(nf - 6.5, nf - 2.5);
        assert!(
            alignment_score(&grey, &map, look_alike) > alignment_score(&grey, &map, pattern) + 20.0
        );
        let tried = alignment(&grey, &whole, pattern, 60.0);
        let near = |p: Point, q: Point| p.minus(whole.map(q)).length() < module / 2.0;
        assert!(near(tried[0], look_alike), "{:?}", tried);
        assert!(tried[1..].iter().any(|&p| near(p, pattern)), "{:?}", tried);
        // The grid through the finder centres and the best-scoring place reads
        // nothing at any threshold; through the pattern, the next tried, it reads.
        let corners = [(3.5, 3.5), (nf - 3.5, 3.5), (3.5, nf - 3.5)].map(|(u, v)| Point::new(u, v));
        let through = |place: Point| {
            let h = Homography::mapping(
                &[corners[0], corners[1], corners[2], pattern],
                &[drawn.centres[0], drawn.centres[1], drawn.centres[2], place],
            )
            .unwrap();
            let levels = sample(&grey, &h, n);
            THRESHOLDS.into_iter().find_map(|threshold| {
                let grid = binarise(&levels, n, threshold, &h);
                let mut out = Vec::new();
                rqrr::Grid::new(Plain(&grid)).decode_to(&mut out).ok()?;
                String::from_utf8(out).ok()
            })
        };
        assert_eq!(through(tried[0]), None);
        let at_pattern = tried.iter().find(|&&p| near(p, pattern)).unwrap();
        assert_eq!(through(*at_pattern).as_deref(), Some(SHORT));
        // And the sampler, given the finder centres, reads the code.
        let finders = Finders {
            centres: drawn.centres,
            module: drawn.module,
            invert: false,
        };
        let read = first_with(&drawn.luma, &finders, true, |grid| {
            let mut out = Vec::new();
            rqrr::Grid::new(Plain(grid)).decode_to(&mut out).ok()?;
            String::from_utf8(out).ok()
        });
        assert_eq!(read.as_deref(), Some(SHORT));
    }

    #[test]
    fn a_steep_code_s_far_corner_is_where_its_finder_outlines_put_it() {
        // A version 10+ code photographed at a steep angle: its right edge half as
        // long again as its left, and turned.
        let text = format!("{LONG}&note={}", "x".repeat(120));
        let n = size_of(&text);
        let version = (n - 17) / 4;
        assert!(version >= 10, "version {version}");
        for (module, degrees, keystone) in [(3.0f32, 14.0f32, 1.5f32), (2.5, -32.0, 0.62)] {
            let half = n as f32 * module * 0.5 * keystone.max(1.0) + 30.0;
            let c = corners(n, module, (half, half), degrees, keystone);
            let (w, h) = (
                c.iter().map(|c| c.0).fold(0.0, f32::max) as u32 + 12,
                c.iter().map(|c| c.1).fold(0.0, f32::max) as u32 + 12,
            );
            let drawn = draw(&text, w, h, c);
            let grey = Grey {
                luma: &drawn.luma,
                invert: false,
            };
            let size = n as f32;
            let square =
                [(0.0, 0.0), (size, 0.0), (size, size), (0.0, size)].map(|(u, v)| Point::new(u, v));
            let truth = Homography::mapping(&square, &c.map(|(x, y)| Point::new(x, y))).unwrap();
            let [tl, tr, bl] = drawn.centres;
            let module_px = drawn.module;
            let from = [
                (3.5, 3.5),
                (size - 3.5, 3.5),
                (3.5, size - 3.5),
                (size - 3.5, size - 3.5),
            ]
            .map(|(u, v)| Point::new(u, v));
            let affine = Homography::mapping(
                &from,
                &[
                    tl,
                    tr,
                    bl,
                    Point::new(tr.x + bl.x - tl.x, tr.y + bl.y - tl.y),
                ],
            )
            .unwrap();
            // Where the bottom-right alignment pattern is, in modules off.
            let at = Point::new(size - 6.5, size - 6.5);
            let off = |t: &Homography| t.map(at).minus(truth.map(at)).length() / module_px;
            // Beyond the eight modules the alignment search reaches from the
            // affine grid's guess ...
            assert!(off(&affine) > 8.0, "affine {} modules off", off(&affine));
            // ... but not from the outlines'.
            let outlines = finder_outlines(&grey, [tl, tr, bl], module_px).expect("outlines");
            let outline = outline_transform([tl, tr, bl], &outlines, module_px, size).unwrap();
            assert!(off(&outline) < 1.0, "outline {} modules off", off(&outline));
            // The version information, read through each finder's own outline.
            assert_eq!(outline_version(&grey, &outlines), Some(version as i32));
            let got = sampled(&text, c, (0.3, -0.3), 0.0);
            assert_eq!(
                got.map(|g| g.0),
                Some(text.clone()),
                "{module} px, {degrees}°"
            );
        }
    }

    #[test]
    fn large_codes_through_a_lens_are_sampled_cell_by_cell() {
        // A Google Authenticator export of several accounts (version 19).
        let dense = format!(
            "otpauth-migration://offline?data={}",
            "CjEKCkhlbGxvId6tvu8SGGFsaWNlQGV4YW1wbGUuY29tGgdFeGFtcGxlIAEoATACEAEYASAA".repeat(8)
        );
        let n = size_of(&dense);
        assert!(n >= 89, "{n} modules");
        for (module, degrees, bend) in [(2.0, 0.0, 0.04), (2.5, 9.0, -0.05), (3.0, -21.0, 0.05)] {
            let half = n as f32 * module * 0.5 + 20.0;
            let c = corners(n, module, (half, half), degrees, 1.0);
            let whole = sampled_bent(&dense, c, (0.3, -0.2), 0.02, bend, false);
            let cells = sampled_bent(&dense, c, (0.3, -0.2), 0.02, bend, true);
            // One transform cannot follow the lens across the code; cells can.
            assert!(
                whole.is_none(),
                "{module} px, {degrees}°, bend {bend}: read whole"
            );
            assert_eq!(
                cells.map(|g| g.0),
                Some(dense.clone()),
                "{module} px, {degrees}°, bend {bend}"
            );
        }
    }

    #[test]
    fn alignment_positions_follow_the_standard_table() {
        // ISO/IEC 18004 Annex E, a few rows.
        assert_eq!(alignment_positions(1), Vec::<usize>::new());
        assert_eq!(alignment_positions(2), [6, 18]);
        assert_eq!(alignment_positions(7), [6, 22, 38]);
        assert_eq!(alignment_positions(16), [6, 26, 50, 74]);
        assert_eq!(alignment_positions(25), [6, 32, 58, 84, 110]);
        assert_eq!(alignment_positions(32), [6, 34, 60, 86, 112, 138]);
        assert_eq!(alignment_positions(36), [6, 24, 50, 76, 102, 128, 154]);
        assert_eq!(alignment_positions(40), [6, 30, 58, 86, 114, 142, 170]);
    }

    #[test]
    fn finder_centres_are_refined_to_a_fraction_of_a_pixel() {
        let n = size_of(SHORT);
        let drawn = draw(SHORT, 120, 120, corners(n, 2.0, (60.0, 60.0), 21.0, 1.0));
        let grey = Grey {
            luma: &drawn.luma,
            invert: false,
        };
        for truth in drawn.centres {
            let start = Point::new(truth.x + 1.2, truth.y - 0.9);
            let (got, module) = refine(&grey, start, drawn.module * 1.1);
            assert!(got.minus(truth).length() < 0.3, "{got:?} for {truth:?}");
            let module = module.unwrap();
            assert!((module - drawn.module).abs() < 0.1, "{module}");
        }
    }

    #[test]
    fn a_grey_code_beside_a_darker_card_keeps_its_module_size() {
        // A grey code (80 on 240) whose one-module quiet zone ends in a card
        // darker than its modules (30), at 3.27 px a module: the module its
        // finder patterns' areas give, and the code read from centres and a
        // module size a run-length scan gives (4 % small).
        let n = size_of(LONG);
        let module = 3.27;
        let drawn = draw(LONG, 400, 400, corners(n, module, (200.0, 200.0), 0.0, 1.0));
        let half = (n as f32 / 2.0 + 1.0) * module;
        let mut luma = drawn.luma;
        for (i, v) in luma.pixels.iter_mut().enumerate() {
            let (x, y) = ((i % 400) as f32 + 0.5, (i / 400) as f32 + 0.5);
            *v = if (x - 200.0).abs() > half || (y - 200.0).abs() > half {
                30
            } else {
                (240 - (235 - u32::from(*v)) * 160 / 195) as u8
            };
        }
        let grey = Grey {
            luma: &luma,
            invert: false,
        };
        for truth in drawn.centres {
            let (got, size) = refine(&grey, Point::new(truth.x + 0.8, truth.y - 0.6), module);
            assert!(got.minus(truth).length() < 0.3, "{got:?} for {truth:?}");
            let size = size.unwrap();
            assert!((size - module).abs() < 0.15, "{size} for {module}");
        }
        let finders = Finders {
            centres: drawn.centres,
            module: module * 0.96,
            invert: false,
        };
        let read = first(&luma, &finders, |grid| {
            let mut out = Vec::new();
            rqrr::Grid::new(Plain(grid)).decode_to(&mut out).ok()?;
            String::from_utf8(out).ok()
        });
        assert_eq!(read.as_deref(), Some(LONG));
    }

    #[test]
    fn version_information_is_bch_coded() {
        // ISO 18004 table D.1.
        assert_eq!(version_word(7), 0x07c94);
        assert_eq!(version_word(8), 0x085bc);
        assert_eq!(version_word(40), 0x28c69);
    }

    #[test]
    fn the_version_is_read_from_its_information_blocks() {
        let n = size_of(LONG);
        assert!(n >= 45, "{n}");
        let drawn = draw(LONG, 260, 260, corners(n, 2.2, (130.0, 130.0), 9.0, 1.0));
        let grey = Grey {
            luma: &drawn.luma,
            invert: false,
        };
        let [tl, tr, bl] = corner_order([drawn.centres[1], drawn.centres[2], drawn.centres[0]]);
        assert_eq!(tl, drawn.centres[0]);
        // A module size 4 % off would put the size a version off; the blocks do not.
        let version = version_info(&grey, [tl, tr, bl], drawn.module * 1.04);
        assert_eq!(version, Some(((n - 17) / 4) as i32));
        // Measured 12 % small or large (a blurred module's dark centre shrinks):
        // read where the finder centres put the blocks, not where the module does.
        for off in [0.88, 1.12] {
            let version = version_info(&grey, [tl, tr, bl], drawn.module * off);
            assert_eq!(version, Some(((n - 17) / 4) as i32), "{off}");
        }
    }

    #[test]
    fn only_grids_whose_timing_patterns_alternate_are_decoded() {
        let matrix = encode::matrix(LONG).unwrap();
        let n = matrix.size;
        let grid = |size: usize, dark: &dyn Fn(usize, usize) -> bool| Sampled {
            size,
            dark: (0..size * size).map(|i| dark(i % size, i / size)).collect(),
            bounds: [Point::new(0.0, 0.0); 4],
        };
        // The code's own modules.
        assert!(grid(n, &|x, y| matrix.is_dark(x, y)).timing_alternates());
        // A tenth of the modules read wrong (a blurred or noisy sample) still passes.
        assert!(
            grid(n, &|x, y| matrix.is_dark(x, y)
                ^ ((x * 7 + y * 3) % 10 == 0))
            .timing_alternates()
        );
        // The same pixels sampled one version too large or too small: the modules
        // land between the code's, the timing patterns read about half right.
        for size in [n - 4, n + 4] {
            let scale = n as f32 / size as f32;
            let at = |v: usize| ((v as f32 + 0.5) * scale) as usize;
            assert!(
                !grid(size, &|x, y| matrix.is_dark(at(x), at(y))).timing_alternates(),
                "{size} modules sampled from a {n}-module code"
            );
        }
        // A page of text or a photo's texture: no alternation at all.
        assert!(!grid(n, &|x, y| (x / 3 + y) % 5 < 2).timing_alternates());
    }

    #[test]
    fn heavy_blur_is_undone_further_by_the_stronger_push() {
        // Each module's level pulled 55 % of the way to its four neighbours' mean
        // (a blur wider than a module): of 1,089 modules the plain threshold
        // misreads 84, the default push 38, twice the push 26.
        let size = 33usize;
        let mut seed = 7u32;
        let truth: Vec<bool> = (0..size * size)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 16) & 1 == 1
            })
            .collect();
        let level = |i: usize| if truth[i] { 0.0 } else { 255.0 };
        let levels: Vec<f32> = (0..size * size)
            .map(|i| {
                let (x, y) = (i % size, i / size);
                let near: Vec<usize> = [
                    (x.wrapping_sub(1), y),
                    (x + 1, y),
                    (x, y.wrapping_sub(1)),
                    (x, y + 1),
                ]
                .into_iter()
                .filter(|&(nx, ny)| nx < size && ny < size)
                .map(|(nx, ny)| ny * size + nx)
                .collect();
                let mean = near.iter().map(|&j| level(j)).sum::<f32>() / near.len() as f32;
                0.45 * level(i) + 0.55 * mean
            })
            .collect();
        let identity = Homography::mapping(
            &[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| Point::new(x, y)),
            &[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| Point::new(x, y)),
        )
        .unwrap();
        let misread = |threshold| {
            let grid = binarise(&levels, size, threshold, &identity);
            (0..size * size)
                .filter(|&i| grid.bit(i / size, i % size) != truth[i])
                .count()
        };
        let (plain, sharpened, deblurred) = (
            misread(Threshold::Global),
            misread(Threshold::Sharpened),
            misread(Threshold::Deblurred),
        );
        assert!(sharpened < plain, "{plain} {sharpened}");
        assert!(deblurred < sharpened, "{sharpened} {deblurred}");
    }

    #[test]
    fn a_wrong_outline_reads_nothing() {
        let n = size_of(SHORT);
        let c = corners(n, 2.0, (80.0, 80.0), 10.0, 1.0);
        let drawn = draw(SHORT, 160, 160, c);
        // Three points of the page that are no code's finder patterns.
        let finders = Finders {
            centres: [
                Point::new(5.0, 5.0),
                Point::new(150.0, 5.0),
                Point::new(5.0, 150.0),
            ],
            module: 2.0,
            invert: false,
        };
        let got = first(&drawn.luma, &finders, |grid| {
            let mut out = Vec::new();
            rqrr::Grid::new(Plain(grid)).decode_to(&mut out).ok()
        });
        assert!(got.is_none());
    }
}
