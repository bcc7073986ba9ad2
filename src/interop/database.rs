//! Authenticator apps' own SQLite databases, copied off a (rooted) phone:
//! Google Authenticator (`databases/databases`, table `accounts`), Microsoft
//! Authenticator (`databases/PhoneFactor`, table `accounts`) and Stratum /
//! Authenticator Pro (`databases/authenticator.db3`, tables
//! `authenticator`, `category`, `authenticatorcategory`). Read from Aegis'
//! `GoogleAuthImporter`, `MicrosoftAuthImporter` and `StratumImporter`, and
//! Stratum's entity classes.
//!
//! The bytes are copied into SQLite's memory (`sqlite3_deserialize`,
//! read-only): no temporary file, nothing written. A database left in WAL
//! mode is read as a rollback-journal one (the copy's header says so), so the
//! main file alone opens; changes still in a `-wal` file beside it are not
//! seen. Bounds, all before or while reading: the file size (the caller's),
//! SQLite's heap (`hard_heap_limit`), the string length, [`MAX_ROWS`] rows
//! per table, and a time budget enforced by a progress handler, so a hostile
//! view standing in for a table cannot run forever. `trusted_schema` is off.
//! Rows are read into [`Row`]s whose text cells are zeroizing buffers, then
//! into the same typed fields the JSON readers use. SQLite's copy of the
//! file is freed, not zeroized, when the connection closes.

use std::time::{Duration, Instant};

use rusqlite::limits::Limit;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, MAIN_DB, OpenFlags};
use zeroize::Zeroizing;

use super::de::{List, Number, Object, Secret, Text};
use super::{Export, Fields, Format, InteropError, SkipReason, Skipped, damaged, stratum};
use crate::otp::encode_base32;

/// The first 16 bytes of every SQLite database file.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// More rows than this in one table: not a real authenticator's database.
pub const MAX_ROWS: usize = 100_000;
/// The longest text or blob SQLite may make while reading.
const MAX_LENGTH: i32 = 1 << 20;
/// SQLite's heap, for the whole process (Tessera uses SQLite only here).
const HEAP_LIMIT: i64 = 256 << 20;
/// How long opening and reading one database may take.
const BUDGET: Duration = Duration::from_millis(1500);

/// Whether the bytes are a SQLite database.
pub(super) fn is_database(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Which app's database it is, from its tables and their columns.
pub(super) fn detect(bytes: &[u8]) -> Option<Format> {
    let db = Database::open(bytes, Format::GoogleAuthenticator).ok()?;
    let accounts = db.columns("accounts").ok()?;
    if accounts.iter().any(|c| c == "oath_secret_key") {
        return Some(Format::MicrosoftAuthenticator);
    }
    if accounts.iter().any(|c| c == "secret") && accounts.iter().any(|c| c == "email") {
        return Some(Format::GoogleAuthenticator);
    }
    let authenticator = db.columns("authenticator").ok()?;
    (authenticator.iter().any(|c| c == "secret") && authenticator.iter().any(|c| c == "issuer"))
        .then_some(Format::Stratum)
}

/// An open, bounded, read-only copy of a database.
struct Database {
    connection: Connection,
    format: Format,
    deadline: Instant,
}

impl Database {
    fn open(bytes: &[u8], format: Format) -> Result<Self, InteropError> {
        if !is_database(bytes) {
            return Err(damaged(format, "it is not a SQLite database"));
        }
        let broken = |e: rusqlite::Error| InteropError::Damaged {
            format,
            detail: format!("SQLite cannot open it: {e}"),
        };
        let mut copy = zeroize::Zeroizing::new(bytes.to_vec());
        // Bytes 18 and 19: the write and read format versions; 2 is WAL,
        // which an in-memory copy cannot use. 1 reads the same pages.
        if let Some(versions) = copy.get_mut(18..20) {
            versions
                .iter_mut()
                .for_each(|v| *v = if *v == 2 { 1 } else { *v });
        }
        let mut connection = Connection::open_in_memory_with_flags(
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(broken)?;
        connection
            .pragma_update(None, "hard_heap_limit", HEAP_LIMIT)
            .map_err(broken)?;
        connection
            .pragma_update(None, "trusted_schema", false)
            .map_err(broken)?;
        connection
            .set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_LENGTH)
            .map_err(broken)?;
        let deadline = Instant::now() + BUDGET;
        connection
            .progress_handler(10_000, Some(move || Instant::now() > deadline))
            .map_err(broken)?;
        connection
            .deserialize_read_exact(MAIN_DB, &copy[..], copy.len(), true)
            .map_err(broken)?;
        Ok(Self {
            connection,
            format,
            deadline,
        })
    }

    /// The error for a failed statement: out of time, or damaged.
    fn failed(&self, e: &rusqlite::Error) -> InteropError {
        if Instant::now() > self.deadline {
            InteropError::TooSlow {
                format: self.format,
            }
        } else {
            InteropError::Damaged {
                format: self.format,
                detail: format!("SQLite cannot read it: {e}"),
            }
        }
    }

    /// The column names of `table` (empty when there is no such table).
    fn columns(&self, table: &str) -> Result<Vec<String>, InteropError> {
        let mut statement = self
            .connection
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .map_err(|e| self.failed(&e))?;
        let names = statement
            .query_map([table], |row| row.get::<_, String>(0))
            .map_err(|e| self.failed(&e))?
            .take(1000)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.failed(&e))?;
        Ok(names)
    }

    /// Every row of `table` (at most [`MAX_ROWS`]) as an object of its
    /// columns; a missing table is `what` is missing.
    fn rows(&self, table: &str, what: &str) -> Result<Vec<Row>, InteropError> {
        if self.columns(table)?.is_empty() {
            return Err(damaged(self.format, what));
        }
        // The name is one of ours, never from the file.
        let mut statement = self
            .connection
            .prepare(&format!("SELECT * FROM \"{table}\""))
            .map_err(|e| self.failed(&e))?;
        let names: Vec<String> = statement.column_names().map(str::to_owned).collect();
        let mut rows = statement.query([]).map_err(|e| self.failed(&e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.failed(&e))? {
            if out.len() == MAX_ROWS {
                return Err(InteropError::TooMany {
                    format: self.format,
                    limit: MAX_ROWS,
                });
            }
            let mut cells = Vec::with_capacity(names.len());
            for (i, name) in names.iter().enumerate() {
                let cell = match row.get_ref(i).map_err(|e| self.failed(&e))? {
                    ValueRef::Integer(n) => Cell::Integer(n),
                    ValueRef::Real(_) => Cell::Real,
                    // One allocation of the text's length, wiped on drop.
                    ValueRef::Text(t) => {
                        Cell::Text(Zeroizing::new(String::from_utf8_lossy(t).into_owned()))
                    }
                    ValueRef::Null | ValueRef::Blob(_) => Cell::Null,
                };
                cells.push((name.clone(), cell));
            }
            out.push(Row(cells));
        }
        Ok(out)
    }
}

/// One cell of a row, as the readers take it.
enum Cell {
    Integer(i64),
    Real,
    /// Text, in a buffer wiped on drop (keys are text columns).
    Text(Zeroizing<String>),
    /// Null, or a blob (no reader takes one).
    Null,
}

/// One row: its columns' names and cells.
struct Row(Vec<(String, Cell)>);

impl Row {
    /// The cell of column `key` (the last of two of that name).
    fn get(&self, key: &str) -> Option<&Cell> {
        self.0
            .iter()
            .rev()
            .find(|(name, _)| name == key)
            .map(|(_, cell)| cell)
    }

    /// A text column, or "".
    fn text(&self, key: &str) -> &str {
        match self.get(key) {
            Some(Cell::Text(text)) => text,
            _ => "",
        }
    }

    /// A text column as a [`Text`] field (missing for other cells).
    fn field(&self, key: &str) -> Text {
        match self.get(key) {
            Some(Cell::Text(text)) => Text::new(text),
            _ => Text::default(),
        }
    }

    /// A text column as a [`Secret`] field (missing for other cells).
    fn secret(&self, key: &str) -> Secret {
        match self.get(key) {
            Some(Cell::Text(text)) => Secret::from(text.as_str()),
            _ => Secret::default(),
        }
    }

    /// A number column (or a number written as text), as a JSON number
    /// field is read.
    fn number(&self, key: &str) -> Number {
        match self.get(key) {
            Some(Cell::Integer(n)) => Number::of_integer(*n),
            Some(Cell::Real) => Number::OutOfRange,
            Some(Cell::Text(text)) => Number::of_text(text),
            Some(Cell::Null) | None => Number::Missing,
        }
    }

    /// An integer column that may hold a negative number (types and flags);
    /// `i64::MIN` when it holds no integer.
    fn signed(&self, key: &str) -> i64 {
        match self.get(key) {
            Some(Cell::Integer(n)) => *n,
            Some(Cell::Text(text)) => text.trim().parse().unwrap_or(i64::MIN),
            _ => i64::MIN,
        }
    }
}

/// Google Authenticator's `accounts`: `email` (the name, sometimes
/// `issuer:name`), `secret` (base32), `counter`, `type` (0 TOTP, 1 HOTP),
/// `issuer` (newer versions), `isencrypted` (keys sealed with a key in the
/// phone's keystore, which never leaves it).
pub(super) fn read_google(bytes: &[u8], out: &mut Export) -> Result<(), InteropError> {
    let db = Database::open(bytes, Format::GoogleAuthenticator)?;
    let rows = db.rows("accounts", "it has no accounts table")?;
    for row in &rows {
        let email = row.text("email");
        let (prefix, name) = match email.split_once(':') {
            Some((issuer, name)) if !name.contains(':') => (issuer.trim(), name.trim()),
            _ => ("", email),
        };
        let issuer = match row.text("issuer") {
            "" => prefix,
            issuer => issuer,
        };
        if row.signed("isencrypted") > 0 {
            out.skipped.push(Skipped {
                label: super::label(issuer, name),
                reason: SkipReason::Encrypted,
            });
            continue;
        }
        let kind = match row.signed("type") {
            0 => "totp",
            1 => "hotp",
            _ => "unknown",
        };
        let fields = Fields {
            counter: row.number("counter").or(0),
            ..Fields::new(issuer, name, kind, row.text("secret"))
        };
        out.push(&fields, String::new(), false, String::new());
    }
    Ok(())
}

/// Microsoft Authenticator's `accounts`: `name` (the issuer), `username`,
/// `oath_secret_key`, `account_type`: 0 a TOTP account (base32 key, 6
/// digits), 1 a Microsoft work or school account (base64 key, 8 digits),
/// others Microsoft personal accounts, which approve sign-ins by
/// notification and have no codes.
pub(super) fn read_microsoft(bytes: &[u8], out: &mut Export) -> Result<(), InteropError> {
    let db = Database::open(bytes, Format::MicrosoftAuthenticator)?;
    let rows = db.rows("accounts", "it has no accounts table")?;
    for row in &rows {
        let (issuer, name) = (row.text("name"), row.text("username"));
        let key = row.text("oath_secret_key");
        let (secret, digits) = match row.signed("account_type") {
            0 => (zeroize::Zeroizing::new(key.to_owned()), 6),
            1 => match super::base64_decode(key) {
                Some(bytes) => (encode_base32(&bytes), 8),
                None => (zeroize::Zeroizing::new(key.to_owned()), 8),
            },
            _ => {
                out.skipped.push(Skipped {
                    label: super::label(issuer, name),
                    reason: SkipReason::NoCodes,
                });
                continue;
            }
        };
        let fields = Fields {
            digits,
            ..Fields::new(issuer, name, "totp", &secret)
        };
        out.push(&fields, String::new(), false, String::new());
    }
    Ok(())
}

/// Stratum's tables, renamed to its backup's fields and read by the backup
/// reader: `authenticator` (`type`, `issuer`, `username`, `secret`,
/// `algorithm`, `digits`, `period`, `counter`), `category` (`id`, `name`)
/// and `authenticatorcategory` (`categoryId`, `authenticatorSecret`); the
/// first category an authenticator is in becomes its group.
pub(super) fn read_stratum(bytes: &[u8], out: &mut Export) -> Result<(), InteropError> {
    let db = Database::open(bytes, Format::Stratum)?;
    let authenticators = db.rows("authenticator", "it has no authenticator table")?;
    let optional = |table: &str| -> Result<Vec<Row>, InteropError> {
        if db.columns(table)?.is_empty() {
            Ok(Vec::new())
        } else {
            db.rows(table, "")
        }
    };
    let categories = optional("category")?;
    let bindings = optional("authenticatorcategory")?;
    let backup = stratum::Backup {
        authenticators: objects(&authenticators, |row| stratum::Authenticator {
            r#type: row.number("type"),
            issuer: row.field("issuer"),
            username: row.field("username"),
            secret: row.secret("secret"),
            algorithm: row.number("algorithm"),
            digits: row.number("digits"),
            period: row.number("period"),
            counter: row.number("counter"),
        }),
        categories: objects(&categories, |row| stratum::Category {
            id: row.field("id"),
            name: row.field("name"),
        }),
        bindings: objects(&bindings, |row| stratum::Binding {
            category_id: row.field("categoryId"),
            authenticator_secret: row.secret("authenticatorSecret"),
        }),
    };
    stratum::entries(backup, out)
}

/// Rows as the list of objects a backup holds.
fn objects<T>(rows: &[Row], item: impl Fn(&Row) -> T) -> List<Object<T>> {
    List(Some(
        rows.iter()
            .map(|row| Object {
                value: Some(item(row)),
                present: true,
            })
            .collect(),
    ))
}
