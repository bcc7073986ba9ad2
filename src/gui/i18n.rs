//! The GUI's view of the message catalog, which lives in the core
//! ([`crate::i18n`]) so the command line renders the same `.ftl` files.

pub use crate::i18n::{Key, Lang, decimal, label, missing_parts, t, tf};

/// "Added 1 account." or "Added N accounts.", in `lang` (its plural rules).
pub fn imported(lang: Lang, n: usize) -> String {
    tf(lang, Key::ImportedAccounts, &[("n", &n.to_string())])
}
