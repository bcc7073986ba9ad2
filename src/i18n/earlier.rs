//! The wording of an earlier version and of what restoring it would change
//! ([`crate::vault::earlier`]): one text for `tessera restore` and the app's
//! Restore screen.

use super::{Key, Lang, label, t, tf};
use crate::vault::earlier::{Candidate, Comparison, Field, Kind, Named, Preview, State};

/// Accounts named in one line at most; the rest are counted.
const MAX_NAMED: usize = 10;

/// `field` in `lang` ("notes", "HOTP counter").
pub fn field(lang: Lang, field: Field) -> String {
    let id = match field {
        Field::Issuer => "issuer",
        Field::Name => "name",
        Field::Key => "key",
        Field::Kind => "kind",
        Field::Algorithm => "algorithm",
        Field::Digits => "digits",
        Field::Period => "period",
        Field::Counter => "counter",
        Field::Group => "group",
        Field::Favourite => "favourite",
        Field::Notes => "notes",
        Field::RecoveryCodes => "recovery-codes",
        Field::Icon => "icon",
    };
    tf(lang, Key::RestoreField, &[("field", id)])
}

/// The accounts' labels joined, at most [`MAX_NAMED`] of them.
fn names(lang: Lang, list: &[Named]) -> String {
    let mut text: Vec<String> = list
        .iter()
        .take(MAX_NAMED)
        .map(|n| label(lang, &n.label))
        .collect();
    if list.len() > MAX_NAMED {
        let more = (list.len() - MAX_NAMED).to_string();
        text.push(tf(lang, Key::RestoreAndMore, &[("n", &more)]));
    }
    text.join(", ")
}

/// What restoring `comparison` would change, one sentence a line.
pub fn comparison(lang: Lang, comparison: &Comparison) -> Vec<String> {
    if comparison.is_empty() {
        return vec![t(lang, Key::RestoreNoChange).to_owned()];
    }
    let mut out = Vec::new();
    if !comparison.back.is_empty() {
        let n = comparison.back.len().to_string();
        let list = names(lang, &comparison.back);
        out.push(tf(lang, Key::RestoreBack, &[("n", &n), ("names", &list)]));
    }
    if !comparison.gone.is_empty() {
        let n = comparison.gone.len().to_string();
        let list = names(lang, &comparison.gone);
        out.push(tf(lang, Key::RestoreGone, &[("n", &n), ("names", &list)]));
    }
    for changed in &comparison.changed {
        let account = label(lang, &changed.account.label);
        let fields: Vec<String> = changed.fields.iter().map(|f| field(lang, *f)).collect();
        out.push(tf(
            lang,
            Key::RestoreChanged,
            &[("account", &account), ("fields", &fields.join(", "))],
        ));
        if let Some((now, then)) = changed.counter_back {
            out.push(tf(
                lang,
                Key::RestoreCounterBack,
                &[
                    ("account", &account),
                    ("now", &now.to_string()),
                    ("then", &then.to_string()),
                ],
            ));
        }
        if changed.unused_again > 0 {
            let n = changed.unused_again.to_string();
            out.push(tf(
                lang,
                Key::RestoreUnusedAgain,
                &[("account", &account), ("n", &n)],
            ));
        }
    }
    if comparison.same > 0 {
        let n = comparison.same.to_string();
        out.push(tf(lang, Key::RestoreSame, &[("n", &n)]));
    }
    out
}

/// The whole summary of an opened copy: what it holds, what restoring it
/// would change, and what comes back with it beyond the accounts.
pub fn summary(lang: Lang, preview: &Preview) -> Vec<String> {
    let n = preview.accounts.to_string();
    let mut out = vec![if preview.last_change.secs() == 0 {
        tf(lang, Key::RestoreHolds, &[("n", &n)])
    } else {
        let date = preview.last_change.utc_minutes();
        tf(lang, Key::RestoreHoldsSince, &[("n", &n), ("date", &date)])
    }];
    match &preview.comparison {
        Some(c) => out.extend(comparison(lang, c)),
        None => out.push(t(lang, Key::RestoreNotCompared).to_owned()),
    }
    if preview.comparison.is_some() && !preview.same_password {
        out.push(t(lang, Key::RestoreOtherPassword).to_owned());
    }
    out
}

/// A candidate's date (`2026-11-30 15:17 UTC`, or "date unknown").
pub fn date(lang: Lang, candidate: &Candidate) -> String {
    match candidate.made {
        Some(at) => at.utc_minutes(),
        None => t(lang, Key::RestoreDateUnknown).to_owned(),
    }
}

/// Where a candidate is kept ("previous version 2", "backup").
pub fn kind(lang: Lang, candidate: &Candidate) -> String {
    match candidate.kind {
        Kind::Previous(n) => tf(lang, Key::RestorePrevious, &[("n", &n.to_string())]),
        Kind::Backup => t(lang, Key::RestoreBackup).to_owned(),
    }
}

/// What a candidate holds ("3 accounts", "needs the password it had then").
pub fn state(lang: Lang, candidate: &Candidate) -> String {
    match &candidate.state {
        State::Open { accounts, .. } => {
            tf(lang, Key::RestoreAccounts, &[("n", &accounts.to_string())])
        }
        State::NeedsPassword => t(lang, Key::RestoreNeedsPassword).to_owned(),
        State::Unusable(error) => tf(
            lang,
            Key::RestoreUnusable,
            &[("reason", &super::Localize::localized(error, lang))],
        ),
    }
}
