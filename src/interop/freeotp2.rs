//! FreeOTP 2's backups ("Backup" in its menu; read from FreeOTP's
//! `TokenPersistence`, `MasterKey` and `EncryptedKey`, and Aegis'
//! `FreeOtpImporter`): the app's `tokenBackup` preferences written with
//! `ObjectOutputStream.writeObject(prefs.getAll())`, a Java-serialized
//! `HashMap<String, String>` (read by [`super::javaser`]) holding
//!
//! - `masterKey`: JSON `{"mAlgorithm": "PBKDF2withHmacSHA512" (or …SHA1 on
//!   old phones), "mIterations": 100000, "mSalt": [32 signed bytes],
//!   "mEncryptedKey": {"mCipher": "AES/GCM/NoPadding", "mCipherText",
//!   "mParameters" (DER of the GCM parameters: a SEQUENCE of the 12-byte
//!   nonce and the tag length), "mToken": "AES"}}`: a random 256-bit master
//!   key sealed with AES-GCM under PBKDF2(password, salt, iterations, as
//!   many bytes as the salt has), the associated data being `mToken`;
//! - per token, `<uuid>`: `{"key": "<an EncryptedKey as JSON text>"}`, the
//!   token's secret sealed the same way under the master key, with the key's
//!   algorithm (`HmacSHA1`, …) as associated data;
//! - per token, `<uuid>-token`: the token's JSON, as in `tokens.xml` but
//!   without the secret.
//!
//! The iteration count is checked against [`MAX_ITERATIONS`] (ten times what
//! FreeOTP writes) before the key derivation runs. A wrong password fails
//! the master key's tag. A key without its `-token` data is skipped, as
//! FreeOTP's own restore does.

use std::collections::HashMap;

use serde::Deserialize;
use zeroize::Zeroizing;

use super::de::{Number, Object, SignedBytes, Text};
use super::{Export, Format, InteropError, damaged, freeotp, javaser};
use crate::secret::Password;

const FORMAT: Format = Format::FreeOtp;
const MASTER: &str = "masterKey";
const TOKEN_SUFFIX: &str = "-token";
const CIPHER: &str = "AES/GCM/NoPadding";
/// Ten times the 100,000 FreeOTP uses.
const MAX_ITERATIONS: u64 = 1_000_000;

/// `masterKey`: how the master key is derived and sealed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Master {
    #[serde(rename = "mAlgorithm")]
    algorithm: Text,
    #[serde(rename = "mIterations")]
    iterations: Number,
    #[serde(rename = "mSalt")]
    salt: SignedBytes,
    #[serde(rename = "mEncryptedKey")]
    encrypted_key: Object<EncryptedKey>,
}

/// FreeOTP's `EncryptedKey`: a key sealed with AES-GCM.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EncryptedKey {
    #[serde(rename = "mCipher")]
    cipher: Text,
    #[serde(rename = "mCipherText")]
    cipher_text: SignedBytes,
    #[serde(rename = "mParameters")]
    parameters: SignedBytes,
    #[serde(rename = "mToken")]
    token: Text,
}

/// A token's `<uuid>` value: its sealed key, as JSON text.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Holder {
    key: Text,
}

pub(super) fn looks_like(bytes: &[u8]) -> bool {
    javaser::looks_like(bytes)
}

pub(super) fn read(
    bytes: &[u8],
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    let map = javaser::string_map(bytes).map_err(|e| damaged(FORMAT, &e))?;
    let lookup: HashMap<&str, &str> = map
        .iter()
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    let master = lookup
        .get(MASTER)
        .ok_or_else(|| damaged(FORMAT, "the backup holds no master key"))?;
    let master = serde_json::from_str::<Object<Master>>(master)
        .map_err(|_| damaged(FORMAT, "the master key is not JSON"))?
        .or_empty();
    let iterations = master.iterations.or(0);
    if iterations == 0 {
        return Err(damaged(FORMAT, "the master key has no iteration count"));
    }
    if iterations > MAX_ITERATIONS {
        return Err(InteropError::TooCostly { format: FORMAT });
    }
    let iterations =
        u32::try_from(iterations).map_err(|_| InteropError::TooCostly { format: FORMAT })?;
    let salt = master
        .salt
        .0
        .as_ref()
        .filter(|salt| salt.len() == 32)
        .ok_or_else(|| damaged(FORMAT, "the master key's salt is not 32 bytes"))?;
    let sealed = master
        .encrypted_key
        .value
        .as_ref()
        .ok_or_else(|| damaged(FORMAT, "the master key has no encrypted key"))?;
    let algorithm = master.algorithm.as_str();
    let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
    let mut kek = Zeroizing::new([0u8; 32]);
    let secret = password.expose().as_bytes();
    match algorithm {
        "PBKDF2withHmacSHA512" => {
            pbkdf2::pbkdf2_hmac::<sha2::Sha512>(secret, salt, iterations, kek.as_mut());
        }
        "PBKDF2withHmacSHA1" => {
            pbkdf2::pbkdf2_hmac::<sha1::Sha1>(secret, salt, iterations, kek.as_mut());
        }
        _ => {
            return Err(damaged(
                FORMAT,
                "the master key uses an unknown key derivation",
            ));
        }
    }
    let master_key = open(kek.as_ref(), sealed)?
        .filter(|key| key.len() == 32)
        .ok_or(InteropError::WrongPassword { format: FORMAT })?;
    for (name, value) in &map {
        if name == MASTER || name.ends_with(TOKEN_SUFFIX) {
            continue;
        }
        let Some(token) = lookup.get(format!("{name}{TOKEN_SUFFIX}").as_str()) else {
            continue;
        };
        let token = serde_json::from_str::<Object<freeotp::Token>>(token)
            .map_err(|_| damaged(FORMAT, "a token's data is not JSON"))?
            .or_empty();
        let holder = serde_json::from_str::<Object<Holder>>(value)
            .map_err(|_| damaged(FORMAT, "a token's key is not JSON"))?
            .or_empty();
        let key = serde_json::from_str::<Object<EncryptedKey>>(holder.key.as_str())
            .map_err(|_| damaged(FORMAT, "a token's key is not JSON"))?
            .or_empty();
        let secret = open(&master_key, &key)?.ok_or_else(|| {
            damaged(
                FORMAT,
                "a token's key does not decrypt under the master key",
            )
        })?;
        freeotp::push_token(&token, &secret, out);
    }
    Ok(())
}

/// An `EncryptedKey` opened under `key`: `Ok(None)` when the tag does not
/// match (a wrong key), an error when it is not an `EncryptedKey`.
fn open(key: &[u8], sealed: &EncryptedKey) -> Result<Option<Zeroizing<Vec<u8>>>, InteropError> {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    if sealed.cipher.as_str() != CIPHER {
        return Err(damaged(
            FORMAT,
            "a key is sealed with a cipher FreeOTP does not use",
        ));
    }
    let ciphertext = sealed
        .cipher_text
        .0
        .as_ref()
        .ok_or_else(|| damaged(FORMAT, "a sealed key has no ciphertext"))?;
    let nonce = sealed
        .parameters
        .0
        .as_ref()
        .and_then(|der| gcm_nonce(der))
        .ok_or_else(|| damaged(FORMAT, "a sealed key's GCM parameters are not readable"))?;
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(key)
        .map_err(|_| damaged(FORMAT, "a key is not 256 bits"))?;
    let payload = Payload {
        msg: ciphertext,
        aad: sealed.token.as_str().as_bytes(),
    };
    Ok(cipher
        .decrypt(aes_gcm::Nonce::from_slice(&nonce), payload)
        .ok()
        .map(Zeroizing::new))
}

/// The nonce of DER-encoded GCM parameters, when it is 12 bytes and the tag
/// 16: RFC 5084 `GCMParameters` (`SEQUENCE { OCTET STRING nonce, INTEGER
/// icvLen }`), which newer Android versions write, or the bare `OCTET
/// STRING nonce` that Android 6 (API 23) wrote for some keys (seen in a real
/// FreeOTP 2 backup from Aegis' importer tests; Aegis' `parseNonce` takes
/// both).
fn gcm_nonce(der: &[u8]) -> Option<[u8; 12]> {
    let (&tag, rest) = der.split_first()?;
    let (&len, body) = rest.split_first()?;
    if usize::from(len) != body.len() || len >= 0x80 {
        return None;
    }
    match (tag, body) {
        (0x30, [0x04, 12, nonce @ .., 0x02, 0x01, 16]) if nonce.len() == 12 => {
            nonce.try_into().ok()
        }
        (0x30, [0x04, 12, nonce @ ..]) | (0x04, nonce) if nonce.len() == 12 => {
            nonce.try_into().ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcm_parameters_give_their_nonce() {
        let mut der = vec![0x30, 0x11, 0x04, 0x0c];
        der.extend(1..=12u8);
        der.extend([0x02, 0x01, 0x10]);
        assert_eq!(gcm_nonce(&der), Some(core::array::from_fn(|i| i as u8 + 1)));
        der[18] = 12; // a 12-byte tag, which Aes256Gcm does not check
        assert_eq!(gcm_nonce(&der), None);
        assert_eq!(gcm_nonce(&der[..10]), None);
        // Android 6's form: the nonce as a bare OCTET STRING.
        let mut bare = vec![0x04, 0x0c];
        bare.extend(1..=12u8);
        assert_eq!(
            gcm_nonce(&bare),
            Some(core::array::from_fn(|i| i as u8 + 1))
        );
        assert_eq!(gcm_nonce(&bare[..13]), None);
        bare[0] = 0x05; // not an OCTET STRING
        assert_eq!(gcm_nonce(&bare), None);
        assert_eq!(gcm_nonce(&[]), None);
    }
}
