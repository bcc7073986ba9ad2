//! A QR code's data codewords parsed into segments (ISO/IEC 18004 section 7.4),
//! the way ZXing's `DecodedBitStreamParser` parses them.
//!
//! Modes: numeric, alphanumeric, byte, Kanji, Hanzi (GB/T 18284, subset 1),
//! ECI (one-, two- and three-byte designators), FNC1 in the first position
//! (GS1: in alphanumeric segments `%%` stands for `%` and `%` for the GS
//! separator, 0x1D) and in the second (its application indicator, `00`–`99` or a
//! letter, starts the data), structured append (its 16-bit header is read and
//! passed over). The stream ends at the terminator (four zero bits) or when
//! fewer than four bits are left; padding after it is ignored. A segment that
//! runs past the end, a digit group or alphanumeric pair out of range, an
//! unknown mode or a malformed designator make the whole stream malformed.
//! Every segment's length is checked against the bits left before anything is
//! read, so the work is bounded by the stream's length.

use zeroize::Zeroizing;

/// How the bytes of a run are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reading {
    /// Byte segments before any ECI designator: the code does not say.
    Undeclared,
    /// Numeric and alphanumeric segments, and FNC1 application indicators.
    Ascii,
    /// Kanji segments: Shift JIS.
    ShiftJis,
    /// Hanzi segments: GB 2312.
    Gb2312,
    /// Byte segments after an ECI designator with this value.
    Eci(u32),
}

/// Consecutive payload bytes read one way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Run {
    pub(super) reading: Reading,
    /// Where the run starts and ends in [`Stream::bytes`].
    pub(super) start: usize,
    pub(super) end: usize,
}

/// A parsed stream.
#[derive(Debug, Default)]
pub(super) struct Stream {
    /// The payload bytes, as rqrr writes them: digits and alphanumeric
    /// characters as ASCII, byte segments as they are, Kanji as Shift JIS, Hanzi
    /// as GB 2312; designators and headers left out.
    pub(super) bytes: Zeroizing<Vec<u8>>,
    /// The bytes in runs, each with how it is read.
    pub(super) runs: Vec<Run>,
    /// The code holds at least one ECI designator.
    pub(super) eci: bool,
    /// The code is one of a structured-append sequence.
    pub(super) structured_append: bool,
    /// The code holds a mode rqrr does not parse (structured append, FNC1, Hanzi).
    pub(super) beyond_rqrr: bool,
}

/// The stream breaks the standard's rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Malformed;

/// Bits read most significant first.
struct Bits<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bits<'_> {
    fn left(&self) -> usize {
        self.data.len() * 8 - self.at
    }

    /// The next `n` (at most 24) bits.
    fn read(&mut self, n: usize) -> Result<u32, Malformed> {
        if n > self.left() {
            return Err(Malformed);
        }
        let mut value = 0u32;
        for _ in 0..n {
            let bit = (self.data[self.at / 8] >> (7 - self.at % 8)) & 1;
            value = (value << 1) | u32::from(bit);
            self.at += 1;
        }
        Ok(value)
    }
}

const ALPHANUMERIC: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Width of the character count, by mode, for versions 1–9, 10–26 and 27–40.
fn count_bits(mode: u32, version: u8) -> usize {
    let band = match version {
        0..=9 => 0,
        10..=26 => 1,
        _ => 2,
    };
    let widths: [usize; 3] = match mode {
        1 => [10, 12, 14],
        2 => [9, 11, 13],
        4 => [8, 16, 16],
        _ => [8, 10, 12],
    };
    widths[band]
}

/// Parses the data codewords of a code of this version.
pub(super) fn parse(data: &[u8], version: u8) -> Result<Stream, Malformed> {
    let mut bits = Bits { data, at: 0 };
    let mut stream = Stream::default();
    let mut eci: Option<u32> = None;
    let mut fnc1 = false;
    while bits.left() >= 4 {
        let mode = bits.read(4)?;
        match mode {
            0 => break,
            1 => {
                let count = bits.read(count_bits(mode, version))? as usize;
                if bits.left() < count / 3 * 10 + [0, 4, 7][count % 3] {
                    return Err(Malformed);
                }
                let start = stream.bytes.len();
                let mut rest = count;
                while rest > 0 {
                    let digits = rest.min(3);
                    let value = bits.read([0, 4, 7, 10][digits])?;
                    if value >= [1, 10, 100, 1000][digits] {
                        return Err(Malformed);
                    }
                    let text = format!("{value:0digits$}");
                    stream.bytes.extend_from_slice(text.as_bytes());
                    rest -= digits;
                }
                stream.push(Reading::Ascii, start);
            }
            2 => {
                let count = bits.read(count_bits(mode, version))? as usize;
                if bits.left() < count / 2 * 11 + count % 2 * 6 {
                    return Err(Malformed);
                }
                let mut chars = Zeroizing::new(Vec::with_capacity(count));
                let mut rest = count;
                while rest > 0 {
                    if rest >= 2 {
                        let pair = bits.read(11)? as usize;
                        if pair >= 45 * 45 {
                            return Err(Malformed);
                        }
                        chars.extend([ALPHANUMERIC[pair / 45], ALPHANUMERIC[pair % 45]]);
                        rest -= 2;
                    } else {
                        let one = bits.read(6)? as usize;
                        chars.push(*ALPHANUMERIC.get(one).ok_or(Malformed)?);
                        rest -= 1;
                    }
                }
                let start = stream.bytes.len();
                if fnc1 {
                    let mut i = 0;
                    while i < chars.len() {
                        if chars[i] == b'%' {
                            if chars.get(i + 1) == Some(&b'%') {
                                stream.bytes.push(b'%');
                                i += 1;
                            } else {
                                stream.bytes.push(0x1d);
                            }
                        } else {
                            stream.bytes.push(chars[i]);
                        }
                        i += 1;
                    }
                } else {
                    stream.bytes.extend_from_slice(&chars);
                }
                stream.push(Reading::Ascii, start);
            }
            4 => {
                let count = bits.read(count_bits(mode, version))? as usize;
                if bits.left() < count * 8 {
                    return Err(Malformed);
                }
                let start = stream.bytes.len();
                for _ in 0..count {
                    stream.bytes.push(bits.read(8)? as u8);
                }
                let reading = eci.map_or(Reading::Undeclared, Reading::Eci);
                stream.push(reading, start);
            }
            8 | 13 => {
                let hanzi = mode == 13;
                if hanzi && bits.read(4)? != 1 {
                    // Only the GB 2312 subset is defined for ZXing.
                    return Err(Malformed);
                }
                let count = bits.read(count_bits(8, version))? as usize;
                if bits.left() < count * 13 {
                    return Err(Malformed);
                }
                let start = stream.bytes.len();
                for _ in 0..count {
                    let value = bits.read(13)?;
                    let pair = if hanzi {
                        let pair = ((value / 0x60) << 8) | (value % 0x60);
                        pair + if pair < 0x0a00 { 0xa1a1 } else { 0xa6a1 }
                    } else {
                        let pair = ((value / 0xc0) << 8) | (value % 0xc0);
                        pair + if pair < 0x1f00 { 0x8140 } else { 0xc140 }
                    };
                    stream.bytes.extend([(pair >> 8) as u8, pair as u8]);
                }
                let reading = if hanzi {
                    Reading::Gb2312
                } else {
                    Reading::ShiftJis
                };
                stream.push(reading, start);
                stream.beyond_rqrr |= hanzi;
            }
            7 => {
                let first = bits.read(8)?;
                let value = if first & 0x80 == 0 {
                    first
                } else if first & 0xc0 == 0x80 {
                    ((first & 0x3f) << 8) | bits.read(8)?
                } else if first & 0xe0 == 0xc0 {
                    ((first & 0x1f) << 16) | bits.read(16)?
                } else {
                    return Err(Malformed);
                };
                eci = Some(value);
                stream.eci = true;
            }
            3 => {
                // Symbol position and count (4 + 4 bits), parity (8 bits).
                bits.read(16)?;
                stream.structured_append = true;
                stream.beyond_rqrr = true;
            }
            5 => {
                fnc1 = true;
                stream.beyond_rqrr = true;
            }
            9 => {
                if !stream.bytes.is_empty() {
                    return Err(Malformed);
                }
                let indicator = bits.read(8)?;
                let start = stream.bytes.len();
                match indicator {
                    0..=99 => stream
                        .bytes
                        .extend(format!("{indicator:02}").as_bytes().iter().copied()),
                    165..=190 | 197..=222 => stream.bytes.push((indicator - 100) as u8),
                    _ => return Err(Malformed),
                }
                stream.push(Reading::Ascii, start);
                fnc1 = true;
                stream.beyond_rqrr = true;
            }
            _ => return Err(Malformed),
        }
    }
    Ok(stream)
}

impl Stream {
    /// Records the bytes from `start` on as read `reading`, joined to the run
    /// before when that is read the same way.
    fn push(&mut self, reading: Reading, start: usize) {
        let end = self.bytes.len();
        if start == end {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.reading == reading && last.end == start => last.end = end,
            _ => self.runs.push(Run {
                reading,
                start,
                end,
            }),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::{Malformed, Reading, Run, parse};

    /// A bit stream built by hand, padded to whole codewords as an encoder pads it.
    #[derive(Default)]
    pub(in crate::qr) struct Writer {
        bits: Vec<bool>,
    }

    impl Writer {
        pub(in crate::qr) fn put(mut self, value: u32, n: usize) -> Self {
            for i in (0..n).rev() {
                self.bits.push((value >> i) & 1 == 1);
            }
            self
        }

        pub(in crate::qr) fn bytes(mut self, capacity: usize) -> Vec<u8> {
            let room = capacity * 8 - self.bits.len();
            self = self.put(0, room.min(4));
            while !self.bits.len().is_multiple_of(8) {
                self.bits.push(false);
            }
            let mut out: Vec<u8> = self
                .bits
                .chunks(8)
                .map(|c| c.iter().fold(0, |a, &b| (a << 1) | u8::from(b)))
                .collect();
            let mut pad = [0xec, 0x11].into_iter().cycle();
            while out.len() < capacity {
                out.extend(pad.next());
            }
            out
        }
    }

    fn run(reading: Reading, start: usize, end: usize) -> Run {
        Run {
            reading,
            start,
            end,
        }
    }

    #[test]
    fn numeric_segments_in_groups_of_three_two_and_one() {
        // ISO/IEC 18004 7.4.3: "01234567" is 012 345 67.
        let data = Writer::default()
            .put(1, 4)
            .put(8, 10)
            .put(12, 10)
            .put(345, 10)
            .put(67, 7)
            .bytes(16);
        assert_eq!(data[..6], [0x10, 0x20, 0x0c, 0x56, 0x61, 0x80]);
        let stream = parse(&data, 1).unwrap();
        assert_eq!(stream.bytes.as_slice(), b"01234567");
        assert_eq!(stream.runs, [run(Reading::Ascii, 0, 8)]);
        assert!(!stream.eci && !stream.beyond_rqrr);
        let one = Writer::default()
            .put(1, 4)
            .put(4, 10)
            .put(999, 10)
            .put(7, 4)
            .bytes(16);
        assert_eq!(parse(&one, 1).unwrap().bytes.as_slice(), b"9997");
    }

    #[test]
    fn numeric_groups_out_of_range_are_malformed() {
        for (digits, width, value) in [(3, 10, 1000), (2, 7, 100), (1, 4, 10)] {
            let data = Writer::default()
                .put(1, 4)
                .put(digits, 10)
                .put(value, width)
                .bytes(16);
            assert_eq!(
                parse(&data, 1).map(|_| ()),
                Err(Malformed),
                "{digits} digits"
            );
        }
    }

    #[test]
    fn alphanumeric_segments_in_pairs() {
        // ISO/IEC 18004 7.4.4: "AC-42" is (AC)(-4)(2).
        let data = Writer::default()
            .put(2, 4)
            .put(5, 9)
            .put(10 * 45 + 12, 11)
            .put(41 * 45 + 4, 11)
            .put(2, 6)
            .bytes(16);
        let stream = parse(&data, 1).unwrap();
        assert_eq!(stream.bytes.as_slice(), b"AC-42");
        let bad = Writer::default()
            .put(2, 4)
            .put(2, 9)
            .put(45 * 45, 11)
            .bytes(16);
        assert_eq!(parse(&bad, 1).map(|_| ()), Err(Malformed));
        let bad_one = Writer::default().put(2, 4).put(1, 9).put(45, 6).bytes(16);
        assert_eq!(parse(&bad_one, 1).map(|_| ()), Err(Malformed));
    }

    #[test]
    fn byte_segments_with_the_count_width_of_each_version_band() {
        for (version, width) in [(1, 8), (9, 8), (10, 16), (27, 16), (40, 16)] {
            let data = Writer::default()
                .put(4, 4)
                .put(2, width)
                .put(0xc3, 8)
                .put(0xa9, 8)
                .bytes(20);
            let stream = parse(&data, version).unwrap();
            assert_eq!(stream.bytes.as_slice(), [0xc3, 0xa9], "version {version}");
            assert_eq!(stream.runs, [run(Reading::Undeclared, 0, 2)]);
        }
    }

    #[test]
    fn kanji_segments_give_shift_jis() {
        // ISO/IEC 18004 7.4.6: 点 (0x935F) is 0xD9F, 茗 (0xE4AA) is 0x1AAA.
        let data = Writer::default()
            .put(8, 4)
            .put(2, 8)
            .put(0xd9f, 13)
            .put(0x1aaa, 13)
            .bytes(16);
        let stream = parse(&data, 1).unwrap();
        assert_eq!(stream.bytes.as_slice(), [0x93, 0x5f, 0xe4, 0xaa]);
        assert_eq!(stream.runs, [run(Reading::ShiftJis, 0, 4)]);
        assert!(!stream.beyond_rqrr);
    }

    #[test]
    fn hanzi_segments_give_gb2312() {
        // 中 is 0xD6D0 in GB 2312: (0xD6D0 − 0xA6A1) = 0x302F → 0x30 × 0x60 + 0x2F.
        let data = Writer::default()
            .put(13, 4)
            .put(1, 4)
            .put(1, 8)
            .put(0x30 * 0x60 + 0x2f, 13)
            .bytes(16);
        let stream = parse(&data, 1).unwrap();
        assert_eq!(stream.bytes.as_slice(), [0xd6, 0xd0]);
        assert_eq!(stream.runs, [run(Reading::Gb2312, 0, 2)]);
        assert!(stream.beyond_rqrr);
        let other_subset = Writer::default().put(13, 4).put(2, 4).put(0, 8).bytes(16);
        assert_eq!(parse(&other_subset, 1).map(|_| ()), Err(Malformed));
    }

    #[test]
    fn eci_designators_of_one_two_and_three_bytes() {
        for (designator, width, value) in [
            (7, 8, 7),
            (26, 8, 26),
            (127, 8, 127),
            (0x8000 | 899, 16, 899),
            (0x8000 | 16383, 16, 16383),
            (0xc0_0000 | 16384, 24, 16384),
            (0xc0_0000 | 999_999, 24, 999_999),
        ] {
            let data = Writer::default()
                .put(4, 4)
                .put(1, 8)
                .put(b'a'.into(), 8)
                .put(7, 4)
                .put(designator, width)
                .put(4, 4)
                .put(1, 8)
                .put(0xe9, 8)
                .bytes(16);
            let stream = parse(&data, 1).unwrap();
            assert!(stream.eci);
            assert!(!stream.beyond_rqrr);
            assert_eq!(stream.bytes.as_slice(), b"a\xe9");
            assert_eq!(
                stream.runs,
                [
                    run(Reading::Undeclared, 0, 1),
                    run(Reading::Eci(value), 1, 2)
                ],
                "ECI {value}"
            );
        }
        // A first byte 111xxxxx is no designator.
        let bad = Writer::default().put(7, 4).put(0xe0, 8).bytes(16);
        assert_eq!(parse(&bad, 1).map(|_| ()), Err(Malformed));
    }

    #[test]
    fn runs_read_the_same_way_are_joined_and_digits_stay_ascii() {
        let data = Writer::default()
            .put(7, 4)
            .put(26, 8)
            .put(4, 4)
            .put(1, 8)
            .put(0xc3, 8)
            .put(4, 4)
            .put(1, 8)
            .put(0xa9, 8)
            .put(1, 4)
            .put(1, 10)
            .put(5, 4)
            .bytes(16);
        let stream = parse(&data, 1).unwrap();
        assert_eq!(stream.bytes.as_slice(), b"\xc3\xa95");
        assert_eq!(
            stream.runs,
            [run(Reading::Eci(26), 0, 2), run(Reading::Ascii, 2, 3)]
        );
    }

    #[test]
    fn structured_append_header_is_passed_over() {
        // Symbol 1 of 2, parity 0x41, then "AB".
        let data = Writer::default()
            .put(3, 4)
            .put(0x01, 8)
            .put(0x41, 8)
            .put(4, 4)
            .put(2, 8)
            .put(b'A'.into(), 8)
            .put(b'B'.into(), 8)
            .bytes(16);
        let stream = parse(&data, 1).unwrap();
        assert_eq!(stream.bytes.as_slice(), b"AB");
        assert!(stream.structured_append && stream.beyond_rqrr);
        let cut = Writer::default().put(3, 4).put(0x01, 8).bytes(2);
        assert_eq!(parse(&cut, 1).map(|_| ()), Err(Malformed));
    }

    #[test]
    fn fnc1_first_position_turns_percent_into_group_separators() {
        // GS1 "01" + "%" (separator) + "10%%" ("10%").
        let text = b"01%10%%";
        let value = |c: u8| ALPHA.iter().position(|&a| a == c).unwrap_or(0) as u32;
        const ALPHA: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        let mut w = Writer::default()
            .put(5, 4)
            .put(2, 4)
            .put(text.len() as u32, 9);
        for pair in text.chunks(2) {
            w = match pair {
                [a, b] => w.put(value(*a) * 45 + value(*b), 11),
                [a] => w.put(value(*a), 6),
                _ => w,
            };
        }
        let stream = parse(&w.bytes(16), 1).unwrap();
        assert_eq!(stream.bytes.as_slice(), b"01\x1d10%");
        assert!(stream.beyond_rqrr);
    }

    #[test]
    fn fnc1_second_position_starts_with_its_application_indicator() {
        for (indicator, prefix) in [(37, &b"37"[..]), (5, b"05"), (b'A' as u32 + 100, b"A")] {
            let data = Writer::default()
                .put(9, 4)
                .put(indicator, 8)
                .put(4, 4)
                .put(1, 8)
                .put(b'x'.into(), 8)
                .bytes(16);
            let stream = parse(&data, 1).unwrap();
            let mut want = prefix.to_vec();
            want.push(b'x');
            assert_eq!(stream.bytes.as_slice(), want.as_slice());
        }
        let bad = Writer::default().put(9, 4).put(150, 8).bytes(16);
        assert_eq!(parse(&bad, 1).map(|_| ()), Err(Malformed));
        let late = Writer::default()
            .put(4, 4)
            .put(1, 8)
            .put(b'x'.into(), 8)
            .put(9, 4)
            .put(37, 8)
            .bytes(16);
        assert_eq!(parse(&late, 1).map(|_| ()), Err(Malformed));
    }

    #[test]
    fn segments_that_run_past_the_end_and_unknown_modes_are_malformed() {
        let long = Writer::default().put(4, 4).put(200, 8).bytes(16);
        assert_eq!(parse(&long, 1).map(|_| ()), Err(Malformed));
        let kanji = Writer::default().put(8, 4).put(100, 8).bytes(16);
        assert_eq!(parse(&kanji, 1).map(|_| ()), Err(Malformed));
        for mode in [6, 10, 11, 12, 14, 15] {
            let data = Writer::default().put(mode, 4).bytes(4);
            assert_eq!(parse(&data, 1).map(|_| ()), Err(Malformed), "mode {mode}");
        }
    }

    #[test]
    fn the_stream_ends_at_the_terminator_or_when_under_four_bits_are_left() {
        // Padding after the terminator is not read as segments.
        let data = Writer::default()
            .put(4, 4)
            .put(1, 8)
            .put(b'x'.into(), 8)
            .bytes(16);
        assert_eq!(parse(&data, 1).unwrap().bytes.as_slice(), b"x");
        // "7" (18 bits) and "y" (20 bits) leave two bits of the fifth codeword:
        // fewer than a mode indicator, so the stream ends there.
        let full = Writer::default()
            .put(1, 4)
            .put(1, 10)
            .put(7, 4)
            .put(4, 4)
            .put(1, 8)
            .put(b'y'.into(), 8)
            .put(3, 2);
        assert_eq!(full.bits.len(), 40);
        let bytes: Vec<u8> = full
            .bits
            .chunks(8)
            .map(|c| c.iter().fold(0, |a, &b| (a << 1) | u8::from(b)))
            .collect();
        assert_eq!(parse(&bytes, 1).unwrap().bytes.as_slice(), b"7y");
        assert_eq!(parse(&[], 1).unwrap().bytes.len(), 0);
    }
}
