//! The command line speaks the locale's language: its own sentences come
//! from `resources/i18n/<lang>/cli.ftl` as the core's errors come from
//! `tessera.ftl`. One session of commands is run twice, under an English and
//! a Brazilian Portuguese locale, and each step's output is checked in both.

use std::process::Output;

use crate::common::cli::{Cli, PASSWORD};
use crate::common::{run_with_stdin, stderr, stdout};

const ACME: &str = "otpauth://totp/ACME:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME";

/// One command of the session, and what it says in each language.
struct Step {
    args: &'static [&'static str],
    /// Exit status.
    status: i32,
    english: &'static str,
    portuguese: &'static str,
}

const SESSION: &[Step] = &[
    Step {
        args: &["init"],
        status: 0,
        english: "Created a vault at",
        portuguese: "Cofre criado em",
    },
    Step {
        args: &["list"],
        status: 0,
        english: "The vault has no accounts yet; add one with `tessera add`.",
        portuguese: "O cofre ainda não tem contas; adicione uma com `tessera add`.",
    },
    Step {
        args: &["code"],
        status: 1,
        english: "The vault has no accounts yet",
        portuguese: "O cofre ainda não tem contas",
    },
    Step {
        args: &["add", ACME],
        status: 0,
        english: "Added ACME (alice) (",
        portuguese: ") adicionada.",
    },
    Step {
        args: &["edit", "ACME", "--group", "Work", "--favourite"],
        status: 0,
        english: "Saved ACME (alice).",
        portuguese: "ACME (alice) salva.",
    },
    Step {
        args: &["list"],
        status: 0,
        english: "[favourite, group Work]",
        portuguese: "[favorita, grupo Work]",
    },
    Step {
        args: &["code", "nothing-like-it"],
        status: 1,
        english: "No account matches \"nothing-like-it\"; `tessera list` shows them all.",
        portuguese: "Nenhuma conta corresponde a \"nothing-like-it\"; `tessera list` mostra todas.",
    },
    Step {
        args: &["edit", "ACME"],
        status: 2,
        english: "Say what to change:",
        portuguese: "Diga o que mudar:",
    },
    Step {
        args: &["recovery", "ACME", "add", "codes.txt"],
        status: 0,
        english: "Stored 2 recovery codes.",
        portuguese: "2 códigos de recuperação guardados.",
    },
    Step {
        args: &["recovery", "ACME", "use", "1111-2222"],
        status: 0,
        english: "Marked as used; 1 unused code left.",
        portuguese: "Marcado como usado; resta 1 código não usado.",
    },
    Step {
        args: &["export", "--format", "uris", "--out", "codes.txt"],
        status: 1,
        english: "already exists; choose another name, or add --force to replace it.",
        portuguese: "já existe; escolha outro nome, ou use --force para substituí-lo.",
    },
    Step {
        args: &["export", "--format", "aegis", "--out", "acme.json"],
        status: 1,
        english: "The export needs a password",
        portuguese: "A exportação precisa de uma senha",
    },
    Step {
        args: &["export", "--format", "uris", "--out", "links.txt"],
        status: 0,
        english: "Wrote 1 account to",
        portuguese: "1 conta gravada em",
    },
    Step {
        args: &["import", "empty.txt"],
        status: 1,
        english: "Nothing to import: no authenticator account was found in the files.",
        portuguese: "Nada a importar: nenhuma conta de autenticador foi encontrada nos arquivos.",
    },
    Step {
        args: &["remove", "ACME"],
        status: 0,
        english: "Removed ACME (alice) (",
        portuguese: ") removida.",
    },
    // An account with neither issuer nor name: the language's placeholder.
    Step {
        args: &[
            "add",
            "otpauth://totp/?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        ],
        status: 0,
        english: "Added (unnamed account) (",
        portuguese: "(conta sem nome) (",
    },
    Step {
        args: &["code"],
        status: 0,
        english: "(unnamed account)",
        portuguese: "(conta sem nome)",
    },
    Step {
        args: &["scan"],
        status: 2,
        english: "Say what to scan: image files, --screen or --clipboard.",
        portuguese: "Diga o que ler: arquivos de imagem, --screen ou --clipboard.",
    },
];

fn session(locale: &str) -> Vec<Output> {
    let cli = Cli::new();
    std::fs::write(cli.dir().join("codes.txt"), "1111-2222\n3333-4444\n").unwrap();
    std::fs::write(cli.dir().join("empty.txt"), "nothing here\n").unwrap();
    SESSION
        .iter()
        .map(|step| {
            let mut command = cli.command();
            command.current_dir(cli.dir()).env("LANG", locale);
            run_with_stdin(command.args(step.args), &format!("{PASSWORD}\n"))
        })
        .collect()
}

#[test]
fn the_command_line_says_its_own_sentences_in_the_locale_language() {
    for (locale, portuguese) in [("C.UTF-8", false), ("pt_BR.UTF-8", true)] {
        for (step, out) in SESSION.iter().zip(session(locale)) {
            let said = format!("{}{}", stdout(&out), stderr(&out));
            let (expected, other) = if portuguese {
                (step.portuguese, step.english)
            } else {
                (step.english, step.portuguese)
            };
            assert_eq!(
                out.status.code(),
                Some(step.status),
                "{locale} {:?}: {said}",
                step.args
            );
            assert!(
                said.contains(expected),
                "{locale} {:?} should say {expected:?}, said: {said}",
                step.args
            );
            assert!(
                !said.contains(other),
                "{locale} {:?} said the other language's {other:?}: {said}",
                step.args
            );
        }
    }
}
