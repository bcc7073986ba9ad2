//! The two libsodium constructions Ente Auth encrypts its exports with,
//! written from libsodium's documentation and its `secretstream` source:
//!
//! - `crypto_pwhash` with `ALG_ARGON2ID13`: Argon2id v1.3, one lane,
//!   `opslimit` passes over `memlimit` bytes (`memlimit / 1024` KiB).
//! - `crypto_secretstream_xchacha20poly1305`, read side, for a stream of
//!   exactly one message (Ente seals the whole export as one `FINAL` message).
//!   The 24-byte header gives a subkey (HChaCha20 of the key and the header's
//!   first 16 bytes) and a nonce (counter 1, then the header's last 8 bytes).
//!   A message is `tag byte ‖ ciphertext ‖ 16-byte MAC`: ChaCha20 block 0
//!   keys Poly1305, the tag byte is encrypted with block 1 (whose other 63
//!   key-stream bytes join the MAC input), the text with blocks 2 onwards; the
//!   MAC covers `AD ‖ pad ‖ block 1 ‖ ciphertext ‖ pad ‖ len(AD) ‖ 64 + len`,
//!   where the second pad is `len % 16` zero bytes (libsodium's arithmetic,
//!   `(0x10 - 64 + len) & 0xf`; not a pad to a multiple of 16).
//!
//! Tests check both against libsodium itself (`tests/cli/interop_fixtures.py`
//! writes Ente exports with PyNaCl).

use chacha20::cipher::{KeyIvInit, StreamCipher, StreamCipherSeek};
use poly1305::Poly1305;
use poly1305::universal_hash::KeyInit;
use zeroize::Zeroizing;

/// Bytes a secretstream adds to a message (tag byte and MAC).
const ABYTES: usize = 17;
/// The header's length.
pub(super) const HEADER_BYTES: usize = 24;
/// The tag of a stream's last message.
const TAG_FINAL: u8 = 3;
/// The tag of an ordinary message. Ente's exports hold one message; older
/// versions tag it [`TAG_FINAL`], newer ones `TAG_MESSAGE` (a real export in
/// Proton Authenticator's importer tests, `encrypted.nominalcomplexity.txt`,
/// does; Proton's reader takes both). The MAC covers the tag, so either is
/// the export as Ente wrote it.
const TAG_MESSAGE: u8 = 0;

/// Why a secretstream message did not open.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum OpenError {
    /// The header or message has an impossible length.
    Malformed,
    /// The MAC does not match: a wrong key or changed bytes.
    Forged,
    /// The message opened but its tag says more follow (the export is cut short).
    NotFinal,
}

/// Decrypts the one message of a secretstream sealed under `key`.
pub(super) fn secretstream_open(
    key: &[u8; 32],
    header: &[u8],
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    if header.len() != HEADER_BYTES || sealed.len() < ABYTES {
        return Err(OpenError::Malformed);
    }
    let mut subkey = Zeroizing::new([0u8; 32]);
    let hchacha_input: [u8; 16] = header[..16].try_into().map_err(|_| OpenError::Malformed)?;
    subkey.copy_from_slice(&chacha20::hchacha::<chacha20::R20>(
        &(*key).into(),
        &hchacha_input.into(),
    ));
    let mut nonce = [0u8; 12];
    nonce[0] = 1; // the counter, little-endian
    nonce[4..].copy_from_slice(&header[16..]);
    let keystream = |counter: u32, data: &mut [u8]| {
        let mut cipher = chacha20::ChaCha20::new(&(*subkey).into(), &nonce.into());
        cipher.seek(u64::from(counter) * 64);
        cipher.apply_keystream(data);
    };

    let mut poly_key = Zeroizing::new([0u8; 32]);
    keystream(0, poly_key.as_mut());
    let mut block = Zeroizing::new([0u8; 64]);
    block[0] = sealed[0];
    keystream(1, block.as_mut());
    let tag = block[0];
    block[0] = sealed[0];

    let text_len = sealed.len() - ABYTES;
    let ciphertext = &sealed[1..1 + text_len];
    let stored_mac = &sealed[1 + text_len..];
    // No associated data: the MAC input starts with block 1.
    let mut mac_input = Zeroizing::new(Vec::with_capacity(64 + text_len + 32));
    mac_input.extend_from_slice(block.as_ref());
    mac_input.extend_from_slice(ciphertext);
    // libsodium pads with `(0x10 - 64 + len) & 0xf` zero bytes, which is
    // `len % 16`, not the usual "up to a multiple of 16": its wire format.
    let padded = mac_input.len() + text_len % 16;
    mac_input.resize(padded, 0);
    mac_input.extend_from_slice(&0u64.to_le_bytes());
    mac_input.extend_from_slice(&((64 + text_len) as u64).to_le_bytes());
    let mac = Poly1305::new(&(*poly_key).into()).compute_unpadded(&mac_input);
    if !crate::secret::constant_time_eq(mac.as_slice(), stored_mac) {
        return Err(OpenError::Forged);
    }
    let mut plain = Zeroizing::new(ciphertext.to_vec());
    keystream(2, &mut plain);
    if tag != TAG_FINAL && tag != TAG_MESSAGE {
        return Err(OpenError::NotFinal);
    }
    Ok(plain)
}

/// libsodium's `crypto_pwhash` (Argon2id v1.3) into a 32-byte key. The
/// caller bounds `mem_limit` and `ops_limit` first.
pub(super) fn pwhash_argon2id(
    password: &[u8],
    salt: &[u8],
    ops_limit: u32,
    mem_limit: u64,
) -> Option<Zeroizing<[u8; 32]>> {
    let m_cost_kib = u32::try_from(mem_limit / 1024).ok()?;
    let params = argon2::Params::new(m_cost_kib, ops_limit, 1, Some(32)).ok()?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(password, salt, key.as_mut())
        .ok()?;
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stream sealed by libsodium 1.0.18 (PyNaCl 1.5), key 0x01 * 32,
    /// message "hello ente" with TAG_FINAL.
    #[test]
    fn opens_a_libsodium_stream_and_refuses_a_changed_one() {
        let key = [1u8; 32];
        let header = hex(LIBSODIUM_HEADER);
        let sealed = hex(LIBSODIUM_SEALED);
        let plain = secretstream_open(&key, &header, &sealed).unwrap();
        assert_eq!(plain.as_slice(), b"hello ente");
        let mut changed = sealed.clone();
        changed[3] ^= 1;
        assert_eq!(
            secretstream_open(&key, &header, &changed),
            Err(OpenError::Forged)
        );
        assert_eq!(
            secretstream_open(&[2u8; 32], &header, &sealed),
            Err(OpenError::Forged)
        );
        assert_eq!(
            secretstream_open(&key, &header[..20], &sealed),
            Err(OpenError::Malformed)
        );
    }

    /// Streams sealed by libsodium 1.0.18 (PyNaCl 1.5), key 0x01 * 32,
    /// message "hello ente": tagged TAG_MESSAGE (as newer Ente versions
    /// write), it opens; tagged TAG_PUSH (more to come), it is cut short.
    #[test]
    fn a_message_tag_opens_and_a_push_tag_is_cut_short() {
        let key = [1u8; 32];
        let plain = secretstream_open(
            &key,
            &hex("15c7c1324925a2ad3d33a014aaa3d6aa14157372febfa9dd"),
            &hex("e22f0d0a95de0ea18444f29754f40d03ffd6f2bd8422ed53c2bd3f"),
        )
        .unwrap();
        assert_eq!(plain.as_slice(), b"hello ente");
        assert_eq!(
            secretstream_open(
                &key,
                &hex("42d7162e1bf8e2249a807dfefa4e383f09c8d3fcdf089825"),
                &hex("35505d87677e26ad45261060511b8d70887c1b0e08055f8f4a593b"),
            ),
            Err(OpenError::NotFinal)
        );
    }

    fn hex(text: &str) -> Vec<u8> {
        super::super::hex(text).unwrap()
    }

    const LIBSODIUM_HEADER: &str = "7ee41887d04177f1a075bd9d1ae62e532aa4bdb9332711d9";
    const LIBSODIUM_SEALED: &str = "b1fbba98efa890b1013d49d434a411b4e8c9bea8f6abdd40a4420b";
}
