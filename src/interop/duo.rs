//! Duo Mobile's account list (`files/duokit/accounts.json` on Android; read
//! from Aegis' `DuoImporter`): a JSON array of accounts, each with `name` and
//! `otpGenerator` `{"otpSecret": base32, "counter"?}`; a counter makes it
//! HOTP, else TOTP (SHA-1, 6 digits, 30 s). Duo Push accounts (no
//! `otpGenerator`) have no codes to import and are left out by name.

use serde_json::Value;

use super::{Export, Fields, Format, InteropError, SkipReason, Skipped, damaged, number, text};
use crate::otp::Base32Error;

const FORMAT: Format = Format::Duo;

pub(super) fn looks_like(value: &Value) -> bool {
    value.as_array().is_some_and(|list| {
        !list.is_empty() && list.iter().any(|a| a.get("otpGenerator").is_some())
    })
}

pub(super) fn read(value: &Value, out: &mut Export) -> Result<(), InteropError> {
    let list = value
        .as_array()
        .ok_or_else(|| damaged(FORMAT, "it is not a list of accounts"))?;
    for account in list {
        let name = text(account, "name");
        let Some(generator) = account.get("otpGenerator").filter(|g| g.is_object()) else {
            out.skipped.push(Skipped {
                label: crate::otp::Label::given(name.to_owned()),
                reason: SkipReason::Key(Base32Error::Empty),
            });
            continue;
        };
        let hotp = generator.get("counter").is_some_and(|c| !c.is_null());
        let kind = if hotp { "hotp" } else { "totp" };
        let fields = Fields {
            counter: number(generator, "counter", 0),
            ..Fields::new(name, "", kind, text(generator, "otpSecret"))
        };
        out.push(&fields, String::new(), false, String::new());
    }
    Ok(())
}
