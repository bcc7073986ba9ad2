//! 2FAS Authenticator's backup (`.2fas`).
//!
//! `{"services": [...], "groups": [{"id", "name"}], "schemaVersion": N, ...}`.
//! A service has `name`, `secret` and `otp` (`account`, `issuer`, `digits`,
//! `period`, `algorithm`, `tokenType`, `counter`) and maybe a `groupId`. An
//! encrypted backup has `services: []` and `servicesEncrypted` =
//! `base64(ciphertext + tag):base64(salt):base64(iv)`, sealed with
//! AES-256-GCM under PBKDF2-HMAC-SHA256(password, salt, 10,000 rounds).

use base64::Engine as _;
use serde_json::Value;

use super::{Export, Fields, Format, InteropError, aes_gcm_open, number, text};
use crate::secret::Password;

const FORMAT: Format = Format::TwoFas;
const ROUNDS: u32 = 10_000;

pub(super) fn looks_like(value: &Value) -> bool {
    value.get("schemaVersion").is_some()
        && (value.get("services").is_some_and(Value::is_array)
            || value.get("servicesEncrypted").is_some_and(Value::is_string))
}

fn damaged(detail: &str) -> InteropError {
    InteropError::Damaged {
        format: FORMAT,
        detail: detail.to_owned(),
    }
}

pub(super) fn read(
    value: &Value,
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    let groups = value.get("groups").and_then(Value::as_array);
    let group_name = |service: &Value| -> String {
        let id = text(service, "groupId");
        groups
            .and_then(|list| list.iter().find(|g| !id.is_empty() && text(g, "id") == id))
            .map(|g| text(g, "name").to_owned())
            .unwrap_or_default()
    };
    if let Some(sealed) = value.get("servicesEncrypted").and_then(Value::as_str) {
        let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
        let plain = decrypt(sealed, password)?;
        let services: Value = serde_json::from_slice(&plain)
            .map_err(|_| damaged("the decrypted services are not JSON"))?;
        let list = services
            .as_array()
            .ok_or_else(|| damaged("the decrypted services are not a list"))?;
        for service in list {
            push(service, group_name(service), out);
        }
        return Ok(());
    }
    for service in value
        .get("services")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        push(service, group_name(service), out);
    }
    Ok(())
}

fn push(service: &Value, group: String, out: &mut Export) {
    let otp = service.get("otp").unwrap_or(&Value::Null);
    let issuer = match text(otp, "issuer") {
        "" => text(service, "name"),
        issuer => issuer,
    };
    let kind = match text(otp, "tokenType") {
        "" => "totp",
        kind => kind,
    };
    let fields = Fields {
        issuer,
        name: text(otp, "account"),
        kind,
        secret: text(service, "secret"),
        algorithm: text(otp, "algorithm"),
        digits: number(otp, "digits", 6),
        period: number(otp, "period", 30),
        counter: number(otp, "counter", 0),
    };
    out.push(&fields, group, false, String::new());
}

fn decrypt(sealed: &str, password: &Password) -> Result<zeroize::Zeroizing<Vec<u8>>, InteropError> {
    let parts: Vec<&str> = sealed.split(':').collect();
    let [body, salt, iv] = parts.as_slice() else {
        return Err(damaged("the encrypted services are not ciphertext:salt:iv"));
    };
    let b64 = |part: &str| {
        base64::engine::general_purpose::STANDARD
            .decode(part.trim())
            .map_err(|_| damaged("the encrypted services are not base64"))
    };
    let (body, salt, iv) = (b64(body)?, b64(salt)?, b64(iv)?);
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password.expose().as_bytes(), &salt, ROUNDS, key.as_mut());
    if iv.len() != 12 {
        return Err(damaged("the encryption nonce is not 12 bytes"));
    }
    aes_gcm_open(key.as_ref(), &iv, &body).ok_or(InteropError::WrongPassword { format: FORMAT })
}
