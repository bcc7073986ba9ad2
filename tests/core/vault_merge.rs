//! Merging copies of one vault changed apart (`vault::Contents::merge`,
//! docs/sync.md): random edit histories on two and three replicas, with
//! clock skew and syncs part-way, merged in every order. The result must be
//! the same in every order, a second merge must change nothing, and every
//! edit the rules keep must be there, as an oracle computed from the
//! history alone says.

use std::collections::BTreeMap;

use proptest::prelude::*;
use tessera::clock::Timestamp;
use tessera::otp::{Account, Params, decode_base32};
use tessera::vault::{Contents, Edit, Entry, EntryId, Icon, ops};

/// One step of a replica's history.
#[derive(Clone, Debug)]
enum Op {
    Add(u8),
    Issuer(u8, u8),
    Name(u8, u8),
    Group(u8, u8),
    Favourite(u8, bool),
    Notes(u8, u8),
    /// 0: automatic, 1: the letter, 2 and up: a brand.
    Icon(u8, u8),
    Digits(u8, u8),
    Remove(u8),
    Advance(u8),
    ReplaceCodes(u8),
    UseCode(u8, u8),
    /// Take in another replica's state as it is now (a sync part-way).
    Sync(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => any::<u8>().prop_map(Op::Add),
        2 => (any::<u8>(), 0u8..3).prop_map(|(e, v)| Op::Issuer(e, v)),
        1 => (any::<u8>(), 0u8..3).prop_map(|(e, v)| Op::Name(e, v)),
        1 => (any::<u8>(), 0u8..3).prop_map(|(e, v)| Op::Group(e, v)),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(e, v)| Op::Favourite(e, v)),
        2 => (any::<u8>(), 0u8..3).prop_map(|(e, v)| Op::Notes(e, v)),
        1 => (any::<u8>(), 0u8..4).prop_map(|(e, v)| Op::Icon(e, v)),
        1 => (any::<u8>(), 6u8..=8).prop_map(|(e, v)| Op::Digits(e, v)),
        2 => any::<u8>().prop_map(Op::Remove),
        2 => any::<u8>().prop_map(Op::Advance),
        1 => any::<u8>().prop_map(Op::ReplaceCodes),
        2 => (any::<u8>(), any::<u8>()).prop_map(|(e, c)| Op::UseCode(e, c)),
        1 => any::<u8>().prop_map(Op::Sync),
    ]
}

const WORDS: [&str; 3] = ["alpha", "beta", "gamma"];

fn account(n: u8, hotp: bool) -> Account {
    let secret = decode_base32("JBSWY3DPEHPK3PXP").unwrap();
    let params = if hotp {
        Params::hotp(u64::from(n))
    } else {
        Params::totp()
    };
    Account::new(&format!("Svc{n}"), "me", secret, params).unwrap()
}

/// A field of an entry as the oracle sees it: its value in a total order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Value {
    Text(String),
    Flag(bool),
    Digits(u8),
    Codes(Vec<String>),
    Icon(Icon),
}

const FIELDS: [&str; 8] = [
    "issuer",
    "name",
    "group",
    "favourite",
    "notes",
    "digits",
    "recovery",
    "icon",
];

fn field(entry: &Entry, name: &str) -> Value {
    match name {
        "issuer" => Value::Text(entry.account.issuer.clone()),
        "name" => Value::Text(entry.account.name.clone()),
        "group" => Value::Text(entry.group.clone()),
        "favourite" => Value::Flag(entry.favourite),
        "notes" => Value::Text(entry.notes.clone()),
        "digits" => Value::Digits(entry.account.params.digits),
        "icon" => Value::Icon(entry.icon.clone()),
        _ => Value::Codes(
            entry
                .recovery_codes
                .iter()
                .map(|c| c.code.expose().to_owned())
                .collect(),
        ),
    }
}

/// What the oracle knows of one entry: every change with its stamp.
#[derive(Default, Debug)]
struct Story {
    /// Per field, every value set and its stamp.
    sets: BTreeMap<&'static str, Vec<(u64, Value)>>,
    /// Every change of any kind.
    touched: Vec<u64>,
    removed: Vec<u64>,
    counters: Vec<u64>,
    /// Recovery code text -> times it was used.
    uses: BTreeMap<String, Vec<u64>>,
}

#[derive(Default)]
struct Oracle {
    stories: BTreeMap<EntryId, Story>,
}

impl Oracle {
    /// Records what changed between `before` and `after` (one replica,
    /// one step), stamped `stamp`.
    fn record(&mut self, before: &Contents, after: &Contents, stamp: u64) {
        let old: BTreeMap<&EntryId, &Entry> = before.entries().iter().map(|e| (&e.id, e)).collect();
        for entry in after.entries() {
            let story = self.stories.entry(entry.id.clone()).or_default();
            match old.get(&entry.id) {
                Some(prev) if *prev == entry => {}
                prev => {
                    story.touched.push(stamp);
                    for name in FIELDS {
                        let value = field(entry, name);
                        if prev.is_none_or(|p| field(p, name) != value) {
                            story.sets.entry(name).or_default().push((stamp, value));
                        }
                    }
                    story.counters.push(entry.account.params.counter);
                    for code in &entry.recovery_codes {
                        let was = prev.and_then(|p| {
                            p.recovery_codes
                                .iter()
                                .find(|c| c.code == code.code)
                                .and_then(|c| c.used_at)
                        });
                        if let (Some(at), None) = (code.used_at, was) {
                            story
                                .uses
                                .entry(code.code.expose().to_owned())
                                .or_default()
                                .push(at.secs());
                        }
                    }
                }
            }
        }
        let now: Vec<&EntryId> = after.entries().iter().map(|e| &e.id).collect();
        for id in old.keys() {
            if !now.contains(id) {
                self.stories
                    .entry((*id).clone())
                    .or_default()
                    .removed
                    .push(stamp);
            }
        }
    }

    /// Checks a merged result against every change recorded.
    fn check(&self, merged: &Contents) -> Result<(), TestCaseError> {
        let shown: BTreeMap<&EntryId, &Entry> =
            merged.entries().iter().map(|e| (&e.id, e)).collect();
        for (id, story) in &self.stories {
            let touched = story.touched.iter().max().copied().unwrap_or(0);
            let removed = story.removed.iter().max().copied();
            let visible = removed.is_none_or(|r| touched > r);
            prop_assert_eq!(
                shown.contains_key(id),
                visible,
                "entry {} shown: touched {}, removed {:?}",
                id,
                touched,
                removed
            );
            let Some(entry) = shown.get(id) else {
                continue;
            };
            for (name, sets) in &story.sets {
                let want = sets.iter().max().map(|(_, v)| v.clone());
                prop_assert_eq!(Some(field(entry, name)), want, "field {} of {}", name, id);
            }
            prop_assert_eq!(
                Some(entry.account.params.counter),
                story.counters.iter().max().copied(),
                "counter of {}",
                id
            );
            for code in &entry.recovery_codes {
                let want = story
                    .uses
                    .get(code.code.expose())
                    .and_then(|at| at.iter().min().copied());
                prop_assert_eq!(
                    code.used_at.map(Timestamp::secs),
                    want,
                    "use of a code of {}",
                    id
                );
            }
        }
        prop_assert_eq!(shown.len(), merged.entries().len(), "one entry per id");
        Ok(())
    }
}

/// Runs the histories: returns each replica's final contents and the oracle.
fn run(replicas: usize, skews: &[i64], steps: &[(u8, u16, Op)]) -> (Vec<Contents>, Oracle) {
    let mut oracle = Oracle::default();
    // A common start: three accounts, one of them HOTP, made on one computer.
    let mut base = Contents::new();
    let before = base.clone();
    base.change(Some(Timestamp(1_000_000)), |entries| {
        for n in 0..3 {
            entries.push(Entry::new(account(n, n == 1), Timestamp(1_000_000)).unwrap());
        }
        Ok(())
    })
    .unwrap();
    oracle.record(&before, &base, base.newest_stamp().secs());
    let mut states = vec![base; replicas];
    let mut time: u64 = 1_000_100;
    let mut codes = 0u32;
    for (who, advance, op) in steps {
        let r = usize::from(*who) % replicas;
        time += u64::from(*advance % 90);
        let now = Timestamp(time.saturating_add_signed(skews[r]));
        let before = states[r].clone();
        if let Op::Sync(from) = op {
            let from = usize::from(*from) % replicas;
            states[r] = states[r].merge(&states[from]);
            continue;
        }
        let mut ids: Vec<EntryId> = states[r].entries().iter().map(|e| e.id.clone()).collect();
        ids.sort();
        let pick = |n: u8| (!ids.is_empty()).then(|| ids[usize::from(n) % ids.len()].clone());
        let edit = |n: u8, change: Edit| {
            move |entries: &mut Vec<Entry>| -> Result<(), tessera::vault::Error> {
                if let Some(id) = pick(n) {
                    ops::edit(entries, &id, change, now)?;
                }
                Ok(())
            }
        };
        let word = |v: u8| WORDS[usize::from(v) % 3].to_owned();
        let result = match op.clone() {
            Op::Add(n) => states[r].change(Some(now), |entries| {
                entries.push(Entry::new(account(n % 8, n % 2 == 1), now).unwrap());
                Ok(())
            }),
            Op::Issuer(e, v) => states[r].change(
                Some(now),
                edit(
                    e,
                    Edit {
                        issuer: Some(word(v)),
                        ..Edit::default()
                    },
                ),
            ),
            Op::Name(e, v) => states[r].change(
                Some(now),
                edit(
                    e,
                    Edit {
                        name: Some(word(v)),
                        ..Edit::default()
                    },
                ),
            ),
            Op::Group(e, v) => states[r].change(
                Some(now),
                edit(
                    e,
                    Edit {
                        group: Some(word(v)),
                        ..Edit::default()
                    },
                ),
            ),
            Op::Favourite(e, v) => states[r].change(
                Some(now),
                edit(
                    e,
                    Edit {
                        favourite: Some(v),
                        ..Edit::default()
                    },
                ),
            ),
            Op::Notes(e, v) => states[r].change(
                Some(now),
                edit(
                    e,
                    Edit {
                        notes: Some(word(v)),
                        ..Edit::default()
                    },
                ),
            ),
            Op::Icon(e, v) => states[r].change(
                Some(now),
                edit(
                    e,
                    Edit {
                        icon: Some(match v {
                            0 => Icon::Automatic,
                            1 => Icon::Letter,
                            n => Icon::Brand(format!("brand{n}")),
                        }),
                        ..Edit::default()
                    },
                ),
            ),
            Op::Digits(e, v) => {
                let params = pick(e).and_then(|id| {
                    states[r]
                        .entries()
                        .iter()
                        .find(|x| x.id == id)
                        .map(|x| x.account.params)
                });
                match params {
                    Some(params) => states[r].change(
                        Some(now),
                        edit(
                            e,
                            Edit {
                                params: Some(Params {
                                    digits: v,
                                    ..params
                                }),
                                ..Edit::default()
                            },
                        ),
                    ),
                    None => Ok(()),
                }
            }
            Op::Remove(e) => states[r].change(Some(now), |entries| {
                if let Some(id) = pick(e) {
                    ops::remove(entries, &id)?;
                }
                Ok(())
            }),
            Op::Advance(e) => states[r].change(Some(now), |entries| {
                if let Some(id) = pick(e) {
                    ops::advance(entries, &id, now)?;
                }
                Ok(())
            }),
            Op::ReplaceCodes(e) => {
                // Codes never repeat between sets, as services issue them.
                codes += 1;
                let set = vec![format!("{codes:04}-aaaa"), format!("{codes:04}-bbbb")];
                states[r].change(Some(now), |entries| {
                    if let Some(id) = pick(e) {
                        ops::replace_recovery_codes(entries, &id, set, now)?;
                    }
                    Ok(())
                })
            }
            Op::UseCode(e, c) => {
                let text = pick(e).and_then(|id| {
                    let entry = states[r].entries().iter().find(|x| x.id == id)?;
                    let codes = &entry.recovery_codes;
                    (!codes.is_empty())
                        .then(|| codes[usize::from(c) % codes.len()].code.expose().to_owned())
                });
                match text {
                    Some(text) => states[r].change(Some(now), |entries| {
                        if let Some(id) = pick(e) {
                            ops::use_recovery_code(entries, &id, &text, now)?;
                        }
                        Ok(())
                    }),
                    None => Ok(()),
                }
            }
            Op::Sync(_) => unreachable!(),
        };
        // Refused steps (a used code, a TOTP counter) change nothing.
        if result.is_err() {
            assert_eq!(states[r], before, "a refused change left no trace");
        }
        if states[r].newest_stamp() > before.newest_stamp() {
            oracle.record(&before, &states[r], states[r].newest_stamp().secs());
        }
    }
    (states, oracle)
}

/// Every order and grouping of merging the replicas.
fn every_merge(states: &[Contents]) -> Vec<Contents> {
    match states {
        [a, b] => vec![a.merge(b), b.merge(a)],
        [a, b, c] => {
            let mut out = Vec::new();
            for (x, y, z) in [
                (a, b, c),
                (a, c, b),
                (b, a, c),
                (b, c, a),
                (c, a, b),
                (c, b, a),
            ] {
                out.push(x.merge(y).merge(z));
                out.push(x.merge(&y.merge(z)));
            }
            out
        }
        _ => unreachable!(),
    }
}

fn check(replicas: usize, skews: &[i64], steps: &[(u8, u16, Op)]) -> Result<(), TestCaseError> {
    let (states, oracle) = run(replicas, skews, steps);
    let merges = every_merge(&states);
    let first = &merges[0];
    for (i, other) in merges.iter().enumerate() {
        prop_assert!(other == first, "merge order {} differs", i);
    }
    prop_assert!(
        first.merge(first) == *first,
        "merging the result with itself"
    );
    for (i, state) in states.iter().enumerate() {
        prop_assert!(first.merge(state) == *first, "merging replica {} again", i);
    }
    oracle.check(first)
}

fn history(replicas: usize) -> impl Strategy<Value = (Vec<i64>, Vec<(u8, u16, Op)>)> {
    (
        proptest::collection::vec(-7_200i64..7_200, replicas),
        proptest::collection::vec((any::<u8>(), any::<u16>(), op()), 1..60),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn two_replicas_merge_alike_in_every_order((skews, steps) in history(2)) {
        check(2, &skews, &steps)?;
    }

    #[test]
    fn three_replicas_merge_alike_in_every_order((skews, steps) in history(3)) {
        check(3, &skews, &steps)?;
    }
}

/// Hand-picked histories the rules in docs/sync.md give as examples.
#[test]
fn the_documented_examples_hold() {
    // Laptop (clock 10 minutes slow) renames an account's issuer; desktop
    // edits its notes and removes another account; laptop had edited that
    // one before the removal; desktop adds one.
    let (states, oracle) = run(
        2,
        &[-600, 0],
        &[
            (0, 10, Op::Issuer(0, 1)),
            (1, 10, Op::Notes(0, 2)),
            (0, 10, Op::Notes(2, 0)),
            (1, 700, Op::Remove(2)),
            (1, 10, Op::Add(5)),
        ],
    );
    let merged = states[0].merge(&states[1]);
    oracle.check(&merged).unwrap();
    assert_eq!(merged.entries().len(), 3, "one removed, one added");
    assert_eq!(merged.removed().count(), 1);
}

mod files {
    //! The same through vault files: two computers (their own state
    //! directories) each change a copy; the other's file arrives beside the
    //! vault under a sync tool's conflict name.

    use std::path::Path;

    use super::*;
    use crate::common::vault::{fast, password};
    use tessera::secret::Password;
    use tessera::vault::{Error, History, KdfPolicy, Unlock, Vault, conflict_copies};

    fn open(path: &Path, history: &History, pw: &Password) -> Vault {
        Vault::open_tracked(path, Unlock::Password(pw), &fast(), history).unwrap()
    }

    fn issuers(vault: &Vault) -> Vec<String> {
        let mut out: Vec<String> = vault
            .entries()
            .iter()
            .map(|e| e.account.issuer.clone())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_conflict_copy_is_merged_moved_out_and_merging_it_again_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (laptop, desktop) = (dir.path().join("laptop"), dir.path().join("desktop"));
        for d in [&laptop, &desktop] {
            std::fs::create_dir_all(d.join("Sync")).unwrap();
        }
        let (here, there) = (
            laptop.join("Sync/vault.tessera"),
            desktop.join("Sync/vault.tessera"),
        );
        let (h_here, h_there) = (
            History::at(laptop.join("state")),
            History::at(desktop.join("state")),
        );
        let mut vault = Vault::create_tracked(&here, &password(), &fast(), &h_here).unwrap();
        vault
            .modify(|e| {
                e.push(Entry::new(account(1, false), Timestamp(1_000)).unwrap());
                e.push(Entry::new(account(2, true), Timestamp(1_000)).unwrap());
                Ok(())
            })
            .unwrap();
        std::fs::copy(&here, &there).unwrap();
        let mut other = open(&there, &h_there, &password());
        let id = vault.entries()[0].id.clone();
        let hotp = vault.entries()[1].id.clone();
        // Apart: the laptop renames and advances; the desktop edits notes,
        // advances twice and adds an account.
        vault
            .modify(|e| {
                ops::edit(
                    e,
                    &id,
                    Edit {
                        issuer: Some("Renamed".into()),
                        ..Edit::default()
                    },
                    Timestamp(2_000),
                )
                .map(drop)
            })
            .unwrap();
        vault
            .modify(|e| ops::advance(e, &hotp, Timestamp(2_001)).map(drop))
            .unwrap();
        other
            .modify(|e| {
                ops::edit(
                    e,
                    &id,
                    Edit {
                        notes: Some("from the desktop".into()),
                        ..Edit::default()
                    },
                    Timestamp(2_100),
                )
                .map(drop)
            })
            .unwrap();
        for t in [2_101, 2_102] {
            other
                .modify(|e| ops::advance(e, &hotp, Timestamp(t)).map(drop))
                .unwrap();
        }
        other
            .modify(|e| {
                e.push(Entry::new(account(3, false), Timestamp(2_200)).unwrap());
                Ok(())
            })
            .unwrap();
        let copy = laptop.join("Sync/vault.sync-conflict-20261130-121314-DESKTOP.tessera");
        std::fs::copy(&there, &copy).unwrap();
        assert_eq!(conflict_copies(&here), vec![copy.clone()]);

        let mut vault = open(&here, &h_here, &password());
        let report = vault.merge_conflicts(None, &fast()).unwrap();
        assert_eq!(report.merged.len(), 1, "{report:?}");
        let (_, kept, merged) = &report.merged[0];
        assert_eq!((merged.added, merged.changed, merged.removed), (1, 2, 0));
        let kept = kept.clone().unwrap();
        assert!(kept.starts_with(h_here.vault_dir(&vault.id())), "{kept:?}");
        assert!(!copy.exists(), "moved out of the synced folder");
        assert!(conflict_copies(&here).is_empty());

        // What was saved, read back from disk by a fresh open.
        let vault = open(&here, &h_here, &password());
        assert_eq!(issuers(&vault), ["Renamed", "Svc2", "Svc3"]);
        let first = vault.entries().iter().find(|e| e.id == id).unwrap();
        assert_eq!(first.notes, "from the desktop");
        let counter = vault
            .entries()
            .iter()
            .find(|e| e.id == hotp)
            .unwrap()
            .account
            .params
            .counter;
        assert_eq!(counter, 2 + 2, "the higher counter");

        // The stamps were saved: the merged copy again, and the desktop's
        // file taking in the merged one, change nothing more.
        let mut vault = vault;
        let again = vault.merge_copy(&kept, None, &fast()).unwrap();
        assert!(again.is_empty(), "{again:?}");
        let mut other = open(&there, &h_there, &password());
        let theirs = other.merge_copy(&here, None, &fast()).unwrap();
        assert_eq!(
            (theirs.added, theirs.changed),
            (0, 1),
            "the renamed one (its counter is the desktop's)"
        );
        let other = open(&there, &h_there, &password());
        assert_eq!(
            other.contents(),
            open(&here, &h_here, &password()).contents()
        );
    }

    #[test]
    fn a_copy_under_another_password_waits_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let here = dir.path().join("Sync/vault.tessera");
        let history = History::at(dir.path().join("state"));
        let mut vault = Vault::create_tracked(&here, &password(), &fast(), &history).unwrap();
        vault
            .modify(|e| {
                e.push(Entry::new(account(1, false), Timestamp(1_000)).unwrap());
                Ok(())
            })
            .unwrap();
        let elsewhere = dir.path().join("elsewhere.tessera");
        std::fs::copy(&here, &elsewhere).unwrap();
        let mut other = Vault::open(&elsewhere, Unlock::Password(&password()), &fast()).unwrap();
        let new = Password::new("another password entirely".into());
        other.change_password(&new, &fast(), None).unwrap();
        other
            .modify(|e| {
                e.push(Entry::new(account(4, false), Timestamp(3_000)).unwrap());
                Ok(())
            })
            .unwrap();
        let copy = dir
            .path()
            .join("Sync/vault (conflicted copy 2026-11-30 121314).tessera");
        std::fs::rename(&elsewhere, &copy).unwrap();
        let report = vault
            .merge_conflicts(Some(Unlock::Password(&password())), &fast())
            .unwrap();
        assert!(report.merged.is_empty());
        assert_eq!(report.need_password, vec![copy.clone()]);
        assert!(matches!(
            vault.merge_copy(&copy, None, &fast()),
            Err(Error::CopyLocked { .. })
        ));
        assert!(matches!(
            vault.merge_copy(&copy, Some(Unlock::Password(&password())), &fast()),
            Err(Error::WrongPassword { .. })
        ));
        assert_eq!(issuers(&vault), ["Svc1"]);
        let merged = vault
            .merge_copy(&copy, Some(Unlock::Password(&new)), &fast())
            .unwrap();
        assert_eq!(merged.added, 1);
        assert_eq!(
            issuers(&open(&here, &history, &password())),
            ["Svc1", "Svc4"]
        );
    }

    #[test]
    fn a_format_1_vault_reads_its_entries_as_stamped_when_last_modified() {
        let dir = tempfile::tempdir().unwrap();
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vault-v1/vault.tessera");
        let path = dir.path().join("vault.tessera");
        std::fs::copy(&fixture, &path).unwrap();
        let pw = password();
        let policy = KdfPolicy::standard();
        let mut vault = Vault::open(&path, Unlock::Password(&pw), &policy).unwrap();
        let before = vault.entries().to_vec();
        assert_eq!(before.len(), 2);
        vault
            .modify(|e| {
                e.push(Entry::new(account(5, false), Timestamp(1_900_000_000)).unwrap());
                Ok(())
            })
            .unwrap();
        // The old file merged into the new one: nothing of it is newer.
        let merged = vault.merge_copy(&fixture, None, &policy).unwrap();
        assert!(merged.is_empty(), "{merged:?}");
        let vault = Vault::open(&path, Unlock::Password(&pw), &policy).unwrap();
        assert_eq!(&vault.entries()[..2], &before[..]);
        assert_eq!(vault.entries().len(), 3);
    }
}
