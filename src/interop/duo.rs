//! Duo Mobile's account list (`files/duokit/accounts.json` on Android; read
//! from Aegis' `DuoImporter`): a JSON array of accounts, each with `name` and
//! `otpGenerator` `{"otpSecret": base32, "counter"?}`; a counter makes it
//! HOTP, else TOTP (SHA-1, 6 digits, 30 s). Duo Push accounts (no
//! `otpGenerator`) have no codes to import and are left out by name.

use serde::Deserialize;

use super::de::{List, Number, Object, Secret, Text};
use super::{Export, Fields, Format, InteropError, SkipReason, Skipped, damaged};
use crate::otp::Base32Error;

const FORMAT: Format = Format::Duo;

/// One account: its name and, for code-making ones, its generator.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Account {
    name: Text,
    #[serde(rename = "otpGenerator")]
    otp_generator: Object<Generator>,
}

/// `otpGenerator`: the key, and a counter for HOTP accounts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Generator {
    #[serde(rename = "otpSecret")]
    pub(super) otp_secret: Secret,
    counter: Number,
}

super::de::secret_fields! {
    Generator { otp_secret: Secret }
}

pub(super) fn read(list: List<Object<Account>>, out: &mut Export) -> Result<(), InteropError> {
    let list = list
        .0
        .ok_or_else(|| damaged(FORMAT, "it is not a list of accounts"))?;
    for account in list {
        let account = account.or_empty();
        let name = account.name.as_str();
        let Some(generator) = account.otp_generator.value else {
            out.skipped.push(Skipped {
                label: crate::otp::Label::given(name.to_owned()),
                reason: SkipReason::Key(Base32Error::Empty),
            });
            continue;
        };
        let kind = if generator.counter.is_given() {
            "hotp"
        } else {
            "totp"
        };
        let fields = Fields {
            counter: generator.counter.or(0),
            ..Fields::new(name, "", kind, generator.otp_secret.expose())
        };
        out.push(&fields, String::new(), false, String::new());
    }
    Ok(())
}
