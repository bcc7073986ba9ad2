//! Steam Guard secrets as Steam Desktop Authenticator and other tools save
//! them (`<steamid>.maFile`): `{"shared_secret": base64, "account_name",
//! "identity_secret", "revocation_code", …}`; newer files from the Steam
//! mobile app's data hold several under `{"accounts": {"<steamid>": {…}}}`
//! (Aegis' `SteamImporter`). Only `shared_secret` makes codes; the revocation
//! code, when present, is kept as the entry's note (it is what removes the
//! authenticator from the account).

use serde_json::Value;

use super::{
    Export, Fields, Format, InteropError, SkipReason, Skipped, base64_decode, damaged, text,
};
use crate::otp::{Base32Error, encode_base32};

const FORMAT: Format = Format::Steam;

pub(super) fn looks_like(value: &Value) -> bool {
    value.get("shared_secret").is_some()
        || value
            .get("accounts")
            .and_then(Value::as_object)
            .is_some_and(|accounts| {
                !accounts.is_empty() && accounts.values().all(|a| a.get("shared_secret").is_some())
            })
}

pub(super) fn read(value: &Value, out: &mut Export) -> Result<(), InteropError> {
    if value.get("shared_secret").is_some() {
        account(value, out);
        return Ok(());
    }
    let accounts = value
        .get("accounts")
        .and_then(Value::as_object)
        .ok_or_else(|| damaged(FORMAT, "it has no shared_secret"))?;
    for entry in accounts.values() {
        account(entry, out);
    }
    Ok(())
}

fn account(entry: &Value, out: &mut Export) {
    let name = text(entry, "account_name");
    let Some(secret) = base64_decode(text(entry, "shared_secret"))
        .filter(|s| !s.is_empty())
        .map(zeroize::Zeroizing::new)
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
    let notes = match text(entry, "revocation_code") {
        "" => String::new(),
        code => format!("Steam revocation code: {code}"),
    };
    out.push(&fields, String::new(), false, notes);
}
