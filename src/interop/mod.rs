//! Other authenticators' export files and app storage, one module per app
//! (the registry is [`Format::ALL`]): JSON exports, encrypted backups, zip
//! archives, Android preferences XML and SQLite databases.
//! Each becomes a list of accounts with the metadata Tessera keeps
//! (group, favourite, notes); entries that cannot be used are listed with the
//! reason instead of failing the whole file.
//!
//! No I/O: callers hand in the file's bytes and, for encrypted files, the
//! password. Detection looks at the content (the JSON's shape, a CSV header,
//! a binary header), never the file name.
//! `docs/interop.md` records each format and what is kept of it.

mod aegis;
mod andotp;
mod authplus;
mod authy;
mod battlenet;
mod bitwarden;
mod bitwarden_csv;
mod database;
mod de;
mod duo;
mod ente;
mod export_aegis;
mod export_html;
mod export_twofas;
mod freeotp;
mod freeotp2;
mod javaser;
mod prefs;
mod proton;
mod shape;
mod sodium;
mod steam;
mod stratum;
mod totpauth;
mod twofas;
mod winauth;

use thiserror::Error;

use crate::otp::{
    Account, Algorithm, Base32Error, Kind, Label, Params, ParamsError, UriError, decode_base32,
};
use crate::secret::Password;

/// Export files larger than this are refused (real exports are kilobytes).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// An export format Tessera reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Aegis Authenticator's JSON vault export.
    Aegis,
    /// 2FAS Authenticator's `.2fas` backup.
    TwoFas,
    /// andOTP's backup: plain JSON or encrypted `.json.aes`.
    AndOtp,
    /// Authenticator Plus' export: a password-protected zip of links.
    AuthenticatorPlus,
    /// Authy's Android token storage (SharedPreferences XML).
    Authy,
    /// The Battle.net app's authenticator (its Android preferences XML).
    BattleNet,
    /// Bitwarden's export: JSON (the `login.totp` fields) or CSV.
    Bitwarden,
    /// Duo Mobile's `accounts.json`.
    Duo,
    /// Ente Auth's export: plain text (otpauth:// links) or encrypted JSON.
    Ente,
    /// FreeOTP: its storage, `tokens.xml` (1.x), and its backups (2.x: a
    /// Java-serialized map, password-encrypted).
    FreeOtp,
    /// FreeOTP+'s JSON backup (its internal `tokens.xml` is read too).
    FreeOtpPlus,
    /// Google Authenticator's own database (its export QR codes are read as `qr`).
    GoogleAuthenticator,
    /// Microsoft Authenticator's own database (`PhoneFactor`).
    MicrosoftAuthenticator,
    /// Proton Authenticator's JSON export, plain or encrypted.
    Proton,
    /// Steam Desktop Authenticator / Steam mobile `.maFile` JSON.
    Steam,
    /// Authenticator Pro (now Stratum) backups: JSON, encrypted or legacy-encrypted.
    Stratum,
    /// TOTP Authenticator's backup (base64 of AES-CBC) or its preferences XML.
    TotpAuthenticator,
    /// WinAuth's text export (read only when named: it looks like a link list).
    WinAuth,
}

impl Format {
    /// Every format Tessera reads: the registry the command line's
    /// `--format` names, the fuzz target and the tests walk.
    pub const ALL: &'static [Self] = &[
        Self::Aegis,
        Self::TwoFas,
        Self::AndOtp,
        Self::AuthenticatorPlus,
        Self::Authy,
        Self::BattleNet,
        Self::Bitwarden,
        Self::Duo,
        Self::Ente,
        Self::FreeOtp,
        Self::FreeOtpPlus,
        Self::GoogleAuthenticator,
        Self::MicrosoftAuthenticator,
        Self::Proton,
        Self::Steam,
        Self::Stratum,
        Self::TotpAuthenticator,
        Self::WinAuth,
    ];

    /// The app's name, for messages.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Aegis => "Aegis",
            Self::TwoFas => "2FAS",
            Self::AndOtp => "andOTP",
            Self::AuthenticatorPlus => "Authenticator Plus",
            Self::Authy => "Authy",
            Self::BattleNet => "Battle.net",
            Self::Bitwarden => "Bitwarden",
            Self::Duo => "Duo Mobile",
            Self::Ente => "Ente Auth",
            Self::FreeOtp => "FreeOTP",
            Self::FreeOtpPlus => "FreeOTP+",
            Self::GoogleAuthenticator => "Google Authenticator",
            Self::MicrosoftAuthenticator => "Microsoft Authenticator",
            Self::Proton => "Proton Authenticator",
            Self::Steam => "Steam",
            Self::Stratum => "Authenticator Pro",
            Self::TotpAuthenticator => "TOTP Authenticator",
            Self::WinAuth => "WinAuth",
        }
    }

    /// The name `tessera import --format` takes.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Aegis => "aegis",
            Self::TwoFas => "2fas",
            Self::AndOtp => "andotp",
            Self::AuthenticatorPlus => "authenticator-plus",
            Self::Authy => "authy",
            Self::BattleNet => "battle-net",
            Self::Bitwarden => "bitwarden",
            Self::Duo => "duo",
            Self::Ente => "ente",
            Self::FreeOtp => "freeotp",
            Self::FreeOtpPlus => "freeotp-plus",
            Self::GoogleAuthenticator => "google-authenticator",
            Self::MicrosoftAuthenticator => "microsoft-authenticator",
            Self::Proton => "proton",
            Self::Steam => "steam",
            Self::Stratum => "stratum",
            Self::TotpAuthenticator => "totp-authenticator",
            Self::WinAuth => "winauth",
        }
    }

    /// The format `--format` names by `id`.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|format| format.id() == id)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One account from an export, with the metadata Tessera keeps: the vault's
/// [`NewEntry`](crate::vault::NewEntry), under the name export readers use.
pub type Imported = crate::vault::NewEntry;

/// An entry of the export that was left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Issuer and name as the export gave them.
    pub label: Label,
    /// Why.
    pub reason: SkipReason,
}

/// Why an export entry cannot be an account.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SkipReason {
    /// mOTP, Yandex and other kinds Tessera does not generate.
    #[error("its type {0:?} is not one Tessera generates (TOTP, HOTP and Steam are)")]
    Type(String),
    /// MD5 or another hash Tessera does not use.
    #[error("it uses the {0} algorithm, which Tessera does not")]
    Algorithm(String),
    /// The key is not base32.
    #[error(transparent)]
    Key(#[from] Base32Error),
    /// The parameters cannot give codes.
    #[error(transparent)]
    Params(#[from] ParamsError),
    /// Its `otpauth://` link is not usable.
    #[error(transparent)]
    Link(#[from] UriError),
    /// The other app sealed its key with a key that never leaves the phone.
    #[error(
        "its key is encrypted with a key that stays on the phone; add this account again from the service's security settings"
    )]
    Encrypted,
    /// An account that approves sign-ins by notification and has no codes.
    #[error("it approves sign-ins by notification and has no codes")]
    NoCodes,
    /// The key is not written in the encoding the file names (hex, base64).
    #[error("its key is not valid {0}")]
    KeyEncoding(String),
    /// The other app had it in its trash (deleted, kept for undo).
    #[error("it is in the other app's trash")]
    Trashed,
}

/// What an export file held.
#[derive(Debug)]
pub struct Export {
    /// The format it was read as.
    pub format: Format,
    /// The usable accounts, in the file's order.
    pub accounts: Vec<Imported>,
    /// The entries left out.
    pub skipped: Vec<Skipped>,
}

/// Why an export file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InteropError {
    /// The file is encrypted and no password was given.
    #[error("this {format} export is encrypted; it needs the password it was exported with")]
    PasswordNeeded {
        /// The format.
        format: Format,
    },
    /// The password does not decrypt it.
    #[error(
        "the password does not decrypt this {format} export; use the password chosen when exporting (it may differ from the app's unlock password)"
    )]
    WrongPassword {
        /// The format.
        format: Format,
    },
    /// The file has the format's shape but its content is broken.
    #[error("this {format} export is damaged ({detail}); export it from {format} again")]
    Damaged {
        /// The format.
        format: Format,
        /// What is wrong (never secret content).
        detail: String,
    },
    /// Only a fingerprint (the phone's biometric key) unlocks it.
    #[error(
        "this {format} export can only be unlocked by fingerprint; export from {format} again with a password (or without one)"
    )]
    FingerprintOnly {
        /// The format.
        format: Format,
    },
    /// Protected in a way Tessera does not read (Bitwarden's account-bound
    /// or password-protected exports).
    #[error(
        "this {format} export is password-protected in a way Tessera does not read; export from {format} again unencrypted (or as otpauth:// links)"
    )]
    Protected {
        /// The format.
        format: Format,
    },
    /// A version of the format Tessera does not know.
    #[error(
        "this {format} export has version {found}, which Tessera does not read; export from {format} again as otpauth:// links, or update Tessera"
    )]
    UnknownVersion {
        /// The format.
        format: Format,
        /// The version the file names, as written there.
        found: String,
    },
    /// The key-derivation settings in the file would take too much memory or time.
    #[error(
        "this {format} export asks for more memory or time to check its password than Tessera allows; it is damaged or was not made by {format}"
    )]
    TooCostly {
        /// The format.
        format: Format,
    },
    /// Reading it took longer than any real file does (a hostile database).
    #[error("this {format} file takes too long to read; it is damaged or was not made by {format}")]
    TooSlow {
        /// The format.
        format: Format,
    },
    /// More entries than any real file holds.
    #[error(
        "this {format} file holds more than {limit} entries, more than any real one; it is damaged or was not made by {format}"
    )]
    TooMany {
        /// The format.
        format: Format,
        /// The most Tessera reads.
        limit: usize,
    },
    /// An archive whose content unpacks to more than any real export (a zip bomb).
    #[error(
        "this {format} export unpacks to more than {limit_mib} MiB, more than any real one; it is damaged or was not made by {format}"
    )]
    Unpacks {
        /// The format.
        format: Format,
        /// The most Tessera unpacks, in MiB.
        limit_mib: u64,
    },
    /// Larger than any real export.
    #[error("this file is {len} bytes, larger than any authenticator export Tessera reads")]
    TooLarge {
        /// The file's size.
        len: usize,
    },
}

/// The format of an export file, when it is one Tessera reads.
///
/// A plain list of `otpauth://` links is not an export (the `uris` reader
/// takes it), except Ente's, whose links carry Ente's `codeDisplay`.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if bytes.len() > MAX_FILE_BYTES {
        return None;
    }
    if stratum::looks_like_encrypted(bytes) {
        return Some(Format::Stratum);
    }
    if database::is_database(bytes) {
        return database::detect(bytes);
    }
    if freeotp2::looks_like(bytes) {
        return Some(Format::FreeOtp);
    }
    if authplus::looks_like(bytes) {
        return Some(Format::AuthenticatorPlus);
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return andotp::looks_like_encrypted(bytes).then_some(Format::AndOtp);
    };
    let text = text.trim_start_matches('\u{feff}');
    let start = text.trim_start().as_bytes().first()?;
    if *start != b'{' && *start != b'[' {
        if bitwarden_csv::looks_like(text) {
            return Some(Format::Bitwarden);
        }
        if ente::looks_like_text(text) {
            return Some(Format::Ente);
        }
        if authy::looks_like(text) {
            return Some(Format::Authy);
        }
        if battlenet::looks_like(text) {
            return Some(Format::BattleNet);
        }
        if freeotp::looks_like_xml(text) {
            return Some(Format::FreeOtp);
        }
        if totpauth::looks_like_xml(text) || totpauth::looks_like_backup(text) {
            return Some(Format::TotpAuthenticator);
        }
        return None;
    }
    shape::detect(text)
}

/// Reads an export file of `format`; `password` decrypts encrypted ones.
pub fn read(
    bytes: &[u8],
    format: Format,
    password: Option<&Password>,
) -> Result<Export, InteropError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(InteropError::TooLarge { len: bytes.len() });
    }
    let mut out = Export {
        format,
        accounts: Vec::new(),
        skipped: Vec::new(),
    };
    match format {
        Format::Aegis => aegis::read(object(bytes, format)?, password, &mut out)?,
        Format::TwoFas => twofas::read(object(bytes, format)?, password, &mut out)?,
        Format::AndOtp => andotp::read(bytes, password, &mut out)?,
        Format::AuthenticatorPlus => authplus::read(bytes, password, &mut out)?,
        Format::Bitwarden => match object(bytes, format) {
            Ok(file) => bitwarden::read(file, &mut out)?,
            Err(e) => match std::str::from_utf8(bytes) {
                Ok(text) if bitwarden_csv::looks_like(text) => bitwarden_csv::read(text, &mut out)?,
                _ => return Err(e),
            },
        },
        Format::FreeOtp if freeotp2::looks_like(bytes) => {
            freeotp2::read(bytes, password, &mut out)?
        }
        Format::FreeOtp | Format::FreeOtpPlus => match std::str::from_utf8(bytes) {
            Ok(text) if prefs::looks_like(text) => freeotp::read_xml(text, &mut out)?,
            _ => freeotp::read(object(bytes, format)?, &mut out)?,
        },
        Format::Ente => ente::read(bytes, password, &mut out)?,
        Format::GoogleAuthenticator => database::read_google(bytes, &mut out)?,
        Format::MicrosoftAuthenticator => database::read_microsoft(bytes, &mut out)?,
        Format::Proton => proton::read(object(bytes, format)?, password, &mut out)?,
        Format::Stratum => stratum::read(bytes, password, &mut out)?,
        Format::Steam => steam::read(object(bytes, format)?, &mut out)?,
        Format::Duo => duo::read(de::from_file(bytes, format)?, &mut out)?,
        Format::WinAuth => winauth::read(bytes, &mut out)?,
        Format::TotpAuthenticator => totpauth::read(bytes, password, &mut out)?,
        Format::BattleNet => battlenet::read(
            std::str::from_utf8(bytes).map_err(|_| damaged(format, "it is not text"))?,
            &mut out,
        )?,
        Format::Authy => authy::read(
            std::str::from_utf8(bytes).map_err(|_| damaged(format, "it is not text"))?,
            password,
            &mut out,
        )?,
    }
    Ok(out)
}

/// The file as a JSON object of `T`'s fields (every field missing when the
/// JSON is not an object), or why it is not JSON.
fn object<T: serde::de::DeserializeOwned + Default>(
    bytes: &[u8],
    format: Format,
) -> Result<T, InteropError> {
    de::from_file::<de::Object<T>>(bytes, format).map(de::Object::or_empty)
}

/// `InteropError::Damaged` for `format` with a fixed detail.
fn damaged(format: Format, detail: &str) -> InteropError {
    InteropError::Damaged {
        format,
        detail: detail.to_owned(),
    }
}

/// Standard base64 (padding optional, surrounding whitespace ignored),
/// decoded into a zeroizing buffer allocated once.
fn base64_decode(text: &str) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    use base64::Engine as _;
    let text = text.trim();
    let decode = |engine: &base64::engine::GeneralPurpose| {
        let mut bytes =
            zeroize::Zeroizing::new(Vec::with_capacity(base64::decoded_len_estimate(text.len())));
        // A failed decoding's partial output is wiped as `bytes` drops.
        engine.decode_vec(text, &mut bytes).ok().map(|()| bytes)
    };
    decode(&base64::engine::general_purpose::STANDARD)
        .or_else(|| decode(&base64::engine::general_purpose::STANDARD_NO_PAD))
}

/// One account to write into another app's format, with its metadata.
#[derive(Clone, Debug)]
pub struct Outgoing<'a> {
    /// The account.
    pub account: &'a Account,
    /// Its group, or empty.
    pub group: &'a str,
    /// A favourite.
    pub favourite: bool,
    /// Its note, or empty.
    pub notes: &'a str,
    /// Its recovery codes not used yet (the printable sheet lists them).
    pub recovery_codes: Vec<&'a str>,
}

impl<'a> Outgoing<'a> {
    /// A vault entry as the writers take it (its unused recovery codes only).
    pub fn of(entry: &'a crate::vault::Entry) -> Self {
        Self {
            account: &entry.account,
            group: &entry.group,
            favourite: entry.favourite,
            notes: &entry.notes,
            recovery_codes: entry
                .recovery_codes
                .iter()
                .filter(|code| code.used_at.is_none())
                .map(|code| code.code.expose())
                .collect(),
        }
    }
}

/// One `otpauth://` link per line (`export --format uris`).
pub fn links(items: &[Outgoing<'_>]) -> zeroize::Zeroizing<Vec<u8>> {
    let mut text = zeroize::Zeroizing::new(Vec::new());
    for item in items {
        text.extend_from_slice(item.account.to_uri().expose().as_bytes());
        text.push(b'\n');
    }
    text
}

/// A format Tessera writes for other apps to import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Aegis' vault export (JSON, database version 3).
    Aegis,
    /// 2FAS' backup (schema 4).
    TwoFas,
}

/// Why an export file could not be written.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The system's random number generator failed.
    #[error("the system's random number generator failed; nothing was written, try again")]
    Random,
    /// Serialising or encrypting failed (not expected with valid accounts).
    #[error("the export could not be encoded; nothing was written")]
    Encode,
}

/// The bytes of an export file in `target`'s format: encrypted under
/// `password`, plain without one. `now_ms` (milliseconds since 1970) stamps
/// the formats that record a time.
pub fn write(
    target: Target,
    items: &[Outgoing<'_>],
    password: Option<&Password>,
    now_ms: u64,
) -> Result<zeroize::Zeroizing<Vec<u8>>, WriteError> {
    match target {
        Target::Aegis => export_aegis::write(items, password),
        Target::TwoFas => export_twofas::write(items, password, now_ms),
    }
}

/// The printable backup sheet (self-contained HTML) for `items`; `date` is
/// printed in its header as given.
pub fn sheet(
    items: &[Outgoing<'_>],
    date: &str,
) -> Result<zeroize::Zeroizing<Vec<u8>>, WriteError> {
    export_html::write(items, date)
}

/// The length of `value` as compact JSON, measured without writing it.
fn json_len<T: serde::Serialize>(value: &T) -> Result<usize, WriteError> {
    /// Counts what is written, keeps nothing.
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    serde_json::to_writer(&mut count, value).map_err(|_| WriteError::Encode)?;
    Ok(count.0)
}

/// `value` as compact JSON in a zeroizing buffer of exactly its length
/// (measured first): writing it never grows the buffer, so no copy of the
/// secrets in it is left behind in freed memory.
fn json_exact<T: serde::Serialize>(value: &T) -> Result<zeroize::Zeroizing<Vec<u8>>, WriteError> {
    let mut out = zeroize::Zeroizing::new(Vec::with_capacity(json_len(value)?));
    serde_json::to_writer(&mut *out, value).map_err(|_| WriteError::Encode)?;
    Ok(out)
}

/// `N` random bytes from the OS.
fn random<const N: usize>() -> Result<[u8; N], WriteError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| WriteError::Random)?;
    Ok(bytes)
}

/// A random (version 4) UUID.
fn random_uuid() -> Result<String, WriteError> {
    Ok(uuid::Builder::from_random_bytes(random::<16>()?)
        .into_uuid()
        .to_string())
}

/// What AES-256-GCM sealing gives: the nonce, the ciphertext and the tag.
struct Sealed {
    nonce: [u8; 12],
    ciphertext: Vec<u8>,
    tag: Vec<u8>,
}

/// AES-256-GCM under a fresh random nonce.
fn seal(key: &[u8], plain: &[u8]) -> Result<Sealed, WriteError> {
    use aes_gcm::aead::{Aead, KeyInit};
    let nonce = random::<12>()?;
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(key).map_err(|_| WriteError::Encode)?;
    let mut ciphertext = cipher
        .encrypt(aes_gcm::Nonce::from_slice(&nonce), plain)
        .map_err(|_| WriteError::Encode)?;
    let tag = ciphertext.split_off(ciphertext.len() - 16);
    Ok(Sealed {
        nonce,
        ciphertext,
        tag,
    })
}

/// Lower-case hex.
fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The fields every format has, in the words of the exporting app.
struct Fields<'a> {
    issuer: &'a str,
    name: &'a str,
    kind: &'a str,
    secret: &'a str,
    algorithm: &'a str,
    digits: u64,
    period: u64,
    counter: u64,
}

impl<'a> Fields<'a> {
    /// An entry with the parameters most apps never change: SHA-1, 6
    /// digits, 30 seconds, counter 0 (override the others with `..`).
    const fn new(issuer: &'a str, name: &'a str, kind: &'a str, secret: &'a str) -> Self {
        Self {
            issuer,
            name,
            kind,
            secret,
            algorithm: "SHA1",
            digits: 6,
            period: 30,
            counter: 0,
        }
    }
}

/// Whether the bytes are a SQLite database (read by the database formats).
pub fn is_database(bytes: &[u8]) -> bool {
    database::is_database(bytes)
}

/// How an entry is named in the report: `issuer (name)`.
fn label(issuer: &str, name: &str) -> Label {
    Label::of(issuer, name)
}

impl Fields<'_> {
    fn label(&self) -> Label {
        Label::of(self.issuer, self.name)
    }

    /// The account, or why it cannot be one.
    fn account(&self) -> Result<Account, SkipReason> {
        let kind = match self.kind.to_ascii_lowercase().as_str() {
            "totp" => Kind::Totp,
            "hotp" => Kind::Hotp,
            "steam" => Kind::Steam,
            other => return Err(SkipReason::Type(other.to_owned())),
        };
        let algorithm = match self
            .algorithm
            .to_ascii_uppercase()
            .replace('-', "")
            .as_str()
        {
            "" | "SHA1" => Algorithm::Sha1,
            "SHA256" => Algorithm::Sha256,
            "SHA512" => Algorithm::Sha512,
            other => return Err(SkipReason::Algorithm(other.to_owned())),
        };
        let secret = decode_base32(self.secret)?;
        let params = match kind {
            Kind::Steam => Params::steam(),
            Kind::Totp | Kind::Hotp => Params {
                kind,
                algorithm,
                digits: u8::try_from(self.digits).unwrap_or(u8::MAX),
                period: u32::try_from(self.period).unwrap_or(u32::MAX),
                counter: self.counter,
            },
        };
        Ok(Account::new(self.issuer, self.name, secret, params)?)
    }
}

impl Export {
    /// Adds one entry, or records why it was left out.
    fn push(&mut self, fields: &Fields<'_>, group: String, favourite: bool, notes: String) {
        match fields.account() {
            Ok(account) => self.accounts.push(Imported {
                account,
                group,
                favourite,
                notes,
            }),
            Err(reason) => self.skipped.push(Skipped {
                label: fields.label(),
                reason,
            }),
        }
    }
}

impl Export {
    /// Adds the account of an `otpauth://` link or a `steam://KEY` (Proton's
    /// and Bitwarden's form), or records why it cannot be one. `name` stands
    /// in for a missing issuer and names the entry in the report.
    fn push_link(&mut self, link: &str, name: &str, group: String, favourite: bool, notes: String) {
        let link = link.trim();
        if let Some(key) = link
            .get(..8)
            .filter(|scheme| scheme.eq_ignore_ascii_case("steam://"))
            .and_then(|_| link.get(8..))
        {
            let fields = Fields {
                digits: 5,
                ..Fields::new("Steam", name, "steam", key)
            };
            self.push(&fields, group, favourite, notes);
            return;
        }
        match Account::from_uri(link) {
            Ok(mut account) => {
                if account.issuer.is_empty() && account.name != name {
                    name.clone_into(&mut account.issuer);
                }
                self.accounts.push(Imported {
                    account,
                    group,
                    favourite,
                    notes,
                });
            }
            Err(e) => self.skipped.push(Skipped {
                label: Label::of("", name),
                reason: e.into(),
            }),
        }
    }
}

/// Lower-case hex to bytes, in a buffer allocated once at its final size
/// (a collected `Vec` would grow, leaving copies of a key's first bytes
/// behind); what was decoded before a bad digit is wiped.
fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(text.len() / 2));
    for i in (0..text.len()).step_by(2) {
        bytes.push(u8::from_str_radix(text.get(i..i + 2)?, 16).ok()?);
    }
    Some(std::mem::take(&mut *bytes))
}

/// AES-256-GCM decryption of `sealed` (ciphertext with its 16-byte tag).
fn aes_gcm_open(key: &[u8], nonce: &[u8], sealed: &[u8]) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    use aes_gcm::aead::{Aead, KeyInit};
    if nonce.len() != 12 {
        return None;
    }
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(key).ok()?;
    cipher
        .decrypt(aes_gcm::Nonce::from_slice(nonce), sealed)
        .ok()
        .map(zeroize::Zeroizing::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_are_written_into_buffers_of_their_exact_size() {
        let long_note = "n".repeat(5000);
        let account = Account::from_uri("otpauth://totp/Ex:me?secret=JBSWY3DPEHPK3PXP").unwrap();
        let items: Vec<Outgoing<'_>> = (0..3)
            .map(|_| Outgoing {
                account: &account,
                group: "Work",
                favourite: false,
                notes: &long_note,
                recovery_codes: Vec::new(),
            })
            .collect();
        // Notes longer than any guess per entry: a guessed buffer would grow.
        for target in [Target::Aegis, Target::TwoFas] {
            let file = write(target, &items, None, 0).unwrap();
            assert_eq!(file.capacity(), file.len(), "{target:?}");
        }
    }

    #[test]
    fn hex_decodes_and_refuses_odd_or_bad_input() {
        assert_eq!(hex("00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(hex("0"), None);
        assert_eq!(hex("zz"), None);
    }

    #[test]
    fn text_that_is_not_an_export_is_not_detected() {
        assert_eq!(detect(b"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"), None);
        assert_eq!(detect(b"{\"hello\": 1}"), None);
        assert_eq!(detect(b"\x89PNG\r\n"), None);
        assert_eq!(detect(b"[1, 2, 3]"), None);
    }

    #[test]
    fn unusable_entries_say_why() {
        let fields = Fields::new("Bank", "me", "motp", "JBSWY3DPEHPK3PXP");
        let err = fields.account().unwrap_err().to_string();
        assert!(err.contains("\"motp\""), "{err}");
        let md5 = Fields {
            kind: "totp",
            algorithm: "MD5",
            ..fields
        };
        assert!(md5.account().unwrap_err().to_string().contains("MD5"));
    }

    /// A key no other field of the samples below holds.
    const KEY: &str = "JBSWY3DPEHPK3PXP";

    /// `json` read as `T`, checked to hold `KEY` only where `Debug` hides it.
    fn hidden<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) {
        let parsed: T = serde_json::from_str(json).unwrap();
        let shown = format!("{parsed:?}");
        assert!(!shown.contains(KEY), "{shown}");
        assert!(
            shown.contains("Secret(<redacted>)") || shown.contains("SignedBytes(<redacted>)"),
            "the key was not read into a secret field: {shown}"
        );
    }

    #[test]
    fn every_format_reads_its_keys_into_zeroizing_fields() {
        use de::{List, Object};
        hidden::<aegis::File>(
            r#"{"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 3,
                "entries": [{"type": "totp", "name": "me", "info": {"secret": "JBSWY3DPEHPK3PXP"}}]}}"#,
        );
        hidden::<Object<aegis::Database>>(
            r#"{"entries": [{"type": "totp", "info": {"secret": "JBSWY3DPEHPK3PXP"}}]}"#,
        );
        hidden::<twofas::File>(
            r#"{"schemaVersion": 4, "services": [{"name": "Ex", "secret": "JBSWY3DPEHPK3PXP", "otp": {}}]}"#,
        );
        hidden::<List<Object<twofas::Service>>>(r#"[{"secret": "JBSWY3DPEHPK3PXP"}]"#);
        hidden::<List<Object<andotp::Entry>>>(
            r#"[{"secret": "JBSWY3DPEHPK3PXP", "type": "TOTP"}]"#,
        );
        hidden::<bitwarden::File>(
            r#"{"encrypted": false, "items": [{"name": "Ex", "login": {"totp": "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}}]}"#,
        );
        hidden::<List<Object<duo::Account>>>(
            r#"[{"name": "Ex", "otpGenerator": {"otpSecret": "JBSWY3DPEHPK3PXP"}}]"#,
        );
        hidden::<steam::Account>(r#"{"shared_secret": "JBSWY3DPEHPK3PXP", "account_name": "me"}"#);
        hidden::<steam::Account>(r#"{"accounts": {"1": {"revocation_code": "JBSWY3DPEHPK3PXP"}}}"#);
        hidden::<proton::File>(
            r#"{"version": 1, "entries": [{"content": {"uri": "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", "name": "x"}}]}"#,
        );
        hidden::<stratum::Backup>(
            r#"{"Authenticators": [{"Type": 2, "Secret": "JBSWY3DPEHPK3PXP"}],
                "AuthenticatorCategories": [{"CategoryId": "c", "AuthenticatorSecret": "JBSWY3DPEHPK3PXP"}]}"#,
        );
        // FreeOTP's keys are lists of bytes; these spell the key's text.
        let bytes: Vec<String> = KEY.bytes().map(|b| b.to_string()).collect();
        hidden::<freeotp::File>(&format!(
            r#"{{"tokenOrder": [], "tokens": [{{"type": "TOTP", "secret": [{}]}}]}}"#,
            bytes.join(",")
        ));
        hidden::<List<Object<totpauth::Account>>>(
            r#"[{"name": "me", "key": "JBSWY3DPEHPK3PXP", "base": 32}]"#,
        );
        hidden::<List<Object<authy::Token>>>(
            r#"[{"name": "Ex", "decryptedSecret": "JBSWY3DPEHPK3PXP"}, {"secretSeed": "JBSWY3DPEHPK3PXP"}]"#,
        );
    }

    #[test]
    fn json_exports_are_told_apart_by_their_shape() {
        let cases: &[(&str, Option<Format>)] = &[
            (
                r#"{"version": 1, "header": {}, "db": "c2VhbGVk"}"#,
                Some(Format::Aegis),
            ),
            (
                r#"{"version": null, "header": {}, "db": {}}"#,
                Some(Format::Aegis),
            ),
            (r#"{"version": 1, "header": [], "db": {}}"#, None),
            (
                r#"{"schemaVersion": 4, "services": []}"#,
                Some(Format::TwoFas),
            ),
            (
                r#"{"schemaVersion": 4, "services": [], "servicesEncrypted": 1}"#,
                Some(Format::TwoFas),
            ),
            (
                r#"{"schemaVersion": 4, "servicesEncrypted": "a:b:c"}"#,
                Some(Format::TwoFas),
            ),
            (
                r#"[{"secret": "K", "type": "TOTP"}, {"secret": null, "type": 1}]"#,
                Some(Format::AndOtp),
            ),
            (r#"[{"secret": "K", "type": "TOTP"}, 3]"#, None),
            (r#"[]"#, None),
            (
                r#"{"encrypted": false, "items": []}"#,
                Some(Format::Bitwarden),
            ),
            (
                r#"{"tokenOrder": null, "tokens": []}"#,
                Some(Format::FreeOtpPlus),
            ),
            (
                r#"{"kdfParams": {}, "encryptedData": "", "encryptionNonce": ""}"#,
                Some(Format::Ente),
            ),
            (
                r#"{"version": 1, "entries": [{"content": {"uri": null}}]}"#,
                Some(Format::Proton),
            ),
            (r#"{"version": 1, "entries": [{"content": "x"}]}"#, None),
            (
                r#"{"version": 1, "salt": "", "content": ""}"#,
                Some(Format::Proton),
            ),
            (r#"{"Authenticators": []}"#, Some(Format::Stratum)),
            (r#"{"shared_secret": null}"#, Some(Format::Steam)),
            (
                r#"{"accounts": {"1": {"shared_secret": ""}, "2": {"shared_secret": 1}}}"#,
                Some(Format::Steam),
            ),
            (
                r#"{"accounts": {"1": {"shared_secret": ""}, "2": {}}}"#,
                None,
            ),
            (r#"{"accounts": {}}"#, None),
            (
                r#"[{"name": "x"}, {"otpGenerator": null}]"#,
                Some(Format::Duo),
            ),
            (
                r#"{"schemaVersion": 4, "schemaVersion": 4, "services": []}"#,
                None,
            ),
        ];
        for (json, format) in cases {
            assert_eq!(detect(json.as_bytes()), *format, "{json}");
        }
    }

    #[test]
    fn an_entry_whose_key_is_not_text_is_left_out_by_name() {
        let json = br#"[{"secret": 42, "issuer": "Ex", "label": "me", "type": "TOTP"},
                        {"secret": "JBSWY3DPEHPK3PXP", "issuer": "Ok", "label": "me", "type": "TOTP"}]"#;
        let export = read(json, Format::AndOtp, None).unwrap();
        assert_eq!(export.accounts.len(), 1);
        assert_eq!(export.accounts[0].account.issuer, "Ok");
        assert_eq!(export.skipped.len(), 1);
        assert_eq!(
            export.skipped[0].reason,
            SkipReason::Key(Base32Error::Empty)
        );
    }

    #[test]
    fn a_field_given_twice_is_refused_with_where() {
        let json = b"{\"schemaVersion\": 4, \"services\": [{\"secret\": \"JBSWY3DPEHPK3PXP\",\n\"secret\": \"GEZDGNBVGY3TQOJQ\"}]}";
        let err = read(json, Format::TwoFas, None).unwrap_err();
        assert!(
            matches!(&err, InteropError::Damaged { detail, .. } if detail == "a field is given twice: line 2, column 8"),
            "{err:?}"
        );
        assert!(!err.to_string().contains("JBSWY3DP"), "{err}");
    }
}
