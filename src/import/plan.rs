//! The plan: what adding a source's accounts would do to the vault, held as
//! data, and applying a selection of it.
//!
//! # The duplicate policy
//!
//! Every account found is compared with the vault's entries and with the
//! accounts listed before it in the same plan:
//! - **Duplicate**: the same kind of code and the same key as an entry. It is
//!   the very same account; it is never added (not even when selected), and
//!   the plan names the entry it duplicates.
//! - **Repeated**: the same kind and key as an account listed earlier in this
//!   plan (a QR code read twice, a file opened twice). It is listed once.
//! - **Same name**: the same issuer and account name (ignoring case) as an
//!   entry, or as an account listed earlier, with another key: often a key the
//!   service issued anew. It is selected, so nothing the person pointed at is
//!   lost, and flagged, so they can untick it or remove the old entry.
//! - **New**: none of these. Selected.
//!
//! [`Plan::apply`] checks again against the entries it is given, which may have
//! changed since the plan was made (another window or command saved): an
//! account that became a duplicate meanwhile is skipped and reported.

use super::read::{Contents, LeftOut, Origin};
use crate::clock::Timestamp;
use crate::otp::migration::BatchPosition;
use crate::otp::payload::Batches;
use crate::otp::{Account, Label};
use crate::vault::{self, Entry, EntryId, NewEntry};

/// What the plan decided for one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Not in the vault.
    New,
    /// Already in the vault (same kind and key): never added.
    Duplicate {
        /// The entry it duplicates.
        existing: EntryId,
        /// That entry's label.
        label: Label,
    },
    /// Another entry (or an account earlier in this plan) has its issuer and
    /// name, with another key.
    SameName {
        /// The entry of that name, or `None` when it is an account of this plan.
        existing: Option<EntryId>,
        /// Its label.
        label: Label,
    },
}

impl Decision {
    /// Whether the account is added when selected.
    pub fn addable(&self) -> bool {
        !matches!(self, Self::Duplicate { .. })
    }
}

/// One account of the plan.
#[derive(Clone, Debug)]
pub struct Row {
    /// The account with its metadata.
    pub entry: NewEntry,
    /// Where it was read.
    pub origin: Origin,
    /// For a Google Authenticator export: which part it came in.
    pub part: Option<BatchPosition>,
    /// What the policy decided.
    pub decision: Decision,
    /// Whether it will be added (the policy's default; the person may change it).
    pub selected: bool,
}

/// What adding a set of sources would do, built source by source.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    rows: Vec<Row>,
    left_out: Vec<(Origin, LeftOut)>,
    batches: Batches,
    repeated: usize,
}

fn same_key(a: &Account, b: &Account) -> bool {
    a.params.kind == b.params.kind && a.secret == b.secret
}

fn same_name(a: &Account, b: &Account) -> bool {
    a.issuer.to_lowercase() == b.issuer.to_lowercase()
        && a.name.to_lowercase() == b.name.to_lowercase()
}

/// The policy's decision for `account` against `entries` and the rows before it;
/// `None` when it repeats one of those rows.
fn decide(entries: &[Entry], rows: &[Row], account: &Account) -> Option<Decision> {
    if rows.iter().any(|row| same_key(&row.entry.account, account)) {
        return None;
    }
    if let Some(entry) = entries.iter().find(|e| same_key(&e.account, account)) {
        return Some(Decision::Duplicate {
            existing: entry.id.clone(),
            label: entry.account.label(),
        });
    }
    if let Some(entry) = entries.iter().find(|e| same_name(&e.account, account)) {
        return Some(Decision::SameName {
            existing: Some(entry.id.clone()),
            label: entry.account.label(),
        });
    }
    if let Some(row) = rows.iter().find(|r| same_name(&r.entry.account, account)) {
        return Some(Decision::SameName {
            existing: None,
            label: row.entry.account.label(),
        });
    }
    Some(Decision::New)
}

/// The policy's decision for one account against the vault's entries (the
/// add screen shows it while the account is typed).
pub fn decision(entries: &[Entry], account: &Account) -> Decision {
    decide(entries, &[], account).unwrap_or(Decision::New)
}

impl Plan {
    /// A plan for the contents of several sources against `entries`.
    pub fn new<'a>(entries: &[Entry], sources: impl IntoIterator<Item = &'a Contents>) -> Self {
        let mut plan = Self::default();
        for contents in sources {
            plan.add(entries, contents);
        }
        plan
    }

    /// Adds what one more source holds, decided against `entries` and the
    /// accounts already listed.
    pub fn add(&mut self, entries: &[Entry], contents: &Contents) {
        for position in contents.parts() {
            self.batches.add(position);
        }
        for left_out in &contents.left_out {
            self.left_out
                .push((contents.origin.clone(), left_out.clone()));
        }
        for found in &contents.found {
            let Some(decision) = decide(entries, &self.rows, &found.entry.account) else {
                self.repeated += 1;
                continue;
            };
            self.rows.push(Row {
                selected: decision.addable(),
                entry: found.entry.clone(),
                origin: contents.origin.clone(),
                part: found.part,
                decision,
            });
        }
    }

    /// Puts every account in `group` (`tessera add --group`).
    pub fn set_group(&mut self, group: &str) {
        for row in &mut self.rows {
            row.entry.group = group.to_owned();
        }
    }

    /// The accounts, in the order found.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// Selects or deselects account `index` (a duplicate stays unselected).
    pub fn select(&mut self, index: usize, on: bool) {
        if let Some(row) = self.rows.get_mut(index) {
            row.selected = on && row.decision.addable();
        }
    }

    /// How many accounts are selected.
    pub fn selected(&self) -> usize {
        self.rows.iter().filter(|r| r.selected).count()
    }

    /// The entries of exports that were left out, with where they came from.
    pub fn left_out(&self) -> &[(Origin, LeftOut)] {
        &self.left_out
    }

    /// How many accounts repeated one listed before (listed once).
    pub fn repeated(&self) -> usize {
        self.repeated
    }

    /// For each Google Authenticator export not read whole: its size and the
    /// parts (1-based) still missing.
    pub fn missing_parts(&self) -> Vec<(u32, Vec<u32>)> {
        self.batches.missing()
    }

    /// Adds the selected accounts to `entries`, created at `now`, skipping any
    /// that `entries` hold meanwhile (they may have changed since the plan).
    /// Made to run inside [`Vault::modify`](crate::vault::Vault::modify): on an
    /// error nothing was added.
    pub fn apply(&self, entries: &mut Vec<Entry>, now: Timestamp) -> Result<Report, vault::Error> {
        let mut report = Report::default();
        let mut new = Vec::new();
        for row in self.rows.iter().filter(|r| r.selected) {
            if let Some(existing) = entries
                .iter()
                .find(|e| same_key(&e.account, &row.entry.account))
            {
                report.skipped.push(Skipped {
                    label: row.entry.account.label(),
                    existing: existing.id.clone(),
                    existing_label: existing.account.label(),
                });
                continue;
            }
            let same_name = entries
                .iter()
                .chain(&new)
                .any(|e| same_name(&e.account, &row.entry.account));
            let entry = row.entry.clone().into_entry(now)?;
            report.added.push(Added {
                id: entry.id.clone(),
                label: entry.account.label(),
                same_name,
            });
            new.push(entry);
        }
        entries.extend(new);
        Ok(report)
    }
}

/// One account added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    /// Its new entry's id.
    pub id: EntryId,
    /// Its label.
    pub label: Label,
    /// Another entry has the same issuer and name (another key).
    pub same_name: bool,
}

/// One selected account not added because the vault holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Its label.
    pub label: Label,
    /// The entry that holds it.
    pub existing: EntryId,
    /// That entry's label.
    pub existing_label: Label,
}

/// What applying a plan did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// The accounts added, in order.
    pub added: Vec<Added>,
    /// Selected accounts the vault held already (added elsewhere meanwhile).
    pub skipped: Vec<Skipped>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::{self, FileKind, Origin, Problem};
    use crate::interop::{Format, SkipReason};
    use crate::secret::SecretText;

    const ALICE: &str = "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME";
    /// ACME alice with another key (a re-issued one).
    const ALICE_NEW: &str = "otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQ&issuer=ACME";
    const BOB: &str =
        "otpauth://totp/Globex:bob?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&issuer=Globex";
    /// The same key as ALICE, as a HOTP account: another kind, so not a duplicate.
    const ALICE_HOTP: &str =
        "otpauth://hotp/Other:alice?secret=JBSWY3DPEHPK3PXP&issuer=Other&counter=3";

    fn entry(uri: &str) -> Entry {
        let account = Account::from_uri(uri).unwrap_or_else(|e| panic!("{e}"));
        Entry::new(account, Timestamp(1)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn pasted(lines: &[&str]) -> Contents {
        read::text(Origin::Clipboard, &SecretText::new(lines.join("\n")))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn decisions(plan: &Plan) -> Vec<(String, &Decision, bool)> {
        plan.rows()
            .iter()
            .map(|r| (r.entry.account.label().to_string(), &r.decision, r.selected))
            .collect()
    }

    #[test]
    fn the_policy_decides_new_duplicate_same_name_and_repeated() {
        let existing = entry(ALICE);
        let entries = vec![existing.clone()];
        let contents = pasted(&[ALICE, ALICE_NEW, BOB, BOB, ALICE_HOTP]);
        let plan = Plan::new(&entries, [&contents]);
        let duplicate = Decision::Duplicate {
            existing: existing.id.clone(),
            label: Label::Named(String::from("ACME (alice)")),
        };
        let same_name = Decision::SameName {
            existing: Some(existing.id.clone()),
            label: Label::Named(String::from("ACME (alice)")),
        };
        assert_eq!(
            decisions(&plan),
            vec![
                (String::from("ACME (alice)"), &duplicate, false),
                (String::from("ACME (alice)"), &same_name, true),
                (String::from("Globex (bob)"), &Decision::New, true),
                (String::from("Other (alice)"), &Decision::New, true),
            ]
        );
        assert_eq!(plan.repeated(), 1, "the second BOB is listed once");
        assert_eq!(plan.selected(), 3);
        // The same name twice within one import is flagged too.
        let plan = Plan::new(&[], [&pasted(&[ALICE, ALICE_NEW])]);
        assert_eq!(
            plan.rows()[1].decision,
            Decision::SameName {
                existing: None,
                label: Label::Named(String::from("ACME (alice)"))
            }
        );
    }

    #[test]
    fn apply_adds_the_selection_at_the_given_time_and_rechecks_the_entries() {
        let contents = pasted(&[ALICE, BOB, ALICE_NEW]);
        let mut plan = Plan::new(&[], [&contents]);
        plan.select(2, false);
        // Meanwhile another window added BOB.
        let bob = entry(BOB);
        let mut entries = vec![bob.clone()];
        let report = plan
            .apply(&mut entries, Timestamp(1_700_000_000))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            report
                .added
                .iter()
                .map(|a| a.label.to_string())
                .collect::<Vec<_>>(),
            ["ACME (alice)"]
        );
        assert_eq!(report.skipped.len(), 1);
        assert_eq!(report.skipped[0].existing, bob.id);
        assert_eq!(entries.len(), 2);
        let added = &entries[1];
        assert_eq!(added.id, report.added[0].id);
        assert_eq!(added.created, Timestamp(1_700_000_000));
        assert_eq!(added.modified, Timestamp(1_700_000_000));
        assert_eq!(added.last_used, None);
        // Applying again adds nothing: both are there now.
        let again = plan
            .apply(&mut entries, Timestamp(1_700_000_001))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(again.added.is_empty());
        assert_eq!(again.skipped.len(), 2);
    }

    #[test]
    fn a_duplicate_cannot_be_selected() {
        let entries = vec![entry(ALICE)];
        let mut plan = Plan::new(&entries, [&pasted(&[ALICE])]);
        plan.select(0, true);
        assert_eq!(plan.selected(), 0);
    }

    #[test]
    fn an_export_file_is_detected_once_and_keeps_its_metadata() {
        let json = br#"[
            {"secret": "JBSWY3DPEHPK3PXP", "issuer": "ACME", "label": "alice",
             "type": "TOTP", "digits": 6, "period": 30, "tags": ["Work"]},
            {"secret": "JBSWY3DPEHPK3PXP", "label": "Bank:me", "type": "MOTP"}
        ]"#;
        let kind = read::detect(json);
        assert_eq!(kind, FileKind::Export(Format::AndOtp));
        let path = std::path::PathBuf::from("backup.json");
        let contents = read::file(Origin::File(path.clone()), json, kind, None)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(contents.export, Some(Format::AndOtp));
        assert!(contents.codes.is_empty());
        assert_eq!(contents.found.len(), 1);
        assert_eq!(contents.found[0].entry.group, "Work");
        assert_eq!(
            contents.left_out,
            vec![read::LeftOut {
                label: Label::Named(String::from("Bank (me)")),
                reason: read::LeftOutReason::Export(SkipReason::Type(String::from("motp"))),
            }]
        );
        let mut entries = Vec::new();
        let plan = Plan::new(&entries, [&contents]);
        assert_eq!(plan.left_out().len(), 1);
        assert_eq!(plan.left_out()[0].0, Origin::File(path));
        plan.apply(&mut entries, Timestamp(5))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(entries[0].group, "Work");
        // Text is never taken for an export.
        assert_eq!(read::detect(ALICE.as_bytes()), FileKind::Codes);
    }

    #[test]
    fn pasted_text_gives_every_link_or_is_explained() {
        let two = read::text(
            Origin::Clipboard,
            &SecretText::new(format!("{ALICE}\r\n\r\n# a comment\r\n{BOB}\r\n")),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(two.found.len(), 2);
        assert_eq!(two.codes.len(), 2);
        let web = read::text(
            Origin::Clipboard,
            &SecretText::new("https://example.com".into()),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(web.found.is_empty());
        assert_eq!(web.not_keys().count(), 1);
        assert!(matches!(
            read::text(Origin::Clipboard, &SecretText::new("  \n".into())),
            Err(Problem::NoCode)
        ));
    }

    #[test]
    fn a_partial_google_export_names_the_missing_parts() {
        let accounts: Vec<Account> = (0..12u8)
            .map(|i| {
                let key: Vec<u8> = (0..20).map(|b| b ^ i.wrapping_mul(31)).collect();
                Account::new(
                    "Svc",
                    &format!("user{i}"),
                    crate::secret::SecretBytes::new(key),
                    crate::otp::Params::totp(),
                )
                .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        let encoded = crate::otp::migration::encode(&accounts, 7);
        assert_eq!(encoded.uris.len(), 2);
        let second =
            read::text(Origin::Clipboard, &encoded.uris[1]).unwrap_or_else(|e| panic!("{e}"));
        let plan = Plan::new(&[], [&second]);
        assert_eq!(plan.missing_parts(), vec![(2, vec![1])]);
        assert!(
            plan.rows()
                .iter()
                .all(|r| r.part.is_some_and(|p| p.index == 1))
        );
    }
}
