//! Steam Guard secrets as Steam Desktop Authenticator and other tools save
//! them (`<steamid>.maFile`): `{"shared_secret": base64, "account_name",
//! "identity_secret", "revocation_code", …}`; newer files from the Steam
//! mobile app's data hold several under `{"accounts": {"<steamid>": {…}}}`
//! (Aegis' `SteamImporter`). Only `shared_secret` makes codes; the revocation
//! code, when present, is kept as the entry's note (it is what removes the
//! authenticator from the account).

use serde::Deserialize;

use super::de::{Given, Members, Object, Secret, Text};
use super::{Export, Fields, Format, InteropError, SkipReason, Skipped, base64_decode, damaged};
use crate::otp::{Base32Error, encode_base32};

const FORMAT: Format = Format::Steam;

/// A `.maFile`: one account's fields, or several accounts under
/// `accounts` (by Steam id).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Account {
    pub(super) shared_secret: Given<Secret>,
    account_name: Text,
    pub(super) revocation_code: Secret,
    accounts: Members<Object<Account>>,
}

super::de::secret_fields! {
    Account { shared_secret: Given<Secret>, revocation_code: Secret }
}

pub(super) fn read(file: Account, out: &mut Export) -> Result<(), InteropError> {
    if file.shared_secret.present {
        account(&file, out);
        return Ok(());
    }
    let accounts = file
        .accounts
        .0
        .is_some()
        .then(|| file.accounts.into_values())
        .ok_or_else(|| damaged(FORMAT, "it has no shared_secret"))?;
    for entry in accounts {
        account(&entry.or_empty(), out);
    }
    Ok(())
}

fn account(entry: &Account, out: &mut Export) {
    let name = entry.account_name.as_str();
    let Some(secret) = base64_decode(entry.shared_secret.value.expose()).filter(|s| !s.is_empty())
    else {
        out.skipped.push(Skipped {
            label: crate::otp::Label::given(format!("Steam ({name})")),
            reason: SkipReason::Key(Base32Error::Empty),
        });
        return;
    };
    let secret = encode_base32(&secret);
    let fields = Fields {
        digits: 5,
        ..Fields::new("Steam", name, "steam", &secret)
    };
    let notes = match entry.revocation_code.expose() {
        "" => String::new(),
        code => format!("Steam revocation code: {code}"),
    };
    out.push(&fields, String::new(), false, notes);
}
