//! rqrr's detector on a binarised frame, with a bound on its work.
//!
//! rqrr colours the dark regions it looks at by flood fill and keeps at most 251
//! of them coloured; when a grid fit (the search for an alignment pattern, on a
//! busy frame) touches more, the region least recently used is painted back and
//! coloured again when it is next touched; and its search for an alignment
//! pattern spirals out from where it expects one over an area set by the
//! triple's module size, which a false triple of large look-alikes makes
//! millions of pixels. On a blurred, dark 4K frame one rqrr call took 150 s,
//! and that frame, decoded as an image, kept Tessera busy for over five
//! minutes (`docs/qr-pipeline.md`, twenty-first round). The finder-pattern budget that decides which frames rqrr sees whole
//! cannot foresee it: it depends on the regions and the triples rqrr forms,
//! not on how many finder patterns there are.
//!
//! So rqrr is given the frame as a [`Bounded`] image that counts every pixel
//! rqrr reads or paints and every pixel it copies (it copies the frame for each
//! triple it tries), and stops rqrr by unwinding once the count passes a
//! multiple of the frame's size. The count does not depend on the machine or its load, so the
//! same frame is cut off at the same point everywhere, and a frame rqrr searches
//! to the end does a small multiple of its pixels ([`WORK_PER_PIXEL`]).

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

use image::{GenericImage, GenericImageView, GrayImage, Luma as Pixel};
use rqrr::{BitGrid, PreparedImage};

/// The pixels rqrr may read, paint or copy, per pixel of the frame it is given,
/// before it is stopped. Frames of a megapixel or more that rqrr searches to the
/// end took up to 6.7 on the benchmark corpus and about 22 on the fifth page
/// set's tune part (`docs/qr-pipeline.md`, twenty-first round).
pub(super) const WORK_PER_PIXEL: u64 = 64;
/// ... and at least this many, however small the frame.
const MIN_WORK: u64 = 4_000_000;

/// What unwinds out of rqrr when its work passes the bound.
struct OverBudget;

/// A binarised frame that counts the pixels rqrr reads, paints or copies.
pub(super) struct Bounded<'a> {
    bits: GrayImage,
    work: &'a Cell<u64>,
    limit: u64,
}

impl Bounded<'_> {
    /// Adds `pixels` read, painted or copied to the work done, and stops rqrr
    /// once it passes the limit.
    #[inline(always)]
    fn spend(&self, pixels: u64) {
        let work = self.work.get() + pixels;
        self.work.set(work);
        if work > self.limit {
            stop();
        }
    }

    /// The index of pixel (`x`, `y`) in the frame's bytes. A pixel outside the
    /// frame panics, as `GrayImage`'s own access does (and `detect` catches it):
    /// a column past the last here, a row past the last by the slice's index.
    #[inline(always)]
    fn at(&self, x: u32, y: u32) -> usize {
        let width = self.bits.width();
        if x >= width {
            outside(x, width);
        }
        y as usize * width as usize + x as usize
    }
}

/// rqrr asked for a column past the frame's last.
#[cold]
#[inline(never)]
fn outside(x: u32, width: u32) -> ! {
    panic!("rqrr read column {x} of a frame {width} pixels wide")
}

/// Unwinds out of rqrr; `resume_unwind` skips the panic hook, so nothing is printed.
#[cold]
#[inline(never)]
fn stop() -> ! {
    resume_unwind(Box::new(OverBudget))
}

impl Clone for Bounded<'_> {
    fn clone(&self) -> Self {
        self.spend(u64::from(self.bits.width()) * u64::from(self.bits.height()));
        Self {
            bits: self.bits.clone(),
            work: self.work,
            limit: self.limit,
        }
    }
}

impl GenericImageView for Bounded<'_> {
    type Pixel = Pixel<u8>;

    fn dimensions(&self) -> (u32, u32) {
        self.bits.dimensions()
    }

    #[inline(always)]
    fn get_pixel(&self, x: u32, y: u32) -> Pixel<u8> {
        self.spend(1);
        Pixel([self.bits.as_raw()[self.at(x, y)]])
    }
}

impl GenericImage for Bounded<'_> {
    fn get_pixel_mut(&mut self, x: u32, y: u32) -> &mut Pixel<u8> {
        self.spend(1);
        self.bits.get_pixel_mut(x, y)
    }

    #[inline(always)]
    fn put_pixel(&mut self, x: u32, y: u32, pixel: Pixel<u8>) {
        self.spend(1);
        let at = self.at(x, y);
        let bytes: &mut [u8] = &mut self.bits;
        bytes[at] = pixel.0[0];
    }

    fn blend_pixel(&mut self, x: u32, y: u32, pixel: Pixel<u8>) {
        self.put_pixel(x, y, pixel);
    }
}

/// Each grid rqrr fitted in a frame, read by `read`, with its corners and size.
pub(super) type Grids<T> = Vec<(T, [rqrr::Point; 4], usize)>;

/// Runs rqrr's detector on `bits` (0 light, 1 dark), reading each grid it fits
/// with `read`, within [`WORK_PER_PIXEL`] pixels read, painted or copied per pixel.
/// `None` if rqrr was stopped before the end (its work passed the bound) or
/// failed: the cascade treats that as a search that found nothing.
pub(super) fn detect<T>(bits: GrayImage, read: impl Fn(&dyn BitGrid) -> T) -> Option<Grids<T>> {
    let pixels = u64::from(bits.width()) * u64::from(bits.height());
    let work = Cell::new(0);
    let image = Bounded {
        bits,
        work: &work,
        limit: (pixels * WORK_PER_PIXEL).max(MIN_WORK),
    };
    // rqrr indexes with `unwrap` and asserts internally; a bug there on a strange
    // image must cost one pass, not the caller's process.
    catch_unwind(AssertUnwindSafe(|| {
        let mut prepared = PreparedImage::without_preparation(image);
        prepared
            .detect_grids()
            .into_iter()
            .map(|grid| (read(&grid.grid), grid.bounds, grid.grid.size()))
            .collect()
    }))
    .ok()
}
