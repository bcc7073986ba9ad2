//! The entry model: one account with its metadata, and the helpers both front
//! ends share (search, lookup by id or query). Duplicates are decided by
//! [`crate::import::plan`].

use crate::clock::Timestamp;
use crate::otp::{Account, Code, ParamsError};
use crate::secret::SecretText;

/// A stable entry id (a random UUID, hyphenated lower-case).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(pub(crate) String);

impl EntryId {
    /// A new random id.
    pub fn random() -> Result<Self, getrandom::Error> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)?;
        Ok(Self(
            uuid::Builder::from_random_bytes(bytes)
                .into_uuid()
                .hyphenated()
                .to_string(),
        ))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Parses a stored id (any UUID form).
    pub(crate) fn parse(text: &str) -> Option<Self> {
        uuid::Uuid::parse_str(text)
            .ok()
            .map(|u| Self(u.hyphenated().to_string()))
    }
}

impl std::fmt::Display for EntryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One one-time recovery code handed out by a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryCode {
    /// The code as the service printed it.
    pub code: SecretText,
    /// When it was used, if it was.
    pub used_at: Option<Timestamp>,
}

/// An account in the vault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Stable id.
    pub id: EntryId,
    /// Issuer, name, key and code parameters.
    pub account: Account,
    /// A free-form group ("Work", "Cloud"); empty for none.
    pub group: String,
    /// Shown first in lists.
    pub favourite: bool,
    /// Free-form notes.
    pub notes: String,
    /// One-time recovery codes, in the order given.
    pub recovery_codes: Vec<RecoveryCode>,
    /// When the entry was added.
    pub created: Timestamp,
    /// When it last changed.
    pub modified: Timestamp,
    /// When a code was last copied or shown on request.
    pub last_used: Option<Timestamp>,
    /// The picture the app shows beside it.
    pub icon: Icon,
}

/// The picture the app shows beside an entry: a brand icon matched from the
/// issuer, the letter avatar, or a brand icon the person chose. The vault only
/// keeps the choice; which brands exist and how they are matched is
/// [`crate::brand`]'s business.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Icon {
    /// The brand icon the issuer matches, else the letter avatar.
    #[default]
    Automatic,
    /// Always the letter avatar.
    Letter,
    /// This brand icon (a Simple Icons slug, such as `github`).
    Brand(String),
}

/// An account on its way into the vault, with the metadata Tessera keeps
/// (from another app's export, the add screen, or `tessera add --group`): the
/// one type every way of adding accounts uses, made an [`Entry`] in one place
/// ([`NewEntry::into_entry`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntry {
    /// The account.
    pub account: Account,
    /// Its group, or empty.
    pub group: String,
    /// Marked as a favourite.
    pub favourite: bool,
    /// Its notes, or empty.
    pub notes: String,
}

impl NewEntry {
    /// The account with no group, no favourite mark and no notes.
    pub fn new(account: Account) -> Self {
        Self {
            account,
            group: String::new(),
            favourite: false,
            notes: String::new(),
        }
    }

    /// The entry, created at `now` with a fresh random id.
    pub fn into_entry(self, now: Timestamp) -> Result<Entry, getrandom::Error> {
        Ok(Entry {
            id: EntryId::random()?,
            account: self.account,
            group: self.group,
            favourite: self.favourite,
            notes: self.notes,
            recovery_codes: Vec::new(),
            created: now,
            modified: now,
            last_used: None,
            icon: Icon::Automatic,
        })
    }
}

impl From<Account> for NewEntry {
    fn from(account: Account) -> Self {
        Self::new(account)
    }
}

impl Entry {
    /// A new entry for `account`, created at `now`, with a fresh id.
    pub fn new(account: Account, now: Timestamp) -> Result<Self, getrandom::Error> {
        NewEntry::new(account).into_entry(now)
    }

    /// The current code (TOTP/Steam at `at`, HOTP at the stored counter).
    pub fn code_at(&self, at: Timestamp) -> Result<Code, ParamsError> {
        self.account.code_at(at)
    }

    /// Recovery codes not used yet.
    pub fn unused_recovery_codes(&self) -> usize {
        self.recovery_codes
            .iter()
            .filter(|c| c.used_at.is_none())
            .count()
    }

    /// Whether `query` is exactly this entry's issuer, account name, or
    /// `issuer:account` (case and Latin accents ignored).
    pub fn is_named(&self, query: &str) -> bool {
        let query = fold(query.trim());
        let issuer = fold(&self.account.issuer);
        let name = fold(&self.account.name);
        query == issuer
            || query == name
            || query
                .split_once(':')
                .is_some_and(|(i, n)| i.trim() == issuer && n.trim() == name)
    }

    /// True if `query` (every word, ignoring case and the accents of Latin
    /// letters: "joao" finds "João") occurs in the issuer, account name or
    /// group. An empty query matches everything.
    pub fn matches(&self, query: &str) -> bool {
        let words: Vec<String> = query.split_whitespace().map(fold).collect();
        if words.is_empty() {
            return true;
        }
        let haystack = fold(&format!(
            "{}\n{}\n{}",
            self.account.issuer, self.account.name, self.group
        ));
        words.iter().all(|word| haystack.contains(word.as_str()))
    }
}

/// Lower case without the accents of Latin letters, for searching (and for
/// matching an issuer with a brand).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        // Most names: no accents to drop, and the fast lower-casing.
        return text.to_ascii_lowercase();
    }
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ý' | 'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// Orders entries for display: favourites first, then by issuer, then name,
/// each in natural order (see [`natural_key`]: Dash2 before Dash10, Ábaco
/// beside Abacus), then by the exact text and the id, so the order is total
/// and stable.
pub fn display_order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    display_key(a).cmp(&display_key(b))
}

/// The key [`display_order`] compares, for sorting with the key computed once
/// per entry (`sort_by_cached_key`) rather than once per comparison.
pub fn display_key(entry: &Entry) -> (bool, String, String, String, String, EntryId) {
    (
        !entry.favourite,
        natural_key(&entry.account.issuer),
        natural_key(&entry.account.name),
        entry.account.issuer.clone(),
        entry.account.name.clone(),
        entry.id.clone(),
    )
}

/// A string whose plain (code point) order is the natural order of `text`:
/// case and the accents of Latin letters are ignored, and each run of digits
/// compares as a number, so "Dash2" < "Dash 3" < "Dash10" and "ábaco" sits
/// with "abacus". Spaces are left out ("Dash 3" sorts as "Dash3").
///
/// Each digit run becomes a marker below every printable character, a
/// character encoding the run's length without leading zeros, and the digits:
/// a longer number sorts after a shorter one, numbers of one length compare
/// digit by digit, and a number sorts before a letter at the same place.
pub fn natural_key(text: &str) -> String {
    let folded = fold(text.trim());
    let mut key = String::with_capacity(folded.len() + 4);
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_ascii_digit() {
            key.push(c);
            continue;
        }
        let mut digits = String::from(c);
        while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
            digits.push(d);
            chars.next();
        }
        let number = digits.trim_start_matches('0');
        let number = if number.is_empty() { "0" } else { number };
        // Lengths stay far below the surrogate range; clamp anyway.
        let length = u32::try_from(number.len()).unwrap_or(u32::MAX).min(0xD000);
        key.push('\u{1}');
        key.push(char::from_u32(0x20 + length).unwrap_or('\u{D01F}'));
        key.push_str(number);
    }
    key
}

/// Why an ID or query did not name exactly one entry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FindError {
    /// Nothing matched.
    #[error("no entry matches {query:?}; `tessera list` shows every entry with its id")]
    NoMatch {
        /// What was looked for.
        query: String,
    },
    /// Several entries matched.
    #[error(
        "{query:?} matches {count} entries ({}); give more of the id or a longer query",
        crate::otp::Label::join(.examples)
    )]
    Ambiguous {
        /// What was looked for.
        query: String,
        /// How many matched.
        count: usize,
        /// A few of their labels.
        examples: Vec<crate::otp::Label>,
    },
}

/// Finds the entry an ID names: an exact id, an unambiguous id prefix, or a
/// query (see [`Entry::matches`]) that matches exactly one entry.
pub fn find<'a>(entries: &'a [Entry], id_or_query: &str) -> Result<&'a Entry, FindError> {
    let wanted = id_or_query.trim().to_lowercase();
    if let Some(entry) = entries.iter().find(|e| e.id.as_str() == wanted) {
        return Ok(entry);
    }
    let by_prefix: Vec<&Entry> = if wanted.len() >= 4 {
        entries
            .iter()
            .filter(|e| e.id.as_str().starts_with(&wanted))
            .collect()
    } else {
        Vec::new()
    };
    let mut candidates: Vec<&Entry> = if by_prefix.is_empty() {
        entries
            .iter()
            .filter(|e| e.matches(id_or_query) || e.is_named(id_or_query))
            .collect()
    } else {
        by_prefix
    };
    if candidates.len() > 1 {
        // An exact issuer, account or `issuer:account` wins over the names it
        // is the beginning of (Svc1 over Svc10 and Svc11).
        let exact: Vec<&Entry> = candidates
            .iter()
            .copied()
            .filter(|e| e.is_named(id_or_query))
            .collect();
        if !exact.is_empty() {
            candidates = exact;
        }
    }
    // Named in the order lists show them.
    candidates.sort_by_cached_key(|e| display_key(e));
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => Err(FindError::NoMatch {
            query: id_or_query.to_owned(),
        }),
        many => Err(FindError::Ambiguous {
            query: id_or_query.to_owned(),
            count: many.len(),
            examples: many.iter().take(3).map(|e| e.account.label()).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::{Params, decode_base32};

    fn entry(issuer: &str, name: &str, group: &str) -> Entry {
        let secret = decode_base32("JBSWY3DPEHPK3PXP").unwrap_or_else(|e| panic!("{e}"));
        let account =
            Account::new(issuer, name, secret, Params::totp()).unwrap_or_else(|e| panic!("{e}"));
        let mut entry = Entry::new(account, Timestamp(0)).unwrap_or_else(|e| panic!("{e}"));
        entry.group = group.to_owned();
        entry
    }

    fn sorted(mut entries: Vec<Entry>) -> Vec<String> {
        entries.sort_by_cached_key(display_key);
        entries
            .iter()
            .map(|e| format!("{}:{}", e.account.issuer, e.account.name))
            .collect()
    }

    #[test]
    fn names_sort_naturally_and_without_regard_to_accents_or_case() {
        let names = [
            "Dash10",
            "dash2",
            "Dash1",
            "Ábaco",
            "Abacus",
            "abaco",
            "Zeta",
            "Dash02",
            "Dash",
            "Dash 3",
            "Édith",
            "Eden",
            "B9999999999999999999999",
            "B10",
        ];
        let entries = names.iter().map(|n| entry(n, "me", "")).collect();
        assert_eq!(
            sorted(entries),
            [
                "abaco:me",
                "Ábaco:me",
                "Abacus:me",
                "B10:me",
                "B9999999999999999999999:me",
                "Dash:me",
                "Dash1:me",
                "Dash02:me",
                "dash2:me",
                "Dash 3:me",
                "Dash10:me",
                "Eden:me",
                "Édith:me",
                "Zeta:me",
            ]
            .map(str::to_owned)
        );
        // Account names sort the same way within one issuer; favourites first.
        let mut entries: Vec<Entry> = ["user10", "user9", "User1"]
            .iter()
            .map(|n| entry("Mail", n, ""))
            .collect();
        entries.push(entry("Zoo", "keeper", ""));
        entries[3].favourite = true;
        assert_eq!(
            sorted(entries),
            ["Zoo:keeper", "Mail:User1", "Mail:user9", "Mail:user10"].map(str::to_owned)
        );
        assert!(natural_key("x2") < natural_key("x10"));
        assert!(natural_key("x010") > natural_key("x9"));
        assert_eq!(natural_key("ÁB12"), natural_key("ab12"));
    }

    #[test]
    fn an_exact_name_wins_over_the_names_it_begins() {
        let entries = vec![
            entry("Svc1", "alice", ""),
            entry("Svc10", "bob", ""),
            entry("Svc11", "carol", ""),
            entry("Mail", "svc1", ""),
            entry("Bank", "dave", ""),
            entry("Bank", "erin", ""),
        ];
        // Issuer Svc1 and the account named svc1 both match exactly: still two.
        assert!(matches!(
            find(&entries, "Svc1"),
            Err(FindError::Ambiguous { count: 2, .. })
        ));
        assert_eq!(
            find(&entries, "Svc1:Alice").map(|e| &e.account.name).ok(),
            Some(&"alice".to_owned())
        );
        assert_eq!(
            find(&entries, "SVC10").map(|e| &e.account.name).ok(),
            Some(&"bob".to_owned())
        );
        assert_eq!(
            find(&entries, "Mail:svc1").map(|e| &e.account.name).ok(),
            Some(&"svc1".to_owned())
        );
        // Two exact matches stay ambiguous; a prefix alone is ambiguous as before.
        assert!(matches!(
            find(&entries, "bank"),
            Err(FindError::Ambiguous { count: 2, .. })
        ));
        assert!(matches!(
            find(&entries, "svc"),
            Err(FindError::Ambiguous { count: 4, .. })
        ));
        // Only the issuer is exact: it wins over the longer names.
        let without_mail = &entries[..3];
        assert_eq!(
            find(without_mail, "svc1").map(|e| &e.account.name).ok(),
            Some(&"alice".to_owned())
        );
    }

    #[test]
    fn search_ignores_case_and_accents_and_needs_every_word() {
        let e = entry("Banco São Paulo", "joão@exemplo.com.br", "Finanças");
        for query in [
            "sao",
            "SÃO",
            "joao",
            "JOÃO exemplo",
            "financas",
            "banco paulo",
            "",
        ] {
            assert!(e.matches(query), "{query:?}");
        }
        for query in ["rio", "joao rio", "sãoo"] {
            assert!(!e.matches(query), "{query:?}");
        }
        // Non-Latin text is compared as it is.
        assert!(entry("Яндекс", "me", "").matches("яндекс"));
    }
}
