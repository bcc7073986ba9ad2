//! Which JSON export a file is, from its shape: the members each format's
//! files have and their JSON types. Every value is skipped as it is read,
//! never kept (a file's secrets are not copied to be looked at).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::Format;
use super::de::{Kind, List, Members, Object, Present};

/// The top-level object's members that tell the formats apart.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TopLevel {
    version: Present,
    // Aegis
    header: Kind,
    db: Kind,
    // 2FAS
    #[serde(rename = "schemaVersion")]
    schema_version: Present,
    services: Kind,
    #[serde(rename = "servicesEncrypted")]
    services_encrypted: Kind,
    // Bitwarden
    items: Kind,
    encrypted: Present,
    // FreeOTP+
    tokens: Kind,
    #[serde(rename = "tokenOrder")]
    token_order: Present,
    // Ente
    #[serde(rename = "kdfParams")]
    kdf_params: Kind,
    #[serde(rename = "encryptedData")]
    encrypted_data: Present,
    #[serde(rename = "encryptionNonce")]
    encryption_nonce: Present,
    // Proton
    entries: List<Object<ProtonEntry>>,
    salt: Kind,
    content: Kind,
    // Authenticator Pro
    #[serde(rename = "Authenticators")]
    authenticators: Kind,
    // Steam
    shared_secret: Present,
    accounts: Members<Object<SteamAccount>>,
}

/// A Proton entry: whether its `content` is an object with a `uri`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ProtonEntry {
    content: Object<ProtonContent>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ProtonContent {
    uri: Present,
}

/// A Steam account under `accounts`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SteamAccount {
    shared_secret: Present,
}

/// An element of a top-level list (andOTP's entries, Duo's accounts).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Element {
    secret: Present,
    r#type: Present,
    #[serde(rename = "otpGenerator")]
    otp_generator: Present,
}

/// The file: an object, a list, or anything else.
#[derive(Debug, Default)]
enum Shape {
    #[default]
    Other,
    Object(Box<TopLevel>),
    /// The elements (a non-object element has no members).
    List(Vec<Element>),
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Shape, A::Error> {
                TopLevel::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|members| Shape::Object(Box::new(members)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
                let mut elements = Vec::new();
                while let Some(element) = seq.next_element::<Object<Element>>()? {
                    elements.push(element.or_empty());
                }
                Ok(Shape::List(elements))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// The JSON export format of `text`, if it has one's shape.
pub(super) fn detect(text: &str) -> Option<Format> {
    match serde_json::from_str::<Shape>(text).ok()? {
        Shape::Object(members) => object(*members),
        Shape::List(elements) => list(&elements),
        Shape::Other => None,
    }
}

/// The format of a file that is an object, tried in a fixed order.
fn object(m: TopLevel) -> Option<Format> {
    let aegis =
        m.header == Kind::Object && matches!(m.db, Kind::Object | Kind::String) && m.version.0;
    let twofas =
        m.schema_version.0 && (m.services == Kind::List || m.services_encrypted == Kind::String);
    let bitwarden = m.items == Kind::List && m.encrypted.0;
    let freeotp = m.tokens == Kind::List && m.token_order.0;
    let ente = m.kdf_params == Kind::Object && m.encrypted_data.0 && m.encryption_nonce.0;
    let proton_plain = m.entries.0.as_ref().is_some_and(|list| {
        list.iter().all(|entry| {
            entry
                .value
                .as_ref()
                .and_then(|entry| entry.content.value.as_ref())
                .is_some_and(|content| content.uri.0)
        })
    });
    let proton_encrypted = m.salt == Kind::String && m.content == Kind::String && m.version.0;
    let proton = (proton_plain && m.version.0) || proton_encrypted;
    let stratum = m.authenticators == Kind::List;
    let steam = m.shared_secret.0 || {
        let accounts = m.accounts.0.is_some().then(|| m.accounts.into_values());
        accounts.is_some_and(|accounts| {
            !accounts.is_empty()
                && accounts.iter().all(|account| {
                    account
                        .value
                        .as_ref()
                        .is_some_and(|account| account.shared_secret.0)
                })
        })
    };
    [
        (aegis, Format::Aegis),
        (twofas, Format::TwoFas),
        (bitwarden, Format::Bitwarden),
        (freeotp, Format::FreeOtpPlus),
        (ente, Format::Ente),
        (proton, Format::Proton),
        (stratum, Format::Stratum),
        (steam, Format::Steam),
    ]
    .into_iter()
    .find_map(|(matches, format)| matches.then_some(format))
}

/// The format of a file that is a list: andOTP's entries or Duo's accounts.
fn list(elements: &[Element]) -> Option<Format> {
    if elements.is_empty() {
        return None;
    }
    if elements.iter().all(|e| e.secret.0 && e.r#type.0) {
        Some(Format::AndOtp)
    } else if elements.iter().any(|e| e.otp_generator.0) {
        Some(Format::Duo)
    } else {
        None
    }
}
