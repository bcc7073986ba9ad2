//! Backups the user keeps apart from the vault: one made on request
//! (`tessera backup --to DIR`) and automatic ones, made after changes into a
//! folder this computer's user picked for the vault (the app's Settings, or
//! `tessera backup --auto DIR`). See `docs/sync.md`, "Backups".
//!
//! A backup is the vault file as it is: the same format, the same key slots,
//! so the vault's password (or the one it had then) opens it, and `tessera
//! restore FILE` takes it back. Each is named after the vault file and the
//! UTC time it was made, `vault-2026-11-30T151700Z.tessera` (no `:`, which
//! FAT and SMB refuse; names sort by time), made 0600 and never written over
//! (a second backup in the same second is `…Z-2.tessera`).
//!
//! Automatic backups: at most one a minute ([`MIN_INTERVAL`]), only when the
//! vault differs from the newest backup, keeping the newest [`KEEP_LAST`] and
//! the newest of each of the last [`KEEP_DAYS`] days ([`keep`]); a folder
//! that is missing (a removable or network drive not connected) or that
//! refuses the backup (read-only, full, not ours) is reported once until a
//! backup works again, and never stops a save: the front ends call
//! [`automatic`] after saving, and the app again every [`RETRY`] while one
//! is owed.
//!
//! The choice of folder is kept per vault in Tessera's state directory,
//! beside the versions this computer remembers (`vaults/<id>/backups.json`):
//! it names a folder of this computer, so it must not travel with the vault
//! through a synced folder, and both front ends already read that directory.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::Error;
use super::file;
use super::history::History;
use crate::clock::{Timestamp, Utc};

/// Automatic backups kept however old they are: the newest this many.
pub const KEEP_LAST: usize = 10;
/// Beyond those, the newest backup of each of this many days (UTC, today
/// included) is kept.
pub const KEEP_DAYS: u64 = 30;
/// Seconds between two automatic backups, at least.
pub const MIN_INTERVAL: u64 = 60;
/// Seconds after which the app tries again when a backup is owed (the
/// change came too soon after the last backup, or the folder was missing
/// or refused it), with no further change needed.
pub const RETRY: u64 = 60;
/// The extension every backup gets, whatever the vault's name.
const EXTENSION: &str = ".tessera";
/// The settings file inside a vault's state folder.
const SETTINGS: &str = "backups.json";
/// Largest settings file read.
const MAX_SETTINGS_LEN: u64 = 64 * 1024;
/// Most folders remembered per vault as holding its backups
/// ([`folders`]); beyond that the one written to longest ago is forgotten.
pub const MAX_FOLDERS: usize = 20;
/// Most backups of one second (`…Z-2` to `…Z-99`).
const MAX_SAME_SECOND: u32 = 99;
const DAY: u64 = 86_400;

/// A backup found in a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// The file.
    pub path: PathBuf,
    /// When it was made (from its name).
    pub made: Timestamp,
}

/// The name of the vault file without its extension (`vault` for
/// `vault.tessera`): what its backups' names begin with.
pub fn stem(vault: &Path) -> String {
    let name = vault
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    match name.rfind('.') {
        Some(dot) if dot > 0 => name[..dot].to_owned(),
        _ => name,
    }
}

/// The name of a backup of the vault named `stem` made at `at`; `n` above 1
/// numbers further backups made in the same second.
pub fn file_name(stem: &str, at: Timestamp, n: u32) -> String {
    let t = at.utc();
    let number = if n > 1 {
        format!("-{n}")
    } else {
        String::new()
    };
    format!(
        "{stem}-{:04}-{:02}-{:02}T{:02}{:02}{:02}Z{number}{EXTENSION}",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

/// When the backup named `name` of the vault named `stem` was made; `None`
/// when the name is not of that form.
pub fn parse_name(stem: &str, name: &str) -> Option<Timestamp> {
    let rest = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(EXTENSION)?;
    let (time, number) = match rest.split_once("Z-") {
        Some((time, n)) => (time, Some(n)),
        None => (rest.strip_suffix('Z')?, None),
    };
    if let Some(n) = number {
        let ok = !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit());
        if !ok || n.starts_with('0') {
            return None;
        }
    }
    // 2026-11-30T151700
    let b = time.as_bytes();
    if b.len() != 17 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<u64> {
        let part = time.get(range)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    Timestamp::from_utc(Utc {
        year: num(0..4)?,
        month: num(5..7)?,
        day: num(8..10)?,
        hour: num(11..13)?,
        minute: num(13..15)?,
        second: num(15..17)?,
    })
}

/// The backups of the vault named `stem` in `dir` (regular files named as
/// [`file_name`] makes them), newest first.
pub fn list(dir: &Path, stem: &str) -> Vec<Backup> {
    let Ok(listing) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<Backup> = listing
        .flatten()
        .filter_map(|entry| {
            let made = parse_name(stem, entry.file_name().to_str()?)?;
            let regular = fs::symlink_metadata(entry.path()).is_ok_and(|m| m.is_file());
            regular.then(|| Backup {
                path: entry.path(),
                made,
            })
        })
        .collect();
    out.sort_by(|a, b| b.made.cmp(&a.made).then_with(|| b.path.cmp(&a.path)));
    out
}

/// A backup [`write`] made.
#[derive(Debug)]
pub struct Written {
    /// The backup file.
    pub path: PathBuf,
    /// Why the folder could not be remembered on this computer, if it could
    /// not (the state directory unwritable, its record damaged): the backup
    /// is written all the same, but the Restore lists do not find it.
    pub not_remembered: Option<Error>,
}

/// Writes a backup of the vault at `vault` into `dir` (created 0700, with
/// any missing parents, when it does not exist), named with `now`. The vault
/// file is copied as it is once its structure and checksum check out (a
/// damaged vault is refused, not copied); no password is needed. Then the
/// folder is remembered in `history` for the vault's id ([`folders`]), so the
/// Restore lists find it; a record that cannot be written does not undo or
/// prevent the backup ([`Written::not_remembered`]).
pub fn write(
    vault: &Path,
    dir: &Path,
    history: &History,
    now: Timestamp,
) -> Result<Written, Error> {
    let bytes = file::read(vault)?;
    let id = super::uuid_text(&super::parse(vault, &bytes)?.header.vault_id);
    file::ensure_dir(&dir.join("x"))?;
    let dir = std::path::absolute(dir).map_err(|e| Error::io("read", dir, e))?;
    let path = write_in(vault, &dir, &bytes, now)?;
    let not_remembered = read_settings(history, &id)
        .and_then(|mut settings| {
            if settings.remember(&dir) {
                write_settings(history, &id, &settings)?;
            }
            Ok(())
        })
        .err();
    Ok(Written {
        path,
        not_remembered,
    })
}

/// Writes `bytes` as a new backup of `vault` in the existing folder `dir`.
fn write_in(vault: &Path, dir: &Path, bytes: &[u8], now: Timestamp) -> Result<PathBuf, Error> {
    let stem = stem(vault);
    for n in 1..=MAX_SAME_SECOND {
        let path = dir.join(file_name(&stem, now, n));
        match file::write_new(&path, bytes) {
            Ok(()) => {
                file::sync_dir(dir)?;
                return Ok(path);
            }
            Err(Error::AlreadyExists { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Err(Error::AlreadyExists {
        path: dir.join(file_name(&stem, now, MAX_SAME_SECOND)),
    })
}

/// Which backups made at `made` to keep at `now`: the newest [`KEEP_LAST`],
/// and the newest of each UTC day among the last [`KEEP_DAYS`] (today
/// included; a backup dated after `now`, from a clock set wrong, counts as
/// recent). `true` keeps the backup at the same index.
pub fn keep(made: &[Timestamp], now: Timestamp) -> Vec<bool> {
    let mut order: Vec<usize> = (0..made.len()).collect();
    order.sort_by(|&a, &b| made[b].cmp(&made[a]).then(a.cmp(&b)));
    let today = now.secs() / DAY;
    let mut days = BTreeSet::new();
    let mut out = vec![false; made.len()];
    for (rank, &i) in order.iter().enumerate() {
        let day = made[i].secs() / DAY;
        let recent = day + KEEP_DAYS > today;
        // `insert` is true for the newest backup of its day only (marked
        // even when that one is also among the newest: one a day).
        let newest_of_day = recent && days.insert(day);
        out[i] = rank < KEEP_LAST || newest_of_day;
    }
    out
}

/// What [`automatic`] did.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Outcome {
    /// No backup folder is set for this vault.
    Off,
    /// The newest backup holds the vault as it is: nothing to do.
    Unchanged,
    /// The newest backup is less than [`MIN_INTERVAL`] old; the change is
    /// backed up by the first save (or command) after that.
    TooSoon,
    /// A backup was written; older ones were removed by the rule of [`keep`].
    Written {
        /// The new backup.
        path: PathBuf,
        /// The backups removed.
        removed: Vec<PathBuf>,
    },
    /// The folder is not there (a removable or network drive that is not
    /// connected): nothing was written. `first` is true the first time this
    /// is found since the folder was last there, the one time to say so.
    FolderMissing {
        /// The folder.
        folder: PathBuf,
        /// Whether to tell the user now.
        first: bool,
    },
    /// The folder is there but the backup could not be written into it (a
    /// read-only or full drive, a folder of another user): nothing was
    /// written, the vault itself is saved. `first` is true the first time
    /// this failure is found since a backup last worked.
    Failed {
        /// The folder.
        folder: PathBuf,
        /// Why.
        error: Error,
        /// Whether to tell the user now.
        first: bool,
    },
}

impl Outcome {
    /// Whether a backup is still owed: the vault may differ from the newest
    /// backup, so the app tries again after [`RETRY`].
    pub fn owed(&self) -> bool {
        matches!(
            self,
            Self::TooSoon | Self::FolderMissing { .. } | Self::Failed { .. }
        )
    }
}

/// A vault's backup settings on this computer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
struct Settings {
    /// Where automatic backups go; `None`: nowhere.
    folder: Option<PathBuf>,
    /// The folder found missing and already reported.
    missing_reported: Option<PathBuf>,
    /// The folder whose refusal of a backup was already reported, until a
    /// backup works again (each try names another file, so the failure's
    /// text would differ every time).
    failure_reported: Option<PathBuf>,
    /// Every folder a backup of this vault was written to (by `tessera
    /// backup --to` or automatically), the latest first, at most
    /// [`MAX_FOLDERS`]: where `tessera restore --list` and the app's
    /// Restore list look for backups besides [`Settings::folder`].
    written_to: Vec<PathBuf>,
}

impl Settings {
    /// Puts `dir` first among the folders written to; `false` when it was
    /// first already (nothing to save).
    fn remember(&mut self, dir: &Path) -> bool {
        if self.written_to.first().map(PathBuf::as_path) == Some(dir) {
            return false;
        }
        self.written_to.retain(|known| known != dir);
        self.written_to.insert(0, dir.to_owned());
        self.written_to.truncate(MAX_FOLDERS);
        true
    }
}

fn settings_path(history: &History, vault_id: &str) -> PathBuf {
    history.vault_dir(vault_id).join(SETTINGS)
}

fn read_settings(history: &History, vault_id: &str) -> Result<Settings, Error> {
    let path = settings_path(history, vault_id);
    let file = match fs::File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
        Err(e) => return Err(Error::io("read", &path, e)),
    };
    let mut text = String::new();
    file.take(MAX_SETTINGS_LEN)
        .read_to_string(&mut text)
        .map_err(|e| Error::io("read", &path, e))?;
    serde_json::from_str(&text).map_err(|_| Error::HistoryDamaged { path })
}

fn write_settings(history: &History, vault_id: &str, settings: &Settings) -> Result<(), Error> {
    let path = settings_path(history, vault_id);
    file::ensure_dir(&path)?;
    let text =
        serde_json::to_vec(settings).map_err(|_| Error::HistoryDamaged { path: path.clone() })?;
    file::write_atomic(&path, &text)
}

/// The folder automatic backups of the vault `vault_id` go to, if any.
pub fn folder(history: &History, vault_id: &str) -> Result<Option<PathBuf>, Error> {
    Ok(read_settings(history, vault_id)?.folder)
}

/// Every folder that may hold backups of the vault `vault_id`: the one set
/// for automatic backups first, then every other folder a backup of it was
/// written to ([`write`], [`automatic`]), the latest first, without
/// repeats. Folders that are not there now are included: listing one
/// ([`list`]) finds nothing.
pub fn folders(history: &History, vault_id: &str) -> Result<Vec<PathBuf>, Error> {
    let settings = read_settings(history, vault_id)?;
    let mut out: Vec<PathBuf> = Vec::new();
    for dir in settings.folder.into_iter().chain(settings.written_to) {
        if !out.contains(&dir) {
            out.push(dir);
        }
    }
    Ok(out)
}

/// Sets (or with `None` clears) the folder for automatic backups of the
/// vault `vault_id`. A relative path is made absolute. The folder need not
/// exist yet (a drive not connected now). The folders backups were written
/// to stay remembered ([`folders`]): their backups stay restorable.
pub fn set_folder(history: &History, vault_id: &str, folder: Option<&Path>) -> Result<(), Error> {
    let folder = match folder {
        Some(dir) => Some(std::path::absolute(dir).map_err(|e| Error::io("read", dir, e))?),
        None => None,
    };
    let written_to = read_settings(history, vault_id)
        .map(|s| s.written_to)
        .unwrap_or_default();
    write_settings(
        history,
        vault_id,
        &Settings {
            folder,
            written_to,
            ..Settings::default()
        },
    )
}

/// After a save (or any command on the vault): writes an automatic backup
/// of the vault at `vault` into its folder when the vault differs from the
/// newest backup there and that one is at least [`MIN_INTERVAL`] old, then
/// removes the backups [`keep`] lets go (only files named as backups of
/// this vault and holding this vault's id). A missing folder is never
/// created (it may be a mount point): see [`Outcome::FolderMissing`]; a
/// folder that refuses the backup is [`Outcome::Failed`]. An error is
/// about the vault file or this computer's record, not the folder.
pub fn automatic(vault: &Path, history: &History, now: Timestamp) -> Result<Outcome, Error> {
    let bytes = file::read(vault)?;
    let id = super::uuid_text(&super::parse(vault, &bytes)?.header.vault_id);
    let mut settings = read_settings(history, &id)?;
    let Some(folder) = settings.folder.clone() else {
        return Ok(Outcome::Off);
    };
    if !folder.is_dir() {
        let first = settings.missing_reported.as_ref() != Some(&folder);
        if first {
            settings.missing_reported = Some(folder.clone());
            write_settings(history, &id, &settings)?;
        }
        return Ok(Outcome::FolderMissing { folder, first });
    }
    if settings.missing_reported.take().is_some() {
        write_settings(history, &id, &settings)?;
    }
    match write_due(vault, &folder, &bytes, &id, now) {
        Err(error) => {
            let first = settings.failure_reported.as_ref() != Some(&folder);
            if first {
                settings.failure_reported = Some(folder.clone());
                write_settings(history, &id, &settings)?;
            }
            Ok(Outcome::Failed {
                folder,
                error,
                first,
            })
        }
        Ok(outcome) => {
            let written = matches!(outcome, Outcome::Written { .. }) && settings.remember(&folder);
            if settings.failure_reported.take().is_some() || written {
                write_settings(history, &id, &settings)?;
            }
            Ok(outcome)
        }
    }
}

/// The part of [`automatic`] inside the folder, which is there: writes a
/// backup of `bytes` (the vault of id `id` at `vault`) when one is due, then
/// thins the folder.
fn write_due(
    vault: &Path,
    folder: &Path,
    bytes: &[u8],
    id: &str,
    now: Timestamp,
) -> Result<Outcome, Error> {
    // Newest first; only the newest of this vault is read before deciding
    // (a command on the vault calls this every time, mostly to find nothing
    // to do); the others are checked only once a backup is written.
    let mut found = list(folder, &stem(vault)).into_iter();
    let mut newest = None;
    for backup in found.by_ref() {
        match file::read(&backup.path) {
            Ok(old) if holds_vault(&old, id) => {
                newest = Some((backup, old == bytes));
                break;
            }
            _ => {}
        }
    }
    if let Some((backup, same)) = &newest {
        if *same {
            return Ok(Outcome::Unchanged);
        }
        if backup.made.secs().saturating_add(MIN_INTERVAL) > now.secs() {
            return Ok(Outcome::TooSoon);
        }
    }
    let path = write_in(vault, folder, bytes, now)?;
    let written = Backup {
        path: path.clone(),
        made: now,
    };
    let all: Vec<Backup> = std::iter::once(written)
        .chain(newest.map(|(backup, _)| backup))
        .chain(found.filter(|b| same_vault(&b.path, id)))
        .collect();
    let made: Vec<Timestamp> = all.iter().map(|b| b.made).collect();
    let mut removed = Vec::new();
    for (backup, kept) in all.iter().zip(keep(&made, now)) {
        if !kept && fs::remove_file(&backup.path).is_ok() {
            removed.push(backup.path.clone());
        }
    }
    if !removed.is_empty() {
        file::sync_dir(folder)?;
    }
    Ok(Outcome::Written { path, removed })
}

/// Whether the file at `path` is a copy of the vault `vault_id` (its header
/// says so; the checksum holds).
pub(crate) fn same_vault(path: &Path, vault_id: &str) -> bool {
    file::read(path).is_ok_and(|bytes| holds_vault(&bytes, vault_id))
}

/// Whether `bytes` are a file of the vault `vault_id`.
fn holds_vault(bytes: &[u8], vault_id: &str) -> bool {
    super::format::read::parse(bytes)
        .is_ok_and(|parsed| super::uuid_text(&parsed.header.vault_id) == vault_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_by_time_and_read_back() {
        let at = Timestamp(1_796_051_820); // 2026-11-30T15:17:00Z
        assert_eq!(
            file_name("vault", at, 1),
            "vault-2026-11-30T151700Z.tessera"
        );
        assert_eq!(
            file_name("vault", at, 2),
            "vault-2026-11-30T151700Z-2.tessera"
        );
        for n in [1, 2, 99] {
            assert_eq!(parse_name("vault", &file_name("vault", at, n)), Some(at));
        }
        for name in [
            "vault.tessera",
            "vault-2026-11-30T151700.tessera",
            "vault-2026-11-30T15:17:00Z.tessera",
            "vault-2026-02-30T151700Z.tessera",
            "vault-2026-11-30T151700Z-0.tessera",
            "vault-2026-11-30T151700Z-100.tessera",
            "vault-2026-11-30T151700Z.tessera.bak1",
            "other-2026-11-30T151700Z.tessera",
            "vault-+026-11-30T151700Z.tessera",
        ] {
            assert_eq!(parse_name("vault", name), None, "{name}");
        }
        assert!(file_name("vault", at, 1) < file_name("vault", Timestamp(at.0 + 1), 1));
        assert_eq!(stem(Path::new("/x/vault.tessera")), "vault");
        assert_eq!(stem(Path::new("/x/secrets")), "secrets");
        assert_eq!(stem(Path::new("/x/.hidden")), ".hidden");
    }
}
