//! File I/O for the vault: bounded reads, atomic replacement with fsync of the
//! file and its directory, rotating backups, and the writer lock.
//!
//! Next to `vault.tessera` only `.~vault.tessera.XXXXXXXX.tmp` appears: a
//! save in progress, renamed over the vault (or removed by the next writer).
//! The name is one sync tools skip (Dropbox and Nextcloud skip `.~*`;
//! Syncthing takes the `.stignore` line of `docs/sync.md`).
//!
//! The writer lock and the previous versions (`vault.tessera.bak1`, newest,
//! .. `.bak3`) live where the caller says: the app and the CLI keep them in
//! Tessera's state directory (see `super::History`), so that a synced folder
//! holds the vault alone. A vault opened without a state directory (tools,
//! tests) keeps them beside it, as Tessera did before: `vault.tessera.lock`
//! and `vault.tessera.bakN`. [`migrate_beside`] moves what an older Tessera
//! left there.

use std::fs::{self, File, OpenOptions};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::error::Error;
use super::format::MAX_FILE_LEN;

/// How many previous versions are kept.
pub const BACKUPS: usize = 3;
/// How long a writer waits for another writer before giving up.
const LOCK_WAIT: Duration = Duration::from_millis(1500);

pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// The n-th previous version (1 = newest) kept beside the vault (a vault
/// opened without a state directory; older versions of Tessera).
pub fn backup_path(path: &Path, n: usize) -> PathBuf {
    with_suffix(path, &format!(".bak{n}"))
}

/// The n-th previous version of the vault at `path` kept in `dir`, or
/// beside the vault when `dir` is `None`.
pub(crate) fn backup_in(dir: Option<&Path>, path: &Path, n: usize) -> PathBuf {
    match dir {
        Some(dir) => dir.join(format!(
            "{}.bak{n}",
            path.file_name().unwrap_or_default().to_string_lossy()
        )),
        None => backup_path(path, n),
    }
}

/// The lock file of a vault.
pub fn lock_path(path: &Path) -> PathBuf {
    with_suffix(path, ".lock")
}

/// The name of a save in progress: `.~NAME.XXXXXXXX.tmp`, which Dropbox
/// (`.~*`) and Nextcloud (`*.~*`, and hidden files) never upload.
fn temp_name(path: &Path, suffix: &str) -> String {
    format!(
        ".~{}.{suffix}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// Whether `candidate` names a save in progress of the vault at `path`:
/// [`temp_name`]'s form, or `.NAME.tmp-XXXXXXXX` (older versions), with
/// exactly 8 lowercase hex digits.
fn is_temp_name(path: &Path, candidate: &str) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let hex = |s: &str| {
        s.len() == 8
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let current = candidate
        .strip_prefix(".~")
        .and_then(|rest| rest.strip_prefix(name.as_ref()))
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(".tmp"));
    let legacy = candidate
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name.as_ref()))
        .and_then(|rest| rest.strip_prefix(".tmp-"));
    current.is_some_and(hex) || legacy.is_some_and(hex)
}

pub(crate) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

#[cfg(unix)]
fn private_file(options: &mut OpenOptions) -> &mut OpenOptions {
    use std::os::unix::fs::OpenOptionsExt as _;
    options.mode(0o600)
}

#[cfg(not(unix))]
fn private_file(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

/// Reads a whole vault file, refusing files larger than any real vault.
pub fn read(path: &Path) -> Result<Vec<u8>, Error> {
    let file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound {
            path: path.to_owned(),
        },
        _ => Error::io("read", path, e),
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_LEN + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    if bytes.len() as u64 > MAX_FILE_LEN {
        return Err(Error::Damaged {
            path: path.to_owned(),
            detail: format!("it is larger than {} MiB", MAX_FILE_LEN / (1024 * 1024)),
            last_good_backup: None,
        });
    }
    Ok(bytes)
}

/// Creates the vault's directory (0700, with any missing parents) if it does
/// not exist; refuses one that other users may write to, where they could
/// swap the vault, plant a link as its lock file, or roll it back.
pub fn ensure_dir(path: &Path) -> Result<(), Error> {
    let dir = parent(path);
    if dir.is_dir() {
        return check_dir(dir);
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| Error::io("create the directory", dir, e))
}

#[cfg(unix)]
fn check_dir(dir: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = fs::metadata(dir)
        .map_err(|e| Error::io("read", dir, e))?
        .permissions()
        .mode();
    if mode & 0o022 != 0 {
        return Err(Error::UnsafeFolder {
            path: dir.to_owned(),
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_dir(_dir: &Path) -> Result<(), Error> {
    Ok(())
}

/// Opening the lock file never follows a symbolic link (a link planted in
/// the folder would make Tessera create or lock the file it points to).
#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    use std::os::unix::fs::OpenOptionsExt as _;
    #[allow(clippy::cast_possible_wrap)]
    options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
}

#[cfg(not(unix))]
fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    options
}

/// The writer lock; released on drop.
#[derive(Debug)]
pub struct WriteLock {
    file: File,
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Takes the writer lock beside the vault, waiting briefly for another
/// writer to finish.
pub fn lock(path: &Path) -> Result<WriteLock, Error> {
    lock_beside(path, &lock_path(path))
}

/// Takes an exclusive lock on `lock_path` (created 0600 in a private folder,
/// never following a link), waiting briefly; `path` is what the error names
/// when another process holds it.
pub(crate) fn lock_beside(path: &Path, lock_path: &Path) -> Result<WriteLock, Error> {
    lock_waiting(path, lock_path, LOCK_WAIT)
}

/// [`lock_beside`], waiting at most `wait` (zero: one try).
pub(crate) fn lock_waiting(
    path: &Path,
    lock_path: &Path,
    wait: Duration,
) -> Result<WriteLock, Error> {
    ensure_dir(lock_path)?;
    let file = no_follow(private_file(
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false),
    ))
    .open(lock_path)
    .map_err(|e| {
        if fs::symlink_metadata(lock_path).is_ok_and(|m| m.file_type().is_symlink()) {
            Error::LockFileLink {
                path: lock_path.to_owned(),
            }
        } else {
            Error::io("lock", lock_path, e)
        }
    })?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(WriteLock { file }),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(25));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Error::OpenElsewhere {
                    path: path.to_owned(),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(Error::io("lock", lock_path, e)),
        }
    }
}

/// Writes `bytes` to a fresh temporary file (0600, flushed) beside `path`
/// and returns its name. Must be called with the lock held.
fn write_temp(path: &Path, bytes: &[u8]) -> Result<PathBuf, Error> {
    remove_stale_temps(path);
    let suffix: [u8; 4] = super::crypto::random()?;
    let hex: String = suffix.iter().map(|b| format!("{b:02x}")).collect();
    let temp = parent(path).join(temp_name(path, &hex));
    match write_new(&temp, bytes) {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Replaces `path` with `bytes` atomically: the file at `path` is always
/// either the old or the new content. The previous content becomes backup 1
/// in `previous` (a private folder, created 0700 when missing), or beside
/// the vault when that is `None`. Must be called with the lock held.
pub(crate) fn replace(
    path: &Path,
    bytes: &[u8],
    _lock: &WriteLock,
    previous: Option<&Path>,
) -> Result<(), Error> {
    if let Some(dir) = previous {
        ensure_dir(&dir.join("x"))?;
    }
    let temp = write_temp(path, bytes)?;
    let result = rotate_backups(path, previous)
        .and_then(|()| fs::rename(&temp, path).map_err(|e| Error::io("save", path, e)))
        .and_then(|()| sync_dir(parent(path)));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Creates `path` holding `bytes`, atomically: a reader sees either no file or
/// the whole content, never an empty or partial file (a crash mid-write leaves
/// only a temporary file, which the next writer removes). Fails with
/// `AlreadyExists` if `path` exists. Must be called with the lock held.
pub fn create(path: &Path, bytes: &[u8], _lock: &WriteLock) -> Result<(), Error> {
    let temp = write_temp(path, bytes)?;
    // A hard link publishes the finished file and refuses an existing one in
    // one step; where the file system has no hard links, the lock we hold
    // makes the check-then-rename safe against other Tessera writers.
    let result = match fs::hard_link(&temp, path) {
        Ok(()) => fs::remove_file(&temp).map_err(|e| Error::io("save", &temp, e)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::AlreadyExists {
            path: path.to_owned(),
        }),
        Err(_) if path.exists() => Err(Error::AlreadyExists {
            path: path.to_owned(),
        }),
        Err(_) => fs::rename(&temp, path).map_err(|e| Error::io("save", path, e)),
    }
    .and_then(|()| sync_dir(parent(path)));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Writes a new file (0600) and flushes it to disk. Fails if it exists.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut file = private_file(OpenOptions::new().write(true).create_new(true))
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::AlreadyExists {
                path: path.to_owned(),
            },
            _ => Error::io("write", path, e),
        })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::io("write", path, e))
}

/// Replaces a small private file (0600) atomically: a temporary file beside
/// it, flushed, renamed over it, the directory flushed.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let suffix: [u8; 4] = super::crypto::random()?;
    let temp = with_suffix(
        path,
        &format!(
            ".tmp-{}",
            suffix
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        ),
    );
    write_new(&temp, bytes)?;
    if let Err(e) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(Error::io("save", path, e));
    }
    sync_dir(parent(path))
}

/// Flushes a directory's entries (the rename) to disk.
pub fn sync_dir(dir: &Path) -> Result<(), Error> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io("flush", dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn rotate_backups(path: &Path, dir: Option<&Path>) -> Result<(), Error> {
    if !path.exists() {
        return Ok(());
    }
    for n in (1..BACKUPS).rev() {
        let from = backup_in(dir, path, n);
        if fs::symlink_metadata(&from).is_ok() {
            let to = backup_in(dir, path, n + 1);
            fs::rename(&from, &to).map_err(|e| Error::io("rotate the backup", &from, e))?;
        }
    }
    let newest = backup_in(dir, path, 1);
    // A hard link costs nothing and keeps the vault in place at every moment;
    // across file systems (a synced folder on another disk) it is a copy.
    if fs::hard_link(path, &newest).is_err() {
        let bytes = read(path)?;
        write_new(&newest, &bytes)?;
    }
    if let Some(dir) = dir {
        sync_dir(dir)?;
    }
    Ok(())
}

/// Reads a small regular file without following a symbolic link at `path`
/// (`None` when it is a link, not a regular file, or not this user's).
pub(crate) fn read_no_follow(path: &Path) -> Result<Option<Vec<u8>>, Error> {
    let file = match no_follow(OpenOptions::new().read(true)).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        // ELOOP: a symbolic link.
        Err(_) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            return Ok(None);
        }
        Err(e) => return Err(Error::io("read", path, e)),
    };
    let meta = file.metadata().map_err(|e| Error::io("read", path, e))?;
    if !meta.is_file() || !owned_by_us(&meta) || meta.len() > MAX_FILE_LEN {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_LEN)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    Ok(Some(bytes))
}

/// What [`migrate_beside`] did with the files an older Tessera kept beside
/// the vault.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Migrated {
    /// Previous versions moved into the state directory.
    pub moved: Vec<PathBuf>,
    /// Whether the old lock file was removed.
    pub lock_removed: bool,
}

/// Moves the previous versions an older Tessera kept beside the vault at
/// `path` (`NAME.bak1..3`) into `dir`, and removes its lock file
/// (`NAME.lock`), so that the vault's folder holds the vault alone. Must be
/// called with the new lock held. Never loses a file and never follows a
/// link: only regular files of this user are touched; a previous version
/// is moved only when `ours` says it belongs to this vault and its place in
/// `dir` is free (else it stays); the lock file only when it is empty and
/// no older Tessera holds it.
pub(crate) fn migrate_beside(
    path: &Path,
    dir: &Path,
    ours: impl Fn(&[u8]) -> bool,
) -> Result<Migrated, Error> {
    let mut done = Migrated::default();
    for n in 1..=BACKUPS {
        let from = backup_path(path, n);
        let Some(bytes) = read_no_follow(&from)? else {
            continue;
        };
        let to = backup_in(Some(dir), path, n);
        if !ours(&bytes) || fs::symlink_metadata(&to).is_ok() {
            continue;
        }
        ensure_dir(&to)?;
        // A hard link refuses a taken name; across file systems, a copy.
        match fs::hard_link(&from, &to) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => write_new(&to, &bytes)?,
        }
        sync_dir(dir)?;
        fs::remove_file(&from).map_err(|e| Error::io("remove", &from, e))?;
        done.moved.push(to);
    }
    let old_lock = lock_path(path);
    if let Ok(file) = no_follow(OpenOptions::new().read(true).write(true)).open(&old_lock)
        && file
            .metadata()
            .is_ok_and(|m| m.is_file() && m.len() == 0 && owned_by_us(&m))
        && file.try_lock().is_ok()
    {
        // Removed while held: an older Tessera starting now makes a new one.
        fs::remove_file(&old_lock).map_err(|e| Error::io("remove", &old_lock, e))?;
        let _ = file.unlock();
        done.lock_removed = true;
    }
    if !done.moved.is_empty() || done.lock_removed {
        sync_dir(parent(path))?;
    }
    Ok(done)
}

/// Removes temporary files left by a writer that was killed mid-save: only
/// names exactly of our form (prefix and 8 hex digits), only regular files
/// (never a link), and on Unix only files this user owns.
fn remove_stale_temps(path: &Path) {
    let Ok(entries) = fs::read_dir(parent(path)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name.to_str().is_some_and(|n| is_temp_name(path, n));
        if ours && fs::symlink_metadata(entry.path()).is_ok_and(|m| m.is_file() && owned_by_us(&m))
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn owned_by_us(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    metadata.uid() == rustix::process::getuid().as_raw()
}

#[cfg(not(unix))]
fn owned_by_us(_metadata: &fs::Metadata) -> bool {
    true
}

/// Existing previous versions beside the vault, newest first.
pub fn backups(path: &Path) -> Vec<PathBuf> {
    backups_in(None, path)
}

/// Existing previous versions kept in `dir` (or beside), newest first.
pub(crate) fn backups_in(dir: Option<&Path>, path: &Path) -> Vec<PathBuf> {
    (1..=BACKUPS)
        .map(|n| backup_in(dir, path, n))
        .filter(|p| fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_temp_names_are_ours() {
        let vault = Path::new("/x/vault.tessera");
        assert_eq!(temp_name(vault, "0011aabb"), ".~vault.tessera.0011aabb.tmp");
        for yes in [
            ".~vault.tessera.0011aabb.tmp",
            ".vault.tessera.tmp-0011aabb",
        ] {
            assert!(is_temp_name(vault, yes), "{yes}");
        }
        for no in [
            "vault.tessera",
            ".~vault.tessera.0011AABB.tmp",
            ".~vault.tessera.0011aab.tmp",
            ".~vault.tessera.0011aabbc.tmp",
            ".~other.tessera.0011aabb.tmp",
            ".~vault.tessera.0011aabb.tmp.x",
            ".vault.tessera.tmp-0011aabbcc",
            "~vault.tessera.0011aabb.tmp",
        ] {
            assert!(!is_temp_name(vault, no), "{no}");
        }
    }

    /// A reader polling while a vault is created never sees the file empty or
    /// half-written (an app creating its vault while the CLI reads it).
    #[test]
    fn a_created_file_appears_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.tessera");
        let bytes = vec![7u8; 8 << 20];
        let done = std::sync::atomic::AtomicBool::new(false);
        /// Stops the reader however the writer ends (a panic included).
        struct Stop<'a>(&'a std::sync::atomic::AtomicBool);
        impl Drop for Stop<'_> {
            fn drop(&mut self) {
                self.0.store(true, std::sync::atomic::Ordering::Release);
            }
        }
        let seen = std::thread::scope(|s| {
            let reader = s.spawn(|| {
                let mut sizes = Vec::new();
                while !done.load(std::sync::atomic::Ordering::Acquire) {
                    if let Ok(meta) = fs::metadata(&path) {
                        sizes.push(meta.len());
                    }
                }
                sizes
            });
            let stop = Stop(&done);
            let lock = lock(&path).unwrap();
            let created = create(&path, &bytes, &lock);
            // Let the reader see the finished file a few times too.
            std::thread::sleep(Duration::from_millis(20));
            drop(stop);
            created.unwrap();
            reader.join().unwrap()
        });
        assert!(!seen.is_empty(), "the reader saw the created file");
        assert!(
            seen.iter().all(|&len| len == bytes.len() as u64),
            "partial sizes seen: {:?}",
            seen.iter()
                .filter(|&&l| l != bytes.len() as u64)
                .take(5)
                .collect::<Vec<_>>()
        );
        assert_eq!(fs::read(&path).unwrap(), bytes);
        // No temporary file is left beside it.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        // (This vault has no state directory: its lock is beside it.)
        let mut names = names;
        names.sort();
        assert_eq!(names, ["vault.tessera", "vault.tessera.lock"]);
        // A second create is refused and leaves the file alone.
        let lock = lock(&path).unwrap();
        assert!(matches!(
            create(&path, b"other", &lock),
            Err(Error::AlreadyExists { .. })
        ));
        assert_eq!(fs::read(&path).unwrap().len(), bytes.len());
    }
}
