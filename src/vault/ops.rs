//! Changes to one entry, the same for both front ends. Each runs on the
//! entries inside [`Vault::modify`](super::Vault::modify), which may have been
//! re-read from a file another window or command changed: an entry removed
//! there is [`Error::Gone`] here, and nothing is saved.

use super::Error;
use super::entry::{Entry, EntryId, Icon};
use super::recovery;
use crate::clock::Timestamp;
use crate::otp::{Kind, Params};

/// The entry with `id`, or [`Error::Gone`].
pub fn get_mut<'a>(entries: &'a mut [Entry], id: &EntryId) -> Result<&'a mut Entry, Error> {
    entries.iter_mut().find(|e| &e.id == id).ok_or(Error::Gone)
}

/// Advances an HOTP entry's counter by one (the next code), at `now`.
/// Returns the new counter.
pub fn advance(entries: &mut [Entry], id: &EntryId, now: Timestamp) -> Result<u64, Error> {
    let entry = get_mut(entries, id)?;
    let label = entry.account.label();
    if entry.account.params.kind != Kind::Hotp {
        return Err(Error::NotCounterBased { label });
    }
    let counter = entry
        .account
        .params
        .counter
        .checked_add(1)
        .ok_or(Error::CounterAtMax { label })?;
    entry.account.params.counter = counter;
    entry.modified = now;
    entry.last_used = Some(now);
    Ok(counter)
}

/// What an edit changes; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edit {
    /// New issuer (trimmed).
    pub issuer: Option<String>,
    /// New account name (trimmed).
    pub name: Option<String>,
    /// New group (trimmed; empty for none).
    pub group: Option<String>,
    /// New favourite mark.
    pub favourite: Option<bool>,
    /// New notes.
    pub notes: Option<String>,
    /// New code parameters (checked before they are applied).
    pub params: Option<Params>,
    /// New icon choice.
    pub icon: Option<Icon>,
}

impl Edit {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Applies `edit` to the entry with `id` at `now`; returns its label afterwards.
pub fn edit(
    entries: &mut [Entry],
    id: &EntryId,
    edit: Edit,
    now: Timestamp,
) -> Result<crate::otp::Label, Error> {
    if let Some(params) = &edit.params {
        params.validate()?;
    }
    let entry = get_mut(entries, id)?;
    if let Some(issuer) = edit.issuer {
        entry.account.issuer = issuer.trim().to_owned();
    }
    if let Some(name) = edit.name {
        entry.account.name = name.trim().to_owned();
    }
    if let Some(group) = edit.group {
        entry.group = group.trim().to_owned();
    }
    if let Some(favourite) = edit.favourite {
        entry.favourite = favourite;
    }
    if let Some(notes) = edit.notes {
        entry.notes = notes;
    }
    if let Some(params) = edit.params {
        entry.account.params = params;
    }
    if let Some(icon) = edit.icon {
        entry.icon = icon;
    }
    entry.modified = now;
    Ok(entry.account.label())
}

/// Removes the entry with `id`; returns it.
pub fn remove(entries: &mut Vec<Entry>, id: &EntryId) -> Result<Entry, Error> {
    let at = entries
        .iter()
        .position(|e| &e.id == id)
        .ok_or(Error::Gone)?;
    Ok(entries.remove(at))
}

/// Replaces the entry's recovery codes with `codes` (none used); returns how
/// many it had before.
pub fn replace_recovery_codes(
    entries: &mut [Entry],
    id: &EntryId,
    codes: Vec<String>,
    now: Timestamp,
) -> Result<usize, Error> {
    let entry = get_mut(entries, id)?;
    let before = entry.recovery_codes.len();
    entry.recovery_codes = recovery::fresh_set(codes);
    entry.modified = now;
    Ok(before)
}

/// Marks the recovery code `typed` used at `now`; returns how many are left unused.
pub fn use_recovery_code(
    entries: &mut [Entry],
    id: &EntryId,
    typed: &str,
    now: Timestamp,
) -> Result<usize, Error> {
    let entry = get_mut(entries, id)?;
    recovery::mark_used(entry, typed, now)?;
    entry.modified = now;
    Ok(entry.unused_recovery_codes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::{Account, decode_base32};

    fn entry(params: Params) -> Entry {
        let secret = decode_base32("JBSWY3DPEHPK3PXP").unwrap_or_else(|e| panic!("{e}"));
        let account = Account::new("Bank", "me", secret, params).unwrap_or_else(|e| panic!("{e}"));
        Entry::new(account, Timestamp(0)).unwrap_or_else(|e| panic!("{e}"))
    }

    fn hotp(counter: u64) -> Params {
        Params {
            kind: Kind::Hotp,
            counter,
            ..Params::totp()
        }
    }

    #[test]
    fn advance_moves_an_hotp_counter_and_refuses_the_rest() {
        let mut entries = vec![entry(hotp(4)), entry(Params::totp()), entry(hotp(u64::MAX))];
        let ids: Vec<EntryId> = entries.iter().map(|e| e.id.clone()).collect();
        assert_eq!(advance(&mut entries, &ids[0], Timestamp(9)).ok(), Some(5));
        assert_eq!(entries[0].account.params.counter, 5);
        assert_eq!(entries[0].last_used, Some(Timestamp(9)));
        assert_eq!(entries[0].modified, Timestamp(9));
        assert!(matches!(
            advance(&mut entries, &ids[1], Timestamp(9)),
            Err(Error::NotCounterBased { label }) if label.to_string() == "Bank (me)"
        ));
        assert!(matches!(
            advance(&mut entries, &ids[2], Timestamp(9)),
            Err(Error::CounterAtMax { .. })
        ));
        assert_eq!(entries[2].account.params.counter, u64::MAX);
        let removed = remove(&mut entries, &ids[0]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(removed.id, ids[0]);
        assert!(matches!(
            advance(&mut entries, &ids[0], Timestamp(9)),
            Err(Error::Gone)
        ));
        assert!(matches!(remove(&mut entries, &ids[0]), Err(Error::Gone)));
    }

    #[test]
    fn an_edit_changes_what_it_names_and_checks_parameters_first() {
        let mut entries = vec![entry(Params::totp())];
        let id = entries[0].id.clone();
        let label = edit(
            &mut entries,
            &id,
            Edit {
                issuer: Some(" ACME ".into()),
                favourite: Some(true),
                ..Edit::default()
            },
            Timestamp(7),
        );
        assert_eq!(
            label.ok(),
            Some(crate::otp::Label::Named(String::from("ACME (me)")))
        );
        assert!(entries[0].favourite);
        assert_eq!(entries[0].modified, Timestamp(7));
        let bad = Edit {
            name: Some("other".into()),
            params: Some(Params {
                digits: 3,
                ..Params::totp()
            }),
            ..Edit::default()
        };
        assert!(matches!(
            edit(&mut entries, &id, bad, Timestamp(8)),
            Err(Error::Params(_))
        ));
        assert_eq!(entries[0].account.name, "me", "nothing applied");
    }

    #[test]
    fn recovery_codes_are_replaced_and_used_once() {
        let mut entries = vec![entry(Params::totp())];
        let id = entries[0].id.clone();
        let codes = vec![String::from("aaaa-bbbb"), String::from("cccc-dddd")];
        assert_eq!(
            replace_recovery_codes(&mut entries, &id, codes, Timestamp(1)).ok(),
            Some(0)
        );
        assert_eq!(
            use_recovery_code(&mut entries, &id, "AAAA BBBB", Timestamp(2)).ok(),
            Some(1)
        );
        assert!(matches!(
            use_recovery_code(&mut entries, &id, "aaaabbbb", Timestamp(3)),
            Err(Error::Recovery(recovery::RecoveryError::AlreadyUsed(
                Timestamp(2)
            )))
        ));
    }
}
