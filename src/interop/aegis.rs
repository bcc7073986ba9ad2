//! Aegis Authenticator's vault export (`aegis-export-*.json`).
//!
//! `{"version": 1, "header": {"slots": [...] | null, "params": {...} | null},
//! "db": {...} | "base64"}`. A plain export has the database inline. An
//! encrypted one has password slots, each holding the master key sealed with
//! AES-256-GCM under scrypt(password, salt, n, r, p); the database is sealed
//! with AES-256-GCM under the master key (`header.params` holds its nonce and
//! tag). Database versions 1–3: entries with `type`, `name`, `issuer`, `note`,
//! `favorite`, `info` (`secret`, `algo`, `digits`, `period`, `counter`), and
//! groups either by name (`group`, v1–2) or by uuid (`groups` + a `groups`
//! table, v3).

use std::fmt;

use base64::Engine as _;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::de::{Flag, List, Number, Object, Secret, Text};
use super::{Export, Fields, Format, InteropError, aes_gcm_open, hex};
use crate::secret::Password;

const FORMAT: Format = Format::Aegis;
/// Slot type of a password slot (0 is a raw key, 2 a biometric one).
const PASSWORD_SLOT: u64 = 1;
/// Largest scrypt memory one slot may ask for: 2^18 × 8 × 128 bytes = 256 MiB
/// (Aegis writes N = 2^15, r = 8, p = 1: 32 MiB).
const MAX_SCRYPT_MEMORY: u64 = 1 << 28;
/// Most password slots tried. Aegis writes one; a file with more is refused
/// before any key derivation runs.
pub const MAX_PASSWORD_SLOTS: usize = 4;
/// Largest total scrypt work (the sum of N × r × p over the slots tried):
/// 16 times what Aegis writes (2^15 × 8 × 1), a few seconds at most.
pub const MAX_TOTAL_WORK: u64 = 16 * (1 << 15) * 8;

/// The file: `header` and `db`, a database inline or sealed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct File {
    header: Object<Header>,
    db: Db,
}

/// `db`: the database itself, or its sealed form in base64.
#[derive(Debug, Default)]
enum Db {
    /// Missing, or neither an object nor a string.
    #[default]
    Missing,
    /// A plain export's database.
    Plain(Database),
    /// An encrypted export's database: base64 of its ciphertext.
    Sealed(String),
}

impl<'de> Deserialize<'de> for Db {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Db;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a database or its base64")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Db, A::Error> {
                Database::deserialize(de::value::MapAccessDeserializer::new(map)).map(Db::Plain)
            }
            fn visit_str<E: de::Error>(self, sealed: &str) -> Result<Db, E> {
                Ok(Db::Sealed(sealed.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Db, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Db::Missing)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Db, E> {
                Ok(Db::Missing)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Db, E> {
                Ok(Db::Missing)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Db, E> {
                Ok(Db::Missing)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Db, E> {
                Ok(Db::Missing)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Db, E> {
                Ok(Db::Missing)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// `header`: the key slots and the database's AES-GCM parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Header {
    slots: List<Object<Slot>>,
    params: Object<Sealing>,
}

/// A key slot: its type, scrypt settings and the sealed master key.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Slot {
    r#type: Number,
    n: Number,
    r: Number,
    p: Number,
    salt: Text,
    key: Text,
    key_params: Object<Sealing>,
}

/// AES-GCM's nonce and tag, in hex.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Sealing {
    nonce: Text,
    tag: Text,
}

/// The database (plain, or once decrypted).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Database {
    entries: List<Object<Entry>>,
    groups: List<Object<Group>>,
}

/// A group of the v3 table.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Group {
    uuid: Text,
    name: Text,
}

/// One entry.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Entry {
    r#type: Text,
    name: Text,
    issuer: Text,
    note: Text,
    favorite: Flag,
    info: Object<Info>,
    /// v1-2: the group's name.
    group: Text,
    /// v3: the groups' uuids.
    groups: List<Text>,
}

/// An entry's key and parameters.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Info {
    pub(super) secret: Secret,
    algo: Text,
    digits: Number,
    period: Number,
    counter: Number,
}

super::de::secret_fields! {
    Info { secret: Secret }
}

fn damaged(detail: &str) -> InteropError {
    InteropError::Damaged {
        format: FORMAT,
        detail: detail.to_owned(),
    }
}

pub(super) fn read(
    file: File,
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    match file.db {
        Db::Plain(db) => {
            entries(db, out);
            Ok(())
        }
        Db::Sealed(sealed) => {
            let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
            let plain = decrypt(&file.header.or_empty(), &sealed, password)?;
            let db: Object<Database> = serde_json::from_slice(&plain)
                .map_err(|_| damaged("the decrypted database is not JSON"))?;
            entries(db.or_empty(), out);
            Ok(())
        }
        Db::Missing => Err(damaged("it has no database")),
    }
}

/// The database's plaintext, from the first password slot that opens.
fn decrypt(
    header: &Header,
    sealed: &str,
    password: &Password,
) -> Result<zeroize::Zeroizing<Vec<u8>>, InteropError> {
    let slots = header
        .slots
        .0
        .as_ref()
        .ok_or_else(|| damaged("the header has no key slots"))?;
    let password_slots: Vec<&Slot> = slots
        .iter()
        .filter_map(|s| s.value.as_ref())
        .filter(|s| s.r#type.or(u64::MAX) == PASSWORD_SLOT)
        .collect();
    if password_slots.is_empty() {
        return Err(InteropError::FingerprintOnly { format: FORMAT });
    }
    if password_slots.len() > MAX_PASSWORD_SLOTS {
        return Err(InteropError::TooCostly { format: FORMAT });
    }
    // Every slot's cost is checked, and the total bounded, before any KDF runs.
    let mut total: u64 = 0;
    for slot in &password_slots {
        let (n, r, p) = scrypt_cost(slot)?;
        total = total.saturating_add(n.saturating_mul(r).saturating_mul(p));
    }
    if total > MAX_TOTAL_WORK {
        return Err(InteropError::TooCostly { format: FORMAT });
    }
    let mut master = None;
    for slot in password_slots {
        if let Some(key) = open_slot(slot, password)? {
            master = Some(key);
            break;
        }
    }
    let master = master.ok_or(InteropError::WrongPassword { format: FORMAT })?;
    if !header.params.present {
        return Err(damaged("the header has no database parameters"));
    }
    let params = header.params.value.as_ref();
    let nonce = hex(params.map_or("", |p| p.nonce.as_str()))
        .ok_or_else(|| damaged("a bad database nonce"))?;
    let tag =
        hex(params.map_or("", |p| p.tag.as_str())).ok_or_else(|| damaged("a bad database tag"))?;
    let mut body = base64::engine::general_purpose::STANDARD
        .decode(sealed.trim())
        .map_err(|_| damaged("the database is not base64"))?;
    body.extend_from_slice(&tag);
    aes_gcm_open(&master, &nonce, &body)
        .ok_or_else(|| damaged("the database does not decrypt with its key"))
}

/// A slot's scrypt (N, r, p), checked against the per-slot bounds.
fn scrypt_cost(slot: &Slot) -> Result<(u64, u64, u64), InteropError> {
    let (n, r, p) = (slot.n.or(0), slot.r.or(0), slot.p.or(0));
    if !n.is_power_of_two() || n < 2 || r == 0 || p == 0 || p > 16 {
        return Err(damaged("a key slot has impossible scrypt settings"));
    }
    if n.saturating_mul(r).saturating_mul(128) > MAX_SCRYPT_MEMORY || r > 32 {
        return Err(InteropError::TooCostly { format: FORMAT });
    }
    Ok((n, r, p))
}

/// The master key if `password` opens this slot; `None` if it does not.
fn open_slot(
    slot: &Slot,
    password: &Password,
) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, InteropError> {
    let (n, r, p) = scrypt_cost(slot)?;
    let salt = hex(slot.salt.as_str()).ok_or_else(|| damaged("a bad slot salt"))?;
    let sealed_key = hex(slot.key.as_str()).ok_or_else(|| damaged("a bad slot key"))?;
    if !slot.key_params.present {
        return Err(damaged("a slot without key parameters"));
    }
    let key_params = slot.key_params.value.as_ref();
    let nonce = hex(key_params.map_or("", |k| k.nonce.as_str()))
        .ok_or_else(|| damaged("a bad slot nonce"))?;
    let tag =
        hex(key_params.map_or("", |k| k.tag.as_str())).ok_or_else(|| damaged("a bad slot tag"))?;

    #[allow(clippy::cast_possible_truncation)]
    let log_n = n.trailing_zeros() as u8;
    let params = scrypt::Params::new(
        log_n,
        u32::try_from(r).unwrap_or(u32::MAX),
        u32::try_from(p).unwrap_or(u32::MAX),
        32,
    )
    .map_err(|_| damaged("a key slot has impossible scrypt settings"))?;
    let mut derived = zeroize::Zeroizing::new([0u8; 32]);
    scrypt::scrypt(
        password.expose().as_bytes(),
        &salt,
        &params,
        derived.as_mut(),
    )
    .map_err(|_| damaged("the key derivation failed"))?;
    let mut sealed = sealed_key;
    sealed.extend_from_slice(&tag);
    Ok(aes_gcm_open(derived.as_ref(), &nonce, &sealed))
}

/// Every entry of a decrypted (or plain) database.
fn entries(db: Database, out: &mut Export) {
    let groups: Vec<(&str, &str)> = db
        .groups
        .items()
        .iter()
        .map(|g| {
            g.value
                .as_ref()
                .map_or(("", ""), |g| (g.uuid.as_str(), g.name.as_str()))
        })
        .collect();
    let Some(list) = db.entries.0 else {
        return;
    };
    for entry in list {
        let entry = entry.or_empty();
        let info = entry.info.or_empty();
        let fields = Fields {
            issuer: entry.issuer.as_str(),
            name: entry.name.as_str(),
            kind: entry.r#type.as_str(),
            secret: info.secret.expose(),
            algorithm: info.algo.as_str(),
            digits: info.digits.or(6),
            period: info.period.or(30),
            counter: info.counter.or(0),
        };
        // v3: group uuids; v1-2: a group name.
        let group = entry
            .groups
            .items()
            .iter()
            .find_map(Text::get)
            .and_then(|id| groups.iter().find(|(uuid, _)| *uuid == id))
            .map_or_else(|| entry.group.as_str(), |(_, name)| name)
            .to_owned();
        out.push(
            &fields,
            group,
            entry.favorite.is_true(),
            entry.note.as_str().to_owned(),
        );
    }
}
