//! The core's errors worded in the UI language.
//!
//! Every core error maps to a message id and arguments in the core
//! ([`crate::i18n::Localize`], `src/i18n/errors.rs`); this module adds the
//! GUI's own [`task::Error`] and re-exports the trait under the name the
//! screens use.

use crate::i18n::{Key, Lang, Localize, Message, render};
use crate::otp::payload::Payload;

use super::task;

pub use crate::i18n::Localize as Localized;

impl Localize for task::Error {
    fn message(&self) -> Message {
        use task::Error as E;
        let io = |key: Key, path: &std::path::Path, source: &std::io::Error| {
            Message::new(key)
                .with("path", path.display().to_string())
                .with("reason", source.message())
        };
        match self {
            E::Vault(e) => e.message(),
            E::Keystore(e) => e.message(),
            E::NoKeyringKey => Message::new(Key::ErrNoKeyringKey),
            E::Settings { path, source } => io(Key::ErrCouldNotWrite, path, source),
            E::Delete { path, source } => io(Key::ErrCouldNotDelete, path, source),
            E::ExportExists { path } => {
                Message::new(Key::ErrExportExists).with("path", path.display().to_string())
            }
            E::Export { path, source } => io(Key::ErrCouldNotWrite, path, source),
            E::Encode(e) => e.message(),
            E::Crashed(detail) => Message::new(Key::ErrCrashed).with("detail", detail.as_str()),
        }
    }
}

/// Why a scanned payload gives no account, in `lang`; `None` when it gives one.
pub fn explain(payload: &Payload, lang: Lang) -> Option<String> {
    crate::i18n::explain(payload).map(|message| render(lang, &message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn english_is_the_core_text_and_portuguese_is_translated() {
        let error = vault::Error::WrongPassword {
            path: PathBuf::from("/v"),
            unusual_kdf: None,
        };
        assert_eq!(error.localized(Lang::En), error.to_string());
        let pt = error.localized(Lang::PtBr);
        assert!(pt.starts_with("senha incorreta"), "{pt}");
        assert!(pt.contains("/v"));

        let io = vault::Error::Io {
            action: "write",
            path: PathBuf::from("/v"),
            source: std::sync::Arc::new(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
        };
        assert_eq!(
            io.localized(Lang::PtBr),
            "não foi possível gravar /v: permissão negada"
        );
        let folder = vault::Error::Io {
            action: "create the folder",
            path: PathBuf::from("/b"),
            source: std::sync::Arc::new(std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
        };
        assert_eq!(
            folder.localized(Lang::PtBr),
            "não foi possível criar a pasta /b: permissão negada"
        );
    }

    #[test]
    fn what_is_not_a_key_is_explained_in_portuguese() {
        let payload = crate::otp::payload::classify("https://example.com");
        let pt = explain(&payload, Lang::PtBr).unwrap_or_default();
        assert!(pt.contains("um endereço da web"), "{pt}");
        assert_eq!(explain(&payload, Lang::En), payload.explain());
        let bad = crate::otp::payload::classify("otpauth://totp/x?secret=ABC1");
        let pt = explain(&bad, Lang::PtBr).unwrap_or_default();
        assert!(pt.contains("caractere inválido '1' na posição"), "{pt}");
    }

    use crate::vault;
}
