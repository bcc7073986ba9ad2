//! Crash consistency (SIGKILL during saves), the single-writer lock, and
//! changes made elsewhere being merged rather than overwritten.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::vault as fixtures;

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use fixtures::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tessera::clock::Timestamp;
use tessera::otp::Params;
use tessera::vault::{Entry, Error, Unlock, Vault, lock_path};

const CHILD_ENV: &str = "TESSERA_TEST_CHILD";
const PATH_ENV: &str = "TESSERA_TEST_VAULT";

/// Entries expected at generation `g`: their count varies so that file sizes change.
fn expected_len(generation: u64) -> usize {
    1 + (generation % 7) as usize
}

fn open(path: &Path) -> Vault {
    Vault::open(path, Unlock::Password(&password()), &fast()).unwrap_or_else(|e| panic!("{e}"))
}

/// The generation a consistent vault is at; panics on any mix of generations.
fn generation(vault: &Vault) -> u64 {
    let entries = vault.entries();
    let generation: u64 = entries[0].notes.parse().unwrap();
    assert_eq!(
        entries.len(),
        expected_len(generation),
        "generation {generation}"
    );
    for e in entries {
        assert_eq!(
            e.notes,
            generation.to_string(),
            "mixed generations in one file"
        );
    }
    generation
}

fn new_entry(n: usize) -> Entry {
    Entry::new(
        account(
            "Load",
            &format!("user{n}"),
            format!("secret-{n:08}").as_bytes(),
            Params::totp(),
        ),
        Timestamp(1_700_000_000),
    )
    .unwrap()
}

/// Not a test of its own: the body of the child processes the tests below
/// start (it returns at once when run by the test harness directly).
#[test]
fn child_process_body() {
    let Ok(role) = std::env::var(CHILD_ENV) else {
        return;
    };
    let path = PathBuf::from(std::env::var(PATH_ENV).unwrap());
    let mut vault = open(&path);
    match role.as_str() {
        // Save in a loop until killed.
        "saver" => loop {
            vault
                .modify(|entries| {
                    let next: u64 = entries[0].notes.parse::<u64>().unwrap() + 1;
                    entries.resize_with(expected_len(next), || new_entry(0));
                    for e in entries.iter_mut() {
                        e.notes = next.to_string();
                    }
                    Ok(())
                })
                .unwrap();
        },
        // Add entries one by one; print the ids that were saved.
        writer => {
            let me: usize = writer.trim_start_matches("writer").parse().unwrap();
            for i in 0..20 {
                let entry = new_entry(me * 1000 + i);
                let id = entry.id.clone();
                match vault.modify(|entries| {
                    entries.push(entry);
                    Ok(())
                }) {
                    Ok(()) => println!("saved {id}"),
                    Err(Error::OpenElsewhere { .. }) => println!("refused {id}"),
                    Err(e) => panic!("{e}"),
                }
            }
        }
    }
}

fn child(role: &str, path: &Path) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([
            "--exact",
            "vault_concurrency::child_process_body",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, role)
        .env(PATH_ENV, path)
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    command
}

#[test]
fn sigkill_during_saves_never_leaves_a_broken_vault() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let mut vault = Vault::create(&path, &password(), &fast()).unwrap();
    vault
        .modify(|entries| {
            let mut e = new_entry(0);
            e.notes = "0".into();
            entries.push(e);
            Ok(())
        })
        .unwrap();
    let mut rng = StdRng::seed_from_u64(200);
    let mut last = 0;
    let mut advanced = 0;
    for round in 0..200 {
        let mut saver = child("saver", &path).stdout(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.random_range(2_000..40_000)));
        saver.kill().unwrap(); // SIGKILL
        saver.wait().unwrap();
        let vault = open(&path);
        let now = generation(&vault);
        assert!(now >= last, "round {round}: went back from {last} to {now}");
        if now > last {
            advanced += 1;
        }
        last = now;
        // Whatever a killed save left behind, the vault's own name holds a vault.
        for name in std::fs::read_dir(dir.path()).unwrap() {
            let name = name.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                name == "vault.tessera"
                    || name == "vault.tessera.lock"
                    || name.starts_with("vault.tessera.bak")
                    || name.starts_with(".~vault.tessera."),
                "unexpected file {name}"
            );
        }
    }
    // The kills landed while saves were happening, not only before the first one.
    assert!(
        advanced >= 50,
        "only {advanced} of 200 rounds saved anything"
    );
    assert!(last >= 50, "{last}");
}

#[test]
fn a_second_writer_is_told_the_vault_is_open_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let mut vault = sample_vault(&path);
    let before = std::fs::read(&path).unwrap();
    // Another writer holds the lock for longer than anyone waits.
    let holder = OpenOptions::new()
        .read(true)
        .write(true)
        .open(lock_path(&path))
        .unwrap();
    holder.try_lock().unwrap();
    let err = vault
        .modify(|entries| {
            entries.clear();
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, Error::OpenElsewhere { .. }), "{err:?}");
    assert!(
        err.to_string().contains("open for writing elsewhere"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "nothing may be written"
    );
    assert_eq!(
        vault.entries().len(),
        4,
        "the failed change is not applied in memory"
    );
    holder.unlock().unwrap();
    vault
        .modify(|entries| {
            entries.pop();
            Ok(())
        })
        .unwrap();
    assert_eq!(open(&path).entries().len(), 3);
}

#[test]
fn concurrent_writers_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    Vault::create(&path, &password(), &fast()).unwrap();
    let children: Vec<_> = (0..4)
        .map(|i| {
            child(&format!("writer{i}"), &path)
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut saved = Vec::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success());
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            // The harness prints "test child_process_body ... " before the body runs.
            if let Some((_, id)) = line.split_once("saved ") {
                saved.push(id.to_owned());
            }
        }
    }
    let mut stored: Vec<String> = open(&path)
        .entries()
        .iter()
        .map(|e| e.id.to_string())
        .collect();
    saved.sort();
    stored.sort();
    assert!(
        saved.len() >= 40,
        "only {} of 80 saves got through",
        saved.len()
    );
    assert_eq!(
        stored, saved,
        "every saved entry is present, and only those"
    );
}

#[test]
fn a_window_left_open_merges_changes_made_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let mut gui = sample_vault(&path);
    let mut cli = open(&path);
    cli.modify(|entries| {
        entries.push(new_entry(1));
        Ok(())
    })
    .unwrap();
    // The long-open instance adds something: the CLI's entry must survive.
    gui.modify(|entries| {
        entries.push(new_entry(2));
        Ok(())
    })
    .unwrap();
    let names: Vec<String> = open(&path)
        .entries()
        .iter()
        .map(|e| e.account.name.clone())
        .collect();
    assert!(names.contains(&"user1".to_owned()), "{names:?}");
    assert!(names.contains(&"user2".to_owned()), "{names:?}");
    assert_eq!(names.len(), 6);
    // And reload notices a change without writing.
    cli.modify(|entries| {
        entries.remove(0);
        Ok(())
    })
    .unwrap();
    assert!(gui.reload().unwrap());
    assert_eq!(gui.entries().len(), 5);
    assert!(!gui.reload().unwrap());
}

/// A command opening the vault while the app saves it: the file it read
/// becomes older than the one the app then records, during the KDF. That is
/// a save elsewhere, not a rollback: the reader takes the newer file.
#[test]
fn a_save_during_another_open_is_not_a_rollback() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use tessera::vault::{History, KdfPolicy};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.tessera");
    let history = History::at(dir.path().join("state"));
    // The real KDF, so that the reader spends its time where the race is.
    let policy = KdfPolicy::standard();
    let mut writer = Vault::create_tracked(&path, &password(), &policy, &history).unwrap();
    let stop = AtomicBool::new(false);
    let saves = std::thread::scope(|s| {
        let saver = s.spawn(|| {
            let mut saves = 0usize;
            while !stop.load(Ordering::Acquire) {
                writer
                    .modify(|entries| {
                        entries.clear();
                        entries.push(new_entry(saves));
                        Ok(())
                    })
                    .unwrap();
                saves += 1;
            }
            saves
        });
        let opened: Vec<_> = (0..3)
            .map(|_| Vault::open_tracked(&path, Unlock::Password(&password()), &policy, &history))
            .collect();
        stop.store(true, Ordering::Release);
        let saves = saver.join().unwrap();
        for result in opened {
            let vault = result.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(vault.entries().len(), 1);
        }
        saves
    });
    assert!(
        saves > 3,
        "the writer saved during the opens ({saves} saves)"
    );
    // A real older copy is still refused afterwards.
    let newest = std::fs::read(&path).unwrap();
    // (The previous versions of a tracked vault are in the state directory.)
    let id = Vault::inspect(&path).unwrap().id;
    let older = std::fs::read(history.previous_dir(&id).join("vault.tessera.bak1")).unwrap();
    assert_ne!(newest, older);
    std::fs::write(&path, &older).unwrap();
    assert!(matches!(
        Vault::open_tracked(&path, Unlock::Password(&password()), &policy, &history),
        Err(Error::RolledBack { .. })
    ));
}
