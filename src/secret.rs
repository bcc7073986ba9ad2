//! Newtypes for secret material: OTP keys, passwords, encryption keys.
//!
//! Every type here zeroizes its memory on drop, prints as `<redacted>` under
//! `Debug`, implements neither `Display` nor `Serialize`, and hands its bytes
//! out only through an explicit `expose()` at the point of use.

use std::fmt;

use secrecy::{ExposeSecret, SecretSlice, SecretString};
use zeroize::Zeroizing;

/// Secret bytes: an OTP key, a data key, a decrypted buffer.
#[derive(Clone)]
pub struct SecretBytes(SecretSlice<u8>);

impl SecretBytes {
    /// Takes ownership of `bytes`; the vector's buffer is wiped when this value drops.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(SecretSlice::from(bytes))
    }

    /// Copies `bytes` into a new secret. The caller remains responsible for its own copy.
    pub fn from_slice(bytes: &[u8]) -> Self {
        Self::new(bytes.to_vec())
    }

    /// The secret bytes. Call only where they are used, and do not keep copies.
    pub fn expose(&self) -> &[u8] {
        self.0.expose_secret()
    }

    /// Number of bytes (not secret in itself: it is visible in any encoding).
    pub fn len(&self) -> usize {
        self.expose().len()
    }

    /// True when there are no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.expose().is_empty()
    }

    /// Equality whose running time does not depend on where the bytes differ.
    pub fn ct_eq(&self, other: &Self) -> bool {
        constant_time_eq(self.expose(), other.expose())
    }
}

impl From<Zeroizing<Vec<u8>>> for SecretBytes {
    fn from(mut bytes: Zeroizing<Vec<u8>>) -> Self {
        Self::new(std::mem::take(&mut *bytes))
    }
}

impl PartialEq for SecretBytes {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other)
    }
}

impl Eq for SecretBytes {}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBytes(<redacted>)")
    }
}

/// A password typed by a person, or read from a file or the keyring.
#[derive(Clone)]
pub struct Password(SecretString);

impl Password {
    /// Takes ownership of `text`; its buffer is wiped when this value drops.
    pub fn new(text: String) -> Self {
        Self(SecretString::from(text))
    }

    /// The password text. Call only where it is used.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// True for an empty password.
    pub fn is_empty(&self) -> bool {
        self.expose().is_empty()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// Text that carries a secret, such as an `otpauth://` URI with its key.
#[derive(Clone)]
pub struct SecretText(SecretString);

impl SecretText {
    /// Takes ownership of `text`; its buffer is wiped when this value drops.
    pub fn new(text: String) -> Self {
        Self(SecretString::from(text))
    }

    /// The text. Call only where it is shown or written because the user asked.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl PartialEq for SecretText {
    fn eq(&self, other: &Self) -> bool {
        constant_time_eq(self.expose().as_bytes(), other.expose().as_bytes())
    }
}

impl Eq for SecretText {}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretText(<redacted>)")
    }
}

/// Writes `bytes` to a new file at `path`, readable and writable by its
/// owner only (0600 on Unix); an existing file is never replaced
/// (`ErrorKind::AlreadyExists`). The file is synced before this returns.
pub fn write_new_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if written.is_err() {
        drop(file);
        let _ = std::fs::remove_file(path);
    }
    written
}

/// Compares two byte strings in time that depends only on their lengths.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// Reads a file that may hold secrets (a password file, an export, a QR
/// image) into a zeroizing buffer allocated once, from the file's size: a
/// growing `Vec` would leave copies of the first part in the memory it frees.
/// Pipes and other files of unknown size get a buffer of `limit` bytes.
/// Refuses more than `limit` bytes (`ErrorKind::FileTooLarge`).
pub fn read_file(path: &std::path::Path, limit: u64) -> std::io::Result<Zeroizing<Vec<u8>>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    let expected = if metadata.is_file() {
        metadata.len()
    } else {
        limit
    };
    if expected > limit {
        return Err(too_large(limit));
    }
    let capacity = usize::try_from(expected.saturating_add(1)).unwrap_or(usize::MAX);
    let mut bytes = Zeroizing::new(Vec::with_capacity(capacity));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

/// [`read_file`] as UTF-8 text.
pub fn read_text_file(path: &std::path::Path, limit: u64) -> std::io::Result<Zeroizing<String>> {
    let mut bytes = read_file(path, limit)?;
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(e) => {
            // The bytes come back in the error: wiped on drop.
            drop(Zeroizing::new(e.into_bytes()));
            Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "it is not UTF-8 text",
            ))
        }
    }
}

fn too_large(limit: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::FileTooLarge,
        format!("it is larger than {limit} bytes"),
    )
}

/// The largest password, setup-key or recovery-code file read: 64 KiB.
pub const MAX_SMALL_FILE: u64 = 64 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let bytes = SecretBytes::from_slice(b"hunter2-bytes");
        let password = Password::new("hunter2".into());
        let text = SecretText::new("otpauth://totp/x?secret=JBSWY3DP".into());
        let shown = format!("{bytes:?} {password:?} {text:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(!shown.contains("JBSWY3DP"), "{shown}");
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn equality_compares_content() {
        assert_eq!(
            SecretBytes::from_slice(b"abc"),
            SecretBytes::from_slice(b"abc")
        );
        assert_ne!(
            SecretBytes::from_slice(b"abc"),
            SecretBytes::from_slice(b"abd")
        );
        assert_ne!(
            SecretBytes::from_slice(b"abc"),
            SecretBytes::from_slice(b"abcd")
        );
    }
}
