//! One account in the code list: avatar, issuer and account, the code in
//! large monospaced digits, the countdown and, in its last seconds, the next code.
//!
//! Every row has the same height, [`HEIGHT`], whatever it shows (the list is
//! virtualised on that): names stay on one line each and are clipped at their
//! column, the recovery badge sits beside the issuer, and an HOTP row's
//! counter sits under its code, where a TOTP row shows the next code.

use iced::widget::{button, column, container, row, text, tooltip};
use iced::{Alignment, Element, Font, Length, font};

use super::countdown;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::theme;
use crate::otp::{Code, Kind, group_code};
use crate::vault::Entry;
use crate::vault::recovery::{self, Supply};

/// What a row shows.
#[derive(Debug)]
pub struct Row<'a> {
    /// The account.
    pub entry: &'a Entry,
    /// The code to show; `None` while hidden (or an HOTP code not asked for yet).
    pub code: Option<Code>,
    /// The next code, in the last seconds of a time-based one.
    pub next: Option<String>,
    /// Whether the keyboard selection is on this row.
    pub selected: bool,
}

/// A row's height in logical pixels: the code (30 px text) and the next code
/// (13 px) under it, plus the padding.
pub const HEIGHT: f32 = 76.0;

/// Names longer than this many characters may be clipped at the default
/// window width, so they get a tooltip with the whole text.
const LONG_NAME: usize = 18;

/// The bold face used for issuers.
const BOLD: Font = Font {
    weight: font::Weight::Bold,
    ..Font::DEFAULT
};

/// The initial shown in the avatar.
pub fn initial(entry: &Entry) -> String {
    let name = if entry.account.issuer.is_empty() {
        &entry.account.name
    } else {
        &entry.account.issuer
    };
    name.chars()
        .find(|c| c.is_alphanumeric())
        .map_or_else(|| String::from("?"), |c| c.to_uppercase().collect())
}

/// The row: clicking it sends `copy`; HOTP rows get a "Next code" button.
pub fn view<'a, Message: Clone + 'a>(
    lang: Lang,
    row_data: Row<'a>,
    copy: Message,
    next: Option<Message>,
    details: Message,
) -> Element<'a, Message> {
    let entry = row_data.entry;
    let issuer_key = if entry.account.issuer.is_empty() {
        entry.account.name.as_str()
    } else {
        entry.account.issuer.as_str()
    };
    let avatar = container(text(initial(entry)).size(18).font(BOLD))
        .center(Length::Fixed(40.0))
        .style(theme::boxed::avatar(theme::avatar_index(issuer_key)));

    let issuer = if entry.account.issuer.is_empty() {
        i18n::t(lang, Key::NoIssuer).to_owned()
    } else {
        entry.account.issuer.clone()
    };
    let star = if entry.favourite { "★ " } else { "" };
    let mut title = row![
        text(format!("{star}{issuer}"))
            .size(16)
            .font(BOLD)
            .wrapping(text::Wrapping::None)
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    let badge = match recovery::supply(entry) {
        Supply::Few(n) => Some(i18n::tf(lang, Key::RecoveryFew, &[("n", &n.to_string())])),
        Supply::Exhausted => Some(i18n::t(lang, Key::RecoveryExhausted).to_owned()),
        Supply::None | Supply::Enough(_) => None,
    };
    if let Some(badge) = badge {
        title = title.push(
            container(text(badge).size(11).wrapping(text::Wrapping::None))
                .padding([1, 6])
                .style(theme::boxed::error),
        );
    }
    // Long names (an e-mail address is one long word) are clipped at the
    // column's edge rather than run under the code; the details screen shows
    // them whole.
    let names = column![
        title,
        text(&entry.account.name)
            .size(14)
            .style(theme::label::muted)
            .wrapping(text::Wrapping::None),
    ]
    .spacing(2);

    let urgent = row_data
        .code
        .as_ref()
        .and_then(|c| c.remaining)
        .is_some_and(countdown::is_urgent);
    let shown = match &row_data.code {
        Some(code) => code.grouped(),
        None if entry.account.params.kind == Kind::Hotp => String::from("––– –––"),
        None => i18n::t(lang, Key::HiddenCode).to_owned(),
    };
    let code_size = if row_data.code.is_some() { 30 } else { 16 };
    let mut code_column =
        column![
            text(shown)
                .size(code_size)
                .font(Font::MONOSPACE)
                .style(if urgent {
                    theme::label::urgent
                } else {
                    text::default
                })
        ]
        .align_x(Alignment::End);
    if let Some(next_code) = &row_data.next {
        code_column = code_column.push(
            text(i18n::tf(
                lang,
                Key::NextCodeSmall,
                &[("code", &group_code(next_code))],
            ))
            .size(13)
            .font(Font::MONOSPACE)
            .style(theme::label::muted),
        );
    } else if entry.account.params.kind == Kind::Hotp {
        code_column = code_column.push(
            text(i18n::tf(
                lang,
                Key::CounterLabel,
                &[("counter", &entry.account.params.counter.to_string())],
            ))
            .size(13)
            .style(theme::label::muted),
        );
    }

    let names = container(names).width(Length::Fill).clip(true);
    // Names long enough to be clipped show whole in a tooltip after a moment.
    let names: Element<'a, Message> = if entry.account.issuer.chars().count() > LONG_NAME
        || entry.account.name.chars().count() > LONG_NAME
    {
        let whole = format!("{}\n{}", entry.account.issuer, entry.account.name);
        tooltip(
            names,
            container(text(whole).size(13))
                .padding([4, 8])
                .style(theme::boxed::toast),
            tooltip::Position::Bottom,
        )
        .delay(std::time::Duration::from_millis(600))
        .into()
    } else {
        names.into()
    };
    let mut body = row![avatar, names, code_column]
        .spacing(14)
        .align_y(Alignment::Center);
    if let Some(Code {
        remaining: Some(remaining),
        period: Some(period),
        ..
    }) = &row_data.code
    {
        body = body.push(countdown::view(*remaining, *period));
    }

    let main = button(body)
        .padding(10)
        .width(Length::Fill)
        .height(HEIGHT)
        .style(if row_data.selected {
            theme::row::selected
        } else {
            theme::row::normal
        })
        .on_press(copy);

    let mut line = row![main].spacing(6).align_y(Alignment::Center);
    if let Some(next) = next {
        line = line.push(
            button(text(i18n::t(lang, Key::NextCode)).size(14))
                .style(theme::button::secondary)
                .on_press(next),
        );
    }
    line = line.push(
        button(text(i18n::t(lang, Key::Details)).size(14))
            .style(theme::button::text)
            .on_press(details),
    );
    line.into()
}
