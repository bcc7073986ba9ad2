//! The vault file format, version 2 (version 1 is still read).
//! `docs/vault-format.md` describes it byte by byte; this file is its
//! executable form. Header parsing lives in
//! [`read`], serialisation in [`write`].
//!
//! ```text
//! prelude   magic (8) | version u16 LE | header_len u32 LE
//! header    vault_id (16) | body_nonce (24) | slot_count u8 | slots...
//!           | device_count u8 | (device_id (8) | saves u64 LE)...   (version 2 only)
//! checksum  SHA-256(prelude | header)                       (32)
//! mac       HMAC-SHA256(K_mac, prelude | header)            (32)
//! body      XChaCha20-Poly1305(data_key, body_nonce,
//!                              aad = BODY_LABEL | vault_id, payload) | tag (16)
//! ```
//!
//! Only bytes live here: the layout, its constants and labels. Which key seals
//! what, with which associated data, is [`super::keys`]; the primitives and
//! their lengths are [`super::crypto`] (the SHA-256 checksum, which needs no
//! key, is the one primitive this module calls).

use super::crypto::{self, DIGEST_LEN, KEY_LEN, NONCE_LEN, TAG_LEN};
use super::kdf::KdfParams;
use super::versions::{DEVICE_ID_LEN, DeviceId, MAX_DEVICES, Versions};

/// First bytes of every vault file (a non-ASCII first byte catches text-mode mangling).
pub const MAGIC: [u8; 8] = *b"\x89TESSERA";
/// The format version this build writes and the newest it reads.
pub const VERSION: u16 = 2;
/// The first version whose header carries the version vector; older files
/// read as having none and are upgraded on their next save.
pub const VERSIONS_SINCE: u16 = 2;
/// magic + version + header_len.
pub const PRELUDE_LEN: usize = 8 + 2 + 4;
/// A data key sealed under a key-encryption key.
pub const WRAPPED_LEN: usize = KEY_LEN + TAG_LEN;
/// Argon2 salts.
pub const SALT_LEN: usize = 16;
/// Vault ids (a UUID's bytes).
pub const VAULT_ID_LEN: usize = 16;
/// Largest header accepted.
pub const MAX_HEADER_LEN: usize = 4096;
/// Most key slots in one file.
pub const MAX_SLOTS: usize = 8;
/// Largest vault file accepted (10,000 entries take about 3 MB).
pub const MAX_FILE_LEN: u64 = 64 * 1024 * 1024;

/// Key for the header MAC: HMAC-SHA256(data_key, HEADER_MAC_LABEL).
pub const HEADER_MAC_LABEL: &[u8] = b"tessera/v1/header-mac";
/// Associated data prefix of the body.
pub const BODY_LABEL: &[u8] = b"tessera/v1/body";
/// Associated data prefix of a password slot's wrapped key.
pub const PASSWORD_SLOT_LABEL: &[u8] = b"tessera/v1/slot/password";
/// Associated data prefix of a keyring slot's wrapped key.
pub const KEYRING_SLOT_LABEL: &[u8] = b"tessera/v1/slot/keyring";

/// Slot kind byte: password (Argon2id).
pub const SLOT_PASSWORD: u8 = 1;
/// Slot kind byte: key held by the OS keyring.
pub const SLOT_KEYRING: u8 = 2;
/// KDF algorithm byte: Argon2id, version 0x13.
pub const KDF_ARGON2ID: u8 = 1;

/// Length of a password slot's data.
const PASSWORD_SLOT_LEN: usize = 1 + 4 * 3 + SALT_LEN + NONCE_LEN + WRAPPED_LEN;
/// Length of a keyring slot's data.
const KEYRING_SLOT_LEN: usize = NONCE_LEN + WRAPPED_LEN;

/// The data key sealed for one way of unlocking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Wrapped {
    pub nonce: [u8; NONCE_LEN],
    pub sealed: [u8; WRAPPED_LEN],
}

/// A password slot: Argon2id parameters, salt and the wrapped data key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PasswordSlot {
    pub kdf: KdfParams,
    pub salt: [u8; SALT_LEN],
    pub key: Wrapped,
}

/// One way to unlock the vault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    Password(PasswordSlot),
    Keyring(Wrapped),
}

/// Everything before the checksum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub vault_id: [u8; VAULT_ID_LEN],
    pub body_nonce: [u8; NONCE_LEN],
    pub slots: Vec<Slot>,
    /// Save counters per device (empty in a version 1 file).
    pub versions: Versions,
}

impl Header {
    pub fn password_slot(&self) -> Option<&PasswordSlot> {
        self.slots.iter().find_map(|s| match s {
            Slot::Password(p) => Some(p),
            Slot::Keyring(_) => None,
        })
    }

    pub fn keyring_slot(&self) -> Option<&Wrapped> {
        self.slots.iter().find_map(|s| match s {
            Slot::Keyring(k) => Some(k),
            Slot::Password(_) => None,
        })
    }
}

pub(crate) mod read {
    //! Parsing. Every length is checked before use; nothing here panics or
    //! allocates more than the input's size.

    use super::*;

    /// Why a file could not be parsed (before any key is involved).
    #[derive(Debug, PartialEq, Eq)]
    pub(crate) enum ReadError {
        NotAVault,
        Damaged(String),
        Newer(u16),
    }

    /// A structurally valid file, split into its parts.
    #[derive(Debug)]
    pub(crate) struct Parsed<'a> {
        pub header: Header,
        /// prelude | header: what the checksum and the MAC cover.
        pub authenticated: &'a [u8],
        pub mac: &'a [u8],
        pub body: &'a [u8],
    }

    struct Cursor<'a> {
        bytes: &'a [u8],
        at: usize,
    }

    impl<'a> Cursor<'a> {
        fn take(&mut self, n: usize) -> Result<&'a [u8], ReadError> {
            let end = self
                .at
                .checked_add(n)
                .filter(|&end| end <= self.bytes.len());
            let end = end.ok_or_else(|| ReadError::Damaged("the header is cut short".into()))?;
            let out = &self.bytes[self.at..end];
            self.at = end;
            Ok(out)
        }

        fn array<const N: usize>(&mut self) -> Result<[u8; N], ReadError> {
            let mut out = [0u8; N];
            out.copy_from_slice(self.take(N)?);
            Ok(out)
        }

        fn u8(&mut self) -> Result<u8, ReadError> {
            Ok(self.array::<1>()?[0])
        }

        fn u16(&mut self) -> Result<u16, ReadError> {
            Ok(u16::from_le_bytes(self.array()?))
        }

        fn u32(&mut self) -> Result<u32, ReadError> {
            Ok(u32::from_le_bytes(self.array()?))
        }
    }

    fn damaged(what: &str) -> ReadError {
        ReadError::Damaged(what.to_owned())
    }

    /// Splits a file into its parts and checks everything that needs no key.
    /// The vault id a file names, read with no check beyond the magic (to
    /// find the previous versions of a damaged file); `None` when the file
    /// is not a vault or is cut short before it.
    pub(crate) fn vault_id(bytes: &[u8]) -> Option<[u8; VAULT_ID_LEN]> {
        if !bytes.starts_with(&MAGIC) {
            return None;
        }
        bytes
            .get(PRELUDE_LEN..PRELUDE_LEN + VAULT_ID_LEN)?
            .try_into()
            .ok()
    }

    pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed<'_>, ReadError> {
        if bytes.len() < MAGIC.len() {
            return Err(if bytes.is_empty() {
                damaged("the file is empty")
            } else {
                damaged("the file is cut short")
            });
        }
        let matching = bytes.iter().zip(MAGIC).filter(|(a, b)| **a == *b).count();
        if matching < MAGIC.len() {
            // A byte or two off is damage; anything else is some other file.
            return Err(if matching >= MAGIC.len() - 2 {
                damaged("its first bytes are wrong")
            } else {
                ReadError::NotAVault
            });
        }
        let mut cursor = Cursor {
            bytes,
            at: MAGIC.len(),
        };
        let version = cursor.u16().map_err(|_| damaged("the file is cut short"))?;
        let header_len = cursor.u32().map_err(|_| damaged("the file is cut short"))? as usize;
        if header_len > MAX_HEADER_LEN {
            return Err(damaged("the header length is impossible"));
        }
        let checked_end = PRELUDE_LEN + header_len;
        let Some(checksum) = bytes.get(checked_end..checked_end + DIGEST_LEN) else {
            return Err(damaged("the file is cut short"));
        };
        let authenticated = &bytes[..checked_end];
        if !crypto::mac_eq(&crypto::sha256(authenticated), checksum) {
            return Err(damaged("the header checksum does not match"));
        }
        if version > VERSION {
            return Err(ReadError::Newer(version));
        }
        if version == 0 {
            return Err(damaged("the format version is 0"));
        }
        let mac_end = checked_end + 2 * DIGEST_LEN;
        let Some(mac) = bytes.get(checked_end + DIGEST_LEN..mac_end) else {
            return Err(damaged("the file is cut short"));
        };
        let body = &bytes[mac_end..];
        if body.len() < TAG_LEN {
            return Err(damaged("the file is cut short"));
        }
        let header = parse_header(&authenticated[PRELUDE_LEN..], version)?;
        Ok(Parsed {
            header,
            authenticated,
            mac,
            body,
        })
    }

    fn parse_header(bytes: &[u8], version: u16) -> Result<Header, ReadError> {
        let mut cursor = Cursor { bytes, at: 0 };
        let vault_id = cursor.array()?;
        let body_nonce = cursor.array()?;
        let count = usize::from(cursor.u8()?);
        if count == 0 || count > MAX_SLOTS {
            return Err(damaged("the number of key slots is impossible"));
        }
        let mut slots = Vec::with_capacity(count);
        for _ in 0..count {
            let kind = cursor.u8()?;
            let len = usize::from(cursor.u16()?);
            let data = cursor.take(len)?;
            let mut slot = Cursor { bytes: data, at: 0 };
            let parsed = match (kind, len) {
                (SLOT_PASSWORD, PASSWORD_SLOT_LEN) => {
                    if slot.u8()? != KDF_ARGON2ID {
                        return Err(damaged("a password slot names an unknown KDF"));
                    }
                    let kdf = KdfParams {
                        m_cost_kib: slot.u32()?,
                        t_cost: slot.u32()?,
                        p_cost: slot.u32()?,
                    };
                    Slot::Password(PasswordSlot {
                        kdf,
                        salt: slot.array()?,
                        key: Wrapped {
                            nonce: slot.array()?,
                            sealed: slot.array()?,
                        },
                    })
                }
                (SLOT_KEYRING, KEYRING_SLOT_LEN) => Slot::Keyring(Wrapped {
                    nonce: slot.array()?,
                    sealed: slot.array()?,
                }),
                _ => return Err(damaged("a key slot has an unknown kind or size")),
            };
            slots.push(parsed);
        }
        let versions = if version >= VERSIONS_SINCE {
            parse_versions(&mut cursor)?
        } else {
            Versions::new()
        };
        if cursor.at != bytes.len() {
            return Err(damaged("the header has trailing bytes"));
        }
        let passwords = slots
            .iter()
            .filter(|s| matches!(s, Slot::Password(_)))
            .count();
        let keyrings = slots.len() - passwords;
        if passwords != 1 || keyrings > 1 {
            return Err(damaged("the key slots are inconsistent"));
        }
        Ok(Header {
            vault_id,
            body_nonce,
            slots,
            versions,
        })
    }

    /// The version vector: devices in strictly increasing id order (one
    /// encoding per vector), at most [`MAX_DEVICES`].
    fn parse_versions(cursor: &mut Cursor<'_>) -> Result<Versions, ReadError> {
        let count = usize::from(cursor.u8()?);
        if count > MAX_DEVICES {
            return Err(damaged("the version record lists too many devices"));
        }
        let mut versions = Versions::new();
        let mut last: Option<DeviceId> = None;
        for _ in 0..count {
            let device = DeviceId(cursor.array::<DEVICE_ID_LEN>()?);
            let saves = u64::from_le_bytes(cursor.array()?);
            if last.is_some_and(|last| last >= device) {
                return Err(damaged("the version record is out of order"));
            }
            last = Some(device);
            versions.set(device, saves);
        }
        Ok(versions)
    }
}

pub(crate) mod write {
    //! Serialisation.

    use super::*;

    fn header_bytes(header: &Header) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(&header.vault_id);
        out.extend_from_slice(&header.body_nonce);
        out.push(header.slots.len() as u8);
        for slot in &header.slots {
            match slot {
                Slot::Password(p) => {
                    out.push(SLOT_PASSWORD);
                    out.extend_from_slice(&(PASSWORD_SLOT_LEN as u16).to_le_bytes());
                    out.push(KDF_ARGON2ID);
                    out.extend_from_slice(&p.kdf.m_cost_kib.to_le_bytes());
                    out.extend_from_slice(&p.kdf.t_cost.to_le_bytes());
                    out.extend_from_slice(&p.kdf.p_cost.to_le_bytes());
                    out.extend_from_slice(&p.salt);
                    out.extend_from_slice(&p.key.nonce);
                    out.extend_from_slice(&p.key.sealed);
                }
                Slot::Keyring(k) => {
                    out.push(SLOT_KEYRING);
                    out.extend_from_slice(&(KEYRING_SLOT_LEN as u16).to_le_bytes());
                    out.extend_from_slice(&k.nonce);
                    out.extend_from_slice(&k.sealed);
                }
            }
        }
        // At most MAX_DEVICES (the vault refuses to add more before saving).
        out.push(header.versions.len().min(MAX_DEVICES) as u8);
        for (device, saves) in header.versions.iter().take(MAX_DEVICES) {
            out.extend_from_slice(&device.0);
            out.extend_from_slice(&saves.to_le_bytes());
        }
        out
    }

    /// Lays out a whole file: `mac` computes the header MAC over the prelude
    /// and header it is given; `body` is the sealed payload with its tag.
    pub(crate) fn serialize(
        header: &Header,
        mac: impl FnOnce(&[u8]) -> [u8; DIGEST_LEN],
        body: &[u8],
    ) -> Vec<u8> {
        let head = header_bytes(header);
        let mut out = Vec::with_capacity(PRELUDE_LEN + head.len() + 2 * DIGEST_LEN + body.len());
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(head.len() as u32).to_le_bytes());
        out.extend_from_slice(&head);
        let checksum = crypto::sha256(&out);
        let mac = mac(&out);
        out.extend_from_slice(&checksum);
        out.extend_from_slice(&mac);
        out.extend_from_slice(body);
        out
    }
}
