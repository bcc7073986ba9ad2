//! Typed, lenient JSON fields for the export readers.
//!
//! Every reader deserializes its format into structs of these types (only
//! the fields it uses; unknown ones are skipped without being kept), never
//! into `serde_json::Value`, whose strings are freed without being wiped. A
//! secret field is a [`Secret`]: its text lives in a zeroizing buffer
//! allocated once, at its exact length, and `Debug` shows `<redacted>`.
//!
//! The types are lenient in the way the readers always were: a field of the
//! wrong JSON type reads as missing (a string field holding a number is
//! empty, a number field holding an object takes its default), so an odd
//! entry is reported as unusable instead of failing the whole file. No type
//! here buffers a value to look at it twice (serde's `untagged` and
//! `flatten` would copy every string, secrets included, into serde's own
//! buffers): each one looks at the JSON type it meets, once, and skips what
//! it does not keep with [`IgnoredAny`], which copies nothing.
//!
//! The one difference from reading into a `Value`: a field the reader keeps
//! that appears twice in one object is refused (serde's derived structs do
//! that), where a `Value` kept the last one silently.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use zeroize::Zeroizing;

use super::{Format, InteropError};

/// `bytes` (a leading byte-order mark ignored) as `T`, or why not: the
/// line and column where the JSON breaks, or of a field given twice.
pub(super) fn from_file<T: DeserializeOwned>(
    bytes: &[u8],
    format: Format,
) -> Result<T, InteropError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    serde_json::from_slice(bytes).map_err(|e| InteropError::Damaged {
        format,
        detail: if e.is_data() {
            format!(
                "a field is given twice: line {}, column {}",
                e.line(),
                e.column()
            )
        } else {
            format!("not valid JSON: line {}, column {}", e.line(), e.column())
        },
    })
}

/// Fails to compile unless each named field of each struct has the type
/// named beside it (a [`Secret`], [`SignedBytes`]…): the readers' secret
/// fields cannot quietly become plain `String`s.
macro_rules! secret_fields {
    ($($ty:ty { $($field:ident: $kind:ty),+ $(,)? })+) => {
        $(const _: () = {
            #[allow(dead_code)]
            fn secret_fields(value: &$ty) {
                $(let _: &$kind = &value.$field;)+
            }
        };)+
    };
}
pub(super) use secret_fields;

/// Skips every element of a list the reader does not keep.
fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Skips every member of an object the reader does not keep.
fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Implements the `visit_*` methods of a lenient visitor for every JSON type
/// it does not take: each gives `Default::default()`, and lists and objects
/// are skipped.
macro_rules! otherwise_default {
    ($($method:ident($ty:ty)),*) => {
        $(fn $method<E: de::Error>(self, _: $ty) -> Result<Self::Value, E> {
            Ok(Default::default())
        })*
    };
    (@unit) => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Default::default())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    };
    (@seq) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            drain_seq(seq)?;
            Ok(Default::default())
        }
    };
    (@map) => {
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            drain_map(map)?;
            Ok(Default::default())
        }
    };
    (@containers) => {
        otherwise_default!(@unit);
        otherwise_default!(@seq);
        otherwise_default!(@map);
    };
}

/// A secret string field (a key, a link with its key, a revocation code):
/// kept in a zeroizing buffer of its exact length; `Debug` is redacted.
/// Anything but a string reads as missing.
#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct Secret(Option<Zeroizing<String>>);

impl Secret {
    /// The text, or "" when the field is missing or not a string.
    pub(super) fn expose(&self) -> &str {
        self.0.as_ref().map_or("", |text| text.as_str())
    }

    /// The text when the field is a string.
    pub(super) fn get(&self) -> Option<&str> {
        self.0.as_ref().map(|text| text.as_str())
    }

    /// The zeroizing buffer itself (the type-level tests name it).
    #[cfg(test)]
    pub(super) fn buffer(&self) -> Option<&Zeroizing<String>> {
        self.0.as_ref()
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Self(Some(Zeroizing::new(text.to_owned())))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Whether there is one is no secret; what it is, is.
        f.write_str(if self.0.is_some() {
            "Secret(<redacted>)"
        } else {
            "Secret(None)"
        })
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Secret;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Secret, E> {
                // One allocation of the exact length: nothing is left behind
                // by a growing buffer.
                Ok(Secret::from(text))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Secret, E> {
                Ok(Secret(Some(Zeroizing::new(text))))
            }
            otherwise_default!(
                visit_bool(bool),
                visit_i64(i64),
                visit_u64(u64),
                visit_f64(f64)
            );
            otherwise_default!(@containers);
        }
        deserializer.deserialize_any(V)
    }
}

/// A string field that is no secret (a name, an issuer, a note, an id).
/// Anything but a string reads as missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Text(Option<String>);

impl Text {
    /// A field holding `text` (read from somewhere other than JSON).
    pub(super) fn new(text: &str) -> Self {
        Self(Some(text.to_owned()))
    }

    /// The text, or "" when the field is missing or not a string.
    pub(super) fn as_str(&self) -> &str {
        self.0.as_deref().unwrap_or("")
    }

    /// The text when the field is a string.
    pub(super) fn get(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text(Some(text.to_owned())))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Text, E> {
                Ok(Text(Some(text)))
            }
            otherwise_default!(
                visit_bool(bool),
                visit_i64(i64),
                visit_u64(u64),
                visit_f64(f64)
            );
            otherwise_default!(@containers);
        }
        deserializer.deserialize_any(V)
    }
}

/// A number field as the apps write them: a JSON number or a number in a
/// string.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Number {
    /// Missing, or null.
    #[default]
    Missing,
    /// A boolean, a list or an object.
    Other,
    /// A JSON integer from 0 to `u64::MAX`.
    Integer(u64),
    /// A negative or fractional JSON number, or one too large.
    OutOfRange,
    /// A string: its number, or `None` when it is not one.
    Text(Option<u64>),
}

impl Number {
    /// A field holding the integer `n` (from a database).
    pub(super) fn of_integer(n: i64) -> Self {
        u64::try_from(n).map_or(Self::OutOfRange, Self::Integer)
    }

    /// A field holding `text`, as a string field holding a number is read.
    pub(super) fn of_text(text: &str) -> Self {
        Self::Text(text.trim().parse().ok())
    }

    /// The value, `default` when missing, `u64::MAX` when it is not a
    /// whole number from 0 to `u64::MAX` (so that a range check refuses it).
    pub(super) fn or(self, default: u64) -> u64 {
        match self {
            Self::Missing | Self::Other => default,
            Self::Integer(n) | Self::Text(Some(n)) => n,
            Self::OutOfRange | Self::Text(None) => u64::MAX,
        }
    }

    /// The value only when it is a JSON integer (not a string).
    pub(super) fn integer(self) -> Option<u64> {
        match self {
            Self::Integer(n) => Some(n),
            _ => None,
        }
    }

    /// Whether the field is there and not null.
    pub(super) fn is_given(self) -> bool {
        self != Self::Missing
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Number, E> {
                Ok(Number::Integer(n))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Number, E> {
                Ok(Number::of_integer(n))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Number, E> {
                Ok(Number::OutOfRange)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Number, E> {
                Ok(Number::of_text(text))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Number, E> {
                Ok(Number::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Number, A::Error> {
                drain_seq(seq)?;
                Ok(Number::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Number, A::Error> {
                drain_map(map)?;
                Ok(Number::Other)
            }
            otherwise_default!(@unit);
        }
        deserializer.deserialize_any(V)
    }
}

/// A format's `version` member: its number, and its JSON text for the
/// message that names a version Tessera does not read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Version {
    /// As a number field.
    pub(super) number: Number,
    /// As written (`null` when missing).
    pub(super) shown: String,
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A version is no secret: it is read as a `Value` so that whatever
        // it holds is shown exactly as before.
        let value = serde_json::Value::deserialize(deserializer)?;
        let number = match &value {
            serde_json::Value::Null => Number::Missing,
            serde_json::Value::Number(n) => n.as_u64().map_or(Number::OutOfRange, Number::Integer),
            serde_json::Value::String(s) => Number::of_text(s),
            _ => Number::Other,
        };
        Ok(Self {
            number,
            shown: value.to_string(),
        })
    }
}

impl Version {
    /// The version number, `default` when missing (see [`Number::or`]).
    pub(super) fn or(&self, default: u64) -> u64 {
        self.number.or(default)
    }

    /// As written, `null` when missing.
    pub(super) fn shown(&self) -> &str {
        if self.shown.is_empty() {
            "null"
        } else {
            &self.shown
        }
    }
}

/// A boolean field: `Some` only for JSON `true` and `false`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Flag(Option<bool>);

impl Flag {
    /// True only for JSON `true`.
    pub(super) fn is_true(self) -> bool {
        self.0 == Some(true)
    }
}

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Flag, E> {
                Ok(Flag(Some(b)))
            }
            otherwise_default!(
                visit_str(&str),
                visit_i64(i64),
                visit_u64(u64),
                visit_f64(f64)
            );
            otherwise_default!(@containers);
        }
        deserializer.deserialize_any(V)
    }
}

/// Whether a member is there at all, whatever it holds (even null); its
/// content is skipped, not kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Present(pub(super) bool);

impl<'de> Deserialize<'de> for Present {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| Self(true))
    }
}

/// A member read as `T` that also tells whether it is there at all (even
/// as null).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Given<T> {
    /// The member as `T` (`T`'s default when it is missing).
    pub(super) value: T,
    /// Whether the member is there.
    pub(super) present: bool,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Given<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(|value| Self {
            value,
            present: true,
        })
    }
}

/// The JSON type of a member whose content is skipped, not kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Kind {
    /// Not there.
    #[default]
    Missing,
    /// `null`, a boolean or a number.
    Scalar,
    /// A string.
    String,
    /// A list.
    List,
    /// An object.
    Object,
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Kind, E> {
                Ok(Kind::Scalar)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Kind, E> {
                Ok(Kind::Scalar)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Kind, E> {
                Ok(Kind::Scalar)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Kind, E> {
                Ok(Kind::Scalar)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Kind, E> {
                Ok(Kind::Scalar)
            }
            fn visit_none<E: de::Error>(self) -> Result<Kind, E> {
                Ok(Kind::Scalar)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Kind, E> {
                Ok(Kind::String)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Kind, A::Error> {
                drain_seq(seq)?;
                Ok(Kind::List)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Kind, A::Error> {
                drain_map(map)?;
                Ok(Kind::Object)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A member that should be an object of `T`: `value` is `None` when it is
/// anything else; `present` tells a missing member from one that is there
/// (even as null).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Object<T> {
    /// The object, when the member is one.
    pub(super) value: Option<T>,
    /// Whether the member is there at all.
    pub(super) present: bool,
}

impl<T> Default for Object<T> {
    fn default() -> Self {
        Self {
            value: None,
            present: false,
        }
    }
}

impl<T: Default> Object<T> {
    /// The object, or an empty one (every field missing) when it is not one.
    pub(super) fn or_empty(self) -> T {
        self.value.unwrap_or_default()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
            }
            otherwise_default!(
                visit_bool(bool),
                visit_i64(i64),
                visit_u64(u64),
                visit_f64(f64),
                visit_str(&str)
            );
            otherwise_default!(@unit);
            otherwise_default!(@seq);
        }
        deserializer
            .deserialize_any(V(std::marker::PhantomData))
            .map(|value| Self {
                value,
                present: true,
            })
    }
}

/// A member that should be a list of `T` (each element read leniently by
/// `T`): `None` when it is anything else (or missing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct List<T>(pub(super) Option<Vec<T>>);

impl<T> Default for List<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<T> List<T> {
    /// The elements (none when it is not a list).
    pub(super) fn items(&self) -> &[T] {
        self.0.as_deref().unwrap_or(&[])
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                // Moving the elements as the list grows moves their buffers'
                // addresses, never the secret text itself.
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(List(Some(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<List<T>, A::Error> {
                drain_map(map)?;
                Ok(List(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<List<T>, D::Error> {
                d.deserialize_any(self)
            }
            otherwise_default!(
                visit_bool(bool),
                visit_i64(i64),
                visit_u64(u64),
                visit_f64(f64),
                visit_str(&str)
            );
            fn visit_unit<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List(None))
            }
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A member that should be an object whose members are each a `T` (their
/// names kept): `None` when it is anything else (or missing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Members<T>(pub(super) Option<Vec<(String, T)>>);

impl<T> Default for Members<T> {
    fn default() -> Self {
        Self(None)
    }
}

impl<T> Members<T> {
    /// The members' values in the order a `Value` held them: sorted by
    /// name, the last of two with one name winning.
    pub(super) fn into_values(self) -> Vec<T> {
        let mut members = self.0.unwrap_or_default();
        // Stable: of equal names, the one written last stays last.
        members.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, T)> = Vec::with_capacity(members.len());
        for (name, value) in members {
            match out.last_mut() {
                Some(last) if last.0 == name => last.1 = value,
                _ => out.push((name, value)),
            }
        }
        out.into_iter().map(|(_, value)| value).collect()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Members<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Members<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<T>, A::Error> {
                let mut members = Vec::new();
                while let Some((name, value)) = map.next_entry::<String, T>()? {
                    members.push((name, value));
                }
                Ok(Members(Some(members)))
            }
            otherwise_default!(
                visit_bool(bool),
                visit_i64(i64),
                visit_u64(u64),
                visit_f64(f64),
                visit_str(&str)
            );
            otherwise_default!(@unit);
            otherwise_default!(@seq);
        }
        deserializer.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A JSON list of Java's signed bytes (FreeOTP's keys, salts and sealed
/// keys) as bytes, in a zeroizing buffer that never leaves a copy behind
/// when it grows; `None` when it is not a list of numbers from -128 to 127.
#[derive(Clone, Default, PartialEq, Eq)]
pub(super) struct SignedBytes(pub(super) Option<Zeroizing<Vec<u8>>>);

impl fmt::Debug for SignedBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "SignedBytes(<redacted>)"
        } else {
            "SignedBytes(None)"
        })
    }
}

impl<'de> Deserialize<'de> for SignedBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// One element: `Some` for a whole number from -128 to 127.
        struct Byte(Option<u8>);
        impl<'de> Deserialize<'de> for Byte {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = Option<u8>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("any JSON value")
                    }
                    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Option<u8>, E> {
                        Ok(i8::try_from(n).ok().map(|b| b.to_ne_bytes()[0]))
                    }
                    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Option<u8>, E> {
                        Ok(i8::try_from(n).ok().map(|b| b.to_ne_bytes()[0]))
                    }
                    otherwise_default!(visit_bool(bool), visit_f64(f64), visit_str(&str));
                    otherwise_default!(@containers);
                }
                deserializer.deserialize_any(V).map(Byte)
            }
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SignedBytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SignedBytes, A::Error> {
                let mut bytes = Zeroizing::new(Vec::with_capacity(64));
                let mut valid = true;
                while let Some(Byte(byte)) = seq.next_element()? {
                    match byte {
                        Some(byte) if valid => push(&mut bytes, byte),
                        _ => valid = false,
                    }
                }
                Ok(SignedBytes(valid.then_some(bytes)))
            }
            otherwise_default!(
                visit_bool(bool),
                visit_i64(i64),
                visit_u64(u64),
                visit_f64(f64),
                visit_str(&str)
            );
            fn visit_unit<E: de::Error>(self) -> Result<SignedBytes, E> {
                Ok(SignedBytes(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<SignedBytes, E> {
                Ok(SignedBytes(None))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<SignedBytes, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<SignedBytes, A::Error> {
                drain_map(map)?;
                Ok(SignedBytes(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// Appends `byte`; when the buffer is full, its content moves to one twice
/// the size and the old one is wiped as it drops (a `Vec` growing by itself
/// would free the old buffer unwiped).
pub(super) fn push(bytes: &mut Zeroizing<Vec<u8>>, byte: u8) {
    if bytes.len() == bytes.capacity() {
        let mut larger = Zeroizing::new(Vec::with_capacity(bytes.capacity().max(32) * 2));
        larger.extend_from_slice(bytes);
        *bytes = larger;
    }
    bytes.push(byte);
}

/// Appends `text`; when the buffer is too small, its content moves to one at
/// least twice the size and the old one is wiped as it drops (a `String`
/// growing by itself would free the old buffer unwiped).
pub(super) fn push_str(buffer: &mut Zeroizing<String>, text: &str) {
    let needed = buffer.len().saturating_add(text.len());
    if needed > buffer.capacity() {
        let mut larger = Zeroizing::new(String::with_capacity(
            needed.max(buffer.capacity().saturating_mul(2)).max(32),
        ));
        larger.push_str(buffer);
        *buffer = larger;
    }
    buffer.push_str(text);
}

/// The name of an object's first member in sorted order (the one a
/// `Value` object lists first), as a secret: TOTP Authenticator keeps its
/// whole account list there. Values, and the other names, are skipped
/// (those names wiped as they drop). `None` when it is not an object or is
/// empty.
#[derive(Default)]
pub(super) struct FirstMember(pub(super) Option<Secret>);

impl fmt::Debug for FirstMember {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FirstMember(<redacted>)")
    }
}

impl<'de> Deserialize<'de> for FirstMember {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FirstMember;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FirstMember, A::Error> {
                let mut first: Option<Secret> = None;
                while let Some(name) = map.next_key::<Secret>()? {
                    map.next_value::<IgnoredAny>()?;
                    if first.as_ref().is_none_or(|f| name.expose() < f.expose()) {
                        first = Some(name);
                    }
                }
                Ok(FirstMember(first))
            }
            otherwise_default!(
                visit_bool(bool),
                visit_i64(i64),
                visit_u64(u64),
                visit_f64(f64),
                visit_str(&str)
            );
            otherwise_default!(@unit);
            otherwise_default!(@seq);
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A struct with one field of each type, as the readers declare them.
    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Sample {
        secret: Secret,
        text: Text,
        number: Number,
        flag: Flag,
        present: Present,
        kind: Kind,
        object: Object<Inner>,
        list: List<Text>,
        bytes: SignedBytes,
    }

    #[derive(Debug, Default, Deserialize, PartialEq, Eq)]
    #[serde(default)]
    struct Inner {
        name: Text,
    }

    fn sample(json: &str) -> Sample {
        serde_json::from_str(json).unwrap()
    }

    secret_fields! {
        Sample { secret: Secret, bytes: SignedBytes }
    }

    #[test]
    fn secrets_live_in_zeroizing_buffers_and_debug_hides_them() {
        let parsed = sample(r#"{"secret": "JBSWY3DPEHPK3PXP", "bytes": [1, -2, 127]}"#);
        let buffer: &Zeroizing<String> = parsed.secret.buffer().unwrap();
        assert_eq!(buffer.as_str(), "JBSWY3DPEHPK3PXP");
        assert_eq!(
            parsed.bytes.0.as_deref().map(Vec::as_slice),
            Some(&[1, 254, 127][..])
        );
        let shown = format!("{parsed:?}");
        assert!(!shown.contains("JBSWY3DP"), "{shown}");
        assert!(shown.contains("Secret(<redacted>)"), "{shown}");
        assert!(shown.contains("SignedBytes(<redacted>)"), "{shown}");
        assert!(format!("{:?}", Sample::default()).contains("Secret(None)"));
    }

    #[test]
    fn fields_of_the_wrong_type_read_as_missing() {
        let parsed = sample(
            r#"{"secret": 12, "text": ["a"], "number": {"n": 1}, "flag": "true",
                "object": [1], "list": {"a": 1}, "bytes": "AQID"}"#,
        );
        assert_eq!(parsed.secret.get(), None);
        assert_eq!(parsed.secret.expose(), "");
        assert_eq!(parsed.text.get(), None);
        assert_eq!(parsed.number, Number::Other);
        assert_eq!(parsed.number.or(6), 6);
        assert!(parsed.number.is_given());
        assert_eq!(parsed.flag.0, None);
        assert!(parsed.object.present);
        assert_eq!(parsed.object.value, None);
        assert_eq!(parsed.list.0, None);
        assert_eq!(parsed.bytes.0, None);
        // Nothing after them was lost.
        let parsed = sample(r#"{"object": [{"name": "x"}], "text": "after"}"#);
        assert_eq!(parsed.text.as_str(), "after");
    }

    #[test]
    fn numbers_read_as_the_readers_always_did() {
        let n = |json: &str| sample(&format!(r#"{{"number": {json}}}"#)).number;
        assert_eq!(n("8").or(6), 8);
        assert_eq!(n("8").integer(), Some(8));
        assert_eq!(n("\" 8 \"").or(6), 8);
        assert_eq!(n("\" 8 \"").integer(), None);
        assert_eq!(n("\"eight\"").or(6), u64::MAX);
        assert_eq!(n("-1").or(6), u64::MAX);
        assert_eq!(n("1.5").or(6), u64::MAX);
        assert_eq!(n("1e30").or(6), u64::MAX);
        assert_eq!(n("null").or(6), 6);
        assert!(!n("null").is_given());
        assert_eq!(n("true").or(6), 6);
        assert_eq!(sample("{}").number.or(6), 6);
    }

    #[test]
    fn presence_and_kind_tell_null_from_missing() {
        let parsed = sample(r#"{"present": null, "kind": null, "object": null}"#);
        assert!(parsed.present.0);
        assert_eq!(parsed.kind, Kind::Scalar);
        assert!(parsed.object.present);
        let parsed = sample("{}");
        assert!(!parsed.present.0);
        assert_eq!(parsed.kind, Kind::Missing);
        assert!(!parsed.object.present);
        let kind = |json: &str| sample(&format!(r#"{{"kind": {json}}}"#)).kind;
        assert_eq!(kind(r#""x""#), Kind::String);
        assert_eq!(kind("[1, [2]]"), Kind::List);
        assert_eq!(kind(r#"{"a": {"b": 1}}"#), Kind::Object);
        assert_eq!(kind("true"), Kind::Scalar);
    }

    #[test]
    fn signed_bytes_refuse_anything_but_java_bytes() {
        let bytes = |json: &str| sample(&format!(r#"{{"bytes": {json}}}"#)).bytes.0;
        assert_eq!(
            bytes("[-128, 0, 127]").as_deref().map(Vec::as_slice),
            Some(&[128, 0, 127][..])
        );
        assert_eq!(bytes("[]").as_deref().map(Vec::len), Some(0));
        assert_eq!(bytes("[128]"), None);
        assert_eq!(bytes("[-129]"), None);
        assert_eq!(bytes("[1.0]"), None);
        assert_eq!(bytes(r#"[1, "2"]"#), None);
        // Longer than the first buffer: it moves to larger ones intact.
        let long: Vec<String> = (0..300)
            .map(|i| ((i % 256) as u8 as i8).to_string())
            .collect();
        let read = bytes(&format!("[{}]", long.join(","))).unwrap();
        assert_eq!(read.len(), 300);
        assert!(
            read.iter()
                .enumerate()
                .all(|(i, b)| usize::from(*b) == i % 256)
        );
    }

    #[test]
    fn growing_a_zeroizing_buffer_keeps_its_bytes() {
        let mut bytes = Zeroizing::new(Vec::with_capacity(2));
        for b in 0..100u8 {
            push(&mut bytes, b);
        }
        assert_eq!(bytes.len(), 100);
        assert!(bytes.iter().copied().eq(0..100u8));
    }

    #[test]
    fn growing_a_zeroizing_string_keeps_its_text() {
        let mut text = Zeroizing::new(String::new());
        let mut expected = String::new();
        for i in 0..200 {
            let piece = if i % 3 == 0 { "é" } else { "ab" };
            push_str(&mut text, piece);
            expected.push_str(piece);
        }
        assert_eq!(text.as_str(), expected);
        assert!(text.capacity() < 2 * expected.len() + 32);
    }

    #[test]
    fn the_first_member_is_the_first_in_sorted_order() {
        let first = |json: &str| {
            serde_json::from_str::<FirstMember>(json)
                .unwrap()
                .0
                .map(|name| name.expose().to_owned())
        };
        assert_eq!(first(r#"{"[1]": "t", "[0]": "u"}"#).as_deref(), Some("[0]"));
        assert_eq!(
            first(r#"{"only": {"nested": [1]}}"#).as_deref(),
            Some("only")
        );
        assert_eq!(first("{}"), None);
        assert_eq!(first("[1]"), None);
    }

    #[test]
    fn members_come_sorted_by_name_the_last_of_a_name_winning() {
        let members: Members<Text> =
            serde_json::from_str(r#"{"b": "1", "a": "2", "b": "3"}"#).unwrap();
        let values: Vec<String> = members
            .into_values()
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect();
        assert_eq!(values, ["2", "3"]);
        let none: Members<Text> = serde_json::from_str("[1]").unwrap();
        assert_eq!(none.0, None);
    }

    #[test]
    fn a_version_is_shown_as_written() {
        #[derive(Default, Deserialize)]
        #[serde(default)]
        struct File {
            version: Version,
        }
        let version = |json: &str| serde_json::from_str::<File>(json).unwrap().version;
        assert_eq!(version(r#"{"version": 2}"#).shown(), "2");
        assert_eq!(version(r#"{"version": 2}"#).or(0), 2);
        assert_eq!(version(r#"{"version": "1"}"#).shown(), "\"1\"");
        assert_eq!(version(r#"{"version": "1"}"#).or(0), 1);
        assert_eq!(version("{}").shown(), "null");
        assert_eq!(version(r#"{"version": null}"#).shown(), "null");
        assert_eq!(version(r#"{"version": null}"#).or(0), 0);
    }

    #[test]
    fn broken_json_and_a_field_given_twice_say_where() {
        let err = from_file::<Sample>(b"{\"text\": ", Format::Aegis).unwrap_err();
        assert!(err.to_string().contains("not valid JSON: line 1"), "{err}");
        let twice = b"{\"secret\": \"A\",\n \"secret\": \"B\"}";
        let err = from_file::<Sample>(twice, Format::Aegis).unwrap_err();
        assert!(
            err.to_string().contains("a field is given twice: line 2"),
            "{err}"
        );
        // A byte-order mark is no error.
        assert!(from_file::<Sample>("\u{feff}{}".as_bytes(), Format::Aegis).is_ok());
    }
}
