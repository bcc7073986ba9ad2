//! The cascade of preprocessing passes, and the `rqrr` calls.
//!
//! Each pass binarises a greyscale image its own way and hands the result to
//! `rqrr` without its own thresholding, dark-on-light and light-on-dark. Before
//! rqrr sees a binarisation, one linear scan finds the finder-pattern look-alikes
//! of both polarities: too many and rqrr is not called (it would take hours);
//! on large frames rqrr runs on crops around the codes they outline, and on the
//! whole frame only if that fails. Passes run cheapest first; the frame passes stop
//! after the first that decodes anything, unless finder patterns outside every code
//! found are left (a second code). `docs/qr-pipeline.md` records what
//! each pass rescues and what it costs.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};

use image::GrayImage;
use rqrr::BitGrid;
use zeroize::Zeroizing;

use super::binarize::{self, PAD};
use super::bounded;
use super::finder;
use super::sample;
use super::text;
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
/// More finder triples than this: look-alikes everywhere (no crops, no candidates).
const MAX_TRIPLES: usize = 64;
/// At most this many places outlined by finder patterns are remembered for zooming.
const MAX_CANDIDATES: usize = 16;
/// At most this many places only the tolerant finder test outlines are remembered.
const MAX_TOLERANT: usize = 16;
/// At most this many places a candidate held when they were seen are kept aside.
const MAX_HIDDEN: usize = 16;
/// The most modules across a box around one code: version 40 (177 modules) and
/// the eight modules each side a box is grown by.
const CODE_BOX_MODULES: f32 = 193.0;
/// A tolerant triple outlines a code only if its timing patterns show at least
/// [`finder::TIMING_SHOWN`] ([`finder::timing_score`]), and is zoomed into only if
/// they alternate in the grey pixels at least this
/// clearly ([`finder::grey_timing`]).
const GREY_TIMING: f32 = 0.4;
/// Where the grey pixels are at hand, a tolerant triple whose timing patterns show
/// at least this well in the binarised frame is checked in grey,
const TIMING_GLIMPSED: f32 = 0.1;
/// ... the best this many of them by that score.
const GREY_RANKED: usize = 48;
/// Zoomed crops are enlarged so that a module is about this many pixels, then (if
/// nothing was read) this many: rqrr's whole-pixel arithmetic and its timing-pattern
/// count read some crops at one scale and not the other.
const ZOOM_MODULES: [f32; 2] = [5.0, 8.0];
/// ... but never more than this factor,
const ZOOM_MAX_FACTOR: f32 = 4.0;
/// A box whose zoom brings a code's modules to at least this share of
/// [`ZOOM_MODULES`]`[0]` can read it; a larger box, enlarged less, cannot stand
/// in for the code's own place.
const ZOOM_ENOUGH: f32 = 0.8;
/// ... nor beyond this many pixels a side.
const ZOOM_MAX_SIDE: f32 = 1600.0;
/// Crops holding at most this many finder triples are sampled before rqrr runs on them.
const SAMPLED_FIRST: usize = 3;
/// At most this many finder triples per polarity of a zoomed crop are sampled.
const MAX_SAMPLED: usize = 6;
/// At most this many triples the sampler read nothing from are remembered.
const MAX_UNREAD: usize = 256;
/// Places only the exact finder test outlines are zoomed into only if they can be
/// enlarged at least this much.
const ZOOM_MIN_FACTOR: f32 = 1.5;
/// Finder patterns this many modules apart (centre to centre) or closer may belong to one
/// code (version 40: 170 modules across, 241 diagonally).
const LINK_MODULES: usize = 245;
/// The most triples a merged box lists the finder centres of ([`Parts`]).
const MAX_PARTS: usize = 8;

/// What the cascade found in an image.
pub(super) struct Outcome {
    /// Every code decoded, de-duplicated by payload.
    pub found: Vec<Found>,
    /// A code was located (three finder patterns outlining it, and a grid rqrr
    /// fitted between them) that no pass could decode.
    pub unreadable: bool,
}

/// Runs the cascade on a greyscale image.
pub(super) fn run(luma: &Luma) -> Outcome {
    let mut search = Search {
        grey: Some(luma),
        ..Search::default()
    };
    cascade(luma, &mut search);
    // A grid rqrr fitted but could not decode counts as a code seen only where the
    // finder scan also saw three finder patterns outline a code (not in noise).
    Outcome {
        unreadable: search.unreadable
            && search.candidates.iter().any(|c| c.scan != Ratio::Tolerant)
            && search.found.is_empty(),
        found: search.found,
    }
}

/// One step of the cascade: the pass it reports, when it applies, and what it runs.
struct Step {
    pass: Pass,
    /// What the step searches.
    reach: Reach,
    /// Whether the step is worth running on an image of this size.
    applies: fn(&Luma) -> bool,
    /// Binarises the image (or parts of it) its way and searches both polarities;
    /// true if it found anything new.
    run: fn(&Luma, &mut Search, Pass) -> bool,
}

/// What a step searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    /// The whole frame, while nothing has been found, or while the frame steps'
    /// finder scans show two finder patterns that could be corners of a code no
    /// code found lies over ([`Search::corners_unexplained`]): a second code
    /// whose finder patterns made no candidate.
    Frame,
    /// The places where earlier steps saw finder patterns outline a code that no
    /// code found so far explains (a second code beside a first, or one too fine
    /// for the frame's scale), found or not.
    Candidates,
    /// The same, and last, the places only the tolerant finder test outlines
    /// ([`Ratio::Tolerant`]): a code any other step reads explains its look-alikes
    /// first, so they cost nothing there.
    AllCandidates,
}

/// The cascade, cheapest first; `docs/qr-pipeline.md` records what each step reads.
const CASCADE: [Step; 11] = [
    Step {
        pass: Pass::Local,
        reach: Reach::Frame,
        applies: always,
        run: local,
    },
    Step {
        pass: Pass::Global,
        reach: Reach::Frame,
        applies: always,
        run: global,
    },
    Step {
        pass: Pass::Zoomed,
        reach: Reach::Candidates,
        applies: always,
        run: zoomed,
    },
    Step {
        pass: Pass::Upscaled,
        reach: Reach::Frame,
        applies: small,
        run: upscaled,
    },
    Step {
        pass: Pass::UpscaledSmoothed,
        reach: Reach::Frame,
        applies: small,
        run: upscaled_smoothed,
    },
    Step {
        pass: Pass::UpscaledFurther,
        reach: Reach::Frame,
        applies: small,
        run: upscaled_further,
    },
    Step {
        pass: Pass::Downscaled,
        reach: Reach::Frame,
        applies: large,
        run: downscaled,
    },
    Step {
        pass: Pass::Blurred,
        reach: Reach::Frame,
        applies: always,
        run: blurred,
    },
    Step {
        pass: Pass::Zoomed,
        reach: Reach::Candidates,
        applies: always,
        run: zoomed,
    },
    Step {
        pass: Pass::Region,
        reach: Reach::Frame,
        applies: always,
        run: region,
    },
    Step {
        pass: Pass::Zoomed,
        reach: Reach::AllCandidates,
        applies: always,
        run: zoomed_all,
    },
];

/// Walks the cascade: frame steps until one finds something and no finder
/// patterns outside the codes found are left, candidate steps wherever a code is
/// outlined and not yet read.
fn cascade(luma: &Luma, search: &mut Search) {
    for step in &CASCADE {
        let wanted = match step.reach {
            Reach::Frame => search.found.is_empty() || search.corners_unexplained(),
            Reach::Candidates => !search.unexplained(false).is_empty(),
            Reach::AllCandidates => !search.unexplained(true).is_empty(),
        };
        if wanted && (step.applies)(luma) {
            search.frame_step = step.reach == Reach::Frame;
            (step.run)(luma, search, step.pass);
            search.frame_step = false;
        }
    }
}

/// Each candidate no code explains, cropped from the grey image with a margin and
/// enlarged so that its modules are about [`ZOOM_MODULES`] pixels, then searched
/// with the local threshold, Otsu's, smoothed Otsu and smoothed local thresholds;
/// if nothing reads, the same at the second scale.
fn zoomed(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    zoom(luma, search, pass, false)
}

/// [`zoomed`], also into the places only the tolerant finder test outlines.
fn zoomed_all(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    zoom(luma, search, pass, true)
}

/// [`zoomed`], into the tolerant scan's places too if `tolerant`.
fn zoom(luma: &Luma, search: &mut Search, pass: Pass, tolerant: bool) -> bool {
    let (width, height) = (luma.width as usize, luma.height as usize);
    let mut any = false;
    let mut list = search.unexplained(tolerant);
    let mut next = 0;
    loop {
        // Places a box held when they were seen ([`Search::hidden`]) surface once
        // that box was zoomed into without explaining them: in the same step,
        // after it.
        if next == list.len() {
            list.extend(
                search
                    .unexplained(tolerant)
                    .into_iter()
                    .filter(|c| c.hidden),
            );
        }
        let Some(&candidate) = list.get(next) else {
            break;
        };
        next += 1;
        // A code read since the list was made (by an earlier zoom of this
        // step) may explain this place now.
        if search.explained(&candidate) {
            continue;
        }
        for c in search.candidates.iter_mut().chain(&mut search.hidden) {
            if c.is(&candidate) {
                c.zoomed = true;
            }
        }
        // The tolerant scan's look-alikes (text, icons) are many: only a place whose
        // timing patterns alternate in the grey pixels is worth a zoom.
        if let Some(finders) = candidate.finders() {
            if grey_verified(luma, &finders) < GREY_TIMING {
                continue;
            }
            // The three corners are a code's: its grid is read from the grey
            // pixels in well under a millisecond, before any enlargement.
            if search.sampled(luma, &finders) {
                any = true;
                continue;
            }
            // A place kept aside for its own corners where a box that holds its
            // whole code was zoomed into already: only those corners were new. (A
            // box about as large that ends inside the code, cut off through its
            // finder patterns, may have read nothing there: then the place gets
            // its zoom.)
            let zoomed_here = |c: &Candidate| {
                c.zoomed && !c.is(&candidate) && c.holds_code(&candidate.rect, candidate.module)
            };
            if candidate.hidden
                && search
                    .candidates
                    .iter()
                    .chain(&search.hidden)
                    .any(zoomed_here)
            {
                continue;
            }
        }
        let module = candidate.module.max(0.5);
        let rect =
            candidate
                .rect
                .squared(width, height)
                .grown((module * 2.0) as usize, width, height);
        let side = rect.w.max(rect.h) as f32;
        let part = binarize::crop(
            luma,
            rect.x as u32,
            rect.y as u32,
            rect.w as u32,
            rect.h as u32,
        );
        // The finder patterns the first enlargement shows, for the sampler.
        let mut corners: Vec<sample::Finders> = Vec::new();
        let mut done = false;
        let mut tried: Option<f32> = None;
        for target in ZOOM_MODULES {
            let factor = zoom_factor(target, module, side);
            // Both targets capped to one factor (a large box, or small modules):
            // the second enlargement would be the first again.
            if tried == Some(factor) {
                break;
            }
            tried = Some(factor);
            let part = if factor > 1.0 {
                let w = ((rect.w as f32 * factor).round() as u32).max(1);
                let h = ((rect.h as f32 * factor).round() as u32).max(1);
                binarize::resize(&part, w, h)
            } else {
                binarize::crop(&part, 0, 0, part.width, part.height)
            };
            let frame = Frame {
                scale: rect.w as f32 / part.width as f32,
                dx: rect.x as f32,
                dy: rect.y as f32,
            };
            let bits = binarize::local(&part);
            let scan = finders_by(&bits, MAX_FINDERS + 1, SCANS);
            if corners.is_empty() {
                corners = outlined(luma, &scan[1], &frame);
            }
            if search.both_polarities_scanned(bits, scan, &frame, pass) {
                done = true;
                break;
            }
            if search.both_polarities(binarize::global(&part, binarize::otsu(&part)), &frame, pass)
            {
                done = true;
                break;
            }
            let smooth = binarize::blur(&part);
            let bits = binarize::global(&smooth, binarize::otsu(&smooth));
            if search.both_polarities(bits, &frame, pass)
                || search.both_polarities(binarize::local(&smooth), &frame, pass)
            {
                done = true;
                break;
            }
        }
        // Neither enlargement read: sample the grid from the grey pixels.
        if !done {
            done = corners.iter().any(|c| search.sampled(luma, c));
        }
        any |= done;
    }
    any
}

/// How much a zoom enlarges a box `side` pixels wide whose modules are `module`
/// pixels, aiming at `target` pixels a module: at most [`ZOOM_MAX_FACTOR`], and
/// not past [`ZOOM_MAX_SIDE`] (a large box is enlarged less than its modules ask).
fn zoom_factor(target: f32, module: f32, side: f32) -> f32 {
    (target / module)
        .clamp(1.0, ZOOM_MAX_FACTOR)
        .min((ZOOM_MAX_SIDE / side).max(1.0))
}

/// How clearly the timing patterns of the code three finder centres outline
/// alternate in the grey pixels ([`finder::grey_timing`]; scores under
/// [`GREY_TIMING`] only tell that they are under it). The scan's centres are
/// whole pixels of a row's runs and may lie most of a module off at 1.5–2 px a
/// module, beyond the half module the check shifts its lines by: a place that
/// alternates at half the threshold or more is checked again from the centres
/// refined as the sampler refines them.
fn grey_verified(luma: &Luma, finders: &sample::Finders) -> f32 {
    let score = finder::grey_timing(luma, finders.centres, finders.module, GREY_TIMING);
    if !(GREY_TIMING / 2.0..GREY_TIMING).contains(&score) {
        return score;
    }
    let (centres, module) = sample::refined(luma, finders);
    score.max(finder::grey_timing(luma, centres, module, GREY_TIMING))
}

/// The codes a binarised crop's finder patterns (found with the exact ratio, per
/// polarity) outline, as finder-pattern centres and module size in input pixels:
/// [`MAX_SAMPLED`] per polarity. Of the [`GREY_RANKED`] largest triples, those
/// whose timing patterns alternate in the grey pixels come first, best first
/// ([`grey_verified`], at least [`GREY_TIMING`]), then the rest by size: in a
/// photo the crop's noise and text link into triples larger than the code's
/// own, whose timing patterns tell it apart.
fn outlined(luma: &Luma, exact: &[Vec<Finder>; 2], frame: &Frame) -> Vec<sample::Finders> {
    let mut out = Vec::new();
    for (polarity, list) in exact.iter().enumerate() {
        if list.len() > MAX_FINDERS {
            continue;
        }
        let mut ranked: Vec<(f32, sample::Finders)> =
            largest_corner_triples(list, Ratio::Exact, GREY_RANKED)
                .into_iter()
                .map(|set| {
                    let corners = frame.triple(list, set, polarity == 1);
                    let score = grey_verified(luma, &corners);
                    (if score >= GREY_TIMING { score } else { 0.0 }, corners)
                })
                .collect();
        // Stable: the unverified keep their order by size.
        ranked.sort_by(|p, q| q.0.total_cmp(&p.0));
        out.extend(ranked.into_iter().take(MAX_SAMPLED).map(|(_, c)| c));
    }
    out
}

fn always(_: &Luma) -> bool {
    true
}

/// Images small enough to be searched enlarged.
fn small(luma: &Luma) -> bool {
    luma.width.max(luma.height) <= UPSCALE_MAX_SIDE
}

/// Images large enough to be searched halved.
fn large(luma: &Luma) -> bool {
    luma.width.min(luma.height) >= DOWNSCALE_MIN_SIDE
}

/// Local threshold on the image as it is.
fn local(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    search.both_polarities(binarize::local(luma), &Frame::identity(), pass)
}

/// Otsu's global threshold: low-contrast and brand-coloured codes on flat backgrounds.
fn global(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    let bits = binarize::global(luma, binarize::otsu(luma));
    search.both_polarities(bits, &Frame::identity(), pass)
}

/// Enlarged twice, local threshold: modules of 2–3 pixels smoothed by a non-integer scale.
fn upscaled(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    let big = binarize::resize(luma, luma.width * 2, luma.height * 2);
    search.both_polarities(binarize::local(&big), &Frame::scaled(0.5), pass)
}

/// Enlarged twice, smoothed, Otsu's threshold: dense codes (version 20+) under 3 px a
/// module after a non-integer scale and JPEG, whose timing patterns the local
/// threshold breaks up.
fn upscaled_smoothed(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    let smooth = binarize::blur(&binarize::resize(luma, luma.width * 2, luma.height * 2));
    let bits = binarize::global(&smooth, binarize::otsu(&smooth));
    search.both_polarities(bits, &Frame::scaled(0.5), pass)
}

/// Enlarged 2.5 times, smoothed, Otsu: the module grid lands differently on the
/// pixels, which rescues the same kind of code at other scales.
fn upscaled_further(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    let (w, h) = (luma.width * 5 / 2, luma.height * 5 / 2);
    let smooth = binarize::blur(&binarize::resize(luma, w, h));
    let bits = binarize::global(&smooth, binarize::otsu(&smooth));
    let frame = Frame::scaled(luma.width as f32 / w as f32);
    search.both_polarities(bits, &frame, pass)
}

/// Halved: big modules whose interior is wider than the local window, and noise
/// that halving averages away.
///
/// It is there for large modules (6 px and more in the input, 3 here), whose finder
/// patterns the triple test sees: without a triple the halved frame is not searched
/// whole (rqrr on a halved 4K page of text took 14 ms for nothing).
fn downscaled(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    let small = binarize::resize(luma, luma.width / 2, luma.height / 2);
    let frame = Frame::scaled(luma.width as f32 / small.width as f32);
    search.outlined_only = true;
    let found = search.both_polarities(binarize::local(&small), &frame, pass);
    search.outlined_only = false;
    found
}

/// Blurred 3×3: JPEG ringing, moiré and sensor noise in photos of screens.
fn blurred(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    let smooth = binarize::blur(luma);
    search.both_polarities(binarize::local(&smooth), &Frame::identity(), pass)
}

/// Candidate regions (dense, square-ish texture), cropped, padded and resampled;
/// what the local threshold's finder patterns outline there and no threshold
/// reads is sampled from the grey pixels.
fn region(luma: &Luma, search: &mut Search, pass: Pass) -> bool {
    let mut any = false;
    for rect in regions(luma) {
        let part = binarize::crop(
            luma,
            rect.x as u32,
            rect.y as u32,
            rect.w as u32,
            rect.h as u32,
        );
        let side = part.width.max(part.height);
        let factor = (REGION_TARGET_SIDE as f32 / side as f32).clamp(0.25, 4.0);
        let (rw, rh) = (
            ((part.width as f32 * factor) as u32).max(1),
            ((part.height as f32 * factor) as u32).max(1),
        );
        let part = binarize::resize(&part, rw, rh);
        let frame = Frame {
            scale: 1.0 / factor,
            dx: rect.x as f32,
            dy: rect.y as f32,
        };
        let bits = binarize::local(&part);
        let scan = finders_by(&bits, MAX_FINDERS + 1, SCANS);
        let exact = scan[1].clone();
        let found = search.both_polarities_scanned(bits, scan, &frame, pass)
            || search.both_polarities(binarize::global(&part, binarize::otsu(&part)), &frame, pass)
            // A region is cropped tight around what may be a code, so the boxes its
            // finder patterns outline cover most of it and are not remembered for a
            // zoom (boxes over half a frame are look-alikes everywhere there): where
            // rqrr cannot read the enlarged crop, the codes they outline are sampled
            // from the grey pixels here, as a zoom's are.
            || outlined(luma, &exact, &frame)
                .iter()
                .any(|c| search.sampled(luma, c));
        any |= found;
    }
    any
}

/// The finder centres of the triples merged into one box, as far as
/// [`MAX_PARTS`] triples (in the pixels of the image the box is in): a box
/// merged across two codes, or a code and a look-alike's triple, has finder
/// patterns outside the first code found in it ([`Search::explained`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Parts {
    centres: [[(f32, f32); 3]; MAX_PARTS],
    /// How many triples were merged (past [`MAX_PARTS`]: not all are listed).
    count: usize,
}

impl Parts {
    fn one(triple: [(f32, f32); 3]) -> Self {
        let mut centres = [[(0.0, 0.0); 3]; MAX_PARTS];
        centres[0] = triple;
        Self { centres, count: 1 }
    }

    /// Both boxes' triples, as far as [`MAX_PARTS`] are listed.
    fn merged(&self, other: &Self) -> Self {
        let mut parts = *self;
        for (i, &triple) in other.listed().iter().enumerate() {
            if let Some(slot) = parts.centres.get_mut(self.count + i) {
                *slot = triple;
            }
        }
        parts.count = self.count + other.count;
        parts
    }

    /// The triples listed (the first [`MAX_PARTS`] merged).
    fn listed(&self) -> &[[(f32, f32); 3]] {
        &self.centres[..self.count.min(MAX_PARTS)]
    }

    /// In input pixels, from a pass's `frame`.
    fn mapped(&self, frame: &Frame) -> Self {
        let mut parts = *self;
        for triple in &mut parts.centres[..self.count.min(MAX_PARTS)] {
            for centre in triple {
                let (x, y) = frame.map_xy(centre.0, centre.1);
                *centre = (x as f32, y as f32);
            }
        }
        parts
    }
}

/// A rectangle of pixels: top-left corner, width and height.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rect {
    x: usize,
    y: usize,
    w: usize,
    h: usize,
}

impl Rect {
    /// The rectangle from (x0, y0) to (x1, y1), exclusive.
    const fn spanning(x0: usize, y0: usize, x1: usize, y1: usize) -> Self {
        Self {
            x: x0,
            y: y0,
            w: x1.saturating_sub(x0),
            h: y1.saturating_sub(y0),
        }
    }

    const fn area(&self) -> usize {
        self.w * self.h
    }

    /// The pixels this rectangle and `other` share.
    fn overlap(&self, other: &Self) -> usize {
        let w = (self.x + self.w)
            .min(other.x + other.w)
            .saturating_sub(self.x.max(other.x));
        let h = (self.y + self.h)
            .min(other.y + other.h)
            .saturating_sub(self.y.max(other.y));
        w * h
    }

    /// The smallest rectangle holding the points (clamped to the image's top and left).
    fn around(points: &[(i32, i32)]) -> Self {
        let clamp = |v: i32| usize::try_from(v).unwrap_or(0);
        let xs = points.iter().map(|p| clamp(p.0));
        let ys = points.iter().map(|p| clamp(p.1));
        Self::spanning(
            xs.clone().min().unwrap_or(0),
            ys.clone().min().unwrap_or(0),
            xs.max().unwrap_or(0),
            ys.max().unwrap_or(0),
        )
    }

    /// Whether the point lies inside.
    fn contains(&self, x: i32, y: i32) -> bool {
        let (Ok(x), Ok(y)) = (usize::try_from(x), usize::try_from(y)) else {
            return false;
        };
        x >= self.x && x < self.x + self.w && y >= self.y && y < self.y + self.h
    }

    /// The square of its longer side around the same centre, within a
    /// `width`×`height` image: a code is square, and a box one wrong corner
    /// outlined (a look-alike among its modules for a finder pattern) is narrower
    /// than the code on one side and cuts through its finder pattern there. The
    /// shorter side grows to at most twice its length: a strip (look-alikes
    /// along a header or a row of icons, 836×213 px on tune12 page-0058) is no
    /// code's box, and its square took a zoom 45 times as long.
    fn squared(&self, width: usize, height: usize) -> Self {
        let w = self.w.max(self.h.min(2 * self.w));
        let h = self.h.max(self.w.min(2 * self.h));
        let x = self.x.saturating_sub((w - self.w) / 2);
        let y = self.y.saturating_sub((h - self.h) / 2);
        Self::spanning(x, y, (x + w).min(width), (y + h).min(height))
    }

    /// Grown by `by` pixels on every side, within a `width`×`height` image.
    fn grown(&self, by: usize, width: usize, height: usize) -> Self {
        Self::spanning(
            self.x.saturating_sub(by),
            self.y.saturating_sub(by),
            self.x.saturating_add(self.w).saturating_add(by).min(width),
            self.y.saturating_add(self.h).saturating_add(by).min(height),
        )
    }
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
        self.map_xy(p.x as f32, p.y as f32)
    }

    /// A point of this pass's (padded) image in input pixels.
    fn map_xy(&self, x: f32, y: f32) -> (i32, i32) {
        let pad = PAD as f32;
        (
            ((x - pad) * self.scale + self.dx).round() as i32,
            ((y - pad) * self.scale + self.dy).round() as i32,
        )
    }

    /// The centre of a pixel of this pass's (padded) image, in the input's continuous
    /// pixel coordinates.
    fn point(&self, x: usize, y: usize) -> sample::Point {
        let pad = PAD as f32;
        sample::Point::new(
            (x as f32 - pad + 0.5) * self.scale + self.dx,
            (y as f32 - pad + 0.5) * self.scale + self.dy,
        )
    }

    /// Three finder patterns of this pass's image (indices into `finders`, the
    /// corner first) as the sampler takes them: centres in input pixels, and
    /// the module their widths give (a pattern is seven modules wide).
    fn triple(&self, finders: &[Finder], set: [usize; 3], invert: bool) -> sample::Finders {
        let span: usize = set.iter().map(|&i| finders[i].span).sum();
        let [a, b, c] = set.map(|i| &finders[i]);
        sample::Finders {
            centres: set.map(|i| self.point(finders[i].x, finders[i].y)),
            module: span as f32 / 21.0 * self.scale * corner_turned(a, b, c),
            invert,
        }
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
struct Search<'a> {
    /// The input's grey pixels, for the sampler (none in tests of rqrr alone).
    grey: Option<&'a Luma>,
    /// Large frames are searched whole only where finder triples outline a code (set
    /// by the `downscaled` step). Full-size frames are searched whole without one:
    /// there rqrr locates grids of 1.5–2 px modules the triple test misses, and those
    /// grids are zoomed into.
    outlined_only: bool,
    found: Vec<Found>,
    /// A grid was located that did not decode.
    unreadable: bool,
    /// Where finder patterns outline a code, in input pixels, from every pass so far.
    candidates: Vec<Candidate>,
    /// Places a candidate held when they were seen (see [`Search::remember`]):
    /// zoomed into only once no candidate that holds them is left to zoom, and if
    /// no code found explains them.
    hidden: Vec<Candidate>,
    /// Whether a frame step is running: its finder scans' square look-alikes are
    /// kept in [`Search::corners`].
    frame_step: bool,
    /// The square finder-pattern look-alikes the frame steps' exact scans saw, in
    /// input pixels, one list per step and polarity: what
    /// [`Search::corners_unexplained`] looks for a second code in. (The
    /// whole-pixel scan's sizes may differ twofold: an icon and an avatar across
    /// a 4K page made a pair.) Each list with its polarity (light on dark).
    corners: Vec<(bool, Vec<Finder>)>,
    /// How many of [`Search::corners`] have been looked through for pairs.
    corners_paired: usize,
    /// The pairs of those look-alikes that could be two corners of one code and
    /// show its timing patterns in the grey pixels ([`pair_timed`]), outside
    /// every code found when they were looked for.
    timed_pairs: Vec<[Finder; 2]>,
    /// Triples the sampler read nothing from, in input pixels, the last
    /// [`MAX_UNREAD`]: the sampler reads the grey pixels, not a pass's bits, so
    /// the same triple found again by another binarisation, enlargement or
    /// overlapping zoom ([`sample::Finders::same_place`]) would read nothing again.
    /// (Each is up to 30 samplings: six versions, five mappings.)
    unread: Vec<sample::Finders>,
}

/// A place where three finder patterns outline a code.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    /// The code and a margin around it, in input pixels.
    rect: Rect,
    /// The module size the finder patterns suggest, in input pixels.
    module: f32,
    /// Whether a zoomed search has been tried here.
    zoomed: bool,
    /// The finder test of the scan that outlined it (rqrr's grids count as whole-pixel).
    scan: Ratio,
    /// The finder centres (corner first, input pixels) of the one triple that
    /// outlined it, where it is one triple's box (the tolerant scan's).
    corners: Option<[sample::Point; 3]>,
    /// Whether those finder patterns are light on dark.
    invert: bool,
    /// Whether a candidate held it when it was seen ([`Search::hidden`]).
    hidden: bool,
    /// The finder centres of the triples merged into it, in input pixels
    /// (none for rqrr's grids).
    parts: Parts,
}

impl Candidate {
    /// Whether this candidate stands in for a place (`rect`, `module` pixels a
    /// module, outlined by the `scan` test) that lies in it: a zoom of this one
    /// would read what is there. The place must lie half or more in it, and this
    /// one must not be much smaller (at most a third) nor its modules much
    /// coarser (at most 1.5 times: it is enlarged for its own modules, too
    /// little for these). A tolerant place (its corners are a code's, verified in
    /// grey before it is zoomed into) is held by a box of a stricter scan only
    /// if that box holds the whole code and its zoom enlarges the code's modules
    /// nearly as far as a zoom of the place would.
    fn holds(&self, rect: &Rect, module: f32, scan: Ratio) -> bool {
        if self.scan > scan {
            return false;
        }
        if scan == Ratio::Tolerant && self.scan != scan && !self.holds_code(rect, module) {
            return false;
        }
        self.rect.overlap(rect) * 2 > rect.area()
            && rect.area() * 2 <= self.rect.area() * 3
            && self.module * 2.0 <= module * 3.0
    }

    /// Whether this candidate's box holds the whole code of a tolerant place
    /// (`rect`, the code and a margin of 3.5 modules, `module` pixels a
    /// module) and its zoom enlarges the code's modules nearly as far as a zoom
    /// of the place would: a zoom of this box would read what a zoom of the
    /// place reads.
    fn holds_code(&self, rect: &Rect, module: f32) -> bool {
        let inset = (3.5 * module) as usize;
        let code = Rect::spanning(
            rect.x + inset,
            rect.y + inset,
            (rect.x + rect.w).saturating_sub(inset),
            (rect.y + rect.h).saturating_sub(inset),
        );
        let side = self.rect.w.max(self.rect.h) as f32;
        let target = ZOOM_MODULES[0];
        self.rect.overlap(&code) == code.area()
            && module * zoom_factor(target, self.module.max(0.5), side) >= ZOOM_ENOUGH * target
    }

    /// The finder patterns of the one triple that outlined this place, for the
    /// sampler (the tolerant scan's places; none for a box).
    fn finders(&self) -> Option<sample::Finders> {
        self.corners.map(|centres| sample::Finders {
            centres,
            module: self.module,
            invert: self.invert,
        })
    }

    /// Whether this is `other`, or the same place seen again by the same scan (a
    /// copy kept aside): the same rectangle, scan and corners. A box of one scan
    /// and a tolerant place of the same rectangle are two places (the box's zoom
    /// may not read the code whose corners the place holds).
    fn is(&self, other: &Self) -> bool {
        self.rect == other.rect && self.scan == other.scan && self.corners == other.corners
    }

    /// Whether two candidates were outlined by the same finder patterns: both
    /// by no one triple, or by triples whose centres lie within a module (and
    /// two pixels) of each other's, in any order.
    fn same_corners(&self, other: &Self) -> bool {
        match (self.corners, other.corners) {
            (Some(a), Some(b)) => {
                let near = self.module.max(other.module).max(2.0);
                a.iter().all(|p| {
                    b.iter()
                        .any(|q| (p.x - q.x).abs() <= near && (p.y - q.y).abs() <= near)
                })
            }
            (a, b) => a.is_none() && b.is_none(),
        }
    }

    /// Whether `rect` is about this candidate's rectangle (each lies half or more
    /// in the other).
    fn same_place(&self, rect: &Rect) -> bool {
        let overlap = self.rect.overlap(rect) * 2;
        overlap > rect.area() && overlap > self.rect.area()
    }
}

impl Search<'_> {
    /// Detects in `bits` (dark modules on light), then in its inverse when that found
    /// nothing, or, when it did, in crops of the inverse around any code its finder
    /// patterns outline (a light-on-dark code beside a dark-on-light one). True if
    /// anything new was found.
    fn both_polarities(&mut self, bits: GrayImage, frame: &Frame, pass: Pass) -> bool {
        let scan = finders_by(&bits, MAX_FINDERS + 1, SCANS);
        self.both_polarities_scanned(bits, scan, frame, pass)
    }

    /// [`Self::both_polarities`] with the image's finder patterns already found
    /// (`finders_by` with [`SCANS`]).
    fn both_polarities_scanned(
        &mut self,
        bits: GrayImage,
        [[dark, light], exact, tolerant]: [[Vec<Finder>; 2]; 3],
        frame: &Frame,
        pass: Pass,
    ) -> bool {
        // rqrr tries every plausible pair of finder patterns, copying the whole image for
        // each: an image full of finder look-alikes would keep it busy for hours. Over
        // the budget, only crops around triples are searched.
        let pixels = f64::from(bits.width()) * f64::from(bits.height());
        let most = ((FINDER_BUDGET / pixels).sqrt() as usize).clamp(MIN_FINDERS, MAX_FINDERS);
        if self.frame_step {
            for (polarity, list) in exact.iter().enumerate() {
                if list.len() > MAX_FINDERS {
                    continue;
                }
                let square = list.iter().filter(|f| f.square).map(|f| {
                    let (x, y) = frame.map_xy(f.x as f32, f.y as f32);
                    Finder {
                        x: x.max(0) as usize,
                        y: y.max(0) as usize,
                        span: (f.span as f32 * frame.scale).round() as usize,
                        ..*f
                    }
                });
                self.corners.push((polarity == 1, square.collect()));
            }
        }
        let mut found = false;
        if dark.len() <= MAX_FINDERS {
            let whole = dark.len() <= most;
            found = self.polarity(&bits, &dark, false, frame, pass, !whole);
        }
        if light.len() <= MAX_FINDERS {
            let crops_only = found || light.len() > most;
            found |= self.polarity(&bits, &light, true, frame, pass.inverted(), crops_only);
        }
        // The exact scan also sees the finder patterns of modules drawn at a
        // non-integer scale, which the whole-pixel one (and rqrr) miss: the codes it
        // outlines are zoomed into later, where rqrr sees them.
        let area = u64::from(bits.width()) * u64::from(bits.height());
        for exact in exact {
            if exact.len() <= MAX_FINDERS {
                let boxes = clusters(triples(&exact, &bits, Ratio::Exact).as_deref(), &bits);
                self.remember(&boxes, frame, area, Ratio::Exact);
            }
        }
        // The tolerant test also sees finder patterns whose centre blur widened; its
        // places come last and never hide one of the others.
        for (polarity, tolerant) in tolerant.iter().enumerate() {
            if tolerant.len() <= MAX_FINDERS {
                let grey = self.grey.map(|luma| (luma, frame));
                let boxes = timed_triples(tolerant, Ratio::Tolerant, &bits, polarity == 1, grey);
                self.remember(&boxes, frame, area, Ratio::Tolerant);
            }
        }
        found
    }

    /// Searches one polarity of `bits`. Large frames are searched first in crops around
    /// the codes their finder patterns outline (rqrr's cost grows with the pixels it is
    /// given, and it copies the image for every grouping it tries), and whole only if
    /// the crops give nothing; a crop's triples are first sampled from the grey pixels
    /// ([`Self::sample_box`]), and rqrr runs on it only if one is left unread. Large
    /// frames with fewer than three look-alikes are not searched whole (nor, in the
    /// halved step, those where no triple outlines a code). `crops_only`:
    /// search the crops of any size of frame, and never the whole.
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
        let sets = corner_triples(finders, Ratio::Whole);
        let outlines = sets.as_ref().map(|sets| spans(finders, sets, bits));
        let boxes = clusters(outlines.as_deref(), bits);
        self.remember(&boxes, frame, pixels, Ratio::Whole);
        // A frame with too many triples to crop around (a photo's noise and
        // text make finder look-alikes everywhere): the code's own finder
        // patterns are among them, and its timing patterns tell its triple from
        // the rest. Those places are kept as the tolerant scan's are, corners
        // and all, to be sampled from the grey pixels. (Not in a zoom's crop:
        // there a dense code's own modules make the triples, and its box is
        // zoomed already.)
        if let (None, true, Some(luma)) = (&sets, self.frame_step, self.grey) {
            let places = timed_triples(finders, Ratio::Whole, bits, invert, Some((luma, frame)));
            self.remember(&places, frame, pixels, Ratio::Tolerant);
        }
        if crops_only && boxes.is_empty() {
            return false;
        }
        // rqrr needs three finder patterns to outline a code; a large frame with fewer
        // look-alikes than that is not worth its whole-frame search, nor, where the
        // step asks (`outlined_only`), one where no three look-alikes could be a
        // code's corners.
        let large = pixels >= CROP_MIN_PIXELS;
        if large && (finders.len() < 3 || (boxes.is_empty() && self.outlined_only)) {
            return false;
        }
        let area: u64 = boxes.iter().map(|c| c.rect.area() as u64).sum();
        let cropped = crops_only || pixels >= CROP_MIN_PIXELS;
        if cropped && !boxes.is_empty() && area * 2 <= pixels {
            let (mut any, mut all) = (false, true);
            for cluster in &boxes {
                let rect = &cluster.rect;
                // The sampler reads a clean code in well under a millisecond; rqrr's
                // grid fit takes several (it fits the grid twice). rqrr still runs
                // wherever a triple in the box is left unread.
                let (new, covered) = match &sets {
                    Some(sets) => self.sample_box(finders, sets, rect, invert, frame),
                    None => (false, false),
                };
                let got = if covered {
                    new
                } else {
                    let part = crop_bits(bits, rect, invert);
                    new | self.detect(part, &frame.shifted(rect.x, rect.y), pass)
                };
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

    /// Keeps the codes finder patterns outline in a pass's frame as candidates in
    /// input pixels (unless they cover the frame: look-alikes everywhere).
    /// Candidates from the exact scan ([`Ratio::Exact`]) come on top of those of the
    /// whole-pixel scan and never displace or hide one.
    fn remember(&mut self, boxes: &[Cluster], frame: &Frame, pixels: u64, scan: Ratio) {
        for cluster in boxes {
            if cluster.rect.area() as u64 * 2 > pixels {
                continue;
            }
            let (x0, y0) = frame.map_xy(cluster.rect.x as f32, cluster.rect.y as f32);
            let (x1, y1) = frame.map_xy(
                (cluster.rect.x + cluster.rect.w) as f32,
                (cluster.rect.y + cluster.rect.h) as f32,
            );
            let rect = Rect::spanning(
                x0.max(0) as usize,
                y0.max(0) as usize,
                x1.max(0) as usize,
                y1.max(0) as usize,
            );
            let module = cluster.module * frame.scale;
            // An exact-scan box too large to be enlarged by much (usually look-alikes
            // merged across a page) would only repeat the frame's search.
            let side = rect.w.max(rect.h) as f32;
            if scan != Ratio::Whole && side * ZOOM_MIN_FACTOR > ZOOM_MAX_SIDE {
                continue;
            }
            // Known: a candidate holds it ([`Candidate::holds`]). A larger box around a
            // smaller one (the code's own finder patterns around a box of
            // look-alikes of the other polarity inside it) is a place of its own, so
            // is one of much finer modules (a box merged from look-alikes across a
            // page, 4.9 px a module, around a code of 2.6 px), and a tolerant place
            // inside a box that is cut off inside the code or too large to enlarge
            // enough.
            if rect.area() == 0 {
                continue;
            }
            let parts = cluster.parts.mapped(frame);
            let candidate = |hidden| Candidate {
                rect,
                module,
                zoomed: false,
                scan,
                corners: cluster.corners.map(|c| c.map(|(x, y)| frame.point(x, y))),
                invert: cluster.invert,
                hidden,
                parts,
            };
            if self.candidates.iter().any(|c| c.holds(&rect, module, scan)) {
                // Kept aside, unless it is a place seen before: when the box that
                // holds it is zoomed into and reads another code there, or
                // nothing, this place gets its own zoom (two codes in one box
                // merged across a page: the box read one).
                // Only a place one code could fill: a box merged from look-alikes
                // across a page is zoomed in vain (a page of look-alikes at
                // 2.1 px a module took 2.4 times as long).
                let one_code = side <= CODE_BOX_MODULES * module;
                // A place outlined by three other corners is not one seen
                // before: a wrong triple of look-alikes in a code (a logo, a
                // module cluster) can outline about the same box as the code's
                // own finder patterns, and only their sampling reads it.
                let new = candidate(true);
                let seen = self.candidates.iter().chain(&self.hidden);
                let seen = seen
                    .filter(|c| c.scan == scan)
                    .any(|c| c.same_place(&rect) && c.same_corners(&new));
                if one_code && !seen && self.hidden.len() < MAX_HIDDEN {
                    self.hidden.push(new);
                }
                continue;
            }
            let most = if scan == Ratio::Tolerant {
                MAX_TOLERANT
            } else {
                MAX_CANDIDATES
            };
            if self.count(scan) < most {
                self.candidates.push(candidate(false));
            }
        }
    }

    /// Keeps a grid rqrr located but could not decode (corners in input pixels, `size`
    /// modules a side) as a candidate for a zoomed search.
    fn located(&mut self, corners: &[(i32, i32); 4], size: usize) {
        let code = Rect::around(corners);
        let module = code.w.max(code.h) as f32 / (size + 1) as f32;
        // Two modules more on every side: rqrr's fit may be a module off.
        let rect = code.grown((module * 2.0) as usize, usize::MAX, usize::MAX);
        let known = self
            .candidates
            .iter()
            .filter(|c| c.scan == Ratio::Whole)
            .any(|c| {
                let overlap = c.rect.overlap(&rect) * 2;
                overlap > rect.area() && overlap > c.rect.area()
            });
        if rect.area() > 0 && !known && module >= 0.5 && self.count(Ratio::Whole) < MAX_CANDIDATES {
            self.candidates.push(Candidate {
                rect,
                module,
                zoomed: false,
                scan: Ratio::Whole,
                corners: None,
                invert: false,
                hidden: false,
                parts: Parts::default(),
            });
        }
    }

    /// Whether two square finder-pattern look-alikes of one frame step's exact scan,
    /// outside every code found, could be two corners of one code (one size,
    /// 10–245 modules apart, [`linked`]) whose timing patterns show in the grey
    /// pixels ([`pair_timed`]). A code beside one already read whose finder
    /// patterns no triple outlined (one of them lost to JPEG, a logo's
    /// neighbourhood or the threshold, or the triples of a crowded page over
    /// [`MAX_TRIPLES`]) shows this; text and icons seldom do (their look-alikes
    /// are rarely square, and no timing pattern runs beside two of them).
    ///
    /// Each list is looked through once, at the first call after it was kept:
    /// codes found only grow, so a pair inside one then stays inside.
    fn corners_unexplained(&mut self) -> bool {
        let codes: Vec<Rect> = self.found.iter().map(|f| Rect::around(&f.bounds)).collect();
        let outside = |f: &Finder| !codes.iter().any(|c| c.contains(f.x as i32, f.y as i32));
        for (invert, list) in &self.corners[self.corners_paired..] {
            let list: Vec<Finder> = list.iter().filter(|f| outside(f)).copied().collect();
            let mut weighed = 0;
            'pairs: for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    if linked(a, b, Ratio::Exact).is_none() {
                        continue;
                    }
                    if weighed == PAIRS_TIMED {
                        break 'pairs;
                    }
                    weighed += 1;
                    if self.grey.is_none_or(|luma| pair_timed(luma, a, b, *invert)) {
                        self.timed_pairs.push([*a, *b]);
                    }
                }
            }
        }
        self.corners_paired = self.corners.len();
        self.timed_pairs
            .iter()
            .any(|[a, b]| outside(a) && outside(b))
    }

    /// How many candidates came from a scan of this kind.
    fn count(&self, scan: Ratio) -> usize {
        self.candidates.iter().filter(|c| c.scan == scan).count()
    }

    /// Candidates not yet zoomed into that no code found so far explains (lies in
    /// and fills a sixth of); those of the tolerant scan only if `tolerant`. Then
    /// the places kept aside ([`Search::hidden`]) that no candidate left to zoom
    /// holds any more.
    fn unexplained(&self, tolerant: bool) -> Vec<Candidate> {
        let open = |c: &&Candidate| {
            !c.zoomed && (tolerant || c.scan != Ratio::Tolerant) && !self.explained(c)
        };
        let pending = |c: &Candidate| !c.zoomed && !self.explained(c);
        let surfaced = |h: &&Candidate| {
            !self
                .candidates
                .iter()
                .any(|c| pending(c) && c.holds(&h.rect, h.module, h.scan))
        };
        let list = self.candidates.iter().filter(open);
        list.chain(self.hidden.iter().filter(open).filter(surfaced))
            .copied()
            .collect()
    }

    /// Whether a code found explains a candidate: the exact and tolerant scans'
    /// boxes that lie half in a code (its data modules' look-alikes), and any box
    /// whose centre a code found fills a sixth of.
    fn explained(&self, c: &Candidate) -> bool {
        // The exact scan's look-alikes inside a code found (its data modules)
        // outline boxes that lie mostly in it: that code explains them.
        let within = c.scan != Ratio::Whole
            && self
                .found
                .iter()
                .any(|f| Rect::around(&f.bounds).overlap(&c.rect) * 2 >= c.rect.area());
        within
            || self.found.iter().any(|f| {
                let (cx, cy) = f.bounds.iter().fold((0, 0), |(x, y), p| (x + p.0, y + p.1));
                // A box merged from several triples can hold a small code found
                // and another not yet read: only a code that fills a good part of
                // the box explains it (a box around one code is the code and
                // eight modules each side, 37 % of it for a 25-module code).
                c.rect.contains(cx / 4, cy / 4)
                    && Rect::around(&f.bounds).area() * 6 >= c.rect.area()
                    && self.parts_found(&c.parts)
            })
    }

    /// Whether every triple merged into a box, as far as they are listed, has
    /// a finder pattern in a code found (a grid rqrr located lists none). A
    /// triple wholly outside the codes found outlines a code of its own: a box
    /// merged across two codes is not explained by the first code read in it.
    /// (A triple with one corner in a code found is that code's finder pattern
    /// and a look-alike beside it, or two codes' finder patterns.)
    fn parts_found(&self, parts: &Parts) -> bool {
        let codes: Vec<Rect> = self.found.iter().map(|f| Rect::around(&f.bounds)).collect();
        parts.listed().iter().all(|triple| {
            triple
                .iter()
                .any(|&(x, y)| codes.iter().any(|code| code.contains(x as i32, y as i32)))
        })
    }

    /// Runs `rqrr` on a binarised image and keeps every new payload. True if anything new was found.
    fn detect(&mut self, bits: GrayImage, frame: &Frame, pass: Pass) -> bool {
        // rqrr is stopped if its work passes a bound (`bounded`: a busy frame can
        // keep it repainting the same pixels for minutes), or if it panics.
        let grids = bounded::detect(bits, read).unwrap_or_default();
        let before = self.found.len();
        for (read, bounds, size) in grids {
            let Some((version, payload)) = read else {
                // rqrr found three finder patterns and the grid between them, but it
                // did not decode: a code is there.
                self.unreadable = true;
                self.located(&bounds.map(|p| frame.map(p)), size);
                continue;
            };
            self.keep(version, payload, bounds.map(|p| frame.map(p)), pass);
        }
        self.found.len() > before
    }

    /// Samples the codes the corner triples in a box outline (at most
    /// [`SAMPLED_FIRST`] of them), from the grey pixels, before rqrr is given the
    /// box: whether anything new was read, and whether every triple in the box now
    /// lies in a code found (then rqrr has nothing left to find there).
    fn sample_box(
        &mut self,
        finders: &[Finder],
        sets: &[[usize; 3]],
        rect: &Rect,
        invert: bool,
        frame: &Frame,
    ) -> (bool, bool) {
        let Some(luma) = self.grey else {
            return (false, false);
        };
        let inside: Vec<sample::Finders> = sets
            .iter()
            .filter(|set| {
                set.iter()
                    .all(|&i| rect.contains(finders[i].x as i32, finders[i].y as i32))
            })
            .map(|&set| frame.triple(finders, set, invert))
            .collect();
        if inside.is_empty() || inside.len() > SAMPLED_FIRST {
            return (false, false);
        }
        let in_a_code = |found: &[Found], triple: &sample::Finders| {
            found.iter().any(|f| {
                let code = Rect::around(&f.bounds);
                triple
                    .centres
                    .iter()
                    .all(|p| code.contains(p.x as i32, p.y as i32))
            })
        };
        let mut new = false;
        for triple in &inside {
            if !in_a_code(&self.found, triple) {
                new |= self.sampled(luma, triple);
            }
        }
        let covered = inside.iter().all(|t| in_a_code(&self.found, t));
        (new, covered)
    }

    /// Samples the grid the finder patterns outline from the grey pixels (see
    /// [`sample`]) and keeps its payload if it decodes and is new.
    fn sampled(&mut self, luma: &Luma, finders: &sample::Finders) -> bool {
        if self.unread.iter().any(|u| u.same_place(finders)) {
            return false;
        }
        let got = catch_unwind(AssertUnwindSafe(|| {
            sample::first(luma, finders, |grid| read(grid).map(|r| (r, grid.bounds)))
        }))
        .ok()
        .flatten();
        let Some(((version, payload), bounds)) = got else {
            if self.unread.len() == MAX_UNREAD {
                self.unread.remove(0);
            }
            self.unread.push(*finders);
            return false;
        };
        let pass = if finders.invert {
            Pass::SampledInverted
        } else {
            Pass::Sampled
        };
        let bounds = bounds.map(|p| (p.x.round() as i32, p.y.round() as i32));
        self.keep(version, payload, bounds, pass)
    }

    /// Keeps a payload unless it was found before. True if it is new.
    fn keep(
        &mut self,
        version: u8,
        payload: text::Payload,
        bounds: [(i32, i32); 4],
        pass: Pass,
    ) -> bool {
        if self
            .found
            .iter()
            .any(|f| f.bytes.expose() == payload.bytes.as_slice())
        {
            return false;
        }
        self.found.push(Found {
            text: SecretText::new(payload.text),
            bytes: SecretBytes::from(payload.bytes),
            version,
            bounds,
            pass,
        });
        true
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
    /// Its height: the five runs down the column through the first row's centre.
    tall: usize,
}

impl Finder {
    /// A pattern first seen on a row: centre `x`, five runs `span` wide, the
    /// column through it `tall`.
    const fn new(x: usize, y: usize, span: usize, tall: usize) -> Self {
        Self {
            x,
            y,
            span,
            square: tall * 10 >= span * 7 && tall * 10 <= span * 14,
            tall,
        }
    }
}

/// A finder pattern followed down the rows of a scan, from the first row whose
/// five runs matched.
struct Track {
    /// The first row's centre, and how far a later row's may lie from it.
    centre: usize,
    tolerance: usize,
    /// The first row's span.
    span: usize,
    /// The first and the last row it was seen on.
    first: usize,
    last: usize,
    /// Its place in the scan's list.
    index: usize,
    /// Each row it was seen on: (row, centre, span).
    rows: Vec<(usize, usize, usize)>,
}

impl Track {
    /// A pattern first seen on row `y` (centre, tolerance, span of its five runs),
    /// at `index` in its list.
    fn new(centre: usize, tolerance: usize, y: usize, span: usize, index: usize) -> Self {
        Self {
            centre,
            tolerance,
            span,
            first: y,
            last: y,
            index,
            rows: vec![(y, centre, span)],
        }
    }

    /// Whether five runs on row `y` continue this pattern: about where it was, as
    /// wide as its first row, and no taller than that is wide.
    fn continues(&self, centre: usize, tolerance: usize, y: usize, span: usize) -> bool {
        self.centre.abs_diff(centre) <= self.tolerance.max(tolerance)
            && 2 * span <= 3 * self.span
            && 2 * self.span <= 3 * span
            && y - self.first <= self.span
    }

    /// The pattern seen again on row `y`: the finder takes the middle row (the
    /// middle of the rows seen, and that row's centre and width). The first row
    /// to match may cross the top of the dark centre, where anti-aliasing or JPEG
    /// shortens the outer runs (1:1:6:3:3 for 3:3:9:3:3): kept, it made the finder
    /// of a clean 3 px code two thirds of its width and "not square", so no triple
    /// held it. (The widest row is no better: at 1.7 px a module a row that runs
    /// into a data module beside the pattern is the widest.)
    fn seen_again(&mut self, finder: &mut Finder, centre: usize, y: usize, span: usize) {
        self.last = y;
        self.rows.push((y, centre, span));
        let middle = (self.first + y) / 2;
        let nearest = self.rows.iter().min_by_key(|row| row.0.abs_diff(middle));
        if let Some(&(_, x, span)) = nearest {
            *finder = Finder::new(x, middle, span, finder.tall);
        }
    }
}

/// Places that look like a finder pattern, for each of `ratios`: a 1:1:3:1:1 run
/// of dark and light across a row and down the column through its centre, with
/// the tolerance rqrr uses, followed over the rows it spans. Per ratio,
/// dark-on-light patterns first, then light-on-dark ones (the inverse of the
/// image inside its white border), each list stopping at `stop`. One linear scan
/// of the image for all ratios, one column walk per place: the same lists as one
/// scan per ratio.
///
/// Linear, and cheap where it matters (2026-12-01, tenth and fourteenth rounds of
/// `docs/qr-pipeline.md`): a row's colour changes are found 64 pixels at a time
/// ([`Edges`]); five runs that no ratio could take are dropped by a quick test
/// run over the whole row at once ([`RowRuns`]), and the rest are tested for
/// every ratio together, without a branch ([`Ratio::passed`]); a column already
/// walked through the same dark centre, on an earlier row, is not walked again
/// ([`Walked::answers`]); a walk stops at the first run too long for the
/// centre, and a walk for the tolerant test alone past its longest run. Each
/// gives exactly the lists of the plain scan (unit tests compare them).
fn finders_by<const N: usize>(
    bits: &GrayImage,
    stop: usize,
    ratios: [Ratio; N],
) -> [[Vec<Finder>; 2]; N] {
    let width = bits.width() as usize;
    let height = bits.height() as usize;
    let pad = PAD as usize;
    let mut found: [[Vec<Finder>; 2]; N] = std::array::from_fn(|_| [Vec::new(), Vec::new()]);
    if width <= 2 * pad || height <= 2 * pad {
        return found;
    }
    let raw = bits.as_raw();
    // Per ratio and polarity, the patterns seen on recent rows.
    let mut active: [[Vec<Track>; 2]; N] = std::array::from_fn(|_| [Vec::new(), Vec::new()]);
    // Per polarity and column, the last walk down it.
    let mut walked: [Vec<Walked>; 2] = [vec![Walked::NONE; width], vec![Walked::NONE; width]];
    let wanted = ratios.iter().fold(0, |set, ratio| set | ratio.bit());
    let mut row_runs = RowRuns::default();
    for y in pad..height - pad {
        if found.iter().flatten().all(|list| list.len() >= stop) {
            break;
        }
        for list in active.iter_mut().flatten() {
            list.retain(|a| a.last + 2 >= y);
        }
        let row = &raw[y * width + pad..y * width + width - pad];
        row_runs.read(row);
        for (first, may) in row_runs.candidates() {
            // Five runs in a row, the last ending at x: dark-light-dark-light-dark in
            // one polarity or the other (a run at the row's end ends at the border).
            let runs: [usize; 5] = std::array::from_fn(|i| row_runs.lengths[first + i] as usize);
            let x = row_runs.ends[first + 4] as usize;
            let colour = row[x - 1];
            let passed = Ratio::passed(&runs, may) & wanted;
            if passed == 0 {
                continue;
            }
            let polarity = usize::from(colour == 0);
            let centre = pad + x - runs[4] - runs[3] - runs[2] / 2;
            let tolerance = runs[2] / 2 + 1;
            let span: usize = runs.iter().sum();
            let flip = u8::from(polarity == 1);
            // Runs down the column as long as the row's, twice over; only as long as
            // the tolerant test takes any where it is the only one to take the row's.
            let tolerant_only = passed & !Ratio::Tolerant.bit() == 0;
            let reach = if tolerant_only {
                (span * 2).min(finder::LONGEST_RUN + 1)
            } else {
                span * 2
            };
            let column = Column {
                x: centre,
                y,
                flip,
                reach,
            };
            // The column's runs, walked once for every ratio that needs them.
            let mut down: Option<Option<[usize; 5]>> = None;
            for ((ratio, found), active) in ratios.iter().zip(&mut found).zip(&mut active) {
                let list = &mut found[polarity];
                if list.len() >= stop || passed & ratio.bit() == 0 {
                    continue;
                }
                // The same pattern on the next rows: as wide, and no taller than it is wide.
                let mut track = active[polarity].iter_mut();
                if let Some(seen) = track.find(|a| a.continues(centre, tolerance, y, span)) {
                    seen.seen_again(&mut list[seen.index], centre, y, span);
                    continue;
                }
                let vertical = *down.get_or_insert_with(|| {
                    let last = &mut walked[polarity][centre];
                    if let Some(runs) = last.answers(&column) {
                        return runs;
                    }
                    let walk = column_runs(raw, width, height, &column);
                    if let Some(w) = walk.walked {
                        *last = w;
                    }
                    walk.runs
                });
                let Some(tall) = vertical
                    .filter(|v| ratio.matches(v))
                    .map(|v| v.iter().sum::<usize>())
                else {
                    continue;
                };
                active[polarity].push(Track::new(centre, tolerance, y, span, list.len()));
                list.push(Finder::new(centre, y, span, tall));
            }
        }
    }
    found
}

/// A row's runs of one colour, and which five runs in a row a ratio may take.
#[derive(Default)]
struct RowRuns {
    /// Each run's length, and where it ends (the next one's first pixel; past
    /// the row's runs, what earlier rows left).
    lengths: Vec<u32>,
    ends: Vec<u32>,
    /// For each five runs in a row (by the first), which ratios may take them
    /// ([`Ratio::may`]): the quick tests for a whole row at once, in one loop the
    /// compiler vectorises.
    may: Vec<u8>,
}

impl RowRuns {
    /// Reads the runs of `row`.
    fn read(&mut self, row: &[u8]) {
        // Where each run ends (at most one per pixel: the buffer is only ever
        // grown, never cleared), then their lengths.
        if self.ends.len() <= row.len() {
            self.ends.resize(row.len() + 1, 0);
        }
        let mut count = 0;
        for x in Edges::new(row).chain(std::iter::once(row.len())) {
            if let Some(end) = self.ends.get_mut(count) {
                *end = x as u32;
                count += 1;
            }
        }
        let ends = &self.ends[..count];
        self.lengths.clear();
        self.lengths.extend(ends.first());
        let pairs = ends.iter().zip(ends.iter().skip(1));
        self.lengths.extend(pairs.map(|(start, end)| end - start));
        let fives = self.lengths.len().saturating_sub(4);
        self.may.clear();
        self.may.resize(fives, 0);
        let l = &self.lengths;
        let shifted = |by: usize| l.get(by..).unwrap_or_default();
        let fives = self
            .may
            .iter_mut()
            .zip(l)
            .zip(shifted(1))
            .zip(shifted(2))
            .zip(shifted(3))
            .zip(shifted(4));
        for (((((may, &a), &b), &c), &d), &e) in fives {
            *may = Ratio::may([a, b, c, d, e]);
        }
    }

    /// The first run of each five in a row that a ratio may take, and which.
    fn candidates(&self) -> impl Iterator<Item = (usize, u8)> + '_ {
        self.may
            .iter()
            .enumerate()
            .filter(|(_, may)| **may != 0)
            .map(|(first, &may)| (first, may))
    }
}

/// The places in a binarised row (pixels 0 and 1) where the colour changes
/// (each position `x` with `row[x] != row[x - 1]`), in order: 64 pixels compared
/// at a time, eight to a word, so long runs cost a sixty-fourth and short ones
/// no branch per pixel.
struct Edges<'a> {
    row: &'a [u8],
    /// The first position of the current group of 64.
    base: usize,
    /// The changes left in the group: bit `k` set for a change at `base + k`.
    mask: u64,
}

impl<'a> Edges<'a> {
    const GROUP: usize = 64;

    fn new(row: &'a [u8]) -> Self {
        let mut edges = Self {
            row,
            base: 1,
            mask: 0,
        };
        edges.mask = edges.group();
        edges
    }

    /// The changes at `base..base + 64`.
    #[inline]
    fn group(&self) -> u64 {
        let (row, base) = (self.row, self.base);
        // The 64 pixels and the one before them.
        let Some(Ok(pixels)) = row
            .get(base - 1..base + Self::GROUP)
            .map(<&[u8; 65]>::try_from)
        else {
            return (base..row.len())
                .filter(|&x| row[x] != row[x - 1])
                .fold(0, |mask, x| mask | (1 << (x - base)));
        };
        let mut mask = 0;
        let mut before = u64::from(pixels[0]);
        for k in 0..8 {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&pixels[1 + 8 * k..9 + 8 * k]);
            let word = u64::from_le_bytes(bytes);
            // Each pixel against the one before it (the last of the previous word
            // comes in at the bottom): a byte 1 where the colour changes, 0 where
            // not, then those eight bytes gathered into one byte (each lands on a
            // bit of its own: no carries).
            let diff = word ^ ((word << 8) | before);
            before = word >> 56;
            mask |= (diff.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
        }
        mask
    }
}

impl Iterator for Edges<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.base += Self::GROUP;
            if self.base >= self.row.len() {
                return None;
            }
            self.mask = self.group();
        }
        let k = self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        Some(self.base + k)
    }
}

/// What [`column_runs`] found: the runs, and what the walk tells rows below (if
/// the row was dark there).
struct Walk {
    runs: Option<[usize; 5]>,
    walked: Option<Walked>,
}

/// A column walked through a dark centre run: the rows `top..=bottom` are dark
/// (the whole run if it ended within reach both ways, `ends`; else as far as the
/// walk went). A later row of the same column inside them gets its answer here
/// ([`Walked::answers`]) instead of walking again.
/// Small (rows and runs as `u32`: a table of them per column stays in the cache).
#[derive(Clone, Copy, Debug)]
struct Walked {
    top: u32,
    bottom: u32,
    /// The longest outer run walked: the reach, or one more than the centre allows.
    cap: u32,
    ends: bool,
    runs: Option<[u32; 5]>,
}

impl Walked {
    /// No walk: no row inside.
    const NONE: Self = Self {
        top: 1,
        bottom: 0,
        cap: 0,
        ends: false,
        runs: None,
    };

    /// What [`column_runs`] would give for `column` (of the same x), if this walk
    /// tells:
    /// - no runs when the dark rows reach `reach` pixels or more beyond its row,
    ///   either way: the walk would stop there inside the dark run, and the light
    ///   run after it would be empty. (Between the letters of a line of text, in
    ///   the light-on-dark polarity, this is the common case: every row of the
    ///   line walked the same background column, up and down, to its reach.)
    /// - the runs walked, when the dark centre ended within reach both ways and
    ///   the cap on the outer runs is the same: every row of that run gives the
    ///   same result (the outer runs start at the same places).
    fn answers(&self, column: &Column) -> Option<Option<[usize; 5]>> {
        let (y, top, bottom) = (column.y, self.top as usize, self.bottom as usize);
        if !(top..=bottom).contains(&y) {
            return None;
        }
        if y - top >= column.reach || bottom - y >= column.reach {
            return Some(None);
        }
        let same = self.ends && outer_cap(column.reach, bottom - top + 1) == self.cap as usize;
        same.then(|| self.runs.map(|runs| runs.map(|r| r as usize)))
    }
}

/// The longest outer run a column walk follows: `reach`, or one more than any
/// ratio allows beside a centre run of `centre` pixels (each outer run is at most
/// 7/16 of the four together, and they are at most (16·centre + 27)/9 together:
/// see [`Ratio::may`]; the tolerant test's are shorter than the centre).
fn outer_cap(reach: usize, centre: usize) -> usize {
    reach.min((7 * (16 * centre + 27) / 144).max(centre) + 1)
}

/// The five runs, alternating colour, of the column through (x, y), centred on y,
/// if y is dark (`flip` 1: light-on-dark; the white border always counts as
/// light), none of them is empty and a ratio could take them: each run capped at
/// `reach`, and the walk stopped (`None`) as soon as an outer run is longer than
/// any ratio allows for the centre run (so a letter's column does not walk the
/// whole line spacing above and below it).
fn column_runs(raw: &[u8], width: usize, height: usize, column: &Column) -> Walk {
    let &Column { x, y, flip, reach } = column;
    let pad = PAD as usize;
    let at = |yy: usize| {
        if yy < pad || yy >= height - pad {
            0
        } else {
            raw.get(yy * width + x).copied().unwrap_or(0) ^ flip
        }
    };
    if at(y) != 1 {
        return Walk {
            runs: None,
            walked: None,
        };
    }
    // A run of `colour` from `from`, up or down, at most `cap` long: its length,
    // and where the next run starts (none past the image's edge).
    let run = |from: usize, up: bool, colour: u8, cap: usize| {
        let (mut length, mut yy) = (0usize, from);
        while length < cap && at(yy) == colour {
            length += 1;
            if up {
                if yy == 0 {
                    return (length, None);
                }
                yy -= 1;
            } else {
                if yy + 1 >= height {
                    return (length, None);
                }
                yy += 1;
            }
        }
        (length, Some(yy))
    };
    let (up, above) = run(y, true, 1, reach);
    let (down, below) = run(y, false, 1, reach);
    let centre = up + down - 1;
    let cap = outer_cap(reach, centre);
    let outer = (|| {
        // Above: light then dark; below: the same.
        let mut outer = [0usize; 4];
        for (side, start, up) in [(0, above, true), (2, below, false)] {
            let mut next = start;
            for (i, colour) in [0u8, 1].into_iter().enumerate() {
                let (length, after) = run(next?, up, colour, cap);
                if length == 0 || (cap < reach && length >= cap) {
                    return None;
                }
                outer[side + i] = length;
                next = after;
            }
        }
        Some(outer)
    })();
    let runs = outer.map(|[up1, up2, down1, down2]| [up2, up1, centre, down1, down2]);
    // Where the centre ended short of `reach` both ways (the border is light, so
    // a dark run never meets the image's edge), its ends are known.
    let walked = Some(Walked {
        top: (y + 1 - up) as u32,
        bottom: (y + down - 1) as u32,
        cap: cap as u32,
        ends: up < reach && down < reach,
        runs: runs.map(|runs| runs.map(|r| r as u32)),
    });
    Walk { runs, walked }
}

/// Where [`column_runs`] looks: the column through (`x`, `y`), runs up to `reach`
/// pixels, `flip` 1 for light-on-dark.
struct Column {
    x: usize,
    y: usize,
    flip: u8,
    reach: usize,
}

/// Boxes in `bits` around every code three finder patterns could outline (see
/// [`triples`]), overlapping boxes merged; the whole frame when look-alikes are
/// everywhere.
fn clusters(triples: Option<&[Span]>, bits: &GrayImage) -> Vec<Cluster> {
    let (w, h) = (bits.width() as f32, bits.height() as f32);
    let whole = |module| {
        vec![Cluster {
            rect: Rect::spanning(0, 0, w as usize, h as usize),
            module,
            corners: None,
            invert: false,
            parts: Parts::default(),
        }]
    };
    let Some(triples) = triples else {
        return whole(1.0);
    };
    let mut boxes: Vec<Span> = Vec::new();
    for &triple in triples {
        let mut b = triple;
        // Merged with every box it overlaps, so that none overlap.
        while let Some(i) = boxes.iter().position(|m| m.overlaps(&b)) {
            let m = boxes.swap_remove(i);
            b = Span {
                x0: m.x0.min(b.x0),
                y0: m.y0.min(b.y0),
                x1: m.x1.max(b.x1),
                y1: m.y1.max(b.y1),
                module: m.module.min(b.module),
                parts: m.parts.merged(&b.parts),
            };
        }
        boxes.push(b);
        // Look-alikes everywhere: the whole frame, which is then not cropped.
        if boxes.len() > MAX_CROPS {
            return whole(b.module);
        }
    }
    boxes
        .iter()
        .map(Span::cluster)
        .filter(|c| c.rect.area() > 0)
        .collect()
}

/// The box around each code three finder patterns could outline (see
/// [`corner_triples`]): the three and the fourth corner they imply, grown by eight
/// modules (3.5 from a finder's centre to the code's edge, the rest for
/// perspective). `None` when there are more than [`MAX_TRIPLES`] (look-alikes
/// everywhere).
fn triples(finders: &[Finder], bits: &GrayImage, ratio: Ratio) -> Option<Vec<Span>> {
    let sets = corner_triples(finders, ratio)?;
    Some(spans(finders, &sets, bits))
}

/// The box around the code each corner triple outlines (see [`triples`]).
fn spans(finders: &[Finder], sets: &[[usize; 3]], bits: &GrayImage) -> Vec<Span> {
    let (w, h) = (bits.width() as f32, bits.height() as f32);
    sets.iter()
        .map(|&[a, b, c]| {
            let (a, b, c) = (&finders[a], &finders[b], &finders[c]);
            let module = a.span as f32 / 7.0 * corner_turned(a, b, c);
            let (ax, ay) = (a.x as f32, a.y as f32);
            let (bx, by) = (b.x as f32 - ax, b.y as f32 - ay);
            let (cx, cy) = (c.x as f32 - ax, c.y as f32 - ay);
            let xs = [ax, ax + bx, ax + cx, ax + bx + cx];
            let ys = [ay, ay + by, ay + cy, ay + by + cy];
            let grow = 8.0 * module;
            let fold =
                |v: &[f32; 4], f: fn(f32, f32) -> f32| v[1..].iter().fold(v[0], |m, &x| f(m, x));
            Span {
                x0: (fold(&xs, f32::min) - grow).max(0.0),
                y0: (fold(&ys, f32::min) - grow).max(0.0),
                x1: (fold(&xs, f32::max) + grow).min(w),
                y1: (fold(&ys, f32::max) + grow).min(h),
                module,
                parts: Parts::one([(ax, ay), (b.x as f32, b.y as f32), (c.x as f32, c.y as f32)]),
            }
        })
        .collect()
}

/// The boxes around the corner triples (linked by `ratio`'s test: the tolerant
/// scan's, or a list with too many triples to crop around) whose timing patterns show
/// in `bits` ([`finder::timing_score`] at least [`finder::TIMING_SHOWN`]), best first, at
/// most [`MAX_TOLERANT`]: however many look-alikes the test lets through, the
/// places kept are ranked by what a code has between its finder patterns, not by
/// where on the page they came first.
///
/// With the grey pixels the frame was made from (`grey`: the input and how this
/// frame maps to it), the [`GREY_RANKED`] best of those that show at least
/// [`TIMING_GLIMPSED`] are ranked by how their timing patterns alternate in the
/// grey pixels instead ([`finder::grey_timing`], at least [`GREY_TIMING`]): at
/// 1.5–2 px a module a binarised timing pattern is one pixel thin, a line three
/// modules in from the finder centres runs beside it, and a real code scored 0.22
/// where a triple with a wrong corner scored 0.31.
fn timed_triples(
    finders: &[Finder],
    ratio: Ratio,
    bits: &GrayImage,
    invert: bool,
    grey: Option<(&Luma, &Frame)>,
) -> Vec<Cluster> {
    let (sets, _) = triples_up_to(finders, ratio, usize::MAX);
    let at = |i: usize| finder::At {
        x: finders[i].x as f32,
        y: finders[i].y as f32,
    };
    let least = if grey.is_some() {
        TIMING_GLIMPSED
    } else {
        finder::TIMING_SHOWN
    };
    // Each leg (corner, neighbour, the side the code lies on) is scored once, at
    // the module its two finder patterns give: on a page of look-alikes a leg
    // belongs to many triples.
    let mut legs: HashMap<(usize, usize, bool), f32> = HashMap::new();
    let mut leg = |a: usize, b: usize, c: usize| -> f32 {
        let (pa, pb, pc) = (at(a), at(b), at(c));
        let side = (pb.x - pa.x) * (pc.y - pa.y) > (pb.y - pa.y) * (pc.x - pa.x);
        *legs.entry((a, b, side)).or_insert_with(|| {
            let module = (finders[a].span + finders[b].span) as f32 / 14.0
                * turned(&finders[a], &finders[b]);
            finder::timing_line(bits, u8::from(invert), pa, pb, pc, module)
        })
    };
    let mut scored: Vec<(f32, [usize; 3])> = sets
        .into_iter()
        .filter_map(|set @ [a, b, c]| {
            let first = leg(a, b, c);
            if first < least {
                return None;
            }
            let score = first.min(leg(a, c, b));
            (score >= least).then_some((score, set))
        })
        .collect();
    scored.sort_by(|p, q| q.0.total_cmp(&p.0));
    if let Some((luma, frame)) = grey {
        scored.truncate(GREY_RANKED);
        scored = scored
            .into_iter()
            .filter_map(|(_, set)| {
                let score = grey_verified(luma, &frame.triple(finders, set, invert));
                (score >= GREY_TIMING).then_some((score, set))
            })
            .collect();
        scored.sort_by(|p, q| q.0.total_cmp(&p.0));
    }
    scored.truncate(MAX_TOLERANT);
    scored
        .iter()
        .map(|&(_, set)| Cluster {
            corners: Some(set.map(|i| (finders[i].x, finders[i].y))),
            invert,
            ..spans(finders, &[set], bits)[0].cluster()
        })
        .filter(|c| c.rect.area() > 0)
        .collect()
}

/// Every three finder patterns that could be a code's corners (indices into
/// `finders`, the corner first): one corner and two neighbours of similar size at
/// similar distances (10–245 modules, within rqrr's 25 %) at a rough right angle.
/// `None` when there are more than [`MAX_TRIPLES`] (look-alikes everywhere).
fn corner_triples(finders: &[Finder], ratio: Ratio) -> Option<Vec<[usize; 3]>> {
    let (found, complete) = triples_up_to(finders, ratio, MAX_TRIPLES + 1);
    (complete && found.len() <= MAX_TRIPLES).then_some(found)
}

/// The `keep` largest corner triples (by the area they outline, largest first), however many
/// look-alikes there are: in a dense code (an export's version 25 and up) data
/// modules form dozens of small triples, and the code's own finder patterns
/// outline the largest. At most [`TRIPLE_WORK`] pairs are weighed.
fn largest_corner_triples(finders: &[Finder], ratio: Ratio, keep: usize) -> Vec<[usize; 3]> {
    let (mut found, _) = triples_up_to(finders, ratio, usize::MAX);
    // Twice the triangle's area: largest for long legs at a right angle, so a
    // longer but skewed triple of look-alikes does not outrank the code's own.
    let extent = |&[a, b, c]: &[usize; 3]| {
        let leg = |i: usize| {
            (
                finders[i].x as f32 - finders[a].x as f32,
                finders[i].y as f32 - finders[a].y as f32,
            )
        };
        let ((bx, by), (cx, cy)) = (leg(b), leg(c));
        (bx * cy - by * cx).abs()
    };
    found.sort_by(|p, q| extent(q).total_cmp(&extent(p)));
    found.truncate(keep);
    found
}

/// A finder pattern's row run ([`Finder::span`]) is seven modules wide only in an
/// upright code: in a code turned by θ the run through its centre crosses it
/// over 1/cos θ of its side (θ folded into 0–45°; at 45° the run is 1.41 times
/// too long, and a timing pattern read at that module alternates at the wrong
/// period). The line from one corner `a` to a neighbour `b` is turned by θ:
/// this is its cos θ, the factor from the run to seven modules.
fn turned(a: &Finder, b: &Finder) -> f32 {
    upright(b.x as f32 - a.x as f32, b.y as f32 - a.y as f32)
}

/// [`turned`] for a corner `a` and its two neighbours: the mean of its two
/// edges', where they are turned alike as a square's two edges from one corner
/// are (within [`TURNED_ALIKE`]: ten degrees apart in perspective). Where they
/// are not, one neighbour is a look-alike off the code's edge (text above a
/// code: tune12 page-0417, whose box then took a module a fifth too small and a
/// zoom enlarged past where it read), and the runs are taken along the more
/// upright edge.
fn corner_turned(a: &Finder, b: &Finder, c: &Finder) -> f32 {
    let (ab, ac) = (turned(a, b), turned(a, c));
    if (ab - ac).abs() <= TURNED_ALIKE {
        (ab + ac) / 2.0
    } else {
        ab.max(ac)
    }
}

/// How far apart two edges' cos θ ([`turned`]) may be for one corner of a
/// square in perspective: 35° and 45° are 0.11 apart.
const TURNED_ALIKE: f32 = 0.15;

/// [`turned`] for a code edge along (`dx`, `dy`): cos θ, θ its angle to the
/// nearer axis.
fn upright(dx: f32, dy: f32) -> f32 {
    let d = (dx * dx + dy * dy).sqrt();
    if d > 0.0 {
        dx.abs().max(dy.abs()) / d
    } else {
        1.0
    }
}

/// Whether two finder patterns could be two corners of one code: both square, of
/// one size (within rqrr's tolerance for the whole-pixel test, a quarter for the
/// exact one) and 10–[`LINK_MODULES`] modules apart; if so, the offset from `a` to
/// `b` and its length.
fn linked(a: &Finder, b: &Finder, ratio: Ratio) -> Option<(f32, f32, f32)> {
    let (small, big) = (a.span.min(b.span), a.span.max(b.span));
    let similar = match ratio {
        Ratio::Whole => big <= 2 * small + 2,
        // A code's finder patterns are one size (a quarter apart under
        // perspective): the exact test's extra look-alikes, text strokes of any
        // width, link up far less when the sizes must agree.
        Ratio::Exact | Ratio::Tolerant => 4 * big <= 5 * small + 8,
    };
    let module = a.span as f32 / 7.0;
    let (dx, dy) = (b.x as f32 - a.x as f32, b.y as f32 - a.y as f32);
    let d = (dx * dx + dy * dy).sqrt();
    (a.square && b.square && similar && d >= 10.0 * module && d <= LINK_MODULES as f32 * module)
        .then_some((dx, dy, d))
}

/// Pairs of linked look-alikes of one list whose timing patterns
/// [`Search::corners_unexplained`] looks for, at most (each costs up to six
/// [`grey_verified`] lines, most of them stopped after the first).
const PAIRS_TIMED: usize = 256;

/// Whether two finder patterns that could be corners of one code ([`linked`])
/// show that code's timing patterns in the grey pixels ([`grey_verified`], at
/// least [`GREY_TIMING`]) for some place of its third corner: beside either of
/// them on either side (they are neighbouring corners), or off their middle on
/// either side (they are opposite ones). The third finder pattern need not be
/// seen: the timing patterns run between the finder patterns, not through them.
fn pair_timed(luma: &Luma, a: &Finder, b: &Finder, invert: bool) -> bool {
    let centre = |f: &Finder| sample::Point::new(f.x as f32 + 0.5, f.y as f32 + 0.5);
    let (pa, pb) = (centre(a), centre(b));
    // From a to b turned a quarter: the side of a neighbouring corner.
    let (nx, ny) = (pa.y - pb.y, pb.x - pa.x);
    let off = |p: sample::Point, k: f32| sample::Point::new(p.x + k * nx, p.y + k * ny);
    let middle = sample::Point::new((pa.x + pb.x) / 2.0, (pa.y + pb.y) / 2.0);
    // Neighbouring corners lie along the code's edge, opposite ones across its
    // diagonal, turned an eighth from it.
    let (dx, dy) = (pb.x - pa.x, pb.y - pa.y);
    let run = (a.span + b.span) as f32 / 14.0;
    let (along, across) = (run * upright(dx, dy), run * upright(dx - dy, dx + dy));
    [
        ([pa, pb, off(pa, 1.0)], along),
        ([pa, pb, off(pa, -1.0)], along),
        ([pb, pa, off(pb, 1.0)], along),
        ([pb, pa, off(pb, -1.0)], along),
        ([off(middle, 0.5), pa, pb], across),
        ([off(middle, -0.5), pa, pb], across),
    ]
    .into_iter()
    .any(|(centres, module)| {
        let finders = sample::Finders {
            centres,
            module,
            invert,
        };
        grey_verified(luma, &finders) >= GREY_TIMING
    })
}

/// Pairs of neighbours weighed at most when looking for corner triples: bounds the
/// time on a crop full of look-alikes (about a millisecond).
const TRIPLE_WORK: usize = 1 << 20;

/// The corner triples of [`corner_triples`], stopping after `stop` of them or
/// [`TRIPLE_WORK`] pairs; true if every pair was weighed.
fn triples_up_to(finders: &[Finder], ratio: Ratio, stop: usize) -> (Vec<[usize; 3]>, bool) {
    let mut found: Vec<[usize; 3]> = Vec::new();
    let mut work = 0usize;
    for (ia, a) in finders.iter().enumerate().filter(|(_, f)| f.square) {
        let near: Vec<(usize, f32, f32, f32)> = finders
            .iter()
            .enumerate()
            .filter_map(|(ib, b)| linked(a, b, ratio).map(|(dx, dy, d)| (ib, dx, dy, d)))
            .collect();
        for (i, &(ib, bx, by, bd)) in near.iter().enumerate() {
            for &(ic, cx, cy, cd) in &near[i + 1..] {
                work += 1;
                if work > TRIPLE_WORK {
                    return (found, false);
                }
                let ratio = bd.min(cd) / bd.max(cd);
                let cos = (bx * cx + by * cy) / (bd * cd);
                if ratio < 0.75 || cos.abs() > 0.5 {
                    continue;
                }
                found.push([ia, ib, ic]);
                if found.len() >= stop {
                    return (found, false);
                }
            }
        }
    }
    (found, true)
}

/// A box in a binarised image that finder patterns outline.
#[derive(Clone, Copy, Debug)]
struct Cluster {
    rect: Rect,
    /// The smallest module size its finder patterns suggest, in that image's pixels.
    module: f32,
    /// The finder centres (corner first) of the one triple that outlines it, if
    /// it is one triple's box and not several merged.
    corners: Option<[(usize, usize); 3]>,
    /// Whether those finder patterns are light on dark.
    invert: bool,
    /// The finder centres of the triples merged into it.
    parts: Parts,
}

/// A box in fractional pixels, with the module size of the code it outlines.
#[derive(Clone, Copy, Debug)]
struct Span {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    module: f32,
    /// The finder centres of the triples merged into it.
    parts: Parts,
}

impl Span {
    fn overlaps(&self, other: &Self) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn cluster(&self) -> Cluster {
        Cluster {
            rect: Rect::spanning(
                self.x0 as usize,
                self.y0 as usize,
                self.x1 as usize,
                self.y1 as usize,
            ),
            module: self.module,
            corners: None,
            invert: false,
            parts: self.parts,
        }
    }
}

/// A part of a binarised image, inverted if asked, with a fresh white border of [`PAD`].
fn crop_bits(bits: &GrayImage, rect: &Rect, invert: bool) -> GrayImage {
    let Rect { x, y, w, h } = *rect;
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

/// How a run of five counts as a 1:1:3:1:1 finder pattern: each run within 75 % of
/// the unit (a quarter of the four outer runs), rqrr's tolerance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Ratio {
    /// rqrr's test: unit and tolerance in whole pixels. At 2–3 px a module drawn
    /// at a non-integer scale (runs of 3:2:9:2:3) the unit becomes 2 and the 9-px
    /// centre fails. Feeds the finder budget, the crops rqrr runs on and the
    /// candidates, as rqrr would see the frame.
    Whole,
    /// The unit and tolerance exact once the four outer runs add up to six pixels
    /// (a module of 1.5 px: runs such as 2:1:5:2:1); whole pixels below, as in
    /// rqrr (no slack for a one-pixel module keeps text and noise at the
    /// smallest scale out). Outlines candidates only: codes too fine for rqrr at
    /// this scale, read zoomed.
    Exact,
    /// ZXing's test ([`finder::tolerant`]), for modules of 1.4–8 px: a centre
    /// widened by blur (2:1:6:1:2) passes. Outlines candidates only, after the
    /// others' and never hiding them.
    Tolerant,
}

/// The finder tests of every frame's scan, in the order their lists come.
const SCANS: [Ratio; 3] = [Ratio::Whole, Ratio::Exact, Ratio::Tolerant];

impl Ratio {
    /// This ratio's bit in a set of ratios ([`Ratio::passed`]).
    const fn bit(self) -> u8 {
        1 << self as u8
    }

    /// Which ratios could take these runs, cheaply enough for every five runs of
    /// a row and without a branch: the whole-pixel and exact ones ([`Self::RQRR`])
    /// if the centre run is between 9/16 and 15/16 of the four outer ones together
    /// (less 27/16 px for the whole-pixel unit's rounding), the tolerant one if
    /// the runs have what it needs of them ([`finder::may_be_tolerant`]). Most
    /// runs of text get an empty set.
    #[inline(always)]
    fn may(runs: [u32; 5]) -> u8 {
        let outer = runs[0] + runs[1] + runs[3] + runs[4];
        let centre = 16 * runs[2];
        let rqrr = (centre + 27 >= 9 * outer) & (centre <= 15 * outer);
        (u8::from(rqrr) * Self::RQRR)
            | (u8::from(finder::may_be_tolerant(runs)) * Self::Tolerant.bit())
    }

    /// In [`Ratio::may`]'s set: the whole-pixel or the exact test may take them.
    const RQRR: u8 = Self::Whole.bit() | Self::Exact.bit();

    /// The ratios that take these runs, as a set of [`Ratio::bit`]s, of those
    /// that may ([`Ratio::may`]): what [`Ratio::matches`] says for each, each
    /// test computed whole, without a branch (on the runs of text every branch of
    /// the tests is a coin toss; a unit test compares the two on every five runs
    /// up to 22 px).
    #[inline(always)]
    fn passed(runs: &[usize; 5], may: u8) -> u8 {
        let mut set = 0;
        if may & Self::RQRR != 0 {
            let outer = runs[0] + runs[1] + runs[3] + runs[4];
            let whole = Self::whole_pixels(runs, outer);
            let exact = if outer < 6 {
                whole
            } else {
                Self::exact_unit(runs, outer)
            };
            set |= (u8::from(whole) * Self::Whole.bit()) | (u8::from(exact) * Self::Exact.bit());
        }
        if may & Self::Tolerant.bit() != 0 {
            set |= u8::from(finder::tolerant(runs)) * Self::Tolerant.bit();
        }
        set
    }

    /// Whether this ratio takes these runs.
    #[inline]
    fn matches(self, runs: &[usize; 5]) -> bool {
        let outer = runs[0] + runs[1] + runs[3] + runs[4];
        match self {
            Self::Tolerant => finder::tolerant(runs),
            Self::Whole => Self::whole_pixels(runs, outer),
            Self::Exact if outer < 6 => Self::whole_pixels(runs, outer),
            Self::Exact => Self::exact_unit(runs, outer),
        }
    }

    /// rqrr's test: each run within ¾ of the unit (a quarter of the four outer
    /// runs, `outer`), both in whole pixels.
    #[inline(always)]
    fn whole_pixels(runs: &[usize; 5], outer: usize) -> bool {
        const CHECK: [usize; 5] = [1, 1, 3, 1, 1];
        let unit = outer / 4;
        let err = unit * 3 / 4;
        runs.iter().zip(CHECK).fold(true, |ok, (&run, k)| {
            ok & (run + err >= k * unit) & (run <= k * unit + err)
        })
    }

    /// The same with the exact unit: |run − k·outer/4| ≤ ¾·outer/4, times 16.
    #[inline(always)]
    fn exact_unit(runs: &[usize; 5], outer: usize) -> bool {
        const CHECK: [usize; 5] = [1, 1, 3, 1, 1];
        runs.iter().zip(CHECK).fold(true, |ok, (&run, k)| {
            ok & ((16 * run).abs_diff(4 * k * outer) <= 3 * outer)
        })
    }
}

/// Decodes a grid as seen, then mirrored (codes photographed through a selfie camera).
fn read(grid: &dyn BitGrid) -> Option<(u8, text::Payload)> {
    let mut payload = Zeroizing::new(Vec::new());
    let meta = match rqrr::Grid::new(Plain(grid)).decode_to(&mut *payload) {
        Ok(meta) => meta,
        // Corrected, but a mode rqrr does not parse (structured append, FNC1, Hanzi).
        Err(rqrr::DeQRError::UnknownDataType) => return text::Payload::own(grid),
        Err(_) => {
            payload.clear();
            rqrr::Grid::new(Mirrored(grid))
                .decode_to(&mut *payload)
                .ok()?
        }
    };
    let version = u8::try_from(meta.version.0).unwrap_or(u8::MAX);
    Some((version, text::Payload::read(grid, payload)))
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

/// Rectangles that look like a QR code: dense texture in a square-ish block,
/// largest first.
fn regions(luma: &Luma) -> Vec<Rect> {
    const BLOCK: usize = binarize::BLOCK;
    const MIN_RANGE: u8 = 32;
    let (w, h) = (luma.width as usize, luma.height as usize);
    let (bw, bh) = (w / BLOCK, h / BLOCK);
    if bw < 3 || bh < 3 {
        return Vec::new();
    }
    // Blocks with strong contrast, grown by one block so a code's blocks join up.
    let mut busy = vec![false; bw * bh];
    let mut columns = binarize::Columns::new(w);
    for by in 0..bh {
        columns.gather(&luma.pixels[by * BLOCK * w..(by + 1) * BLOCK * w]);
        for bx in 0..bw {
            let (_, min, max) = columns.block(bx * BLOCK);
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
            boxes.push(Rect {
                x: x0,
                y: y0,
                w: cw,
                h: ch,
            });
        }
    }
    boxes.sort_by_key(|rect| std::cmp::Reverse(rect.area()));
    boxes
        .into_iter()
        .take(MAX_REGIONS)
        .map(|blocks| {
            // One block of margin on each side (the grown map already added one).
            let x = blocks.x.saturating_sub(1) * BLOCK;
            let y = blocks.y.saturating_sub(1) * BLOCK;
            Rect {
                x,
                y,
                w: ((blocks.w + 2) * BLOCK).min(w - x),
                h: ((blocks.h + 2) * BLOCK).min(h - y),
            }
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
    use crate::qr::encode;

    /// A binarised image (1 dark, 0 light) of `w`×`h` pixels inside a white border of
    /// [`PAD`], with `modules` (row strings of `#` and `.`) drawn at `scale` pixels a
    /// module with their top-left corner at (`x`, `y`).
    fn bits(w: u32, h: u32, drawings: &[(&[&str], u32, u32, u32)]) -> GrayImage {
        let mut image = GrayImage::new(w + 2 * PAD, h + 2 * PAD);
        for &(modules, scale, x, y) in drawings {
            for (row, line) in modules.iter().enumerate() {
                for (col, c) in line.chars().enumerate() {
                    if c != '#' {
                        continue;
                    }
                    for dy in 0..scale {
                        for dx in 0..scale {
                            let px = PAD + x + col as u32 * scale + dx;
                            let py = PAD + y + row as u32 * scale + dy;
                            image.put_pixel(px, py, image::Luma([1]));
                        }
                    }
                }
            }
        }
        image
    }

    const FINDER: &[&str] = &[
        "#######", "#.....#", "#.###.#", "#.###.#", "#.###.#", "#.....#", "#######",
    ];

    /// A code's modules as row strings.
    fn code_rows(text: &str) -> Vec<String> {
        let matrix = encode::matrix(text).unwrap();
        (0..matrix.size)
            .map(|y| {
                (0..matrix.size)
                    .map(|x| if matrix.is_dark(x, y) { '#' } else { '.' })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn finder_ratio_follows_rqrr_tolerance() {
        for ratio in [Ratio::Whole, Ratio::Exact] {
            assert!(ratio.matches(&[3, 3, 9, 3, 3]));
            assert!(ratio.matches(&[4, 3, 9, 3, 3]));
            assert!(!ratio.matches(&[3, 3, 3, 3, 3]));
            assert!(!ratio.matches(&[1, 1, 12, 1, 1]));
            // A module of one pixel has no slack, as in rqrr.
            assert!(ratio.matches(&[1, 1, 3, 1, 1]));
            assert!(!ratio.matches(&[1, 1, 2, 1, 1]));
            assert!(!ratio.matches(&[1, 2, 3, 1, 1]));
        }
        // 2.7 px a module drawn at a non-integer scale: rqrr's whole-pixel unit of 2
        // rejects the 9-px centre, the exact unit of 2.5 does not.
        assert!(!Ratio::Whole.matches(&[3, 2, 9, 2, 3]));
        assert!(Ratio::Exact.matches(&[3, 2, 9, 2, 3]));
        assert!(!Ratio::Exact.matches(&[3, 2, 16, 2, 3]));
        assert!(!Ratio::Exact.matches(&[3, 2, 4, 2, 3]));
        // 1.5 px a module: whole pixels see a unit of 1 and no slack; the exact
        // unit of 1.5 takes the 2:1:5:2:1 runs such a finder pattern leaves.
        assert!(!Ratio::Whole.matches(&[2, 1, 5, 2, 1]));
        assert!(Ratio::Exact.matches(&[2, 1, 5, 2, 1]));
        assert!(Ratio::Exact.matches(&[1, 2, 4, 1, 2]));
        assert!(!Ratio::Exact.matches(&[2, 1, 9, 2, 1]));
    }

    /// One ratio's finder patterns, per polarity.
    fn finders(bits: &GrayImage, stop: usize, ratio: Ratio) -> [Vec<Finder>; 2] {
        let [found] = finders_by(bits, stop, [ratio]);
        found
    }

    #[test]
    fn one_scan_for_both_ratios_finds_what_two_scans_find() {
        // Noise of blobs (look-alikes in both ratios and polarities) and finder
        // patterns at 1–4 px a module; then the same with a stop that cuts the lists.
        let mut image = bits(
            300,
            220,
            &[
                (FINDER, 1, 5, 5),
                (FINDER, 2, 40, 8),
                (FINDER, 3, 90, 20),
                (FINDER, 4, 150, 100),
            ],
        );
        let mut n = 12345u32;
        for y in 130..220 {
            for x in 0..300 {
                n = n.wrapping_mul(1_103_515_245).wrapping_add(12345);
                if (n >> 16).is_multiple_of(3) {
                    image.put_pixel(PAD + x, PAD + y, image::Luma([1]));
                }
            }
        }
        let key = |lists: &[Vec<Finder>; 2]| {
            lists.each_ref().map(|list| {
                list.iter()
                    .map(|f| (f.x, f.y, f.span, f.square))
                    .collect::<Vec<_>>()
            })
        };
        for stop in [usize::MAX, 7] {
            let [whole, exact] = finders_by(&image, stop, [Ratio::Whole, Ratio::Exact]);
            assert_eq!(key(&whole), key(&finders(&image, stop, Ratio::Whole)));
            assert_eq!(key(&exact), key(&finders(&image, stop, Ratio::Exact)));
            assert!(!whole[0].is_empty() && !exact[0].is_empty() && !exact[1].is_empty());
        }
    }

    /// The scan as it was before 2026-12-01 (byte by byte, every column walked):
    /// `finders_by` must give exactly its lists.
    ///
    /// Places that look like a finder pattern, for each of `ratios`: a 1:1:3:1:1 run
    /// of dark and light across a row and down the column through its centre, with
    /// the tolerance rqrr uses, followed over the rows it spans. Per ratio,
    /// dark-on-light patterns first, then light-on-dark ones (the inverse of the
    /// image inside its white border), each list stopping at `stop`. One linear scan
    /// of the image for all ratios (uniform stretches skipped eight pixels at a
    /// time), one column walk per place: the same lists as one scan per ratio.
    fn finders_by_reference<const N: usize>(
        bits: &GrayImage,
        stop: usize,
        ratios: [Ratio; N],
    ) -> [[Vec<Finder>; 2]; N] {
        let width = bits.width() as usize;
        let height = bits.height() as usize;
        let pad = PAD as usize;
        let mut found: [[Vec<Finder>; 2]; N] = std::array::from_fn(|_| [Vec::new(), Vec::new()]);
        if width <= 2 * pad || height <= 2 * pad {
            return found;
        }
        let raw = bits.as_raw();
        // Per ratio and polarity, the patterns seen on recent rows.
        let mut active: [[Vec<Track>; 2]; N] = std::array::from_fn(|_| [Vec::new(), Vec::new()]);
        for y in pad..height - pad {
            if found.iter().flatten().all(|list| list.len() >= stop) {
                break;
            }
            for list in active.iter_mut().flatten() {
                list.retain(|a| a.last + 2 >= y);
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
                if changes < 5 {
                    continue;
                }
                let centre = pad + x - runs[4] - runs[3] - runs[2] / 2;
                let tolerance = runs[2] / 2 + 1;
                let span: usize = runs.iter().sum();
                let flip = u8::from(polarity == 1);
                let column = Column {
                    x: centre,
                    y,
                    flip,
                    reach: span * 2,
                };
                // The column's runs, walked once for every ratio that needs them.
                let mut down: Option<Option<[usize; 5]>> = None;
                for ((ratio, found), active) in ratios.iter().zip(&mut found).zip(&mut active) {
                    let list = &mut found[polarity];
                    if list.len() >= stop || !ratio.matches(&runs) {
                        continue;
                    }
                    // The same pattern on the next rows: as wide, and no taller than it is wide.
                    let mut track = active[polarity].iter_mut();
                    if let Some(seen) = track.find(|a| a.continues(centre, tolerance, y, span)) {
                        seen.seen_again(&mut list[seen.index], centre, y, span);
                        continue;
                    }
                    let vertical = *down
                        .get_or_insert_with(|| column_runs_reference(raw, width, height, &column));
                    let Some(tall) = vertical
                        .filter(|v| ratio.matches(v))
                        .map(|v| v.iter().sum::<usize>())
                    else {
                        continue;
                    };
                    active[polarity].push(Track::new(centre, tolerance, y, span, list.len()));
                    list.push(Finder::new(centre, y, span, tall));
                }
            }
        }
        found
    }

    /// The five runs, alternating colour, of the column through (x, y), centred on y,
    /// if y is dark (`flip` 1: light-on-dark; the white border always counts as
    /// light) and none of them is empty.
    fn column_runs_reference(
        raw: &[u8],
        width: usize,
        height: usize,
        column: &Column,
    ) -> Option<[usize; 5]> {
        let &Column { x, y, flip, reach } = column;
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
        runs.iter().all(|&r| r > 0).then_some(runs)
    }

    #[test]
    fn the_fast_scan_finds_what_the_plain_scan_finds() {
        // Text-like strokes, blobs and finder patterns at 1–5 px a module, in both
        // polarities, on frames of several widths (the last group of eight pixels
        // of a row is partial), with and without a stop that cuts the lists.
        for (w, h, seed) in [
            (300u32, 220u32, 1u32),
            (203, 157, 2),
            (61, 300, 3),
            (9, 40, 4),
        ] {
            let drawings: Vec<(&[&str], u32, u32, u32)> = [
                (FINDER, 1, 3, 5),
                (FINDER, 2, 30, 8),
                (FINDER, 3, 5, 60),
                (FINDER, 5, 40, 90),
            ]
            .into_iter()
            .filter(|&(_, scale, x, y)| x + 7 * scale <= w && y + 7 * scale <= h)
            .collect();
            let mut image = bits(w, h, &drawings);
            // Lines of text, whose light-on-dark columns between letters are
            // walked to their reach on every row of a line.
            text(&mut image, 80..w, 0..100.min(h), 1, seed);
            text(&mut image, 80..w, 100..h, 2, seed + 1);
            let mut n = seed.wrapping_mul(7919);
            for y in 0..h {
                for x in 0..w {
                    n = n.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    let stroke = (x / 3 + y / 11) % 4 == 0 && y > 100;
                    let blob = (n >> 16) % 5 == 0 && (x + y) % 7 < 4;
                    if (stroke || blob) && x > 70 {
                        image.put_pixel(PAD + x, PAD + y, image::Luma([1]));
                    }
                }
            }
            let mut inverse = image.clone();
            binarize::invert(&mut inverse);
            let key = |lists: &[[Vec<Finder>; 2]; 3]| {
                lists.each_ref().map(|pair| {
                    pair.each_ref().map(|list| {
                        list.iter()
                            .map(|f| (f.x, f.y, f.span, f.square))
                            .collect::<Vec<_>>()
                    })
                })
            };
            for picture in [&image, &inverse] {
                for stop in [usize::MAX, 5] {
                    let fast = finders_by(picture, stop, SCANS);
                    let plain = finders_by_reference(picture, stop, SCANS);
                    assert_eq!(key(&fast), key(&plain), "{w}x{h} stop {stop}");
                }
            }
        }
    }

    /// `finder::tolerant` as it was written before its tests were taken together
    /// (2026-12-01): each test in turn, the first that fails ending it.
    fn tolerant_reference(runs: &[usize; 5]) -> bool {
        let total: usize = runs.iter().sum();
        if !(10..=56).contains(&total) {
            return false;
        }
        if 2 * (7 * runs[2]).abs_diff(3 * total) >= 3 * total {
            return false;
        }
        const CHECK: [usize; 5] = [1, 1, 3, 1, 1];
        let zxing = runs
            .iter()
            .zip(CHECK)
            .all(|(&run, k)| 2 * (7 * run).abs_diff(k * total) < k * total);
        let runs_ok = runs
            .iter()
            .zip(CHECK)
            .all(|(&run, k)| (28 * run).abs_diff(4 * k * total) <= 2 * total + 14);
        const PAIRS: [usize; 4] = [2, 4, 4, 2];
        zxing
            || runs_ok
                && runs.windows(2).zip(PAIRS).all(|(pair, k)| {
                    (28 * (pair[0] + pair[1])).abs_diff(4 * k * total) <= 3 * total + 14
                })
    }

    #[test]
    fn every_five_runs_get_the_same_ratios_from_the_quick_tests() {
        // Every five runs of up to 22 px (the tolerant test takes totals up to 56).
        let (mut taken, mut tolerant) = (0, 0);
        let mut runs = [1usize; 5];
        loop {
            let each = SCANS.map(|ratio| ratio.matches(&runs));
            assert_eq!(each[2], tolerant_reference(&runs), "{runs:?}");
            // All three at once, as each alone...
            let set = SCANS
                .iter()
                .zip(each)
                .fold(0, |set, (ratio, ok)| set | (u8::from(ok) * ratio.bit()));
            let may = Ratio::may(runs.map(|r| r as u32));
            assert_eq!(Ratio::passed(&runs, may), set, "{runs:?}");
            if set != 0 {
                taken += 1;
                tolerant += usize::from(each[2]);
                // A column walk for the tolerant test alone stops past its longest run.
                if each[2] {
                    assert!(runs.iter().all(|&r| r <= finder::LONGEST_RUN), "{runs:?}");
                }
                // ...whenever a ratio takes them, so does the quick test that drops
                // the rest...
                assert!(may & Ratio::RQRR != 0 || !(each[0] || each[1]), "{runs:?}");
                assert!(may & Ratio::Tolerant.bit() != 0 || !each[2], "{runs:?}");
                // ...and no outer run is longer than the column walk allows.
                let most = (7 * (16 * runs[2] + 27) / 144).max(runs[2]);
                assert!([0, 1, 3, 4].iter().all(|&i| runs[i] <= most), "{runs:?}");
            }
            let Some(i) = runs.iter().position(|&r| r < 22) else {
                break;
            };
            runs[i] += 1;
            runs[..i].fill(1);
        }
        assert!(taken > 10_000 && tolerant > 1_000, "{taken} {tolerant}");
        // Runs of text the tolerant test once tried in full (a total in range, the
        // centre right) fail the quick test on an outer run too long.
        assert_eq!(Ratio::may([2, 2, 2, 2, 2]), 0);
        assert_eq!(Ratio::may([5, 2, 4, 2, 2]), 0);
        assert!(!finder::may_be_tolerant([2, 5, 6, 2, 2]));
        assert!(finder::may_be_tolerant([2, 2, 6, 2, 2]));
    }

    /// Lines of `scale`-px text drawn into `image` (inside its border) over `xs` × `ys`:
    /// letters of one to three upright strokes, some joined by a bar, words
    /// apart, lines apart.
    fn text(
        image: &mut GrayImage,
        xs: std::ops::Range<u32>,
        ys: std::ops::Range<u32>,
        scale: u32,
        seed: u32,
    ) {
        let mut n = seed.wrapping_mul(104_729).wrapping_add(7);
        let mut next = |below: u32| {
            n = n.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (n >> 16) % below
        };
        let dot = |image: &mut GrayImage, x: u32, y: u32| {
            if xs.contains(&x) && ys.contains(&y) {
                image.put_pixel(PAD + x, PAD + y, image::Luma([1]));
            }
        };
        let line = 12 * scale;
        let mut top = ys.start + 2 * scale;
        while top + line <= ys.end {
            let mut x = xs.start + scale;
            while x < xs.end {
                let strokes = 1 + next(3);
                let tall = 5 * scale + next(3) * scale;
                let bar = next(2) == 0;
                let first = x;
                for _ in 0..strokes {
                    for dy in 0..tall {
                        for dx in 0..scale {
                            dot(image, x + dx, top + 7 * scale - tall + dy);
                        }
                    }
                    x += scale + scale * (1 + next(3));
                }
                if bar {
                    for bx in first..x {
                        for dy in 0..scale {
                            dot(image, bx, top + 4 * scale + dy);
                        }
                    }
                }
                x += scale * next(2) + if next(4) == 0 { 4 * scale } else { 0 };
            }
            top += line;
        }
    }

    #[test]
    fn a_walk_answers_for_the_rows_it_tells_as_walking_them_would() {
        // Dark pixels of lines of text (every fifth row), in both polarities, walked
        // with the reach of five runs of 7, 13 and 40 px; then every row of the
        // next 40 in the same column that the walk answers for, at each reach,
        // walked again.
        let (w, h) = (90u32, 80u32);
        let mut image = bits(w, h, &[(FINDER, 2, 2, 2), (FINDER, 3, 60, 50)]);
        text(&mut image, 20..w, 0..h, 1, 5);
        text(&mut image, 0..60, 30..h, 2, 6);
        let (width, height) = (image.width() as usize, image.height() as usize);
        let raw = image.as_raw();
        let (mut none, mut runs) = (0, 0);
        for flip in [0u8, 1] {
            for x in PAD as usize..width - PAD as usize {
                for y in (PAD as usize..height - PAD as usize).step_by(5) {
                    for reach in [14, 27, 80] {
                        let column = Column { x, y, flip, reach };
                        let walk = column_runs(raw, width, height, &column);
                        let Some(walked) = walk.walked else {
                            continue;
                        };
                        for below in y..(y + 40).min(height - PAD as usize) {
                            for reach in [14, 27, 80] {
                                let later = Column {
                                    x,
                                    y: below,
                                    flip,
                                    reach,
                                };
                                let Some(answer) = walked.answers(&later) else {
                                    continue;
                                };
                                // Runs no ratio takes count as none: an outer run
                                // as long as the cap stops a walk whose reach is
                                // longer, and is taken whole by one whose reach is
                                // the cap (as before answers for capped walks).
                                let taken = |runs: Option<[usize; 5]>| {
                                    runs.filter(|r| SCANS.iter().any(|ratio| ratio.matches(r)))
                                };
                                let walked_again = column_runs(raw, width, height, &later).runs;
                                assert_eq!(
                                    taken(answer),
                                    taken(walked_again),
                                    "{x} {y} -> {below}, {reach} flip {flip}"
                                );
                                if answer.is_some() {
                                    runs += 1;
                                } else {
                                    none += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        // Both kinds of answer were given, many times.
        assert!(none > 1000 && runs > 1000, "{none} {runs}");
    }

    #[test]
    fn edges_are_the_colour_changes_of_a_row() {
        // Binarised rows ending inside a group of 64, at its end and past it.
        let lengths = [
            1usize, 2, 7, 8, 9, 16, 17, 40, 63, 64, 65, 66, 127, 128, 129, 300,
        ];
        for len in lengths {
            let mut n = len as u32;
            let mut byte = || {
                n = n.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (n >> 16) as u8
            };
            let rows: [Vec<u8>; 3] = [
                (0..len).map(|x| u8::from((x * x / 3) % 2 == 1)).collect(),
                (0..len).map(|x| u8::from((x / 9) % 2 == 1)).collect(),
                (0..len).map(|_| byte() & 1).collect(),
            ];
            for row in rows {
                let plain: Vec<usize> = (1..len).filter(|&x| row[x] != row[x - 1]).collect();
                assert_eq!(Edges::new(&row).collect::<Vec<_>>(), plain, "{row:?}");
            }
        }
    }

    #[test]
    fn a_finder_pattern_is_found_square_in_either_polarity() {
        let image = bits(60, 60, &[(FINDER, 4, 10, 12)]);
        let [dark, light] = finders(&image, 10, Ratio::Whole);
        assert_eq!(dark.len(), 1, "{dark:?}");
        let f = dark[0];
        assert!(f.square);
        assert_eq!(f.span, 28);
        // Centre of the pattern: 10 + 14 pixels in, plus the border.
        assert!(f.x.abs_diff((PAD + 24) as usize) <= 2, "{f:?}");
        assert!(f.y.abs_diff((PAD + 26) as usize) <= 4, "{f:?}");
        assert!(light.is_empty(), "{light:?}");

        let mut inverse = image.clone();
        binarize::invert(&mut inverse);
        let [dark, light] = finders(&inverse, 10, Ratio::Whole);
        assert_eq!(light.len(), 1, "{light:?}");
        assert!(dark.is_empty(), "{dark:?}");
    }

    #[test]
    fn a_finder_pattern_takes_its_middle_row_not_its_first() {
        // A finder pattern at 3 px a module whose first row through the dark
        // centre lost its left runs to JPEG (1:1:6:3:3 where the others read
        // 3:3:9:3:3): that row matches first, and on its own it made the pattern
        // 14 px wide, centred 1.5 px off and "not square" (no triple holds it).
        let mut image = bits(60, 60, &[(FINDER, 3, 20, 20)]);
        let row = PAD + 20 + 6;
        for col in 0..9 {
            image.put_pixel(PAD + 20 + col, row, image::Luma([u8::from(col == 7)]));
        }
        let [dark, _] = finders(&image, 10, Ratio::Whole);
        assert_eq!(dark.len(), 1, "{dark:?}");
        let f = dark[0];
        assert_eq!(f.span, 21, "{f:?}");
        assert!(f.square, "{f:?}");
        // The centre of the 9-px run 6 px in, as the scan counts it (4 px from its
        // end): 20 + 6 + 5, plus the border.
        assert_eq!(f.x, (PAD + 31) as usize, "{f:?}");
        assert!(f.y.abs_diff((PAD + 30) as usize) <= 1, "{f:?}");
        // The fast scan still finds what the plain one finds.
        let plain = finders_by_reference(&image, 10, [Ratio::Whole]);
        let key = |list: &[Finder]| {
            list.iter()
                .map(|f| (f.x, f.y, f.span, f.square))
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&plain[0][0]), key(&dark));
    }

    #[test]
    fn a_stretched_finder_is_not_square() {
        // Twice as wide as tall: the 1:1:3:1:1 column still crosses it, but text and
        // stripes make such shapes, codes do not.
        let wide: Vec<String> = FINDER
            .iter()
            .map(|row| row.chars().flat_map(|c| [c, c]).collect())
            .collect();
        let rows: Vec<&str> = wide.iter().map(String::as_str).collect();
        let image = bits(80, 40, &[(&rows, 3, 4, 4)]);
        let [dark, _] = finders(&image, 10, Ratio::Whole);
        assert!(dark.iter().all(|f| !f.square), "{dark:?}");
    }

    #[test]
    fn three_finders_at_a_right_angle_outline_one_code() {
        // The corners of a 25-module code at 4 px a module, and a stray pattern far off.
        let image = bits(
            400,
            200,
            &[
                (FINDER, 4, 10, 10),
                (FINDER, 4, 10 + 18 * 4, 10),
                (FINDER, 4, 10, 10 + 18 * 4),
                (FINDER, 4, 330, 150),
            ],
        );
        let [dark, _] = finders(&image, 10, Ratio::Whole);
        assert_eq!(dark.len(), 4);
        let outlined = triples(&dark, &image, Ratio::Whole).unwrap();
        assert_eq!(outlined.len(), 1, "{outlined:?}");
        let boxes = clusters(Some(outlined.as_slice()), &image);
        assert_eq!(boxes.len(), 1, "{boxes:?}");
        let cluster = boxes[0];
        assert!((cluster.module - 4.0).abs() < 0.5, "{cluster:?}");
        // The box holds all three patterns and the fourth corner, not the stray one.
        let rect = cluster.rect;
        for (x, y) in [(10, 10), (110, 110)] {
            assert!(rect.contains(PAD as i32 + x, PAD as i32 + y), "{rect:?}");
        }
        assert!(
            !rect.contains(PAD as i32 + 344, PAD as i32 + 164),
            "{rect:?}"
        );
    }

    #[test]
    fn the_largest_triple_survives_a_flood_of_look_alikes() {
        // A dense code's data modules: a 10×10 lattice of square look-alikes 10
        // modules apart (hundreds of small right-angled triples), and the code's own
        // finder patterns 110 modules apart around it.
        let finder = |x: usize, y: usize| Finder::new(x, y, 28, 28);
        let mut list: Vec<Finder> = (0..10)
            .flat_map(|i| (0..10).map(move |j| (i, j)))
            .map(|(i, j)| finder(60 + 40 * i, 60 + 40 * j))
            .collect();
        let corners = [finder(14, 14), finder(454, 14), finder(14, 454)];
        list.extend(corners);
        assert!(corner_triples(&list, Ratio::Exact).is_none());
        let largest = largest_corner_triples(&list, Ratio::Exact, 2);
        assert_eq!(largest.len(), 2);
        let mut best = largest[0].map(|i| (list[i].x, list[i].y));
        best.sort_unstable();
        assert_eq!(best, [(14, 14), (14, 454), (454, 14)]);
    }

    #[test]
    fn a_larger_box_around_a_known_one_is_a_place_of_its_own() {
        let mut search = Search::default();
        let cluster = |x, y, side| Cluster {
            rect: Rect {
                x,
                y,
                w: side,
                h: side,
            },
            module: 4.0,
            corners: None,
            invert: false,
            parts: Parts::default(),
        };
        let frame = Frame::scaled(1.0);
        let pixels = 2000 * 2000;
        // Look-alikes inside a code outline a small box first...
        search.remember(&[cluster(130, 130, 260)], &frame, pixels, Ratio::Whole);
        // ...the same place again, or a box lying in it, is known...
        search.remember(&[cluster(140, 140, 250)], &frame, pixels, Ratio::Whole);
        search.remember(&[cluster(150, 150, 100)], &frame, pixels, Ratio::Whole);
        assert_eq!(search.candidates.len(), 1);
        // ...but the code's own finder patterns, around it, are a candidate too.
        search.remember(&[cluster(100, 100, 380)], &frame, pixels, Ratio::Whole);
        assert_eq!(search.candidates.len(), 2);
    }

    #[test]
    fn tolerant_places_come_last_and_never_hide_the_others() {
        let mut search = Search::default();
        let frame = Frame::scaled(1.0);
        let pixels = 2000 * 2000;
        let cluster = Cluster {
            rect: Rect::spanning(100, 100, 300, 300),
            module: 2.0,
            corners: Some([(120, 120), (280, 120), (120, 280)]),
            invert: false,
            parts: Parts::default(),
        };
        search.remember(&[cluster], &frame, pixels, Ratio::Tolerant);
        assert_eq!(search.candidates.len(), 1);
        assert!(search.candidates[0].corners.is_some());
        // Zoomed only by the last step, after every other step had its chance.
        assert!(search.unexplained(false).is_empty());
        assert_eq!(search.unexplained(true).len(), 1);
        // The exact scan's box at the same place is still a place of its own...
        let exact = Cluster {
            corners: None,
            ..cluster
        };
        search.remember(&[exact], &frame, pixels, Ratio::Exact);
        assert_eq!(search.candidates.len(), 2);
        assert_eq!(search.unexplained(false).len(), 1);
        // ...and hides a later tolerant one there.
        search.remember(&[cluster], &frame, pixels, Ratio::Tolerant);
        assert_eq!(search.candidates.len(), 2);
    }

    fn place(rect: Rect, module: f32, corners: Option<[(usize, usize); 3]>) -> Cluster {
        Cluster {
            rect,
            module,
            corners,
            invert: false,
            parts: Parts::default(),
        }
    }

    #[test]
    fn a_box_of_coarser_modules_does_not_hide_a_finer_code() {
        let mut search = Search::default();
        let frame = Frame::scaled(1.0);
        let pixels = 2000 * 2000;
        // Look-alikes merged across a page into one box, at 4.9 px a module...
        let page = Rect::spanning(100, 100, 900, 700);
        search.remember(&[place(page, 4.9, None)], &frame, pixels, Ratio::Whole);
        // ...do not make the exact scan's box of a 2.6 px code inside it known
        // (zoomed for 4.9 px modules, that box is enlarged too little for these)...
        let code = Rect::spanning(300, 300, 500, 500);
        search.remember(&[place(code, 2.6, None)], &frame, pixels, Ratio::Exact);
        assert_eq!(search.candidates.len(), 2);
        // ...while a box of modules like the known box's there still is.
        let like = Rect::spanning(600, 300, 800, 500);
        search.remember(&[place(like, 4.0, None)], &frame, pixels, Ratio::Exact);
        assert_eq!(search.candidates.len(), 2);
    }

    #[test]
    fn a_box_cut_off_inside_a_code_does_not_hide_its_tolerant_triple() {
        let frame = Frame::scaled(1.0);
        let pixels = 2000 * 2000;
        // A tolerant triple's place: its finder centres 8 modules in from the box's
        // edges, so the code spans 98..302 each way.
        let corners = Some([(110, 110), (290, 110), (110, 290)]);
        let tolerant = place(Rect::spanning(90, 90, 310, 310), 2.5, corners);
        // A whole-pixel box of look-alikes inside the code, ending below its top
        // finder patterns: it overlaps the place by more than half, and was known
        // before, but it does not hold the code.
        let mut search = Search::default();
        let cut = Rect::spanning(100, 130, 300, 300);
        search.remember(&[place(cut, 2.0, None)], &frame, pixels, Ratio::Whole);
        search.remember(&[tolerant], &frame, pixels, Ratio::Tolerant);
        assert_eq!(search.candidates.len(), 2);
        // A box that holds the whole code explains it.
        let mut search = Search::default();
        let holds = Rect::spanning(80, 80, 320, 320);
        search.remember(&[place(holds, 2.5, None)], &frame, pixels, Ratio::Whole);
        search.remember(&[tolerant], &frame, pixels, Ratio::Tolerant);
        assert_eq!(search.candidates.len(), 1);
    }

    #[test]
    fn a_box_too_large_to_enlarge_does_not_hide_a_tolerant_triple() {
        let frame = Frame::scaled(1.0);
        let pixels = 2000 * 2000;
        // A tolerant triple's place around a code of 1.6 px modules (its corners
        // verified in grey)...
        let corners = Some([(462, 1082), (548, 1082), (462, 1168)]);
        let tolerant = place(Rect::spanning(449, 1069, 560, 1180), 1.6, corners);
        // ...inside the exact scan's box merged from look-alikes across half a page:
        // it holds the code, but 889 px high it is enlarged at most 1600/889 = 1.8
        // times, to 2.9 px for this code's modules, too little to read them.
        let mut search = Search::default();
        let merged = Rect::spanning(436, 291, 1172, 1180);
        search.remember(&[place(merged, 1.43, None)], &frame, pixels, Ratio::Exact);
        search.remember(&[tolerant], &frame, pixels, Ratio::Tolerant);
        assert_eq!(search.candidates.len(), 2);
        assert_eq!(search.unexplained(true).len(), 2);
        // A box about the code's size, enlarged as far as the place would be,
        // explains it.
        let mut search = Search::default();
        let close = Rect::spanning(440, 1060, 570, 1190);
        search.remember(&[place(close, 1.5, None)], &frame, pixels, Ratio::Exact);
        search.remember(&[tolerant], &frame, pixels, Ratio::Tolerant);
        assert_eq!(search.candidates.len(), 1);
    }

    #[test]
    fn tolerant_triples_are_ranked_on_grey_levels() {
        let text = "otpauth://totp/Grey:me?secret=JBSWY3DPEHPK3PXP";
        let rows = code_rows(text);
        let n = rows.len();
        let scale = 2;
        // The binarisation lost every other dark timing module (at 1.5–2 px a
        // module the timing row is a pixel thin): the binarised score is about 0.25.
        let mut lost: Vec<Vec<u8>> = rows.iter().map(|r| r.as_bytes().to_vec()).collect();
        for i in (8..n - 8).step_by(4) {
            lost[6][i] = b'.';
            lost[i][6] = b'.';
        }
        let lost: Vec<String> = lost
            .into_iter()
            .map(|r| String::from_utf8(r).unwrap())
            .collect();
        // Beside it, three finder look-alikes with a timing pattern between them in
        // the bits alone (the grey page is blank there).
        let mut fake = vec![vec![b'.'; n]; n];
        for (y, row) in FINDER.iter().enumerate() {
            for (x, c) in row.bytes().enumerate() {
                for (dx, dy) in [(0, 0), (n - 7, 0), (0, n - 7)] {
                    fake[y + dy][x + dx] = c;
                }
            }
        }
        for i in (8..n - 8).step_by(2) {
            fake[6][i] = b'#';
            fake[i][6] = b'#';
        }
        let fake: Vec<String> = fake
            .into_iter()
            .map(|r| String::from_utf8(r).unwrap())
            .collect();
        let (lost, fake): (Vec<&str>, Vec<&str>) = (
            lost.iter().map(String::as_str).collect(),
            fake.iter().map(String::as_str).collect(),
        );
        let (real_at, fake_at) = (20u32, 120u32);
        let image = bits(
            240,
            100,
            &[(&lost, scale, real_at, 20), (&fake, scale, fake_at, 20)],
        );
        let luma = grey_page(240, 100, &rows, scale, real_at, 20);
        let [dark, _] = finders(&image, 100, Ratio::Tolerant);
        let corner = |places: &[Cluster]| -> Vec<usize> {
            places
                .iter()
                .filter_map(|p| p.corners)
                .map(|c| c.iter().map(|p| p.0).min().unwrap_or(0) - PAD as usize)
                .collect()
        };
        let near = |xs: Vec<usize>, x: u32| xs.iter().any(|&c| c.abs_diff(x as usize + 7) <= 2);
        // On the bits alone the look-alikes' place is kept, the code's is not...
        let bits_only = timed_triples(&dark, Ratio::Tolerant, &image, false, None);
        assert!(near(corner(&bits_only), fake_at), "{bits_only:?}");
        assert!(!near(corner(&bits_only), real_at), "{bits_only:?}");
        // ...ranked on the grey levels it is the other way round.
        let grey = timed_triples(
            &dark,
            Ratio::Tolerant,
            &image,
            false,
            Some((&luma, &Frame::identity())),
        );
        assert!(near(corner(&grey), real_at), "{grey:?}");
        assert!(!near(corner(&grey), fake_at), "{grey:?}");
    }

    /// A 300×300 grey page with one code at 3 px a module from (40, 40), and
    /// the code's side in pixels.
    fn page_of_one_code(text: &str) -> (Luma, usize) {
        let rows = code_rows(text);
        (grey_page(300, 300, &rows, 3, 40, 40), 3 * rows.len())
    }

    #[test]
    fn a_place_a_box_held_is_zoomed_into_once_that_box_read_nothing_there() {
        // A code at 3 px a module, and a box remembered first that holds most of
        // its place but ends inside the code, through its right-hand and lower
        // finder patterns (a box merged across a page, cut short; square, so
        // its zoom's square crop is no larger): its zoom cannot read the code.
        let text = "otpauth://totp/Held:me?secret=JBSWY3DPEHPK3PXP";
        let (luma, side) = page_of_one_code(text);
        let mut search = Search {
            grey: Some(&luma),
            ..Search::default()
        };
        let frame = Frame::scaled(1.0);
        let pixels = 300 * 300;
        let cut = Rect::spanning(0, 0, 40 + side * 4 / 5, 40 + side * 4 / 5);
        search.remember(&[place(cut, 3.0, None)], &frame, pixels, Ratio::Whole);
        // The exact scan's place of the code lies more than half in that box, so
        // that box stands in for it...
        let code = Rect::spanning(32, 32, 48 + side, 48 + side);
        search.remember(&[place(code, 3.0, None)], &frame, pixels, Ratio::Exact);
        assert_eq!(search.candidates.len(), 1);
        assert_eq!(search.unexplained(false).len(), 1);
        // ...until that box was zoomed into and read nothing: then it gets a zoom
        // of its own, in the same step, and the code is read.
        assert!(zoomed(&luma, &mut search, Pass::Zoomed));
        assert_eq!(search.found.len(), 1);
        assert_eq!(search.found[0].text.expose(), text);
        // Seen again, the place is not kept aside twice.
        search.remember(&[place(code, 3.0, None)], &frame, pixels, Ratio::Exact);
        assert_eq!(search.hidden.len(), 1);
        assert!(search.unexplained(true).is_empty());
    }

    #[test]
    fn a_code_s_own_corners_are_sampled_where_a_wrong_triple_outlined_its_box_first() {
        // A code at 3 px a module; the tolerant scan outlines about its box twice:
        // first from three look-alikes among its modules (a box cut off through
        // its right-hand finder patterns, so its zoom cannot read the code), then
        // from its own finder patterns. The second place is not one seen before:
        // it is kept aside, and once the first box read nothing its corners are
        // sampled and the code is read.
        let text = "otpauth://totp/Twice:me?secret=JBSWY3DPEHPK3PXP";
        let (luma, side) = page_of_one_code(text);
        let mut search = Search {
            grey: Some(&luma),
            ..Search::default()
        };
        let frame = Frame::scaled(1.0);
        let pixels = 300 * 300;
        let code = Rect::spanning(16, 16, 64 + side, 64 + side);
        let cut = Rect::spanning(16, 16, 16 + (96 + 2 * side).div_ceil(3), 64 + side);
        let wrong = Some([(70, 64), (103, 58), (64, 97)]);
        search.remember(&[place(cut, 3.0, wrong)], &frame, pixels, Ratio::Tolerant);
        // Centres in the binarised frame's pixels, which have a border of `PAD`.
        let pad = PAD as usize;
        let (near, far) = (pad + 40 + 10, pad + 40 + side - 11);
        let own = Some([(near, near), (far, near), (near, far)]);
        search.remember(&[place(code, 3.0, own)], &frame, pixels, Ratio::Tolerant);
        assert_eq!(search.candidates.len(), 1);
        assert_eq!(search.hidden.len(), 1, "the code's own corners kept aside");
        assert!(zoomed_all(&luma, &mut search, Pass::Zoomed));
        assert_eq!(search.found.len(), 1);
        assert_eq!(search.found[0].text.expose(), text);
        assert_eq!(search.found[0].pass, Pass::Sampled);
        // The same corners seen again (a pixel off) are a place seen before.
        let again = Some([(near + 1, near), (far, near + 1), (near, far)]);
        search.remember(&[place(code, 3.0, again)], &frame, pixels, Ratio::Tolerant);
        assert_eq!(search.hidden.len(), 1);
    }

    #[test]
    fn a_place_kept_aside_is_zoomed_again_only_where_no_zoomed_box_held_its_code() {
        // A code at 3 px a module. The tolerant scan outlines a box first, then
        // the code's place from its own finder patterns, kept aside. The
        // place's corners do not sample (they are taken for light on dark: the
        // sampler reads the code inverted), but a zoom of the place reads the
        // code in either polarity. Whether the place is zoomed depends on the
        // box zoomed into before it.
        let text = "otpauth://totp/Again:me?secret=JBSWY3DPEHPK3PXP";
        let (luma, side) = page_of_one_code(text);
        let frame = Frame::scaled(1.0);
        let pixels = 300 * 300;
        let code = Rect::spanning(16, 16, 64 + side, 64 + side);
        let pad = PAD as usize;
        let (near, far) = (pad + 40 + 10, pad + 40 + side - 11);
        let own = Cluster {
            invert: true,
            ..place(code, 3.0, Some([(near, near), (far, near), (near, far)]))
        };
        let wrong = Some([(70, 64), (103, 58), (64, 97)]);
        let run = |first: Rect, zoom_first: bool| {
            let mut search = Search {
                grey: Some(&luma),
                ..Search::default()
            };
            search.remember(&[place(first, 3.0, wrong)], &frame, pixels, Ratio::Tolerant);
            search.remember(std::slice::from_ref(&own), &frame, pixels, Ratio::Tolerant);
            assert_eq!(search.candidates.len(), 1);
            assert_eq!(search.hidden.len(), 1, "the code's own corners kept aside");
            let finders = search.hidden[0].finders().expect("a tolerant place");
            assert!(
                !search.sampled(&luma, &finders),
                "the corners do not sample"
            );
            // The box counts as zoomed into in an earlier step, without a zoom
            // here: a code read can then only come from the place's own zoom.
            search.candidates[0].zoomed = !zoom_first;
            zoomed_all(&luma, &mut search, Pass::Zoomed);
            search
                .found
                .iter()
                .map(|f| f.text.expose().to_owned())
                .collect::<Vec<_>>()
        };
        // A box cut off through the code's right-hand finder patterns, about
        // the place's size: its zoom reads nothing, and the place is zoomed.
        let cut = Rect::spanning(16, 16, 16 + (96 + 2 * side).div_ceil(3), 64 + side);
        assert!(code.overlap(&cut) * 2 > code.area());
        assert_eq!(run(cut, true), [text]);
        assert_eq!(run(cut, false), [text]);
        // A box that holds the whole code was zoomed into (it read nothing, or
        // it would have explained the place): the place is not zoomed again.
        let whole = Rect::spanning(10, 10, 70 + side, 70 + side);
        assert!(run(whole, false).is_empty());
    }

    #[test]
    fn a_box_zoomed_in_vain_leaves_a_tolerant_place_of_its_size_to_zoom() {
        // An exact-scan box and a tolerant place outline the same rectangle (the
        // same three finder patterns, seen by both tests); the box holds the
        // place, which is kept aside. The box's zoom reads nothing there: the
        // place, whose corners the box's zoom never sampled, is still to zoom.
        let luma = Luma {
            width: 300,
            height: 300,
            pixels: vec![235; 300 * 300],
        };
        let mut search = Search {
            grey: Some(&luma),
            ..Search::default()
        };
        let frame = Frame::scaled(1.0);
        let rect = Rect::spanning(90, 90, 200, 200);
        search.remember(&[place(rect, 1.6, None)], &frame, 300 * 300, Ratio::Exact);
        let corners = Some([(103, 103), (187, 103), (103, 187)]);
        search.remember(
            &[place(rect, 1.6, corners)],
            &frame,
            300 * 300,
            Ratio::Tolerant,
        );
        assert_eq!(search.hidden.len(), 1);
        assert!(!zoomed(&luma, &mut search, Pass::Zoomed));
        let left = search.unexplained(true);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].scan, Ratio::Tolerant);
        assert!(left[0].hidden);
    }

    #[test]
    fn centres_most_of_a_module_off_are_refined_before_a_place_is_refused() {
        // A code at 2 px a module whose finder centres the scan put a module off:
        // the timing lines, shifted by at most half a module, run beside the
        // timing patterns; from the centres refined as the sampler refines them
        // they alternate.
        let text = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP";
        let rows = code_rows(text);
        let luma = grey_page(200, 200, &rows, 2, 40, 40);
        let centre = |m: f32| 40.0 + 2.0 * m;
        let (near, far) = (centre(3.5) + 2.0, centre(rows.len() as f32 - 3.5) + 2.0);
        let finders = sample::Finders {
            centres: [
                sample::Point::new(near, near),
                sample::Point::new(far, near),
                sample::Point::new(near, far),
            ],
            module: 2.0,
            invert: false,
        };
        let unrefined = finder::grey_timing(&luma, finders.centres, 2.0, GREY_TIMING);
        assert!(unrefined < GREY_TIMING, "{unrefined}");
        let verified = grey_verified(&luma, &finders);
        assert!(verified >= GREY_TIMING, "{verified}");
    }

    #[test]
    fn a_tolerant_place_is_sampled_before_it_is_enlarged() {
        // Its corners are verified in grey: the grid is read from the grey pixels
        // at once, no enlargement is binarised and searched.
        let text = "otpauth://totp/Corners:me?secret=JBSWY3DPEHPK3PXP";
        let rows = code_rows(text);
        let n = rows.len() as f32;
        let luma = grey_page(300, 300, &rows, 2, 100, 100);
        let centre = |m: f32| sample::Point::new(100.0 + 2.0 * m, 100.0 + 2.0 * m);
        let (near, far) = (centre(3.5), centre(n - 3.5));
        let mut search = Search {
            grey: Some(&luma),
            ..Search::default()
        };
        search.candidates.push(Candidate {
            rect: Rect::spanning(84, 84, 216 + 2 * rows.len(), 216 + 2 * rows.len()),
            module: 2.0,
            zoomed: false,
            scan: Ratio::Tolerant,
            corners: Some([
                near,
                sample::Point::new(far.x, near.y),
                sample::Point::new(near.x, far.y),
            ]),
            invert: false,
            hidden: false,
            parts: Parts::default(),
        });
        assert!(zoomed_all(&luma, &mut search, Pass::Zoomed));
        assert_eq!(search.found.len(), 1);
        assert_eq!(search.found[0].text.expose(), text);
        assert_eq!(search.found[0].pass, Pass::Sampled);
    }

    #[test]
    fn a_located_grid_is_zoomed_into_unless_a_code_fills_it() {
        let mut search = Search::default();
        // A 25-module grid rqrr fitted at 2 px a module (its bounds span 26 modules).
        search.located(&[(100, 100), (152, 100), (152, 152), (100, 152)], 25);
        assert_eq!(search.candidates.len(), 1);
        let c = search.candidates[0];
        assert_eq!(c.rect, Rect::spanning(96, 96, 156, 156));
        assert!((c.module - 2.0).abs() < 0.01, "{c:?}");
        // The same place again is not a second candidate.
        search.located(&[(101, 99), (152, 100), (153, 152), (100, 151)], 25);
        assert_eq!(search.candidates.len(), 1);
        assert_eq!(search.unexplained(true).len(), 1);
        // A small code found in one corner of a large box does not explain it...
        search.candidates[0].rect = Rect::spanning(0, 0, 400, 400);
        search.found.push(Found {
            text: SecretText::new(String::new()),
            bytes: SecretBytes::from(Zeroizing::new(Vec::new())),
            version: 1,
            bounds: [(10, 10), (60, 10), (60, 60), (10, 60)],
            pass: Pass::Local,
        });
        assert_eq!(search.unexplained(true).len(), 1);
        // ...a code that fills it does.
        search.candidates[0].rect = Rect::spanning(0, 0, 100, 100);
        assert!(search.unexplained(true).is_empty());
    }

    #[test]
    fn a_box_merged_across_two_codes_is_explained_once_both_are_read() {
        // Two 25-module codes at 4 px a module, side by side: the boxes their
        // triples outline (grown by eight modules) overlap and merge into one.
        let bits = GrayImage::new(600, 300);
        let finders = [
            Finder::new(60, 60, 28, 28),
            Finder::new(132, 60, 28, 28),
            Finder::new(60, 132, 28, 28),
            Finder::new(190, 60, 28, 28),
            Finder::new(262, 60, 28, 28),
            Finder::new(190, 132, 28, 28),
        ];
        let boxes = clusters(
            Some(&spans(&finders, &[[0, 1, 2], [3, 4, 5]], &bits)),
            &bits,
        );
        assert_eq!(boxes.len(), 1);
        assert_eq!(boxes[0].parts.count, 2);
        let mut search = Search::default();
        search.remember(&boxes, &Frame::identity(), 4_000_000, Ratio::Exact);
        assert_eq!(search.candidates.len(), 1);
        // The first code read fills more than a sixth of the box and holds
        // its centre, but the second code's triple lies wholly outside it.
        search
            .found
            .push(found_at([(30, 30), (130, 30), (130, 130), (30, 130)]));
        assert_eq!(search.unexplained(false).len(), 1);
        // Once the second is read too, nothing is left in the box.
        search
            .found
            .push(found_at([(160, 30), (260, 30), (260, 130), (160, 130)]));
        assert!(search.unexplained(false).is_empty());
        // A triple with a corner in a code found (that code's finder pattern
        // and look-alikes beside it) outlines no code of its own.
        search.found.truncate(1);
        search.candidates[0].parts = Parts::one([(80.0, 80.0), (300.0, 80.0), (80.0, 250.0)]);
        assert!(search.unexplained(false).is_empty());
        // Past MAX_PARTS triples, only the first ones are listed, and they
        // decide: here every listed triple lies in the code found, and the
        // unlisted ones, past the box's edge, count for nothing.
        let many = (0..MAX_PARTS + 3).fold(Parts::default(), |parts, i| {
            let x = if i < MAX_PARTS {
                40.0 + i as f32
            } else {
                400.0
            };
            parts.merged(&Parts::one([(x, 40.0), (x + 60.0, 40.0), (x, 100.0)]))
        });
        assert_eq!(many.count, MAX_PARTS + 3);
        assert_eq!(many.listed().len(), MAX_PARTS);
        assert_eq!(
            many.listed()[MAX_PARTS - 1][0].0,
            40.0 + (MAX_PARTS - 1) as f32
        );
        search.candidates[0].parts = many;
        assert!(search.unexplained(false).is_empty());
    }

    #[test]
    fn rects_overlap_contain_and_grow() {
        let a = Rect::spanning(10, 10, 30, 20);
        assert_eq!(a.area(), 200);
        assert_eq!(a.overlap(&Rect::spanning(20, 15, 40, 40)), 50);
        assert_eq!(a.overlap(&Rect::spanning(30, 10, 40, 20)), 0);
        assert!(a.contains(10, 10) && !a.contains(30, 10) && !a.contains(-1, 12));
        assert_eq!(a.grown(15, 35, 100), Rect::spanning(0, 0, 35, 35));
        assert_eq!(
            Rect::around(&[(5, -3), (9, 7), (2, 4)]),
            Rect::spanning(2, 0, 9, 7)
        );
    }

    #[test]
    fn crops_invert_inside_the_border_only() {
        let image = bits(20, 20, &[(&["#"], 4, 0, 0)]);
        let rect = Rect::spanning(0, 0, 30, 30);
        let part = crop_bits(&image, &rect, true);
        assert_eq!(part.dimensions(), (30 + 2 * PAD, 30 + 2 * PAD));
        // The source's border (now inside the crop, at 0..PAD) stays white...
        assert_eq!(part.get_pixel(PAD + 2, PAD + 2)[0], 0);
        // ...the drawn dark square turns light, the light around it dark.
        assert_eq!(part.get_pixel(2 * PAD + 1, 2 * PAD + 1)[0], 0);
        assert_eq!(part.get_pixel(2 * PAD + 10, 2 * PAD + 10)[0], 1);
    }

    #[test]
    fn a_synthetic_code_decodes_and_maps_back_to_input_pixels() {
        let rows = code_rows("otpauth://totp/Bits:me?secret=JBSWY3DPEHPK3PXP");
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let image = bits(200, 200, &[(&rows, 4, 30, 40)]);
        let mut search = Search::default();
        assert!(search.both_polarities(image, &Frame::identity(), Pass::Local));
        assert_eq!(search.found.len(), 1);
        let found = &search.found[0];
        assert_eq!(
            found.text.expose(),
            "otpauth://totp/Bits:me?secret=JBSWY3DPEHPK3PXP"
        );
        assert_eq!(found.pass, Pass::Local);
        let (x, y) = found.bounds[0];
        assert!(
            x.abs_diff(30) <= 2 && y.abs_diff(40) <= 2,
            "{:?}",
            found.bounds
        );
        assert!(!search.unreadable);
    }

    /// A grey image of `w`×`h` light pixels with a code's modules drawn dark at
    /// `scale` pixels a module, top-left corner at (`x`, `y`).
    fn grey_page(w: u32, h: u32, rows: &[String], scale: u32, x: u32, y: u32) -> Luma {
        let mut luma = Luma {
            width: w,
            height: h,
            pixels: vec![235u8; (w * h) as usize],
        };
        draw_rows(&mut luma, rows, scale, x, y);
        luma
    }

    /// Draws modules (row strings of `#` and `.`) dark (30) at `scale` pixels a
    /// module, their top-left corner at (`x`, `y`).
    fn draw_rows<S: AsRef<str>>(luma: &mut Luma, rows: &[S], scale: u32, x: u32, y: u32) {
        for (row, line) in rows.iter().enumerate() {
            for (col, c) in line.as_ref().chars().enumerate() {
                if c != '#' {
                    continue;
                }
                for dy in 0..scale {
                    let py = y + row as u32 * scale + dy;
                    let px = x + col as u32 * scale;
                    let at = (py * luma.width + px) as usize;
                    luma.pixels[at..at + scale as usize].fill(30);
                }
            }
        }
    }

    /// A page of `w`×`h` with a code at 3 px a module from (`x`, `y`) and an
    /// `n`×`n` lattice of finder look-alikes of its finder patterns' size,
    /// `step` pixels apart from (40, 40), binarised with the local threshold;
    /// and the code's rows.
    fn code_among_look_alikes(
        text: &str,
        (w, h): (u32, u32),
        (x, y): (u32, u32),
        n: u32,
        step: u32,
    ) -> (Luma, GrayImage, Vec<String>) {
        let rows = code_rows(text);
        let mut luma = grey_page(w, h, &rows, 3, x, y);
        for i in 0..n {
            for j in 0..n {
                draw_rows(&mut luma, FINDER, 3, 40 + step * i, 40 + step * j);
            }
        }
        let bits = binarize::local(&luma);
        (luma, bits, rows)
    }

    #[test]
    fn a_zoom_into_a_box_cut_through_a_finder_pattern_takes_the_code_s_square() {
        // A box one wrong corner outlined (a look-alike among the modules taken
        // for the top-right finder pattern) ends inside that finder pattern: the
        // zoom crops the square of its longer side, which holds the whole code.
        let text = "otpauth://totp/Square:me?secret=JBSWY3DPEHPK3PXP&issuer=Square";
        let n = encode::matrix(text).unwrap().size as f32;
        let (module, x, y) = (1.6, 100.0, 80.0);
        let side = n * module;
        let corners = [(x, y), (x + side, y), (x + side, y + side), (x, y + side)];
        let luma = sample::synthetic::draw(text, 320, 260, corners).luma;
        let cut = Rect {
            x: x as usize - 3,
            y: y as usize - 3,
            w: (side - 4.0 * module) as usize,
            h: side as usize + 6,
        };
        assert_eq!(
            cut.squared(320, 260),
            Rect {
                x: cut.x - (cut.h - cut.w) / 2,
                y: cut.y,
                w: cut.h,
                h: cut.h
            }
        );
        // A strip (look-alikes along a header) grows to twice its height, not
        // to a square, and a box at the image's edge stays in the image.
        let strip = Rect {
            x: 10,
            y: 100,
            w: 300,
            h: 60,
        };
        assert_eq!(
            strip.squared(320, 260),
            Rect {
                x: 10,
                y: 70,
                w: 300,
                h: 120
            }
        );
        let edge = Rect {
            x: 290,
            y: 200,
            w: 30,
            h: 60,
        };
        assert_eq!(
            edge.squared(320, 260),
            Rect {
                x: 275,
                y: 200,
                w: 45,
                h: 60
            }
        );
        let mut search = Search {
            grey: Some(&luma),
            ..Search::default()
        };
        search.candidates.push(Candidate {
            rect: cut,
            module,
            zoomed: false,
            scan: Ratio::Exact,
            corners: None,
            invert: false,
            hidden: false,
            parts: Parts::default(),
        });
        // A second box around the same code, in the same step's list: once the
        // first zoom reads the code, it explains this box, which is skipped.
        let around = Rect {
            x: x as usize - 10,
            y: y as usize - 10,
            w: side as usize + 20,
            h: side as usize + 20,
        };
        search.candidates.push(Candidate {
            rect: around,
            scan: Ratio::Whole,
            ..search.candidates[0]
        });
        assert_eq!(search.unexplained(false).len(), 2);
        assert!(zoom(&luma, &mut search, Pass::Zoomed, false));
        assert_eq!(search.found.len(), 1);
        assert_eq!(search.found[0].text.expose(), text);
        assert!(search.candidates[0].zoomed);
        assert!(!search.candidates[1].zoomed);
    }

    #[test]
    fn a_turned_code_s_triple_has_the_module_of_its_modules() {
        // Turned by 40°, a finder pattern's row run through its centre is 1.3
        // times its width; the triple's legs give the turn, and the module the
        // sampler and the timing checks take is the code's own.
        let text = "otpauth://totp/Turned:me?secret=JBSWY3DPEHPK3PXP&issuer=Turned";
        let n = encode::matrix(text).unwrap().size;
        let module = 3.0;
        let c = sample::synthetic::corners(n, module, (200.0, 200.0), 40.0, 1.0);
        let drawn = sample::synthetic::draw(text, 400, 400, c);
        let bits = binarize::local(&drawn.luma);
        let [[dark, _], _, _] = finders_by(&bits, MAX_FINDERS + 1, SCANS);
        let frame = Frame::identity();
        let nearest = |p: sample::Point| {
            (0..dark.len())
                .min_by(|&i, &j| {
                    let d = |k: usize| {
                        let q = frame.point(dark[k].x, dark[k].y);
                        (q.x - p.x).hypot(q.y - p.y)
                    };
                    d(i).total_cmp(&d(j))
                })
                .unwrap()
        };
        let set = drawn.centres.map(nearest);
        let runs = set.iter().map(|&i| dark[i].span as f32).sum::<f32>() / 21.0;
        assert!(runs > 1.2 * module, "{runs}");
        let triple = frame.triple(&dark, set, false);
        assert!(
            (triple.module - module).abs() < 0.1 * module,
            "{}",
            triple.module
        );
        assert!(grey_verified(&drawn.luma, &triple) >= GREY_TIMING);
        // A triple whose edges are not turned alike is no square's corner (a
        // look-alike off the code's edge): its runs are taken as they are along
        // the upright edge, not shrunk by the other's turn.
        let at = |x: usize, y: usize| Finder {
            x,
            y,
            span: 21,
            square: true,
            tall: 21,
        };
        let (corner, along, off) = (at(100, 100), at(200, 100), at(160, 180));
        // The same code's triple, found again a pixel off by another pass, is
        // not sampled again once it read nothing; a triple elsewhere is.
        let mut search = Search {
            grey: Some(&drawn.luma),
            ..Search::default()
        };
        let wrong = sample::Finders {
            module: triple.module * 2.0,
            ..triple
        };
        assert!(!search.sampled(&drawn.luma, &wrong));
        assert_eq!(search.unread.len(), 1);
        let shifted = sample::Finders {
            centres: wrong.centres.map(|p| sample::Point::new(p.x + 0.5, p.y)),
            ..wrong
        };
        assert!(!search.sampled(&drawn.luma, &shifted));
        assert_eq!(search.unread.len(), 1);
        assert!(search.sampled(&drawn.luma, &triple));
        assert_eq!(search.unread.len(), 1);
        assert!((turned(&corner, &off) - 0.8).abs() < 1e-6);
        assert_eq!(corner_turned(&corner, &along, &off), 1.0);
        assert_eq!(corner_turned(&corner, &off, &along), 1.0);
        // A square's corner turned by 37° and 35° (perspective): the mean.
        let (right, down) = (at(180, 160), at(45, 180));
        let alike = corner_turned(&corner, &right, &down);
        let mean = (turned(&corner, &right) + turned(&corner, &down)) / 2.0;
        assert!(turned(&corner, &right) < turned(&corner, &down));
        assert!((alike - mean).abs() < 1e-6, "{alike} {mean}");
    }

    #[test]
    fn a_frame_with_too_many_triples_keeps_its_code_s_timed_triple() {
        // A large page: a code at 3 px a module, and a lattice of 121 finder
        // look-alikes of its size (a photo's noise and text), which link into far
        // more triples than a frame is cropped around.
        let text = "otpauth://totp/Crowd:me?secret=JBSWY3DPEHPK3PXP";
        let (luma, bits, rows) = code_among_look_alikes(text, (1400, 1100), (1000, 500), 11, 80);
        let [[dark, _], _, _] = finders_by(&bits, MAX_FINDERS + 1, SCANS);
        assert!(dark.len() > 121, "{}", dark.len());
        assert!(corner_triples(&dark, Ratio::Whole).is_none());
        let frame = Frame::identity();
        let own = |c: &Candidate| {
            c.corners.is_some_and(|corners| {
                corners
                    .iter()
                    .all(|p| p.x >= 1000.0 && p.y >= 500.0 && p.y < 500.0 + 3.0 * rows.len() as f32)
            })
        };
        // In a zoom's crop (not a frame step) the triples are not weighed...
        let mut search = Search {
            grey: Some(&luma),
            ..Search::default()
        };
        search.polarity(&bits, &dark, false, &frame, Pass::Local, true);
        assert!(!search.candidates.iter().any(own));
        // ...in a frame step the code's triple is kept, corners and all, as a
        // place of the last zoom, which samples it.
        search.frame_step = true;
        search.polarity(&bits, &dark, false, &frame, Pass::Local, true);
        search.frame_step = false;
        let places: Vec<&Candidate> = search.candidates.iter().filter(|c| own(c)).collect();
        assert_eq!(places.len(), 1, "{:?}", search.candidates);
        assert_eq!(places[0].scan, Ratio::Tolerant);
        assert!(search.found.is_empty());
        assert!(zoomed_all(&luma, &mut search, Pass::Zoomed));
        assert_eq!(search.found[0].text.expose(), text);
        assert_eq!(search.found[0].pass, Pass::Sampled);
    }

    #[test]
    fn a_crop_s_timed_triple_is_sampled_before_larger_look_alike_ones() {
        // A zoom's crop: a code at 3 px a module, and around it four look-alikes
        // of its finder patterns' size, which link with each other and with the
        // code's into more triples larger than the code's than are sampled.
        let text = "otpauth://totp/Ranked:me?secret=JBSWY3DPEHPK3PXP";
        let (luma, bits, rows) = code_among_look_alikes(text, (800, 800), (400, 400), 2, 600);
        let [_, exact, _] = finders_by(&bits, MAX_FINDERS + 1, SCANS);
        // By size alone the code's triple is not among those sampled.
        let pad = PAD as usize;
        let in_code = |&[a, b, c]: &[usize; 3]| {
            [a, b, c]
                .iter()
                .all(|&i| exact[0][i].x >= 400 + pad && exact[0][i].y >= 400 + pad)
        };
        let by_size = largest_corner_triples(&exact[0], Ratio::Exact, usize::MAX);
        assert!(by_size.iter().any(in_code));
        assert!(!by_size.iter().take(MAX_SAMPLED).any(in_code));
        let outlined = outlined(&luma, &exact, &Frame::identity());
        let first = outlined.first().expect("triples");
        let side = 3.0 * rows.len() as f32;
        assert!(
            first
                .centres
                .iter()
                .all(|p| (400.0..400.0 + side).contains(&p.x)
                    && (400.0..400.0 + side).contains(&p.y)),
            "{:?}",
            first.centres
        );
        let read = sample::first(&luma, first, |grid| read(grid).map(|(_, p)| p.text));
        assert_eq!(read.as_deref(), Some(text));
    }

    #[test]
    fn a_large_frame_reads_its_code_by_sampling_before_rqrr() {
        // A page over the crop threshold: the crop around the finder triple is
        // sampled from the grey pixels and rqrr is never given it.
        let text = "otpauth://totp/Bits:me?secret=JBSWY3DPEHPK3PXP";
        let luma = grey_page(1400, 1100, &code_rows(text), 3, 700, 500);
        let mut search = Search {
            grey: Some(&luma),
            ..Search::default()
        };
        assert!(local(&luma, &mut search, Pass::Local));
        assert_eq!(search.found.len(), 1);
        let found = &search.found[0];
        assert_eq!(found.text.expose(), text);
        assert_eq!(found.pass, Pass::Sampled);
        let (x, y) = found.bounds[0];
        assert!(
            x.abs_diff(700) <= 2 && y.abs_diff(500) <= 2,
            "{:?}",
            found.bounds
        );
        // The whole cascade reads it the same way.
        let outcome = run(&luma);
        assert_eq!(outcome.found.len(), 1);
        assert_eq!(outcome.found[0].pass, Pass::Sampled);
    }

    #[test]
    fn two_finder_patterns_alone_give_nothing_on_a_large_frame() {
        // Two finder patterns and no third: rqrr could not outline a code, so
        // nothing is found and nothing counts as located.
        let mut rows = vec![".".repeat(40); 40];
        for (i, line) in FINDER.iter().enumerate() {
            rows[i] = format!("{line}{}", ".".repeat(33));
            rows[20 + i] = format!("{}{line}", ".".repeat(33));
        }
        let luma = grey_page(1400, 1100, &rows, 4, 300, 300);
        let outcome = run(&luma);
        assert!(outcome.found.is_empty() && !outcome.unreadable);
    }

    #[test]
    fn a_located_code_that_does_not_decode_is_unreadable() {
        let mut rows = code_rows("otpauth://totp/Bits:me?secret=JBSWY3DPEHPK3PXP");
        // Scratch out most of the data area: the finder and timing patterns stay.
        let size = rows.len();
        for (y, row) in rows.iter_mut().enumerate() {
            if (9..size - 9).contains(&y) {
                *row = row
                    .chars()
                    .enumerate()
                    .map(|(x, c)| if x > 8 && x < size - 9 { '#' } else { c })
                    .collect();
            }
        }
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let image = bits(200, 200, &[(&rows, 4, 30, 40)]);
        let mut search = Search::default();
        assert!(!search.both_polarities(image, &Frame::identity(), Pass::Local));
        assert!(search.found.is_empty());
        assert!(search.unreadable);
    }

    /// `text` at `module` px a module, dark grey 85 on light grey 229 (the code and
    /// a quiet zone of two modules, smoothly scaled), on a dark page of grey 26.
    fn low_contrast_on_a_dark_page(text: &str, module: f32) -> Luma {
        let modules = encode::matrix(text).unwrap().size;
        let (x, y) = (150.0, 120.0);
        let side = modules as f32 * module;
        let (w, h) = (480, 360);
        let corners = [(x, y), (x + side, y), (x + side, y + side), (x, y + side)];
        let mut luma = sample::synthetic::draw(text, w, h, corners).luma;
        let quiet = 2.0 * module;
        for (i, grey) in luma.pixels.iter_mut().enumerate() {
            let (px, py) = ((i % w as usize) as f32, (i / w as usize) as f32);
            let inside = |v: f32, at: f32| v + 1.0 > at - quiet && v < at + side + quiet;
            *grey = if inside(px, x) && inside(py, y) {
                // 235 → 229, 40 → 85.
                (85 + (u32::from(*grey) - 40) * (229 - 85) / (235 - 40)) as u8
            } else {
                26
            };
        }
        luma
    }

    #[test]
    fn a_region_rqrr_cannot_read_is_sampled() {
        // A low-contrast code at 1.5 px a module on a dark page: the frame's
        // thresholds lose its finder rings (the dark page pulls the local
        // threshold under them), the region step's enlarged crop shows them, and
        // rqrr cannot read the enlarged modules; the sampler reads the grey pixels.
        let text = "otpauth://totp/Stark%20Industries:walter34%40acme.dev?secret=T6UX3A3UOZFM2VA3MY4MMKZUGGFBOULR&issuer=Stark%20Industries&digits=6";
        let luma = low_contrast_on_a_dark_page(text, 1.53);
        let mut search = Search {
            grey: Some(&luma),
            ..Search::default()
        };
        assert!(region(&luma, &mut search, Pass::Region));
        assert_eq!(search.found.len(), 1);
        assert_eq!(search.found[0].text.expose(), text);
        assert_eq!(search.found[0].pass, Pass::Sampled);
        let outcome = run(&luma);
        assert_eq!(outcome.found.len(), 1);
        assert_eq!(outcome.found[0].text.expose(), text);
    }

    /// A dark page (grey 26) with two codes: one at 4 px a module on a light
    /// card with a wide quiet zone, and one at `module` px (grey 70 on 245) in a
    /// light box whose quiet zone is one module, its top-left corner at (`x`, `y`).
    fn two_codes_on_a_dark_page(first: &str, second: &str, module: f32, x: f32, y: f32) -> Luma {
        let (w, h) = (640u32, 360u32);
        let code = |text: &str, module: f32, x: f32, y: f32| {
            let side = encode::matrix(text).unwrap().size as f32 * module;
            let corners = [(x, y), (x + side, y), (x + side, y + side), (x, y + side)];
            (sample::synthetic::draw(text, w, h, corners).luma, side)
        };
        let (card, card_side) = code(first, 4.0, 40.0, 60.0);
        let (boxed, box_side) = code(second, module, x, y);
        let inside =
            |v: f32, at: f32, side: f32, quiet: f32| v + 1.0 > at - quiet && v < at + side + quiet;
        let pixels = (0..w * h)
            .map(|i| {
                let (px, py) = ((i % w) as f32, (i / w) as f32);
                let i = i as usize;
                if inside(px, 40.0, card_side, 16.0) && inside(py, 60.0, card_side, 16.0) {
                    card.pixels[i]
                } else if inside(px, x, box_side, module) && inside(py, y, box_side, module) {
                    // 235 → 245, 40 → 70.
                    (70 + (u32::from(boxed.pixels[i]) - 40) * (245 - 70) / (235 - 40)) as u8
                } else {
                    26
                }
            })
            .collect();
        Luma {
            width: w,
            height: h,
            pixels,
        }
    }

    #[test]
    fn a_code_in_a_narrow_box_on_a_dark_page_is_read_beside_another() {
        // The first code is read by the frame's first step, so no later frame
        // step runs; the second one's finder patterns lie two pixels from a dark
        // page, whose flat blocks used to pull the local threshold under their
        // anti-aliased rings.
        let first = "otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme";
        let second = "otpauth://totp/Soylent:judy36%40example.com?secret=T6UX3A3UOZFM2VA3MY4MMKZUGGFBOULR&issuer=Soylent&digits=6";
        for (module, x, y) in [
            (1.8, 330.0, 100.0),
            (1.8, 333.0, 103.0),
            (1.7, 336.0, 97.0),
            (1.9, 331.0, 106.0),
        ] {
            let luma = two_codes_on_a_dark_page(first, second, module, x, y);
            let outcome = run(&luma);
            let texts: Vec<&str> = outcome.found.iter().map(|f| f.text.expose()).collect();
            assert!(
                texts.contains(&first),
                "{module} px at ({x}, {y}): {texts:?}"
            );
            assert!(
                texts.contains(&second),
                "{module} px at ({x}, {y}): {texts:?}"
            );
        }
    }

    /// A blurred, dark 4K frame (binarised, as rqrr saw it) on which rqrr's grid
    /// fit kept spiralling for minutes: rqrr is stopped once its work passes the
    /// bound, and the call returns.
    #[test]
    fn rqrr_is_stopped_on_a_frame_that_keeps_it_searching() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/qr-rqrr/spiral-4k.png"
        );
        let mut frame = image::open(path).expect("the frame").into_luma8();
        for p in frame.iter_mut() {
            *p = u8::from(*p < 128);
        }
        // Stopped: no grids, not an empty list of them.
        assert!(bounded::detect(frame, |_| ()).is_none());
    }

    /// A large frame with a code in it is searched to the end, well within the bound.
    #[test]
    fn rqrr_reads_a_large_frame_to_the_end_within_the_bound() {
        let rows = code_rows("otpauth://totp/Bound:me?secret=JBSWY3DPEHPK3PXP");
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let drawings = [(&rows[..], 3, 900, 700)];
        let grids = bounded::detect(bits(2000, 1500, &drawings), read).expect("not stopped");
        let read: Vec<&str> = grids
            .iter()
            .filter_map(|(read, _, _)| read.as_ref())
            .map(|(_, payload)| payload.text.as_str())
            .collect();
        assert_eq!(read, ["otpauth://totp/Bound:me?secret=JBSWY3DPEHPK3PXP"]);
    }

    /// A square finder pattern `span` pixels wide centred at (`x`, `y`).
    fn square(x: usize, y: usize, span: usize) -> Finder {
        Finder::new(x, y, span, span)
    }

    #[test]
    fn two_square_finders_of_one_size_apart_could_be_a_codes_corners() {
        let a = square(100, 100, 21);
        // 3 px a module: 10 modules are 30 px.
        let pair = |b: Finder, ratio| linked(&a, &b, ratio).is_some();
        assert!(pair(square(200, 100, 21), Ratio::Exact));
        assert!(pair(square(170, 170, 21), Ratio::Whole));
        // Too close for two corners of one code, or too far.
        assert!(!pair(square(125, 100, 21), Ratio::Exact));
        assert!(!pair(square(100, 900, 21), Ratio::Exact));
        // Not one size (the exact test wants a quarter; the whole-pixel one twice).
        assert!(!pair(square(200, 100, 30), Ratio::Exact));
        assert!(pair(square(200, 100, 30), Ratio::Whole));
        assert!(!pair(square(200, 100, 50), Ratio::Whole));
        // Text strokes: not square.
        let stroke = Finder::new(200, 100, 21, 8);
        assert!(!pair(stroke, Ratio::Whole));
    }

    /// A code found at `bounds` (its payload does not matter here).
    fn found_at(bounds: [(i32, i32); 4]) -> Found {
        Found {
            text: SecretText::new(String::new()),
            bytes: SecretBytes::from(Zeroizing::new(Vec::new())),
            version: 1,
            bounds,
            pass: Pass::Local,
        }
    }

    #[test]
    fn a_code_found_stops_the_frame_steps_only_when_no_corners_are_left_outside_it() {
        // A page whose one code an earlier step is taken to have read elsewhere
        // (a code found at the top left), with a second code the scans saw two
        // corners of and outlined no triple around: the frame steps go on and
        // read it. Before, a code found ended every frame step, and the second
        // code was never looked for.
        let text = "otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&issuer=Acme";
        let rows = code_rows(text);
        let (scale, x, y) = (3, 300, 100);
        let luma = grey_page(640, 360, &rows, scale, x, y);
        let centre = |modules: f32| (modules * scale as f32) as usize;
        let n = rows.len() as f32;
        let corners = vec![
            square(x as usize + centre(3.5), y as usize + centre(3.5), 21),
            square(x as usize + centre(n - 3.5), y as usize + centre(3.5), 21),
        ];
        let elsewhere = found_at([(10, 10), (90, 10), (90, 90), (10, 90)]);
        let mut search = Search {
            grey: Some(&luma),
            found: vec![elsewhere.clone()],
            corners: vec![(false, corners.clone())],
            ..Search::default()
        };
        assert!(search.corners_unexplained());
        cascade(&luma, &mut search);
        let texts: Vec<&str> = search.found.iter().map(|f| f.text.expose()).collect();
        assert!(texts.contains(&text), "{texts:?}");
        // Corners inside a code found (its own finder patterns, or look-alikes in
        // its data modules) explain nothing: no frame step runs, at no cost.
        let over = found_at([(290, 90), (400, 90), (400, 200), (290, 200)]);
        let mut search = Search {
            grey: Some(&luma),
            found: vec![over],
            corners: vec![(false, corners.clone())],
            ..Search::default()
        };
        assert!(!search.corners_unexplained());
        cascade(&luma, &mut search);
        assert_eq!(search.found.len(), 1);
        assert_eq!(search.corners.len(), 1, "no frame step ran");
        // The same finder patterns with nothing between them (icons placed as a
        // code's corners are): no timing pattern runs beside them, so they are
        // no code's corners, and no frame step runs.
        let bare: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(r, line)| {
                let n = line.len();
                line.chars()
                    .enumerate()
                    .map(|(c, m)| {
                        let corner = (r < 7 || r >= n - 7) && (c < 7 || c >= n - 7);
                        if corner && !(r >= n - 7 && c >= n - 7) {
                            m
                        } else {
                            '.'
                        }
                    })
                    .collect()
            })
            .collect();
        let luma = grey_page(640, 360, &bare, scale, x, y);
        let mut search = Search {
            grey: Some(&luma),
            found: vec![elsewhere],
            corners: vec![(false, corners)],
            ..Search::default()
        };
        assert!(!search.corners_unexplained());
    }

    #[test]
    fn frame_steps_keep_their_square_look_alikes_in_input_pixels() {
        // A code read by the first step: its own finder patterns are kept (and
        // explained by it), so no later frame step runs.
        let text = "otpauth://totp/Acme:bob?secret=JBSWY3DPEHPK3PXP&issuer=Acme";
        let luma = grey_page(640, 360, &code_rows(text), 3, 300, 100);
        let mut search = Search {
            grey: Some(&luma),
            ..Search::default()
        };
        cascade(&luma, &mut search);
        assert_eq!(search.found.len(), 1);
        let kept: Vec<&Finder> = search.corners.iter().flat_map(|(_, l)| l).collect();
        assert!(kept.len() >= 3, "{kept:?}");
        let code = Rect::around(&search.found[0].bounds);
        assert!(
            kept.iter()
                .all(|f| f.square && code.contains(f.x as i32, f.y as i32))
        );
        assert!(!search.corners_unexplained());
    }

    #[test]
    fn the_cascade_is_a_table_of_named_passes() {
        let names: Vec<&str> = CASCADE.iter().map(|s| s.pass.as_str()).collect();
        assert_eq!(names[..2], ["local", "global"]);
        assert!(names.ends_with(&["region", "zoomed"]));
        for step in &CASCADE {
            assert!(!step.pass.as_str().ends_with("inverted"), "{}", step.pass);
        }
    }
}
