//! Entry details: edit every field but the key, the group, the favourite mark,
//! notes and the icon; delete with confirmation.

use crate::gui::focus::{self, Focus};
use iced::widget::{button, checkbox, column, container, row, scrollable, text, text_input};
use iced::{Element, Length};

use crate::brand;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::localized::Localized as _;
use crate::gui::task;
use crate::gui::theme;
use crate::otp::{Algorithm, Kind, Params};
use crate::vault::{Entry, EntryId, Icon};

/// The messages of the shared code-settings fields.
const PARAM_MESSAGES: super::ParamMessages<Message> = super::ParamMessages {
    algorithm: Message::Algorithm,
    digits: Message::Digits,
    period: Message::Period,
    counter: Message::Counter,
};

/// The issuer field's id.
pub const ISSUER_ID: &str = "details-issuer";
/// The icon search field's id.
pub const ICON_ID: &str = "details-icon";
/// The focus name of the icon choices shown under the search field
/// (`icon#0`, `icon#1`, …).
pub const ICON_CHOICE: &str = "icon";
/// How many icon choices are shown at a time.
const ICON_CHOICES_SHOWN: usize = 8;
/// The account name field's id.
pub const ACCOUNT_ID: &str = "details-account";
/// The group field's id.
pub const GROUP_ID: &str = "details-group";
/// The notes field's id.
pub const NOTES_ID: &str = "details-notes";

/// One choice in the icon list: what it stores and what it is called.
#[derive(Clone, Debug)]
pub struct IconChoice {
    /// What the entry would store.
    pub icon: Icon,
    label: String,
}

impl PartialEq for IconChoice {
    fn eq(&self, other: &Self) -> bool {
        self.icon == other.icon
    }
}

impl std::fmt::Display for IconChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// Every choice: automatic, the letter, then each brand by name.
fn icon_choices(lang: Lang) -> Vec<IconChoice> {
    let mut brands: Vec<&brand::Brand> = brand::all().iter().collect();
    brands.sort_by_cached_key(|b| crate::vault::fold(b.title));
    [
        IconChoice {
            icon: Icon::Automatic,
            label: i18n::t(lang, Key::IconAutomatic).to_owned(),
        },
        IconChoice {
            icon: Icon::Letter,
            label: i18n::t(lang, Key::IconLetter).to_owned(),
        },
    ]
    .into_iter()
    .chain(brands.into_iter().map(|b| IconChoice {
        icon: Icon::Brand(b.slug.to_owned()),
        label: b.title.to_owned(),
    }))
    .collect()
}

/// The details screen.
#[derive(Debug)]
pub struct Details {
    id: EntryId,
    label: crate::otp::Label,
    kind: Kind,
    issuer: String,
    account: String,
    group: String,
    favourite: bool,
    notes: String,
    icon: IconChoice,
    /// Every icon choice (automatic, the letter, each brand by name).
    icons: Vec<IconChoice>,
    /// What is typed to search the icons.
    icon_search: String,
    algorithm: Algorithm,
    digits: String,
    period: String,
    counter: String,
    confirm_delete: bool,
    busy: bool,
    error: Option<String>,
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// The issuer changed.
    Issuer(String),
    /// The account name changed.
    Account(String),
    /// The group changed.
    Group(String),
    /// The favourite mark changed.
    Favourite(bool),
    /// The notes changed.
    Notes(String),
    /// An icon was chosen.
    Icon(IconChoice),
    /// The icon search changed.
    IconSearch(String),
    /// Enter in the icon search: the first icon it finds is chosen.
    IconFirst,
    /// The algorithm changed.
    Algorithm(Algorithm),
    /// The digits changed.
    Digits(String),
    /// The period changed.
    Period(String),
    /// The counter changed.
    Counter(String),
    /// Save the changes.
    Save,
    /// Ask to delete.
    Delete,
    /// Confirm the deletion.
    ConfirmDelete,
    /// Do not delete after all.
    KeepIt,
    /// Back to the list without saving.
    Back,
    /// Open the recovery codes.
    Recovery,
    /// Show the entry as a QR code (after a confirmation).
    ShowQr,
    /// Saving the change failed.
    SaveFailed(task::Error),
}

impl Message {
    /// Whether the person did this (a task's result is not input).
    pub fn is_input(&self) -> bool {
        !matches!(self, Self::SaveFailed(_))
    }
}

/// The changes to apply to an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// Which entry.
    pub id: EntryId,
    /// New issuer.
    pub issuer: String,
    /// New account name.
    pub name: String,
    /// New group.
    pub group: String,
    /// New favourite mark.
    pub favourite: bool,
    /// New notes.
    pub notes: String,
    /// New icon choice.
    pub icon: Icon,
    /// New code parameters (validated).
    pub params: Params,
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Save these changes.
    Save(Edit),
    /// Delete the entry.
    Delete(EntryId),
    /// Back to the list.
    Back,
    /// Open this entry's recovery codes.
    Recovery(EntryId),
    /// Show this entry's QR code.
    ShowQr(EntryId),
}

impl Details {
    /// The screen for `entry`, in `lang`.
    pub fn new(entry: &Entry, lang: Lang) -> Self {
        let params = entry.account.params;
        let choices = icon_choices(lang);
        let icon = choices
            .iter()
            .find(|c| c.icon == entry.icon)
            .cloned()
            // A brand this build does not know: shown as automatic, kept unless changed.
            .unwrap_or_else(|| IconChoice {
                icon: entry.icon.clone(),
                label: i18n::t(lang, Key::IconAutomatic).to_owned(),
            });
        Self {
            id: entry.id.clone(),
            label: entry.account.label(),
            kind: params.kind,
            issuer: entry.account.issuer.clone(),
            account: entry.account.name.clone(),
            group: entry.group.clone(),
            favourite: entry.favourite,
            notes: entry.notes.clone(),
            icons: choices,
            icon_search: String::new(),
            icon,
            algorithm: params.algorithm,
            digits: params.digits.to_string(),
            period: params.period.to_string(),
            counter: params.counter.to_string(),
            confirm_delete: false,
            busy: false,
            error: None,
        }
    }

    /// The entry shown.
    pub fn id(&self) -> &EntryId {
        &self.id
    }

    /// Saving or deleting failed.
    fn failed(&mut self, reason: String) {
        self.busy = false;
        self.error = Some(reason);
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

    /// The icon chosen.
    pub fn icon(&self) -> &Icon {
        &self.icon.icon
    }

    /// What the icon choice shows for the issuer typed now.
    fn icon_hint(&self, lang: Lang) -> String {
        match brand::shown(&self.icon.icon, &self.issuer, &self.account) {
            Some(b) => i18n::tf(lang, Key::IconShows, &[("brand", b.title)]),
            None => i18n::t(lang, Key::IconShowsLetter).to_owned(),
        }
    }

    /// The icon choices offered under the search field, the chosen one
    /// left out: with nothing typed, automatic, the letter and the brand
    /// the issuer matches; else the choices whose name (or a brand's slug)
    /// holds what is typed, accents and case aside, those it begins with
    /// first; at most [`ICON_CHOICES_SHOWN`].
    fn icon_matches(&self) -> Vec<&IconChoice> {
        let query = crate::vault::fold(self.icon_search.trim());
        let others = self.icons.iter().filter(|c| **c != self.icon);
        let mut found: Vec<(bool, &IconChoice)> = if query.is_empty() {
            let matching = brand::matching(&self.issuer, &self.account);
            others
                .filter(|c| match &c.icon {
                    Icon::Brand(slug) => matching.is_some_and(|b| b.slug == slug),
                    Icon::Automatic | Icon::Letter => true,
                })
                .map(|c| (false, c))
                .collect()
        } else {
            others
                .filter_map(|c| {
                    let name = crate::vault::fold(&c.label);
                    let slug = match &c.icon {
                        Icon::Brand(slug) => slug.as_str(),
                        Icon::Automatic | Icon::Letter => "",
                    };
                    (name.contains(&query) || slug.contains(&query))
                        .then(|| (!name.starts_with(&query) && !slug.starts_with(&query), c))
                })
                .collect()
        };
        // Stable: the list's own order within each kind.
        found.sort_by_key(|(later, _)| *later);
        found
            .into_iter()
            .map(|(_, c)| c)
            .take(ICON_CHOICES_SHOWN)
            .collect()
    }

    /// The icon chooser: what is chosen, a search field, and the choices it
    /// finds as buttons (each a focus stop: Tab to one, Enter chooses it).
    fn icon_chooser<'a>(&'a self, lang: Lang, focus: &Focus<Message>) -> Element<'a, Message> {
        let t = |key| i18n::t(lang, key);
        let mut chooser = column![
            text(i18n::tf(
                lang,
                Key::IconChosen,
                &[("icon", &self.icon.label)]
            ))
            .size(14),
            text(self.icon_hint(lang))
                .size(13)
                .style(theme::label::muted),
            focus.field(
                ICON_ID,
                text_input(t(Key::IconSearch), &self.icon_search)
                    .on_input(Message::IconSearch)
                    .on_submit(Message::IconFirst)
                    .padding(8),
                true,
            ),
        ]
        .spacing(6);
        // Built after the field, under which they show (Tab order).
        let mut choices = row![].spacing(6);
        let matches = self.icon_matches();
        let none = matches.is_empty();
        for (i, choice) in matches.into_iter().enumerate() {
            choices = choices.push(focus.button(
                focus::Key::indexed(ICON_CHOICE, i),
                button(text(choice.label.clone()).size(13)).style(theme::button::secondary),
                Some(Message::Icon(choice.clone())),
            ));
        }
        if none {
            chooser = chooser.push(
                text(i18n::tf(
                    lang,
                    Key::IconNoMatch,
                    &[("query", self.icon_search.trim())],
                ))
                .size(13)
                .style(theme::label::muted),
            );
        } else {
            chooser = chooser.push(choices.wrap().vertical_spacing(6));
        }
        chooser.into()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, lang: Lang) -> Action {
        self.error = None;
        match message {
            Message::SaveFailed(error) => self.failed(error.localized(lang)),
            Message::Issuer(v) => self.issuer = v,
            Message::Account(v) => self.account = v,
            Message::Group(v) => self.group = v,
            Message::Favourite(v) => self.favourite = v,
            Message::Notes(v) => self.notes = v,
            Message::Icon(v) => self.icon = v,
            Message::IconSearch(v) => self.icon_search = v,
            Message::IconFirst => {
                if let Some(first) = self.icon_matches().into_iter().next() {
                    self.icon = first.clone();
                }
            }
            Message::Algorithm(v) => self.algorithm = v,
            Message::Digits(v) => self.digits = v,
            Message::Period(v) => self.period = v,
            Message::Counter(v) => self.counter = v,
            Message::Delete => self.confirm_delete = true,
            Message::KeepIt => self.confirm_delete = false,
            Message::ConfirmDelete => {
                if !self.busy {
                    self.busy = true;
                    return Action::Delete(self.id.clone());
                }
            }
            Message::Back => return Action::Back,
            Message::Recovery => return Action::Recovery(self.id.clone()),
            Message::ShowQr => return Action::ShowQr(self.id.clone()),
            Message::Save => {
                if self.busy {
                    return Action::None;
                }
                match self.params(lang) {
                    Ok(params) => {
                        self.busy = true;
                        return Action::Save(Edit {
                            id: self.id.clone(),
                            issuer: self.issuer.trim().to_owned(),
                            name: self.account.trim().to_owned(),
                            group: self.group.trim().to_owned(),
                            favourite: self.favourite,
                            notes: self.notes.clone(),
                            icon: self.icon.icon.clone(),
                            params,
                        });
                    }
                    Err(reason) => self.error = Some(reason),
                }
            }
        }
        Action::None
    }

    /// The screen.
    pub fn view(&self, lang: Lang, focus: &Focus<Message>) -> Element<'_, Message> {
        let t = |key| i18n::t(lang, key);
        let label = |key| text(t(key)).size(14);
        let mut form = column![
            text(t(Key::DetailsTitle)).size(24),
            super::group(
                t(Key::DetailsAccountGroup),
                column![
                    column![
                        label(Key::Issuer),
                        focus.field(
                            ISSUER_ID,
                            text_input(t(Key::IssuerPlaceholder), &self.issuer)
                                .on_input(Message::Issuer)
                                .padding(8),
                            true,
                        ),
                    ]
                    .spacing(4),
                    column![
                        label(Key::AccountName),
                        focus.field(
                            ACCOUNT_ID,
                            text_input(t(Key::AccountPlaceholder), &self.account)
                                .on_input(Message::Account)
                                .padding(8),
                            true,
                        ),
                    ]
                    .spacing(4),
                    column![
                        label(Key::Group),
                        focus.field(
                            GROUP_ID,
                            text_input(t(Key::GroupPlaceholder), &self.group)
                                .on_input(Message::Group)
                                .padding(8),
                            true,
                        ),
                    ]
                    .spacing(4),
                    focus.checkbox(
                        "favourite",
                        checkbox(self.favourite).label(t(Key::Favourite)),
                        self.favourite,
                        Some(Message::Favourite),
                    ),
                    column![
                        label(Key::Notes),
                        focus.field(
                            NOTES_ID,
                            text_input(t(Key::Notes), &self.notes)
                                .on_input(Message::Notes)
                                .padding(8),
                            true,
                        ),
                    ]
                    .spacing(4),
                ],
            ),
            super::group(
                t(Key::DetailsIconGroup),
                column![label(Key::IconLabel), self.icon_chooser(lang, focus)],
            ),
            // Built here, in the order shown: the focus visits them so.
            super::group(
                t(Key::DetailsCodeGroup),
                column![super::param_fields(
                    lang,
                    self.kind,
                    self.algorithm,
                    [&self.digits, &self.period, &self.counter],
                    PARAM_MESSAGES,
                    focus,
                )]
            ),
            super::group(
                t(Key::DetailsMoreGroup),
                column![
                    row![
                        focus.button(
                            "recovery",
                            button(text(t(Key::RecoveryButton))).style(theme::button::secondary),
                            Some(Message::Recovery),
                        ),
                        focus.button(
                            "show-qr",
                            button(text(t(Key::ShowQrButton))).style(theme::button::secondary),
                            Some(Message::ShowQr),
                        ),
                    ]
                    .spacing(8)
                ],
            ),
        ]
        .spacing(16)
        .max_width(560);

        if let Some(error) = &self.error {
            form = form.push(text(error).style(theme::label::urgent));
        }
        let save = button(text(t(Key::Save)))
            .style(theme::button::primary)
            .padding([8, 16]);
        form = form.push(
            row![
                focus.button("save", save, (!self.busy).then_some(Message::Save)),
                focus.button(
                    "back",
                    button(text(t(Key::Back)))
                        .style(theme::button::secondary)
                        .padding([8, 16]),
                    Some(Message::Back),
                ),
                // The destructive action stands apart from the others.
                iced::widget::space().width(Length::Fill),
                focus.button(
                    "delete",
                    button(text(t(Key::Delete)))
                        .style(theme::button::danger)
                        .padding([8, 16]),
                    Some(Message::Delete),
                ),
            ]
            .spacing(8),
        );
        if self.confirm_delete {
            form = form.push(crate::gui::widget::confirm::view(
                i18n::tf(
                    lang,
                    Key::DeleteConfirm,
                    &[("label", &i18n::label(lang, &self.label))],
                ),
                focus.button(
                    "delete-yes",
                    button(text(t(Key::DeleteYes))).style(theme::button::danger),
                    Some(Message::ConfirmDelete),
                ),
                focus.button(
                    "delete-no",
                    button(text(t(Key::Cancel))).style(theme::button::secondary),
                    Some(Message::KeepIt),
                ),
            ));
        }
        scrollable(container(form).center_x(Length::Fill).padding(24)).into()
    }
}
