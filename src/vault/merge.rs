//! Merging two copies of one vault that were changed apart (a sync tool's
//! conflict copy): per account and per field, so that nothing either side
//! did is lost. See `docs/sync.md` for the rules with examples.
//!
//! Every part of an entry that a person edits is a register with a
//! modification stamp: issuer, account name, group, favourite mark, notes,
//! the icon choice, the key (secret and code parameters, counter aside), and
//! the set of recovery codes. The rest joins without stamps: an HOTP counter takes the
//! higher value, a recovery code is used when either side used it (the
//! earlier time), `created` the earlier, `modified` and `last_used` the later.
//! A removed entry stays as a tombstone: its removal stamp and, so that two
//! merges in any order agree, its data (see [`REMOVED_KEPT_FOR`]).
//!
//! **Stamps** are Unix seconds made monotonic per vault (a hybrid logical
//! clock): a change is stamped `max(now, newest stamp in the vault + 1)`, so
//! a change made after seeing another is always stamped later, whatever the
//! two computers' clocks say; between changes made apart, the later clock
//! wins. Equal stamps fall back to comparing the values, so the result never
//! depends on which copy is merged into which.
//!
//! The merge is a join: commutative, associative and idempotent (a property
//! test in `tests/core/vault_merge.rs` checks it on random histories).

use std::collections::BTreeMap;

use super::Error;
use super::entry::{Entry, EntryId, RecoveryCode};
use super::recovery::normalise;
use crate::clock::Timestamp;

/// How long a removed entry is kept as a tombstone after its removal (in
/// stamp seconds, against the newest stamp in the vault): a copy edited
/// apart for longer than this can bring a removed account back.
pub const REMOVED_KEPT_FOR: u64 = 90 * 24 * 60 * 60;
/// Most tombstones kept (the oldest removals are forgotten first).
pub const MAX_REMOVED: usize = 1000;

/// When each part of an entry last changed (stamp seconds).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Stamps {
    pub issuer: u64,
    pub name: u64,
    pub group: u64,
    pub favourite: u64,
    pub notes: u64,
    /// The secret and the code parameters (the counter joins by maximum).
    pub key: u64,
    /// Which recovery codes the entry holds (their uses join without a stamp).
    pub recovery: u64,
    /// The icon choice (0 when it was never chosen: any choice wins).
    pub icon: u64,
    /// The latest change of any kind (an HOTP advance and a code use included).
    pub touched: u64,
}

impl Stamps {
    /// Every part stamped `at` (a new entry, or one read from a vault that
    /// kept no stamps: its `modified` time).
    pub(crate) fn all(at: u64) -> Self {
        Self {
            issuer: at,
            name: at,
            group: at,
            favourite: at,
            notes: at,
            key: at,
            recovery: at,
            touched: at,
            icon: at,
        }
    }
}

/// One entry with its stamps, and its removal stamp if it was removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    pub entry: Entry,
    pub stamps: Stamps,
    pub removed: Option<u64>,
}

impl Record {
    /// A removal hides the entry unless something changed after it.
    pub(crate) fn visible(&self) -> bool {
        self.removed.is_none_or(|r| self.stamps.touched > r)
    }
}

/// What merging needs of an entry besides the entry: its stamps, and a
/// removal that lost to a later change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Meta {
    stamps: Stamps,
    removed: Option<u64>,
}

/// A vault's contents: its entries, with the stamps and tombstones that let
/// two copies changed apart be merged ([`Contents::merge`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contents {
    /// The entries shown, in stored order.
    entries: Vec<Entry>,
    /// Stamps of every shown entry.
    meta: BTreeMap<EntryId, Meta>,
    /// Removed entries (tombstones), by id.
    removed: BTreeMap<EntryId, Record>,
}

impl Contents {
    /// No entries.
    pub fn new() -> Self {
        Self::default()
    }

    /// The entries shown (removed ones left out), in stored order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The ids of removed entries kept as tombstones, with when they were removed.
    pub fn removed(&self) -> impl Iterator<Item = (&EntryId, Timestamp)> + '_ {
        self.removed
            .iter()
            .filter_map(|(id, r)| r.removed.map(|at| (id, Timestamp(at))))
    }

    /// The newest stamp anywhere in the contents (0 when empty): the next
    /// change is stamped above it.
    pub fn newest_stamp(&self) -> Timestamp {
        Timestamp(self.newest())
    }

    fn newest(&self) -> u64 {
        let shown = self
            .meta
            .values()
            .map(|m| m.stamps.touched.max(m.removed.unwrap_or(0)));
        let gone = self
            .removed
            .values()
            .map(|r| r.stamps.touched.max(r.removed.unwrap_or(0)));
        shown.chain(gone).max().unwrap_or(0)
    }

    /// Applies `change` to the entries and stamps what it changed at `now`
    /// (or, without `now`, at the latest `modified` time among the entries
    /// it changed), never below the newest stamp + 1. A failing change
    /// changes nothing.
    pub fn change<T>(
        &mut self,
        now: Option<Timestamp>,
        change: impl FnOnce(&mut Vec<Entry>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut entries = self.entries.clone();
        let out = change(&mut entries)?;
        self.commit(entries, now);
        Ok(out)
    }

    /// Takes `entries` as the new list of shown entries, stamping what
    /// changed since the current one (see [`Contents::change`]).
    pub(crate) fn commit(&mut self, entries: Vec<Entry>, now: Option<Timestamp>) {
        let before: BTreeMap<&EntryId, &Entry> = self.entries.iter().map(|e| (&e.id, e)).collect();
        let changed = |e: &Entry| before.get(&e.id).is_none_or(|old| *old != e);
        let kept: std::collections::BTreeSet<&EntryId> = entries.iter().map(|e| &e.id).collect();
        let removals = self.entries.iter().any(|e| !kept.contains(&e.id));
        if !removals && !entries.iter().any(changed) && entries.len() == self.entries.len() {
            self.entries = entries;
            return;
        }
        let hint = entries
            .iter()
            .filter(|e| changed(e))
            .map(|e| e.modified.secs())
            .chain(now.map(Timestamp::secs))
            .max()
            .unwrap_or(0);
        let at = hint.max(self.newest().saturating_add(1));
        let mut meta = BTreeMap::new();
        for entry in &entries {
            let stamps = match (before.get(&entry.id), self.meta.get(&entry.id)) {
                (Some(old), Some(m)) if *old == entry => *m,
                (Some(old), Some(m)) => Meta {
                    stamps: restamp(old, entry, m.stamps, at),
                    removed: m.removed,
                },
                // New here (or added back under the id of a removed entry,
                // whose removal it outlives).
                _ => Meta {
                    stamps: Stamps::all(at),
                    removed: self.removed.get(&entry.id).and_then(|r| r.removed),
                },
            };
            self.removed.remove(&entry.id);
            meta.insert(entry.id.clone(), stamps);
        }
        for old in &self.entries {
            if !kept.contains(&old.id) {
                let m = self.meta.get(&old.id).copied().unwrap_or(Meta {
                    stamps: Stamps::all(old.modified.secs()),
                    removed: None,
                });
                self.removed.insert(
                    old.id.clone(),
                    Record {
                        entry: old.clone(),
                        stamps: m.stamps,
                        removed: Some(at),
                    },
                );
            }
        }
        self.entries = entries;
        self.meta = meta;
        self.prune(at);
    }

    /// Forgets tombstones older than [`REMOVED_KEPT_FOR`] before `now`, and
    /// the oldest beyond [`MAX_REMOVED`].
    fn prune(&mut self, now: u64) {
        let horizon = now.saturating_sub(REMOVED_KEPT_FOR);
        self.removed
            .retain(|_, r| r.removed.unwrap_or(0).max(r.stamps.touched) >= horizon);
        if self.removed.len() > MAX_REMOVED {
            let mut ages: Vec<(u64, EntryId)> = self
                .removed
                .iter()
                .map(|(id, r)| (r.removed.unwrap_or(0), id.clone()))
                .collect();
            ages.sort();
            for (_, id) in ages.iter().take(self.removed.len() - MAX_REMOVED) {
                self.removed.remove(id);
            }
        }
    }

    /// Every record, shown and removed.
    pub(crate) fn records(&self) -> impl Iterator<Item = Record> + '_ {
        let shown = self.entries.iter().map(|e| {
            let m = self.meta.get(&e.id).copied().unwrap_or(Meta {
                stamps: Stamps::all(e.modified.secs()),
                removed: None,
            });
            Record {
                entry: e.clone(),
                stamps: m.stamps,
                removed: m.removed,
            }
        });
        shown.chain(self.removed.values().cloned())
    }

    /// Contents made of records (from a file, or a merge): shown entries in
    /// the order given.
    pub(crate) fn from_records(records: impl IntoIterator<Item = Record>) -> Self {
        let mut out = Self::default();
        for record in records {
            if record.visible() {
                if out.meta.contains_key(&record.entry.id) {
                    continue;
                }
                out.meta.insert(
                    record.entry.id.clone(),
                    Meta {
                        stamps: record.stamps,
                        removed: record.removed,
                    },
                );
                out.entries.push(record.entry);
            } else {
                out.removed.insert(record.entry.id.clone(), record);
            }
        }
        out
    }

    /// Contents holding `entries`, each stamped at its `modified` time (a
    /// vault written before stamps existed).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        Self::from_records(entries.into_iter().map(|entry| Record {
            stamps: Stamps::all(entry.modified.secs()),
            entry,
            removed: None,
        }))
    }

    /// The two copies merged, per entry and per field. The result is the
    /// same whichever copy is `self` (entries in creation order), merging it
    /// again with either copy changes nothing, and three copies merge to the
    /// same result in any order.
    #[must_use]
    pub fn merge(&self, other: &Self) -> Self {
        let mut all: BTreeMap<EntryId, Record> = BTreeMap::new();
        for record in self.records().chain(other.records()) {
            match all.remove(&record.entry.id) {
                Some(seen) => {
                    let joined = join(&seen, &record);
                    all.insert(record.entry.id.clone(), joined);
                }
                None => {
                    all.insert(record.entry.id.clone(), record);
                }
            }
        }
        let mut records: Vec<Record> = all.into_values().collect();
        records.sort_by(|a, b| (a.entry.created, &a.entry.id).cmp(&(b.entry.created, &b.entry.id)));
        Self::from_records(records)
    }
}

/// `stamps` with every part that differs between `old` and `new` stamped `at`.
fn restamp(old: &Entry, new: &Entry, mut stamps: Stamps, at: u64) -> Stamps {
    let (a, b) = (&old.account, &new.account);
    let set = |differs: bool, stamp: &mut u64| {
        if differs {
            *stamp = at;
        }
    };
    set(a.issuer != b.issuer, &mut stamps.issuer);
    set(a.name != b.name, &mut stamps.name);
    set(old.group != new.group, &mut stamps.group);
    set(old.favourite != new.favourite, &mut stamps.favourite);
    set(old.notes != new.notes, &mut stamps.notes);
    set(key_of(old) != key_of(new), &mut stamps.key);
    set(code_texts(old).ne(code_texts(new)), &mut stamps.recovery);
    set(old.icon != new.icon, &mut stamps.icon);
    stamps.touched = at;
    stamps
}

/// What the key register holds, in a total order for ties.
fn key_of(entry: &Entry) -> (&'static str, &'static str, u8, u32, &[u8]) {
    let p = &entry.account.params;
    (
        p.kind.as_str(),
        p.algorithm.as_str(),
        p.digits,
        p.period,
        entry.account.secret.expose(),
    )
}

fn code_texts(entry: &Entry) -> impl Iterator<Item = &str> {
    entry.recovery_codes.iter().map(|c| c.code.expose())
}

/// Whether `b`'s value wins over `a`'s: the later stamp, then the greater value.
fn later<T: Ord + ?Sized>(a: (u64, &T), b: (u64, &T)) -> bool {
    b > a
}

/// One entry's two records joined (both have the same id).
fn join(a: &Record, b: &Record) -> Record {
    let mut entry = a.entry.clone();
    let mut stamps = a.stamps;
    let (ea, eb) = (&a.entry, &b.entry);
    let (sa, sb) = (&a.stamps, &b.stamps);
    if later(
        (sa.issuer, ea.account.issuer.as_str()),
        (sb.issuer, eb.account.issuer.as_str()),
    ) {
        entry.account.issuer.clone_from(&eb.account.issuer);
        stamps.issuer = sb.issuer;
    }
    if later(
        (sa.name, ea.account.name.as_str()),
        (sb.name, eb.account.name.as_str()),
    ) {
        entry.account.name.clone_from(&eb.account.name);
        stamps.name = sb.name;
    }
    if later((sa.group, ea.group.as_str()), (sb.group, eb.group.as_str())) {
        entry.group.clone_from(&eb.group);
        stamps.group = sb.group;
    }
    if later((sa.favourite, &ea.favourite), (sb.favourite, &eb.favourite)) {
        entry.favourite = eb.favourite;
        stamps.favourite = sb.favourite;
    }
    if later((sa.notes, ea.notes.as_str()), (sb.notes, eb.notes.as_str())) {
        entry.notes.clone_from(&eb.notes);
        stamps.notes = sb.notes;
    }
    if later((sa.icon, &ea.icon), (sb.icon, &eb.icon)) {
        entry.icon.clone_from(&eb.icon);
        stamps.icon = sb.icon;
    }
    if later((sa.key, &key_of(ea)), (sb.key, &key_of(eb))) {
        entry.account.secret = eb.account.secret.clone();
        entry.account.params = eb.account.params;
        stamps.key = sb.key;
    }
    entry.account.params.counter = ea.account.params.counter.max(eb.account.params.counter);
    let texts_a: Vec<&str> = code_texts(ea).collect();
    let texts_b: Vec<&str> = code_texts(eb).collect();
    if later((sa.recovery, &texts_a), (sb.recovery, &texts_b)) {
        entry.recovery_codes.clone_from(&eb.recovery_codes);
        stamps.recovery = sb.recovery;
    }
    entry.recovery_codes = entry
        .recovery_codes
        .iter()
        .map(|code| RecoveryCode {
            code: code.code.clone(),
            used_at: first_use(code, ea, eb),
        })
        .collect();
    entry.created = ea.created.min(eb.created);
    entry.modified = ea.modified.max(eb.modified);
    entry.last_used = ea.last_used.max(eb.last_used);
    stamps.touched = sa.touched.max(sb.touched);
    Record {
        entry,
        stamps,
        removed: a.removed.max(b.removed),
    }
}

/// The earliest use of `code` in either entry (codes compared as typed:
/// spaces, hyphens and case aside).
fn first_use(code: &RecoveryCode, a: &Entry, b: &Entry) -> Option<Timestamp> {
    let wanted = normalise(code.code.expose());
    a.recovery_codes
        .iter()
        .chain(&b.recovery_codes)
        .filter(|c| normalise(c.code.expose()) == wanted)
        .filter_map(|c| c.used_at)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::{Account, Params, decode_base32};

    fn entry(issuer: &str, at: u64) -> Entry {
        let secret = decode_base32("JBSWY3DPEHPK3PXP").unwrap_or_else(|e| panic!("{e}"));
        let account =
            Account::new(issuer, "me", secret, Params::totp()).unwrap_or_else(|e| panic!("{e}"));
        Entry::new(account, Timestamp(at)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn ok<T>(r: Result<T, Error>) -> T {
        r.unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn edits_of_different_fields_both_survive() {
        let mut base = Contents::new();
        ok(base.change(Some(Timestamp(100)), |e| {
            e.push(entry("Bank", 100));
            Ok(())
        }));
        let id = base.entries()[0].id.clone();
        let (mut left, mut right) = (base.clone(), base.clone());
        ok(left.change(Some(Timestamp(200)), |e| {
            e[0].notes = "left".into();
            Ok(())
        }));
        ok(right.change(Some(Timestamp(150)), |e| {
            e[0].account.issuer = "Right Bank".into();
            e[0].notes = "right".into();
            Ok(())
        }));
        let merged = left.merge(&right);
        assert_eq!(merged, right.merge(&left));
        assert_eq!(merged.entries()[0].id, id);
        assert_eq!(merged.entries()[0].account.issuer, "Right Bank");
        assert_eq!(merged.entries()[0].notes, "left", "the later edit");
        assert_eq!(merged.merge(&left), merged);
    }

    #[test]
    fn the_icon_choice_merges_as_one_more_field() {
        use crate::vault::Icon;
        let mut base = Contents::new();
        ok(base.change(Some(Timestamp(100)), |e| {
            e.push(entry("GitHub", 100));
            Ok(())
        }));
        let (mut left, mut right) = (base.clone(), base.clone());
        // One side picks an icon, the other edits the notes later: both survive.
        ok(left.change(Some(Timestamp(200)), |e| {
            e[0].icon = Icon::Brand("gitlab".into());
            Ok(())
        }));
        ok(right.change(Some(Timestamp(300)), |e| {
            e[0].notes = "work".into();
            Ok(())
        }));
        let merged = left.merge(&right);
        assert_eq!(merged, right.merge(&left));
        assert_eq!(merged.entries()[0].icon, Icon::Brand("gitlab".into()));
        assert_eq!(merged.entries()[0].notes, "work");
        // Both sides choose: the later choice wins, in either order.
        ok(right.change(Some(Timestamp(400)), |e| {
            e[0].icon = Icon::Letter;
            Ok(())
        }));
        let merged = left.merge(&right);
        assert_eq!(merged, right.merge(&left));
        assert_eq!(merged.entries()[0].icon, Icon::Letter);
        assert_eq!(merged.merge(&left), merged, "idempotent");
        // Equal stamps: the result does not depend on the order either.
        let (mut a, mut b) = (base.clone(), base);
        ok(a.change(Some(Timestamp(500)), |e| {
            e[0].icon = Icon::Brand("github".into());
            Ok(())
        }));
        ok(b.change(Some(Timestamp(500)), |e| {
            e[0].icon = Icon::Letter;
            Ok(())
        }));
        assert_eq!(a.merge(&b), b.merge(&a));
    }

    #[test]
    fn a_removal_wins_over_earlier_edits_and_loses_to_later_ones() {
        let mut base = Contents::new();
        ok(base.change(Some(Timestamp(100)), |e| {
            e.push(entry("Bank", 100));
            Ok(())
        }));
        let (mut gone, mut early, mut late) = (base.clone(), base.clone(), base.clone());
        ok(gone.change(Some(Timestamp(300)), |e| {
            e.clear();
            Ok(())
        }));
        ok(early.change(Some(Timestamp(200)), |e| {
            e[0].notes = "before".into();
            Ok(())
        }));
        ok(late.change(Some(Timestamp(400)), |e| {
            e[0].notes = "after".into();
            Ok(())
        }));
        assert!(gone.merge(&early).entries().is_empty());
        assert_eq!(gone.merge(&early).removed().count(), 1);
        let back = gone.merge(&late);
        assert_eq!(back.entries().len(), 1);
        assert_eq!(back.entries()[0].notes, "after");
        // In any order, with the earlier edit kept (it is the entry's state).
        let all = gone.merge(&early).merge(&late);
        assert_eq!(all, late.merge(&early).merge(&gone));
        assert_eq!(all.entries()[0].notes, "after");
    }

    #[test]
    fn a_slow_clock_still_stamps_after_what_it_saw() {
        let mut c = Contents::new();
        ok(c.change(Some(Timestamp(1_000)), |e| {
            e.push(entry("Bank", 1_000));
            Ok(())
        }));
        ok(c.change(Some(Timestamp(10)), |e| {
            e.clear();
            Ok(())
        }));
        assert_eq!(c.removed().next().map(|(_, at)| at), Some(Timestamp(1_001)));
    }

    #[test]
    fn old_tombstones_are_forgotten() {
        let mut c = Contents::new();
        ok(c.change(Some(Timestamp(10)), |e| {
            e.push(entry("Old", 10));
            Ok(())
        }));
        ok(c.change(Some(Timestamp(20)), |e| {
            e.clear();
            Ok(())
        }));
        assert_eq!(c.removed().count(), 1);
        ok(c.change(Some(Timestamp(20 + REMOVED_KEPT_FOR + 1)), |e| {
            e.push(entry("New", 20 + REMOVED_KEPT_FOR + 1));
            Ok(())
        }));
        assert_eq!(c.removed().count(), 0);
    }
}
