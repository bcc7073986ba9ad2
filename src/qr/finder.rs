//! Finder-pattern tests beyond rqrr's: ZXing's tolerant 1:1:3:1:1 test, for
//! finder patterns that blur has widened.
//!
//! At 1.5–3 px a module, anti-aliasing, JPEG and a phone's optics spread the dark
//! 3-module centre of a finder pattern into the light ring around it: a row or
//! column through it reads 2:1:6:1:2 instead of 2:2:5:2:2, which rqrr's test (and
//! the exact one derived from it: each run within three quarters of a quarter of
//! the four outer runs) refuses, because the thin light runs make the unit small.
//! ZXing measures against the whole width instead (a module is a seventh of it):
//! each outer run within half a module, the centre within a module and a half.
//! zxing-cpp also measures from each edge to the next but one, which a threshold
//! that shifted every edge by a pixel does not change ([`tolerant`] takes both).
//! `docs/qr-pipeline.md` (eleventh and twelfth rounds) records why its look-alikes
//! are kept apart.
//!
//! The tolerant test lets through many more look-alikes (text strokes, icons, a
//! dense code's data modules), so its triples are verified and ranked by the
//! timing patterns they would outline ([`timing_score`]) instead of being cut
//! off at a count: the first few places are then the codes, not the look-alikes
//! that came first on the page. Before a place is zoomed into, its timing
//! patterns must also alternate in the grey pixels ([`grey_timing`]).

use image::GrayImage;

use super::Luma;
use super::sample::Point;

/// The smallest total width (seven modules) the tolerant test takes: a module of
/// about 1.4 px. Below it a one-pixel run is half the unit and text strokes pass.
const MIN_SPAN: usize = 10;
/// The largest total width it takes: a module of 8 px. A phone photo's blur is
/// several pixels wide, not one: at 5.7 px a module it spread finder centres to
/// 3.5 modules and thinned the light rings to 0.8 (6:4:21:4:6), which the exact
/// test refuses (tune6 page-0474, `docs/qr-pipeline.md`, twenty-third round).
const MAX_SPAN: usize = 56;

/// No run of five that [`tolerant`] takes is longer than this: the centre is
/// under 18/28 of a total of at most [`MAX_SPAN`] (every outer run is shorter). A
/// column walked only for the tolerant test can stop one pixel further.
pub(super) const LONGEST_RUN: usize = 35;

/// ZXing's finder test (`FinderPatternFinder.foundPatternCross`): each outer run
/// within half a module of a seventh of the total, the centre within one and a
/// half modules of three sevenths, for totals of [`MIN_SPAN`]–[`MAX_SPAN`] px;
/// or, where a threshold between two grey levels shifted every edge
/// ([`edge_to_edge`]), zxing-cpp's.
///
/// Every test is taken, none short-circuits: on the runs of text each would be a
/// branch the processor guesses wrong half the time, and that cost more than the
/// tests (2026-12-01, `docs/qr-pipeline.md`, fourteenth round).
#[inline(always)]
pub(super) fn tolerant(runs: &[usize; 5]) -> bool {
    let total: usize = runs.iter().sum();
    // In sevenths of a pixel: |7·run − k·total| < k·total/2, times 2.
    const CHECK: [usize; 5] = [1, 1, 3, 1, 1];
    let zxing = runs.iter().zip(CHECK).fold(true, |ok, (&run, k)| {
        ok & (2 * (7 * run).abs_diff(k * total) < k * total)
    });
    // The centre as ZXing takes it, which both tests need (the edge-to-edge
    // test's own bound on the centre is tighter).
    let centre = 2 * (7 * runs[2]).abs_diff(3 * total) < 3 * total;
    (MIN_SPAN..=MAX_SPAN).contains(&total) & centre & (zxing | edge_to_edge(runs, total))
}

/// What [`tolerant`] needs of five runs, at a fraction of its cost and without a
/// branch, to be tried on every five runs of a row: a total of
/// [`MIN_SPAN`]–[`MAX_SPAN`], ZXing's test of the centre, and no outer run longer
/// than the looser of the two tests allows (the edge-to-edge test's 3/14 of the
/// total and half a pixel). On the rows of a 4K page of text, one run in sixteen
/// that the other ratios' quick test drops passes it, and one in a hundred passes
/// [`tolerant`].
#[inline(always)]
pub(super) fn may_be_tolerant(runs: [u32; 5]) -> bool {
    const MIN: u32 = MIN_SPAN as u32;
    const MAX: u32 = MAX_SPAN as u32;
    let total: u32 = runs.iter().sum();
    let longest = runs[0].max(runs[1]).max(runs[3].max(runs[4]));
    // |7·centre − 3·total| < 3·total/2, times 4: 6·total < 28·centre < 18·total.
    let centre = 28 * runs[2];
    (total.wrapping_sub(MIN) <= MAX - MIN)
        & (28 * longest <= 6 * total + 14)
        & (centre > 6 * total)
        & (centre < 18 * total)
}

/// zxing-cpp's finder test (`IsPattern`, edge to edge): every run within half a
/// module and half a pixel of its share of the total, and every two neighbouring
/// runs (the distance from one edge to the next but one) within three quarters of
/// a module and half a pixel of theirs. At 1.5–2.5 px a module a pixel half
/// covered by a dark module falls on one side of the threshold or the other, so
/// a finder pattern's runs read 2:2:7:2:1 or 2:2:5:1:3: each dark run a pixel
/// wider, a light one a pixel narrower, but every edge-to-edge distance right.
/// A lone outer run twice too long (4:1:5:1:1, text beside a stroke) still fails.
#[inline(always)]
fn edge_to_edge(runs: &[usize; 5], total: usize) -> bool {
    // In sevenths of a pixel, times 4: the module is total/7, so
    // |run − k·total/7| ≤ total/14 + 1/2 is |28·run − 4k·total| ≤ 2·total + 14.
    const CHECK: [usize; 5] = [1, 1, 3, 1, 1];
    let runs_ok = runs.iter().zip(CHECK).fold(true, |ok, (&run, k)| {
        ok & ((28 * run).abs_diff(4 * k * total) <= 2 * total + 14)
    });
    // |pair − k·total/7| ≤ 3·total/28 + 1/2, times 28.
    const PAIRS: [usize; 4] = [2, 4, 4, 2];
    runs.windows(2).zip(PAIRS).fold(runs_ok, |ok, (pair, k)| {
        ok & ((28 * (pair[0] + pair[1])).abs_diff(4 * k * total) <= 3 * total + 14)
    })
}

/// A point in a binarised image's pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct At {
    pub x: f32,
    pub y: f32,
}

/// How well the two timing patterns of the code three finder patterns would
/// outline (corner `a`, neighbours `b` and `c`, module `module` px) show in `bits`
/// (1 dark; `flip` 1 for light-on-dark), from 0 to 1: the worse of the two lines.
/// A timing pattern runs three modules inside the line between two finder
/// centres, from 4.5 modules past one centre to 4.5 before the other, and changes
/// colour once a module. Along each line this is the lesser of the share of the
/// changes a timing pattern has there that are seen, and the share of the line
/// that lies in runs a module long (0.4–1.7 modules). Blank page changes colour
/// not at all, text as often but in runs of every length (strokes, letter and
/// word gaps), a code's data modules about half as often.
#[cfg(test)]
fn timing_score(bits: &GrayImage, flip: u8, [a, b, c]: [At; 3], module: f32) -> f32 {
    timing_line(bits, flip, a, b, c, module).min(timing_line(bits, flip, a, c, b, module))
}

/// [`timing_score`] along one line: the timing pattern from the finder centred at
/// `from` to the one at `to`, three modules toward `toward`'s side. It depends on
/// `toward` only through the side it lies on, so a leg shared by many triples is
/// scored once per side.
///
/// The scan's centres are whole pixels of a row's runs: at 1.5–2 px a module they
/// may lie most of a module off, and a line three modules in then runs along the
/// data beside the timing pattern. A line that does not show it (under
/// [`TIMING_SHOWN`]) is tried again half a module either side, as [`grey_timing`]
/// shifts its lines, and the best kept.
pub(super) fn timing_line(
    bits: &GrayImage,
    flip: u8,
    from: At,
    to: At,
    toward: At,
    module: f32,
) -> f32 {
    let centred = timing_line_at(bits, flip, [from, to, toward], module, 3.0);
    if centred >= TIMING_SHOWN {
        return centred;
    }
    [2.5, 3.5]
        .into_iter()
        .map(|inside| timing_line_at(bits, flip, [from, to, toward], module, inside))
        .fold(centred, f32::max)
}

/// A tolerant triple outlines a code only if its timing patterns show at least
/// this well ([`timing_score`]); a line that does needs no second try
/// ([`timing_line`]).
pub(super) const TIMING_SHOWN: f32 = 0.3;

/// [`timing_line`] with the line `inside` modules in from the finder centres.
fn timing_line_at(
    bits: &GrayImage,
    flip: u8,
    [from, to, toward]: [At; 3],
    module: f32,
    inside: f32,
) -> f32 {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = (dx * dx + dy * dy).sqrt();
    if length < 12.0 * module {
        return 0.0;
    }
    // Perpendicular to the line, on `toward`'s side.
    let (ux, uy) = (dx / length, dy / length);
    let cross = dx * (toward.y - from.y) - dy * (toward.x - from.x);
    if cross == 0.0 {
        return 0.0;
    }
    let side = if cross > 0.0 { 1.0 } else { -1.0 };
    let (vx, vy) = (-uy * side * inside * module, ux * side * inside * module);
    let (start, end) = (4.5 * module, length - 4.5 * module);
    let step = (module / 4.0).max(0.25);
    let (mut changes, mut regular, mut run) = (0usize, 0.0f32, 0.0f32);
    let mut last: Option<u8> = None;
    let mut t = start;
    while t <= end {
        let x = from.x + vx + ux * t;
        let y = from.y + vy + uy * t;
        let bit = if x < 0.0 || y < 0.0 {
            0
        } else {
            bits.get_pixel_checked(x as u32, y as u32)
                .map_or(0, |p| p.0[0] ^ flip)
        };
        if last.is_some_and(|l| l != bit) {
            // A run ended (the first one, cut by `start`, counts as any other).
            changes += 1;
            if run >= 0.4 * module && run <= 1.7 * module {
                regular += run;
            }
            run = 0.0;
        }
        last = Some(bit);
        run += step;
        t += step;
    }
    if run >= 0.4 * module && run <= 1.7 * module {
        regular += run;
    }
    // A timing pattern starts and ends dark: (modules − 1) changes.
    let expected = ((end - start) / module - 1.0).max(1.0);
    let seen = (changes as f32 / expected).min(1.0);
    seen.min(regular / (end - start + step))
}

/// How clearly the grey pixels along the two timing patterns of the code three
/// finder centres would outline (corner first, input pixels; `module` px)
/// alternate once a module, from −1 to 1: the worse line's negated
/// autocorrelation at a lag of one module (¾–1¼, the finder patterns' module is
/// only roughly known). A timing pattern gives about 1 however blurred (blur
/// lowers its contrast, not its period); text gives little, blank page 0. Grey
/// levels, because at 1.5–2 px a module a binarisation loses half the timing
/// modules ([`timing_score`] then ranks the places but cannot decide).
///
/// A score under `least` is not refined (a line whose ends, shifted together,
/// alternate at under half of it is not tried with its ends shifted apart, and the
/// second line is not tried after a first under it): it only tells that the place
/// scores under `least`. Most look-alikes stop there, at a tenth of the work.
pub(super) fn grey_timing(luma: &Luma, [a, b, c]: [Point; 3], module: f32, least: f32) -> f32 {
    let (w, h) = (luma.width as usize, luma.height as usize);
    if w < 2 || h < 2 || module <= 0.0 {
        return 0.0;
    }
    let at = |x: f32, y: f32| -> f32 {
        let fx = (x - 0.5).clamp(0.0, (w - 1) as f32);
        let fy = (y - 0.5).clamp(0.0, (h - 1) as f32);
        let (x0, y0) = (fx as usize, fy as usize);
        let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
        let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
        let px = |x: usize, y: usize| f32::from(luma.pixels[y * w + x]);
        let top = px(x0, y0) * (1.0 - tx) + px(x1, y0) * tx;
        let bottom = px(x0, y1) * (1.0 - tx) + px(x1, y1) * tx;
        top * (1.0 - ty) + bottom * ty
    };
    const STEPS: usize = 4;
    // The centres are known to a pixel or so, the timing row is one module wide:
    // each end of the line is tried a quarter and half a module either side.
    const SHIFTS: [f32; 5] = [-0.5, -0.25, 0.0, 0.25, 0.5];
    let line = |from: Point, to: Point, toward: Point| -> f32 {
        let (dx, dy) = (to.x - from.x, to.y - from.y);
        let length = (dx * dx + dy * dy).sqrt();
        let (ox, oy) = (toward.x - from.x, toward.y - from.y);
        let side = (ox * ox + oy * oy).sqrt();
        if length < 12.0 * module || side <= 0.0 {
            return 0.0;
        }
        let (ux, uy) = (dx / length, dy / length);
        let (nx, ny) = (module * ox / side, module * oy / side);
        let step = module / STEPS as f32;
        let (start, end) = (4.5 * module, length - 4.5 * module);
        let count = ((end - start) / step) as usize + 1;
        let mut best = f32::MIN;
        let parallel = SHIFTS.iter().map(|&s| (s, s));
        let apart = SHIFTS
            .iter()
            .flat_map(|&near| SHIFTS.iter().map(move |&far| (near, far)))
            .filter(|(near, far)| near != far);
        for (i, (near, far)) in parallel.chain(apart).enumerate() {
            if i == SHIFTS.len() && best < least / 2.0 {
                break;
            }
            {
                let profile: Vec<f32> = (0..count)
                    .map(|i| {
                        let t = start + i as f32 * step;
                        let off = 3.0 + near + (far - near) * (t - start) / (end - start);
                        at(from.x + nx * off + ux * t, from.y + ny * off + uy * t)
                    })
                    .collect();
                best = best.max(alternation(&profile, STEPS));
            }
        }
        best
    };
    let first = line(a, b, c);
    if first < least {
        return first;
    }
    first.min(line(a, c, b))
}

/// The negated autocorrelation of `profile` at a lag of ¾–1¼ of `steps` samples
/// (the best of three), 0 for a flat profile: about 1 for a pattern that
/// alternates every `steps` samples.
fn alternation(profile: &[f32], steps: usize) -> f32 {
    let count = profile.len();
    if count <= steps + 1 {
        return 0.0;
    }
    let mean = profile.iter().sum::<f32>() / count as f32;
    let centred: Vec<f32> = profile.iter().map(|v| v - mean).collect();
    let variance = centred.iter().map(|v| v * v).sum::<f32>();
    // Under about four grey levels of spread: a flat line, not a pattern.
    if variance < 16.0 * count as f32 {
        return 0.0;
    }
    (steps - 1..=steps + 1)
        .map(|lag| {
            let pairs = count - lag;
            let sum: f32 = (0..pairs).map(|i| centred[i] * centred[i + lag]).sum();
            -sum / variance * count as f32 / pairs as f32
        })
        .fold(f32::MIN, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qr::encode;

    /// A code drawn at `scale` px a module (1 dark) on a white page, its top-left
    /// corner at (`at`, `at`), and its finder centres (corner first).
    fn drawn(text: &str, scale: u32, at: u32) -> (GrayImage, [At; 3], usize) {
        let matrix = encode::matrix(text).unwrap();
        let side = matrix.size as u32 * scale + 2 * at;
        let mut bits = GrayImage::new(side, side);
        for y in 0..matrix.size {
            for x in 0..matrix.size {
                if matrix.is_dark(x, y) {
                    for d in 0..scale * scale {
                        let px = at + x as u32 * scale + d % scale;
                        let py = at + y as u32 * scale + d / scale;
                        bits.put_pixel(px, py, image::Luma([1]));
                    }
                }
            }
        }
        let centre = |m: usize| at as f32 + m as f32 * scale as f32 + 3.5 * scale as f32;
        let (near, far) = (centre(0), centre(matrix.size - 7));
        let finders = [
            At { x: near, y: near },
            At { x: far, y: near },
            At { x: near, y: far },
        ];
        (bits, finders, matrix.size)
    }

    #[test]
    fn a_code_s_own_finder_patterns_show_their_timing_patterns() {
        let text = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP";
        for scale in [2, 3] {
            let (bits, finders, _) = drawn(text, scale, 20);
            let score = timing_score(&bits, 0, finders, scale as f32);
            assert!(score >= 0.9, "scale {scale}: {score}");
            // The same corners on the inverse (a light-on-dark code) with flip.
            let mut inverse = bits.clone();
            inverse.pixels_mut().for_each(|p| p.0[0] ^= 1);
            assert!(timing_score(&inverse, 1, finders, scale as f32) >= 0.9);
        }
    }

    #[test]
    fn a_timing_line_most_of_a_module_off_its_centres_is_found() {
        // At 2 px a module the scan's centres may lie 1.4 px (0.7 module) off:
        // three modules in from them, the lines run along row and column 7,
        // beside the timing patterns; half a module nearer they show them.
        let text = "otpauth://totp/Corners:me?secret=JBSWY3DPEHPK3PXP";
        let (bits, finders, _) = drawn(text, 2, 20);
        let [a, b, c] = finders.map(|p| At {
            x: p.x + 1.4,
            y: p.y + 1.4,
        });
        for (to, toward) in [(b, c), (c, b)] {
            let beside = timing_line_at(&bits, 0, [a, to, toward], 2.0, 3.0);
            assert!(beside < TIMING_SHOWN, "{beside}");
        }
        let score = timing_score(&bits, 0, [a, b, c], 2.0);
        assert!(score >= 0.9, "{score}");
    }

    #[test]
    fn look_alikes_on_blank_page_or_inside_a_code_do_not() {
        let text = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP";
        let (bits, [a, b, c], size) = drawn(text, 3, 20);
        // Three corners on the white margin outside the code: nothing alternates.
        let blank = GrayImage::new(bits.width(), bits.height());
        assert_eq!(timing_score(&blank, 0, [a, b, c], 3.0), 0.0);
        // Three corners a third of the way into the data modules: the lines cross
        // data, which changes colour far less often than a timing pattern.
        let shift = (size / 3) as f32 * 3.0;
        let moved = |p: At| At {
            x: p.x + shift,
            y: p.y + shift,
        };
        let inside = [a, b, c].map(moved);
        let score = timing_score(&bits, 0, inside, 3.0);
        assert!(score < 0.7, "{score}");
    }

    #[test]
    fn a_centre_widened_by_blur_passes() {
        // page-0118's vertical runs through a 1.75 px finder pattern.
        assert!(tolerant(&[2, 1, 6, 1, 2]));
        assert!(tolerant(&[2, 2, 5, 2, 2]));
        assert!(tolerant(&[3, 2, 9, 2, 3]));
        assert!(tolerant(&[3, 3, 9, 3, 3]));
    }

    #[test]
    fn runs_a_threshold_shifted_pass_edge_to_edge() {
        // page-0195's row through a 2.02 px finder pattern (a pixel half dark on
        // each side of the centre counted dark) and page-0493's column through a
        // 1.74 px one (the ring's anti-aliased lower edge counted dark): ZXing's
        // own test refuses both, every edge-to-edge distance is right.
        for runs in [[2, 2, 7, 2, 1], [2, 2, 5, 1, 3]] {
            let total: usize = runs.iter().sum();
            let zxing = runs
                .iter()
                .zip([1, 1, 3, 1, 1])
                .all(|(&run, k)| 2 * (7 * run).abs_diff(k * total) < k * total);
            assert!(!zxing, "{runs:?}");
            assert!(tolerant(&runs), "{runs:?}");
        }
    }

    #[test]
    fn runs_far_from_one_one_three_one_one_fail() {
        assert!(!tolerant(&[2, 2, 2, 2, 2]));
        assert!(!tolerant(&[1, 1, 9, 1, 1]));
        assert!(!tolerant(&[4, 1, 5, 1, 1]));
        assert!(!tolerant(&[2, 1, 8, 1, 2]));
    }

    #[test]
    fn only_modules_of_one_and_a_half_to_eight_pixels() {
        // One-pixel modules: no slack would be left for text to pass.
        assert!(!tolerant(&[1, 1, 3, 1, 1]));
        assert!(!tolerant(&[1, 1, 4, 1, 1]));
        // Modules of 9 px and more: the exact test takes them.
        assert!(!tolerant(&[9, 9, 27, 9, 9]));
        assert!(!tolerant(&[9, 7, 31, 7, 9]));
    }

    #[test]
    fn a_centre_a_photo_s_blur_widened_passes_at_six_pixels_a_module() {
        // tune6 page-0474's rows and columns through its three finder patterns
        // (5.7 px a module): the exact test refuses them, a pattern needs both.
        for runs in [
            [6, 4, 21, 4, 6],
            [7, 4, 21, 4, 6],
            [5, 4, 21, 4, 6],
            [6, 5, 21, 5, 7],
        ] {
            assert!(tolerant(&runs), "{runs:?}");
        }
    }

    /// `bits` as grey pixels (dark 40, light 220), each the mean of its 3×3
    /// neighbourhood: the blur that turns a finder pattern's runs into 2:1:6:1:2.
    fn blurred_grey(bits: &GrayImage) -> Luma {
        let (w, h) = (bits.width() as i64, bits.height() as i64);
        let level = |x: i64, y: i64| -> u32 {
            let (x, y) = (x.clamp(0, w - 1) as u32, y.clamp(0, h - 1) as u32);
            if bits.get_pixel(x, y).0[0] == 1 {
                40
            } else {
                220
            }
        };
        let mut pixels = Vec::with_capacity((w * h) as usize);
        for y in 0..h {
            for x in 0..w {
                let sum: u32 = (-1..=1)
                    .flat_map(|dy| (-1..=1).map(move |dx| (dx, dy)))
                    .map(|(dx, dy)| level(x + dx, y + dy))
                    .sum();
                pixels.push((sum / 9) as u8);
            }
        }
        Luma {
            width: w as u32,
            height: h as u32,
            pixels,
        }
    }

    #[test]
    fn blurred_timing_patterns_alternate_in_grey_pixels() {
        let text = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP";
        let (bits, [a, b, c], _) = drawn(text, 2, 16);
        let grey = blurred_grey(&bits);
        // Centres a pixel off, as the finder scan finds them in a blurred page.
        let off = |p: At, dx: f32, dy: f32| Point::new(p.x + dx, p.y + dy);
        let corners = [off(a, 1.0, -0.5), off(b, -0.5, 1.0), off(c, 0.5, 0.5)];
        // At 2 px a module under a 3×3 blur with centres a pixel off the score is
        // 0.42 (0.68–0.92 on the tune part's real codes): enough for a zoom.
        let score = grey_timing(&grey, corners, 2.0, 0.0);
        assert!(score >= 0.4, "{score}");
    }

    #[test]
    fn a_place_over_the_least_scores_as_without_it() {
        let text = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP";
        let (bits, [a, b, c], size) = drawn(text, 2, 16);
        let grey = blurred_grey(&bits);
        let points = [a, b, c].map(|p| Point::new(p.x, p.y));
        let full = grey_timing(&grey, points, 2.0, 0.0);
        assert!(full >= 0.4, "{full}");
        assert_eq!(grey_timing(&grey, points, 2.0, 0.4), full);
        // Under it, the early stops only tell that it is under.
        let shift = (size / 3) as f32 * 2.0;
        let inside = [a, b, c].map(|p| Point::new(p.x + shift, p.y + shift));
        assert!(grey_timing(&grey, inside, 2.0, 0.4) < 0.4);
        assert!(grey_timing(&grey, inside, 2.0, 0.0) < 0.4);
    }

    #[test]
    fn blank_page_and_data_modules_do_not_alternate() {
        let text = "otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP";
        let (bits, [a, b, c], size) = drawn(text, 2, 16);
        let grey = blurred_grey(&bits);
        let blank = blurred_grey(&GrayImage::new(bits.width(), bits.height()));
        let points = [a, b, c].map(|p| Point::new(p.x, p.y));
        assert_eq!(grey_timing(&blank, points, 2.0, 0.0), 0.0);
        // Corners a third of the way into the code: the lines cross data modules.
        let shift = (size / 3) as f32 * 2.0;
        let inside = [a, b, c].map(|p| Point::new(p.x + shift, p.y + shift));
        let score = grey_timing(&grey, inside, 2.0, 0.0);
        assert!(score < 0.4, "{score}");
    }
}
