//! What a scanned QR code (or pasted text) holds: one account, a Google
//! Authenticator export, or something else, explained for people. Both front
//! ends use this so they say the same thing.

use std::collections::BTreeMap;

use super::migration::{self, Batch, BatchPosition, MigrationError};
use super::{Account, UriError};

/// The content of a QR code or pasted text.
#[derive(Clone, Debug)]
pub enum Payload {
    /// An `otpauth://` account.
    Account(Account),
    /// A Google Authenticator export (part of a batch).
    Migration(Batch),
    /// An `otpauth://` link that cannot be used.
    BadAccount(UriError),
    /// An `otpauth-migration://` link that cannot be used.
    BadMigration(MigrationError),
    /// Something that is not an authenticator key.
    Other(Other),
}

/// Non-authenticator content, by what it looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Other {
    /// `http://` or `https://`.
    WebAddress,
    /// `WIFI:` network details.
    WiFi,
    /// `mailto:` or a bare e-mail address.
    Email,
    /// `tel:` or `sms:`.
    Phone,
    /// A contact card (`BEGIN:VCARD`, `MECARD:`).
    Contact,
    /// Anything else.
    Text,
}

impl Other {
    /// "a web address", "Wi-Fi network details"...
    pub fn describe(self) -> &'static str {
        match self {
            Self::WebAddress => "a web address",
            Self::WiFi => "Wi-Fi network details",
            Self::Email => "an e-mail address",
            Self::Phone => "a phone number",
            Self::Contact => "a contact card",
            Self::Text => "plain text",
        }
    }
}

impl Payload {
    /// The kind name used by `scan --json`: `otpauth`, `otpauth-migration` or `other`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Account(_) | Self::BadAccount(_) => "otpauth",
            Self::Migration(_) | Self::BadMigration(_) => "otpauth-migration",
            Self::Other(_) => "other",
        }
    }

    /// The accounts it holds (none for anything but a usable account or export).
    pub fn accounts(&self) -> &[Account] {
        match self {
            Self::Account(account) => std::slice::from_ref(account),
            Self::Migration(batch) => &batch.accounts,
            _ => &[],
        }
    }

    /// Why it gives no account, as advice; `None` when it does.
    pub fn explain(&self) -> Option<String> {
        match self {
            Self::Account(_) => None,
            Self::Migration(batch) if !batch.accounts.is_empty() => None,
            Self::Migration(_) => Some(String::from(
                "this Google Authenticator export holds no account Tessera can use",
            )),
            Self::BadAccount(e) => Some(e.to_string()),
            Self::BadMigration(e) => Some(e.to_string()),
            Self::Other(other) => Some(format!(
                "this QR code holds {}, not an authenticator key; look for the QR code on the service's two-factor setup page",
                other.describe()
            )),
        }
    }
}

/// Classifies decoded text.
pub fn classify(text: &str) -> Payload {
    let trimmed = text.trim();
    let lower = trimmed
        .get(..trimmed.len().min(20))
        .unwrap_or("")
        .to_ascii_lowercase();
    if migration::is_migration_uri(trimmed) {
        return match migration::decode(trimmed) {
            Ok(batch) => Payload::Migration(batch),
            Err(e) => Payload::BadMigration(e),
        };
    }
    if lower.starts_with("otpauth:") {
        return match Account::from_uri(trimmed) {
            Ok(account) => Payload::Account(account),
            Err(e) => Payload::BadAccount(e),
        };
    }
    let other = if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
    {
        Other::WebAddress
    } else if lower.starts_with("wifi:") {
        Other::WiFi
    } else if lower.starts_with("mailto:")
        || (trimmed.contains('@')
            && !trimmed.contains(char::is_whitespace)
            && trimmed.contains('.'))
    {
        Other::Email
    } else if lower.starts_with("tel:") || lower.starts_with("sms:") || lower.starts_with("smsto:")
    {
        Other::Phone
    } else if lower.starts_with("begin:vcard") || lower.starts_with("mecard:") {
        Other::Contact
    } else {
        Other::Text
    };
    Payload::Other(other)
}

/// Tracks the parts of Google Authenticator exports seen so far, to say which
/// parts are still missing ("2 of 3").
#[derive(Clone, Debug, Default)]
pub struct Batches {
    seen: BTreeMap<i32, (u32, Vec<u32>)>,
}

impl Batches {
    /// Records one decoded part.
    pub fn add(&mut self, position: BatchPosition) {
        let (size, parts) = self
            .seen
            .entry(position.id)
            .or_insert((position.size, Vec::new()));
        *size = (*size).max(position.size);
        if !parts.contains(&position.index) {
            parts.push(position.index);
        }
    }

    /// For each incomplete batch: its size and the missing parts (1-based).
    pub fn missing(&self) -> Vec<(u32, Vec<u32>)> {
        self.seen
            .values()
            .filter_map(|(size, parts)| {
                let missing: Vec<u32> = (0..*size)
                    .filter(|i| !parts.contains(i))
                    .map(|i| i + 1)
                    .collect();
                (!missing.is_empty()).then_some((*size, missing))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_what_is_not_a_key() {
        let cases = [
            ("https://example.com/login", "a web address"),
            ("WIFI:T:WPA;S:home;P:secret;;", "Wi-Fi network details"),
            ("mailto:a@b.c", "an e-mail address"),
            ("tel:+5511999999999", "a phone number"),
            ("hello world", "plain text"),
        ];
        for (text, words) in cases {
            let payload = classify(text);
            assert_eq!(payload.kind(), "other");
            let advice = payload.explain().unwrap_or_default();
            assert!(advice.contains(words), "{text}: {advice}");
            assert!(advice.contains("not an authenticator key"));
        }
        assert!(
            classify("otpauth://totp/x?secret=JBSWY3DP")
                .explain()
                .is_none()
        );
        assert_eq!(classify("otpauth://totp/x").kind(), "otpauth");
        assert!(
            classify("otpauth://totp/x")
                .explain()
                .unwrap_or_default()
                .contains("no secret")
        );
    }

    #[test]
    fn says_which_parts_of_an_export_are_missing() {
        let mut batches = Batches::default();
        batches.add(BatchPosition {
            index: 1,
            size: 3,
            id: 7,
        });
        assert_eq!(batches.missing(), vec![(3, vec![1, 3])]);
        assert_eq!(
            crate::i18n::missing_parts(crate::i18n::Lang::En, 3, &[1, 3]),
            "Parts 1 and 3 of 3 of a Google Authenticator export are still missing; scan them too."
        );
        batches.add(BatchPosition {
            index: 0,
            size: 3,
            id: 7,
        });
        batches.add(BatchPosition {
            index: 2,
            size: 3,
            id: 7,
        });
        assert!(batches.missing().is_empty());
        batches.add(BatchPosition {
            index: 0,
            size: 1,
            id: 9,
        });
        assert!(batches.missing().is_empty());
    }
}
