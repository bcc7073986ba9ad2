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
    encoding_rs::SHIFT_JIS
        .decode_without_bom_handling(payload)
        .0
        .into_owned()
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
    fn bytes_valid_nowhere_keep_every_byte() {
        let bytes = [0x80, 0x00, 0xff, 0x81];
        assert_eq!(decode(&bytes).chars().count(), bytes.len());
    }
}
