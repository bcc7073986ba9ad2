//! The error-corrected data codewords of a sampled QR grid (ISO/IEC 18004,
//! sections 7.7–7.9), read by Tessera itself.
//!
//! `rqrr` decodes a grid to the payload's bytes but keeps the codewords to
//! itself, and the codewords are what say how the bytes are to be read (ECI
//! designators, structured append, FNC1). So this module reads them: the format
//! information (the nearest of the 32 valid format words, at most three bits
//! away, from either copy), the data modules in their zigzag order with the mask
//! removed, the blocks de-interleaved by the version's and level's block table,
//! and each block corrected by [`rs`](super::rs). A grid that is not one of the
//! 40 sizes, whose format information is unreadable, or any of whose blocks
//! holds more errors than it may correct gives nothing. Like rqrr, a grid that
//! does not read as seen is read once more transposed (a mirrored code).

use rqrr::BitGrid;
use zeroize::{Zeroize, Zeroizing};

use super::rs;

/// Error correction level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Level {
    L,
    M,
    Q,
    H,
}

impl Level {
    /// The level's two bits in the format information.
    fn from_bits(bits: u16) -> Self {
        match bits & 3 {
            1 => Self::L,
            0 => Self::M,
            3 => Self::Q,
            _ => Self::H,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Error correction codewords per block, by level (L, M, Q, H) and version
/// (ISO/IEC 18004 Table 9; index 0 unused).
const ECC_PER_BLOCK: [[u8; 41]; 4] = [
    [
        0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28,
        30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ],
    [
        0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30,
        30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
];

/// Blocks, by level (L, M, Q, H) and version (ISO/IEC 18004 Table 9).
const BLOCKS: [[u8; 41]; 4] = [
    [
        0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13,
        14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ],
    [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21,
        23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ],
    [
        0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29,
        34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ],
    [
        0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32,
        35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ],
];

/// A code's data codewords, corrected.
pub(super) struct Codewords {
    /// QR version, 1–40.
    pub(super) version: u8,
    #[cfg_attr(not(test), expect(dead_code, reason = "what the tests check"))]
    pub(super) level: Level,
    /// The data codewords of every block, in block order.
    pub(super) data: Zeroizing<Vec<u8>>,
    /// Codewords the error correction changed.
    #[cfg_attr(not(test), expect(dead_code, reason = "what the tests check"))]
    pub(super) corrected: usize,
}

/// Reads and corrects a grid's data codewords, as seen or else transposed.
pub(super) fn read(grid: &dyn BitGrid) -> Option<Codewords> {
    read_as_seen(grid).or_else(|| read_as_seen(&Transposed(grid)))
}

fn read_as_seen(grid: &dyn BitGrid) -> Option<Codewords> {
    let size = grid.size();
    if !(21..=177).contains(&size) || !(size - 17).is_multiple_of(4) {
        return None;
    }
    let version = (size - 17) / 4;
    let (level, mask) = format(grid)?;
    let raw = data_modules(grid, version, mask);
    let (data, corrected) = deinterleave_and_correct(&raw, version, level)?;
    Some(Codewords {
        version: u8::try_from(version).ok()?,
        level,
        data,
        corrected,
    })
}

/// The grid with rows and columns swapped.
struct Transposed<'a>(&'a dyn BitGrid);

impl BitGrid for Transposed<'_> {
    fn size(&self) -> usize {
        self.0.size()
    }

    fn bit(&self, y: usize, x: usize) -> bool {
        self.0.bit(x, y)
    }
}

/// The 15-bit format word (masked with 0x5412) of five data bits.
fn format_word(data: u16) -> u16 {
    let mut remainder = data << 10;
    for shift in (0..5).rev() {
        if remainder & (1 << (shift + 10)) != 0 {
            remainder ^= 0x537 << shift;
        }
    }
    ((data << 10) | remainder) ^ 0x5412
}

/// The error correction level and mask: the valid format word nearest to
/// either copy in the grid, if it is at most three bits away.
fn format(grid: &dyn BitGrid) -> Option<(Level, u16)> {
    let size = grid.size();
    let (mut first, mut second) = (0u16, 0u16);
    for i in 0..15 {
        // (x, y) of bit i in each copy.
        let a = match i {
            0..=5 => (8, i),
            6 => (8, 7),
            7 => (8, 8),
            8 => (7, 8),
            _ => (14 - i, 8),
        };
        let b = if i < 8 {
            (size - 1 - i, 8)
        } else {
            (8, size - 15 + i)
        };
        first |= u16::from(grid.bit(a.1, a.0)) << i;
        second |= u16::from(grid.bit(b.1, b.0)) << i;
    }
    let (distance, data) = (0..32u16)
        .map(|data| {
            let word = format_word(data);
            let d = (word ^ first)
                .count_ones()
                .min((word ^ second).count_ones());
            (d, data)
        })
        .min()?;
    (distance <= 3).then(|| (Level::from_bits(data >> 3), data & 7))
}

/// Centres of the alignment patterns along one axis.
fn alignment_centres(version: usize) -> Vec<usize> {
    if version < 2 {
        return Vec::new();
    }
    let count = version / 7 + 2;
    let size = 17 + 4 * version;
    let step = if version == 32 {
        26
    } else {
        (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
    };
    let mut centres: Vec<usize> = (0..count - 1).map(|i| size - 7 - i * step).collect();
    centres.push(6);
    centres.reverse();
    centres
}

/// Which modules are function patterns (finders, separators, format and
/// version information, timing, alignment), row by row.
fn function_modules(version: usize) -> Vec<bool> {
    let size = 17 + 4 * version;
    let mut function = vec![false; size * size];
    let mut mark = |x0: usize, y0: usize, w: usize, h: usize| {
        for y in y0..y0 + h {
            for x in x0..x0 + w {
                function[y * size + x] = true;
            }
        }
    };
    mark(0, 0, 9, 9);
    mark(size - 8, 0, 8, 9);
    mark(0, size - 8, 9, 8);
    mark(6, 0, 1, size);
    mark(0, 6, size, 1);
    let centres = alignment_centres(version);
    let last = size - 7;
    for &cy in &centres {
        for &cx in &centres {
            let finder = (cx == 6 && (cy == 6 || cy == last)) || (cx == last && cy == 6);
            if !finder {
                mark(cx - 2, cy - 2, 5, 5);
            }
        }
    }
    if version >= 7 {
        mark(size - 11, 0, 3, 6);
        mark(0, size - 11, 6, 3);
    }
    function
}

/// Whether mask `mask` flips the module in row `y`, column `x`.
fn masked(mask: u16, y: usize, x: usize) -> bool {
    match mask {
        0 => (y + x).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (y + x).is_multiple_of(3),
        4 => (y / 2 + x / 3).is_multiple_of(2),
        5 => (y * x) % 2 + (y * x) % 3 == 0,
        6 => ((y * x) % 2 + (y * x) % 3).is_multiple_of(2),
        _ => ((y + x) % 2 + (y * x) % 3).is_multiple_of(2),
    }
}

/// The codewords in the order they are placed ([`data_places`]).
fn data_modules(grid: &dyn BitGrid, version: usize, mask: u16) -> Zeroizing<Vec<u8>> {
    let places = data_places(version);
    let mut codewords = Zeroizing::new(Vec::with_capacity(places.len() / 8));
    let (mut byte, mut filled) = (0u8, 0);
    for (y, x) in places {
        byte = (byte << 1) | u8::from(grid.bit(y, x) ^ masked(mask, y, x));
        filled += 1;
        if filled == 8 {
            codewords.push(byte);
            (byte, filled) = (0, 0);
        }
    }
    byte.zeroize();
    codewords
}

/// Where the data modules are, in placement order: two-module columns from
/// the right, up and down in turn, skipping the vertical timing pattern and
/// every function module.
fn data_places(version: usize) -> Vec<(usize, usize)> {
    let size = 17 + 4 * version;
    let function = function_modules(version);
    let mut places = Vec::with_capacity(size * size);
    let mut right = size - 1;
    loop {
        if right == 6 {
            right = 5;
        }
        let upward = (right + 1) & 2 == 0;
        for step in 0..size {
            let y = if upward { size - 1 - step } else { step };
            for x in [right, right - 1] {
                if !function[y * size + x] {
                    places.push((y, x));
                }
            }
        }
        if right < 2 {
            break;
        }
        right -= 2;
    }
    places
}

/// Wrong codewords a block may correct: half its error correction codewords,
/// less the misdecode protection codewords the smallest symbols keep
/// (ISO/IEC 18004 Table 9, note b: p = 3 for 1-L, 2 for 1-M and 2-L, 1 for
/// 1-Q, 1-H and 3-L).
fn capacity(version: usize, level: Level, ecc: usize) -> usize {
    let protection = match (version, level) {
        (1, Level::L) => 3,
        (1, Level::M) | (2, Level::L) => 2,
        (1, Level::Q | Level::H) | (3, Level::L) => 1,
        _ => 0,
    };
    (ecc - protection) / 2
}

/// Splits the codewords into blocks (short blocks first, long blocks one data
/// codeword longer), corrects each, and joins their data codewords.
fn deinterleave_and_correct(
    raw: &[u8],
    version: usize,
    level: Level,
) -> Option<(Zeroizing<Vec<u8>>, usize)> {
    let ecc = usize::from(ECC_PER_BLOCK[level.index()][version]);
    let blocks = usize::from(BLOCKS[level.index()][version]);
    let total = raw.len();
    if blocks == 0 || total < blocks * (ecc + 1) {
        return None;
    }
    let short_len = total / blocks;
    let long_count = total % blocks;
    let short_data = short_len - ecc;
    let data_len = |b: usize| short_data + usize::from(b >= blocks - long_count);
    let mut parts: Vec<Zeroizing<Vec<u8>>> = (0..blocks)
        .map(|b| Zeroizing::new(Vec::with_capacity(data_len(b) + ecc)))
        .collect();
    let mut next = raw.iter();
    for i in 0..=short_data {
        for (b, part) in parts.iter_mut().enumerate() {
            if i < data_len(b) {
                part.push(*next.next()?);
            }
        }
    }
    for _ in 0..ecc {
        for part in &mut parts {
            part.push(*next.next()?);
        }
    }
    let limit = capacity(version, level, ecc);
    let mut data = Zeroizing::new(Vec::with_capacity(total - blocks * ecc));
    let mut corrected = 0;
    for (b, part) in parts.iter_mut().enumerate() {
        corrected += rs::correct(part, ecc, limit).ok()?;
        data.extend_from_slice(&part[..data_len(b)]);
    }
    Some((data, corrected))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grid of modules, dark = true.
    struct Modules {
        size: usize,
        dark: Vec<bool>,
    }

    impl BitGrid for Modules {
        fn size(&self) -> usize {
            self.size
        }

        fn bit(&self, y: usize, x: usize) -> bool {
            self.dark[y * self.size + x]
        }
    }

    /// The `qrcode` crate (an independent encoder) draws `data` at this version and level.
    fn drawn(data: &[u8], version: i16, level: qrcode::EcLevel) -> Modules {
        let code = qrcode::QrCode::with_version(data, qrcode::Version::Normal(version), level)
            .unwrap_or_else(|e| panic!("version {version}: {e:?}"));
        Modules {
            size: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        }
    }

    /// The data codewords the `qrcode` crate puts in a byte-mode code.
    fn byte_mode_codewords(data: &[u8], version: i16, level: qrcode::EcLevel) -> Vec<u8> {
        let mut bits = qrcode::bits::Bits::new(qrcode::Version::Normal(version));
        bits.push_byte_data(data)
            .unwrap_or_else(|e| panic!("{e:?}"));
        bits.push_terminator(level)
            .unwrap_or_else(|e| panic!("{e:?}"));
        bits.into_bytes()
    }

    const LEVELS: [(qrcode::EcLevel, Level); 4] = [
        (qrcode::EcLevel::L, Level::L),
        (qrcode::EcLevel::M, Level::M),
        (qrcode::EcLevel::Q, Level::Q),
        (qrcode::EcLevel::H, Level::H),
    ];

    #[test]
    fn every_version_and_level_reads_back_what_an_independent_encoder_drew() {
        for version in 1..=40i16 {
            for (theirs, ours) in LEVELS {
                let data: Vec<u8> = (0..(version as usize * 3))
                    .map(|i| (i * 7 + 3) as u8)
                    .collect();
                let grid = drawn(&data, version, theirs);
                let read = read(&grid).unwrap_or_else(|| panic!("version {version} {ours:?}"));
                assert_eq!(read.version, version as u8);
                assert_eq!(read.level, ours);
                assert_eq!(read.corrected, 0);
                assert_eq!(
                    read.data.as_slice(),
                    byte_mode_codewords(&data, version, theirs).as_slice(),
                    "version {version} {ours:?}"
                );
            }
        }
    }

    #[test]
    fn the_block_table_accounts_for_every_codeword() {
        for version in 1..=40 {
            let modules = function_modules(version).iter().filter(|&&f| !f).count();
            let total = modules / 8;
            // The number of data modules (ISO/IEC 18004 Table 1).
            let expected = {
                let v = version;
                let mut r = (16 * v + 128) * v + 64;
                if v >= 2 {
                    let n = v / 7 + 2;
                    r -= (25 * n - 10) * n - 55;
                    if v >= 7 {
                        r -= 36;
                    }
                }
                r
            };
            assert_eq!(modules, expected, "version {version}");
            for level in 0..4 {
                let ecc = usize::from(ECC_PER_BLOCK[level][version]);
                let blocks = usize::from(BLOCKS[level][version]);
                assert!(total > blocks * ecc, "version {version} level {level}");
            }
        }
        // Version 40-L holds 2956 data codewords (Table 7).
        let total40 = function_modules(40).iter().filter(|&&f| !f).count() / 8;
        assert_eq!(total40 - 25 * 30, 2956);
    }

    /// Flips every bit of `count` codewords' modules in one block of a drawn code.
    fn damaged(grid: &Modules, version: usize, codewords: &[usize]) -> Modules {
        // Where each codeword's eight modules are, in placement order.
        let size = grid.size;
        let places = data_places(version);
        let mut dark = grid.dark.clone();
        for &c in codewords {
            for &(y, x) in &places[c * 8..c * 8 + 8] {
                dark[y * size + x] ^= true;
            }
        }
        Modules { size, dark }
    }

    #[test]
    fn a_block_is_corrected_up_to_its_capacity_and_refused_beyond() {
        // (version, level, capacity per block, blocks): 1-L keeps 3 of its 7
        // error correction codewords for misdecode protection, so it corrects 2.
        for (version, (theirs, ours), capacity, blocks) in [
            (1, LEVELS[0], 2, 1),
            (1, LEVELS[1], 4, 1),
            (1, LEVELS[3], 8, 1),
            (2, LEVELS[0], 4, 1),
            (3, LEVELS[0], 7, 1),
            (5, LEVELS[2], 9, 4),
            (7, LEVELS[1], 9, 4),
        ] {
            let data = b"otp";
            let grid = drawn(data, version, theirs);
            let clean = read(&grid).unwrap_or_else(|| panic!("{version} {ours:?}"));
            // The first block's codewords are every `blocks`th from the start.
            let first_block: Vec<usize> = (0..=capacity).map(|k| k * blocks).collect();
            let within = damaged(&grid, version as usize, &first_block[..capacity]);
            let got = read(&within).unwrap_or_else(|| panic!("{version} {ours:?} at capacity"));
            assert_eq!(got.corrected, capacity, "{version} {ours:?}");
            assert_eq!(got.data.as_slice(), clean.data.as_slice());
            let beyond = damaged(&grid, version as usize, &first_block);
            assert!(
                read(&beyond).is_none(),
                "{version} {ours:?}: {} wrong codewords were accepted",
                capacity + 1
            );
        }
    }

    #[test]
    fn a_transposed_grid_is_read() {
        let grid = drawn(b"mirrored", 2, qrcode::EcLevel::M);
        let clean = read(&grid).map(|c| c.data.to_vec());
        let transposed = Modules {
            size: grid.size,
            dark: (0..grid.size * grid.size)
                .map(|i| grid.dark[(i % grid.size) * grid.size + i / grid.size])
                .collect(),
        };
        assert!(clean.is_some());
        assert_eq!(read(&transposed).map(|c| c.data.to_vec()), clean);
    }

    #[test]
    fn grids_of_no_qr_size_or_without_format_information_give_nothing() {
        for size in [0, 1, 20, 22, 181] {
            let grid = Modules {
                size,
                dark: vec![true; size * size],
            };
            assert!(read(&grid).is_none(), "size {size}");
        }
        let blank = Modules {
            size: 25,
            dark: vec![false; 625],
        };
        assert!(read(&blank).is_none());
    }

    #[test]
    fn format_words_are_the_published_ones() {
        // ISO/IEC 18004 Annex C: M with mask 5 (data 00101) is 100000011001110.
        assert_eq!(format_word(0b00101), 0b100_0000_1100_1110);
        // L with mask 4 (data 01100) is 110011000101111.
        assert_eq!(format_word(0b01100), 0b110_0110_0010_1111);
    }
}
