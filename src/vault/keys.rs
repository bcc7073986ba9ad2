//! What each key protects, and with which associated data: the data key
//! sealed in the key slots (under a password-derived key or the keyring's
//! key), the body sealed under the data key, and the header MAC keyed from it.
//! The byte layout is [`super::format`]; the primitives are [`super::crypto`].

use zeroize::Zeroizing;

use super::crypto::{self, DIGEST_LEN, KEY_LEN, NONCE_LEN};
use super::format::{
    self, BODY_LABEL, HEADER_MAC_LABEL, Header, KDF_ARGON2ID, KEYRING_SLOT_LABEL,
    PASSWORD_SLOT_LABEL, PasswordSlot, SALT_LEN, VAULT_ID_LEN, Wrapped,
};
use super::kdf::KdfParams;
use crate::secret::SecretBytes;

/// The associated data that binds a password slot's wrapped key to this vault
/// and to these KDF settings (so a downgrade of the settings fails to unwrap).
fn password_aad(vault_id: &[u8; VAULT_ID_LEN], kdf: &KdfParams, salt: &[u8; SALT_LEN]) -> Vec<u8> {
    let mut aad = PASSWORD_SLOT_LABEL.to_vec();
    aad.extend_from_slice(vault_id);
    aad.push(KDF_ARGON2ID);
    aad.extend_from_slice(&kdf.m_cost_kib.to_le_bytes());
    aad.extend_from_slice(&kdf.t_cost.to_le_bytes());
    aad.extend_from_slice(&kdf.p_cost.to_le_bytes());
    aad.extend_from_slice(salt);
    aad
}

/// The associated data of a keyring slot's wrapped key.
fn keyring_aad(vault_id: &[u8; VAULT_ID_LEN]) -> Vec<u8> {
    let mut aad = KEYRING_SLOT_LABEL.to_vec();
    aad.extend_from_slice(vault_id);
    aad
}

/// The associated data of the body.
fn body_aad(vault_id: &[u8; VAULT_ID_LEN]) -> Vec<u8> {
    let mut aad = BODY_LABEL.to_vec();
    aad.extend_from_slice(vault_id);
    aad
}

/// Seals `data_key` under `kek`, bound to `aad`, with a fresh nonce. Fails
/// only when the random generator does (sealing a 32-byte key under a 32-byte
/// key cannot fail otherwise).
fn wrap(
    kek: &SecretBytes,
    data_key: &SecretBytes,
    aad: &[u8],
) -> Result<Wrapped, getrandom::Error> {
    let nonce = crypto::random::<NONCE_LEN>()?;
    let sealed = crypto::seal(kek, &nonce, aad, data_key.expose())
        .and_then(|sealed| sealed.try_into().ok())
        .ok_or(getrandom::Error::UNEXPECTED)?;
    Ok(Wrapped { nonce, sealed })
}

/// Opens a wrapped data key; `None` when the key-encryption key is wrong.
fn unwrap(kek: &SecretBytes, wrapped: &Wrapped, aad: &[u8]) -> Option<SecretBytes> {
    crypto::open(kek, &wrapped.nonce, aad, &wrapped.sealed)
        .filter(|key| key.len() == KEY_LEN)
        .map(SecretBytes::from)
}

/// A password slot holding `data_key` under `kek` (derived from the password
/// with `kdf` and `salt`).
pub(crate) fn seal_password_slot(
    vault_id: &[u8; VAULT_ID_LEN],
    data_key: &SecretBytes,
    kek: &SecretBytes,
    kdf: KdfParams,
    salt: [u8; SALT_LEN],
) -> Result<PasswordSlot, getrandom::Error> {
    let key = wrap(kek, data_key, &password_aad(vault_id, &kdf, &salt))?;
    Ok(PasswordSlot { kdf, salt, key })
}

/// The data key from a password slot; `None` when `kek` (the password) is wrong.
pub(crate) fn open_password_slot(
    vault_id: &[u8; VAULT_ID_LEN],
    slot: &PasswordSlot,
    kek: &SecretBytes,
) -> Option<SecretBytes> {
    unwrap(
        kek,
        &slot.key,
        &password_aad(vault_id, &slot.kdf, &slot.salt),
    )
}

/// A keyring slot holding `data_key` under the keyring's `kek`.
pub(crate) fn seal_keyring_slot(
    vault_id: &[u8; VAULT_ID_LEN],
    data_key: &SecretBytes,
    kek: &SecretBytes,
) -> Result<Wrapped, getrandom::Error> {
    wrap(kek, data_key, &keyring_aad(vault_id))
}

/// The data key from a keyring slot; `None` when `kek` is not the one it was sealed under.
pub(crate) fn open_keyring_slot(
    vault_id: &[u8; VAULT_ID_LEN],
    wrapped: &Wrapped,
    kek: &SecretBytes,
) -> Option<SecretBytes> {
    unwrap(kek, wrapped, &keyring_aad(vault_id))
}

/// The header MAC: HMAC-SHA256 under a key derived from the data key.
fn header_mac(data_key: &SecretBytes, authenticated: &[u8]) -> [u8; DIGEST_LEN] {
    let mac_key = Zeroizing::new(crypto::hmac_sha256(data_key.expose(), HEADER_MAC_LABEL));
    crypto::hmac_sha256(&*mac_key, authenticated)
}

/// The whole file: `payload` sealed under `data_key` with the header's
/// (fresh) body nonce, and the header authenticated.
pub(crate) fn seal_file(
    header: &Header,
    data_key: &SecretBytes,
    payload: &[u8],
) -> Result<Vec<u8>, getrandom::Error> {
    let body = crypto::seal(
        data_key,
        &header.body_nonce,
        &body_aad(&header.vault_id),
        payload,
    )
    .ok_or(getrandom::Error::UNEXPECTED)?;
    Ok(format::write::serialize(
        header,
        |authenticated| header_mac(data_key, authenticated),
        &body,
    ))
}

/// Why a parsed file did not open under a data key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OpenFailure {
    /// The header MAC does not match.
    Header,
    /// The body does not authenticate.
    Body,
}

/// Checks the header MAC, then opens the body.
pub(crate) fn open_file(
    parsed: &format::read::Parsed<'_>,
    data_key: &SecretBytes,
) -> Result<Zeroizing<Vec<u8>>, OpenFailure> {
    let mac = header_mac(data_key, parsed.authenticated);
    if !crypto::mac_eq(&mac, parsed.mac) {
        return Err(OpenFailure::Header);
    }
    crypto::open(
        data_key,
        &parsed.header.body_nonce,
        &body_aad(&parsed.header.vault_id),
        parsed.body,
    )
    .ok_or(OpenFailure::Body)
}
