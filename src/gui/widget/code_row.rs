//! One account in the code list: avatar, issuer and account, the code in
//! large monospaced digits, the countdown and, in its last seconds, the next code.
//!
//! Every row has the same height, [`HEIGHT`], whatever it shows (the list is
//! virtualised on that): names stay on one line each and are clipped at their
//! column, the recovery badge sits beside the issuer, and an HOTP row's
//! counter sits under its code, where a TOTP row shows the next code.
//!
//! A row is a card (`theme::row::card`: at rest, under the pointer, pressed,
//! selected, focused). Its two actions (copy, show or next code; details)
//! are icon buttons before the code, shown on the card under the pointer and
//! on the selected card; they take their room from the names.

use iced::widget::{button, column, container, mouse_area, row, text, tooltip};
use iced::{Alignment, Element, Font, Length, font};

use super::countdown;
use super::marks::{self, Ink, Mark, Marks};
use crate::brand;
use crate::gui::focus::Focus;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::symbol::Symbol;
use crate::gui::theme;
use crate::otp::{Code, Kind, group_code};
use crate::vault::recovery::{self, Supply};
use crate::vault::{Entry, EntryId};

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
    /// Whether the pointer is over it.
    pub hovered: bool,
    /// Whether the list has the keyboard focus (with its ring) and this row
    /// is the selected one.
    pub focused: bool,
    /// Whether its actions take the names' place when they show (large
    /// text, where both do not fit).
    pub compact: bool,
}

/// The focus key of the selected card's "Next code" action.
pub const NEXT_KEY: &str = "row-next";
/// The focus key of the selected card's "Details" action.
pub const DETAILS_KEY: &str = "row-details";

/// A row's height in logical pixels: the code (30 px text) and the next code
/// (13 px) under it, plus the padding.
pub const HEIGHT: f32 = 76.0;

/// The avatar's side: a letter on a coloured square, or a brand icon.
pub const AVATAR: f32 = 40.0;

/// A brand icon's side, centred in the avatar's square.
pub const GLYPH: f32 = 28.0;

/// Names longer than this many characters may be clipped at the default
/// window width, so they get a tooltip with the whole text.
const LONG_NAME: usize = 18;

/// The bold face used for issuers.
const BOLD: Font = Font {
    weight: font::Weight::Bold,
    ..Font::DEFAULT
};

/// The issuer's text size.
const ISSUER_SIZE: f32 = 16.0;

/// The account name's text size.
const NAME_SIZE: f32 = 14.0;

/// One line of text that ends at its column's edge: wrapped between any two
/// characters, in a box one line high, so only the first line is laid out
/// and drawn. It looks like a name clipped at the edge (cut between
/// characters rather than through one), without a clipping layer: in
/// tiny-skia a layer, and any text running out of its layer, clears and
/// refills a mask the size of the window on every frame.
fn one_line<'a>(content: impl text::IntoFragment<'a>, size: f32) -> iced::widget::Text<'a> {
    let line = text::LineHeight::default();
    text(content)
        .size(size)
        .line_height(line)
        .wrapping(text::Wrapping::Glyph)
        .height(Length::Fixed(line.to_absolute(size.into()).0))
}

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

/// The avatar: the entry's brand icon ([`brand::for_entry`]), drawn by the
/// list around it, or the letter on a coloured square.
fn avatar<'a, Message: 'a>(entry: &Entry, selected: bool, marks: &Marks) -> Element<'a, Message> {
    if let Some(brand) = brand::for_entry(entry) {
        return container(marks::slot(
            marks,
            Mark::Brand { brand, selected },
            GLYPH,
            GLYPH,
        ))
        .center(Length::Fixed(AVATAR))
        .into();
    }
    let issuer_key = if entry.account.issuer.is_empty() {
        entry.account.name.as_str()
    } else {
        entry.account.issuer.as_str()
    };
    container(text(initial(entry)).size(18).font(BOLD))
        .center(Length::Fixed(AVATAR))
        .style(theme::boxed::avatar(theme::avatar_index(issuer_key)))
        .into()
}

/// One of a card's actions, shown on the card under the pointer and on the
/// selected card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    /// Copy the code shown.
    Copy,
    /// Show a hidden code (without copying it).
    Reveal,
    /// Advance an HOTP counter and show the new code.
    Next,
    /// Open the details (edit, recovery codes, QR, delete).
    Details,
}

impl RowAction {
    /// Its symbol.
    pub const fn symbol(self) -> Symbol {
        match self {
            Self::Copy => Symbol::Copy,
            Self::Reveal => Symbol::Reveal,
            Self::Next => Symbol::Next,
            Self::Details => Symbol::Edit,
        }
    }

    /// Its name, shown in its tooltip.
    pub const fn key(self) -> Key {
        match self {
            Self::Copy => Key::RowCopy,
            Self::Reveal => Key::RowReveal,
            Self::Next => Key::NextCode,
            Self::Details => Key::Details,
        }
    }

    /// Its focus key on the selected card (its actions are tab stops
    /// after the list).
    pub const fn focus_key(self) -> &'static str {
        match self {
            Self::Copy => "row-copy",
            Self::Reveal => "row-reveal",
            Self::Next => NEXT_KEY,
            Self::Details => DETAILS_KEY,
        }
    }

    const fn slug(self) -> &'static str {
        match self {
            Self::Copy => "copy",
            Self::Reveal => "reveal",
            Self::Next => "next",
            Self::Details => "details",
        }
    }
}

/// The widget id of `action` on the card of entry `id` (tests click it).
pub fn action_id(action: RowAction, id: &EntryId) -> String {
    format!("row-{}-{id}", action.slug())
}

/// The side of an action's symbol, and of its button.
const ACTION_SYMBOL: f32 = 18.0;
const ACTION_PADDING: f32 = 7.0;
const ACTION_GAP: f32 = 4.0;
/// The same with large text ([`Row::compact`]): 50 px for both actions.
const COMPACT_SYMBOL: f32 = 16.0;
const COMPACT_PADDING: f32 = 4.0;
const COMPACT_GAP: f32 = 2.0;

/// The messages a card sends.
#[derive(Clone, Debug)]
pub struct Messages<Message> {
    /// A click on the card (copy; reveal and copy a hidden code; advance an
    /// HOTP counter whose code was not asked for yet).
    pub activate: Message,
    /// The pointer came onto the card.
    pub enter: Message,
    /// The pointer left it.
    pub exit: Message,
    /// Each action the card offers now, with its message (two of them).
    pub actions: Vec<(RowAction, Message)>,
}

/// The actions a card offers: the first depends on what it shows (an HOTP
/// counter to advance, a hidden code to show, or a code to copy), the second
/// always opens the details.
pub fn actions_for(entry: &Entry, shows_code: bool) -> [RowAction; 2] {
    let first = if entry.account.params.kind == Kind::Hotp {
        RowAction::Next
    } else if shows_code {
        RowAction::Copy
    } else {
        RowAction::Reveal
    };
    [first, RowAction::Details]
}

/// An action's icon button, with its name in a tooltip; the symbol is drawn
/// by the list's layer over `marks`, like the rings.
fn action_button<'a, Message: Clone + 'static>(
    lang: Lang,
    entry: &EntryId,
    action: RowAction,
    message: Message,
    marks: &Marks,
    compact: bool,
    focus: &Focus<Message>,
) -> Element<'a, Message> {
    let (side, padding) = if compact {
        (COMPACT_SYMBOL, COMPACT_PADDING)
    } else {
        (ACTION_SYMBOL, ACTION_PADDING)
    };
    let symbol = marks::slot(
        marks,
        Mark::Symbol {
            symbol: action.symbol(),
            on: Ink::Secondary,
        },
        side,
        side,
    );
    let control = button(symbol).padding(padding).style(theme::button::icon);
    let control = focus.button(action.focus_key(), control, Some(message));
    tooltip(
        container(control).id(action_id(action, entry)),
        container(text(i18n::t(lang, action.key())).size(13))
            .padding([4, 8])
            .style(theme::boxed::toast),
        tooltip::Position::Top,
    )
    .gap(4)
    .delay(std::time::Duration::from_millis(500))
    .into()
}

/// The card: clicking it sends `activate`; its actions show while it is
/// under the pointer (`row_data.hovered`) or selected. Its countdown, brand
/// icon and action symbols are drawn by the list around it
/// ([`marks::layer`] over `marks`).
/// `focus` builds the card's actions (the selected card's are tab stops
/// after the list; a card shown under the pointer uses [`Focus::inert`]).
pub fn view<'a, Message: Clone + 'static>(
    lang: Lang,
    row_data: Row<'a>,
    messages: Messages<Message>,
    marks: &Marks,
    focus: &Focus<Message>,
) -> Element<'a, Message> {
    let entry = row_data.entry;
    let avatar = avatar(entry, row_data.selected, marks);

    let issuer = if entry.account.issuer.is_empty() {
        i18n::t(lang, Key::NoIssuer).to_owned()
    } else {
        entry.account.issuer.clone()
    };
    let star = if entry.favourite { "★ " } else { "" };
    let mut title = row![
        one_line(format!("{star}{issuer}"), ISSUER_SIZE)
            .font(BOLD)
            .width(Length::Fill)
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    let badge = match recovery::supply(entry) {
        Supply::Few(n) => Some(i18n::tf(lang, Key::RecoveryFew, &[("n", &n.to_string())])),
        Supply::Exhausted => Some(i18n::t(lang, Key::RecoveryExhausted).to_owned()),
        Supply::None | Supply::Enough(_) => None,
    };
    let has_badge = badge.is_some();
    if let Some(badge) = badge {
        title = title.push(
            container(text(badge).size(11).wrapping(text::Wrapping::None))
                .padding([1, 6])
                .style(theme::boxed::error),
        );
    }
    // Long names (an e-mail address is one long word) end at the column's
    // edge rather than run under the code; the tooltip and the details
    // screen show them whole.
    let names = column![
        title,
        one_line(entry.account.name.as_str(), NAME_SIZE).style(theme::label::muted),
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

    // Names end at the column's edge by themselves ([`one_line`]); only a
    // recovery badge, which keeps its size, needs clipping in a narrow window.
    // (A clip is a layer of its own, and tiny-skia clears a window-sized
    // mask for every layer on every frame.)
    let names = container(names).width(Length::Fill).clip(has_badge);
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
    // The actions show on the card under the pointer and on the selected
    // one (so the keyboard reaches them too), between the names and the
    // code: they take their room from the names (all of it with large
    // text), so the code and the countdown never move.
    let shows_actions = row_data.selected || row_data.hovered;
    let mut body = row![avatar].spacing(14).align_y(Alignment::Center);
    if !(shows_actions && row_data.compact) {
        body = body.push(names);
    }
    if shows_actions {
        let gap = if row_data.compact {
            COMPACT_GAP
        } else {
            ACTION_GAP
        };
        let mut strip = row![].spacing(gap).align_y(Alignment::Center);
        for (action, message) in messages.actions {
            strip = strip.push(action_button(
                lang,
                &entry.id,
                action,
                message,
                marks,
                row_data.compact,
                focus,
            ));
        }
        body = body.push(if row_data.compact {
            container(strip).width(Length::Fill)
        } else {
            container(strip)
        });
    }
    body = body.push(code_column);
    if let Some(Code {
        remaining: Some(remaining),
        period: Some(period),
        ..
    }) = &row_data.code
    {
        body = body.push(countdown::view(marks, *remaining, *period));
    }

    // The content sits a little below the middle's top so that the next
    // code, which shows under the code in the last seconds, still fits.
    let card = button(body)
        .padding(iced::Padding {
            top: 16.0,
            right: 12.0,
            bottom: 4.0,
            left: 12.0,
        })
        .width(Length::Fill)
        .height(HEIGHT)
        .style(theme::row::card(row_data.selected, row_data.focused))
        .on_press(messages.activate);
    mouse_area(card)
        .on_enter(messages.enter)
        .on_exit(messages.exit)
        .into()
}
