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

use base64::Engine as _;
use serde_json::Value;

use super::{Export, Fields, Format, InteropError, aes_gcm_open, hex, number, text};
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

pub(super) fn looks_like(value: &Value) -> bool {
    value.get("header").is_some_and(Value::is_object)
        && value
            .get("db")
            .is_some_and(|db| db.is_object() || db.is_string())
        && value.get("version").is_some()
}

fn damaged(detail: &str) -> InteropError {
    InteropError::Damaged {
        format: FORMAT,
        detail: detail.to_owned(),
    }
}

pub(super) fn read(
    value: &Value,
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    match value.get("db") {
        Some(db @ Value::Object(_)) => {
            entries(db, out);
            Ok(())
        }
        Some(Value::String(sealed)) => {
            let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
            let plain = decrypt(&value["header"], sealed, password)?;
            let db: Value = serde_json::from_slice(&plain)
                .map_err(|_| damaged("the decrypted database is not JSON"))?;
            entries(&db, out);
            Ok(())
        }
        _ => Err(damaged("it has no database")),
    }
}

/// The database's plaintext, from the first password slot that opens.
fn decrypt(
    header: &Value,
    sealed: &str,
    password: &Password,
) -> Result<zeroize::Zeroizing<Vec<u8>>, InteropError> {
    let slots = header
        .get("slots")
        .and_then(Value::as_array)
        .ok_or_else(|| damaged("the header has no key slots"))?;
    let password_slots: Vec<&Value> = slots
        .iter()
        .filter(|s| number(s, "type", u64::MAX) == PASSWORD_SLOT)
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
    let params = header
        .get("params")
        .ok_or_else(|| damaged("the header has no database parameters"))?;
    let nonce = hex(text(params, "nonce")).ok_or_else(|| damaged("a bad database nonce"))?;
    let tag = hex(text(params, "tag")).ok_or_else(|| damaged("a bad database tag"))?;
    let mut body = base64::engine::general_purpose::STANDARD
        .decode(sealed.trim())
        .map_err(|_| damaged("the database is not base64"))?;
    body.extend_from_slice(&tag);
    aes_gcm_open(&master, &nonce, &body)
        .ok_or_else(|| damaged("the database does not decrypt with its key"))
}

/// A slot's scrypt (N, r, p), checked against the per-slot bounds.
fn scrypt_cost(slot: &Value) -> Result<(u64, u64, u64), InteropError> {
    let (n, r, p) = (
        number(slot, "n", 0),
        number(slot, "r", 0),
        number(slot, "p", 0),
    );
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
    slot: &Value,
    password: &Password,
) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>, InteropError> {
    let (n, r, p) = scrypt_cost(slot)?;
    let salt = hex(text(slot, "salt")).ok_or_else(|| damaged("a bad slot salt"))?;
    let sealed_key = hex(text(slot, "key")).ok_or_else(|| damaged("a bad slot key"))?;
    let key_params = slot
        .get("key_params")
        .ok_or_else(|| damaged("a slot without key parameters"))?;
    let nonce = hex(text(key_params, "nonce")).ok_or_else(|| damaged("a bad slot nonce"))?;
    let tag = hex(text(key_params, "tag")).ok_or_else(|| damaged("a bad slot tag"))?;

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
fn entries(db: &Value, out: &mut Export) {
    let groups: Vec<(&str, &str)> = db
        .get("groups")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|g| (text(g, "uuid"), text(g, "name")))
                .collect()
        })
        .unwrap_or_default();
    let Some(list) = db.get("entries").and_then(Value::as_array) else {
        return;
    };
    for entry in list {
        let info = entry.get("info").unwrap_or(&Value::Null);
        let kind = text(entry, "type");
        let fields = Fields {
            issuer: text(entry, "issuer"),
            name: text(entry, "name"),
            kind,
            secret: text(info, "secret"),
            algorithm: text(info, "algo"),
            digits: number(info, "digits", 6),
            period: number(info, "period", 30),
            counter: number(info, "counter", 0),
        };
        // v3: group uuids; v1-2: a group name.
        let group = entry
            .get("groups")
            .and_then(Value::as_array)
            .and_then(|ids| ids.iter().filter_map(Value::as_str).next())
            .and_then(|id| groups.iter().find(|(uuid, _)| *uuid == id))
            .map_or_else(|| text(entry, "group"), |(_, name)| name)
            .to_owned();
        let favourite = entry
            .get("favorite")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        out.push(&fields, group, favourite, text(entry, "note").to_owned());
    }
}
