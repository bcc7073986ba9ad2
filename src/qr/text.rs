//! A payload's bytes as text, read the way ZXing reads them.
//!
//! `rqrr` hands back the payload as bytes: byte-mode segments as they are,
//! Kanji-mode segments as Shift JIS, and ECI designators dropped. A QR code
//! without an ECI says nothing about its character set, so readers guess;
//! ZXing's guess is the de-facto standard (its test images carry the texts it
//! gives), and this module makes the same kind of guess:
//!
//! 1. valid UTF-8 with a byte-order mark or any multi-byte character: UTF-8
//!    (every `otpauth://` URI is ASCII, which is UTF-8 too);
//! 2. valid Shift JIS with a run of at least three double-byte characters or
//!    of three half-width katakana: Shift JIS;
//! 3. bytes that are both valid ISO 8859-1 and valid Shift JIS: Shift JIS
//!    when most high bytes would be unusual Latin-1 characters (or exactly two
//!    half-width katakana stand together), otherwise ISO 8859-1;
//! 4. otherwise the first encoding the bytes are valid in: ISO 8859-1, Shift
//!    JIS, UTF-8.
//!
//! ISO 8859-1 (one character per byte) is the QR standard's default for byte
//! segments, and it never loses a byte.
//!
//! A code that *does* say, with ECI designators, is read as it says
//! ([`Payload::read`]): Tessera reads the grid's codewords itself
//! ([`codewords`](super::codewords), [`segments`](super::segments)), and when
//! they hold a designator, each byte segment is decoded in the character set
//! its designator names, as ZXing's `CharacterSetECI` maps them (byte segments
//! before the first designator as ISO 8859-1, digits and alphanumerics as
//! ASCII, Kanji as Shift JIS whatever the designator). The bytes stay rqrr's.

use rqrr::BitGrid;
use zeroize::Zeroizing;

use super::codewords;
use super::segments::{self, Reading, Stream};

/// A decoded code's payload.
pub(super) struct Payload {
    /// The payload's bytes.
    pub(super) bytes: Zeroizing<Vec<u8>>,
    /// The bytes as text.
    pub(super) text: String,
}

impl Payload {
    /// The payload of a grid rqrr decoded to `bytes`: the text honours the
    /// code's ECI designators when Tessera's own reading of the grid finds
    /// some and gives the same bytes; otherwise it is guessed over the bytes,
    /// as before. Where the two readings give different bytes, rqrr's win
    /// (debug builds count it: [`disagreements`]).
    pub(super) fn read(grid: &dyn BitGrid, bytes: Zeroizing<Vec<u8>>) -> Self {
        let own = codewords::read(grid).and_then(|c| segments::parse(&c.data, c.version).ok());
        let text = match own {
            Some(stream) if stream.bytes.as_slice() != bytes.as_slice() => {
                #[cfg(debug_assertions)]
                DISAGREEMENTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                None
            }
            Some(stream) if stream.eci => declared(&stream),
            _ => None,
        };
        let text = text.unwrap_or_else(|| decode(&bytes));
        Self { bytes, text }
    }

    /// The payload of a grid whose codewords rqrr corrected but whose
    /// segments it could not parse (structured append, FNC1 and Hanzi modes),
    /// read by Tessera alone, with its version.
    pub(super) fn own(grid: &dyn BitGrid) -> Option<(u8, Self)> {
        let codewords = codewords::read(grid)?;
        let stream = segments::parse(&codewords.data, codewords.version).ok()?;
        if !stream.beyond_rqrr {
            return None;
        }
        let text = declared(&stream).unwrap_or_else(|| decode(&stream.bytes));
        Some((
            codewords.version,
            Self {
                bytes: stream.bytes,
                text,
            },
        ))
    }
}

#[cfg(debug_assertions)]
static DISAGREEMENTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Debug builds: how many codes Tessera's own reading of the codewords and
/// rqrr decoded to different bytes since the process started (the tests
/// assert none).
#[cfg(debug_assertions)]
pub fn disagreements() -> usize {
    DISAGREEMENTS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Fuzzing entry: Tessera's own reading of arbitrary codewords, and of an
/// arbitrary grid, never panics (the `qr_bytes` fuzz target calls it).
pub fn read_arbitrary(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    if let Ok(stream) = segments::parse(rest, first % 41) {
        let _ = declared(&stream);
    }
    let size = 17 + 4 * usize::from(first % 42);
    let grid = ArbitraryGrid { size, bits: rest };
    if let Some(codewords) = codewords::read(&grid) {
        let _ = segments::parse(&codewords.data, codewords.version);
    }
}

/// A grid whose modules repeat the given bytes' bits.
struct ArbitraryGrid<'a> {
    size: usize,
    bits: &'a [u8],
}

impl BitGrid for ArbitraryGrid<'_> {
    fn size(&self) -> usize {
        self.size
    }

    fn bit(&self, y: usize, x: usize) -> bool {
        if self.bits.is_empty() {
            return false;
        }
        let i = y * self.size + x;
        self.bits[(i / 8) % self.bits.len()] >> (i % 8) & 1 == 1
    }
}

/// The text of a stream that says how to read its bytes (an ECI designator,
/// or a Hanzi segment); `None` when it says nothing, or names a character set
/// this module does not know (then the bytes are guessed over).
fn declared(stream: &Stream) -> Option<String> {
    let says = stream.eci || stream.runs.iter().any(|r| r.reading == Reading::Gb2312);
    if !says {
        return None;
    }
    let mut text = String::new();
    for run in &stream.runs {
        let bytes = stream.bytes.get(run.start..run.end)?;
        match run.reading {
            Reading::Undeclared if stream.eci => text.push_str(&latin1(bytes)),
            Reading::Undeclared => text.push_str(&decode(bytes)),
            Reading::Ascii => text.push_str(&latin1(bytes)),
            Reading::ShiftJis => text.push_str(&shift_jis(bytes)),
            Reading::Gb2312 => text.push_str(&with(encoding_rs::GB18030, bytes)),
            Reading::Eci(value) => text.push_str(&in_charset(value, bytes)?),
        }
    }
    Some(text)
}

/// Bytes in the character set an ECI designator names (ZXing's
/// `CharacterSetECI`, and zxing-cpp's UTF-16LE and UTF-32), or `None`.
fn in_charset(eci: u32, bytes: &[u8]) -> Option<String> {
    use encoding_rs as e;
    let encoding = match eci {
        0 | 2 => return Some(cp437(bytes)),
        1 | 3 => return Some(latin1(bytes)),
        4 => e::ISO_8859_2,
        5 => e::ISO_8859_3,
        6 => e::ISO_8859_4,
        7 => e::ISO_8859_5,
        8 => e::ISO_8859_6,
        9 => e::ISO_8859_7,
        10 => e::ISO_8859_8,
        11 => return Some(iso_8859_9(bytes)),
        12 => e::ISO_8859_10,
        13 => return Some(iso_8859_11(bytes)),
        15 => e::ISO_8859_13,
        16 => e::ISO_8859_14,
        17 => e::ISO_8859_15,
        18 => e::ISO_8859_16,
        20 => e::SHIFT_JIS,
        21 => e::WINDOWS_1250,
        22 => e::WINDOWS_1251,
        23 => e::WINDOWS_1252,
        24 => e::WINDOWS_1256,
        25 => e::UTF_16BE,
        26 => e::UTF_8,
        27 | 170 => return Some(ascii(bytes)),
        28 => e::BIG5,
        // GB 2312 (29) is a subset of GB 18030 (32).
        29 | 32 => e::GB18030,
        30 => e::EUC_KR,
        33 => e::UTF_16LE,
        34 => return Some(utf32(bytes, u32::from_be_bytes)),
        35 => return Some(utf32(bytes, u32::from_le_bytes)),
        _ => return None,
    };
    Some(with(encoding, bytes))
}

fn with(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// US-ASCII: a byte above 0x7F is not a character.
fn ascii(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| if b < 0x80 { char::from(b) } else { '\u{fffd}' })
        .collect()
}

/// The upper half of IBM code page 437 (ECI 0 and 2).
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐\
                          └┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

fn cp437(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0..=0x7f => char::from(b),
            _ => CP437_HIGH
                .chars()
                .nth(usize::from(b - 0x80))
                .unwrap_or('\u{fffd}'),
        })
        .collect()
}

/// ISO 8859-9 (Latin-5): ISO 8859-1 with six Turkish letters.
fn iso_8859_9(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0xd0 => 'Ğ',
            0xdd => 'İ',
            0xde => 'Ş',
            0xf0 => 'ğ',
            0xfd => 'ı',
            0xfe => 'ş',
            _ => char::from(b),
        })
        .collect()
}

/// ISO 8859-11 (Thai): TIS-620 above 0xA0.
fn iso_8859_11(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0xa1..=0xda => char::from_u32(0x0e01 + u32::from(b - 0xa1)),
            0xdf..=0xfb => char::from_u32(0x0e3f + u32::from(b - 0xdf)),
            0xdb..=0xde | 0xfc..=0xff => None,
            _ => Some(char::from(b)),
        })
        .map(|c| c.unwrap_or('\u{fffd}'))
        .collect()
}

fn utf32(bytes: &[u8], read: fn([u8; 4]) -> u32) -> String {
    bytes
        .chunks(4)
        .map(|c| {
            <[u8; 4]>::try_from(c)
                .ok()
                .and_then(|c| char::from_u32(read(c)))
                .unwrap_or('\u{fffd}')
        })
        .collect()
}

/// The payload as text (see the module documentation).
pub(super) fn decode(payload: &[u8]) -> String {
    let stats = Stats::of(payload);
    let utf8 = std::str::from_utf8(payload).ok();
    if let Some(text) = utf8 {
        let bom = payload.starts_with(&[0xef, 0xbb, 0xbf]);
        if bom || text.len() != text.chars().count() {
            return text.to_owned();
        }
    }
    if stats.shift_jis && (stats.longest_double_run >= 3 || stats.longest_katakana_run >= 3) {
        return shift_jis(payload);
    }
    if stats.latin1 && stats.shift_jis {
        let katakana_pair = stats.longest_katakana_run == 2 && stats.katakana == 2;
        if katakana_pair || stats.unusual_latin1 * 10 >= payload.len() {
            return shift_jis(payload);
        }
        return latin1(payload);
    }
    if stats.latin1 {
        return latin1(payload);
    }
    if stats.shift_jis {
        return shift_jis(payload);
    }
    match utf8 {
        Some(text) => text.to_owned(),
        None => latin1(payload),
    }
}

/// One character per byte.
fn latin1(payload: &[u8]) -> String {
    payload.iter().map(|&b| char::from(b)).collect()
}

fn shift_jis(payload: &[u8]) -> String {
    with(encoding_rs::SHIFT_JIS, payload)
}

/// What the bytes could be.
#[derive(Debug, Default, PartialEq, Eq)]
struct Stats {
    /// Every byte is a printable ISO 8859-1 character or a control character
    /// text uses (no 0x7F–0x9F).
    latin1: bool,
    /// High bytes that would be unusual Latin-1 characters (0x80–0xBF, 0xD7, 0xF7).
    unusual_latin1: usize,
    /// The bytes are well-formed Shift JIS.
    shift_jis: bool,
    /// Half-width katakana (one byte each, 0xA1–0xDF).
    katakana: usize,
    /// The longest run of half-width katakana.
    longest_katakana_run: usize,
    /// The longest run of double-byte characters.
    longest_double_run: usize,
}

impl Stats {
    fn of(payload: &[u8]) -> Self {
        let mut stats = Self {
            latin1: true,
            shift_jis: true,
            ..Self::default()
        };
        for &b in payload {
            if (0x7f..0xa0).contains(&b) {
                stats.latin1 = false;
            } else if b >= 0xa0 && (b < 0xc0 || b == 0xd7 || b == 0xf7) {
                stats.unusual_latin1 += 1;
            }
        }
        let (mut katakana_run, mut double_run) = (0, 0);
        let mut i = 0;
        while i < payload.len() {
            let b = payload[i];
            if b < 0x80 {
                (katakana_run, double_run) = (0, 0);
                i += 1;
            } else if (0xa1..=0xdf).contains(&b) {
                stats.katakana += 1;
                katakana_run += 1;
                double_run = 0;
                stats.longest_katakana_run = stats.longest_katakana_run.max(katakana_run);
                i += 1;
            } else if matches!(b, 0x81..=0x9f | 0xe0..=0xef)
                && matches!(payload.get(i + 1), Some(&t) if matches!(t, 0x40..=0x7e | 0x80..=0xfc))
            {
                double_run += 1;
                katakana_run = 0;
                stats.longest_double_run = stats.longest_double_run.max(double_run);
                i += 2;
            } else {
                stats.shift_jis = false;
                break;
            }
        }
        stats
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn ascii_and_utf8_stay_utf8() {
        assert_eq!(
            decode(b"otpauth://totp/x?secret=AB"),
            "otpauth://totp/x?secret=AB"
        );
        assert_eq!(decode("café".as_bytes()), "café");
        assert_eq!(decode("日本語のテキスト".as_bytes()), "日本語のテキスト");
    }

    #[test]
    fn latin1_bytes_read_as_latin1() {
        assert_eq!(decode(&[0x63, 0x61, 0x66, 0xe9]), "café");
        assert_eq!(decode(b"Gr\xfc\xdfe aus M\xfcnchen"), "Grüße aus München");
    }

    #[test]
    fn shift_jis_kanji_read_as_shift_jis() {
        // 日本語 in Shift JIS (what a Kanji-mode segment gives).
        assert_eq!(decode(&[0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]), "日本語");
        // Mixed with ASCII.
        let mut bytes = b"QR ".to_vec();
        bytes.extend([0x83, 0x52, 0x81, 0x5b, 0x83, 0x68]); // コード
        assert_eq!(decode(&bytes), "QR コード");
    }

    #[test]
    fn half_width_katakana_read_as_shift_jis() {
        // ｱｲｳ: three half-width katakana.
        assert_eq!(decode(&[0xb1, 0xb2, 0xb3]), "ｱｲｳ");
    }

    #[test]
    fn each_eci_names_its_character_set() {
        use super::in_charset;
        let cases: &[(u32, &[u8], &str)] = &[
            (3, b"caf\xe9", "café"),
            (1, b"\x80", "\u{80}"),
            (2, b"\x80\xe1\xff", "Çß\u{a0}"),
            (0, b"\xb0", "░"),
            (4, b"\xb1", "ą"),
            (7, b"\xbf\xe0\xd8", "При"),
            (9, b"\xd9\xec", "Ωμ"),
            (11, b"\xd0\xdd\xfd\xe9", "Ğİıé"),
            (13, b"\xa1\xdf\xdb", "ก฿\u{fffd}"),
            (17, b"\xa4", "€"),
            (18, b"\xaa", "Ș"),
            (20, b"\x93\xfa\x96\x7b", "日本"),
            (21, b"\x8a", "Š"),
            (22, b"\xc7\xe4", "Зд"),
            (23, b"\x80", "€"),
            (24, b"\xc7", "ا"),
            (25, b"\x03\xa9\x00A", "ΩA"),
            (26, "✓".as_bytes(), "✓"),
            (27, b"A\xe9", "A\u{fffd}"),
            (28, b"\xa4\xa4", "中"),
            (29, b"\xd6\xd0", "中"),
            (30, b"\xc7\xd1", "한"),
            (33, b"A\x00", "A"),
            (34, b"\x00\x01\xf6\x00", "😀"),
            (35, b"A\x00\x00\x00", "A"),
        ];
        for &(eci, bytes, text) in cases {
            assert_eq!(in_charset(eci, bytes).as_deref(), Some(text), "ECI {eci}");
        }
        assert_eq!(in_charset(14, b"x"), None);
        assert_eq!(in_charset(899, b"x"), None);
        assert_eq!(super::CP437_HIGH.chars().count(), 128);
    }

    #[test]
    fn a_designator_decides_the_text_and_its_absence_leaves_the_guess() {
        use super::super::segments::{Reading, Run, Stream};
        use super::declared;
        let stream = |runs: Vec<(Reading, usize, usize)>, bytes: &[u8], eci: bool| Stream {
            bytes: zeroize::Zeroizing::new(bytes.to_vec()),
            runs: runs
                .into_iter()
                .map(|(reading, start, end)| Run {
                    reading,
                    start,
                    end,
                })
                .collect(),
            eci,
            ..Stream::default()
        };
        // Undeclared bytes before the first designator are ISO 8859-1; the
        // ISO 8859-5 run after it is Cyrillic; digits stay digits.
        let mixed = stream(
            vec![
                (Reading::Undeclared, 0, 1),
                (Reading::Eci(7), 1, 3),
                (Reading::Ascii, 3, 5),
            ],
            b"\xe9\xbf\xe042",
            true,
        );
        assert_eq!(declared(&mixed).as_deref(), Some("éПр42"));
        // Kanji stays Shift JIS under a UTF-8 designator.
        let kanji = stream(
            vec![(Reading::Eci(26), 0, 1), (Reading::ShiftJis, 1, 3)],
            b"a\x93\xfa",
            true,
        );
        assert_eq!(declared(&kanji).as_deref(), Some("a日"));
        // An unknown ECI value, or no designator: the caller guesses.
        let unknown = stream(vec![(Reading::Eci(899), 0, 1)], b"\xe9", true);
        assert_eq!(declared(&unknown), None);
        let plain = stream(vec![(Reading::Undeclared, 0, 1)], b"\xe9", false);
        assert_eq!(declared(&plain), None);
        // Hanzi is GB 2312 even without one.
        let hanzi = stream(
            vec![(Reading::Undeclared, 0, 1), (Reading::Gb2312, 1, 3)],
            b"A\xb0\xa2",
            false,
        );
        assert_eq!(declared(&hanzi).as_deref(), Some("A阿"));
    }

    #[test]
    fn arbitrary_codewords_and_grids_never_panic() {
        let mut state = 0x2545_f491_u32;
        for len in 0..3000 {
            let data: Vec<u8> = (0..len % 400)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    state as u8
                })
                .collect();
            super::read_arbitrary(&data);
        }
    }

    #[test]
    fn bytes_valid_nowhere_keep_every_byte() {
        let bytes = [0x80, 0x00, 0xff, 0x81];
        assert_eq!(decode(&bytes).chars().count(), bytes.len());
    }
}
