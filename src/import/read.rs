//! Reading a source into what it holds. Every source ends in [`Contents`]:
//! the QR codes (or lines of text) read, with what each is; the usable
//! accounts with their metadata; the entries left out, with typed reasons.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use zeroize::Zeroizing;

#[cfg(feature = "capture")]
use crate::capture::{CaptureError, Clipboard, Image};
use crate::interop::{self, Format, InteropError, SkipReason};
use crate::otp::Label;
use crate::otp::migration::{BatchPosition, Skip};
use crate::otp::payload::{Payload, classify};
use crate::qr::{self, DecodeError, Limits};
use crate::secret::{Password, SecretText};
use crate::vault::NewEntry;

/// Where content came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A file the person pointed at (an image, a text file of links, an export).
    File(PathBuf),
    /// A capture of the screen.
    Screen,
    /// The clipboard.
    Clipboard,
    /// Text given directly (`tessera add URI`).
    Given,
}

impl Origin {
    /// The name the CLI prints: the path as given, `screen`, `clipboard`, `argument`.
    pub fn name(&self) -> String {
        match self {
            Self::File(path) => path.display().to_string(),
            Self::Screen => String::from("screen"),
            Self::Clipboard => String::from("clipboard"),
            Self::Given => String::from("argument"),
        }
    }
}

/// How a file's bytes are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// QR code images, or text with one `otpauth://` link per line.
    Codes,
    /// Another app's export file.
    Export(Format),
}

/// The kind of file `bytes` are: another app's export when its content says
/// so (never the file name), QR codes or links otherwise. Detect once, then
/// pass the kind to [`file`] (again with a password, if it asks for one).
pub fn detect(bytes: &[u8]) -> FileKind {
    interop::detect(bytes).map_or(FileKind::Codes, FileKind::Export)
}

/// One QR code (or line of text) read, with what it holds.
#[derive(Clone, Debug)]
pub struct Code {
    /// The payload, exactly as read.
    pub text: SecretText,
    /// What it is.
    pub payload: Payload,
}

/// A usable account found, with where in an export it sits.
#[derive(Clone, Debug)]
pub struct Found {
    /// The account with its group, favourite mark and notes.
    pub entry: NewEntry,
    /// For a Google Authenticator export: which part of its batch it came in.
    pub part: Option<BatchPosition>,
}

/// Why an entry of an export (another app's file, or a Google Authenticator
/// export) was left out.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LeftOutReason {
    /// From another app's export file.
    #[error(transparent)]
    Export(#[from] SkipReason),
    /// From a Google Authenticator export.
    #[error(transparent)]
    Migration(#[from] Skip),
}

/// An entry that cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// Issuer and name as the export gave them.
    pub label: Label,
    /// Why.
    pub reason: LeftOutReason,
}

/// What one source held.
#[derive(Clone, Debug)]
pub struct Contents {
    /// Where it came from.
    pub origin: Origin,
    /// The QR codes or lines of text read, in order (none for an export file).
    pub codes: Vec<Code>,
    /// The export format, when it was another app's export file.
    pub export: Option<Format>,
    /// The usable accounts, in the source's order.
    pub found: Vec<Found>,
    /// The entries left out.
    pub left_out: Vec<LeftOut>,
}

impl Contents {
    fn empty(origin: Origin) -> Self {
        Self {
            origin,
            codes: Vec::new(),
            export: None,
            found: Vec::new(),
            left_out: Vec::new(),
        }
    }

    /// The contents of payload texts (QR codes or lines), each classified;
    /// none at all is [`Problem::NoCode`].
    fn from_texts(origin: Origin, texts: Vec<SecretText>) -> Result<Self, Problem> {
        if texts.is_empty() {
            return Err(Problem::NoCode);
        }
        let mut contents = Self::empty(origin);
        for text in texts {
            let payload = classify(text.expose());
            match &payload {
                Payload::Account(account) => contents.found.push(Found {
                    entry: NewEntry::new(account.clone()),
                    part: None,
                }),
                Payload::Migration(batch) => {
                    contents
                        .found
                        .extend(batch.accounts.iter().map(|account| Found {
                            entry: NewEntry::new(account.clone()),
                            part: Some(batch.position),
                        }));
                    contents
                        .left_out
                        .extend(batch.rejected.iter().map(|rejected| LeftOut {
                            label: if rejected.label.is_empty() {
                                Label::Unnamed
                            } else {
                                Label::Named(rejected.label.clone())
                            },
                            reason: rejected.reason.clone().into(),
                        }));
                }
                Payload::BadAccount(_) | Payload::BadMigration(_) | Payload::Other(_) => {}
            }
            contents.codes.push(Code { text, payload });
        }
        Ok(contents)
    }

    /// One account given directly (typed on the add screen, `tessera add --issuer ...`).
    pub fn given(entry: NewEntry) -> Self {
        let mut contents = Self::empty(Origin::Given);
        contents.found.push(Found { entry, part: None });
        contents
    }

    /// The codes that hold no usable account, to be explained.
    pub fn not_keys(&self) -> impl Iterator<Item = &Payload> {
        self.codes
            .iter()
            .map(|code| &code.payload)
            .filter(|payload| payload.explain().is_some())
    }

    /// The parts of Google Authenticator exports read here.
    pub fn parts(&self) -> impl Iterator<Item = BatchPosition> + '_ {
        self.codes.iter().filter_map(|code| match &code.payload {
            Payload::Migration(batch) => Some(batch.position),
            _ => None,
        })
    }
}

/// Why a source gave nothing to look at.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The file could not be read.
    #[error("could not read the file: {0}")]
    Unreadable(Arc<std::io::Error>),
    /// The bytes are no image Tessera can read, or too large.
    #[error(transparent)]
    Image(#[from] DecodeError),
    /// The image (or text) holds no QR code.
    #[error(
        "no QR code found; make sure the whole code is visible and not cut off, or enter the setup key by hand"
    )]
    NoCode,
    /// A binary file that is neither an image nor an export recognised by
    /// its content (an old andOTP backup has no header to know it by).
    #[error(
        "this file is neither an image nor an export Tessera recognises by its content; a WinAuth export or an encrypted andOTP backup from before version 0.6 has nothing to recognise it by: name its format, as in tessera import --format andotp FILE (tessera import --help lists the formats)"
    )]
    Unrecognised,
    /// The screen or the clipboard could not be read.
    #[cfg(feature = "capture")]
    #[error(transparent)]
    Capture(#[from] CaptureError),
    /// Another app's export file could not be read (or needs its password).
    #[error(transparent)]
    Export(#[from] InteropError),
}

/// Reads a file the person pointed at, refusing one over the decoder's size
/// limit before reading it. The one file read both front ends share; it
/// blocks, so the app runs it off the UI thread.
pub fn load(path: &Path) -> Result<Zeroizing<Vec<u8>>, Problem> {
    let limits = Limits::default();
    let unreadable = |e| Problem::Unreadable(Arc::new(e));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > limits.max_file_bytes {
        return Err(Problem::Image(DecodeError::FileTooLarge {
            len,
            limit: limits.max_file_bytes,
        }));
    }
    drop(file);
    crate::secret::read_file(path, limits.max_file_bytes).map_err(unreadable)
}

/// What a file's bytes hold, read as `kind` (from [`detect`]); `password`
/// decrypts an encrypted export.
pub fn file(
    origin: Origin,
    bytes: &[u8],
    kind: FileKind,
    password: Option<&Password>,
) -> Result<Contents, Problem> {
    match kind {
        // Google Authenticator's own database, or its export QR codes.
        FileKind::Export(Format::GoogleAuthenticator) if !interop::is_database(bytes) => {
            file(origin, bytes, FileKind::Codes, password)
        }
        FileKind::Codes => {
            let texts = qr::file_payloads(bytes, &Limits::default()).map_err(|e| match e {
                // Text goes on being "not an image"; binary data may be an
                // export with nothing to detect it by.
                DecodeError::NotAnImage if std::str::from_utf8(bytes).is_err() => {
                    Problem::Unrecognised
                }
                e => Problem::Image(e),
            })?;
            Contents::from_texts(origin, texts)
        }
        FileKind::Export(format) => {
            let export = interop::read(bytes, format, password)?;
            if export.accounts.is_empty() && export.skipped.is_empty() {
                return Err(Problem::NoCode);
            }
            let mut contents = Contents::empty(origin);
            contents.export = Some(format);
            contents.found = export
                .accounts
                .into_iter()
                .map(|entry| Found { entry, part: None })
                .collect();
            contents.left_out = export
                .skipped
                .into_iter()
                .map(|skipped| LeftOut {
                    label: skipped.label,
                    reason: skipped.reason.into(),
                })
                .collect();
            Ok(contents)
        }
    }
}

/// What text holds, as both front ends read pasted or given text: text that
/// mentions `otpauth` gives one payload per line (several `otpauth://` links,
/// or a Google Authenticator export link; blank lines and `#` comments
/// skipped); other text is one payload, to be explained.
pub fn text(origin: Origin, text: &SecretText) -> Result<Contents, Problem> {
    let texts = if text.expose().contains("otpauth") {
        qr::file_payloads(text.expose().as_bytes(), &Limits::default())?
    } else if text.expose().trim().is_empty() {
        Vec::new()
    } else {
        vec![text.clone()]
    };
    Contents::from_texts(origin, texts)
}

/// The QR codes in RGBA pixels (a screen or clipboard capture).
#[cfg(feature = "capture")]
pub fn image(origin: Origin, image: &Image) -> Result<Contents, Problem> {
    let found = qr::decode_rgba(image.width, image.height, &image.rgba)?;
    Contents::from_texts(origin, found.into_iter().map(|f| f.text).collect())
}

/// The QR codes in 8-bit greyscale pixels.
pub fn grey(origin: Origin, width: u32, height: u32, pixels: &[u8]) -> Result<Contents, Problem> {
    let found = qr::decode_luma(width, height, pixels)?;
    Contents::from_texts(origin, found.into_iter().map(|f| f.text).collect())
}

/// What a screen capture shows.
#[cfg(feature = "capture")]
pub fn screen(capture: Result<Image, CaptureError>) -> Result<Contents, Problem> {
    image(Origin::Screen, &capture?)
}

/// What the clipboard holds: an image is decoded, text is read as [`text`].
#[cfg(feature = "capture")]
pub fn clipboard(capture: Result<Clipboard, CaptureError>) -> Result<Contents, Problem> {
    match capture? {
        Clipboard::Image(captured) => image(Origin::Clipboard, &captured),
        Clipboard::Text(copied) => text(Origin::Clipboard, &copied),
    }
}
