//! `tessera code --uri`: output, exit statuses and messages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{run, run_with_stdin, stderr, stdout, tessera};

const URI: &str = "otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME";

#[test]
fn prints_the_code_alone() {
    let out = run_with_stdin(
        tessera().args(["code", "--uri", "-", "--at", "59"]),
        &format!("{URI}\n"),
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // RFC 6238's SHA1 seed at t=59, 6 digits.
    assert_eq!(stdout(&out), "287082\n");
    assert_eq!(stderr(&out), "");

    // The link in the arguments works too, with a warning that others can see it.
    let out = run(tessera().args(["code", "--uri", URI, "--at", "59"]));
    assert_eq!(stdout(&out), "287082\n");
    assert!(stderr(&out).contains("tessera code --uri -"), "{out:?}");
}

#[test]
fn a_malformed_uri_is_explained_with_exit_1() {
    for (uri, words) in [
        (
            "otpauth://totp/x?secret=ABC1",
            "invalid character '1' at position 4",
        ),
        ("otpauth://totp/x", "no secret"),
        ("https://example.com", "not an authenticator key"),
        (
            "otpauth://totp/x?secret=GEZDGNBV&digits=12",
            "6, 7 or 8 digits",
        ),
        ("otpauth://hotp/x?secret=GEZDGNBV", "no counter"),
        ("hello", "not an otpauth:// link"),
    ] {
        let out = run(tessera().args(["code", "--uri", uri]));
        assert_eq!(out.status.code(), Some(1), "{uri}: {out:?}");
        let err = stderr(&out);
        assert!(err.contains(words), "{uri}: {err}");
        assert!(err.lines().count() <= 2, "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(stdout(&out), "");
    }
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        &["code", "--uri", URI, "--at", "yesterday"][..],
        &["code", "--uri", URI, "--at", "-5"],
        &["frobnicate"],
        &["code", "query", "--uri", URI],
        &["add"],
        // The desktop app's launch options go without a command.
        &["--add", "list"],
        &["--scan-screen", "code"],
    ] {
        let out = run(tessera().args(args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
    }
    // A word that is no command and no file (`tessera IMAGE` opens the app
    // with that image) is a mistyped command, not a window.
    let out = run(tessera().arg("lsit"));
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("'lsit' is neither a command nor an image file"),
        "{out:?}"
    );
}

#[test]
fn help_describes_commands_with_examples() {
    let out = run(tessera().arg("--help"));
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(help.contains("code"), "{help}");
    assert!(help.contains("Examples:"), "{help}");
    let out = run(tessera().args(["code", "--help"]));
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(help.contains("--uri"), "{help}");
    assert!(help.contains("--at"), "{help}");
    assert!(help.contains("tessera code --uri"), "{help}");
}

#[test]
fn hotp_and_steam_uris_work() {
    let out = run(tessera().args([
        "code",
        "--uri",
        "otpauth://hotp/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=9",
    ]));
    assert_eq!(stdout(&out), "520489\n");
    let out = run(tessera().args([
        "code",
        "--uri",
        "otpauth://totp/Steam:x?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&encoder=steam",
        "--at",
        "1511200518",
    ]));
    assert_eq!(stdout(&out), "FR8RV\n");
}

#[test]
fn errors_follow_the_locale() {
    let uri = "otpauth://totp/X?secret=AB!!CD";
    let out = run(tessera()
        .env("LANG", "pt_BR.UTF-8")
        .args(["code", "--uri", uri]));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_eq!(
        stderr(&out),
        "tessera: O link foi dado na linha de comando, onde outros usuários podem lê-lo (ps, \
         /proc) e o histórico do shell o guarda; da próxima vez use `tessera code --uri -` e \
         cole-o quando for pedido.\n\
         tessera: A chave de configuração tem um caractere inválido '!' na posição 3; as chaves \
         usam só as letras A-Z e os dígitos 2-7 (um 0, 1 ou 8 costuma ser um O, I ou B digitado \
         errado).\n"
    );
    // LC_ALL wins over LANG, LC_MESSAGES over LANG; C means English.
    for (var, value) in [("LC_ALL", "C"), ("LC_MESSAGES", "en_US.UTF-8")] {
        let out = run(tessera()
            .env("LANG", "pt_BR.UTF-8")
            .env(var, value)
            .args(["code", "--uri", uri]));
        assert!(
            stderr(&out).contains("\ntessera: The setup key has an invalid character '!'")
                && stderr(&out).starts_with("tessera: The link was given on the command line"),
            "{var}={value}: {}",
            stderr(&out)
        );
    }
    let out =
        run(tessera()
            .env("LC_MESSAGES", "pt_PT")
            .args(["code", "--uri", "otpauth://totp/x"]));
    assert!(
        stderr(&out).contains("não tem chave (secret)"),
        "{}",
        stderr(&out)
    );
}
