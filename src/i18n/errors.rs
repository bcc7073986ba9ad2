//! The core's errors as messages: each error type maps, variant by variant
//! (the matches are exhaustive, so a new variant does not build until it has
//! a message), to a [`Key`] and arguments that both front ends render.
//!
//! What stays as it is, in any language: paths, names, figures, and the
//! technical detail strings that decoders and the operating system give.

use std::path::Path;

use super::{Arg, Key, Localize, Message};
use crate::interop::{InteropError, SkipReason, WriteError};
use crate::keystore::KeystoreError;
use crate::otp::migration::{MigrationError, Skip, Unrepresentable};
use crate::otp::payload::{Other, Payload};
use crate::otp::{Base32Error, ParamsError, UriError};
use crate::qr::DecodeError;
use crate::qr::encode::EncodeError;
use crate::vault;
use crate::vault::FindError;
use crate::vault::kdf::KdfParams;
use crate::vault::recovery::RecoveryError;

fn path(path: &Path) -> Arg {
    Arg::Text(path.display().to_string())
}

/// `{:?}` of a value, as the English texts quote names the user typed.
fn quoted(value: impl std::fmt::Debug) -> Arg {
    Arg::Text(format!("{value:?}"))
}

fn text(value: impl std::fmt::Display) -> Arg {
    Arg::Text(value.to_string())
}

fn kdf(params: &KdfParams) -> Arg {
    text(params)
}

impl Localize for vault::Error {
    fn message(&self) -> Message {
        use vault::Error as E;
        let at = |key: Key, p: &Path| Message::new(key).with("path", path(p));
        match self {
            E::WrongPassword {
                path,
                unusual_kdf: None,
            } => at(Key::ErrWrongPassword, path),
            E::WrongPassword {
                path,
                unusual_kdf: Some(found),
            } => at(Key::ErrWrongPasswordUnusualKdf, path).with("found", kdf(found)),
            E::UnsafeFolder { path } => at(Key::ErrUnsafeFolder, path),
            E::LockFileLink { path } => at(Key::ErrLockFileLink, path),
            E::KeyringKeyRejected { path } => at(Key::ErrKeyringKeyRejected, path),
            E::Damaged {
                path,
                detail,
                last_good_backup,
            } => {
                let advice = match last_good_backup {
                    Some(backup) => {
                        Message::new(Key::ErrDamagedBackup).with("backup", self::path(backup))
                    }
                    None => Message::new(Key::ErrDamagedNoBackup),
                };
                at(Key::ErrDamaged, path)
                    .with("detail", detail.as_str())
                    .with("advice", advice)
            }
            E::NotAVault { path } => at(Key::ErrNotAVault, path),
            E::NewerVersion {
                path,
                found,
                supported,
            } => at(Key::ErrNewerVersion, path)
                .with("found", *found)
                .with("supported", *supported),
            E::OpenElsewhere { path } => at(Key::ErrOpenElsewhere, path),
            E::Replaced { path } => at(Key::ErrReplaced, path),
            E::KeyChanged { path } => at(Key::ErrKeyChanged, path),
            E::RolledBack { path } => at(Key::ErrRolledBack, path),
            E::HistoryDamaged { path } => at(Key::ErrHistoryDamaged, path),
            E::DifferentVault { path, source_file } => {
                at(Key::ErrDifferentVault, path).with("source", self::path(source_file))
            }
            E::CopyOfOtherVault { path, copy } => {
                at(Key::ErrCopyOfOtherVault, path).with("copy", self::path(copy))
            }
            E::CopyLocked { path, copy } => {
                at(Key::ErrCopyLocked, path).with("copy", self::path(copy))
            }
            E::NotFound { path } => at(Key::ErrNoVault, path),
            E::AlreadyExists { path } => at(Key::ErrAlreadyExists, path),
            E::WeakKdf { path, found, floor } => at(Key::ErrWeakKdf, path)
                .with("found", kdf(found))
                .with("floor", kdf(floor)),
            E::ExcessiveKdf {
                path,
                found,
                ceiling,
            } => at(Key::ErrExcessiveKdf, path)
                .with("found", kdf(found))
                .with("ceiling", kdf(ceiling)),
            E::NoSuchSlot { path, slot } => {
                let slot = if *slot == "keyring" {
                    Key::SlotKeyring
                } else {
                    Key::SlotPassword
                };
                at(Key::ErrNoSuchSlot, path).with("slot", Message::new(slot))
            }
            E::Gone => Message::new(Key::ErrGone),
            E::Cancelled => Message::new(Key::ErrCancelled),
            E::NotCounterBased { label } => {
                Message::new(Key::ErrNotCounterBased).with("label", label)
            }
            E::CounterAtMax { label } => Message::new(Key::ErrCounterAtMax).with("label", label),
            E::Params(e) => e.message(),
            E::Recovery(e) => e.message(),
            E::KdfRejected { params } => {
                Message::new(Key::ErrKdfRejected).with("params", kdf(params))
            }
            E::Io {
                action,
                path,
                source,
            } => at(Key::ErrIo, path)
                .with("action", io_action(action))
                .with("reason", source.message()),
            E::Random(detail) => Message::new(Key::ErrRandom).with("detail", detail.to_string()),
        }
    }
}

/// The verbs `vault::Error::Io` names.
fn io_action(action: &str) -> Arg {
    let key = match action {
        "read" => Key::IoActionRead,
        "write" => Key::IoActionWrite,
        "save" => Key::IoActionSave,
        "flush" => Key::IoActionFlush,
        "lock" => Key::IoActionLock,
        "create the directory" | "create the folder" => Key::IoActionCreateFolder,
        "rotate the backup" => Key::IoActionRotateBackup,
        "delete" => Key::IoActionDelete,
        other => return Arg::Text(other.to_owned()),
    };
    Message::new(key).into()
}

/// The common kinds of OS error have messages; others keep the system's text.
impl Localize for std::io::Error {
    fn message(&self) -> Message {
        use std::io::ErrorKind as K;
        let key = match self.kind() {
            K::NotFound => Key::IoNotFound,
            K::PermissionDenied => Key::IoPermissionDenied,
            K::AlreadyExists => Key::IoAlreadyExists,
            K::StorageFull => Key::IoStorageFull,
            K::ReadOnlyFilesystem => Key::IoReadOnly,
            K::IsADirectory => Key::IoIsADirectory,
            K::InvalidData => Key::IoInvalidData,
            _ => return Message::new(Key::Verbatim).with("text", self.to_string()),
        };
        Message::new(key)
    }
}

impl Localize for KeystoreError {
    fn message(&self) -> Message {
        match self {
            Self::Unavailable { reason } => {
                Message::new(Key::ErrKeyringUnavailable).with("reason", reason.as_str())
            }
            Self::Damaged { reason } => {
                Message::new(Key::ErrKeyringItemDamaged).with("reason", reason.as_str())
            }
            Self::InvalidVaultId { vault_id } => {
                Message::new(Key::ErrInvalidVaultId).with("vault_id", vault_id.as_str())
            }
        }
    }
}

impl Localize for Base32Error {
    fn message(&self) -> Message {
        match self {
            Self::InvalidCharacter {
                character,
                position,
            } => Message::new(Key::ErrKeyCharacter)
                .with("character", quoted(character))
                .with("position", *position),
            Self::Empty => Message::new(Key::ErrKeyEmpty),
            Self::MisplacedPadding { position } => {
                Message::new(Key::ErrKeyPadding).with("position", *position)
            }
        }
    }
}

impl Localize for ParamsError {
    fn message(&self) -> Message {
        match self {
            Self::DigitsOutOfRange { found } => Message::new(Key::ErrDigits).with("found", *found),
            Self::ZeroPeriod => Message::new(Key::ErrZeroPeriod),
            Self::SteamIsFixed => Message::new(Key::ErrSteamIsFixed),
            Self::EmptySecret => Message::new(Key::ErrKeyEmpty),
        }
    }
}

impl Localize for UriError {
    fn message(&self) -> Message {
        match self {
            Self::NotAUri => Message::new(Key::ErrNotAUri),
            Self::UnsupportedScheme { scheme } => {
                Message::new(Key::ErrUriScheme).with("scheme", scheme.as_str())
            }
            Self::Migration => Message::new(Key::ErrUriMigration),
            Self::UnsupportedType { found } => {
                Message::new(Key::ErrUriType).with("found", quoted(found))
            }
            Self::BadEncoding { part } => {
                Message::new(Key::ErrUriEncoding).with("part", part.as_str())
            }
            Self::MissingSecret => Message::new(Key::ErrUriNoSecret),
            Self::InvalidSecret(e) => e.message(),
            Self::UnsupportedAlgorithm { found } => {
                Message::new(Key::ErrUriAlgorithm).with("found", quoted(found))
            }
            Self::NotANumber { param, value } => Message::new(Key::ErrUriNotANumber)
                .with("param", *param)
                .with("value", quoted(value)),
            Self::DigitsOutOfRange { found } => {
                Message::new(Key::ErrUriDigits).with("found", *found)
            }
            Self::ZeroPeriod => Message::new(Key::ErrUriZeroPeriod),
            Self::HotpWithoutCounter => Message::new(Key::ErrUriNoCounter),
            Self::Params(e) => e.message(),
        }
    }
}

impl Localize for MigrationError {
    fn message(&self) -> Message {
        match self {
            Self::NotMigration => Message::new(Key::ErrNotMigration),
            Self::MissingData => Message::new(Key::ErrMigrationNoData),
            Self::TooLarge { len } => Message::new(Key::ErrMigrationTooLarge).with("len", *len),
            Self::BadBase64 => Message::new(Key::ErrMigrationBase64),
            Self::BadPayload => Message::new(Key::ErrMigrationDamaged),
        }
    }
}

impl Localize for Skip {
    fn message(&self) -> Message {
        match self {
            Self::NoSecret => Message::new(Key::SkipNoSecret),
            Self::Algorithm(name) => {
                Message::new(Key::SkipUnsupportedAlgorithm).with("name", name.as_str())
            }
            Self::Unknown(what) => Message::new(Key::SkipUnknownValue).with("what", *what),
            Self::NegativeCounter => Message::new(Key::SkipNegativeCounter),
        }
    }
}

impl Localize for Unrepresentable {
    fn message(&self) -> Message {
        match self {
            Self::Steam => Message::new(Key::ExportNoSteam),
            Self::Period(secs) => Message::new(Key::ExportOnly30s).with("secs", *secs),
            Self::Digits(digits) => Message::new(Key::ExportOnly6or8).with("digits", *digits),
            Self::Counter => Message::new(Key::ExportCounterTooLarge),
        }
    }
}

impl Localize for DecodeError {
    fn message(&self) -> Message {
        let size = |key: Key, width: u32, height: u32| {
            Message::new(key)
                .with("width", width)
                .with("height", height)
        };
        match self {
            Self::NotAnImage => Message::new(Key::ErrNotAnImage),
            Self::Unsupported { format } => {
                Message::new(Key::ErrImageFormat).with("format", format.as_str())
            }
            Self::Truncated => Message::new(Key::ErrImageTruncated),
            Self::Unreadable => Message::new(Key::ErrImageUnreadable),
            Self::Corrupt { detail } => {
                Message::new(Key::ErrImageCorrupt).with("detail", detail.as_str())
            }
            Self::Empty { width, height } => size(Key::ErrImageEmpty, *width, *height),
            Self::TooSmall { width, height, min } => {
                size(Key::ErrImageTooSmall, *width, *height).with("min", *min)
            }
            Self::TooLarge {
                width,
                height,
                limit,
            } => size(Key::ErrImageTooLarge, *width, *height).with("limit", *limit),
            Self::FileTooLarge { len, limit } => Message::new(Key::ErrImageFileTooLarge)
                .with("len", *len)
                .with("limit", *limit),
            Self::OutOfMemoryLimit { limit } => {
                Message::new(Key::ErrImageMemory).with("mib", *limit / (1024 * 1024))
            }
            Self::BadPixelBuffer { width, height, len } => {
                size(Key::ErrPixelBuffer, *width, *height).with("len", *len)
            }
        }
    }
}

impl Localize for EncodeError {
    fn message(&self) -> Message {
        match self {
            Self::TooLong { len } => Message::new(Key::ErrQrTooLong).with("len", *len),
            Self::Png(detail) => Message::new(Key::ErrQrImage).with("detail", detail.as_str()),
        }
    }
}

impl Localize for FindError {
    fn message(&self) -> Message {
        match self {
            Self::NoMatch { query } => Message::new(Key::ErrNoEntry).with("query", quoted(query)),
            Self::Ambiguous {
                query,
                count,
                examples,
            } => Message::new(Key::ErrAmbiguousEntry)
                .with("query", quoted(query))
                .with("count", *count)
                .with(
                    "examples",
                    Arg::List(examples.iter().map(Arg::from).collect()),
                ),
        }
    }
}

impl Localize for crate::brand::Error {
    fn message(&self) -> Message {
        match self {
            Self::Unknown { given, nearest } if nearest.is_empty() => {
                Message::new(Key::ErrBrandUnknown).with("given", quoted(given))
            }
            Self::Unknown { given, nearest } => Message::new(Key::ErrBrandUnknownNearest)
                .with("given", quoted(given))
                .with("nearest", Arg::List(nearest.iter().map(text).collect())),
        }
    }
}

impl Localize for RecoveryError {
    fn message(&self) -> Message {
        match self {
            Self::NoneFound => Message::new(Key::ErrRecoveryNoneFound),
            Self::TooMany => {
                Message::new(Key::ErrRecoveryTooMany).with("max", crate::vault::recovery::MAX_CODES)
            }
            Self::Unknown => Message::new(Key::ErrRecoveryUnknown),
            Self::AlreadyUsed(at) => Message::new(Key::ErrRecoveryUsed).with("at", at.secs()),
        }
    }
}

#[cfg(feature = "capture")]
impl Localize for crate::capture::CaptureError {
    fn message(&self) -> Message {
        match self {
            Self::NoDisplay => Message::new(Key::ErrNoDisplay),
            Self::X11 { reason } => Message::new(Key::ErrX11).with("reason", reason.as_str()),
            Self::Portal { reason } => Message::new(Key::ErrPortal).with("reason", reason.as_str()),
            Self::Cancelled => Message::new(Key::ErrCaptureCancelled),
            Self::TooLarge {
                width,
                height,
                limit,
            } => Message::new(Key::ErrCaptureTooLarge)
                .with("width", *width)
                .with("height", *height)
                .with("limit", *limit),
            Self::Unreadable { reason } => {
                Message::new(Key::ErrScreenshotUnreadable).with("reason", reason.as_str())
            }
            Self::ClipboardEmpty => Message::new(Key::ErrClipboardEmpty),
            Self::ClipboardUnavailable { reason } => {
                Message::new(Key::ErrClipboardUnavailable).with("reason", reason.as_str())
            }
        }
    }
}

impl Localize for InteropError {
    fn message(&self) -> Message {
        match self {
            Self::PasswordNeeded { format } => {
                Message::new(Key::ErrExportPasswordNeeded).with("format", text(format))
            }
            Self::WrongPassword { format } => {
                Message::new(Key::ErrExportWrongPassword).with("format", text(format))
            }
            Self::Damaged { format, detail } => Message::new(Key::ErrExportDamaged)
                .with("format", text(format))
                .with("detail", detail.as_str()),
            Self::FingerprintOnly { format } => {
                Message::new(Key::ErrExportFingerprintOnly).with("format", text(format))
            }
            Self::Protected { format } => {
                Message::new(Key::ErrExportProtected).with("format", text(format))
            }
            Self::UnknownVersion { format, found } => Message::new(Key::ErrExportUnknownVersion)
                .with("format", text(format))
                .with("found", found.as_str()),
            Self::TooCostly { format } => {
                Message::new(Key::ErrExportTooCostly).with("format", text(format))
            }
            Self::TooSlow { format } => {
                Message::new(Key::ErrExportTooSlow).with("format", text(format))
            }
            Self::TooMany { format, limit } => Message::new(Key::ErrExportTooMany)
                .with("format", text(format))
                .with("limit", *limit),
            Self::Unpacks { format, limit_mib } => Message::new(Key::ErrExportUnpacks)
                .with("format", text(format))
                .with("limit", *limit_mib),
            Self::TooLarge { len } => Message::new(Key::ErrExportTooLarge).with("len", *len),
        }
    }
}

impl Localize for SkipReason {
    fn message(&self) -> Message {
        match self {
            Self::Type(kind) => Message::new(Key::SkipType).with("kind", quoted(kind)),
            Self::Algorithm(name) => Message::new(Key::SkipAlgorithm).with("name", name.as_str()),
            Self::Key(e) => e.message(),
            Self::Params(e) => e.message(),
            Self::Link(e) => e.message(),
            Self::KeyEncoding(encoding) => {
                Message::new(Key::SkipKeyEncoding).with("encoding", encoding.as_str())
            }
            Self::Trashed => Message::new(Key::SkipTrashed),
            Self::Encrypted => Message::new(Key::SkipEncrypted),
            Self::NoCodes => Message::new(Key::SkipNoCodes),
        }
    }
}

impl Localize for WriteError {
    fn message(&self) -> Message {
        match self {
            Self::Random => Message::new(Key::ErrWriteRandom),
            Self::Encode => Message::new(Key::ErrWriteEncode),
        }
    }
}

/// Why a scanned payload gives no account; `None` when it gives one.
pub fn explain(payload: &Payload) -> Option<Message> {
    match payload {
        Payload::Account(_) => None,
        Payload::Migration(batch) if !batch.accounts.is_empty() => None,
        Payload::Migration(_) => Some(Message::new(Key::ExplainEmptyExport)),
        Payload::BadAccount(e) => Some(e.message()),
        Payload::BadMigration(e) => Some(e.message()),
        Payload::Other(other) => {
            let what = match other {
                Other::WebAddress => Key::OtherWebAddress,
                Other::WiFi => Key::OtherWifi,
                Other::Email => Key::OtherEmail,
                Other::Phone => Key::OtherPhone,
                Other::Contact => Key::OtherContact,
                Other::Text => Key::OtherText,
            };
            Some(Message::new(Key::ExplainNotAKey).with("what", Message::new(what)))
        }
    }
}

impl Localize for crate::import::LeftOutReason {
    fn message(&self) -> Message {
        match self {
            Self::Export(reason) => reason.message(),
            Self::Migration(reason) => reason.message(),
        }
    }
}

impl Localize for crate::import::Problem {
    fn message(&self) -> Message {
        match self {
            Self::Unreadable(e) => {
                Message::new(Key::ErrImportUnreadable).with("reason", e.message())
            }
            Self::Image(e) => e.message(),
            Self::NoCode => Message::new(Key::ErrImportNoCode),
            Self::Unrecognised => Message::new(Key::ErrImportUnrecognised),
            #[cfg(feature = "capture")]
            Self::Capture(e) => e.message(),
            Self::Export(e) => e.message(),
        }
    }
}

impl Localize for crate::keystore::EnableError {
    fn message(&self) -> Message {
        match self {
            Self::Keyring(e) => e.message(),
            Self::Vault(e) => e.message(),
        }
    }
}

impl Localize for crate::clock::sntp::SntpError {
    fn message(&self) -> Message {
        use crate::clock::sntp::SntpError as E;
        match self {
            E::BadServer { given } => {
                Message::new(Key::ErrSntpBadServer).with("given", quoted(given))
            }
            E::Resolve { server, detail } => Message::new(Key::ErrSntpResolve)
                .with("server", server.as_str())
                .with("detail", detail.as_str()),
            E::NoAnswer { server, seconds } => Message::new(Key::ErrSntpNoAnswer)
                .with("server", server.as_str())
                .with("seconds", *seconds),
            E::Refused { server, code } => Message::new(Key::ErrSntpRefused)
                .with("server", server.as_str())
                .with("code", code.as_str()),
            E::Unsynchronised { server } => {
                Message::new(Key::ErrSntpUnsynchronised).with("server", server.as_str())
            }
            E::Network { server, detail } => Message::new(Key::ErrSntpNetwork)
                .with("server", server.as_str())
                .with("detail", detail.as_str()),
        }
    }
}
