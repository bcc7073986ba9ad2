//! Automatic backups (issue 16, item 4): the thinning rule with a pinned
//! clock, as properties and as a simulated two months of saves on real
//! files; a missing folder reported once and never stopping a save.

use std::collections::BTreeSet;
use std::path::Path;

use proptest::prelude::*;
use tessera::clock::Timestamp;
use tessera::vault::backup::{self, KEEP_DAYS, KEEP_LAST, MIN_INTERVAL, Outcome};
use tessera::vault::{History, Unlock, Vault};

use crate::common::vault::{fast, password, sample_entries};

const DAY: u64 = 86_400;
/// 2026-11-30T00:00:00Z.
const NOW: u64 = 1_796_000_400 - 1_796_000_400 % DAY;

fn times() -> impl Strategy<Value = Vec<u64>> {
    // Up to 120 backups over the last 80 days, some on the same day, some in
    // the same second, a few from a clock set ahead.
    prop::collection::vec(
        prop_oneof![
            8 => 0u64..80 * DAY,
            1 => Just(0u64),
            1 => 0u64..2 * DAY,
        ],
        0..120,
    )
}

fn stamps(ages: &[u64], ahead: bool) -> Vec<Timestamp> {
    ages.iter()
        .enumerate()
        .map(|(i, age)| {
            if ahead && i % 17 == 5 {
                Timestamp(NOW + age % 3600)
            } else {
                Timestamp(NOW - age)
            }
        })
        .collect()
}

/// Indices of `made`, newest first (ties in index order, as `keep` takes them).
fn newest_first(made: &[Timestamp]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..made.len()).collect();
    order.sort_by(|&a, &b| made[b].cmp(&made[a]).then(a.cmp(&b)));
    order
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Exactly the newest 10 and the newest of each of the last 30 days are
    /// kept; the rule is stable (thinning again removes nothing) and only
    /// lets go with time (later, it keeps a subset of what it keeps now).
    #[test]
    fn keeps_the_last_ten_and_one_a_day(ages in times(), ahead in any::<bool>(), later in 0u64..40 * DAY) {
        let now = Timestamp(NOW);
        let made = stamps(&ages, ahead);
        let keep = backup::keep(&made, now);
        prop_assert_eq!(keep.len(), made.len());
        let order = newest_first(&made);
        // The newest KEEP_LAST, whatever their age.
        for &i in order.iter().take(KEEP_LAST) {
            prop_assert!(keep[i], "one of the newest {} was dropped", KEEP_LAST);
        }
        // Of every recent day with a backup, its newest is kept.
        let today = NOW / DAY;
        let mut days = BTreeSet::new();
        for &i in &order {
            let day = made[i].0 / DAY;
            if day + KEEP_DAYS > today && days.insert(day) {
                prop_assert!(keep[i], "the newest backup of day {} was dropped", day);
            }
        }
        // Nothing else.
        let kept = keep.iter().filter(|k| **k).count();
        prop_assert!(kept <= KEEP_LAST + days.len());
        let mut seen_days = BTreeSet::new();
        for (rank, &i) in order.iter().enumerate() {
            let day = made[i].0 / DAY;
            let newest_of_recent_day = day + KEEP_DAYS > today && seen_days.insert(day);
            prop_assert_eq!(keep[i], rank < KEEP_LAST || newest_of_recent_day);
        }
        // Stable: thinning what is kept keeps it all.
        let survivors: Vec<Timestamp> = made.iter().zip(&keep).filter(|(_, k)| **k).map(|(m, _)| *m).collect();
        prop_assert!(backup::keep(&survivors, now).iter().all(|k| *k));
        // Monotone in time: what goes now would go later too.
        let then = backup::keep(&made, Timestamp(NOW + later));
        for (now_kept, then_kept) in keep.iter().zip(&then) {
            prop_assert!(*now_kept || !*then_kept);
        }
    }
}

/// Two months of changes, one every 7 hours, each followed by the automatic
/// backup at a pinned time: the folder ends with the newest 10 and one of
/// each of the last 30 days, every one of them a copy of the vault that its
/// password opens.
#[test]
fn two_months_of_automatic_backups_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data/vault.tessera");
    let folder = dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let history = History::at(dir.path().join("state"));
    let mut vault = Vault::create_tracked(&path, &password(), &fast(), &history).unwrap();
    backup::set_folder(&history, &vault.id(), Some(&folder)).unwrap();
    assert_eq!(
        backup::folder(&history, &vault.id()).unwrap(),
        Some(folder.clone())
    );
    let start = NOW - 60 * DAY;
    let step = 7 * 3600;
    let mut t = start;
    let mut written = 0;
    let entries = sample_entries();
    while t <= NOW {
        let n = (t - start) / step;
        let entry = entries[usize::try_from(n).unwrap() % entries.len()].clone();
        vault
            .modify(|list| {
                list.clear();
                list.push(entry);
                Ok(())
            })
            .unwrap();
        match backup::automatic(&path, &history, Timestamp(t)).unwrap() {
            Outcome::Written { .. } => written += 1,
            other => panic!("at {t}: {other:?}"),
        }
        // Nothing changed since: no second backup.
        assert!(matches!(
            backup::automatic(&path, &history, Timestamp(t + 3600)).unwrap(),
            Outcome::Unchanged
        ));
        t += step;
    }
    assert!(written > 200, "{written}");
    let last = t - step;
    let left = backup::list(&folder, "vault");
    let made: Vec<u64> = left.iter().map(|b| b.made.0).collect();
    // The newest 10, one every 7 hours.
    for (i, m) in made.iter().take(KEEP_LAST).enumerate() {
        assert_eq!(*m, last - i as u64 * step);
    }
    // And one a day for the 30 days up to `last`.
    let days: BTreeSet<u64> = made.iter().map(|m| m / DAY).collect();
    let expected: BTreeSet<u64> = (last / DAY + 1 - KEEP_DAYS..=last / DAY).collect();
    assert_eq!(days, expected);
    assert!(
        made.len() <= KEEP_LAST + KEEP_DAYS as usize,
        "{}",
        made.len()
    );
    assert!(made.len() >= KEEP_DAYS as usize, "{}", made.len());
    // Every backup opens with the vault's password.
    for b in &left {
        let copy = Vault::open(&b.path, Unlock::Password(&password()), &fast()).unwrap();
        assert_eq!(copy.id(), vault.id());
        assert_eq!(copy.entries().len(), 1);
    }
}

/// Within a minute of the last backup, a change waits for the next save;
/// files that merely look like backups (another vault's, not a vault at
/// all) are never removed.
#[test]
fn at_most_one_a_minute_and_only_own_files_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let folder = dir.path().join("backups");
    std::fs::create_dir(&folder).unwrap();
    let history = History::at(dir.path().join("state"));
    let mut vault = Vault::create_tracked(&path, &password(), &fast(), &history).unwrap();
    backup::set_folder(&history, &vault.id(), Some(&folder)).unwrap();
    // Someone else's files under backup names, dated long ago.
    let old = Timestamp(NOW - 300 * DAY);
    let stranger = folder.join(backup::file_name("vault", old, 1));
    std::fs::write(&stranger, b"not a vault").unwrap();
    let other_path = dir.path().join("other/vault.tessera");
    Vault::create(&other_path, &password(), &fast()).unwrap();
    let other = folder.join(backup::file_name("vault", old, 2));
    std::fs::copy(&other_path, &other).unwrap();

    let t = Timestamp(NOW);
    let first = match backup::automatic(&path, &history, t).unwrap() {
        Outcome::Written { path, removed } => {
            assert!(removed.is_empty(), "{removed:?}");
            path
        }
        other => panic!("{other:?}"),
    };
    vault
        .modify(|list| {
            list.extend(sample_entries());
            Ok(())
        })
        .unwrap();
    assert!(matches!(
        backup::automatic(&path, &history, Timestamp(NOW + MIN_INTERVAL - 1)).unwrap(),
        Outcome::TooSoon
    ));
    let Outcome::Written { path: second, .. } =
        backup::automatic(&path, &history, Timestamp(NOW + MIN_INTERVAL)).unwrap()
    else {
        panic!("no backup a minute later");
    };
    assert_ne!(first, second);
    // Twelve more changes, days apart: thinning runs, but strangers stay.
    for n in 1..=12 {
        vault
            .modify(|list| {
                list.pop();
                Ok(())
            })
            .ok();
        vault
            .modify(|list| {
                list.extend(sample_entries().into_iter().take(1));
                Ok(())
            })
            .unwrap();
        backup::automatic(&path, &history, Timestamp(NOW + n * 2 * DAY)).unwrap();
    }
    assert!(stranger.exists() && other.exists());
    assert_eq!(
        std::fs::read(&stranger).unwrap(),
        b"not a vault",
        "a stranger's file was changed"
    );
}

/// A folder on a drive that is not connected: every save still works, the
/// first check after it went missing says so and later ones do not, the
/// folder is not created (it may be a mount point), and once it is back
/// backups resume (and a second disappearance is reported again).
#[test]
fn a_missing_folder_is_reported_once_and_never_stops_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let folder = dir.path().join("media/usb/backups");
    let history = History::at(dir.path().join("state"));
    let mut vault = Vault::create_tracked(&path, &password(), &fast(), &history).unwrap();
    backup::set_folder(&history, &vault.id(), Some(&folder)).unwrap();
    let missing = |outcome: Outcome, first: bool| {
        assert!(
            matches!(&outcome, Outcome::FolderMissing { folder: f, first: said } if f == &folder && *said == first),
            "{outcome:?}"
        );
    };
    let mut t = NOW;
    let save = |vault: &mut Vault, t: &mut u64| {
        vault
            .modify(|list| {
                list.extend(sample_entries().into_iter().take(1));
                Ok(())
            })
            .unwrap();
        *t += 10 * MIN_INTERVAL;
        backup::automatic(&path, &history, Timestamp(*t)).unwrap()
    };
    missing(save(&mut vault, &mut t), true);
    for _ in 0..3 {
        missing(save(&mut vault, &mut t), false);
    }
    assert!(!folder.exists(), "the missing folder was created");
    assert_eq!(vault.entries().len(), 4, "every save went through");
    std::fs::create_dir_all(&folder).unwrap();
    assert!(matches!(save(&mut vault, &mut t), Outcome::Written { .. }));
    std::fs::remove_dir_all(&folder).unwrap();
    missing(save(&mut vault, &mut t), true);
    missing(save(&mut vault, &mut t), false);
    // Turned off: nothing at all.
    backup::set_folder(&history, &vault.id(), None).unwrap();
    assert!(matches!(save(&mut vault, &mut t), Outcome::Off));
    assert!(Path::new(&path).is_file());
}

/// A folder that is there but refuses the backup (here a link to `/proc`,
/// where nobody, root included, can create a file): every save still works,
/// the failure is reported the first time only, and once the folder takes
/// backups again they resume (a later failure is reported again).
#[test]
fn a_folder_that_refuses_backups_is_reported_once_and_never_stops_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let link = dir.path().join("backups");
    let real = dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let point = |to: &Path| {
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(to, &link).unwrap();
    };
    point(Path::new("/proc"));
    let history = History::at(dir.path().join("state"));
    let mut vault = Vault::create_tracked(&path, &password(), &fast(), &history).unwrap();
    backup::set_folder(&history, &vault.id(), Some(&link)).unwrap();
    let mut t = NOW;
    let mut save = |vault: &mut Vault| {
        vault
            .modify(|list| {
                list.extend(sample_entries().into_iter().take(1));
                Ok(())
            })
            .unwrap();
        t += 10 * MIN_INTERVAL;
        backup::automatic(&path, &history, Timestamp(t)).unwrap()
    };
    let failed = |outcome: Outcome, first: bool| {
        assert!(
            matches!(&outcome, Outcome::Failed { folder, first: said, .. } if folder == &link && *said == first),
            "{outcome:?}"
        );
        assert!(outcome.owed());
    };
    failed(save(&mut vault), true);
    failed(save(&mut vault), false);
    failed(save(&mut vault), false);
    assert_eq!(vault.entries().len(), 3, "every save went through");
    point(&real);
    let outcome = save(&mut vault);
    assert!(matches!(outcome, Outcome::Written { .. }), "{outcome:?}");
    assert!(!outcome.owed());
    assert_eq!(backup::list(&real, "vault").len(), 1);
    point(Path::new("/proc"));
    failed(save(&mut vault), true);
    failed(save(&mut vault), false);
}

/// Every folder a backup of the vault was written to is remembered (per
/// vault, latest first, without repeats, at most `MAX_FOLDERS`), and the
/// Restore list (`Vault::earlier_versions`, which both front ends show)
/// holds the backups in each: the `--to` folders as well as the automatic
/// one, even after automatic backups are turned off. Files in those folders
/// that are not this vault's backups are left out; a folder that is gone
/// lists nothing; a folder remembered under two names is listed once.
#[test]
fn backups_in_every_folder_written_to_are_listed_for_restore() {
    use tessera::vault::earlier::Kind;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let history = History::at(dir.path().join("state"));
    let mut vault = Vault::create_tracked(&path, &password(), &fast(), &history).unwrap();
    let id = vault.id();
    let entries = sample_entries();
    let mut add = |n: usize| {
        let entry = entries[n].clone();
        vault
            .modify(|list| {
                list.push(entry);
                Ok(())
            })
            .unwrap();
    };
    add(0);
    let usb = dir.path().join("usb");
    let nas = dir.path().join("nas/tessera");
    let gone = dir.path().join("gone");
    let t = |n: u64| Timestamp(NOW + n * 3600);
    let usb_1 = backup::write(&path, &usb, &history, t(0)).unwrap().path;
    add(1);
    let usb_2 = backup::write(&path, &usb, &history, t(1)).unwrap().path;
    let nas_1 = backup::write(&path, &nas, &history, t(2)).unwrap().path;
    backup::write(&path, &gone, &history, t(3)).unwrap();
    std::fs::remove_dir_all(&gone).unwrap();
    // The same folder through a link: remembered, but not listed twice.
    let link = dir.path().join("usb-link");
    std::os::unix::fs::symlink(&usb, &link).unwrap();
    let via_link = backup::write(&path, &link, &history, t(4)).unwrap().path;
    assert_eq!(
        backup::folders(&history, &id).unwrap(),
        [link.clone(), gone.clone(), nas.clone(), usb.clone()],
        "latest first, each once"
    );
    // Automatic backups into a third folder: listed first.
    let auto = dir.path().join("auto");
    std::fs::create_dir(&auto).unwrap();
    backup::set_folder(&history, &id, Some(&auto)).unwrap();
    add(2);
    let Outcome::Written { path: auto_1, .. } = backup::automatic(&path, &history, t(5)).unwrap()
    else {
        panic!("no automatic backup");
    };
    assert_eq!(backup::folders(&history, &id).unwrap()[0], auto);
    // Not this vault's backups: another vault's under the same name, and a
    // file named as a backup that is no vault.
    let other_path = dir.path().join("other/vault.tessera");
    Vault::create(&other_path, &password(), &fast()).unwrap();
    let other_history = History::at(dir.path().join("other-state"));
    let other = backup::write(&other_path, &usb, &other_history, t(6))
        .unwrap()
        .path;
    let stranger = nas.join(backup::file_name("vault", t(7), 1));
    std::fs::write(&stranger, b"not a vault").unwrap();
    // Turning automatic backups off forgets no folder.
    backup::set_folder(&history, &id, None).unwrap();
    assert_eq!(backup::folder(&history, &id).unwrap(), None);

    let listed: Vec<(std::path::PathBuf, Option<usize>)> = vault
        .earlier_versions()
        .into_iter()
        .filter(|c| c.kind == Kind::Backup)
        .map(|c| {
            let accounts = match c.state {
                tessera::vault::earlier::State::Open { accounts, .. } => Some(accounts),
                _ => None,
            };
            (std::fs::canonicalize(&c.path).unwrap(), accounts)
        })
        .collect();
    let real = |p: &Path| std::fs::canonicalize(p).unwrap();
    assert_eq!(
        listed,
        [
            (real(&auto_1), Some(3)),
            (real(&via_link), Some(2)),
            (real(&nas_1), Some(2)),
            (real(&usb_2), Some(2)),
            (real(&usb_1), Some(1)),
        ],
        "newest first, each once, only this vault's"
    );
    assert!(other.exists() && stranger.exists());

    // At most MAX_FOLDERS remembered, the latest kept.
    for n in 0..backup::MAX_FOLDERS + 5 {
        let folder = dir.path().join(format!("many/{n}"));
        backup::write(&path, &folder, &history, t(10)).unwrap();
    }
    let folders = backup::folders(&history, &id).unwrap();
    assert_eq!(folders.len(), backup::MAX_FOLDERS);
    assert_eq!(
        folders[0],
        dir.path().join(format!("many/{}", backup::MAX_FOLDERS + 4))
    );
    assert!(!folders.contains(&usb), "the oldest is forgotten");
}

/// `backup --to` with a state directory that cannot be written (here: its
/// path runs through a file, which stops root too): the backup is written
/// all the same, byte for byte the vault, and the failure to remember the
/// folder is handed back for the front end to word, not turned into a
/// missing backup.
#[test]
fn a_state_directory_that_cannot_be_written_does_not_stop_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    Vault::create(&path, &password(), &fast()).unwrap();
    std::fs::write(dir.path().join("not-a-dir"), b"a file").unwrap();
    let history = History::at(dir.path().join("not-a-dir/state"));
    let folder = dir.path().join("usb");

    let written = backup::write(&path, &folder, &history, Timestamp(NOW)).unwrap();

    assert!(written.path.starts_with(&folder), "{:?}", written.path);
    assert_eq!(
        std::fs::read(&written.path).unwrap(),
        std::fs::read(&path).unwrap()
    );
    assert!(
        matches!(
            written.not_remembered,
            Some(tessera::vault::Error::Io { .. })
        ),
        "{:?}",
        written.not_remembered
    );
}
