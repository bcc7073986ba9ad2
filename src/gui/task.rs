//! The one place where the GUI reaches the disk, the KDF and the keyring.
//!
//! Each function returns an iced [`Task`] whose work runs on tokio's blocking
//! pool (`spawn_blocking`), so the UI thread never waits on Argon2, a file or
//! a D-Bus call. Results come back as `Clone` values inside messages.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use iced::Task;

use super::settings::Settings;
use crate::capture::{self, CaptureError, Clipboard, Image};
pub use crate::import::Origin;
use crate::import::{self, Contents};
use crate::keystore::{self, EnableError, Keystore, KeystoreError};
use crate::secret::{Password, SecretText};
use crate::vault::{self, Entry, History, KdfPolicy, Summary, Unlock, Vault};

/// A failure reported by a background task. No variant carries secrets.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// From the vault.
    #[error(transparent)]
    Vault(#[from] vault::Error),
    /// From the keyring.
    #[error(transparent)]
    Keystore(#[from] KeystoreError),
    /// The keyring answered but holds no key for this vault.
    #[error("the system keyring has no key for this vault; it may have been removed")]
    NoKeyringKey,
    /// The settings file could not be written.
    #[error("could not write {path}: {source}")]
    Settings {
        /// The settings file.
        path: PathBuf,
        /// The system's error.
        source: Arc<std::io::Error>,
    },
    /// An image file could not be deleted.
    #[error("could not delete {path}: {source}")]
    Delete {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: Arc<std::io::Error>,
    },
    /// The export file exists already (it is never replaced).
    #[error("{path} already exists; choose another name (nothing was overwritten)")]
    ExportExists {
        /// The file.
        path: PathBuf,
    },
    /// The export file could not be written.
    #[error("could not write {path}: {source}")]
    Export {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: Arc<std::io::Error>,
    },
    /// The export could not be made.
    #[error(transparent)]
    Encode(#[from] crate::interop::WriteError),
    /// A background task died (a bug).
    #[error("a background task stopped unexpectedly ({0}); please report this")]
    Crashed(String),
}

/// The unlocked vault, shared with the blocking tasks that change it.
///
/// It is dropped (and every decrypted secret with it) when the app locks.
#[derive(Clone)]
pub struct Handle(Arc<Mutex<Vault>>);

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Handle(<vault>)")
    }
}

impl Handle {
    fn new(vault: Vault) -> Self {
        Self(Arc::new(Mutex::new(vault)))
    }

    /// Only ever locked inside blocking tasks.
    fn lock(&self) -> MutexGuard<'_, Vault> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A vault just opened or created, with what the screens show of it.
#[derive(Clone, Debug)]
pub struct Opened {
    /// The vault.
    pub vault: Handle,
    /// Its entries at the time.
    pub entries: Vec<Entry>,
    /// Whether a keyring slot exists.
    pub has_keyring_slot: bool,
    /// Something that went half wrong (e.g. keyring set-up after creation).
    pub warning: Option<Error>,
    /// The conflict copies beside the vault, merged or left (docs/sync.md).
    pub sync: Synced,
}

impl Opened {
    pub(super) fn new(vault: Vault, warning: Option<Error>) -> Self {
        Self {
            entries: vault.entries().to_vec(),
            has_keyring_slot: vault.has_keyring_slot(),
            vault: Handle::new(vault),
            warning,
            sync: Synced::default(),
        }
    }
}

/// What became of the conflict copies a sync tool left beside the vault.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Synced {
    /// Copies merged into the vault (and moved to the state directory).
    pub merged: Vec<PathBuf>,
    /// Copies of this vault under another password, left in place: the app
    /// asks for their password.
    pub locked: Vec<PathBuf>,
    /// Copies that could not be merged, with why (said once).
    pub left: Vec<(PathBuf, String)>,
}

impl Synced {
    fn from(report: vault::SyncReport) -> Self {
        Self {
            merged: report.merged.into_iter().map(|(copy, _, _)| copy).collect(),
            locked: report.need_password,
            left: report
                .left
                .into_iter()
                .map(|(copy, e)| (copy, e.to_string()))
                .collect(),
        }
    }
}

/// Opens the vault, then merges the conflict copies beside it that open
/// with its key or with `unlock` (docs/sync.md).
fn open_and_merge(
    path: &std::path::Path,
    unlock: Unlock<'_>,
    policy: &KdfPolicy,
    history: &History,
) -> Result<Opened, Error> {
    let mut vault = Vault::open_tracked(path, unlock, policy, history)?;
    let report = vault.merge_conflicts(Some(unlock), policy)?;
    let mut opened = Opened::new(vault, None);
    opened.sync = Synced::from(report);
    Ok(opened)
}

/// A running task whose KDF the person may cancel: unlocking, creating the
/// vault, changing its password, reading an encrypted export with its
/// password. Argon2id and scrypt cannot be interrupted, so cancelling
/// abandons the task (iced's abort: its result is never delivered) and tells
/// the work, through a [`vault::Cancel`], to stop after its KDF without
/// writing anything; what it computed (keys, decrypted accounts) is dropped
/// there, which zeroizes it.
#[derive(Clone, Debug)]
pub struct Running {
    cancel: vault::Cancel,
    abort: iced::task::Handle,
}

impl Running {
    /// Stops waiting for the task. `false` when too late: the work is past
    /// its KDF and writing, and its result arrives in a moment.
    pub fn cancel(&self) -> bool {
        if !self.cancel.cancel() {
            return false;
        }
        self.abort.abort();
        true
    }
}

/// `make`'s task, made abortable, with the handle that cancels it.
pub fn cancellable<T: 'static>(make: impl FnOnce(vault::Cancel) -> Task<T>) -> (Task<T>, Running) {
    let cancel = vault::Cancel::new();
    let (task, abort) = make(cancel.clone()).abortable();
    (task, Running { cancel, abort })
}

/// Runs `work` on the blocking pool.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(Error::Crashed(e.to_string())))
}

/// Looks at the vault file without unlocking it: `None` when there is none.
pub fn inspect(path: PathBuf) -> Task<Result<Option<Summary>, Error>> {
    Task::perform(
        blocking(move || {
            if !path.exists() {
                return Ok(None);
            }
            Ok(Some(Vault::inspect(&path)?))
        }),
        |r| r,
    )
}

/// The id nobody uses: asking for it tells whether the keyring answers.
const PROBE_ID: &str = "00000000-0000-0000-0000-000000000000";

/// Whether the keyring answers at all.
pub fn probe_keyring(keystore: Arc<dyn Keystore>) -> Task<bool> {
    Task::perform(blocking(move || Ok(keystore.get(PROBE_ID).is_ok())), |r| {
        r.unwrap_or(false)
    })
}

/// Asks the desktop one of its preferences (higher contrast, reduced
/// motion: a D-Bus call with a time limit, [`super::appearance`]).
pub fn desktop_preference(ask: fn() -> Option<bool>) -> Task<Option<bool>> {
    Task::perform(blocking(move || Ok(ask())), |r| r.ok().flatten())
}

/// Gives the window the keyboard focus and raises it on X11, with `time`
/// (a key press's server time, or 0), off the UI thread
/// ([`super::shortcut::activate`]).
pub fn activate(window: Option<u32>, time: u32) -> Task<()> {
    Task::perform(
        blocking(move || {
            super::shortcut::activate(window, time);
            Ok(())
        }),
        |_: Result<(), Error>| (),
    )
}

/// Creates the vault; with `keyring`, also stores an unlock key in the keyring
/// (a keyring failure leaves the vault created and says so in `warning`).
/// Nothing is written when `cancel` is cancelled during the KDF.
pub fn create(
    path: PathBuf,
    password: Password,
    policy: KdfPolicy,
    keystore: Arc<dyn Keystore>,
    keyring: bool,
    history: History,
    cancel: vault::Cancel,
) -> Task<Result<Opened, Error>> {
    Task::perform(
        blocking(move || {
            // `Vault::create` makes the folder (0700), as the CLI does.
            let mut vault =
                Vault::create_tracked_cancellable(&path, &password, &policy, &history, &cancel)?;
            drop(password);
            let warning = if keyring {
                enable_keyring(&mut vault, keystore).err()
            } else {
                None
            };
            Ok(Opened::new(vault, warning))
        }),
        |r| r,
    )
}

fn enable_keyring(vault: &mut Vault, keystore: Arc<dyn Keystore>) -> Result<(), Error> {
    keystore::enable_unlock(vault, keystore).map_err(|e| match e {
        EnableError::Keyring(e) => Error::Keystore(e),
        EnableError::Vault(e) => Error::Vault(e),
    })
}

/// Opens the vault with a password (runs the KDF). With `keystore` (the
/// vault has keyring unlock on and the keyring answers), the keyring's copy
/// of the record of versions seen is read and joined
/// ([`keystore::tracked_history`]). When `cancel` is cancelled during the
/// KDF, the opened vault is dropped (its keys zeroized) before anything
/// else happens.
pub fn unlock_with_password(
    path: PathBuf,
    password: Password,
    policy: KdfPolicy,
    history: History,
    keystore: Option<Arc<dyn Keystore>>,
    cancel: vault::Cancel,
) -> Task<Result<Opened, Error>> {
    Task::perform(
        blocking(move || {
            let history = match keystore {
                Some(keystore) => {
                    let summary = Vault::inspect(&path)?;
                    keystore::tracked_history(&history, &summary, keystore)
                }
                None => history,
            };
            let unlock = Unlock::Password(&password);
            let mut vault = Vault::open_tracked(&path, unlock, &policy, &history)?;
            if !cancel.proceed() {
                drop(vault);
                return Err(vault::Error::Cancelled.into());
            }
            let report = vault.merge_conflicts(Some(unlock), &policy)?;
            let mut opened = Opened::new(vault, None);
            opened.sync = Synced::from(report);
            Ok(opened)
        }),
        |r| r,
    )
}

/// Opens the vault `summary` describes with the key in the keyring (no
/// KDF); the keyring's copy of the record of versions seen joins the state
/// directory's ([`keystore::tracked_history`]).
pub fn unlock_with_keyring(
    path: PathBuf,
    summary: Summary,
    keystore: Arc<dyn Keystore>,
    policy: KdfPolicy,
    history: History,
) -> Task<Result<Opened, Error>> {
    Task::perform(
        blocking(move || {
            let kek = keystore.get(&summary.id)?.ok_or(Error::NoKeyringKey)?;
            let history = keystore::tracked_history(&history, &summary, keystore);
            open_and_merge(&path, Unlock::KeyringKey(&kek), &policy, &history)
        }),
        |r| r,
    )
}

/// Runs `work` on the open vault under its writer lock, off the UI thread.
fn with_vault<T: Send + 'static>(
    vault: Handle,
    work: impl FnOnce(&mut Vault) -> Result<T, Error> + Send + 'static,
) -> Task<Result<T, Error>> {
    Task::perform(blocking(move || work(&mut vault.lock())), |r| r)
}

/// Applies `change` to the entries and saves (under the writer lock, off the
/// UI thread). Returns the change's result and the entries after it.
pub fn modify<T: Send + 'static>(
    vault: Handle,
    change: impl FnOnce(&mut Vec<Entry>) -> Result<T, vault::Error> + Send + 'static,
) -> Task<Result<(T, Vec<Entry>), Error>> {
    modify_at(vault, None, change)
}

/// [`modify`], stamping what changed at `now` (for merging copies changed
/// apart: a removal carries no time of its own).
pub fn modify_at<T: Send + 'static>(
    vault: Handle,
    now: Option<crate::clock::Timestamp>,
    change: impl FnOnce(&mut Vec<Entry>) -> Result<T, vault::Error> + Send + 'static,
) -> Task<Result<(T, Vec<Entry>), Error>> {
    with_vault(vault, move |vault| {
        let result = vault.modify_at(now, change)?;
        Ok((result, vault.entries().to_vec()))
    })
}

/// What identifies a version of a file cheaply: its modification time and
/// length, and the conflict copies beside it (their names).
type FileStamp = (Option<(Option<std::time::SystemTime>, u64)>, Vec<PathBuf>);

async fn file_stamp(path: &std::path::Path) -> FileStamp {
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || {
        let meta = std::fs::metadata(&path)
            .ok()
            .map(|m| (m.modified().ok(), m.len()));
        (meta, vault::conflict_copies(&path))
    })
    .await
    .unwrap_or_default()
}

/// Yields each time the file at `path` changes (its modification time or
/// length, checked every `every` off the UI thread) or a sync tool's
/// conflict copy appears beside it, and at no other time, so an unchanged
/// vault costs no message and no redraw.
pub fn watch(
    path: PathBuf,
    every: std::time::Duration,
) -> impl iced::futures::Stream<Item = ()> + Send + 'static {
    iced::futures::stream::unfold((path, None), move |(path, seen)| async move {
        let mut seen: FileStamp = match seen {
            Some(stamp) => stamp,
            None => file_stamp(&path).await,
        };
        loop {
            tokio::time::sleep(every).await;
            let now = file_stamp(&path).await;
            if now != seen {
                return Some(((), (path, Some(now))));
            }
            seen = now;
        }
    })
}

/// What a re-read of the vault found.
#[derive(Clone, Debug, Default)]
pub struct Reloaded {
    /// The entries, if another window or command changed the file (or a
    /// conflict copy was merged) since this one last read or wrote it.
    pub entries: Option<Vec<Entry>>,
    /// The conflict copies beside the vault: those that open with its key
    /// are merged (no password is kept, so those under another one wait).
    pub sync: Synced,
}

/// Re-reads the vault and merges the conflict copies beside it.
pub fn reload(vault: Handle) -> Task<Result<Reloaded, Error>> {
    with_vault(vault, move |vault| {
        let changed = vault.reload()?;
        // No password here: `merge_copy` needs none for copies under the
        // vault's key, and runs no KDF.
        let report = vault.merge_conflicts(None, &KdfPolicy::standard())?;
        let sync = Synced::from(report);
        let changed = changed || !sync.merged.is_empty();
        Ok(Reloaded {
            entries: changed.then(|| vault.entries().to_vec()),
            sync,
        })
    })
}

/// Merges the conflict copy `copy`, saved under another password, with
/// that password (runs the KDF once), and moves it out of the synced folder.
pub fn merge_copy(
    vault: Handle,
    copy: PathBuf,
    password: Password,
    policy: KdfPolicy,
) -> Task<Result<(PathBuf, Vec<Entry>), Error>> {
    with_vault(vault, move |vault| {
        vault.merge_copy(&copy, Some(Unlock::Password(&password)), &policy)?;
        vault.put_away(&copy)?;
        Ok((copy, vault.entries().to_vec()))
    })
}

/// Changes the password and re-keys the vault (runs the KDF once). The
/// keyring slot is re-sealed under the key the keyring holds, or turned off
/// when the keyring does not answer. Returns whether keyring unlock is on
/// afterwards.
pub fn change_password(
    vault: Handle,
    keystore: Arc<dyn Keystore>,
    password: Password,
    policy: KdfPolicy,
    cancel: vault::Cancel,
) -> Task<Result<bool, Error>> {
    with_vault(vault, move |vault| {
        let keyring_key = if vault.has_keyring_slot() {
            keystore.get(&vault.id()).ok().flatten()
        } else {
            None
        };
        Ok(vault.change_password_cancellable(&password, &policy, keyring_key.as_ref(), &cancel)?)
    })
}

/// Keyring unlock after it was turned on or off.
#[derive(Clone, Debug)]
pub struct KeyringState {
    /// Whether the vault has its keyring slot (keyring unlock is on).
    pub on: bool,
    /// Turned off, but the keyring did not remove the old key: the vault is
    /// re-keyed all the same, so that key opens nothing saved from now on.
    pub key_left: Option<keystore::KeystoreError>,
}

/// Turns keyring unlock on.
pub fn enable_keyring_task(
    vault: Handle,
    keystore: Arc<dyn Keystore>,
) -> Task<Result<KeyringState, Error>> {
    with_vault(vault, move |vault| {
        enable_keyring(vault, keystore)?;
        Ok(KeyringState {
            on: vault.has_keyring_slot(),
            key_left: None,
        })
    })
}

/// Turns keyring unlock off and re-keys the vault under `password` (checked
/// first: the KDF runs twice), as `tessera keyring disable` does
/// ([`keystore::disable_unlock`]). A keyring that then refuses to remove
/// the old key does not undo that: keyring unlock is off, and the state
/// says what was left behind.
pub fn disable_keyring(
    vault: Handle,
    keystore: Arc<dyn Keystore>,
    password: Password,
    policy: KdfPolicy,
) -> Task<Result<KeyringState, Error>> {
    with_vault(vault, move |vault| {
        let key_left = keystore::disable_unlock(vault, keystore.as_ref(), &password, &policy)?;
        drop(password);
        Ok(KeyringState {
            on: vault.has_keyring_slot(),
            key_left,
        })
    })
}

/// Checks the vault password against the file, then writes every entry as
/// `request.kind` to a new file (0600, never over an existing one). Gives
/// the number of accounts written and the file.
pub fn export(
    vault: Handle,
    request: crate::gui::screen::file_export::Request,
    policy: KdfPolicy,
    now: crate::clock::Timestamp,
) -> Task<Result<(usize, PathBuf), Error>> {
    use crate::gui::screen::file_export::Kind;
    use crate::interop::{self, Outgoing, Target};
    with_vault(vault, move |vault| {
        let crate::gui::screen::file_export::Request {
            kind,
            path,
            export_password,
            vault_password,
        } = request;
        Vault::open(vault.path(), Unlock::Password(&vault_password), &policy)?;
        drop(vault_password);
        let mut entries: Vec<&Entry> = vault.entries().iter().collect();
        entries.sort_by_key(|e| e.account.label().to_string().to_lowercase());
        let items: Vec<Outgoing<'_>> = entries.iter().map(|e| Outgoing::of(e)).collect();
        let now_ms = now.secs().saturating_mul(1000);
        let bytes = match kind {
            Kind::Aegis => interop::write(Target::Aegis, &items, export_password.as_ref(), now_ms)?,
            Kind::TwoFas => {
                interop::write(Target::TwoFas, &items, export_password.as_ref(), now_ms)?
            }
            Kind::Uris => interop::links(&items),
            Kind::Sheet => interop::sheet(&items, &now.utc_minutes())?,
        };
        crate::secret::write_new_file(&path, &bytes).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                Error::ExportExists { path: path.clone() }
            } else {
                Error::Export {
                    path: path.clone(),
                    source: Arc::new(source),
                }
            }
        })?;
        Ok((items.len(), path))
    })
}

/// Copies a secret with the hint; gives it back if that failed (to copy it
/// without the hint instead).
pub fn copy_secret(copy: CopyFn, value: SecretText) -> Task<Option<SecretText>> {
    Task::perform(
        async move {
            tokio::task::spawn_blocking(move || match copy(&value) {
                Ok(()) => None,
                Err(_) => Some(value),
            })
            .await
            .unwrap_or(None)
        },
        |r| r,
    )
}

/// Puts a menu in the tray (the item's thread takes it at once).
pub fn show_tray(handle: crate::gui::tray::Handle, menu: crate::gui::tray::Menu) -> Task<()> {
    Task::perform(
        async move {
            let _ =
                tokio::task::spawn_blocking(move || crate::gui::tray::show(&handle, menu)).await;
        },
        |()| (),
    )
}

/// Writes the settings file.
pub fn save_settings(path: PathBuf, settings: Settings) -> Task<Result<(), Error>> {
    Task::perform(
        blocking(move || {
            settings.save(&path).map_err(|e| Error::Settings {
                path: path.clone(),
                source: Arc::new(e),
            })
        }),
        |r| r,
    )
}

/// Takes a picture of the whole screen (every monitor).
pub type ScreenFn = Arc<dyn Fn() -> Result<Image, CaptureError> + Send + Sync>;
/// Reads the clipboard's image or text.
pub type ClipboardFn = Arc<dyn Fn() -> Result<Clipboard, CaptureError> + Send + Sync>;

/// Copies a secret to the clipboard with the password-manager hint.
pub type CopyFn = Arc<dyn Fn(&SecretText) -> Result<(), CaptureError> + Send + Sync>;

/// Where screen and clipboard content comes from: [`capture`] in the app,
/// stand-ins in tests.
#[derive(Clone)]
pub struct Capture {
    /// The screen.
    pub screen: ScreenFn,
    /// The clipboard.
    pub clipboard: ClipboardFn,
    /// Copying a secret with the password-manager hint (`None`: through
    /// iced's clipboard, without the hint; tests answer that one).
    pub copy: Option<CopyFn>,
}

impl Capture {
    /// The real screen and clipboard.
    pub fn system() -> Self {
        Self {
            screen: Arc::new(capture::screen),
            clipboard: Arc::new(capture::clipboard),
            copy: Some(Arc::new(capture::copy_secret)),
        }
    }

    /// No screen and no clipboard (as without a display): for tests, benchmarks
    /// and screenshots, which must never read the real ones.
    pub fn unavailable() -> Self {
        Self {
            screen: Arc::new(|| Err(CaptureError::NoDisplay)),
            clipboard: Arc::new(|| Err(CaptureError::NoDisplay)),
            copy: None,
        }
    }
}

impl std::fmt::Debug for Capture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Capture(..)")
    }
}

/// Why a source gave nothing: what [`import`] says, or a background task that died.
#[derive(Clone, Debug)]
pub enum Problem {
    /// The source held nothing usable, or could not be read.
    Read(import::Problem),
    /// The background task died (a bug).
    Crashed(String),
    /// The person cancelled while an encrypted export's password was
    /// checked; what it held was dropped.
    Cancelled,
}

/// What one source held (see [`import::Contents`]), or why nothing.
#[derive(Clone, Debug)]
pub struct Scanned {
    /// Where it came from.
    pub origin: Origin,
    /// What it held.
    pub found: Result<Contents, Problem>,
}

async fn scanning(
    origin: Origin,
    work: impl FnOnce() -> Result<Contents, import::Problem> + Send + 'static,
) -> Scanned {
    let found = match tokio::task::spawn_blocking(work).await {
        Ok(found) => found.map_err(Problem::Read),
        Err(e) => Err(Problem::Crashed(e.to_string())),
    };
    Scanned { origin, found }
}

/// Reads an image file, a text file of `otpauth://` links, or another app's
/// export file (`password` decrypts an encrypted one), as [`import`] reads it.
pub fn scan_file(path: PathBuf, password: Option<Password>) -> Task<Scanned> {
    scan_file_cancellable(path, password, vault::Cancel::new())
}

/// [`scan_file`] whose result is dropped (the accounts decrypted zeroized)
/// when `cancel` is cancelled while the export's KDF runs.
pub fn scan_file_cancellable(
    path: PathBuf,
    password: Option<Password>,
    cancel: vault::Cancel,
) -> Task<Scanned> {
    Task::perform(
        async move {
            let origin = Origin::File(path.clone());
            let mut scanned = scanning(origin, move || {
                let bytes = import::load(&path)?;
                let kind = import::detect(&bytes);
                import::file(Origin::File(path), &bytes, kind, password.as_ref())
            })
            .await;
            if !cancel.proceed() {
                scanned.found = Err(Problem::Cancelled);
            }
            scanned
        },
        |scanned| scanned,
    )
}

/// Captures every monitor and decodes the QR codes shown.
pub fn scan_screen(screen: ScreenFn) -> Task<Scanned> {
    Task::perform(
        scanning(Origin::Screen, move || import::screen(screen())),
        |scanned| scanned,
    )
}

/// Reads the clipboard as [`import::clipboard`] does: an image is decoded,
/// text gives its links (several, one per line) or is explained.
pub fn scan_clipboard(clipboard: ClipboardFn) -> Task<Scanned> {
    Task::perform(
        scanning(Origin::Clipboard, move || import::clipboard(clipboard())),
        |scanned| scanned,
    )
}

/// Accounts encoded as Google Authenticator export codes, with their labels
/// (for what was left out).
#[derive(Clone, Debug)]
pub struct Export {
    /// The codes and the accounts left out (by index into `labels`).
    pub encoded: crate::otp::migration::Encoded,
    /// The accounts' labels, in the order given.
    pub labels: Vec<crate::otp::Label>,
}

/// Encodes `accounts` as export codes under a fresh random batch id, off the
/// UI thread (the randomness stays out of `update`).
pub fn encode_export(accounts: Vec<crate::otp::Account>) -> Task<Result<Export, Error>> {
    Task::perform(
        blocking(move || {
            let batch_id = crate::otp::migration::random_batch_id().map_err(vault::Error::from)?;
            Ok(Export {
                encoded: crate::otp::migration::encode(&accounts, batch_id),
                labels: accounts.iter().map(crate::otp::Account::label).collect(),
            })
        }),
        |r| r,
    )
}

/// Deletes the image files accounts were added from; returns how many.
pub fn delete_files(paths: Vec<PathBuf>) -> Task<Result<usize, Error>> {
    Task::perform(
        blocking(move || {
            for path in &paths {
                std::fs::remove_file(path).map_err(|e| Error::Delete {
                    path: path.clone(),
                    source: Arc::new(e),
                })?;
            }
            Ok(paths.len())
        }),
        |r| r,
    )
}

/// The folder automatic backups of the vault go to (`None`: none).
pub fn backup_folder(vault: Handle, history: History) -> Task<Result<Option<PathBuf>, Error>> {
    with_vault(vault, move |vault| {
        Ok(vault::backup::folder(&history, &vault.id())?)
    })
}

/// Sets (or with `None` clears) the folder for automatic backups, then
/// makes the first backup there when the folder is present. Returns the
/// folder as kept and what the backup did.
pub fn set_backup_folder(
    vault: Handle,
    history: History,
    folder: Option<PathBuf>,
    now: crate::clock::Timestamp,
) -> Task<Result<(Option<PathBuf>, vault::backup::Outcome), Error>> {
    with_vault(vault, move |vault| {
        let id = vault.id();
        vault::backup::set_folder(&history, &id, folder.as_deref())?;
        let kept = vault::backup::folder(&history, &id)?;
        let outcome = vault::backup::automatic(vault.path(), &history, now)?;
        Ok((kept, outcome))
    })
}

/// After a save: the automatic backup, when one is due.
pub fn auto_backup(
    vault: Handle,
    history: History,
    now: crate::clock::Timestamp,
) -> Task<Result<vault::backup::Outcome, Error>> {
    with_vault(vault, move |vault| {
        Ok(vault::backup::automatic(vault.path(), &history, now)?)
    })
}

/// The system's folder chooser. `None`: cancelled, or no chooser.
pub fn choose_folder(title: String) -> Task<Option<PathBuf>> {
    Task::perform(
        async move {
            rfd::AsyncFileDialog::new()
                .set_title(title)
                .pick_folder()
                .await
                .map(|folder| folder.path().to_path_buf())
        },
        |chosen| chosen,
    )
}

/// The system's file chooser for images, link lists and other apps' export
/// files (the xdg-desktop-portal; zenity when
/// no portal answers). `None`: cancelled, or no chooser could be shown.
pub fn choose_images(title: String, filter: String) -> Task<Option<Vec<PathBuf>>> {
    Task::perform(
        async move {
            rfd::AsyncFileDialog::new()
                .set_title(title)
                .add_filter(
                    filter,
                    &[
                        "png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff", "txt", "json",
                        "2fas",
                    ],
                )
                .pick_files()
                .await
                .map(|files| files.iter().map(|f| f.path().to_path_buf()).collect())
        },
        |chosen| chosen,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::futures::StreamExt as _;
    use std::time::Duration;

    #[test]
    fn watch_reports_a_change_of_the_file_and_nothing_else() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("vault.tessera");
        std::fs::write(&path, b"one").unwrap_or_else(|e| panic!("{e}"));
        let mut stream = Box::pin(watch(path.clone(), Duration::from_millis(20)));
        runtime.block_on(async {
            // Unchanged: nothing within several checks.
            let quiet = tokio::time::timeout(Duration::from_millis(150), stream.next()).await;
            assert!(quiet.is_err(), "no report while the file is unchanged");
            // Replaced whole, as saves do: a plain write truncates first, and
            // a check between the truncation and the write is a second change.
            let fresh = dir.path().join("fresh");
            std::fs::write(&fresh, b"three").unwrap_or_else(|e| panic!("{e}"));
            std::fs::rename(&fresh, &path).unwrap_or_else(|e| panic!("{e}"));
            let report = tokio::time::timeout(Duration::from_secs(2), stream.next()).await;
            assert_eq!(report.ok().flatten(), Some(()));
            // Once reported, quiet again until the next change.
            let quiet = tokio::time::timeout(Duration::from_millis(150), stream.next()).await;
            assert!(quiet.is_err());
            std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
            let report = tokio::time::timeout(Duration::from_secs(2), stream.next()).await;
            assert_eq!(report.ok().flatten(), Some(()), "removal is a change too");
            // A sync tool's conflict copy appearing beside it, too; any
            // other file does not count.
            std::fs::write(dir.path().join("notes.txt"), b"x").unwrap_or_else(|e| panic!("{e}"));
            let quiet = tokio::time::timeout(Duration::from_millis(150), stream.next()).await;
            assert!(quiet.is_err(), "another file is not a change");
            let copy = dir
                .path()
                .join("vault.sync-conflict-20261130-121314-ABCDEF7.tessera");
            std::fs::write(&copy, b"four").unwrap_or_else(|e| panic!("{e}"));
            let report = tokio::time::timeout(Duration::from_secs(2), stream.next()).await;
            assert_eq!(report.ok().flatten(), Some(()), "a conflict copy appeared");
        });
    }
}

/// An earlier version opened for the Restore screen, waiting for the person
/// to confirm; taken by [`restore_earlier`]. Its accounts stay inside (the
/// screen shows the [`Preview`](vault::earlier::Preview)).
#[derive(Clone)]
pub struct Copy(Arc<Mutex<Option<vault::earlier::Earlier>>>);

impl std::fmt::Debug for Copy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Copy(<earlier version>)")
    }
}

/// What opening an earlier version gave.
#[derive(Clone, Debug)]
pub enum Earlier {
    /// Opened: what it holds and would change, and the copy to restore.
    Opened(vault::earlier::Preview, Copy),
    /// Sealed under another password: ask for it.
    NeedsPassword(PathBuf),
}

/// The vault's earlier versions (previous versions and backups), newest
/// first, opened with its key to count their accounts.
pub fn earlier_versions(vault: Handle) -> Task<Result<Vec<vault::earlier::Candidate>, Error>> {
    with_vault(vault, |vault| Ok(vault.earlier_versions()))
}

/// Opens the earlier version at `path` with the vault's key, or with
/// `password` (the KDF runs here) when it is sealed under another.
pub fn open_earlier(
    vault: Handle,
    path: PathBuf,
    password: Option<Password>,
    policy: KdfPolicy,
) -> Task<Result<Earlier, Error>> {
    with_vault(vault, move |vault| {
        Ok(
            match vault.open_earlier(&path, password.as_ref(), &policy)? {
                vault::earlier::Opening::Opened(earlier) => {
                    let preview = earlier.preview.clone();
                    Earlier::Opened(preview, Copy(Arc::new(Mutex::new(Some(*earlier)))))
                }
                vault::earlier::Opening::NeedsPassword => Earlier::NeedsPassword(path),
            },
        )
    })
}

/// Takes the opened earlier version back as the newest version of the
/// vault; the session's vault becomes the restored one. Returns whether it
/// has a keyring slot and its entries.
pub fn restore_earlier(
    vault: Handle,
    copy: Copy,
    history: History,
) -> Task<Result<(bool, Vec<Entry>), Error>> {
    with_vault(vault, move |vault| {
        let earlier = copy
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .ok_or_else(|| Error::Crashed("the copy was restored already".into()))?;
        let path = vault.path().to_owned();
        // The vault's own history keeps the keyring's copy of the record
        // when keyring unlock is on.
        let history = vault.history().cloned().unwrap_or(history);
        *vault = Vault::restore_earlier(&path, earlier, &history)?;
        Ok((vault.has_keyring_slot(), vault.entries().to_vec()))
    })
}
