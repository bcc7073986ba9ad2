//! Authenticator Plus' export: a zip archive holding `Accounts.txt`, one
//! `otpauth://` link per line, the entry encrypted under the export password
//! with PKWARE's traditional encryption ("ZipCrypto", APPNOTE 6.1) and
//! deflated (read from Aegis' `AuthenticatorPlusImporter`, which opens it
//! with zip4j and hands `Accounts.txt` to its link reader, and from the
//! archive in Aegis' tests: flags 0x0009, method 8). Authenticator Plus
//! itself is gone from the stores; its exports remain.
//!
//! ZipCrypto checks a password against one byte of its 12-byte header, so
//! one wrong password in 256 gets past that check; the entry then fails to
//! inflate or its CRC-32 differs, which is reported as a wrong password too
//! (nothing in the format tells a wrong password from a damaged entry after
//! the check byte).
//!
//! Bounds: at most [`MAX_ENTRIES`] entries in the archive and
//! [`MAX_UNPACKED`] bytes inflated from `Accounts.txt` (a zip bomb stops
//! there), besides the 16 MiB limit on the file itself.

use std::io::{Cursor, Read as _};

use super::{Export, Format, InteropError, damaged};
use crate::secret::Password;

const FORMAT: Format = Format::AuthenticatorPlus;
/// The entry holding the links.
const ENTRY: &str = "Accounts.txt";
/// More entries than an export has (it has one).
const MAX_ENTRIES: usize = 64;
/// More than `Accounts.txt` holds: a link is about 150 bytes.
pub(super) const MAX_UNPACKED: u64 = 1024 * 1024;

/// A zip archive with an `Accounts.txt` entry.
pub(super) fn looks_like(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && zip::ZipArchive::new(Cursor::new(bytes))
            .is_ok_and(|archive| archive.len() <= MAX_ENTRIES && entry_index(&archive).is_some())
}

pub(super) fn read(
    bytes: &[u8],
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| damaged(FORMAT, &format!("it is not a readable zip archive ({e})")))?;
    if archive.len() > MAX_ENTRIES {
        return Err(InteropError::TooMany {
            format: FORMAT,
            limit: MAX_ENTRIES,
        });
    }
    let index = entry_index(&archive)
        .ok_or_else(|| damaged(FORMAT, "the archive holds no Accounts.txt"))?;
    let encrypted = archive
        .by_index_raw(index)
        .map_err(|e| damaged(FORMAT, &format!("Accounts.txt cannot be read ({e})")))?
        .encrypted();
    let entry = match (encrypted, password) {
        (true, None) => return Err(InteropError::PasswordNeeded { format: FORMAT }),
        (true, Some(password)) => archive.by_index_decrypt(index, password.expose().as_bytes()),
        (false, _) => archive.by_index(index),
    };
    let entry = entry.map_err(|e| match e {
        zip::result::ZipError::InvalidPassword => InteropError::WrongPassword { format: FORMAT },
        e => damaged(FORMAT, &format!("Accounts.txt cannot be read ({e})")),
    })?;
    // Sized from the entry's header (bounded), so that reading it does not
    // grow the buffer and leave copies of the links behind; only an entry
    // whose header lies about its size makes it grow.
    let capacity = usize::try_from(entry.size().min(MAX_UNPACKED) + 1).unwrap_or(0);
    let mut plain = zeroize::Zeroizing::new(Vec::with_capacity(capacity));
    let read = entry.take(MAX_UNPACKED + 1).read_to_end(&mut plain);
    if plain.len() as u64 > MAX_UNPACKED {
        return Err(InteropError::Unpacks {
            format: FORMAT,
            limit_mib: MAX_UNPACKED / (1024 * 1024),
        });
    }
    if read.is_err() {
        // Past the check byte, a wrong password and a damaged entry look the same.
        return Err(if encrypted {
            InteropError::WrongPassword { format: FORMAT }
        } else {
            damaged(
                FORMAT,
                "Accounts.txt does not inflate (or its checksum differs)",
            )
        });
    }
    let text = std::str::from_utf8(&plain).map_err(|_| {
        if encrypted {
            InteropError::WrongPassword { format: FORMAT }
        } else {
            damaged(FORMAT, "Accounts.txt is not text")
        }
    })?;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_link(line, "", String::new(), false, String::new());
    }
    if out.accounts.is_empty() && out.skipped.is_empty() {
        return Err(damaged(FORMAT, "Accounts.txt holds no otpauth:// links"));
    }
    Ok(())
}

/// The entry whose file name (in any folder) is `Accounts.txt`.
fn entry_index<R: std::io::Read + std::io::Seek>(archive: &zip::ZipArchive<R>) -> Option<usize> {
    (0..archive.len()).find(|&i| {
        archive.name_for_index(i).is_some_and(|name| {
            name.is_ok_and(|name| name.rsplit(['/', '\\']).next() == Some(ENTRY))
        })
    })
}
