//! One account in the code list: avatar, issuer and account, the code in
//! large monospaced digits, the countdown and, in its last seconds, the next code.
//!
//! Every card of the list has the same height, whatever it shows (the list
//! is virtualised on that), and that height comes from one place,
//! [`Metrics`]: the card's shape follows the list's width in logical pixels,
//! which the text size divides (a 560 px window is 373 logical pixels wide at
//! 150 %). Where the names, the actions, the code and the countdown fit side
//! by side the card is [`Shape::Wide`] (one line, 76 px); otherwise it is
//! [`Shape::Stacked`] (the names on a line of their own, the actions, the code
//! and the countdown under them; 120 px), and there the code's size is fitted
//! to the width left. Where that would leave the code too small (the
//! smallest window at a large text size) the card is [`Shape::Narrow`]: the
//! code has a line of its own, the actions and the countdown go under it
//! (162 px). Names stay on one line each and end in "…" when they do
//! not fit ([`ellipsis`]); the tooltip and the details screen show them
//! whole. The recovery badge sits beside the issuer, and an HOTP row's counter
//! sits under its code, where a TOTP row shows the next code.
//!
//! A row is a card (`theme::row::card`: at rest, under the pointer, pressed,
//! selected, focused). Its two actions (copy, show or next code; details)
//! are icon buttons before the code, shown on the card under the pointer and
//! on the selected card; a wide card takes their room from the names, a
//! stacked one keeps a place for them under the avatar.

use iced::widget::{button, column, container, mouse_area, row, text, tooltip};
use iced::{Alignment, Element, Font, Length, font};

use super::countdown;
use super::ellipsis::ellipsis;
use super::marks::{self, Ink, Mark, Marks};
use crate::brand;
use crate::gui::focus::Focus;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::symbol::Symbol;
use crate::gui::theme;
use crate::otp::{Code, Kind, group_code};
use crate::vault::recovery::{self, Supply};
use crate::vault::{Entry, EntryId};

/// How a card arranges what it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One line: avatar, names, (actions), code, countdown.
    Wide,
    /// Two lines: avatar and names; then (actions), the code and the countdown.
    Stacked,
    /// Three lines: avatar and names; the code; (actions) and the countdown.
    Narrow,
}

/// A card's shape and size for the width it has: the one source of the
/// card's height and of the list's stride (row to row), which the visible
/// range, scrolling the selection into view and keeping the scroll position
/// across a text size change all use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// How the card is arranged.
    pub shape: Shape,
    /// The width inside the card's padding, in logical pixels.
    pub inner: f32,
}

/// The space between two cards.
pub const GAP: f32 = 6.0;
/// A wide card's height in logical pixels: the code (30 px text) and the
/// next code (13 px) under it, plus the padding.
const WIDE_HEIGHT: f32 = 76.0;
/// A stacked card's height: padding 10, the names' line 42, a 6 px gap, the
/// code's line 56 (the code and the next code or counter under it), padding 6.
const STACKED_HEIGHT: f32 = 120.0;
const NAMES_LINE: f32 = 42.0;
const CODE_LINE: f32 = 56.0;
/// A narrow card's height: a stacked card's lines, then a 6 px gap and the
/// line of the actions and the countdown (the countdown's height).
const NARROW_HEIGHT: f32 = STACKED_HEIGHT + 6.0 + countdown::SIDE;
/// The smallest a stacked card's code may be (20 px is 40 on screen at
/// 200 %); a card whose code would be smaller is narrow.
const STACKED_CODE_MIN: f32 = 20.0;
/// The card's padding at its sides.
const SIDE_PADDING: f32 = 12.0;
/// Between a wide card's parts; between a stacked card's avatar and names,
/// and between the parts of its code line.
const WIDE_SPACING: f32 = 14.0;
const STACKED_SPACING: f32 = 12.0;
const STACKED_CODE_SPACING: f32 = 8.0;
/// The narrowest the names may be in a wide card with its actions showing.
const NAMES_MIN: f32 = 140.0;
/// The code's text size, and the next code's.
const CODE_SIZE: f32 = 30.0;
const NEXT_SIZE: f32 = 13.0;
/// A monospaced digit's advance, in ems (0.6 in DejaVu Sans Mono, Liberation
/// Mono, Noto Sans Mono and most others).
const MONO_ADVANCE: f32 = 0.6;
/// Characters in the widest common code, grouped (`123 456`).
const COMMON_CODE: usize = 7;
/// The countdown's width (its slot and its square).
const COUNTDOWN: f32 = countdown::SIDE + 1.0;

impl Metrics {
    /// The shape for a card `card_width` logical pixels wide (its padding
    /// included): wide when the avatar, names at least [`NAMES_MIN`] wide,
    /// both actions, a six-digit code and the countdown fit on one line;
    /// else stacked when a six-digit code at [`STACKED_CODE_MIN`] fits
    /// beside the actions and the countdown; else narrow.
    pub fn for_card(card_width: f32) -> Self {
        let inner = (card_width - 2.0 * SIDE_PADDING).max(0.0);
        let wide = AVATAR
            + NAMES_MIN
            + ACTIONS_WIDTH
            + code_width(COMMON_CODE, CODE_SIZE)
            + COUNTDOWN
            + 4.0 * WIDE_SPACING;
        let stacked = Self {
            shape: Shape::Stacked,
            inner,
        };
        let shape = if inner >= wide {
            Shape::Wide
        } else if stacked.code_room() >= code_width(COMMON_CODE, STACKED_CODE_MIN) {
            Shape::Stacked
        } else {
            Shape::Narrow
        };
        Self { shape, inner }
    }

    /// The card's height.
    pub fn height(self) -> f32 {
        match self.shape {
            Shape::Wide => WIDE_HEIGHT,
            Shape::Stacked => STACKED_HEIGHT,
            Shape::Narrow => NARROW_HEIGHT,
        }
    }

    /// From one card's top to the next's.
    pub fn stride(self) -> f32 {
        self.height() + GAP
    }

    /// The width a stacked or narrow card leaves its code (and the next
    /// code under it): a stacked card's code line also holds the actions
    /// and the countdown, a narrow card's is the code's alone.
    fn code_room(self) -> f32 {
        match self.shape {
            Shape::Narrow => self.inner,
            Shape::Wide | Shape::Stacked => {
                (self.inner - COMPACT_ACTIONS_WIDTH - COUNTDOWN - 2.0 * STACKED_CODE_SPACING)
                    .max(0.0)
            }
        }
    }

    /// The size of a monospaced text of `chars` characters that is at most
    /// `size`: smaller in a stacked or narrow card when it would not fit
    /// its room.
    fn fitted(self, chars: usize, size: f32) -> f32 {
        match self.shape {
            Shape::Wide => size,
            #[allow(clippy::cast_precision_loss)]
            Shape::Stacked | Shape::Narrow => size
                .min((self.code_room() / (chars.max(1) as f32 * MONO_ADVANCE)).floor())
                .max(8.0),
        }
    }

    /// The names' width: what is left beside the avatar, the actions (when
    /// shown), the code and the countdown.
    fn names_width(self, actions: bool) -> f32 {
        match self.shape {
            Shape::Wide => {
                let actions = if actions {
                    ACTIONS_WIDTH + WIDE_SPACING
                } else {
                    0.0
                };
                self.inner
                    - AVATAR
                    - actions
                    - code_width(COMMON_CODE, CODE_SIZE)
                    - COUNTDOWN
                    - 3.0 * WIDE_SPACING
            }
            Shape::Stacked | Shape::Narrow => self.inner - AVATAR - STACKED_SPACING,
        }
        .max(0.0)
    }
}

impl Default for Metrics {
    /// A card in the default window (560 px) at 100 %.
    fn default() -> Self {
        Self::for_card(504.0)
    }
}

/// The width of `chars` monospaced characters at `size`.
#[allow(clippy::cast_precision_loss)]
fn code_width(chars: usize, size: f32) -> f32 {
    chars as f32 * size * MONO_ADVANCE
}

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
    /// Its shape and size (the same for every card of the list).
    pub metrics: Metrics,
}

/// The focus key of the selected card's "Next code" action.
pub const NEXT_KEY: &str = "row-next";
/// The focus key of the selected card's "Details" action.
pub const DETAILS_KEY: &str = "row-details";

/// The avatar's side: a letter on a coloured square, or a brand icon.
pub const AVATAR: f32 = 40.0;

/// A brand icon's side, centred in the avatar's square.
pub const GLYPH: f32 = 28.0;

/// Names longer than this many characters may be shortened at the default
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
    /// Every action a card can offer.
    pub const ALL: [Self; 4] = [Self::Copy, Self::Reveal, Self::Next, Self::Details];

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
/// Both actions side by side, each in its focus ring, with the gap between
/// them (80 px).
const ACTIONS_WIDTH: f32 =
    2.0 * (ACTION_SYMBOL + 2.0 * ACTION_PADDING + 2.0 * theme::RING_PADDING) + ACTION_GAP;
/// The same in a stacked card (under the avatar): 62 px for both actions.
const COMPACT_SYMBOL: f32 = 16.0;
const COMPACT_PADDING: f32 = 4.0;
const COMPACT_GAP: f32 = 2.0;
const COMPACT_ACTIONS_WIDTH: f32 =
    2.0 * (COMPACT_SYMBOL + 2.0 * COMPACT_PADDING + 2.0 * theme::RING_PADDING) + COMPACT_GAP;

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
/// ([`marks::layer`] over `marks`). It is `row_data.metrics`'s height, in
/// that shape.
/// `focus` builds the card's actions (the selected card's are tab stops
/// after the list; a card shown under the pointer uses [`Focus::inert`]:
/// its actions are not stops, but a press on one is noted).
pub fn view<'a, Message: Clone + 'static>(
    lang: Lang,
    row_data: Row<'a>,
    messages: Messages<Message>,
    marks: &Marks,
    focus: &Focus<Message>,
) -> Element<'a, Message> {
    let entry = row_data.entry;
    let metrics = row_data.metrics;
    // Stacked and narrow cards alike keep the names on a line of their own
    // and the actions compact.
    let stacked = metrics.shape != Shape::Wide;
    let avatar = avatar(entry, row_data.selected, marks);
    let shows_actions = row_data.selected || row_data.hovered;

    let issuer = if entry.account.issuer.is_empty() {
        i18n::t(lang, Key::NoIssuer).to_owned()
    } else {
        entry.account.issuer.clone()
    };
    let star = if entry.favourite { "★ " } else { "" };
    let mut title = row![ellipsis(format!("{star}{issuer}"), ISSUER_SIZE).font(BOLD)]
        .spacing(8)
        .align_y(Alignment::Center);
    let badge = match recovery::supply(entry) {
        Supply::Few(n) => Some(i18n::tf(lang, Key::RecoveryFew, &[("n", &n.to_string())])),
        Supply::Exhausted => Some(i18n::t(lang, Key::RecoveryExhausted).to_owned()),
        Supply::None | Supply::Enough(_) => None,
    };
    if let Some(badge) = badge {
        // Shortened like the names when the column is narrow: the issuer
        // keeps at least 40 px (or half the column).
        let names = metrics.names_width(shows_actions && !stacked);
        let most = (names - 40.0).max(names / 2.0);
        title = title.push(
            container(ellipsis(badge, 11.0).width(Length::Shrink))
                .padding([1, 6])
                .max_width(most)
                .style(theme::boxed::error),
        );
    }
    // Long names (an e-mail address is one long word) end in "…" at the
    // column's edge rather than run under the code; the tooltip and the
    // details screen show them whole.
    let names = column![
        title,
        ellipsis(entry.account.name.as_str(), NAME_SIZE).style(theme::label::muted),
    ]
    .spacing(2);
    let names = container(names).width(Length::Fill);
    // Names long enough to be shortened show whole in a tooltip after a moment.
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

    let code_column = code_column(lang, &row_data, metrics);
    let countdown = match &row_data.code {
        Some(Code {
            remaining: Some(remaining),
            period: Some(period),
            ..
        }) => Some(countdown::view(marks, *remaining, *period)),
        _ => None,
    };
    // The actions show on the card under the pointer and on the selected
    // one (so the keyboard reaches them too), before the code, so the code
    // and the countdown never move.
    let strip = shows_actions.then(|| {
        let gap = if stacked { COMPACT_GAP } else { ACTION_GAP };
        let mut strip = row![].spacing(gap).align_y(Alignment::Center);
        for (action, message) in messages.actions {
            strip = strip.push(action_button(
                lang, &entry.id, action, message, marks, stacked, focus,
            ));
        }
        strip
    });

    let (body, padding): (Element<'a, Message>, _) = match metrics.shape {
        Shape::Wide => {
            let mut body = row![avatar, names]
                .spacing(WIDE_SPACING)
                .align_y(Alignment::Center);
            if let Some(strip) = strip {
                body = body.push(strip);
            }
            body = body.push(code_column);
            if let Some(countdown) = countdown {
                body = body.push(countdown);
            }
            // The content sits a little below the middle's top so that the
            // next code, which shows under the code in the last seconds,
            // still fits.
            (body.into(), [16.0, SIDE_PADDING, 4.0, SIDE_PADDING])
        }
        Shape::Stacked => {
            let first = row![avatar, names]
                .spacing(STACKED_SPACING)
                .align_y(Alignment::Center)
                .height(NAMES_LINE);
            // A place for the actions under the avatar, shown or not.
            let actions = container(strip.map_or_else(|| Element::from(row![]), Element::from))
                .width(COMPACT_ACTIONS_WIDTH)
                .height(CODE_SIZE * 1.3)
                .align_y(Alignment::Center);
            let mut second = row![actions, code_column]
                .spacing(STACKED_CODE_SPACING)
                .height(CODE_LINE);
            if let Some(countdown) = countdown {
                second = second.push(
                    container(countdown)
                        .height(CODE_SIZE * 1.3)
                        .align_y(Alignment::Center),
                );
            }
            (
                column![first, second].spacing(6).into(),
                [10.0, SIDE_PADDING, 6.0, SIDE_PADDING],
            )
        }
        Shape::Narrow => {
            let first = row![avatar, names]
                .spacing(STACKED_SPACING)
                .align_y(Alignment::Center)
                .height(NAMES_LINE);
            let second = container(code_column).width(Length::Fill).height(CODE_LINE);
            // A place for the actions under the code, shown or not, and the
            // countdown at the end of the line.
            let actions = container(strip.map_or_else(|| Element::from(row![]), Element::from))
                .width(Length::Fill)
                .height(countdown::SIDE)
                .align_y(Alignment::Center);
            let mut third = row![actions].height(countdown::SIDE);
            if let Some(countdown) = countdown {
                third = third.push(countdown);
            }
            (
                column![first, second, third].spacing(6).into(),
                [10.0, SIDE_PADDING, 6.0, SIDE_PADDING],
            )
        }
    };
    let [top, right, bottom, left] = padding;
    let card = button(body)
        .padding(iced::Padding {
            top,
            right,
            bottom,
            left,
        })
        .width(Length::Fill)
        .height(metrics.height())
        .style(theme::row::card(row_data.selected, row_data.focused))
        .on_press(messages.activate);
    mouse_area(card)
        .on_enter(messages.enter)
        .on_exit(messages.exit)
        .into()
}

/// The code (or what stands for it while hidden), with the next code or an
/// HOTP counter under it; in a stacked card fitted to the width it has
/// ([`Metrics::fitted`]), a hidden code's hint wrapped there.
fn code_column<'a, Message: 'a>(
    lang: Lang,
    row_data: &Row<'a>,
    metrics: Metrics,
) -> Element<'a, Message> {
    let entry = row_data.entry;
    let stacked = metrics.shape != Shape::Wide;
    let urgent = row_data
        .code
        .as_ref()
        .and_then(|c| c.remaining)
        .is_some_and(countdown::is_urgent);
    let (shown, size) = match &row_data.code {
        Some(code) => {
            let grouped = code.grouped();
            let size = metrics.fitted(grouped.chars().count(), CODE_SIZE);
            (grouped, size)
        }
        None if entry.account.params.kind == Kind::Hotp => {
            let dashes = String::from("––– –––");
            let size = metrics.fitted(dashes.chars().count(), CODE_SIZE);
            (dashes, size)
        }
        None if stacked => (i18n::t(lang, Key::HiddenCode).to_owned(), NEXT_SIZE),
        None => (i18n::t(lang, Key::HiddenCode).to_owned(), 16.0),
    };
    let code = text(shown)
        .size(size)
        .font(Font::MONOSPACE)
        .style(if urgent {
            theme::label::urgent
        } else {
            text::default
        });
    let code = if stacked {
        // In its line's height, centred like the countdown beside it.
        container(
            code.wrapping(text::Wrapping::WordOrGlyph)
                .align_x(iced::alignment::Horizontal::Right),
        )
        .width(Length::Fill)
        .height(if row_data.code.is_some() {
            Length::Fixed(CODE_SIZE * 1.3)
        } else {
            Length::Shrink
        })
        .align_x(Alignment::End)
        .align_y(Alignment::Center)
    } else {
        container(code)
    };
    let mut column = column![code].align_x(Alignment::End);
    if stacked {
        column = column.width(Length::Fill);
    }
    if let Some(next_code) = &row_data.next {
        let next = i18n::tf(
            lang,
            Key::NextCodeSmall,
            &[("code", &group_code(next_code))],
        );
        let size = metrics.fitted(next.chars().count(), NEXT_SIZE);
        column = column.push(
            text(next)
                .size(size)
                .font(Font::MONOSPACE)
                .wrapping(text::Wrapping::None)
                .style(theme::label::muted),
        );
    } else if entry.account.params.kind == Kind::Hotp {
        column = column.push(
            text(i18n::tf(
                lang,
                Key::CounterLabel,
                &[("counter", &entry.account.params.counter.to_string())],
            ))
            .size(NEXT_SIZE)
            .style(theme::label::muted),
        );
    }
    column.into()
}
