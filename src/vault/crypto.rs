//! The cryptographic primitives of the vault format, in one place:
//! XChaCha20-Poly1305 for the body and key wrapping, HMAC-SHA256 for the
//! header, SHA-256 for the header checksum, the OS random generator, and the
//! lengths they work with. Nothing here knows the file's layout
//! ([`super::format`]) or what each key protects ([`super::keys`]).

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::secret::SecretBytes;

/// Data keys and key-encryption keys.
pub const KEY_LEN: usize = 32;
/// XChaCha20-Poly1305 nonces.
pub const NONCE_LEN: usize = 24;
/// Poly1305 tags.
pub const TAG_LEN: usize = 16;
/// SHA-256 digests and HMAC-SHA256 tags.
pub const DIGEST_LEN: usize = 32;

/// Fills a fresh array from the OS random generator.
pub(crate) fn random<const N: usize>() -> Result<[u8; N], getrandom::Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)?;
    Ok(bytes)
}

/// A new random 256-bit key.
pub(crate) fn random_key() -> Result<SecretBytes, getrandom::Error> {
    let mut bytes = Zeroizing::new(vec![0u8; KEY_LEN]);
    getrandom::fill(&mut bytes)?;
    Ok(SecretBytes::from(bytes))
}

fn cipher(key: &SecretBytes) -> Option<XChaCha20Poly1305> {
    XChaCha20Poly1305::new_from_slice(key.expose()).ok()
}

/// Encrypts `plaintext` under `key` with `nonce`, binding `aad`. The output is
/// the ciphertext followed by the 16-byte tag.
pub(crate) fn seal(
    key: &SecretBytes,
    nonce: &[u8; NONCE_LEN],
    aad: &[u8],
    plaintext: &[u8],
) -> Option<Vec<u8>> {
    let nonce = XNonce::try_from(&nonce[..]).ok()?;
    cipher(key)?
        .encrypt(
            &nonce,
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .ok()
}

/// Decrypts and authenticates; `None` if the key, nonce, data or tag do not match.
pub(crate) fn open(
    key: &SecretBytes,
    nonce: &[u8],
    aad: &[u8],
    ciphertext: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    let nonce = XNonce::try_from(nonce).ok()?;
    cipher(key)?
        .decrypt(
            &nonce,
            Payload {
                msg: ciphertext,
                aad,
            },
        )
        .ok()
        .map(Zeroizing::new)
}

/// HMAC-SHA256 of `data` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; DIGEST_LEN] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => return [0; DIGEST_LEN],
    };
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// Constant-time comparison of two MACs.
pub(crate) fn mac_eq(a: &[u8], b: &[u8]) -> bool {
    crate::secret::constant_time_eq(a, b)
}

/// SHA-256, for the header checksum that catches accidental damage before the KDF runs.
pub(crate) fn sha256(data: &[u8]) -> [u8; DIGEST_LEN] {
    Sha256::digest(data).into()
}
