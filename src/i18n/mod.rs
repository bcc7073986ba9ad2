//! User-facing text: every message both front ends show, in every language
//! Tessera ships, read from Fluent files (`resources/i18n/<lang>/*.ftl`)
//! embedded in the binary.
//!
//! Code names a message by [`Key`], a typed id declared once below with the
//! arguments it takes; [`t`] gives a message without arguments, [`tf`] fills
//! `{ $name }` placeholders, and [`Message`] (what the core's errors give
//! through [`Localize`]) carries a key with typed arguments for either front
//! end to render with [`render`]. Plural forms come from the language's CLDR
//! rules (Fluent's `[one]`/`[other]` variants; pt-BR counts 0 as "one").
//!
//! Tests fail when a key has no message in some language, when a file has a
//! message no key names, or when a message's arguments differ from the key's
//! declaration in any language. `docs/i18n.md` tells translators how to work.

mod catalog;
pub mod earlier;
mod errors;

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

pub use catalog::Key;
pub use errors::explain;

/// Declares the shipped languages: each has a folder `resources/i18n/<tag>/`
/// holding the files of [`FILES`]. Adding a language is adding its folder and one line here.
macro_rules! languages {
    ($($(#[$doc:meta])* $name:ident = $tag:literal),* $(,)?) => {
        /// A language Tessera ships.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Lang {
            $($(#[$doc])* #[serde(rename = $tag)] $name,)*
        }

        impl Lang {
            /// Every shipped language, English first.
            pub const ALL: &'static [Self] = &[$(Self::$name),*];

            /// The BCP 47 tag (`en`, `pt-BR`): the name of its folder under `resources/i18n/`.
            pub const fn tag(self) -> &'static str {
                match self {
                    $(Self::$name => $tag,)*
                }
            }

            /// The language's Fluent sources, as embedded, in the order of [`FILES`].
            const fn sources(self) -> [&'static str; FILES.len()] {
                match self {
                    $(Self::$name => [
                        include_str!(concat!(
                            env!("CARGO_MANIFEST_DIR"), "/resources/i18n/", $tag, "/tessera.ftl"
                        )),
                        include_str!(concat!(
                            env!("CARGO_MANIFEST_DIR"), "/resources/i18n/", $tag, "/cli.ftl"
                        )),
                    ],)*
                }
            }
        }
    };
}

/// The files of every language's folder: what both front ends say, and
/// what only the command line says.
pub const FILES: [&str; 2] = ["tessera.ftl", "cli.ftl"];

languages! {
    /// English, the language of the code and the fallback.
    #[default]
    En = "en",
    /// Brazilian Portuguese.
    PtBr = "pt-BR",
}

impl Lang {
    /// The language's own name for itself (its `language-name` message).
    pub fn native_name(self) -> &'static str {
        t(self, Key::LanguageName)
    }

    /// The language of a POSIX locale value (`pt_BR.UTF-8`, `en_US`, `pt`):
    /// the shipped language with the same language and region, else the first
    /// with the same language, else English. `C`, `POSIX` and empty values name none.
    pub fn from_locale(value: &str) -> Option<Self> {
        let name = value.split(['.', '@']).next().unwrap_or("").trim();
        let mut parts = name.split(['_', '-']);
        let language = parts.next().unwrap_or("").to_ascii_lowercase();
        let region = parts.next().unwrap_or("").to_ascii_lowercase();
        if matches!(language.as_str(), "" | "c" | "posix") {
            return None;
        }
        let split = |lang: &Self| {
            let mut tag = lang.tag().split('-');
            let language = tag.next().unwrap_or("").to_ascii_lowercase();
            let region = tag.next().unwrap_or("").to_ascii_lowercase();
            (language, region)
        };
        let exact = Self::ALL
            .iter()
            .find(|lang| split(lang) == (language.clone(), region.clone()));
        let same_language = || Self::ALL.iter().find(|lang| split(lang).0 == language);
        // A language we do not ship: English.
        Some(exact.or_else(same_language).copied().unwrap_or_default())
    }

    /// The language from the environment by POSIX precedence: `LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`; English when none names one. `var` reads a
    /// variable (so tests need not touch the process environment).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|value| !value.is_empty())
            .and_then(|value| Self::from_locale(&value))
            .unwrap_or_default()
    }

    /// The language of this process's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn from_process_env() -> Self {
        Self::from_env(|name| std::env::var(name).ok())
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.native_name())
    }
}

/// An argument of a [`Message`].
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Text shown as it is (a name, a path, a detail from the system).
    Text(String),
    /// A number: shown as digits, and it picks plural forms.
    Number(f64),
    /// Another message, rendered in the same language first (a cause inside advice).
    Message(Box<Message>),
    /// Several values, each rendered in the same language, separated by commas.
    List(Vec<Arg>),
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Self::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Self::Text(text.to_owned())
    }
}

impl From<crate::otp::Label> for Arg {
    fn from(label: crate::otp::Label) -> Self {
        match label {
            crate::otp::Label::Named(text) => Self::Text(text),
            crate::otp::Label::Unnamed => Self::from(Message::new(Key::UnnamedAccount)),
        }
    }
}

impl From<&crate::otp::Label> for Arg {
    fn from(label: &crate::otp::Label) -> Self {
        Self::from(label.clone())
    }
}

/// An account's label in `lang`: its issuer and name as given, or the
/// language's placeholder for an account with neither.
pub fn label(lang: Lang, label: &crate::otp::Label) -> String {
    match label {
        crate::otp::Label::Named(text) => text.clone(),
        crate::otp::Label::Unnamed => t(lang, Key::UnnamedAccount).to_owned(),
    }
}

impl From<Message> for Arg {
    fn from(message: Message) -> Self {
        Self::Message(Box::new(message))
    }
}

macro_rules! number_args {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Arg {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(n: $ty) -> Self {
                Self::Number(n as f64)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

/// A message id with its arguments: what a core error says, before a front
/// end puts it in a language.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// Which message.
    pub key: Key,
    /// Its arguments, by name.
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    /// A message without arguments (yet).
    pub const fn new(key: Key) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}

impl From<Key> for Message {
    fn from(key: Key) -> Self {
        Self::new(key)
    }
}

/// Something that can be told to a person in any shipped language: the
/// core's errors implement it exhaustively (`errors.rs`), and both front ends
/// render it with [`Localize::localized`].
pub trait Localize {
    /// What to say, as a message id and arguments.
    fn message(&self) -> Message;

    /// The message in `lang`.
    fn localized(&self, lang: Lang) -> String {
        render(lang, &self.message())
    }
}

impl Localize for Message {
    fn message(&self) -> Message {
        self.clone()
    }
}

type Bundle = FluentBundle<FluentResource>;

/// How many languages ship.
const LANGS: usize = Lang::ALL.len();

/// The bundle of `lang`, parsed the first time that language is asked for:
/// a window in English never parses the Portuguese files, and the reverse
/// (English is the fallback only for a message a language lacks, which a
/// test forbids).
fn bundle_of(lang: Lang) -> Option<&'static Bundle> {
    static BUNDLES: [OnceLock<Bundle>; LANGS] = [const { OnceLock::new() }; LANGS];
    BUNDLES
        .get(lang.index())
        .map(|cell| cell.get_or_init(|| bundle(lang)))
}

fn bundle(lang: Lang) -> Bundle {
    let locale = lang.tag().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![locale]);
    // Plain text: no Unicode isolation marks around arguments (paths and
    // codes are copied from the screen and the terminal).
    bundle.set_use_isolating(false);
    for source in lang.sources() {
        // A file that does not parse keeps the messages that do (a test forbids errors).
        let resource = FluentResource::try_new(source.to_owned())
            .unwrap_or_else(|(resource, _errors)| resource);
        if let Err(_overridden) = bundle.add_resource(resource) {
            // A duplicate id: the first one stays (a test forbids duplicates).
        }
    }
    bundle
}

/// Formats `key` in `lang` (English when the language lacks it, which a test forbids).
fn format(lang: Lang, key: Key, args: Option<&FluentArgs<'_>>) -> String {
    for candidate in [lang, Lang::En] {
        let Some(bundle) = bundle_of(candidate) else {
            continue;
        };
        let Some(pattern) = bundle.get_message(key.id()).and_then(|m| m.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        return bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
    }
    String::new()
}

/// The text of `key` in `lang`, for messages without arguments.
pub fn t(lang: Lang, key: Key) -> &'static str {
    // Every message without arguments, rendered once per language the first
    // time that language is used: a lookup is then an index, and the text
    // lives as long as the program.
    static PLAIN: [OnceLock<Vec<String>>; LANGS] = [const { OnceLock::new() }; LANGS];
    PLAIN
        .get(lang.index())
        .map(|cell| {
            cell.get_or_init(|| {
                Key::ALL
                    .iter()
                    .map(|&key| format(lang, key, None))
                    .collect()
            })
        })
        .and_then(|texts| texts.get(key as usize))
        .map_or("", String::as_str)
}

/// `value` with `places` decimals and the language's decimal separator
/// (`-3.0` in English, `-3,0` in Portuguese); `sign` writes `+` before
/// positive values.
pub fn decimal(lang: Lang, value: f64, places: usize, sign: bool) -> String {
    let text = if sign {
        format!("{value:+.places$}")
    } else {
        format!("{value:.places$}")
    };
    text.replace('.', t(lang, Key::DecimalSeparator))
}

/// The text of `key` in `lang` with each `{ $name }` replaced by its value.
/// A value written as a plain integer (`"3"`, `"-30"`) is passed as a number,
/// so it picks the plural form; anything else is text.
pub fn tf(lang: Lang, key: Key, args: &[(&str, &str)]) -> String {
    let mut fluent = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        fluent.set(*name, plain_value(value));
    }
    format(lang, key, Some(&fluent))
}

fn plain_value(value: &str) -> FluentValue<'static> {
    match value.parse::<i64>() {
        Ok(n) if n.to_string() == value => FluentValue::from(n),
        _ => FluentValue::from(value.to_owned()),
    }
}

/// `1, 2 and 3` in `lang`.
pub fn join_and(lang: Lang, items: &[u32]) -> String {
    let items: Vec<String> = items.iter().map(u32::to_string).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), t(lang, Key::And)),
    }
}

/// The advice for a Google Authenticator export of `size` parts of which
/// `missing` (1-based) were not read: "Parts 1 and 3 of 3 … are still
/// missing; scan them too." Both front ends say it.
pub fn missing_parts(lang: Lang, size: u32, missing: &[u32]) -> String {
    let size = size.to_string();
    match missing {
        [one] => tf(
            lang,
            Key::MissingPart,
            &[("part", &one.to_string()), ("size", &size)],
        ),
        many => tf(
            lang,
            Key::MissingParts,
            &[("parts", &join_and(lang, many)), ("size", &size)],
        ),
    }
}

/// A [`Message`] in `lang`; argument messages are rendered in `lang` too.
pub fn render(lang: Lang, message: &Message) -> String {
    let mut fluent = FluentArgs::with_capacity(message.args.len());
    for (name, value) in &message.args {
        fluent.set(*name, fluent_value(lang, value));
    }
    format(lang, message.key, Some(&fluent))
}

fn fluent_value(lang: Lang, value: &Arg) -> FluentValue<'static> {
    match value {
        Arg::Number(n) => FluentValue::from(*n),
        other => FluentValue::from(arg_text(lang, other)),
    }
}

/// An argument as text in `lang` (a list's items, a nested message).
fn arg_text(lang: Lang, value: &Arg) -> String {
    match value {
        Arg::Text(text) => text.clone(),
        Arg::Number(n) => n.to_string(),
        Arg::Message(inner) => render(lang, inner),
        Arg::List(items) => items
            .iter()
            .map(|item| arg_text(lang, item))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[cfg(test)]
mod tests;
