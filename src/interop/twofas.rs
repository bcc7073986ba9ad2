//! 2FAS Authenticator's backup (`.2fas`).
//!
//! `{"services": [...], "groups": [{"id", "name"}], "schemaVersion": N, ...}`.
//! A service has `name`, `secret` and `otp` (`account`, `issuer`, `digits`,
//! `period`, `algorithm`, `tokenType`, `counter`) and maybe a `groupId`. An
//! encrypted backup has `services: []` and `servicesEncrypted` =
//! `base64(ciphertext + tag):base64(salt):base64(iv)`, sealed with
//! AES-256-GCM under PBKDF2-HMAC-SHA256(password, salt, 10,000 rounds).

use base64::Engine as _;
use serde::Deserialize;

use super::de::{List, Number, Object, Secret, Text};
use super::{Export, Fields, Format, InteropError, aes_gcm_open};
use crate::secret::Password;

const FORMAT: Format = Format::TwoFas;
const ROUNDS: u32 = 10_000;

/// The backup: its services (plain) or their sealed form, and the groups.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct File {
    services: List<Object<Service>>,
    #[serde(rename = "servicesEncrypted")]
    services_encrypted: Text,
    groups: List<Object<Group>>,
}

/// A group: its id and name.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Group {
    id: Text,
    name: Text,
}

/// One service: its name, key and `otp` settings.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Service {
    name: Text,
    pub(super) secret: Secret,
    otp: Object<Otp>,
    #[serde(rename = "groupId")]
    group_id: Text,
}

super::de::secret_fields! {
    Service { secret: Secret }
}

/// A service's `otp` object (every member optional: older backups lack
/// `tokenType`, `issuer` and `algorithm`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Otp {
    account: Text,
    issuer: Text,
    digits: Number,
    period: Number,
    algorithm: Text,
    #[serde(rename = "tokenType")]
    token_type: Text,
    counter: Number,
}

fn damaged(detail: &str) -> InteropError {
    InteropError::Damaged {
        format: FORMAT,
        detail: detail.to_owned(),
    }
}

pub(super) fn read(
    file: File,
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    let groups = file.groups.0.as_deref();
    let group_name = |service: &Service| -> String {
        let id = service.group_id.as_str();
        groups
            .and_then(|list| {
                list.iter().find_map(|g| {
                    let g = g.value.as_ref();
                    let g_id = g.map_or("", |g| g.id.as_str());
                    (!id.is_empty() && g_id == id).then(|| g.map_or("", |g| g.name.as_str()))
                })
            })
            .map(str::to_owned)
            .unwrap_or_default()
    };
    if let Some(sealed) = file.services_encrypted.get() {
        let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
        let plain = decrypt(sealed, password)?;
        let services: List<Object<Service>> = serde_json::from_slice(&plain)
            .map_err(|_| damaged("the decrypted services are not JSON"))?;
        let list = services
            .0
            .ok_or_else(|| damaged("the decrypted services are not a list"))?;
        for service in list {
            let service = service.or_empty();
            let group = group_name(&service);
            push(&service, group, out);
        }
        return Ok(());
    }
    for service in file.services.0.into_iter().flatten() {
        let service = service.or_empty();
        let group = group_name(&service);
        push(&service, group, out);
    }
    Ok(())
}

fn push(service: &Service, group: String, out: &mut Export) {
    let empty = Otp::default();
    let otp = service.otp.value.as_ref().unwrap_or(&empty);
    let issuer = match otp.issuer.as_str() {
        "" => service.name.as_str(),
        issuer => issuer,
    };
    let kind = match otp.token_type.as_str() {
        "" => "totp",
        kind => kind,
    };
    let fields = Fields {
        issuer,
        name: otp.account.as_str(),
        kind,
        secret: service.secret.expose(),
        algorithm: otp.algorithm.as_str(),
        digits: otp.digits.or(6),
        period: otp.period.or(30),
        counter: otp.counter.or(0),
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
