//! Manual entry: issuer, account, setup key (spaces and lower case accepted,
//! invalid base32 explained as you type), advanced options, and the code the
//! key gives now so the user can check it before saving. Pasting a whole
//! `otpauth://` link into the key field fills the form.

use crate::gui::focus::{self, Focus};
use iced::widget::{button, column, container, radio, row, scrollable, text, text_input};
use iced::{Alignment, Element, Font, Length};

use super::Typed;
use crate::clock::Timestamp;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::localized::Localized as _;
use crate::gui::task;
use crate::gui::theme;
use crate::import::{self, Decision};
use crate::otp::{
    self, Account, Algorithm, Base32Error, DEFAULT_DIGITS, DEFAULT_PERIOD, Kind, Params,
    STEAM_DIGITS,
};
use crate::secret::SecretBytes;
use crate::vault::Entry;

/// The issuer field's id (focused on arrival).
pub const ISSUER_ID: &str = "add-issuer";
/// The account field's id.
pub const ACCOUNT_ID: &str = "add-account";
/// The key field's id.
pub const KEY_ID: &str = "add-key";
/// The image path field's id.
pub const PATH_ID: &str = "add-image-path";

/// The messages of the shared code-settings fields.
const PARAM_MESSAGES: super::ParamMessages<Message> = super::ParamMessages {
    algorithm: Message::Algorithm,
    digits: Message::Digits,
    period: Message::Period,
    counter: Message::Counter,
};

/// The add screen.
#[derive(Debug)]
pub struct Add {
    issuer: String,
    account: String,
    key: Typed,
    advanced: bool,
    kind: Kind,
    algorithm: Algorithm,
    digits: String,
    period: String,
    counter: String,
    from_link: bool,
    busy: bool,
    error: Option<String>,
    path: String,
    qr_note: Option<String>,
    /// The setup key is shown as typed (otherwise as dots, like a password).
    show_key: bool,
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// The issuer changed.
    Issuer(String),
    /// The account name changed.
    Account(String),
    /// The key field changed (or a link was pasted into it).
    Key(Typed),
    /// Show or hide the setup key.
    ToggleKey,
    /// Show or hide the advanced options.
    ToggleAdvanced,
    /// The type changed.
    Kind(Kind),
    /// The algorithm changed.
    Algorithm(Algorithm),
    /// The digits changed.
    Digits(String),
    /// The period changed.
    Period(String),
    /// The counter changed.
    Counter(String),
    /// Save the account.
    Save,
    /// Leave without saving.
    Cancel,
    /// The image path field changed.
    Path(String),
    /// Open the image at the typed path.
    OpenPath,
    /// Read the clipboard (also Ctrl+V).
    Paste,
    /// Capture the screen and look for QR codes.
    ScanScreen,
    /// Choose image files in the system's file dialog.
    ChooseFiles,
    /// The file dialog closed: the files picked, or none.
    FilesChosen(Option<Vec<std::path::PathBuf>>),
    /// The account was not added: this entry, with the same key, was
    /// added meanwhile (elsewhere).
    AddedMeanwhile(crate::otp::Label),
    /// Saving failed.
    SaveFailed(task::Error),
}

impl Message {
    /// Whether the person did this (a task's result is not input).
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            Self::FilesChosen(_) | Self::AddedMeanwhile(_) | Self::SaveFailed(_)
        )
    }
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Add this account to the vault.
    Save(Account),
    /// Back to the list.
    Cancel,
    /// Read these image files.
    OpenFiles(Vec<std::path::PathBuf>),
    /// Read the clipboard.
    Paste,
    /// Capture the screen.
    ScanScreen,
    /// Show the file dialog (the files come back as [`Message::FilesChosen`]).
    ChooseFiles,
}

impl Default for Add {
    fn default() -> Self {
        Self {
            issuer: String::new(),
            account: String::new(),
            key: Typed::default(),
            advanced: false,
            kind: Kind::Totp,
            algorithm: Algorithm::Sha1,
            digits: DEFAULT_DIGITS.to_string(),
            period: DEFAULT_PERIOD.to_string(),
            counter: String::from("0"),
            from_link: false,
            busy: false,
            error: None,
            path: String::new(),
            qr_note: None,
            show_key: false,
        }
    }
}

/// The key check's message in `lang`.
fn key_error(lang: Lang, error: &Base32Error) -> String {
    match error {
        Base32Error::InvalidCharacter {
            character,
            position,
        } => i18n::tf(
            lang,
            Key::KeyInvalidChar,
            &[
                ("char", &character.to_string()),
                ("position", &position.to_string()),
            ],
        ),
        Base32Error::MisplacedPadding { position } => i18n::tf(
            lang,
            Key::KeyPadding,
            &[("position", &position.to_string())],
        ),
        _ => i18n::t(lang, Key::KeyEmpty).to_owned(),
    }
}

fn looks_like_link(text: &str) -> bool {
    text.trim_start()
        .get(..10)
        .is_some_and(|s| s.eq_ignore_ascii_case("otpauth://"))
}

impl Add {
    /// Fills the form from an account parsed from a link.
    fn fill(&mut self, account: &Account) {
        self.issuer.clone_from(&account.issuer);
        self.account.clone_from(&account.name);
        self.key = Typed(otp::encode_base32(account.secret.expose()));
        self.kind = account.params.kind;
        self.algorithm = account.params.algorithm;
        self.digits = account.params.digits.to_string();
        self.period = account.params.period.to_string();
        self.counter = account.params.counter.to_string();
        self.from_link = true;
        self.advanced = account.params != Params::totp();
    }

    fn params(&self, lang: Lang) -> Result<Params, String> {
        super::typed_params(
            lang,
            self.kind,
            self.algorithm,
            &self.digits,
            &self.period,
            &self.counter,
        )
    }

    fn secret(&self, lang: Lang) -> Result<SecretBytes, String> {
        otp::decode_base32(self.key.as_str()).map_err(|e| key_error(lang, &e))
    }

    /// The account the form describes, or what is wrong with it.
    pub fn account(&self, lang: Lang) -> Result<Account, String> {
        let secret = self.secret(lang)?;
        let params = self.params(lang)?;
        Account::new(&self.issuer, &self.account, secret, params).map_err(|e| e.localized(lang))
    }

    /// Saving failed: say why, allow another try.
    fn failed(&mut self, reason: String) {
        self.busy = false;
        self.error = Some(reason);
    }

    /// Hides the setup key again (codes hidden by Ctrl+H or a lost focus).
    pub fn conceal(&mut self) {
        self.show_key = false;
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, lang: Lang, entries: &[Entry]) -> Action {
        self.error = None;
        self.qr_note = None;
        match message {
            Message::Issuer(v) => self.issuer = v,
            Message::Account(v) => self.account = v,
            Message::ToggleKey => self.show_key = !self.show_key,
            Message::Key(v) => {
                self.from_link = false;
                if looks_like_link(v.as_str()) {
                    match Account::from_uri(v.as_str().trim()) {
                        Ok(account) => self.fill(&account),
                        Err(e) => {
                            self.key = v;
                            self.error = Some(e.localized(lang));
                        }
                    }
                } else {
                    self.key = v;
                }
            }
            Message::ToggleAdvanced => self.advanced = !self.advanced,
            Message::Kind(kind) => {
                self.kind = kind;
                if kind == Kind::Steam {
                    self.digits = STEAM_DIGITS.to_string();
                } else if self.digits == STEAM_DIGITS.to_string() {
                    self.digits = DEFAULT_DIGITS.to_string();
                }
            }
            Message::Algorithm(a) => self.algorithm = a,
            Message::Digits(v) => self.digits = v,
            Message::Period(v) => self.period = v,
            Message::Counter(v) => self.counter = v,
            Message::Cancel => return Action::Cancel,
            Message::Path(v) => self.path = v,
            Message::OpenPath => {
                let path = self.path.trim();
                if !path.is_empty() {
                    return Action::OpenFiles(vec![std::path::PathBuf::from(path)]);
                }
            }
            Message::Paste => return Action::Paste,
            Message::ScanScreen => return Action::ScanScreen,
            Message::ChooseFiles => return Action::ChooseFiles,
            Message::FilesChosen(Some(paths)) if !paths.is_empty() => {
                return Action::OpenFiles(paths);
            }
            Message::AddedMeanwhile(label) => {
                self.failed(i18n::tf(
                    lang,
                    Key::DuplicateSecret,
                    &[("label", &i18n::label(lang, &label))],
                ));
            }
            Message::SaveFailed(error) => self.failed(error.localized(lang)),
            Message::FilesChosen(_) => {
                self.qr_note = Some(i18n::t(lang, Key::NoFileChosen).to_owned());
            }
            Message::Save => {
                if self.busy {
                    return Action::None;
                }
                match self.account(lang) {
                    Ok(account) => {
                        if let Decision::Duplicate { label, .. } =
                            import::decision(entries, &account)
                        {
                            self.error = Some(i18n::tf(
                                lang,
                                Key::DuplicateSecret,
                                &[("label", &i18n::label(lang, &label))],
                            ));
                            return Action::None;
                        }
                        self.busy = true;
                        return Action::Save(account);
                    }
                    Err(reason) => self.error = Some(reason),
                }
            }
        }
        Action::None
    }

    /// The screen; `now` is the time the check code is computed for.
    pub fn view(
        &self,
        lang: Lang,
        now: Timestamp,
        entries: &[Entry],
        focus: &Focus<Message>,
    ) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let mut qr_section = column![];
        if let Some(note) = &self.qr_note {
            qr_section = qr_section.push(text(note).size(13).style(theme::label::urgent));
        }
        let from_qr = container(
            column![
                text(t(Key::FromQrTitle)).size(16),
                text(t(Key::FromQrHint)).size(13).style(theme::label::muted),
                row![
                    focus.button(
                        "choose-images",
                        button(text(t(Key::ChooseImages))).style(theme::button::secondary),
                        Some(Message::ChooseFiles),
                    ),
                    focus.button(
                        "paste",
                        button(text(t(Key::PasteButton))).style(theme::button::secondary),
                        Some(Message::Paste),
                    ),
                    focus.button(
                        "scan-screen",
                        button(text(t(Key::ScanScreen))).style(theme::button::secondary),
                        Some(Message::ScanScreen),
                    ),
                ]
                // One under the other when the window is narrow or the text large.
                .spacing(8)
                .wrap()
                .vertical_spacing(8),
                row![
                    focus.field(
                        PATH_ID,
                        text_input(t(Key::ImagePathPlaceholder), &self.path)
                            .on_input(Message::Path)
                            .on_submit(Message::OpenPath)
                            .padding(6),
                        true,
                    ),
                    focus.button(
                        "open-path",
                        button(text(t(Key::OpenPath))).style(theme::button::secondary),
                        Some(Message::OpenPath),
                    ),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
                qr_section,
            ]
            .spacing(8),
        )
        .padding(12)
        .style(theme::boxed::section);
        let mut form = column![
            text(t(Key::AddTitle)).size(24),
            from_qr,
            text(t(Key::ManualTitle)).size(16),
            text(t(Key::Issuer)).size(14),
            focus.field(
                ISSUER_ID,
                text_input(t(Key::IssuerPlaceholder), &self.issuer)
                    .on_input(Message::Issuer)
                    .padding(8),
                true,
            ),
            text(t(Key::AccountName)).size(14),
            focus.field(
                ACCOUNT_ID,
                text_input(t(Key::AccountPlaceholder), &self.account)
                    .on_input(Message::Account)
                    .padding(8),
                true,
            ),
            text(t(Key::SetupKey)).size(14),
            row![
                focus.field(
                    KEY_ID,
                    text_input(t(Key::SetupKeyPlaceholder), self.key.as_str())
                        .on_input(|s| Message::Key(Typed::new(s)))
                        .on_submit(Message::Save)
                        .secure(!self.show_key)
                        .font(Font::MONOSPACE)
                        .padding(8),
                    true,
                ),
                focus.button(
                    "show-key",
                    button(text(t(if self.show_key {
                        Key::ConcealSecret
                    } else {
                        Key::RevealSecret
                    })))
                    .style(theme::button::secondary)
                    .padding(8),
                    Some(Message::ToggleKey),
                ),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(6)
        .max_width(520);

        if self.from_link {
            form = form.push(
                text(t(Key::FilledFromLink))
                    .size(13)
                    .style(theme::label::muted),
            );
        }
        let key_typed = !self.key.as_str().trim().is_empty();
        if key_typed && let Err(reason) = self.secret(lang) {
            form = form.push(text(reason).size(13).style(theme::label::urgent));
        }

        form = form.push(
            focus.button(
                "advanced",
                button(text(t(if self.advanced {
                    Key::HideAdvanced
                } else {
                    Key::ShowAdvanced
                })))
                .style(theme::button::text),
                Some(Message::ToggleAdvanced),
            ),
        );
        if self.advanced {
            form = form.push(self.advanced_view(lang, focus));
        }

        if key_typed && let Ok(account) = self.account(lang) {
            if let Ok(code) = account.code_at(now) {
                let check = if account.params.kind == Kind::Hotp {
                    i18n::tf(
                        lang,
                        Key::CheckCodeHotp,
                        &[
                            ("code", &code.grouped()),
                            ("counter", &account.params.counter.to_string()),
                        ],
                    )
                } else {
                    i18n::tf(lang, Key::CheckCode, &[("code", &code.grouped())])
                };
                form = form.push(
                    container(text(check).size(15))
                        .padding(10)
                        .style(theme::boxed::section),
                );
            }
            let flagged = match import::decision(entries, &account) {
                Decision::New => None,
                Decision::Duplicate { label, .. } => Some((Key::DuplicateSecret, label)),
                Decision::SameName { label, .. } => Some((Key::DuplicateName, label)),
            };
            if let Some((key, existing)) = flagged {
                form = form.push(
                    text(i18n::tf(
                        lang,
                        key,
                        &[("label", &i18n::label(lang, &existing))],
                    ))
                    .size(13)
                    .style(theme::label::urgent),
                );
            }
        }
        if let Some(error) = &self.error {
            form = form.push(text(error).style(theme::label::urgent));
        }
        let save = button(text(t(Key::AddButton)))
            .style(theme::button::primary)
            .padding([8, 16]);
        form = form.push(
            row![
                focus.button("save", save, (!self.busy).then_some(Message::Save)),
                focus.button(
                    "cancel",
                    button(text(t(Key::Cancel)))
                        .style(theme::button::secondary)
                        .padding([8, 16]),
                    Some(Message::Cancel),
                ),
            ]
            .spacing(8),
        );
        scrollable(container(form).center_x(Length::Fill).padding(24)).into()
    }

    fn advanced_view(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let kinds = row![
            radio(t(Key::TypeTotp), Kind::Totp, Some(self.kind), Message::Kind),
            radio(t(Key::TypeHotp), Kind::Hotp, Some(self.kind), Message::Kind),
            radio(
                t(Key::TypeSteam),
                Kind::Steam,
                Some(self.kind),
                Message::Kind
            ),
        ]
        .spacing(16);
        // The radio buttons are one stop: the arrows pick the type.
        let (previous, next) = focus::neighbours(&KINDS, Some(&self.kind));
        let kinds = focus.choice(
            "type",
            kinds,
            previous.map(Message::Kind),
            next.map(Message::Kind),
        );
        let mut section = column![text(t(Key::Type)).size(14), kinds].spacing(8);
        section = section.push(super::param_fields(
            lang,
            self.kind,
            self.algorithm,
            [&self.digits, &self.period, &self.counter],
            PARAM_MESSAGES,
            focus,
        ));
        container(section)
            .padding(12)
            .style(theme::boxed::section)
            .into()
    }
}

/// The types the form offers, in the order of its radio buttons.
const KINDS: [Kind; 3] = [Kind::Totp, Kind::Hotp, Kind::Steam];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_link_fills_the_form() {
        let mut add = Add::default();
        let _ = add.update(
            Message::Key(Typed::new(
                "otpauth://hotp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME&counter=7&digits=8"
                    .into(),
            )),
            Lang::En,
            &[],
        );
        let account = add.account(Lang::En).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(account.issuer, "ACME");
        assert_eq!(account.name, "alice");
        assert_eq!(account.params.kind, Kind::Hotp);
        assert_eq!(account.params.counter, 7);
        assert_eq!(account.params.digits, 8);
    }

    #[test]
    fn lower_case_and_spaces_are_accepted_and_bad_characters_explained() {
        let mut add = Add::default();
        let _ = add.update(
            Message::Key(Typed::new("jbsw y3dp ehpk 3pxp".into())),
            Lang::En,
            &[],
        );
        assert!(add.account(Lang::En).is_ok());
        let _ = add.update(Message::Key(Typed::new("JBSW1".into())), Lang::En, &[]);
        let reason = add.account(Lang::En).err().unwrap_or_default();
        assert!(reason.contains("position 5"), "{reason}");
    }
}
