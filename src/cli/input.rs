//! Where the CLI gets what it asks for: the vault path, passwords (by the
//! contract's precedence), secrets, confirmations.
//!
//! Password precedence, first match wins: `--password-file`; the keyring slot
//! (unless `--no-keyring`); the first line of stdin when it is not a terminal
//! and carries nothing else (`add -`, `code --uri -` and `recovery ID use -`
//! read a secret from it); a hidden prompt on the terminal (`/dev/tty`).
//!
//! Stdin is read straight from file descriptor 0 (never through std's shared
//! `Stdin` buffer, which would keep a copy of the line after it is dropped),
//! one byte at a time into a zeroizing buffer.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::PathBuf;

use zeroize::Zeroizing;

use super::{Failure, Global, note, text};
use crate::i18n::{Key, Localize as _, tf};
use crate::keystore::{Keystore, OsKeystore};
use crate::paths;
use crate::secret::Password;
use crate::vault::{Error, History, KdfPolicy, Merged, SyncReport, Unlock, Vault};

/// Shortest password `init` and `passwd` accept.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Attempts at a terminal prompt before giving up.
const PROMPT_ATTEMPTS: usize = 3;
/// Longest line read from stdin: a Google Authenticator export link of ten
/// accounts is about 1,100 characters.
const MAX_STDIN_LINE: usize = 64 * 1024;

/// What the CLI asks for: names it in prompts and messages, in the locale's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Asked {
    /// The vault password.
    Password,
    /// A new vault password.
    NewPassword,
    /// An account's setup key.
    SetupKey,
    /// An otpauth:// link.
    Link,
    /// A recovery code.
    RecoveryCode,
    /// The password of an export file.
    ExportPassword,
    /// The password of another copy of the vault (`tessera merge`).
    CopyPassword,
}

impl Asked {
    /// Its name in the locale's language, for messages.
    fn name(self) -> String {
        text(
            match self {
                Self::Password => Key::CliWhatPassword,
                Self::NewPassword => Key::CliWhatNewPassword,
                Self::SetupKey => Key::CliWhatSetupKey,
                Self::Link => Key::CliWhatLink,
                Self::RecoveryCode => Key::CliWhatRecoveryCode,
                Self::ExportPassword => Key::CliWhatExportPassword,
                Self::CopyPassword => Key::CliWhatCopyPassword,
            },
            &[],
        )
    }

    fn is_password(self) -> bool {
        matches!(
            self,
            Self::Password | Self::NewPassword | Self::ExportPassword | Self::CopyPassword
        )
    }
}

/// A prompt: the catalog's text followed by ": ".
pub(crate) fn prompt(key: Key, args: &[(&str, &str)]) -> String {
    format!("{}: ", text(key, args))
}

pub(crate) struct Input<'a> {
    global: &'a Global,
    stdin_is_terminal: bool,
    /// Stdin carried a secret (`-`): the password must come from elsewhere.
    stdin_taken: bool,
    /// Conflict copies beside the vault that need another password
    /// (`tessera merge FILE`): the command ends with exit status 1.
    pub unmerged: Vec<PathBuf>,
    /// Whether the command asked for the vault's path (it works on the vault).
    vault_used: std::cell::Cell<bool>,
}

/// One line from file descriptor 0, read byte by byte so nothing past the
/// line is consumed and no buffer outside ours holds it.
#[cfg(unix)]
fn read_raw_line() -> std::io::Result<Option<Zeroizing<Vec<u8>>>> {
    let stdin = std::io::stdin();
    let mut line = Zeroizing::new(Vec::with_capacity(256));
    let mut byte = [0u8; 1];
    loop {
        match rustix::io::read(&stdin, &mut byte) {
            Ok(0) if line.is_empty() => return Ok(None),
            Ok(0) => break,
            Ok(_) if byte[0] == b'\n' => break,
            Ok(_) => {
                if line.len() >= MAX_STDIN_LINE {
                    return Err(std::io::Error::other(text(
                        Key::CliLineTooLong,
                        &[("kib", &(MAX_STDIN_LINE / 1024).to_string())],
                    )));
                }
                line.push(byte[0]);
            }
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    zeroize::Zeroize::zeroize(&mut byte);
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(line))
}

#[cfg(not(unix))]
fn read_raw_line() -> std::io::Result<Option<Zeroizing<Vec<u8>>>> {
    let mut line = Zeroizing::new(String::new());
    if std::io::stdin().lock().read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let trimmed = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed);
    Ok(Some(Zeroizing::new(line.as_bytes().to_vec())))
}

impl<'a> Input<'a> {
    pub fn new(global: &'a Global) -> Self {
        Self {
            global,
            stdin_is_terminal: std::io::stdin().is_terminal(),
            stdin_taken: false,
            unmerged: Vec::new(),
            vault_used: std::cell::Cell::new(false),
        }
    }

    /// A secret given as `-`: a hidden prompt on a terminal, else the first
    /// line of stdin (which then no longer carries the vault password).
    pub fn secret_from_stdin(
        &mut self,
        prompt: &str,
        what: Asked,
    ) -> Result<Zeroizing<String>, Failure> {
        let secret = self.secret_line(prompt, what)?;
        self.stdin_taken = true;
        if secret.trim().is_empty() {
            return Err(Failure::said(Key::CliStdinEmpty, &[("what", &what.name())]));
        }
        Ok(secret)
    }

    /// The vault path by `--vault`, `TESSERA_VAULT`, or the platform default.
    pub fn vault_path(&self) -> Result<PathBuf, Failure> {
        self.vault_used.set(true);
        paths::vault(self.global.vault.clone()).ok_or_else(|| Failure::said(Key::CliNoHome, &[]))
    }

    /// Whether the command worked on the vault (asked for its path).
    pub fn vault_used(&self) -> bool {
        self.vault_used.get()
    }

    /// Where this computer remembers the vault versions it has seen.
    pub fn history(&self) -> Result<History, Failure> {
        paths::history().ok_or_else(|| Failure::said(Key::CliNoStateHome, &[]))
    }

    /// The history to open the vault at `path` with: with keyring unlock on
    /// for it (and no `--no-keyring`), the keyring's copy of the record of
    /// versions seen joins the state directory's
    /// ([`crate::keystore::tracked_history`]).
    pub fn tracked_history(&self, path: &std::path::Path) -> Result<History, Failure> {
        let history = self.history()?;
        if !self.keyring_allowed() {
            return Ok(history);
        }
        Ok(match Vault::inspect(path) {
            Ok(summary) => crate::keystore::tracked_history(
                &history,
                &summary,
                std::sync::Arc::new(self.keystore()),
            ),
            // Opening it says what is wrong.
            Err(_) => history,
        })
    }

    pub fn keyring_allowed(&self) -> bool {
        !self.global.no_keyring
    }

    pub fn keystore(&self) -> OsKeystore {
        OsKeystore::new()
    }

    /// The next line of stdin (not a terminal), without its line ending.
    fn stdin_line(&mut self, what: Asked) -> Result<Zeroizing<String>, Failure> {
        let name = what.name();
        let line = read_raw_line()
            .map_err(|e| {
                Failure::said(
                    Key::CliStdinUnreadable,
                    &[("what", &name), ("reason", &e.to_string())],
                )
            })?
            .ok_or_else(|| {
                let key = if what.is_password() {
                    Key::CliStdinEndedPassword
                } else {
                    Key::CliStdinEnded
                };
                Failure::said(key, &[("what", &name)])
            })?;
        let line = std::str::from_utf8(&line)
            .map_err(|_| Failure::said(Key::CliStdinNotUtf8, &[("what", &name)]))?;
        Ok(Zeroizing::new(line.to_owned()))
    }

    /// Reads a secret line: hidden prompt on a terminal, else the next stdin line.
    pub fn secret_line(&mut self, prompt: &str, what: Asked) -> Result<Zeroizing<String>, Failure> {
        if self.stdin_is_terminal {
            rpassword::prompt_password(prompt)
                .map(Zeroizing::new)
                .map_err(|e| {
                    Failure::said(
                        Key::CliPromptUnreadable,
                        &[("what", &what.name()), ("reason", &e.to_string())],
                    )
                })
        } else {
            self.stdin_line(what)
        }
    }

    /// A hidden prompt on the terminal (`/dev/tty`), whatever stdin is.
    fn tty_password(&mut self, path: &std::path::Path) -> Result<Zeroizing<String>, Failure> {
        let prompt = prompt(
            Key::CliPromptPassword,
            &[("path", &path.display().to_string())],
        );
        if self.stdin_is_terminal {
            return self.secret_line(&prompt, Asked::Password);
        }
        rpassword::prompt_password(prompt)
            .map(Zeroizing::new)
            .map_err(|_| Failure::said(Key::CliNoTerminal, &[]))
    }

    fn password_from_file(&self) -> Result<Option<Password>, Failure> {
        self.global
            .password_file
            .as_deref()
            .map(password_file)
            .transpose()
    }

    /// Opens the vault, trying each password source in turn, and merges the
    /// conflict copies a sync tool left beside it (docs/sync.md): those that
    /// open with the same key or password; the others are remembered in
    /// `unmerged`, and the command ends with advice and exit status 1.
    pub fn open_vault(&mut self) -> Result<Vault, Failure> {
        let path = self.vault_path()?;
        let policy = KdfPolicy::standard();
        let history = self.tracked_history(&path)?;
        let (vault, report) = self.unlock(&path, true, |unlock| {
            let mut vault = Vault::open_tracked(&path, unlock, &policy, &history)?;
            let report = vault.merge_conflicts(Some(unlock), &policy)?;
            Ok((vault, report))
        })?;
        self.report_sync(report);
        Ok(vault)
    }

    /// Tells what was merged, and keeps the copies left for the end.
    pub fn report_sync(&mut self, report: SyncReport) {
        let lang = super::lang();
        for (copy, kept, merged) in &report.merged {
            note(merged_line(copy, merged));
            if let Some(kept) = kept {
                let kept = kept.display().to_string();
                note(tf(lang, Key::SyncMergedKept, &[("kept", &kept)]));
            }
        }
        for (copy, error) in &report.left {
            let copy = copy.display().to_string();
            let reason = error.localized(lang);
            note(tf(
                lang,
                Key::SyncLeft,
                &[("copy", &copy), ("reason", &reason)],
            ));
        }
        self.unmerged.extend(report.need_password);
    }

    /// Runs `open` with each way of unlocking the file at `path` in turn:
    /// `--password-file`; the keyring (when `keyring` and not `--no-keyring`,
    /// and the file has a keyring slot); the first line of stdin when it is
    /// not a terminal; a prompt on the terminal (three tries).
    pub fn unlock<T>(
        &mut self,
        path: &std::path::Path,
        keyring: bool,
        mut open: impl FnMut(Unlock<'_>) -> Result<T, Error>,
    ) -> Result<T, Failure> {
        if let Some(password) = self.password_from_file()? {
            return Ok(open(Unlock::Password(&password))?);
        }
        if keyring && self.keyring_allowed() {
            let summary = Vault::inspect_tracked(path, &self.history()?)?;
            if summary.has_keyring_slot {
                match self.keystore().get(&summary.id) {
                    Ok(Some(kek)) => match open(Unlock::KeyringKey(&kek)) {
                        Ok(vault) => return Ok(vault),
                        Err(Error::KeyringKeyRejected { .. }) => {
                            note(text(Key::CliKeyringKeyRejected, &[]));
                        }
                        Err(other) => return Err(other.into()),
                    },
                    Ok(None) => note(text(Key::CliKeyringNoKey, &[])),
                    Err(e) => note(crate::i18n::Localize::localized(&e, super::lang())),
                }
            }
        }
        if !self.stdin_is_terminal && !self.stdin_taken {
            let password = Password::new(self.stdin_line(Asked::Password)?.to_string());
            return Ok(open(Unlock::Password(&password))?);
        }
        let mut attempt = 0;
        loop {
            attempt += 1;
            let password = Password::new(self.tty_password(path)?.to_string());
            match open(Unlock::Password(&password)) {
                Err(Error::WrongPassword { .. }) if attempt < PROMPT_ATTEMPTS => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "{}",
                        text(Key::CliWrongPasswordRetry, &[])
                    );
                }
                other => return Ok(other?),
            }
        }
    }

    /// The current password of an open vault (for re-keying it): from
    /// --password-file, else stdin, else the terminal; never the keyring.
    pub fn current_password(&mut self, vault: &Vault) -> Result<Password, Failure> {
        if let Some(password) = self.password_from_file()? {
            return Ok(password);
        }
        if !self.stdin_is_terminal && !self.stdin_taken {
            return Ok(Password::new(self.stdin_line(Asked::Password)?.to_string()));
        }
        Ok(Password::new(self.tty_password(vault.path())?.to_string()))
    }

    /// A new password: from --password-file, else stdin, else typed twice.
    pub fn new_password(&mut self, use_file: bool) -> Result<Password, Failure> {
        let password = match self.password_from_file()?.filter(|_| use_file) {
            Some(password) => password,
            None if !self.stdin_is_terminal => {
                Password::new(self.stdin_line(Asked::NewPassword)?.to_string())
            }
            None => {
                let first =
                    self.secret_line(&prompt(Key::CliPromptNewPassword, &[]), Asked::NewPassword)?;
                let second = self.secret_line(
                    &prompt(Key::CliPromptRepeatNewPassword, &[]),
                    Asked::NewPassword,
                )?;
                if first != second {
                    return Err(Failure::said(Key::CliPasswordsDiffer, &[]));
                }
                Password::new(first.to_string())
            }
        };
        self.check_new_password(password)
    }

    /// Refuses passwords too short to protect anything.
    pub fn check_new_password(&self, password: Password) -> Result<Password, Failure> {
        if password.expose().chars().count() < MIN_PASSWORD_CHARS {
            return Err(Failure::said(
                Key::CliPasswordTooShort,
                &[("min", &MIN_PASSWORD_CHARS.to_string())],
            ));
        }
        Ok(password)
    }

    /// Asks a yes/no question on the terminal; false when there is none.
    pub fn confirm(&mut self, question: &str) -> bool {
        if !self.stdin_is_terminal {
            return false;
        }
        let _ = write!(
            std::io::stderr(),
            "{question} {} ",
            text(Key::CliYesNo, &[])
        );
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer).is_ok()
            && is_yes(&answer, &text(Key::CliYes, &[]))
    }
}

/// "Merged COPY into the vault: …", in the locale's language.
pub fn merged_line(copy: &std::path::Path, merged: &Merged) -> String {
    let copy = copy.display().to_string();
    let lang = super::lang();
    if merged.is_empty() {
        return tf(lang, Key::SyncMergedNothing, &[("copy", &copy)]);
    }
    let (added, changed, removed) = (
        merged.added.to_string(),
        merged.changed.to_string(),
        merged.removed.to_string(),
    );
    tf(
        lang,
        Key::SyncMerged,
        &[
            ("copy", &copy),
            ("added", &added),
            ("changed", &changed),
            ("removed", &removed),
        ],
    )
}

/// The password in a password file: its first line, without the line ending
/// (every `--*password-file` option reads its file this way).
pub fn password_file(file: &std::path::Path) -> Result<Password, Failure> {
    let contents =
        crate::secret::read_text_file(file, crate::secret::MAX_SMALL_FILE).map_err(|e| {
            Failure::said(
                Key::CliPasswordFileUnreadable,
                &[
                    ("path", &file.display().to_string()),
                    ("reason", &e.to_string()),
                ],
            )
        })?;
    Ok(Password::new(
        contents.lines().next().unwrap_or("").to_owned(),
    ))
}

/// Whether `answer` says yes: English `y`/`yes` always, and the language's
/// own word for yes or its first letter (`s`/`sim` in Portuguese).
fn is_yes(answer: &str, yes: &str) -> bool {
    let answer = answer.trim().to_lowercase();
    let yes = yes.to_lowercase();
    let initial: String = yes.chars().take(1).collect();
    !answer.is_empty() && [String::from("y"), String::from("yes"), initial, yes].contains(&answer)
}

#[cfg(test)]
mod tests {
    use super::is_yes;

    #[test]
    fn yes_in_english_and_in_the_language() {
        for answer in ["y", "Y", "yes", "Yes\n", "s", "sim", "SIM"] {
            assert!(is_yes(answer, "sim"), "{answer}");
        }
        for answer in ["", "n", "no", "não", "si", "yess"] {
            assert!(!is_yes(answer, "sim"), "{answer}");
        }
        assert!(!is_yes("s", "yes"));
    }
}
