//! Earlier versions of a vault, and what taking one back would change: the
//! one comparison `tessera restore` and the app's Restore screen show
//! before anything is replaced (see `docs/sync.md`, "Restoring an earlier
//! version").
//!
//! The earlier versions are the previous versions this computer keeps in
//! its state directory (`vault.tessera.bak1` newest, see
//! [`Vault::previous_versions`]) and the automatic backups in the folder
//! chosen for the vault ([`super::backup`]). [`Vault::earlier_versions`]
//! lists them, newest first, each with when it was written and how many
//! accounts it holds. Listing needs no password: a copy made since the last
//! password change is sealed under the same data key as the vault now, which
//! the unlocked vault holds; an older one says [`State::NeedsPassword`], and
//! [`Vault::open_earlier`] opens it with the password it had then.
//!
//! **Dates.** A backup's date is the one in its name, which Tessera wrote
//! when it made the backup; copying the file elsewhere changes its
//! modification time, never its name. A previous version's date is its
//! file's modification time: the file is the vault as it was saved (a hard
//! link made at the next save, in the state directory only Tessera writes),
//! so that time is when that version was saved. Both come from this
//! computer's clock and are not authenticated; the time of the last change
//! a copy holds ([`Earlier::last_change`]) is read from inside its encrypted
//! body, and so cannot be edited without the key, but it is the clock of
//! whichever computer made that change.

use std::path::{Path, PathBuf};

use super::error::Error;
use super::merge::Contents;
use super::{Entry, EntryId, Vault, backup, file};
use crate::clock::Timestamp;
use crate::otp::Label;

/// Where an earlier version is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A previous version in the state directory: `n` is 1 for the version
    /// before the last save, 2 for the one before that…
    Previous(usize),
    /// An automatic backup (or one made with `tessera backup --to`) in the
    /// vault's backup folder.
    Backup,
}

/// Where a candidate's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dated {
    /// The backup's file name.
    Name,
    /// The file's modification time.
    Modified,
}

/// What is known of an earlier version without another password.
#[derive(Clone, Debug)]
pub enum State {
    /// Opened with the vault's key.
    Open {
        /// How many accounts it holds.
        accounts: usize,
        /// The time of the newest change inside it (0 for an empty vault).
        last_change: Timestamp,
    },
    /// Sealed under another key (made before a password change): it opens
    /// with the password it had then.
    NeedsPassword,
    /// It cannot be used: damaged, from a newer Tessera, another vault's.
    Unusable(Error),
}

/// An earlier version of the vault that can be restored.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The file.
    pub path: PathBuf,
    /// Where it is kept.
    pub kind: Kind,
    /// When it was written; `None` when the file's time cannot be read.
    pub made: Option<Timestamp>,
    /// Where [`Candidate::made`] comes from.
    pub dated: Dated,
    /// Whether it opens, and what it holds.
    pub state: State,
}

/// An account by id and label, for the lists of a [`Comparison`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The entry's id.
    pub id: EntryId,
    /// Its label.
    pub label: Label,
}

impl Named {
    fn of(entry: &Entry) -> Self {
        Self {
            id: entry.id.clone(),
            label: entry.account.label(),
        }
    }
}

/// A field of an account that differs between the vault and a copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The issuer.
    Issuer,
    /// The account name.
    Name,
    /// The secret key.
    Key,
    /// TOTP, HOTP or Steam.
    Kind,
    /// The hash algorithm.
    Algorithm,
    /// The number of digits.
    Digits,
    /// The period of a time-based code.
    Period,
    /// The HOTP counter.
    Counter,
    /// The group.
    Group,
    /// The favourite mark.
    Favourite,
    /// The notes.
    Notes,
    /// The recovery codes (some added or removed, or their use).
    RecoveryCodes,
    /// The icon chosen for it.
    Icon,
}

impl Field {
    /// Every field, in the order a comparison lists them.
    pub const ALL: [Self; 13] = [
        Self::Issuer,
        Self::Name,
        Self::Key,
        Self::Kind,
        Self::Algorithm,
        Self::Digits,
        Self::Period,
        Self::Counter,
        Self::Group,
        Self::Favourite,
        Self::Notes,
        Self::RecoveryCodes,
        Self::Icon,
    ];

    fn differs(self, now: &Entry, then: &Entry) -> bool {
        let (a, b) = (&now.account, &then.account);
        match self {
            Self::Issuer => a.issuer != b.issuer,
            Self::Name => a.name != b.name,
            Self::Key => a.secret != b.secret,
            Self::Kind => a.params.kind != b.params.kind,
            Self::Algorithm => a.params.algorithm != b.params.algorithm,
            Self::Digits => a.params.digits != b.params.digits,
            Self::Period => a.params.period != b.params.period,
            Self::Counter => a.params.counter != b.params.counter,
            Self::Group => now.group != then.group,
            Self::Favourite => now.favourite != then.favourite,
            Self::Notes => now.notes != then.notes,
            Self::RecoveryCodes => now.recovery_codes != then.recovery_codes,
            Self::Icon => now.icon != then.icon,
        }
    }
}

/// An account in both the vault and the copy, with different fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    /// The account as the copy names it.
    pub account: Named,
    /// The fields that would change, in [`Field::ALL`]'s order.
    pub fields: Vec<Field>,
    /// A HOTP counter that would go back: (now, in the copy). The codes
    /// between would be shown again, and a service that already accepted
    /// them refuses them.
    pub counter_back: Option<(u64, u64)>,
    /// How many recovery codes used since would be shown as unused again
    /// (the service has already spent them).
    pub unused_again: usize,
}

/// What restoring a copy would change in the vault as it is now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Accounts in the copy but not in the vault: they would come back.
    pub back: Vec<Named>,
    /// Accounts in the vault but not in the copy: they would disappear.
    pub gone: Vec<Named>,
    /// Accounts in both whose fields differ.
    pub changed: Vec<Changed>,
    /// Accounts in both, the same.
    pub same: usize,
}

impl Comparison {
    /// Compares the vault's entries `now` with a copy's entries `then`:
    /// what taking the copy back would change. Accounts are matched by id
    /// (an account removed and added again is one gone and one back); the
    /// lists are in display order; when an account was only used (its
    /// last-used time) nothing counts as changed.
    pub fn between(now: &[Entry], then: &[Entry]) -> Self {
        let mut sorted_then: Vec<&Entry> = then.iter().collect();
        sorted_then.sort_by_cached_key(|e| super::display_key(e));
        let mut sorted_now: Vec<&Entry> = now.iter().collect();
        sorted_now.sort_by_cached_key(|e| super::display_key(e));
        let find = |list: &[Entry], id: &EntryId| list.iter().find(|e| &e.id == id).cloned();
        let mut out = Self::default();
        for copy in &sorted_then {
            let Some(current) = find(now, &copy.id) else {
                out.back.push(Named::of(copy));
                continue;
            };
            let fields: Vec<Field> = Field::ALL
                .into_iter()
                .filter(|f| f.differs(&current, copy))
                .collect();
            if fields.is_empty() {
                out.same += 1;
                continue;
            }
            let (was, will) = (current.account.params.counter, copy.account.params.counter);
            let counter_back = (current.account.params.kind == crate::otp::Kind::Hotp
                && copy.account.params.kind == crate::otp::Kind::Hotp
                && will < was)
                .then_some((was, will));
            let unused_again = current
                .recovery_codes
                .iter()
                .filter(|used| used.used_at.is_some())
                .filter(|used| {
                    copy.recovery_codes
                        .iter()
                        .any(|c| c.code == used.code && c.used_at.is_none())
                })
                .count();
            out.changed.push(Changed {
                account: Named::of(copy),
                fields,
                counter_back,
                unused_again,
            });
        }
        for current in &sorted_now {
            if find(then, &current.id).is_none() {
                out.gone.push(Named::of(current));
            }
        }
        out
    }

    /// Whether restoring would change nothing in the accounts.
    pub fn is_empty(&self) -> bool {
        self.back.is_empty() && self.gone.is_empty() && self.changed.is_empty()
    }
}

/// What an opened earlier version holds and what restoring it would change:
/// what both front ends show before restoring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    /// The file.
    pub source: PathBuf,
    /// How many accounts it holds.
    pub accounts: usize,
    /// The time of the newest change inside it, from its encrypted body
    /// (0 for an empty vault).
    pub last_change: Timestamp,
    /// What restoring it would change; `None` when the vault as it is now
    /// could not be read with this copy's key (it is missing or damaged,
    /// or its password changed since the copy was made).
    pub comparison: Option<Comparison>,
    /// Whether the copy opens with the same password as the vault now
    /// (its password slot is the same). Restoring a copy made before a
    /// password change brings that older password back.
    pub same_password: bool,
    /// Whether the copy can be unlocked through the system keyring.
    pub keyring: bool,
}

/// An earlier version, opened: its [`Preview`], and the copy that
/// [`Vault::restore_earlier`] takes back.
#[derive(Debug)]
pub struct Earlier {
    copy: Vault,
    /// What it holds and what restoring it would change.
    pub preview: Preview,
}

impl Earlier {
    /// The copy's accounts.
    pub fn entries(&self) -> &[Entry] {
        self.copy.entries()
    }

    /// The copy at `source`, opened (`copy`), compared with the vault file
    /// at `vault`, read with the copy's key: what `tessera restore FILE`
    /// shows, having asked for the copy's own password.
    pub fn against_file(copy: Vault, source: &Path, vault: &Path) -> Self {
        let current = match copy.open_with_key(vault) {
            Ok(Some(current)) => Some(current),
            _ => None,
        };
        Self::new(copy, source, current.as_ref())
    }

    fn new(copy: Vault, source: &Path, current: Option<&Vault>) -> Self {
        let preview = Preview {
            source: source.to_owned(),
            accounts: copy.entries().len(),
            last_change: copy.contents().newest_stamp(),
            comparison: current.map(|v| Comparison::between(v.entries(), copy.entries())),
            same_password: current.is_some_and(|v| {
                v.header.password_slot().is_some()
                    && v.header.password_slot() == copy.header.password_slot()
            }),
            keyring: copy.has_keyring_slot(),
        };
        Self { copy, preview }
    }
}

/// What [`Vault::open_earlier`] found.
#[derive(Debug)]
pub enum Opening {
    /// The copy opened.
    Opened(Box<Earlier>),
    /// The copy is sealed under another key: ask for the password it had.
    NeedsPassword,
}

impl Vault {
    /// The earlier versions of this vault that can be restored: its previous
    /// versions and the backups in its backup folder (when one is set and
    /// there), newest first, each opened with this vault's key to count its
    /// accounts (no KDF runs). A backup folder that cannot be read lists no
    /// backups.
    pub fn earlier_versions(&self) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self
            .previous_versions()
            .into_iter()
            .enumerate()
            .map(|(i, path)| Candidate {
                made: modified(&path),
                state: self.state_of(&path),
                kind: Kind::Previous(i + 1),
                dated: Dated::Modified,
                path,
            })
            .collect();
        let folder = self
            .history
            .as_ref()
            .and_then(|history| backup::folder(history, &self.id()).ok().flatten());
        if let Some(folder) = folder {
            let stem = backup::stem(&self.path);
            out.extend(
                backup::list(&folder, &stem)
                    .into_iter()
                    .filter(|b| backup::same_vault(&b.path, &self.id()))
                    .map(|b| Candidate {
                        state: self.state_of(&b.path),
                        made: Some(b.made),
                        kind: Kind::Backup,
                        dated: Dated::Name,
                        path: b.path,
                    }),
            );
        }
        // Newest first; a date unknown goes last; ties keep previous
        // versions (newest first) before backups.
        out.sort_by_key(|c| std::cmp::Reverse(c.made));
        out
    }

    fn state_of(&self, path: &Path) -> State {
        match self.open_with_key(path) {
            Ok(Some(copy)) => State::Open {
                accounts: copy.entries().len(),
                last_change: copy.contents().newest_stamp(),
            },
            Ok(None) => State::NeedsPassword,
            Err(e) => State::Unusable(e),
        }
    }

    /// Opens the copy of this vault at `path` to restore it: with this
    /// vault's key, or, when the copy is sealed under another one, with
    /// `password` (running the KDF under `policy`); without a password
    /// that copy is [`Opening::NeedsPassword`]. A copy of another vault is
    /// [`Error::DifferentVault`].
    pub fn open_earlier(
        &self,
        path: &Path,
        password: Option<&crate::secret::Password>,
        policy: &super::KdfPolicy,
    ) -> Result<Opening, Error> {
        let copy = match self.open_with_key(path)? {
            Some(copy) => copy,
            None => match password {
                None => return Ok(Opening::NeedsPassword),
                Some(password) => {
                    let copy = Self::open(path, super::Unlock::Password(password), policy)?;
                    if copy.header.vault_id != self.header.vault_id {
                        return Err(self.different(path));
                    }
                    copy
                }
            },
        };
        Ok(Opening::Opened(Box::new(Earlier::new(
            copy,
            path,
            Some(self),
        ))))
    }

    /// Takes back the earlier version `earlier` as the newest version of
    /// the vault at `path` ([`Vault::restore`] with a copy opened already).
    pub fn restore_earlier(
        path: &Path,
        earlier: Earlier,
        history: &super::History,
    ) -> Result<Self, Error> {
        Self::restore_opened(path, &earlier.preview.source, earlier.copy, history)
    }

    /// The copy of this vault at `path`, opened with this vault's data key;
    /// `None` when it is sealed under another key.
    pub(super) fn open_with_key(&self, path: &Path) -> Result<Option<Self>, Error> {
        let bytes = file::read(path)?;
        let parsed = super::parse(path, &bytes)?;
        if parsed.header.vault_id != self.header.vault_id {
            return Err(self.different(path));
        }
        let contents: Contents = match super::decrypt(path, &parsed, &self.data_key) {
            Ok(contents) => contents,
            // Other key slots and a header our key does not authenticate:
            // sealed under another data key (a password change), not damaged.
            Err(Error::Damaged { .. }) if parsed.header.slots != self.header.slots => {
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        Ok(Some(Self {
            path: path.to_owned(),
            header: parsed.header,
            data_key: self.data_key.clone(),
            contents,
            stamp: super::crypto::sha256(&bytes),
            history: None,
        }))
    }

    fn different(&self, source: &Path) -> Error {
        Error::DifferentVault {
            path: self.path.clone(),
            source_file: source.to_owned(),
        }
    }
}

/// A file's modification time, in whole seconds.
fn modified(path: &Path) -> Option<Timestamp> {
    let time = std::fs::symlink_metadata(path).ok()?.modified().ok()?;
    let secs = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Timestamp(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::Account;
    use crate::secret::Password;
    use crate::vault::{History, KdfPolicy, recovery};

    fn entry(uri: &str, at: u64) -> Entry {
        Entry::new(Account::from_uri(uri).unwrap(), Timestamp(at)).unwrap()
    }

    fn named(label: &str) -> Label {
        Label::Named(label.to_owned())
    }

    fn labels(list: &[Named]) -> Vec<Label> {
        list.iter().map(|n| n.label.clone()).collect()
    }

    #[test]
    fn a_comparison_lists_what_comes_back_goes_and_changes() {
        let kept = entry("otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQ", 1);
        let removed_since = entry("otpauth://totp/Zeta:zed?secret=GEZDGNBVGY3TQOJR", 1);
        let mut hotp_then = entry(
            "otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJS&counter=5",
            1,
        );
        hotp_then.recovery_codes =
            recovery::fresh_set(vec!["1111-2222".into(), "3333-4444".into()]);
        let added_since = entry("otpauth://totp/Beta:new?secret=GEZDGNBVGY3TQOJT", 2);
        let mut hotp_now = hotp_then.clone();
        hotp_now.account.params.counter = 9;
        hotp_now.notes = "moved to the new card".into();
        recovery::mark_used(&mut hotp_now, "1111-2222", Timestamp(3)).unwrap();
        let mut used_only = kept.clone();
        used_only.last_used = Some(Timestamp(4));

        let now = vec![used_only, hotp_now, added_since];
        let then = vec![removed_since, kept, hotp_then];
        let c = Comparison::between(&now, &then);
        assert_eq!(labels(&c.back), [named("Zeta (zed)")]);
        assert_eq!(labels(&c.gone), [named("Beta (new)")]);
        assert_eq!(c.same, 1, "being used is no change");
        assert_eq!(c.changed.len(), 1);
        let bank = &c.changed[0];
        assert_eq!(bank.account.label, named("Bank (bob)"));
        assert_eq!(
            bank.fields,
            [Field::Counter, Field::Notes, Field::RecoveryCodes]
        );
        assert_eq!(bank.counter_back, Some((9, 5)));
        assert_eq!(bank.unused_again, 1);
        assert!(!c.is_empty());

        // The other way round: the counter goes forward, no code comes back.
        let c = Comparison::between(&then, &now);
        assert_eq!(c.changed[0].counter_back, None);
        assert_eq!(c.changed[0].unused_again, 0);
        assert_eq!(labels(&c.back), [named("Beta (new)")]);
        assert!(Comparison::between(&now, &now).is_empty());
        assert_eq!(Comparison::between(&now, &now).same, 3);
    }

    #[test]
    fn a_changed_key_and_name_are_named_and_lists_follow_display_order() {
        let a = entry("otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQ", 1);
        let mut renamed = a.clone();
        renamed.account.name = "alice2".into();
        renamed.account.secret = crate::secret::SecretBytes::new(vec![1; 10]);
        let c = Comparison::between(&[renamed], &[a]);
        assert_eq!(c.changed[0].fields, [Field::Name, Field::Key]);
        assert_eq!(c.changed[0].account.label, named("ACME (alice)"));

        let then: Vec<Entry> = ["Svc10", "svc2", "Svc1"]
            .iter()
            .map(|issuer| {
                entry(
                    &format!("otpauth://totp/{issuer}:x?secret=GEZDGNBVGY3TQOJQ"),
                    1,
                )
            })
            .collect();
        let c = Comparison::between(&[], &then);
        assert_eq!(
            labels(&c.back),
            [named("Svc1 (x)"), named("svc2 (x)"), named("Svc10 (x)")]
        );
    }

    fn account(issuer: &str) -> Account {
        Account::from_uri(&format!(
            "otpauth://totp/{issuer}:me?secret=GEZDGNBVGY3TQOJQ"
        ))
        .unwrap()
    }

    #[test]
    fn earlier_versions_open_with_the_key_until_the_password_changes() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::at(dir.path().join("state"));
        let policy = KdfPolicy::insecure_for_tests();
        let path = dir.path().join("vault.tessera");
        let password = Password::new("first password".into());
        let mut vault = Vault::create_tracked(&path, &password, &policy, &history).unwrap();
        let folder = dir.path().join("backups");
        std::fs::create_dir(&folder).unwrap();
        backup::set_folder(&history, &vault.id(), Some(&folder)).unwrap();
        for (i, issuer) in ["One", "Two"].iter().enumerate() {
            vault
                .modify(|entries| {
                    entries.push(Entry::new(account(issuer), Timestamp(100 + i as u64))?);
                    Ok(())
                })
                .unwrap();
        }
        // A backup of the vault with two accounts, dated by its name (in
        // 2030, after the files' times).
        let made = Timestamp(1_900_000_000);
        backup::automatic(&path, &history, made).unwrap();
        vault
            .modify(|entries| {
                entries.push(Entry::new(account("Three"), Timestamp(200))?);
                Ok(())
            })
            .unwrap();

        let list = vault.earlier_versions();
        // Three previous versions (0, 1 and 2 accounts) and the backup.
        let counts: Vec<(Kind, Option<usize>)> = list
            .iter()
            .map(|c| match c.state {
                State::Open { accounts, .. } => (c.kind, Some(accounts)),
                _ => (c.kind, None),
            })
            .collect();
        assert_eq!(
            counts,
            [
                (Kind::Backup, Some(2)),
                (Kind::Previous(1), Some(2)),
                (Kind::Previous(2), Some(1)),
                (Kind::Previous(3), Some(0)),
            ]
        );
        assert_eq!(list[0].made, Some(made));
        assert_eq!(list[0].dated, Dated::Name);
        assert_eq!(list[1].dated, Dated::Modified);
        assert!(list[1].made.is_some());

        let Opening::Opened(earlier) = vault.open_earlier(&list[2].path, None, &policy).unwrap()
        else {
            panic!("opens with the vault's key");
        };
        let c = earlier.preview.comparison.clone().unwrap();
        assert_eq!(labels(&c.gone), [named("Three (me)"), named("Two (me)")]);
        assert_eq!(c.same, 1);
        assert!(earlier.preview.same_password);
        assert_eq!(earlier.preview.accounts, 1);
        assert_eq!(earlier.preview.last_change, Timestamp(100));

        // After a password change, the copies made before need the old password.
        vault
            .change_password(&Password::new("second password".into()), &policy, None)
            .unwrap();
        let list = vault.earlier_versions();
        let previous_1 = list.iter().find(|c| c.kind == Kind::Previous(1)).unwrap();
        let previous_2 = list.iter().find(|c| c.kind == Kind::Previous(2)).unwrap();
        assert!(matches!(previous_1.state, State::NeedsPassword));
        assert!(matches!(previous_2.state, State::NeedsPassword));
        let path_2 = previous_2.path.clone();
        assert!(matches!(
            vault.open_earlier(&path_2, None, &policy).unwrap(),
            Opening::NeedsPassword
        ));
        assert!(matches!(
            vault.open_earlier(&path_2, Some(&Password::new("wrong".into())), &policy),
            Err(Error::WrongPassword { .. })
        ));
        let Opening::Opened(earlier) = vault
            .open_earlier(&path_2, Some(&password), &policy)
            .unwrap()
        else {
            panic!("opens with the old password");
        };
        assert!(!earlier.preview.same_password);
        assert_eq!(earlier.entries().len(), 2);

        // Restored: the vault holds the copy's accounts, under its password.
        let restored = Vault::restore_earlier(&path, *earlier, &history).unwrap();
        assert_eq!(restored.entries().len(), 2);
        let reopened = Vault::open_tracked(
            &path,
            crate::vault::Unlock::Password(&password),
            &policy,
            &history,
        )
        .unwrap();
        let mut issuers: Vec<&str> = reopened
            .entries()
            .iter()
            .map(|e| e.account.issuer.as_str())
            .collect();
        issuers.sort_unstable();
        assert_eq!(issuers, ["One", "Two"]);
    }

    #[test]
    fn another_vaults_copy_is_refused_and_a_damaged_one_unusable() {
        let dir = tempfile::tempdir().unwrap();
        let policy = KdfPolicy::insecure_for_tests();
        let password = Password::new("pw".into());
        let vault = Vault::create(&dir.path().join("a.tessera"), &password, &policy).unwrap();
        let other = dir.path().join("b.tessera");
        drop(Vault::create(&other, &password, &policy).unwrap());
        assert!(matches!(
            vault.open_earlier(&other, Some(&password), &policy),
            Err(Error::DifferentVault { .. })
        ));
        let damaged = dir.path().join("c.tessera");
        let mut bytes = std::fs::read(dir.path().join("a.tessera")).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&damaged, bytes).unwrap();
        assert!(matches!(
            vault.state_of(&damaged),
            State::Unusable(Error::Damaged { .. })
        ));
    }
}
