//! Property tests: URI and export round trips, and no panic on any input
//! (links, Google Authenticator exports, other apps' export files).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use tessera::clock::Timestamp;
use tessera::otp::migration;
use tessera::otp::{Account, Algorithm, Kind, Params, decode_base32, encode_base32};
use tessera::secret::SecretBytes;

/// Names with the characters that break naive URI code: Unicode, ':', '&', '=',
/// '%', '+', '#', '?', '/', spaces.
fn name() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 :&=%+#?/@.çãéø日本€🙂-]{0,24}")
        .unwrap_or_else(|e| panic!("{e}"))
        // Surrounding whitespace is not meaningful and is trimmed on construction.
        .prop_map(|s| s.trim().to_owned())
}

fn params() -> impl Strategy<Value = Params> {
    let algorithm = prop_oneof![
        Just(Algorithm::Sha1),
        Just(Algorithm::Sha256),
        Just(Algorithm::Sha512)
    ];
    prop_oneof![
        (algorithm.clone(), 6u8..=8, 1u32..=3600).prop_map(|(algorithm, digits, period)| Params {
            algorithm,
            digits,
            period,
            ..Params::totp()
        }),
        (algorithm, 6u8..=8, any::<u64>()).prop_map(|(algorithm, digits, counter)| Params {
            algorithm,
            digits,
            ..Params::hotp(counter)
        }),
        Just(Params::steam()),
    ]
}

fn account() -> impl Strategy<Value = Account> {
    (
        name(),
        name(),
        proptest::collection::vec(any::<u8>(), 1..64),
        params(),
    )
        .prop_map(|(issuer, name, secret, params)| {
            Account::new(&issuer, &name, SecretBytes::new(secret), params)
                .unwrap_or_else(|e| panic!("{e}"))
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn uri_round_trip(account in account()) {
        let uri = account.to_uri();
        let back = Account::from_uri(uri.expose()).map_err(|e| e.to_string());
        prop_assert_eq!(back, Ok(account));
    }

    #[test]
    fn base32_round_trip(bytes in proptest::collection::vec(any::<u8>(), 1..100)) {
        let text = encode_base32(&bytes);
        let back = decode_base32(&text).map(|s| s.expose().to_vec());
        prop_assert_eq!(back, Ok(bytes));
    }

    #[test]
    fn migration_round_trip(accounts in proptest::collection::vec(account(), 0..30), id in any::<i32>()) {
        let exportable: Vec<Account> = accounts
            .into_iter()
            .filter(|a| migration::check_representable(a).is_ok())
            .collect();
        let encoded = migration::encode(&exportable, id);
        prop_assert!(encoded.skipped.is_empty());
        let mut back = Vec::new();
        for (index, uri) in encoded.uris.iter().enumerate() {
            let batch = migration::decode(uri.expose());
            // Only a payload holding a single oversized account may exceed the budget.
            let fits = uri.expose().len() <= migration::MAX_URI_LEN
                || batch.as_ref().map(|b| b.accounts.len()).ok() == Some(1);
            prop_assert!(fits);
            prop_assert!(batch.is_ok(), "{:?}", batch.err());
            let batch = batch.unwrap_or_else(|e| panic!("{e}"));
            prop_assert_eq!(batch.position.index as usize, index);
            prop_assert_eq!(batch.position.size as usize, encoded.uris.len());
            prop_assert_eq!(batch.position.id, id);
            prop_assert!(batch.rejected.is_empty());
            back.extend(batch.accounts);
        }
        prop_assert_eq!(back, exportable);
    }

    #[test]
    fn codes_have_the_promised_shape(account in account(), at in any::<u64>()) {
        let code = account.code_at(Timestamp(at)).unwrap_or_else(|e| panic!("{e}"));
        match account.params.kind {
            Kind::Steam => {
                prop_assert_eq!(code.value.len(), 5);
                prop_assert!(code.value.bytes().all(|b| b"23456789BCDFGHJKMNPQRTVWXY".contains(&b)));
            }
            _ => {
                prop_assert_eq!(code.value.len(), usize::from(account.params.digits));
                prop_assert!(code.value.bytes().all(|b| b.is_ascii_digit()));
            }
        }
        match account.params.kind {
            Kind::Hotp => prop_assert_eq!(code.remaining, None),
            _ => {
                let remaining = code.remaining.unwrap_or(0);
                prop_assert!((1..=account.params.period).contains(&remaining));
            }
        }
    }

    #[test]
    fn uri_parser_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Account::from_uri(&text);
        let _ = migration::decode(&text);
        let _ = decode_base32(&text);
    }

    #[test]
    fn uri_parser_never_panics_on_near_misses(
        tail in "[a-zA-Z0-9%:/?&=#+ .-]{0,80}",
        prefix in prop_oneof![Just("otpauth://"), Just("otpauth://totp/"), Just("otpauth://hotp/x?"), Just("otpauth://totp/a?secret=")],
    ) {
        let _ = Account::from_uri(&format!("{prefix}{tail}"));
    }

    #[test]
    fn migration_decoder_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = migration::decode_payload(&bytes);
        let b64 = base64_encode(&bytes);
        let _ = migration::decode(&format!("otpauth-migration://offline?data={b64}"));
    }
}

fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// JSON values shaped like the export formats' fields: small numbers (so a
/// generated scrypt cost stays cheap), strings near the real ones, nesting.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (0u64..70).prop_map(Value::from),
        (-200i64..200).prop_map(Value::from),
        proptest::string::string_regex(
            "(totp|hotp|steam|motp|SHA1|SHA512|MD5|JBSWY3DPEHPK3PXP|[a-zA-Z0-9:=+/ ]{0,12})"
        )
        .unwrap()
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = proptest::string::string_regex(
            "(version|header|slots|params|db|entries|groups|info|secret|type|n|r|p|salt|key|key_params|nonce|tag|services|servicesEncrypted|schemaVersion|otp|tokenType|items|login|totp|encrypted|tokens|tokenOrder|label|issuer|name|digits|period|counter|algo|algorithm)",
        )
        .unwrap();
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map(key, inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// The formats' skeletons with generated values in every hole, so the deep
/// paths (slots, entries, services, tokens) are reached.
fn export_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    let v = json_value;
    prop_oneof![
        v(),
        (v(), v(), 0u64..3, 1u64..64, v()).prop_map(|(db, kp, t, n, salt)| json!({
            "version": 1,
            "header": {"slots": [{"type": t, "n": n, "r": 1, "p": 1, "salt": salt,
                                  "key": "00", "key_params": kp}], "params": kp},
            "db": db,
        })),
        (v(), v()).prop_map(|(info, ty)| json!({
            "version": 1, "header": {"slots": null, "params": null},
            "db": {"version": 3, "entries": [{"type": ty, "info": info, "groups": [info]}],
                   "groups": [info]},
        })),
        (v(), v()).prop_map(|(otp, enc)| json!({
            "schemaVersion": 4, "services": [{"secret": otp, "otp": otp, "groupId": enc}],
            "servicesEncrypted": enc, "groups": [otp],
        })),
        v().prop_map(|item| json!({"encrypted": false, "items": [item, {"login": item}]})),
        v().prop_map(|token| json!({"tokenOrder": [], "tokens": [token, {"secret": token}]})),
        v().prop_map(|entry| json!([entry, {"secret": entry, "type": entry}])),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// Export files of any shape: an error or accounts, never a panic.
    #[test]
    fn export_files_never_panic(value in export_value(), raw in proptest::collection::vec(any::<u8>(), 0..64)) {
        use tessera::interop::{self, Format};
        let bytes = serde_json::to_vec(&value).unwrap();
        let password = tessera::secret::Password::new("pw".into());
        let _ = interop::detect(&bytes);
        let _ = interop::detect(&raw);
        for &format in Format::ALL {
            let _ = interop::read(&bytes, format, None);
            let _ = interop::read(&bytes, format, Some(&password));
            let _ = interop::read(&raw, format, None);
        }
    }
}
