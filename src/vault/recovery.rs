//! One-time recovery codes: reading a pasted block in whatever layout a
//! dashboard printed it, and matching a typed code against the stored ones.

use thiserror::Error;

use super::entry::{Entry, RecoveryCode};
use crate::clock::Timestamp;
use crate::secret::SecretText;

/// Most codes accepted from one block (dashboards hand out 5 to 16).
pub const MAX_CODES: usize = 100;

/// Why a block or a code was not accepted.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RecoveryError {
    /// Nothing in the text looks like a recovery code.
    #[error(
        "no recovery codes were found in the text; paste the codes as the service shows them (one per line, or separated by spaces or commas)"
    )]
    NoneFound,
    /// More codes than any service hands out.
    #[error("the text holds more than {MAX_CODES} codes; paste only the recovery codes")]
    TooMany,
    /// The code is not among the stored ones.
    #[error("that code is not one of this account's recovery codes; check it for typos")]
    Unknown,
    /// The code was used before.
    #[error("that recovery code was already used (at Unix time {}); use another one", .0.secs())]
    AlreadyUsed(Timestamp),
}

/// Whether a token looks like a code rather than a word of prose.
fn code_like(token: &str) -> bool {
    let compact: String = token.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if compact.len() < 4
        || compact.len() > 40
        || !compact.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return false;
    }
    let has_digit = compact.chars().any(|c| c.is_ascii_digit());
    let grouped = token.contains(['-', ' ']);
    let one_case = compact.chars().all(|c| !c.is_ascii_uppercase())
        || compact.chars().all(|c| !c.is_ascii_lowercase());
    has_digit || grouped || (compact.len() >= 8 && one_case)
}

/// Strips list decorations: `1.`, `2)`, `#3`, `(4)`, bullets.
fn strip_marker(text: &str) -> &str {
    let text = text
        .trim_start_matches(['-', '*', '•', '·', '–', '—', '>'])
        .trim_start();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if let Some(rest) = text.strip_prefix('#') {
        let n = rest.chars().take_while(char::is_ascii_digit).count();
        if n > 0 {
            return rest[n..].trim_start_matches([':', '.', ')']).trim_start();
        }
    }
    if let Some(rest) = text.strip_prefix('(') {
        let n = rest.chars().take_while(char::is_ascii_digit).count();
        if n > 0 && rest[n..].starts_with(')') {
            return rest[n + 1..].trim_start();
        }
    }
    if (1..=3).contains(&digits) {
        let rest = &text[digits..];
        if let Some(after) = rest.strip_prefix(['.', ')', ':'])
            && (after.starts_with(char::is_whitespace) || after.is_empty())
        {
            return after.trim_start();
        }
    }
    text
}

/// Splits a chunk separated by single spaces into codes: `1234 5678` (equal
/// short groups) is one code; `abcd1234 efgh5678` are two.
fn split_spaced(chunk: &str, out: &mut Vec<String>) -> bool {
    let parts: Vec<&str> = chunk.split(' ').filter(|p| !p.is_empty()).collect();
    let grouped = (2..=4).contains(&parts.len())
        && parts
            .iter()
            .all(|p| p.len() <= 5 && p.chars().all(|c| c.is_ascii_alphanumeric()))
        && parts.windows(2).all(|w| w[0].len() == w[1].len());
    if grouped {
        let code = parts.join(" ");
        if !code_like(&code) {
            return false;
        }
        out.push(code);
        return true;
    }
    let mut codes = Vec::new();
    let mut pending_marker = false;
    for part in parts {
        let stripped = strip_marker(part);
        if stripped.is_empty() {
            // A lone "6." between columns.
            pending_marker = true;
            continue;
        }
        if !code_like(stripped) {
            return false;
        }
        pending_marker = false;
        codes.push(stripped.to_owned());
    }
    let _ = pending_marker;
    out.extend(codes);
    true
}

/// Reads recovery codes from pasted text: one per line, separated by spaces,
/// commas, semicolons or tabs, numbered (`1.`, `2)`, `#3`), bulleted, grouped
/// (`abcd-efgh`, `1234 5678`), in columns. Lines of prose (headings, advice,
/// dates) are skipped. Duplicates are kept once, in order.
pub fn parse_block(text: &str) -> Result<Vec<String>, RecoveryError> {
    let mut codes: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = strip_marker(line.trim());
        if line.is_empty() {
            continue;
        }
        let mut found = Vec::new();
        let mut prose = false;
        // Wide gaps (columns), tabs, commas and semicolons always separate codes.
        let normalised = line.replace(['\t', ',', ';', '|'], "  ");
        for chunk in normalised
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            let chunk = strip_marker(chunk);
            if chunk.is_empty() {
                continue;
            }
            if !split_spaced(chunk, &mut found) {
                prose = true;
                break;
            }
        }
        if prose {
            continue;
        }
        for code in found {
            if !codes.iter().any(|c| normalise(c) == normalise(&code)) {
                codes.push(code);
            }
        }
        if codes.len() > MAX_CODES {
            return Err(RecoveryError::TooMany);
        }
    }
    if codes.is_empty() {
        return Err(RecoveryError::NoneFound);
    }
    Ok(codes)
}

/// The comparable form of a code: no spaces or hyphens, lower case.
pub(crate) fn normalise(code: &str) -> String {
    code.chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Builds a fresh set of unused codes.
pub fn fresh_set(codes: Vec<String>) -> Vec<RecoveryCode> {
    codes
        .into_iter()
        .map(|code| RecoveryCode {
            code: SecretText::new(code),
            used_at: None,
        })
        .collect()
}

/// Marks `typed` as used at `now` (spaces, hyphens and case do not matter).
pub fn mark_used(entry: &mut Entry, typed: &str, now: Timestamp) -> Result<(), RecoveryError> {
    let wanted = normalise(typed);
    let code = entry
        .recovery_codes
        .iter_mut()
        .find(|c| normalise(c.code.expose()) == wanted)
        .ok_or(RecoveryError::Unknown)?;
    if let Some(at) = code.used_at {
        return Err(RecoveryError::AlreadyUsed(at));
    }
    code.used_at = Some(now);
    Ok(())
}

/// When a list row should warn: no codes left, or at most this many.
pub const FEW_LEFT: usize = 2;

/// How urgent an entry's recovery codes are, for a badge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Supply {
    /// No codes stored at all: nothing to show.
    None,
    /// Plenty left.
    Enough(usize),
    /// `FEW_LEFT` or fewer left.
    Few(usize),
    /// All used.
    Exhausted,
}

/// The badge state of an entry.
pub fn supply(entry: &Entry) -> Supply {
    if entry.recovery_codes.is_empty() {
        return Supply::None;
    }
    match entry.unused_recovery_codes() {
        0 => Supply::Exhausted,
        n if n <= FEW_LEFT => Supply::Few(n),
        n => Supply::Enough(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<String> {
        match parse_block(text) {
            Ok(codes) => codes,
            Err(e) => panic!("{e}: {text}"),
        }
    }

    /// Layouts in the style of real dashboards, each with the codes it must yield.
    #[test]
    fn reads_every_common_layout() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "one per line, hex groups (GitHub style)",
                "a1b2c-3d4e5\nf6a7b-8c9d0\n1e2f3-a4b5c\n",
                &["a1b2c-3d4e5", "f6a7b-8c9d0", "1e2f3-a4b5c"],
            ),
            (
                "numbered, digits in two groups (Google style)",
                "1. 2847 1936\n2. 5930 2841\n3. 7712 0349\n",
                &["2847 1936", "5930 2841", "7712 0349"],
            ),
            (
                "two numbered columns",
                "1. 2847 1936     6. 1111 2222\n2. 5930 2841     7. 3333 4444\n",
                &["2847 1936", "1111 2222", "5930 2841", "3333 4444"],
            ),
            (
                "space separated on one line",
                "abcd1234 efgh5678 ijkl9012 mnop3456",
                &["abcd1234", "efgh5678", "ijkl9012", "mnop3456"],
            ),
            (
                "comma separated",
                "83920174, 29381746,55512093 ,  10293847",
                &["83920174", "29381746", "55512093", "10293847"],
            ),
            (
                "with a heading and advice around it",
                "Your ACME Cloud recovery codes\nKeep these somewhere safe.\n\nabcd-efgh\nijkl-mnop\n\nGenerated on 2024-05-01 by admin\n",
                &["abcd-efgh", "ijkl-mnop"],
            ),
            (
                "bulleted",
                "• QWER-TYUI-OP12\n• ASDF-GHJK-L345\n- ZXCV-BNM6-7890\n",
                &["QWER-TYUI-OP12", "ASDF-GHJK-L345", "ZXCV-BNM6-7890"],
            ),
            (
                "parenthesised numbers and tabs",
                "(1)\tk9x2m4p7\n(2)\tj3h8n1q6\n",
                &["k9x2m4p7", "j3h8n1q6"],
            ),
            (
                "letters only, upper case (no digits)",
                "ABCDEFGHJK\nLMNPQRSTUV\n",
                &["ABCDEFGHJK", "LMNPQRSTUV"],
            ),
            (
                "numbered with closing parenthesis, Windows line endings",
                "1) 123456789\r\n2) 987654321\r\n",
                &["123456789", "987654321"],
            ),
            (
                "hash numbers and duplicates",
                "#1: 1234-5678-90\n#2: 0987-6543-21\n#3: 1234-5678-90\n",
                &["1234-5678-90", "0987-6543-21"],
            ),
            (
                "grouped in threes",
                "482 913 577\n102 384 756\n",
                &["482 913 577", "102 384 756"],
            ),
        ];
        for (layout, text, want) in cases {
            assert_eq!(parse(text), *want, "{layout}");
        }
    }

    #[test]
    fn prose_alone_is_not_a_code() {
        assert_eq!(
            parse_block("Keep these codes safe.\nYou can use each one once."),
            Err(RecoveryError::NoneFound)
        );
        assert_eq!(parse_block(""), Err(RecoveryError::NoneFound));
    }

    #[test]
    fn codes_are_matched_loosely_and_used_once() {
        let account = crate::otp::Account::new(
            "A",
            "b",
            crate::secret::SecretBytes::from_slice(b"12345678901234567890"),
            crate::otp::Params::totp(),
        );
        let Ok(account) = account else {
            panic!("account")
        };
        let Ok(mut entry) = Entry::new(account, Timestamp(0)) else {
            panic!("entry")
        };
        entry.recovery_codes = fresh_set(vec![
            "2847 1936".into(),
            "abcd-efgh".into(),
            "x9y8z7w6".into(),
        ]);
        assert_eq!(supply(&entry), Supply::Enough(3));
        assert_eq!(mark_used(&mut entry, "28471936", Timestamp(5)), Ok(()));
        assert_eq!(mark_used(&mut entry, "ABCD EFGH", Timestamp(6)), Ok(()));
        assert_eq!(
            mark_used(&mut entry, "2847-1936", Timestamp(7)),
            Err(RecoveryError::AlreadyUsed(Timestamp(5)))
        );
        assert_eq!(
            mark_used(&mut entry, "nope1234", Timestamp(7)),
            Err(RecoveryError::Unknown)
        );
        assert_eq!(supply(&entry), Supply::Few(1));
        assert_eq!(mark_used(&mut entry, "x9y8z7w6", Timestamp(8)), Ok(()));
        assert_eq!(supply(&entry), Supply::Exhausted);
    }
}
