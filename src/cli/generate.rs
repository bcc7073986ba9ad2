//! `tessera generate-assets DIR` (hidden): the manual page and the shell
//! completions, written from the same clap definition that parses the command
//! line, so they can never describe options the binary does not have.
//! `packaging/build.sh` runs it on the release binary it just built.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Arg, Command};
use clap_complete::Shell;

use super::Failure;

/// Arguments of the hidden `tessera generate-assets`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder to write `tessera.1`, `tessera.bash`, `_tessera` and `tessera.fish` into.
    #[arg(value_name = "DIR")]
    out: PathBuf,
}

/// The files [`run`] writes, by shell (`None`: the manual page).
pub const FILES: [(Option<Shell>, &str); 4] = [
    (None, "tessera.1"),
    (Some(Shell::Bash), "tessera.bash"),
    (Some(Shell::Zsh), "_tessera"),
    (Some(Shell::Fish), "tessera.fish"),
];

pub fn run(args: &Args, mut command: Command) -> Result<(), Failure> {
    std::fs::create_dir_all(&args.out).map_err(|e| write_failure(&args.out, &e))?;
    for (shell, name) in FILES {
        let path = args.out.join(name);
        let mut bytes = Vec::new();
        match shell {
            None => man_page(&command, &mut bytes)
                .map_err(|e| Failure::user(format!("the manual page could not be made: {e}")))?,
            Some(shell) => clap_complete::generate(shell, &mut command, "tessera", &mut bytes),
        }
        std::fs::write(&path, bytes).map_err(|e| write_failure(&path, &e))?;
        super::say!("{}", path.display());
    }
    Ok(())
}

fn write_failure(path: &Path, error: &std::io::Error) -> Failure {
    Failure::user(format!(
        "{} could not be written ({error}); check that the folder exists and is writable",
        path.display()
    ))
}

const DESCRIPTION: &str = "Tessera keeps the secret keys behind your accounts' \
six-digit codes (TOTP, HOTP and Steam Guard) in an encrypted vault and shows the current code \
for each. With no command it opens the desktop app; the commands below serve scripts and \
terminals. The vault password comes from --password-file, else the system keyring (unless \
--no-keyring), else the first line of standard input when it is not a terminal, else a prompt.";

/// One manual page with every command: clap_mangen's title, name, synopsis,
/// description and global options, then a section per command (and per
/// subcommand of `keyring` and `recovery`) with its usage, options and examples.
fn man_page(command: &Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut built = command
        .clone()
        .about("a two-factor authenticator for the desktop")
        .long_about(DESCRIPTION);
    built.build();
    let man = clap_mangen::Man::new(built.clone()).date("");
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;

    writeln!(out, ".SH COMMANDS")?;
    writeln!(
        out,
        "With no command, {} opens the desktop app.",
        bold("tessera")
    )?;
    for sub in visible_subcommands(&built) {
        command_section(out, sub, &[])?;
    }

    writeln!(out, ".SH ENVIRONMENT")?;
    definition(
        out,
        &bold("TESSERA_VAULT"),
        "The vault file, when --vault is not given.",
    )?;
    definition(
        out,
        &bold("XDG_DATA_HOME"),
        "The vault's default folder is $XDG_DATA_HOME/tessera (~/.local/share/tessera when unset).",
    )?;
    definition(
        out,
        &bold("LANG, LC_ALL, LC_MESSAGES"),
        "The language of messages: English or Brazilian Portuguese.",
    )?;
    writeln!(out, ".SH FILES")?;
    definition(
        out,
        &italic("$XDG_DATA_HOME/tessera/vault.tessera"),
        "The encrypted vault (created 0600).",
    )?;
    definition(
        out,
        &italic("$XDG_CONFIG_HOME/tessera/settings.toml"),
        "The desktop app's settings.",
    )?;
    writeln!(out, ".SH EXIT STATUS")?;
    definition(out, &bold("0"), "Success.")?;
    definition(
        out,
        &bold("1"),
        "A failure you can act on (wrong password, nothing found, a malformed link); the message on standard error says why and what to do.",
    )?;
    definition(out, &bold("2"), "Bad arguments.")?;
    if let Some(after) = built.get_after_help() {
        writeln!(out, ".SH EXAMPLES")?;
        preformatted(out, &after.to_string())?;
    }
    man.render_version_section(out)?;
    Ok(())
}

fn visible_subcommands(command: &Command) -> impl Iterator<Item = &Command> {
    command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
}

/// A section for `tessera PARENTS... NAME`, then its own subcommands.
fn command_section(out: &mut Vec<u8>, command: &Command, parents: &[&str]) -> std::io::Result<()> {
    let mut path: Vec<&str> = parents.to_vec();
    path.push(command.get_name());
    writeln!(
        out,
        ".SS {}",
        quoted(&format!("tessera {}", path.join(" ")))
    )?;
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ").trim();
    writeln!(out, ".PP")?;
    writeln!(out, "{}", bold(usage))?;
    if let Some(about) = command.get_long_about().or(command.get_about()) {
        writeln!(out, ".PP")?;
        writeln!(out, "{}", escape(&about.to_string()))?;
    }
    for arg in command.get_arguments().filter(|arg| own_argument(arg)) {
        definition(out, &argument_label(arg), &argument_help(arg))?;
    }
    if let Some(after) = command.get_after_help() {
        preformatted(out, &after.to_string())?;
    }
    for sub in visible_subcommands(command) {
        command_section(out, sub, &path)?;
    }
    Ok(())
}

/// Options a command defines itself (the global ones are under OPTIONS).
fn own_argument(arg: &Arg) -> bool {
    !arg.is_hide_set()
        && !arg.is_global_set()
        && !matches!(arg.get_id().as_str(), "help" | "version")
}

fn argument_label(arg: &Arg) -> String {
    let values = arg
        .get_value_names()
        .map(|names| {
            names
                .iter()
                .map(|n| italic(n.as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|_| arg.get_action().takes_values());
    if arg.is_positional() {
        let name = arg.get_id().as_str().to_uppercase();
        return values.unwrap_or_else(|| italic(&name));
    }
    let mut names = Vec::new();
    if let Some(short) = arg.get_short() {
        names.push(bold(&format!("-{short}")));
    }
    if let Some(long) = arg.get_long() {
        names.push(bold(&format!("--{long}")));
    }
    let mut label = names.join(", ");
    if let Some(values) = values {
        label.push(' ');
        label.push_str(&values);
    }
    label
}

fn argument_help(arg: &Arg) -> String {
    let mut help = arg
        .get_long_help()
        .or(arg.get_help())
        .map(ToString::to_string)
        .unwrap_or_default();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_owned())
        .collect();
    if !values.is_empty() && arg.get_action().takes_values() {
        help.push_str(&format!(" One of: {}.", values.join(", ")));
    }
    help.trim().to_owned()
}

/// `.TP`: a label on its own line, the text indented below it.
fn definition(out: &mut Vec<u8>, label: &str, text: &str) -> std::io::Result<()> {
    writeln!(out, ".TP")?;
    writeln!(out, "{label}")?;
    writeln!(out, "{}", escape(text))
}

/// Text shown as written (the examples), without filling.
fn preformatted(out: &mut Vec<u8>, text: &str) -> std::io::Result<()> {
    writeln!(out, ".PP")?;
    writeln!(out, ".nf")?;
    for line in text.lines() {
        writeln!(out, "{}", escape(line))?;
    }
    writeln!(out, ".fi")
}

/// Text made safe for roff: backslashes, minus signs, and lines that would
/// otherwise start with a request.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    escaped
        .lines()
        .map(|line| {
            if line.starts_with(['.', '\'']) {
                format!("\\&{line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn bold(text: &str) -> String {
    format!("\\fB{}\\fR", escape(text))
}

fn italic(text: &str) -> String {
    format!("\\fI{}\\fR", escape(text))
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text).replace('"', "\\(dq"))
}
