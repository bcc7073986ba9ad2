//! The decrypted payload: versioned JSON, and the only place where entries
//! (secrets included) are serialised.
//!
//! The types here are private mirrors of the public model, so that no public
//! type implements `Serialize` with a secret inside. Plaintext buffers are
//! `Zeroizing`.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::entry::{Entry, EntryId, Icon, RecoveryCode};
use super::merge::{Contents, Record, Stamps};
use crate::clock::Timestamp;
use crate::otp::{Account, Algorithm, Kind, Params, decode_base32, encode_base32};
use crate::secret::SecretText;

/// The payload schema this build writes and the newest it reads. Schema 2
/// added per-field modification stamps and tombstones (for merging copies
/// changed apart); schema 1 is read with every field stamped at the entry's
/// `modified` time.
pub const SCHEMA: u32 = 2;

/// Why a payload could not be read.
#[derive(Debug)]
pub(crate) enum SchemaError {
    /// Newer than [`SCHEMA`].
    Newer(u32),
    /// Not valid for its schema (with a short reason, no content).
    Invalid(String),
}

#[derive(Deserialize)]
struct Version {
    schema: u32,
}

/// Schemas 1 and 2: 2 adds `stamps` and `removed` to each entry, and lists
/// removed entries (tombstones) among the entries.
#[derive(Serialize, Deserialize)]
struct PayloadV1 {
    schema: u32,
    entries: Vec<EntryV1>,
}

/// When each field last changed (schema 2).
#[derive(Serialize, Deserialize)]
struct StampsV2 {
    issuer: u64,
    account: u64,
    group: u64,
    favourite: u64,
    notes: u64,
    key: u64,
    recovery: u64,
    touched: u64,
    /// Added after schema 2 shipped: absent (never chosen) reads as 0.
    #[serde(default)]
    icon: u64,
}

#[derive(Serialize, Deserialize)]
struct EntryV1 {
    id: String,
    kind: Kind,
    issuer: String,
    account: String,
    /// Base32, unpadded.
    secret: Zeroizing<String>,
    algorithm: Algorithm,
    digits: u8,
    period: u32,
    counter: u64,
    #[serde(default)]
    group: String,
    #[serde(default)]
    favourite: bool,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    recovery_codes: Vec<RecoveryV1>,
    created: u64,
    modified: u64,
    #[serde(default)]
    last_used: Option<u64>,
    /// The picture shown beside the entry: absent for automatic (a brand
    /// icon matched from the issuer), `letter`, or `brand:SLUG`. Added within
    /// schema 2: older builds ignore it; a value a newer build wrote that
    /// this one does not know reads as automatic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    icon: Option<String>,
    /// Schema 2: when each field last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stamps: Option<StampsV2>,
    /// Schema 2: when the entry was removed (a tombstone, unless a field
    /// changed later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    removed: Option<u64>,
}

#[derive(Serialize, Deserialize)]
struct RecoveryV1 {
    code: Zeroizing<String>,
    #[serde(default)]
    used_at: Option<u64>,
}

/// Serialises the contents (tombstones included) as the current schema.
pub(crate) fn encode(contents: &Contents) -> Zeroizing<Vec<u8>> {
    let entries: Vec<EntryV1> = contents.records().map(|r| record_to_v2(&r)).collect();
    // Pre-size the buffer so that growing it does not leave stale plaintext copies.
    let estimate = 512 + entries.len() * 768;
    let payload = PayloadV1 {
        schema: SCHEMA,
        entries,
    };
    let mut out = Zeroizing::new(Vec::with_capacity(estimate));
    // Writing JSON into a Vec cannot fail for these types.
    let _ = serde_json::to_writer(&mut *out, &payload);
    out
}

fn record_to_v2(r: &Record) -> EntryV1 {
    let s = &r.stamps;
    EntryV1 {
        stamps: Some(StampsV2 {
            issuer: s.issuer,
            account: s.name,
            group: s.group,
            favourite: s.favourite,
            notes: s.notes,
            key: s.key,
            recovery: s.recovery,
            touched: s.touched,
            icon: s.icon,
        }),
        removed: r.removed,
        ..entry_to_v1(&r.entry)
    }
}

fn entry_to_v1(e: &Entry) -> EntryV1 {
    let a = &e.account;
    EntryV1 {
        id: e.id.as_str().to_owned(),
        kind: a.params.kind,
        issuer: a.issuer.clone(),
        account: a.name.clone(),
        secret: encode_base32(a.secret.expose()),
        algorithm: a.params.algorithm,
        digits: a.params.digits,
        period: a.params.period,
        counter: a.params.counter,
        group: e.group.clone(),
        favourite: e.favourite,
        notes: e.notes.clone(),
        recovery_codes: e
            .recovery_codes
            .iter()
            .map(|r| RecoveryV1 {
                code: Zeroizing::new(r.code.expose().to_owned()),
                used_at: r.used_at.map(Timestamp::secs),
            })
            .collect(),
        created: e.created.secs(),
        modified: e.modified.secs(),
        last_used: e.last_used.map(Timestamp::secs),
        icon: icon_to_text(&e.icon),
        stamps: None,
        removed: None,
    }
}

/// Reads a payload of any supported schema, migrating it to the current model.
pub(crate) fn decode(bytes: &[u8]) -> Result<Contents, SchemaError> {
    let version: Version = serde_json::from_slice(bytes)
        .map_err(|_| SchemaError::Invalid("the payload has no schema version".into()))?;
    match version.schema {
        // The migration hook: an older schema is read by its own type here and
        // converted; every schema ends in the current model.
        // Schema 1 has no stamps: each entry reads as stamped at `modified`.
        1 | 2 => decode_v1(bytes),
        n if n > SCHEMA => Err(SchemaError::Newer(n)),
        n => Err(SchemaError::Invalid(format!("unknown payload schema {n}"))),
    }
}

fn decode_v1(bytes: &[u8]) -> Result<Contents, SchemaError> {
    let payload: PayloadV1 = serde_json::from_slice(bytes).map_err(|e| {
        SchemaError::Invalid(format!(
            "payload does not match schema 1 ({})",
            e.classify_name()
        ))
    })?;
    let records = payload
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            record_from_v2(e).map_err(|why| SchemaError::Invalid(format!("entry {}: {why}", i + 1)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Contents::from_records(records))
}

fn record_from_v2(mut e: EntryV1) -> Result<Record, String> {
    let stamps = e.stamps.take();
    let removed = e.removed.take();
    let entry = entry_from_v1(e)?;
    let stamps = match stamps {
        Some(s) => Stamps {
            issuer: s.issuer,
            name: s.account,
            group: s.group,
            favourite: s.favourite,
            notes: s.notes,
            key: s.key,
            recovery: s.recovery,
            touched: s.touched,
            icon: s.icon,
        },
        None => Stamps::all(entry.modified.secs()),
    };
    Ok(Record {
        entry,
        stamps,
        removed,
    })
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "I/O",
            serde_json::error::Category::Syntax => "syntax",
            serde_json::error::Category::Data => "data",
            serde_json::error::Category::Eof => "truncated",
        }
    }
}

fn entry_from_v1(e: EntryV1) -> Result<Entry, String> {
    let id = EntryId::parse(&e.id).ok_or("invalid id")?;
    let secret = decode_base32(&e.secret).map_err(|_| "invalid secret encoding")?;
    let params = Params {
        kind: e.kind,
        algorithm: e.algorithm,
        digits: e.digits,
        period: e.period,
        counter: e.counter,
    };
    let account =
        Account::new(&e.issuer, &e.account, secret, params).map_err(|why| why.to_string())?;
    Ok(Entry {
        id,
        account,
        group: e.group,
        favourite: e.favourite,
        notes: e.notes,
        recovery_codes: e
            .recovery_codes
            .into_iter()
            .map(|r| RecoveryCode {
                code: SecretText::new(r.code.as_str().to_owned()),
                used_at: r.used_at.map(Timestamp),
            })
            .collect(),
        created: Timestamp(e.created),
        modified: Timestamp(e.modified),
        last_used: e.last_used.map(Timestamp),
        icon: icon_from_text(e.icon.as_deref()),
    })
}

/// The stored form of an entry's icon choice (`None`: automatic).
fn icon_to_text(icon: &Icon) -> Option<String> {
    match icon {
        Icon::Automatic => None,
        Icon::Letter => Some("letter".to_owned()),
        Icon::Brand(slug) => Some(format!("brand:{slug}")),
    }
}

/// An icon choice as stored; anything unknown is automatic.
fn icon_from_text(text: Option<&str>) -> Icon {
    match text {
        Some("letter") => Icon::Letter,
        Some(text) => match text.strip_prefix("brand:") {
            Some(slug) if !slug.is_empty() => Icon::Brand(slug.to_owned()),
            _ => Icon::Automatic,
        },
        None => Icon::Automatic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::Params;

    fn contents(icon: Icon) -> Contents {
        let secret = decode_base32("JBSWY3DPEHPK3PXP").unwrap_or_else(|e| panic!("{e}"));
        let account = Account::new("GitHub", "alice", secret, Params::totp())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut entry = Entry::new(account, Timestamp(100)).unwrap_or_else(|e| panic!("{e}"));
        entry.icon = icon;
        Contents::from_entries(vec![entry])
    }

    fn decoded(bytes: &[u8]) -> Contents {
        decode(bytes).unwrap_or_else(|_| panic!("the payload does not decode"))
    }

    #[test]
    fn every_icon_choice_round_trips_and_automatic_is_not_written() {
        for icon in [Icon::Automatic, Icon::Letter, Icon::Brand("github".into())] {
            let before = contents(icon.clone());
            let bytes = encode(&before);
            let text = String::from_utf8(bytes.to_vec()).unwrap_or_default();
            assert_eq!(
                text.contains("\"icon\":\""),
                icon != Icon::Automatic,
                "{text}"
            );
            assert_eq!(decoded(&bytes), before);
            assert_eq!(decoded(&bytes).entries()[0].icon, icon);
        }
    }

    #[test]
    fn a_payload_written_before_icons_reads_as_automatic() {
        // Schema 2 as written before the icon choice existed: no `icon`, no
        // icon stamp.
        let old = br#"{"schema":2,"entries":[{"id":"0b7f0d4c-3f6b-4a55-9d8e-2a3a4b5c6d7e",
            "kind":"totp","issuer":"GitHub","account":"alice","secret":"JBSWY3DPEHPK3PXP",
            "algorithm":"SHA1","digits":6,"period":30,"counter":0,"created":100,"modified":100,
            "stamps":{"issuer":100,"account":100,"group":100,"favourite":100,"notes":100,
            "key":100,"recovery":100,"touched":100}}]}"#;
        let read = decoded(old);
        assert_eq!(read.entries()[0].icon, Icon::Automatic);
        assert_eq!(read.entries()[0].account.issuer, "GitHub");
        // Schema 1 too.
        let v1 = br#"{"schema":1,"entries":[{"id":"0b7f0d4c-3f6b-4a55-9d8e-2a3a4b5c6d7e",
            "kind":"totp","issuer":"GitHub","account":"alice","secret":"JBSWY3DPEHPK3PXP",
            "algorithm":"SHA1","digits":6,"period":30,"counter":0,"created":100,"modified":100}]}"#;
        assert_eq!(decoded(v1).entries()[0].icon, Icon::Automatic);
    }

    #[test]
    fn an_icon_value_from_a_newer_build_reads_as_automatic() {
        let newer = br#"{"schema":2,"entries":[{"id":"0b7f0d4c-3f6b-4a55-9d8e-2a3a4b5c6d7e",
            "kind":"totp","issuer":"GitHub","account":"alice","secret":"JBSWY3DPEHPK3PXP",
            "algorithm":"SHA1","digits":6,"period":30,"counter":0,"created":100,"modified":100,
            "icon":"picture:cat.png"}]}"#;
        assert_eq!(decoded(newer).entries()[0].icon, Icon::Automatic);
        assert_eq!(icon_from_text(Some("brand:")), Icon::Automatic);
    }
}
