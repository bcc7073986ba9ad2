//! Writes an Aegis vault export, the format Aegis' "Import from file →
//! Aegis" reads (Aegis `docs/vault.md`): `{"version": 1, "header", "db"}`
//! with database version 3 (groups by uuid).
//!
//! Plain: `header.slots` and `header.params` are null and `db` is the JSON
//! object. Encrypted: one password slot, the random 256-bit master key sealed
//! with AES-256-GCM under scrypt(password, 32-byte salt, N = 2^15, r = 8,
//! p = 1), the values Aegis itself uses; `db` is the base64 of the database
//! sealed with AES-256-GCM under the master key, its nonce and tag in
//! `header.params`.

use serde::Serialize;
use zeroize::Zeroizing;

use super::{Outgoing, WriteError, random, random_uuid, seal, to_hex};
use crate::otp::{Algorithm, Kind, encode_base32};
use crate::secret::Password;

const SCRYPT_LOG_N: u8 = 15;
const SCRYPT_R: u32 = 8;
const SCRYPT_P: u32 = 1;

#[derive(Serialize)]
struct Database<'a> {
    version: u32,
    entries: Vec<Entry<'a>>,
    groups: Vec<Group>,
}

#[derive(Serialize)]
struct Group {
    uuid: String,
    name: String,
}

#[derive(Serialize)]
struct Entry<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    uuid: String,
    name: &'a str,
    issuer: &'a str,
    note: &'a str,
    favorite: bool,
    icon: Option<()>,
    icon_mime: Option<()>,
    icon_hash: Option<()>,
    info: Info<'a>,
    groups: Vec<String>,
}

#[derive(Serialize)]
struct Info<'a> {
    secret: &'a str,
    algo: &'static str,
    digits: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    counter: Option<u64>,
}

/// The export file's bytes: encrypted under `password`, or plain without one.
pub(super) fn write(
    items: &[Outgoing<'_>],
    password: Option<&Password>,
) -> Result<Zeroizing<Vec<u8>>, WriteError> {
    let secrets: Vec<Zeroizing<String>> = items
        .iter()
        .map(|item| encode_base32(item.account.secret.expose()))
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut entries = Vec::with_capacity(items.len());
    for (item, secret) in items.iter().zip(&secrets) {
        let mut group_ids = Vec::new();
        if !item.group.is_empty() {
            let uuid = match groups.iter().find(|g| g.name == item.group) {
                Some(group) => group.uuid.clone(),
                None => {
                    let uuid = random_uuid()?;
                    groups.push(Group {
                        uuid: uuid.clone(),
                        name: item.group.to_owned(),
                    });
                    uuid
                }
            };
            group_ids.push(uuid);
        }
        let params = &item.account.params;
        let (kind, period, counter) = match params.kind {
            Kind::Totp => ("totp", Some(params.period), None),
            Kind::Hotp => ("hotp", None, Some(params.counter)),
            Kind::Steam => ("steam", Some(params.period), None),
        };
        entries.push(Entry {
            kind,
            uuid: random_uuid()?,
            name: &item.account.name,
            issuer: &item.account.issuer,
            note: item.notes,
            favorite: item.favourite,
            icon: None,
            icon_mime: None,
            icon_hash: None,
            info: Info {
                secret: secret.as_str(),
                algo: match params.algorithm {
                    Algorithm::Sha1 => "SHA1",
                    Algorithm::Sha256 => "SHA256",
                    Algorithm::Sha512 => "SHA512",
                },
                digits: params.digits,
                period,
                counter,
            },
            groups: group_ids,
        });
    }
    let database = Database {
        version: 3,
        entries,
        groups,
    };
    let out = match password {
        None => {
            let file = serde_json::json!({
                "version": 1,
                "header": {"slots": null, "params": null},
            });
            // The database is written in place, so no copy of it is left in a
            // `Value`, into a buffer of the file's exact size.
            let head = serde_json::to_string(&file).map_err(|_| WriteError::Encode)?;
            let db = b",\"db\":";
            let mut out = Zeroizing::new(Vec::with_capacity(
                head.len() - 1 + db.len() + super::json_len(&database)? + 1,
            ));
            out.extend_from_slice(&head.as_bytes()[..head.len() - 1]);
            out.extend_from_slice(db);
            serde_json::to_writer(&mut *out, &database).map_err(|_| WriteError::Encode)?;
            out.push(b'}');
            out
        }
        Some(password) => {
            let plain = super::json_exact(&database)?;
            let master = Zeroizing::new(random::<32>()?);
            let salt = random::<32>()?;
            let params = scrypt::Params::new(SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P, 32)
                .map_err(|_| WriteError::Encode)?;
            let mut derived = Zeroizing::new([0u8; 32]);
            scrypt::scrypt(
                password.expose().as_bytes(),
                &salt,
                &params,
                derived.as_mut(),
            )
            .map_err(|_| WriteError::Encode)?;
            let slot = seal(derived.as_ref(), master.as_ref())?;
            let body = seal(master.as_ref(), &plain)?;
            let db = {
                use base64::Engine as _;
                base64::engine::general_purpose::STANDARD.encode(&body.ciphertext)
            };
            let file = serde_json::json!({
                "version": 1,
                "header": {
                    "slots": [{
                        "type": 1,
                        "uuid": random_uuid()?,
                        "key": to_hex(&slot.ciphertext),
                        "key_params": {"nonce": to_hex(&slot.nonce), "tag": to_hex(&slot.tag)},
                        "n": 1u32 << SCRYPT_LOG_N,
                        "r": SCRYPT_R,
                        "p": SCRYPT_P,
                        "salt": to_hex(&salt),
                        "repaired": true,
                        "is_backup": false,
                    }],
                    "params": {"nonce": to_hex(&body.nonce), "tag": to_hex(&body.tag)},
                },
                "db": db,
            });
            // Ciphertext and public parameters only.
            let mut out = Zeroizing::new(Vec::new());
            serde_json::to_writer_pretty(&mut *out, &file).map_err(|_| WriteError::Encode)?;
            out
        }
    };
    Ok(out)
}
