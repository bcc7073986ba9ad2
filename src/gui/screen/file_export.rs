//! Settings → "Export and backup…": every account to a file another app
//! imports (Aegis, 2FAS: encrypted unless the person asks otherwise), a list
//! of `otpauth://` links, or the printable backup sheet, after the vault
//! password is typed again. The screen gathers the choice; the app checks
//! the password and writes the file (`task::export`), new and 0600, never
//! over an existing one, and hands the outcome back as
//! [`Message::Exported`].

use crate::gui::focus::{self, Focus};
use std::path::PathBuf;

use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use super::Typed;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::localized::Localized as _;
use crate::gui::task;
use crate::gui::theme;
use crate::secret::Password;

/// The file field's id (for focus and tests).
pub const PATH_ID: &str = "file-export-path";
/// The export password field's id.
pub const EXPORT_PASSWORD_ID: &str = "file-export-export-password";
/// The repeat field's id.
pub const REPEAT_ID: &str = "file-export-repeat";
/// The vault password field's id.
pub const VAULT_PASSWORD_ID: &str = "file-export-vault-password";

/// What the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Aegis' vault export.
    Aegis,
    /// 2FAS' backup.
    TwoFas,
    /// One `otpauth://` link per line.
    Uris,
    /// The printable backup sheet (HTML).
    Sheet,
}

impl Kind {
    /// Every kind, in the order shown.
    pub const ALL: [Self; 4] = [Self::Aegis, Self::TwoFas, Self::Uris, Self::Sheet];

    /// Whether the file can be encrypted with a password of its own.
    pub const fn encrypts(self) -> bool {
        matches!(self, Self::Aegis | Self::TwoFas)
    }

    const fn label(self) -> Key {
        match self {
            Self::Aegis => Key::FileExportKindAegis,
            Self::TwoFas => Key::FileExportKindTwoFas,
            Self::Uris => Key::FileExportKindUris,
            Self::Sheet => Key::FileExportKindSheet,
        }
    }
}

/// An export the app is asked to make.
#[derive(Debug)]
pub struct Request {
    /// What the file is.
    pub kind: Kind,
    /// Where (a new file).
    pub path: PathBuf,
    /// The file's own password (Aegis, 2FAS), or `None` for a plain file.
    pub export_password: Option<Password>,
    /// The vault password, checked before anything is written.
    pub vault_password: Password,
}

/// The screen.
#[derive(Debug)]
pub struct FileExport {
    kind: Kind,
    plain: bool,
    path: String,
    export_password: Typed,
    repeat: Typed,
    vault_password: Typed,
    busy: bool,
    /// The last outcome: (is an error, text).
    notice: Option<(bool, String)>,
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// A kind of file was chosen.
    Kind(Kind),
    /// "Unencrypted" ticked or not.
    Plain(bool),
    /// The file field changed.
    Path(String),
    /// The export password field changed.
    ExportPassword(Typed),
    /// The repeat field changed.
    Repeat(Typed),
    /// The vault password field changed.
    VaultPassword(Typed),
    /// Write the file.
    Export,
    /// Back to the settings.
    Back,
    /// The file was written (how many accounts, where), or not.
    Exported(Result<(usize, PathBuf), task::Error>),
}

impl Message {
    /// Whether the person did this (a task's result is not input).
    pub fn is_input(&self) -> bool {
        !matches!(self, Self::Exported(_))
    }
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Check the vault password and write the file.
    Export(Request),
    /// Back to the settings.
    Back,
}

impl Default for FileExport {
    fn default() -> Self {
        Self::new()
    }
}

impl FileExport {
    /// An encrypted Aegis export, the path empty.
    pub fn new() -> Self {
        Self {
            kind: Kind::Aegis,
            plain: false,
            path: String::new(),
            export_password: Typed::default(),
            repeat: Typed::default(),
            vault_password: Typed::default(),
            busy: false,
            notice: None,
        }
    }

    /// The export finished: say how many accounts went where, or why not.
    fn finished(&mut self, lang: Lang, result: Result<(usize, PathBuf), task::Error>) {
        self.busy = false;
        self.notice = Some(match result {
            Ok((count, path)) => (
                false,
                i18n::tf(
                    lang,
                    Key::FileExportDone,
                    &[
                        ("count", &count.to_string()),
                        ("path", &path.display().to_string()),
                    ],
                ),
            ),
            Err(error) => (true, error.localized(lang)),
        });
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, lang: Lang) -> Action {
        match message {
            Message::Kind(kind) => self.kind = kind,
            Message::Plain(plain) => self.plain = plain,
            Message::Path(path) => self.path = path,
            Message::ExportPassword(typed) => self.export_password = typed,
            Message::Repeat(typed) => self.repeat = typed,
            Message::VaultPassword(typed) => self.vault_password = typed,
            Message::Back => return Action::Back,
            Message::Export => return self.submit(lang),
            Message::Exported(result) => self.finished(lang, result),
        }
        Action::None
    }

    fn submit(&mut self, lang: Lang) -> Action {
        if self.busy {
            return Action::None;
        }
        let refuse = |this: &mut Self, key| {
            this.notice = Some((true, i18n::t(lang, key).to_owned()));
            Action::None
        };
        let path = self.path.trim().to_owned();
        if path.is_empty() {
            return refuse(self, Key::FileExportNoPath);
        }
        let encrypted = self.kind.encrypts() && !self.plain;
        if encrypted && self.export_password.as_str().is_empty() {
            return refuse(self, Key::FileExportNoExportPassword);
        }
        if encrypted && self.export_password.as_str() != self.repeat.as_str() {
            // Both typed again: which of the two is wrong cannot be seen.
            self.export_password = Typed::default();
            self.repeat = Typed::default();
            return refuse(self, Key::PasswordsDiffer);
        }
        if self.vault_password.as_str().is_empty() {
            return refuse(self, Key::FileExportNoVaultPassword);
        }
        let path = PathBuf::from(path);
        let export_password = encrypted.then(|| self.export_password.take_password());
        self.repeat = Typed::default();
        self.export_password = Typed::default();
        self.busy = true;
        self.notice = None;
        Action::Export(Request {
            kind: self.kind,
            path,
            export_password,
            vault_password: self.vault_password.take_password(),
        })
    }

    /// The screen.
    pub fn view(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let mut page = column![
            row![
                focus.button(
                    "back",
                    button(text(t(Key::Back))).style(theme::button::secondary),
                    Some(Message::Back),
                ),
                text(t(Key::FileExportTitle)).size(24),
            ]
            .spacing(12),
            text(t(Key::FileExportIntro)),
        ]
        .spacing(12)
        .max_width(640);
        // One button per kind (a button, unlike a radio, takes a click on its
        // words and keeps a pressed look); the chosen one is marked.
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            let chosen = kind == self.kind;
            let mark = text(if chosen { "✓" } else { "" }).width(Length::Fixed(20.0));
            page = page.push(
                focus.button(
                    focus::Key::indexed("kind", i),
                    button(row![mark, text(t(kind.label()))].spacing(8))
                        .width(Length::Fill)
                        .padding(8)
                        .style(if chosen {
                            theme::row::selected
                        } else {
                            theme::row::normal
                        }),
                    Some(Message::Kind(kind)),
                ),
            );
        }
        let encrypted = self.kind.encrypts() && !self.plain;
        if self.kind.encrypts() {
            page = page.push(focus.checkbox(
                "plain",
                checkbox(self.plain).label(t(Key::FileExportPlain)),
                self.plain,
                Some(Message::Plain),
            ));
        }
        if encrypted {
            page = page.push(
                focus.field(
                    EXPORT_PASSWORD_ID,
                    text_input(
                        t(Key::FileExportExportPassword),
                        self.export_password.as_str(),
                    )
                    .secure(true)
                    .on_input(|s| Message::ExportPassword(Typed::new(s)))
                    .padding(8),
                    true,
                ),
            );
            page = page.push(
                focus.field(
                    REPEAT_ID,
                    text_input(t(Key::RepeatPassword), self.repeat.as_str())
                        .secure(true)
                        .on_input(|s| Message::Repeat(Typed::new(s)))
                        .padding(8),
                    true,
                ),
            );
        } else {
            page = page.push(
                text(t(Key::FileExportUnencryptedWarning))
                    .size(13)
                    .style(theme::label::urgent),
            );
        }
        page = page.push(
            focus.field(
                PATH_ID,
                text_input(t(Key::FileExportPath), &self.path)
                    .on_input(Message::Path)
                    .padding(8),
                true,
            ),
        );
        page = page.push(
            focus.field(
                VAULT_PASSWORD_ID,
                text_input(
                    t(Key::FileExportVaultPassword),
                    self.vault_password.as_str(),
                )
                .secure(true)
                .on_input(|s| Message::VaultPassword(Typed::new(s)))
                .on_submit(Message::Export)
                .padding(8),
                true,
            ),
        );
        let export = button(text(t(Key::FileExportExport))).style(theme::button::primary);
        page = page.push(focus.button("export", export, (!self.busy).then_some(Message::Export)));
        if let Some(notice) = &self.notice {
            page = page.push(crate::gui::widget::notice::view(notice));
        }
        scrollable(container(page).center_x(Length::Fill).padding(24)).into()
    }
}
