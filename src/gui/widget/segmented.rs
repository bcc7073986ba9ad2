//! A choice among a few values shown side by side (the look, the language,
//! the text size, a code's algorithm): one button per value, the chosen one
//! marked, the whole group one focus stop. A click picks a value; with the
//! focus on the group the arrows pick the previous or next one
//! ([`Focus::choice`]). It replaces iced's pick list, whose menu iced 0.14
//! opens only with the mouse (`docs/design.md`, "Choices").

use iced::widget::{button, row, text};
use iced::{Element, Font};

use crate::gui::focus::{self, Focus, Key};
use crate::gui::theme;

/// The chosen value's label is bold as well as coloured (colour alone
/// would not tell it to everyone).
const CHOSEN: Font = Font {
    weight: iced::font::Weight::Bold,
    ..Font::DEFAULT
};

/// The group for `options` with `selected` chosen, as the focus stop `key`:
/// each value labelled by `label`, picking one sends `on_pick(value)`.
pub fn view<'a, T, M>(
    focus: &Focus<M>,
    key: impl Into<Key>,
    options: &[T],
    selected: Option<&T>,
    label: impl Fn(&T) -> String,
    on_pick: impl Fn(T) -> M,
) -> Element<'a, M>
where
    T: Clone + PartialEq,
    M: Clone + 'static,
{
    let (previous, next) = focus::neighbours(options, selected);
    let segments = options.iter().map(|option| {
        let chosen = selected == Some(option);
        // A label never breaks inside a button: the row wraps instead.
        let mut label = text(label(option)).wrapping(text::Wrapping::None);
        if chosen {
            label = label.font(CHOSEN);
        }
        button(label)
            .padding([6, 12])
            .style(theme::button::segment(chosen))
            .on_press(on_pick(option.clone()))
            .into()
    });
    focus.choice(
        key,
        // At large text sizes the values take two or more lines rather than
        // being cut at the window's edge (settings' "200 %", details' SHA512).
        row(segments).spacing(4).wrap().vertical_spacing(4),
        previous.map(&on_pick),
        next.map(&on_pick),
    )
}
