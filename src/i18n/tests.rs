//! The catalog against the files: ids, arguments, plural rules, locales.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;
use fluent_syntax::parser;

use super::*;

/// Every variable a pattern uses, including inside select expressions.
fn variables<'s>(pattern: &ast::Pattern<&'s str>, found: &mut BTreeSet<&'s str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, found);
        }
    }
}

fn expression_variables<'s>(expression: &ast::Expression<&'s str>, found: &mut BTreeSet<&'s str>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, found);
            for variant in variants {
                variables(&variant.value, found);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, found),
    }
}

fn inline_variables<'s>(inline: &ast::InlineExpression<&'s str>, found: &mut BTreeSet<&'s str>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name);
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, found),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, found);
            }
        }
        _ => {}
    }
}

/// Each message of `lang`'s files with the variables it uses; fails on syntax
/// errors and on an id defined twice (in one file or across files).
fn messages(lang: Lang) -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    let mut found = BTreeMap::new();
    for (file, source) in super::FILES.iter().zip(lang.sources()) {
        let resource = parser::parse(source).unwrap_or_else(|(_, errors)| {
            panic!("{}/{file} does not parse: {errors:?}", lang.tag())
        });
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let Some(value) = &message.value else {
                    panic!("{}/{file}: {} has no value", lang.tag(), message.id.name)
                };
                let mut vars = BTreeSet::new();
                variables(value, &mut vars);
                let id = message.id.name;
                assert!(
                    found.insert(id, vars).is_none(),
                    "{}/{file}: {id} is defined twice",
                    lang.tag()
                );
            }
        }
    }
    found
}

#[test]
fn every_key_has_a_message_in_every_language_with_the_declared_arguments() {
    for &lang in Lang::ALL {
        let messages = messages(lang);
        for &key in Key::ALL {
            let Some(vars) = messages.get(key.id()) else {
                panic!("{} has no message {} ({key:?})", lang.tag(), key.id())
            };
            let declared: BTreeSet<&str> = key.args().iter().copied().collect();
            assert_eq!(
                *vars,
                declared,
                "{}: {} uses other arguments than {key:?} declares",
                lang.tag(),
                key.id()
            );
            assert!(!t(lang, key).trim().is_empty() || !key.args().is_empty());
        }
    }
}

#[test]
fn no_file_has_a_message_the_code_does_not_name() {
    let ids: BTreeSet<&str> = Key::ALL.iter().map(|k| k.id()).collect();
    assert_eq!(ids.len(), Key::ALL.len(), "two keys share an id");
    for &lang in Lang::ALL {
        for id in messages(lang).keys() {
            assert!(ids.contains(id), "{}: {id} is not a Key", lang.tag());
        }
    }
}

#[test]
fn plain_and_filled_messages() {
    assert_eq!(t(Lang::En, Key::Cancel), "Cancel");
    assert_eq!(t(Lang::PtBr, Key::Cancel), "Cancelar");
    assert_eq!(Lang::PtBr.native_name(), "Português (Brasil)");
    // No Unicode isolation marks around arguments, and signs kept as written.
    assert_eq!(
        tf(Lang::PtBr, Key::ClockOffsetShown, &[("secs", "+7")]),
        "Os códigos usam um ajuste de relógio de +7 segundos (veja Configurações)."
    );
    assert_eq!(
        render(Lang::En, &Message::new(Key::NoMatch).with("query", "acme")),
        "Nothing matches “acme”."
    );
}

#[test]
fn locale_precedence() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    assert_eq!(Lang::from_env(env(&[("LANG", "pt_BR.UTF-8")])), Lang::PtBr);
    assert_eq!(
        Lang::from_env(env(&[("LANG", "pt_BR.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
        Lang::En
    );
    assert_eq!(
        Lang::from_env(env(&[("LANG", "en_US"), ("LC_MESSAGES", "pt_PT")])),
        Lang::PtBr
    );
    assert_eq!(Lang::from_env(env(&[("LANG", "C")])), Lang::En);
    assert_eq!(Lang::from_env(env(&[("LANG", "C.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_env(env(&[])), Lang::En);
    assert_eq!(Lang::from_env(env(&[("LANG", "de_DE.UTF-8")])), Lang::En);
    assert_eq!(Lang::from_locale("pt-br"), Some(Lang::PtBr));
    assert_eq!(Lang::from_locale("POSIX"), None);
}

#[test]
fn tags_name_folders_and_round_trip_through_settings() {
    for &lang in Lang::ALL {
        assert_eq!(Lang::from_locale(lang.tag()), Some(lang));
        let path = format!(
            "{}/resources/i18n/{}",
            env!("CARGO_MANIFEST_DIR"),
            lang.tag()
        );
        assert!(std::path::Path::new(&path).is_dir(), "{path}");
    }
    // Every folder is a registered language (a folder alone is not shipped).
    let root = format!("{}/resources/i18n", env!("CARGO_MANIFEST_DIR"));
    for dir in std::fs::read_dir(root).into_iter().flatten().flatten() {
        let name = dir.file_name().to_string_lossy().into_owned();
        assert!(
            Lang::ALL.iter().any(|l| l.tag() == name),
            "resources/i18n/{name} is not registered in `languages!`"
        );
    }
}

/// The English messages are the core's own `Display` texts (kept for logs),
/// word for word: one sample of every variant that has no OS text in it.
#[test]
fn english_messages_match_the_core_display() {
    use crate::interop::{Format, InteropError, SkipReason};
    use crate::keystore::KeystoreError;
    use crate::otp::migration::{MigrationError, Skip, Unrepresentable};
    use crate::otp::{Base32Error, Label, ParamsError, UriError};
    use crate::qr::DecodeError;
    use crate::qr::encode::EncodeError;
    use crate::vault::recovery::RecoveryError;
    use crate::vault::{self, FindError, KdfParams};
    use std::path::PathBuf;

    fn check<E: Localize + std::fmt::Display>(errors: &[E]) {
        for error in errors {
            assert_eq!(error.localized(Lang::En), error.to_string());
            let pt = error.localized(Lang::PtBr);
            assert!(!pt.is_empty() && pt != error.to_string(), "{pt}");
        }
    }
    let path = || PathBuf::from("/home/ana/vault.tessera");
    let kdf = KdfParams {
        m_cost_kib: 65_536,
        t_cost: 3,
        p_cost: 1,
    };
    check(&[
        vault::Error::WrongPassword {
            path: path(),
            unusual_kdf: None,
        },
        vault::Error::WrongPassword {
            path: path(),
            unusual_kdf: Some(kdf),
        },
        vault::Error::UnsafeFolder { path: path() },
        vault::Error::LockFileLink { path: path() },
        vault::Error::KeyringKeyRejected { path: path() },
        vault::Error::Damaged {
            path: path(),
            detail: String::from("bad tag"),
            last_good_backup: Some(PathBuf::from("/b/1")),
        },
        vault::Error::Damaged {
            path: path(),
            detail: String::from("bad tag"),
            last_good_backup: None,
        },
        vault::Error::NotAVault { path: path() },
        vault::Error::NewerVersion {
            path: path(),
            found: 9,
            supported: 1,
        },
        vault::Error::OpenElsewhere { path: path() },
        vault::Error::Replaced { path: path() },
        vault::Error::KeyChanged { path: path() },
        vault::Error::RolledBack { path: path() },
        vault::Error::HistoryDamaged { path: path() },
        vault::Error::DifferentVault {
            path: path(),
            source_file: PathBuf::from("/b/old.tessera"),
        },
        vault::Error::CopyOfOtherVault {
            path: path(),
            copy: PathBuf::from("/b/vault.sync-conflict-20261130-121314-ABCDEF7.tessera"),
        },
        vault::Error::CopyLocked {
            path: path(),
            copy: PathBuf::from("/b/vault (conflicted copy 2026-11-30 121314).tessera"),
        },
        vault::Error::NotFound { path: path() },
        vault::Error::AlreadyExists { path: path() },
        vault::Error::WeakKdf {
            path: path(),
            found: kdf,
            floor: kdf,
        },
        vault::Error::ExcessiveKdf {
            path: path(),
            found: kdf,
            ceiling: kdf,
        },
        vault::Error::NoSuchSlot {
            path: path(),
            slot: "keyring",
        },
        vault::Error::NoSuchSlot {
            path: path(),
            slot: "password",
        },
        vault::Error::Random(getrandom::Error::UNSUPPORTED),
        vault::Error::Gone,
        vault::Error::Cancelled,
        vault::Error::NotCounterBased {
            label: Label::Named(String::from("ACME (alice)")),
        },
        vault::Error::CounterAtMax {
            label: Label::Unnamed,
        },
        vault::Error::Params(ParamsError::ZeroPeriod),
        vault::Error::KdfRejected { params: kdf },
    ]);
    check(&[
        crate::import::Problem::NoCode,
        crate::import::Problem::Unrecognised,
        crate::import::Problem::Unreadable(std::sync::Arc::new(std::io::Error::from(
            std::io::ErrorKind::PermissionDenied,
        ))),
        crate::import::Problem::Image(crate::qr::DecodeError::Unreadable),
    ]);
    check(&[
        KeystoreError::Unavailable {
            reason: String::from("no bus"),
        },
        KeystoreError::Damaged {
            reason: String::from("two items"),
        },
        KeystoreError::InvalidVaultId {
            vault_id: String::from("x"),
        },
    ]);
    check(&[
        Base32Error::InvalidCharacter {
            character: '1',
            position: 4,
        },
        Base32Error::Empty,
        Base32Error::MisplacedPadding { position: 3 },
    ]);
    check(&[
        ParamsError::DigitsOutOfRange { found: 12 },
        ParamsError::ZeroPeriod,
        ParamsError::SteamIsFixed,
        ParamsError::EmptySecret,
    ]);
    check(&[
        UriError::NotAUri,
        UriError::UnsupportedScheme {
            scheme: String::from("https"),
        },
        UriError::Migration,
        UriError::UnsupportedType {
            found: String::from("motp"),
        },
        UriError::BadEncoding {
            part: String::from("label"),
        },
        UriError::MissingSecret,
        UriError::InvalidSecret(Base32Error::Empty),
        UriError::UnsupportedAlgorithm {
            found: String::from("MD5"),
        },
        UriError::NotANumber {
            param: "digits",
            value: String::from("six"),
        },
        UriError::DigitsOutOfRange { found: 3 },
        UriError::ZeroPeriod,
        UriError::HotpWithoutCounter,
        UriError::Params(ParamsError::SteamIsFixed),
    ]);
    check(&[
        MigrationError::NotMigration,
        MigrationError::MissingData,
        MigrationError::TooLarge { len: 5000 },
        MigrationError::BadBase64,
        MigrationError::BadPayload,
    ]);
    check(&[
        Skip::NoSecret,
        Skip::Algorithm(String::from("MD5")),
        Skip::Unknown("digits"),
        Skip::NegativeCounter,
    ]);
    check(&[
        Unrepresentable::Steam,
        Unrepresentable::Period(60),
        Unrepresentable::Digits(7),
        Unrepresentable::Counter,
    ]);
    check(&[
        DecodeError::NotAnImage,
        DecodeError::Unsupported {
            format: String::from("AVIF"),
        },
        DecodeError::Truncated,
        DecodeError::Unreadable,
        DecodeError::Corrupt {
            detail: String::from("bad huffman"),
        },
        DecodeError::Empty {
            width: 0,
            height: 10,
        },
        DecodeError::TooSmall {
            width: 8,
            height: 8,
            min: 21,
        },
        DecodeError::TooLarge {
            width: 20_000,
            height: 20_000,
            limit: 100_000_000,
        },
        DecodeError::FileTooLarge {
            len: 300_000_000,
            limit: 268_435_456,
        },
        DecodeError::OutOfMemoryLimit { limit: 512 << 20 },
        DecodeError::BadPixelBuffer {
            width: 2,
            height: 2,
            len: 3,
        },
    ]);
    check(&[
        EncodeError::TooLong { len: 4000 },
        EncodeError::Png(String::from("disk full")),
    ]);
    check(&[
        FindError::NoMatch {
            query: String::from("acme"),
        },
        FindError::Ambiguous {
            query: String::from("a"),
            count: 3,
            examples: vec![
                Label::Named(String::from("ACME")),
                Label::Unnamed,
                Label::Named(String::from("Azure")),
            ],
        },
    ]);
    check(&[
        crate::brand::Error::Unknown {
            given: String::from("githbu"),
            nearest: vec!["github", "gitlab"],
        },
        crate::brand::Error::Unknown {
            given: String::from("qqq"),
            nearest: Vec::new(),
        },
    ]);
    check(&[
        RecoveryError::NoneFound,
        RecoveryError::TooMany,
        RecoveryError::Unknown,
        RecoveryError::AlreadyUsed(crate::clock::Timestamp(1_700_000_000)),
    ]);
    check(&[
        InteropError::PasswordNeeded {
            format: Format::Aegis,
        },
        InteropError::WrongPassword {
            format: Format::TwoFas,
        },
        InteropError::Damaged {
            format: Format::Aegis,
            detail: String::from("bad json"),
        },
        InteropError::FingerprintOnly {
            format: Format::Aegis,
        },
        InteropError::Protected {
            format: Format::Bitwarden,
        },
        InteropError::UnknownVersion {
            format: Format::Ente,
            found: String::from("2"),
        },
        InteropError::TooCostly {
            format: Format::Aegis,
        },
        InteropError::TooSlow {
            format: Format::GoogleAuthenticator,
        },
        InteropError::TooMany {
            format: Format::MicrosoftAuthenticator,
            limit: 100_000,
        },
        InteropError::TooLarge { len: 1 << 30 },
    ]);
    check(&[
        SkipReason::Type(String::from("yubikey")),
        SkipReason::Algorithm(String::from("MD5")),
        SkipReason::Key(Base32Error::Empty),
        SkipReason::Params(ParamsError::ZeroPeriod),
        SkipReason::Link(UriError::MissingSecret),
        SkipReason::Trashed,
        SkipReason::Encrypted,
        SkipReason::NoCodes,
    ]);
    check(&[
        crate::interop::WriteError::Random,
        crate::interop::WriteError::Encode,
    ]);
    #[cfg(feature = "capture")]
    {
        use crate::capture::CaptureError;
        let reason = || String::from("timeout");
        check(&[
            CaptureError::NoDisplay,
            CaptureError::X11 { reason: reason() },
            CaptureError::Portal { reason: reason() },
            CaptureError::Cancelled,
            CaptureError::TooLarge {
                width: 90_000,
                height: 90_000,
                limit: 100_000_000,
            },
            CaptureError::Unreadable { reason: reason() },
            CaptureError::ClipboardEmpty,
            CaptureError::ClipboardUnavailable { reason: reason() },
        ]);
    }
    // What a scanned code holds, when it is not an account.
    for text in [
        "https://a.example",
        "WIFI:T:WPA;S:x;;",
        "mailto:a@b.c",
        "hello",
    ] {
        let payload = crate::otp::payload::classify(text);
        let english = explain(&payload).map(|m| render(Lang::En, &m));
        assert_eq!(english, payload.explain(), "{text}");
    }
}

#[test]
fn plural_forms_follow_each_language() {
    let en = |n: &str| tf(Lang::En, Key::ImportedAccounts, &[("n", n)]);
    let pt = |n: &str| tf(Lang::PtBr, Key::ImportedAccounts, &[("n", n)]);
    assert_eq!(en("1"), "Added 1 account.");
    assert_eq!(en("0"), "Added 0 accounts.");
    assert_eq!(en("2"), "Added 2 accounts.");
    // CLDR: Portuguese counts 0 and 1 as "one".
    assert_eq!(pt("0"), "0 conta adicionada.");
    assert_eq!(pt("1"), "1 conta adicionada.");
    assert_eq!(pt("2"), "2 contas adicionadas.");
    // Numbers in messages from the core pick forms too.
    let saved = |lang, n: u32| render(lang, &Message::new(Key::RecoverySaved).with("n", n));
    assert_eq!(saved(Lang::En, 1), "Saved 1 recovery code.");
    assert_eq!(saved(Lang::En, 10), "Saved 10 recovery codes.");
    assert_eq!(saved(Lang::PtBr, 0), "0 código de recuperação salvo.");
    assert_eq!(saved(Lang::PtBr, 10), "10 códigos de recuperação salvos.");
}

/// An account with neither issuer nor name is named by each language's own
/// placeholder, alone and inside a message (core errors carry the typed label).
#[test]
fn an_unnamed_account_is_worded_in_each_language() {
    use crate::otp::{Account, Label, Params};
    use crate::secret::SecretBytes;
    use crate::vault;

    let unnamed = Account::new("", "", SecretBytes::new(vec![7; 10]), Params::hotp(0)).unwrap();
    assert_eq!(unnamed.label(), Label::Unnamed);
    assert_eq!(label(Lang::En, &unnamed.label()), "(unnamed account)");
    assert_eq!(label(Lang::PtBr, &unnamed.label()), "(conta sem nome)");
    let named = Account::new("ACME", "", SecretBytes::new(vec![7; 10]), Params::totp()).unwrap();
    assert_eq!(label(Lang::PtBr, &named.label()), "ACME");

    let error = vault::Error::CounterAtMax {
        label: unnamed.label(),
    };
    assert_eq!(
        error.localized(Lang::En),
        "the counter of (unnamed account) cannot go any higher; this account cannot give more codes"
    );
    let pt = error.localized(Lang::PtBr);
    assert!(pt.contains("(conta sem nome)"), "{pt}");
    assert!(!pt.contains("unnamed"), "{pt}");

    let ambiguous = vault::FindError::Ambiguous {
        query: String::from("a"),
        count: 2,
        examples: vec![Label::Named(String::from("ACME")), Label::Unnamed],
    };
    let pt = ambiguous.localized(Lang::PtBr);
    assert!(pt.contains("ACME, (conta sem nome)"), "{pt}");
    assert_eq!(ambiguous.localized(Lang::En), ambiguous.to_string());
}
