//! The code list: favourites first then by issuer, type-to-search over issuer,
//! account and group, Up/Down to move the selection, Enter or a click to copy.
//!
//! The list is virtualised: rows have one height, and only the rows in the
//! scrolled viewport (plus a few either side) are built; spacers stand in for
//! the rest. A list of 1,000 accounts therefore costs what one screenful
//! costs on every one-second tick (see `docs/gui.md`). The rows' height and
//! stride come from [`code_row::Metrics`] for the list's width, which the list
//! reports from its first frame on and after every resize ([`Scroll`]); the
//! visible range, scrolling the selection into view and the offset kept
//! across a text size change all read that one source.

use crate::gui::focus::{self, Focus};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};

use iced::widget::{
    button, column, container, row, scrollable, sensor, space, text, text_input, tooltip,
};
use iced::{Alignment, Element, Length};

use crate::clock::Timestamp;
use crate::gui::clock::ClockWarning;
use crate::gui::event::Hotkey;
use crate::gui::i18n::{self, Key, Lang};
use crate::gui::symbol::Symbol;
use crate::gui::theme;
use crate::gui::widget::code_row::RowAction;
use crate::gui::widget::marks::{self, Ink, Mark, Marks};
use crate::gui::widget::{code_row, countdown};
use crate::otp::Kind;
use crate::vault::{Entry, EntryId, display_key};

/// The search field's id.
pub const SEARCH_ID: &str = "codes-search";
/// The focus key of the list (one tab stop for every row).
pub const LIST_KEY: &str = "list";

/// The list's id (for scrolling the selection into view).
pub const LIST_ID: &str = "codes-list";
/// The header's "Add account" button (an icon; its name is a tooltip).
pub const ADD_ID: &str = "codes-add";
/// The header's "Move to phone" button.
pub const EXPORT_ID: &str = "codes-export";
/// The header's "Settings" button.
pub const SETTINGS_ID: &str = "codes-settings";
/// The header's "Lock" button.
pub const LOCK_ID: &str = "codes-lock";
/// How long the pointer rests on a header button before its name shows.
pub const TOOLTIP_DELAY: std::time::Duration = std::time::Duration::from_millis(500);
/// The side of a header button's symbol.
const SYMBOL: f32 = 20.0;
/// A header button's padding round its symbol, and between the buttons;
/// smaller when the four would not fit the page's width otherwise.
const HEADER_PADDING: f32 = 8.0;
const HEADER_PADDING_COMPACT: f32 = 4.0;
/// The four header buttons side by side (each in its focus ring).
const HEADER_BUTTONS: f32 =
    4.0 * (SYMBOL + 2.0 * HEADER_PADDING + 2.0 * theme::RING_PADDING) + 3.0 * HEADER_PADDING;
/// The room the app's name needs beside them ("Tessera" at 24 px is about
/// 84 px wide), with the space between.
const TITLE_ROOM: f32 = 104.0;
/// The password field of the banner about a conflict copy under another password.
pub const COPY_PASSWORD_ID: &str = "codes-copy-password";
/// The space around the screen's content.
pub const PAGE_PADDING: f32 = 16.0;
/// The list's inset at each side (room for the scroll bar).
pub const LIST_INSET: f32 = 12.0;
/// The default window's width ([`crate::gui::run`]'s), before any text size.
pub const DEFAULT_WINDOW_WIDTH: f32 = 560.0;
/// The smallest window the app allows, in physical pixels (at 200 % it is
/// 190 x 210 logical pixels).
pub const MIN_WINDOW: (f32, f32) = (380.0, 420.0);
/// Rows built beyond each edge of the viewport, so that a fast scroll never
/// shows a blank before the next view.
const OVERSCAN: usize = 4;
/// The viewport height assumed until the list reports its own (after its
/// first frame): taller than most windows, so no row is left out before.
const INITIAL_VIEWPORT: f32 = 1200.0;

/// The list's state (kept while other screens are open over it).
#[derive(Debug, Default)]
pub struct Codes {
    query: String,
    selected: Option<EntryId>,
    /// Rows clicked while codes are hidden, and HOTP rows whose code was asked for.
    revealed: HashSet<EntryId>,
    /// The card under the pointer (its actions show).
    hovered: Option<EntryId>,
    /// Where the list is scrolled to and how tall its viewport is, as last
    /// reported by the list (or set when the app scrolled it).
    scroll: Scroll,
    /// What is typed in the conflict copy's password field (cleared on submit).
    copy_password: super::Typed,
}

/// The list's vertical scroll position and viewport size, in logical pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scroll {
    /// The content's offset at the viewport's top.
    pub offset: f32,
    /// The viewport's height.
    pub height: f32,
    /// The viewport's width (the cards' shape follows it).
    pub width: f32,
}

impl Default for Scroll {
    fn default() -> Self {
        Self::at_text_scale(1.0)
    }
}

impl Scroll {
    /// What the list is assumed to be before it reports itself: the top of
    /// a list in the default window at this text size (`scale`: 1.5 for 150 %).
    pub fn at_text_scale(scale: f32) -> Self {
        Self {
            offset: 0.0,
            height: INITIAL_VIEWPORT,
            width: DEFAULT_WINDOW_WIDTH / scale.max(0.1) - 2.0 * PAGE_PADDING,
        }
    }

    /// The cards' shape and size in a list this wide: the one source of the
    /// rows' height and stride.
    pub fn metrics(self) -> code_row::Metrics {
        code_row::Metrics::for_card(self.width - 2.0 * LIST_INSET)
    }

    /// The rows to build for a list of `len` rows: the visible ones plus
    /// [`OVERSCAN`] either side, as a half-open index range.
    pub fn window(self, len: usize) -> std::ops::Range<usize> {
        let stride = self.metrics().stride();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let (top, fits) = (
            (self.offset.max(0.0) / stride).floor() as usize,
            (self.height.max(0.0) / stride).ceil() as usize + 1,
        );
        // A stale offset past the end (the list just got shorter) still shows its last rows.
        let top = top.min(len.saturating_sub(fits));
        let first = top.saturating_sub(OVERSCAN);
        let last = (top + fits + OVERSCAN).min(len);
        first..last
    }

    /// The offset that brings row `index` fully into view, if it is not.
    fn reveal(self, index: usize) -> Option<f32> {
        let metrics = self.metrics();
        #[allow(clippy::cast_precision_loss)]
        let top = index as f32 * metrics.stride();
        let bottom = top + metrics.height();
        if top < self.offset {
            Some(top)
        } else if bottom > self.offset + self.height {
            Some((bottom - self.height).max(0.0))
        } else {
            None
        }
    }

    /// The same viewport after the list's size changed to `size`, scrolled
    /// so that the row at its top stays there (and as much of it shows)
    /// when the rows' stride changed with the width.
    fn resized(self, size: iced::Size) -> Self {
        let old = self.metrics().stride();
        let mut new = Self {
            height: size.height,
            width: size.width,
            ..self
        };
        new.offset = self.offset / old * new.metrics().stride();
        new
    }
}

/// What the user does here.
#[derive(Clone, Debug)]
pub enum Message {
    /// The search text changed.
    Query(String),
    /// A row was clicked.
    Activate(EntryId),
    /// Enter in the search field.
    Submit,
    /// "Next code" on an HOTP row.
    Next(EntryId),
    /// "Details" on a row.
    Details(EntryId),
    /// "Copy" on a row.
    Copy(EntryId),
    /// "Show the code" on a row while codes are hidden.
    Reveal(EntryId),
    /// The pointer came onto a card (`Some`) or left this one.
    Hovered(Option<EntryId>),
    /// The pointer left this card.
    Unhovered(EntryId),
    /// "Paste a screenshot" in the empty list (also Ctrl+V).
    Paste,
    /// "Scan the screen" in the empty list (also Ctrl+Shift+S).
    ScanScreen,
    /// "Import from another app" in the empty list.
    Import,
    /// "Add account".
    Add,
    /// "Settings".
    Settings,
    /// "Lock".
    Lock,
    /// "Move to phone".
    Export,
    /// The list was scrolled (or resized while it could scroll).
    Scrolled(Scroll),
    /// The list was laid out at this size: on its first frame and after
    /// every resize (of the window, or by the text size).
    Resized(iced::Size),
    /// "Use this offset" on the clock warning.
    ApplyClockOffset(i64),
    /// Close the clock warning.
    DismissClockWarning,
    /// The conflict copy's password field changed.
    CopyPassword(String),
    /// "Merge" on the conflict copy banner.
    MergeCopy,
    /// An HOTP entry's counter was advanced and saved ([`Action::Next`]):
    /// its new code is shown.
    Advanced(EntryId),
}

impl Message {
    /// Whether the person did this: neither a task's result nor the list
    /// reporting its scroll position (which a resize also does) is input.
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            Self::Scrolled(_)
                | Self::Resized(_)
                | Self::Advanced(_)
                | Self::Hovered(_)
                | Self::Unhovered(_)
        )
    }
}

/// What the app should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Copy this entry's current code.
    Copy(EntryId),
    /// Advance this HOTP entry's counter, save, then show its code.
    Next(EntryId),
    /// Open this entry's details.
    Details(EntryId),
    /// Open the add screen.
    Add,
    /// Read the clipboard for a screenshot or a link.
    Paste,
    /// Capture the screen and look for QR codes.
    ScanScreen,
    /// Choose files to import (QR images, other apps' exports).
    Import,
    /// Open the settings.
    Settings,
    /// Lock now.
    Lock,
    /// Choose entries to move to a phone.
    Export,
    /// Scroll the list so that its top is at this offset.
    ScrollTo(f32),
    /// Use this clock offset from now on.
    ApplyClockOffset(i64),
    /// Close the clock warning.
    DismissClockWarning,
    /// Merge the conflict copy shown in the banner with this password.
    MergeCopy(crate::secret::Password),
}

/// What the view needs besides the state.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// UI language.
    pub lang: Lang,
    /// The entries.
    pub entries: &'a Entries,
    /// The time codes are computed for (the clock plus the offset).
    pub now: Timestamp,
    /// The clock offset in seconds (shown when not zero).
    pub offset: i64,
    /// Whether codes are hidden until clicked.
    pub hide_codes: bool,
    /// Every code hidden (Ctrl+H, or the window not focused with that setting).
    pub conceal: bool,
    /// What the last clock check warns about.
    pub clock_warning: Option<&'a ClockWarning>,
    /// A sync tool's conflict copy saved under another password, waiting
    /// for that password (docs/sync.md).
    pub locked_copy: Option<&'a std::path::Path>,
}

/// The entries as last read from the vault, with their display order worked
/// out once (not on every key and every one-second tick) and a generation
/// that is new whenever they are replaced: what derives from the entries
/// (the tray menu) compares generations instead of the entries. They can
/// only be replaced whole ([`Entries::replace`]), never changed in place, so
/// neither the order nor the generation can go stale.
#[derive(Debug)]
pub struct Entries {
    list: Vec<Entry>,
    /// Indices into `list`, in display order ([`display_key`]).
    order: Vec<usize>,
    generation: u64,
}

impl Entries {
    /// The entries, ordered for display.
    pub fn new(list: Vec<Entry>) -> Self {
        // One counter for the whole process: a list from a later unlock never
        // reuses an earlier session's generation.
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let mut order: Vec<usize> = (0..list.len()).collect();
        order.sort_by_cached_key(|&i| display_key(&list[i]));
        Self {
            list,
            order,
            generation: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Puts `list` in place of the entries (a new order and generation).
    pub fn replace(&mut self, list: Vec<Entry>) {
        *self = Self::new(list);
    }

    /// Changes whenever the entries are replaced.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The entries in display order.
    pub fn in_order(&self) -> impl Iterator<Item = &Entry> {
        self.order.iter().map(|&i| &self.list[i])
    }
}

impl std::ops::Deref for Entries {
    type Target = [Entry];

    fn deref(&self) -> &[Entry] {
        &self.list
    }
}

/// The entries matching `query`, in display order.
pub fn visible<'a>(entries: &'a Entries, query: &str) -> Vec<&'a Entry> {
    entries.in_order().filter(|e| e.matches(query)).collect()
}

impl Codes {
    /// The search text.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The selected entry.
    pub fn selected(&self) -> Option<&EntryId> {
        self.selected.as_ref()
    }

    fn is_revealed(&self, entry: &Entry, hide_codes: bool) -> bool {
        let asked = self.revealed.contains(&entry.id);
        match entry.account.params.kind {
            Kind::Hotp => asked,
            Kind::Totp | Kind::Steam => !hide_codes || asked,
        }
    }

    fn activate(&mut self, id: EntryId, entries: &Entries) -> Action {
        self.selected = Some(id.clone());
        let Some(entry) = entries.iter().find(|e| e.id == id) else {
            return Action::None;
        };
        if entry.account.params.kind == Kind::Hotp && !self.revealed.contains(&id) {
            return Action::Next(id);
        }
        self.revealed.insert(id.clone());
        Action::Copy(id)
    }

    /// The list of a session that starts now, at this text size (`scale`:
    /// 1.5 for 150 %), until it reports its real size.
    pub fn at_text_scale(scale: f32) -> Self {
        Self {
            scroll: Scroll::at_text_scale(scale),
            ..Self::default()
        }
    }

    /// Where the list is scrolled.
    pub fn scroll(&self) -> Scroll {
        self.scroll
    }

    /// The text size changed from `old` to `new` (scale factors) while the
    /// list is not on screen: the window keeps its size in pixels, so the
    /// list's logical size divides by the change, and the offset follows
    /// the row at the top. (Its first frame then reports the exact size.)
    pub fn rescale(&mut self, old: f32, new: f32) {
        let ratio = old / new.max(0.1);
        let s = self.scroll;
        self.scroll = s.resized(iced::Size::new(
            (s.width + 2.0 * PAGE_PADDING) * ratio - 2.0 * PAGE_PADDING,
            s.height * ratio,
        ));
    }

    /// Keeps the selection on a visible row.
    fn fix_selection(&mut self, entries: &Entries) {
        let shown = visible(entries, &self.query);
        if !shown.iter().any(|e| Some(&e.id) == self.selected.as_ref()) {
            self.selected = shown.first().map(|e| e.id.clone());
        }
    }

    /// A new search starts at the top of its results.
    fn searched(&mut self, entries: &Entries) -> Action {
        self.fix_selection(entries);
        self.scroll_to(0.0)
    }

    fn scroll_to(&mut self, offset: f32) -> Action {
        if (self.scroll.offset - offset).abs() < f32::EPSILON {
            return Action::None;
        }
        self.scroll.offset = offset;
        Action::ScrollTo(offset)
    }

    fn move_selection(&mut self, entries: &Entries, down: bool) -> Action {
        let shown = visible(entries, &self.query);
        if shown.is_empty() {
            self.selected = None;
            return Action::None;
        }
        let at = shown
            .iter()
            .position(|e| Some(&e.id) == self.selected.as_ref());
        let next = match (at, down) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(shown.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
        };
        self.selected = Some(shown[next].id.clone());
        match self.scroll.reveal(next) {
            Some(offset) => self.scroll_to(offset),
            None => Action::None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, entries: &Entries) -> Action {
        match message {
            Message::Query(query) => {
                self.query = query;
                self.searched(entries)
            }
            Message::Activate(id) => self.activate(id, entries),
            Message::Submit => self.hotkey(Hotkey::Enter, entries),
            Message::Next(id) => {
                self.selected = Some(id.clone());
                Action::Next(id)
            }
            Message::Advanced(id) => {
                self.revealed.insert(id);
                Action::None
            }
            Message::Details(id) => Action::Details(id),
            Message::Copy(id) => {
                self.selected = Some(id.clone());
                self.revealed.insert(id.clone());
                Action::Copy(id)
            }
            Message::Reveal(id) => {
                self.selected = Some(id.clone());
                self.revealed.insert(id);
                Action::None
            }
            Message::Hovered(id) => {
                self.hovered = id;
                Action::None
            }
            Message::Unhovered(id) => {
                if self.hovered.as_ref() == Some(&id) {
                    self.hovered = None;
                }
                Action::None
            }
            Message::Paste => Action::Paste,
            Message::ScanScreen => Action::ScanScreen,
            Message::Import => Action::Import,
            Message::Add => Action::Add,
            Message::Settings => Action::Settings,
            Message::Lock => Action::Lock,
            Message::Export => Action::Export,
            Message::Scrolled(scroll) => {
                let (old, new) = (self.scroll.metrics().stride(), scroll.metrics().stride());
                self.scroll = scroll;
                if (old - new).abs() > f32::EPSILON {
                    // Laid out in rows of the old stride: keep the top row.
                    return self.scroll_to(scroll.offset / old * new);
                }
                Action::None
            }
            Message::Resized(size) => {
                let resized = self.scroll.resized(size);
                let offset = resized.offset;
                self.scroll = Scroll {
                    offset: self.scroll.offset,
                    ..resized
                };
                self.scroll_to(offset)
            }
            Message::ApplyClockOffset(secs) => Action::ApplyClockOffset(secs),
            Message::DismissClockWarning => Action::DismissClockWarning,
            Message::CopyPassword(text) => {
                self.copy_password = super::Typed::new(text);
                Action::None
            }
            Message::MergeCopy if self.copy_password.as_str().is_empty() => Action::None,
            Message::MergeCopy => Action::MergeCopy(self.copy_password.take_password()),
        }
    }

    /// A mouse press landed in the ring `ring`: when that is an action of
    /// the card under the pointer, that card becomes the selected one (as a
    /// click on its Copy, Show or Next makes it anyway), so its actions are
    /// the stops the focus can go to and the press moves the focus onto
    /// the action pressed (`App::focus_synced`), as onto any button.
    pub fn pressed(&mut self, ring: &iced::widget::Id) {
        let on_action = RowAction::ALL
            .iter()
            .any(|action| focus::Key::new(action.focus_key()).ring_id() == *ring);
        if on_action && let Some(hovered) = &self.hovered {
            self.selected = Some(hovered.clone());
        }
    }

    /// Handles a key no widget took.
    pub fn hotkey(&mut self, key: Hotkey, entries: &Entries) -> Action {
        match key {
            Hotkey::Lock => Action::Lock,
            Hotkey::Add => Action::Add,
            // Focus moves are the app's business (a widget operation).
            Hotkey::FocusNext
            | Hotkey::FocusPrevious
            | Hotkey::Paste
            | Hotkey::ScanScreen
            | Hotkey::Left
            | Hotkey::Right
            | Hotkey::ToggleCodes => Action::None,
            Hotkey::Up => self.move_selection(entries, false),
            Hotkey::Down => self.move_selection(entries, true),
            Hotkey::Enter => {
                self.fix_selection(entries);
                match self.selected.clone() {
                    Some(id) => self.activate(id, entries),
                    None => Action::None,
                }
            }
            Hotkey::Escape => {
                self.query.clear();
                self.searched(entries)
            }
            Hotkey::Backspace => {
                let _ = self.query.pop();
                self.searched(entries)
            }
            Hotkey::Typed(text) => {
                self.query.push_str(&text);
                self.searched(entries)
            }
        }
    }

    /// One row, with its code computed only now that it is on screen.
    fn row<'a>(
        &self,
        entry: &'a Entry,
        cx: Context<'a>,
        marks: &Marks,
        list: Option<&Focus<Message>>,
    ) -> Element<'a, Message> {
        let revealed = !cx.conceal && self.is_revealed(entry, cx.hide_codes);
        let code = if revealed {
            entry.code_at(cx.now).ok()
        } else {
            None
        };
        let next = code
            .as_ref()
            .and_then(|c| c.remaining)
            .filter(|r| countdown::is_urgent(*r))
            .and_then(|remaining| {
                entry
                    .code_at(cx.now.offset_by(i64::from(remaining)))
                    .ok()
                    .map(|c| c.value)
            });
        let id = &entry.id;
        let actions = code_row::actions_for(entry, code.is_some())
            .into_iter()
            .map(|action| {
                let message = match action {
                    RowAction::Copy => Message::Copy(id.clone()),
                    RowAction::Reveal => Message::Reveal(id.clone()),
                    RowAction::Next => Message::Next(id.clone()),
                    RowAction::Details => Message::Details(id.clone()),
                };
                (action, message)
            })
            .collect();
        let selected = self.selected.as_ref() == Some(id);
        let inert = Focus::inert();
        code_row::view(
            cx.lang,
            code_row::Row {
                entry,
                code,
                next,
                selected,
                hovered: self.hovered.as_ref() == Some(id),
                focused: selected && list.is_some_and(|f| f.is_focused(&focus::Key::new(LIST_KEY))),
                metrics: self.scroll.metrics(),
            },
            code_row::Messages {
                activate: Message::Activate(id.clone()),
                enter: Message::Hovered(Some(id.clone())),
                exit: Message::Unhovered(id.clone()),
                actions,
            },
            marks,
            // The selected card's actions are tab stops after the list (a
            // card under the pointer shows its actions, not as tab stops).
            match list {
                Some(focus) if selected => focus,
                _ => &inert,
            },
        )
    }

    /// The screen.
    pub fn view<'a>(&'a self, cx: Context<'a>, focus: &Focus<Message>) -> Element<'a, Message> {
        let t = |key| i18n::t(cx.lang, key);
        let symbols = Marks::default();
        // The name and the buttons on one line when they fit the page's
        // width (the list's: the same); else the name over the buttons,
        // which are smaller when even they alone would not fit (the
        // smallest window at a large text size).
        let width = self.scroll.width;
        let gap = if width < HEADER_BUTTONS {
            HEADER_PADDING_COMPACT
        } else {
            HEADER_PADDING
        };
        let mut buttons = row![].spacing(gap).align_y(Alignment::Center);
        for action in header_actions(cx.lang, !cx.entries.is_empty()) {
            buttons = buttons.push(header_button(&symbols, action, focus, gap));
        }
        let title = text(t(Key::AppName)).size(24);
        let header: Element<'a, Message> = if width >= TITLE_ROOM + HEADER_BUTTONS {
            row![title.width(Length::Fill), buttons]
                .spacing(8)
                .align_y(Alignment::Center)
                .into()
        } else {
            column![title, buttons].spacing(8).into()
        };
        // The four symbols are drawn together, over the header.
        let header = marks::layer(header, symbols);

        let search = focus.field(
            SEARCH_ID,
            text_input(t(Key::SearchPlaceholder), &self.query)
                .on_input(Message::Query)
                .on_submit(Message::Submit)
                .padding(8),
            true,
        );

        let mut page = column![header, search].spacing(12);
        if cx.offset != 0 {
            page = page.push(
                text(i18n::tf(
                    cx.lang,
                    Key::ClockOffsetShown,
                    &[("secs", &format!("{:+}", cx.offset))],
                ))
                .size(13)
                .style(theme::label::muted),
            );
        }

        if cx.conceal {
            page = page.push(
                text(t(Key::CodesConcealed))
                    .size(13)
                    .style(theme::label::muted),
            );
        }
        if let Some(warning) = cx.clock_warning {
            page = page.push(clock_banner(cx.lang, warning, focus));
        }
        if let Some(copy) = cx.locked_copy {
            page = page.push(copy_banner(
                cx.lang,
                copy,
                self.copy_password.as_str(),
                focus,
            ));
        }

        let shown = visible(cx.entries, &self.query);
        let body: Element<'a, Message> = if cx.entries.is_empty() {
            empty_state(cx.lang, focus)
        } else if shown.is_empty() {
            column![
                text(i18n::tf(cx.lang, Key::NoMatch, &[("query", &self.query)])).size(18),
                text(t(Key::NoMatchHint)).style(theme::label::muted),
                focus.button(
                    "no-match-add",
                    button(text(t(Key::AddAccount)))
                        .style(theme::button::primary)
                        .padding([8, 16]),
                    Some(Message::Add),
                ),
            ]
            .spacing(12)
            .max_width(460)
            .into()
        } else {
            let window = self.scroll.window(shown.len());
            let stride = self.scroll.metrics().stride();
            #[allow(clippy::cast_precision_loss)]
            let (above, below) = (
                window.start as f32 * stride,
                (shown.len() - window.end) as f32 * stride,
            );
            let marks = Marks::default();
            // The list is one tab stop: the arrows move the selection,
            // Enter or Space copies it (`focus::Kind::List`).
            focus.list(LIST_KEY);
            let mut list = column![space().height(above)].padding([0.0, LIST_INSET]);
            for &entry in &shown[window] {
                list = list.push(
                    container(self.row(entry, cx, &marks, Some(focus)))
                        .id(card_id(&entry.id))
                        .align_top(stride),
                );
            }
            let list = list.push(space().height(below));
            let list = scrollable(marks::layer(list, marks))
                .id(LIST_ID)
                .on_scroll(|viewport| {
                    Message::Scrolled(Scroll {
                        offset: viewport.absolute_offset().y,
                        height: viewport.bounds().height,
                        width: viewport.bounds().width,
                    })
                })
                .height(Length::Fill);
            // The list's size, from its first frame and after every resize
            // (the scrollable reports only when it can scroll).
            sensor(list).on_resize(Message::Resized).into()
        };
        page = page.push(body);
        container(page).padding(PAGE_PADDING).into()
    }
}

/// The widget id of the card of entry `id` (the card and the gap under it).
pub fn card_id(id: &EntryId) -> String {
    format!("card-{id}")
}

/// The empty list's ways in: widget id, symbol, label, hint, message.
pub const EMPTY_WAYS: [(&str, Symbol, Key, Key); 4] = [
    (
        EMPTY_PASTE_ID,
        Symbol::Paste,
        Key::EmptyPaste,
        Key::EmptyPasteHint,
    ),
    (
        EMPTY_SCAN_ID,
        Symbol::Scan,
        Key::EmptyScan,
        Key::EmptyScanHint,
    ),
    (
        EMPTY_IMPORT_ID,
        Symbol::Import,
        Key::EmptyImport,
        Key::EmptyImportHint,
    ),
    (
        EMPTY_MANUAL_ID,
        Symbol::Keyboard,
        Key::EmptyManual,
        Key::EmptyManualHint,
    ),
];

/// "Paste a screenshot" in the empty list.
pub const EMPTY_PASTE_ID: &str = "codes-empty-paste";
/// "Scan the screen" in the empty list.
pub const EMPTY_SCAN_ID: &str = "codes-empty-scan";
/// "Import from another app" in the empty list.
pub const EMPTY_IMPORT_ID: &str = "codes-empty-import";
/// "Enter the setup key" in the empty list.
pub const EMPTY_MANUAL_ID: &str = "codes-empty-manual";

/// The list with no accounts: how accounts really arrive (a screenshot
/// dropped or pasted, the screen scanned, another app's export, the setup
/// key typed), each a button that does it. The symbols are drawn by one
/// layer over the whole part, as the header's are.
fn empty_state<'a>(lang: Lang, focus: &Focus<Message>) -> Element<'a, Message> {
    let t = |key| i18n::t(lang, key);
    let symbols = Marks::default();
    let mut ways = column![
        text(t(Key::EmptyTitle)).size(20),
        text(t(Key::EmptyHint)).style(theme::label::muted),
    ]
    .spacing(12)
    .max_width(480);
    for (id, symbol, label, hint) in EMPTY_WAYS {
        let message = match id {
            EMPTY_PASTE_ID => Message::Paste,
            EMPTY_SCAN_ID => Message::ScanScreen,
            EMPTY_IMPORT_ID => Message::Import,
            _ => Message::Add,
        };
        let mark = marks::slot(
            &symbols,
            Mark::Symbol {
                symbol,
                on: Ink::Secondary,
            },
            SYMBOL,
            SYMBOL,
        );
        let body = row![
            mark,
            column![
                text(t(label)).size(16),
                text(t(hint)).size(13).style(theme::label::muted),
            ]
            .spacing(2)
            .width(Length::Fill),
        ]
        .spacing(12)
        .align_y(Alignment::Center);
        ways = ways.push(
            container(
                focus.button(
                    id,
                    button(body)
                        .width(Length::Fill)
                        .padding([10, 14])
                        .style(theme::button::secondary),
                    Some(message),
                ),
            )
            .id(id),
        );
    }
    marks::layer(ways, symbols)
}

/// One of the header's icon buttons.
#[derive(Clone, Debug)]
pub struct HeaderAction {
    /// Its widget id (tests click it by this).
    pub id: &'static str,
    /// What it shows.
    pub symbol: Symbol,
    /// What it does, shown in its tooltip.
    pub name: String,
    /// The screen's main action (drawn as a primary button).
    pub primary: bool,
    /// `None` while it cannot be pressed.
    pub on_press: Option<Message>,
}

/// The header's buttons, in order, named in `lang`: "Move to phone" is
/// disabled while there is nothing to move (`can_export`).
pub fn header_actions(lang: Lang, can_export: bool) -> [HeaderAction; 4] {
    let t = |key| i18n::t(lang, key);
    let with_keys = |key, keys| {
        i18n::tf(
            lang,
            Key::WithShortcut,
            &[("action", t(key)), ("keys", keys)],
        )
    };
    [
        HeaderAction {
            id: ADD_ID,
            symbol: Symbol::Add,
            name: with_keys(Key::AddAccount, "Ctrl+N"),
            primary: true,
            on_press: Some(Message::Add),
        },
        HeaderAction {
            id: EXPORT_ID,
            symbol: Symbol::Phone,
            name: t(Key::MoveToPhone).to_owned(),
            primary: false,
            on_press: can_export.then_some(Message::Export),
        },
        HeaderAction {
            id: SETTINGS_ID,
            symbol: Symbol::Settings,
            name: t(Key::Settings).to_owned(),
            primary: false,
            on_press: Some(Message::Settings),
        },
        HeaderAction {
            id: LOCK_ID,
            symbol: Symbol::Lock,
            name: with_keys(Key::Lock, "Ctrl+L"),
            primary: false,
            on_press: Some(Message::Lock),
        },
    ]
}

/// An icon button with its name in a tooltip. Its symbol is a slot that the
/// header's [`marks::layer`] strokes in the button's text colour.
fn header_button<'a>(
    symbols: &Marks,
    b: HeaderAction,
    focus: &Focus<Message>,
    padding: f32,
) -> Element<'a, Message> {
    let ink = match (b.on_press.is_some(), b.primary) {
        (false, _) => Ink::Disabled,
        (true, true) => Ink::Primary,
        (true, false) => Ink::Secondary,
    };
    let symbol = marks::slot(
        symbols,
        Mark::Symbol {
            symbol: b.symbol,
            on: ink,
        },
        SYMBOL,
        SYMBOL,
    );
    let control = button(symbol).padding(padding).style(if b.primary {
        theme::button::primary
    } else {
        theme::button::secondary
    });
    tooltip(
        container(focus.button(b.id, control, b.on_press)).id(b.id),
        container(text(b.name).size(13))
            .padding([4, 8])
            .style(theme::boxed::toast),
        tooltip::Position::Bottom,
    )
    .gap(4)
    .delay(TOOLTIP_DELAY)
    .into()
}

/// The warning that codes may be refused because of this computer's clock.
fn clock_banner<'a>(
    lang: Lang,
    warning: &'a ClockWarning,
    focus: &Focus<Message>,
) -> Element<'a, Message> {
    let t = |key| i18n::t(lang, key);
    let (sentence, apply) = match warning {
        ClockWarning::Off {
            secs,
            suggested,
            server,
        } => {
            let key = if *secs < 0 {
                Key::ClockBannerAhead
            } else {
                Key::ClockBannerBehind
            };
            let sentence = i18n::tf(
                lang,
                key,
                &[("secs", &secs.abs().to_string()), ("server", server)],
            );
            let apply = focus.button(
                "apply-offset",
                button(text(i18n::tf(
                    lang,
                    Key::ApplyClockOffset,
                    &[("secs", &format!("{suggested:+}"))],
                )))
                .style(theme::button::primary),
                Some(Message::ApplyClockOffset(*suggested)),
            );
            (sentence, Some(apply))
        }
        ClockWarning::NotSynchronised => (t(Key::ClockBannerNotSynced).to_owned(), None),
    };
    let mut actions = row![].spacing(8);
    if let Some(apply) = apply {
        actions = actions.push(apply);
    }
    actions = actions.push(focus.button(
        "dismiss-clock",
        button(text(t(Key::Dismiss))).style(theme::button::secondary),
        Some(Message::DismissClockWarning),
    ));
    container(column![text(sentence).style(theme::label::urgent), actions].spacing(8))
        .padding(12)
        .width(Length::Fill)
        .style(theme::boxed::section)
        .into()
}

/// A conflict copy saved under another password: its password, to merge it.
fn copy_banner<'a>(
    lang: Lang,
    copy: &std::path::Path,
    typed: &'a str,
    focus: &Focus<Message>,
) -> Element<'a, Message> {
    let name = copy.file_name().map_or_else(
        || copy.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let sentence = i18n::tf(lang, Key::SyncLockedBanner, &[("copy", &name)]);
    let field = focus.field(
        COPY_PASSWORD_ID,
        text_input(i18n::t(lang, Key::CopyPassword), typed)
            .secure(true)
            .on_input(Message::CopyPassword)
            .on_submit(Message::MergeCopy)
            .padding(8),
        true,
    );
    let merge = focus.button(
        "merge-copy",
        button(text(i18n::t(lang, Key::MergeCopy))).style(theme::button::primary),
        Some(Message::MergeCopy),
    );
    container(
        column![
            text(sentence).style(theme::label::urgent),
            row![field, merge].spacing(8).align_y(Alignment::Center)
        ]
        .spacing(8),
    )
    .padding(12)
    .width(Length::Fill)
    .style(theme::boxed::section)
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::{Account, Params, decode_base32};

    fn entry(issuer: &str, name: &str, favourite: bool) -> Entry {
        let secret = decode_base32("JBSWY3DPEHPK3PXP").unwrap_or_else(|e| panic!("{e}"));
        let account =
            Account::new(issuer, name, secret, Params::totp()).unwrap_or_else(|e| panic!("{e}"));
        let mut entry = Entry::new(account, Timestamp(0)).unwrap_or_else(|e| panic!("{e}"));
        entry.favourite = favourite;
        entry
    }

    #[test]
    fn favourites_first_then_issuer_and_keys_move_the_selection() {
        let entries = Entries::new(vec![
            entry("Zeta", "z", false),
            entry("Alpha", "a", false),
            entry("Mid", "m", true),
        ]);
        let order: Vec<_> = visible(&entries, "")
            .iter()
            .map(|e| e.account.issuer.as_str())
            .collect();
        assert_eq!(order, ["Mid", "Alpha", "Zeta"]);

        let mut codes = Codes::default();
        let _ = codes.hotkey(Hotkey::Down, &entries);
        let _ = codes.hotkey(Hotkey::Down, &entries);
        assert_eq!(codes.selected(), Some(&entries[1].id));
        assert!(matches!(
            codes.hotkey(Hotkey::Enter, &entries),
            Action::Copy(id) if id == entries[1].id
        ));
        let _ = codes.hotkey(Hotkey::Typed("ze".into()), &entries);
        assert_eq!(codes.selected(), Some(&entries[0].id));
        let _ = codes.hotkey(Hotkey::Escape, &entries);
        assert_eq!(codes.query(), "");
    }

    /// An HOTP row's code shows only once its counter was saved: clicking
    /// it asks for the advance ([`Action::Next`]), and the saved result
    /// ([`Message::Advanced`], a task's result, not input) reveals it, so
    /// the next click copies.
    #[test]
    fn an_hotp_code_shows_after_its_advance_was_saved() {
        let secret = decode_base32("JBSWY3DPEHPK3PXP").unwrap_or_else(|e| panic!("{e}"));
        let account =
            Account::new("Bank", "me", secret, Params::hotp(5)).unwrap_or_else(|e| panic!("{e}"));
        let hotp = Entry::new(account, Timestamp(0)).unwrap_or_else(|e| panic!("{e}"));
        let id = hotp.id.clone();
        let entries = Entries::new(vec![hotp]);
        let mut codes = Codes::default();
        assert!(matches!(
            codes.update(Message::Activate(id.clone()), &entries),
            Action::Next(next) if next == id
        ));
        assert!(!codes.is_revealed(&entries[0], false));
        let advanced = Message::Advanced(id.clone());
        assert!(!advanced.is_input());
        assert!(matches!(codes.update(advanced, &entries), Action::None));
        assert!(codes.is_revealed(&entries[0], false));
        assert!(matches!(
            codes.update(Message::Activate(id.clone()), &entries),
            Action::Copy(copied) if copied == id
        ));
    }

    /// The empty list's buttons ask for what they name; a card's actions
    /// select it, and showing a hidden code does not copy it.
    #[test]
    fn empty_state_buttons_and_card_actions_ask_for_their_actions() {
        let entries = Entries::new(vec![]);
        let mut codes = Codes::default();
        assert!(matches!(
            codes.update(Message::Paste, &entries),
            Action::Paste
        ));
        assert!(matches!(
            codes.update(Message::ScanScreen, &entries),
            Action::ScanScreen
        ));
        assert!(matches!(
            codes.update(Message::Import, &entries),
            Action::Import
        ));
        assert_eq!(EMPTY_WAYS.len(), 4);

        let entries = Entries::new(vec![entry("A", "a", false), entry("B", "b", false)]);
        let b = entries[1].id.clone();
        assert!(matches!(
            codes.update(Message::Reveal(b.clone()), &entries),
            Action::None
        ));
        assert_eq!(codes.selected(), Some(&b));
        assert!(codes.is_revealed(&entries[1], true));
        assert!(!codes.is_revealed(&entries[0], true));
        assert!(matches!(
            codes.update(Message::Copy(entries[0].id.clone()), &entries),
            Action::Copy(id) if id == entries[0].id
        ));
        // The pointer: onto a card, off another one (no change), off it.
        let _ = codes.update(Message::Hovered(Some(b.clone())), &entries);
        let _ = codes.update(Message::Unhovered(entries[0].id.clone()), &entries);
        assert_eq!(codes.hovered.as_ref(), Some(&b));
        let _ = codes.update(Message::Unhovered(b.clone()), &entries);
        assert_eq!(codes.hovered, None);
        assert!(!Message::Hovered(None).is_input());
    }

    /// A wide list (the default window at 100 %) and its stride.
    fn wide() -> (Scroll, f32) {
        let scroll = Scroll::default();
        assert_eq!(scroll.metrics().shape, code_row::Shape::Wide);
        (scroll, scroll.metrics().stride())
    }

    #[test]
    fn the_window_covers_the_viewport_plus_overscan_and_clamps_at_the_end() {
        let (base, stride) = wide();
        let top = Scroll {
            offset: 0.0,
            height: 10.0 * stride,
            ..base
        };
        assert_eq!(top.window(1000), 0..(11 + OVERSCAN));
        assert_eq!(top.window(3), 0..3);
        assert_eq!(top.window(0), 0..0);
        let middle = Scroll {
            offset: 500.5 * stride,
            height: 10.0 * stride,
            ..base
        };
        assert_eq!(middle.window(1000), (500 - OVERSCAN)..(511 + OVERSCAN));
        // An offset left over from a longer list still shows the last rows.
        assert_eq!(middle.window(20), (9 - OVERSCAN)..20);
    }

    #[test]
    fn revealing_a_row_scrolls_only_when_it_is_out_of_view() {
        for scale in [1.0, 1.5, 2.0] {
            let base = Scroll::at_text_scale(scale);
            let (stride, height) = (base.metrics().stride(), base.metrics().height());
            let view = Scroll {
                offset: 10.0 * stride,
                height: 5.0 * stride,
                ..base
            };
            assert_eq!(view.reveal(12), None);
            assert_eq!(view.reveal(9), Some(9.0 * stride));
            assert_eq!(view.reveal(15), Some(15.0 * stride + height - 5.0 * stride));
        }
    }

    /// The default window is wide at 100 % and stacked from 125 % on, the
    /// smallest window narrow at 150 and 200 % (stacked below), and a
    /// change of shape keeps the row at the top of the list there.
    #[test]
    fn the_shape_follows_the_width_and_the_top_row_stays() {
        assert_eq!(
            Scroll::at_text_scale(1.0).metrics().shape,
            code_row::Shape::Wide
        );
        for scale in [1.25, 1.5, 2.0] {
            assert_eq!(
                Scroll::at_text_scale(scale).metrics().shape,
                code_row::Shape::Stacked
            );
        }
        for (scale, shape) in [
            (1.0, code_row::Shape::Stacked),
            (1.25, code_row::Shape::Stacked),
            (1.5, code_row::Shape::Narrow),
            (2.0, code_row::Shape::Narrow),
        ] {
            let smallest = Scroll {
                width: MIN_WINDOW.0 / scale - 2.0 * PAGE_PADDING,
                ..Scroll::default()
            };
            assert_eq!(smallest.metrics().shape, shape, "{scale}");
            assert!(smallest.metrics().stride() >= Scroll::default().metrics().stride());
        }
        let entries = Entries::new(
            (0..100)
                .map(|i| entry(&format!("S{i:03}"), "x", false))
                .collect(),
        );
        let mut codes = Codes::default();
        let wide = codes.scroll().metrics().stride();
        let _ = codes.update(
            Message::Scrolled(Scroll {
                offset: 40.0 * wide,
                ..codes.scroll()
            }),
            &entries,
        );
        codes.rescale(1.0, 2.0);
        let stacked = codes.scroll().metrics().stride();
        assert!(stacked > wide);
        assert!((codes.scroll().offset - 40.0 * stacked).abs() < 0.01);
        // Its first frame reports the real size: still the same top row.
        let action = codes.update(Message::Resized(iced::Size::new(1000.0, 600.0)), &entries);
        let wide_again = codes.scroll().metrics().stride();
        assert!(matches!(action, Action::ScrollTo(y) if (y - 40.0 * wide_again).abs() < 0.01));
    }
}
