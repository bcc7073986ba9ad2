//! The app's keyboard focus: every control on every screen is reachable with
//! Tab / Shift+Tab and operated with Enter / Space (and the arrows for a
//! choice), with a ring the app draws (iced 0.14 focuses only text fields).
//!
//! A screen's view builds its controls through a [`Focus`]: each call
//! ([`Focus::button`], [`Focus::checkbox`], [`Focus::choice`],
//! [`Focus::field`], [`Focus::list`]) returns the control wrapped in its ring
//! and records it, with the message its click sends, in the order the view
//! lays them out. The root gets a screen's list of controls by building the
//! view with a recording `Focus` ([`Focus::recording`]), so the list is what
//! the view shows and cannot drift from it; it keeps only which control has
//! the focus ([`State`]) and, on Enter or Space, sends that control's own
//! message (the one its click sends). Text fields join the same cycle: when
//! one gets the focus the root focuses it in iced too, so typing goes there.
//!
//! The ring is shown only once the keyboard moved the focus (as browsers do
//! with `:focus-visible`): a mouse press hides it, and a new screen starts
//! with no focus.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use iced::Element;
use iced::widget::{Button, Checkbox, TextInput, container};

use super::theme;

/// The prefix of the widget id of every ring (tests find the rings by it).
pub const RING_PREFIX: &str = "focus:";

/// A field id no widget has: focusing it takes the focus from every field.
pub const NO_FIELD: &str = "focus:none";

/// A control's name on its screen (an index tells repeated controls apart:
/// the rows of a list of checkboxes, say).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    name: &'static str,
    index: Option<usize>,
}

impl Key {
    /// The one control of this name.
    pub const fn new(name: &'static str) -> Self {
        Self { name, index: None }
    }

    /// The `index`-th control of this name.
    pub const fn indexed(name: &'static str, index: usize) -> Self {
        Self {
            name,
            index: Some(index),
        }
    }

    /// The widget id of a text field with this key (its name, or
    /// `name#index`).
    pub fn field_id(&self) -> iced::widget::Id {
        match self.index {
            None => iced::widget::Id::new(self.name),
            Some(_) => iced::widget::Id::from(self.to_string()),
        }
    }

    /// The widget id of the ring around the control.
    pub fn ring_id(&self) -> iced::widget::Id {
        iced::widget::Id::from(format!("{RING_PREFIX}{self}"))
    }
}

impl From<&'static str> for Key {
    fn from(name: &'static str) -> Self {
        Self::new(name)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            None => f.write_str(self.name),
            Some(i) => write!(f, "{}#{i}", self.name),
        }
    }
}

/// What the keys do to a control.
#[derive(Clone, Debug)]
pub enum Kind<M> {
    /// Enter or Space sends this (a button's click, a checkbox's toggle).
    Press(M),
    /// A text field (or editor): focused in iced too, so typing goes there.
    Field(iced::widget::Id),
    /// A value among several (a pick list, radio buttons): Left/Up picks the
    /// previous one, Right/Down the next (`None` at either end).
    Choice {
        /// The message choosing the previous value.
        previous: Option<M>,
        /// The message choosing the next value.
        next: Option<M>,
    },
    /// A list whose own keys apply (the code list: the arrows move the
    /// selection, Enter or Space copies it).
    List,
}

impl<M> Kind<M> {
    fn map<N>(self, f: &dyn Fn(M) -> N) -> Kind<N> {
        match self {
            Kind::Press(m) => Kind::Press(f(m)),
            Kind::Field(id) => Kind::Field(id),
            Kind::Choice { previous, next } => Kind::Choice {
                previous: previous.map(f),
                next: next.map(f),
            },
            Kind::List => Kind::List,
        }
    }
}

/// One control that can take the focus.
#[derive(Clone, Debug)]
pub struct Control<M> {
    /// Its name on the screen.
    pub key: Key,
    /// What the keys do to it.
    pub kind: Kind<M>,
}

type Sink<M> = Rc<dyn Fn(Control<M>)>;

/// What a view builds its controls with: which one wears the ring, and
/// (when the root asks for the list) where each is recorded.
pub struct Focus<M> {
    ring: Option<Key>,
    sink: Option<Sink<M>>,
    /// Rings that never record and never show (controls that are not tab
    /// stops but are laid out like those that are: the actions of a card
    /// under the pointer that is not the selected one). They still note a
    /// mouse press ([`sync`]), so the root can follow a click on one.
    inert: bool,
}

impl<M> fmt::Debug for Focus<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Focus").field("ring", &self.ring).finish()
    }
}

impl<M: Clone + 'static> Focus<M> {
    /// For drawing: `ring` is the control that shows the ring (none while
    /// the focus is not visible).
    pub fn drawing(ring: Option<Key>) -> Self {
        Self {
            ring,
            sink: None,
            inert: false,
        }
    }

    /// For controls that are laid out like tab stops but are not ones.
    pub fn inert() -> Self {
        Self {
            ring: None,
            sink: None,
            inert: true,
        }
    }

    /// For listing the controls: returns the `Focus` to build the view
    /// with and the list it fills.
    pub fn recording() -> (Self, Rc<RefCell<Vec<Control<M>>>>) {
        let list = Rc::new(RefCell::new(Vec::new()));
        let into = list.clone();
        let sink: Sink<M> = Rc::new(move |control| into.borrow_mut().push(control));
        (
            Self {
                ring: None,
                sink: Some(sink),
                inert: false,
            },
            list,
        )
    }

    /// The same focus for a part of the view whose messages `f` wraps (a
    /// screen's messages into the app's).
    pub fn map<N: Clone + 'static>(&self, f: fn(N) -> M) -> Focus<N> {
        Focus {
            inert: self.inert,
            ring: self.ring.clone(),
            sink: self.sink.clone().map(|sink| -> Sink<N> {
                Rc::new(move |control: Control<N>| {
                    sink(Control {
                        key: control.key,
                        kind: control.kind.map(&f),
                    });
                })
            }),
        }
    }

    /// Whether `key` wears the ring.
    pub fn is_focused(&self, key: &Key) -> bool {
        self.ring.as_ref() == Some(key)
    }

    fn record(&self, key: &Key, kind: Kind<M>) {
        if let Some(sink) = self.sink.as_ref().filter(|_| !self.inert) {
            sink(Control {
                key: key.clone(),
                kind,
            });
        }
    }

    /// `control` inside the ring of `key` (drawn only when it has the
    /// focus; the same widgets either way, so a field keeps its state).
    pub fn ring<'a>(&self, key: &Key, control: impl Into<Element<'a, M>>) -> Element<'a, M>
    where
        M: 'a,
    {
        self.ring_styled(key, control, theme::boxed::focus)
    }

    fn ring_styled<'a, S>(
        &self,
        key: &Key,
        control: impl Into<Element<'a, M>>,
        style: fn(bool) -> S,
    ) -> Element<'a, M>
    where
        M: 'a,
        S: Fn(&iced::Theme) -> iced::widget::container::Style + 'a,
    {
        let ring = container(control)
            .padding(theme::RING_PADDING)
            .style(style(self.is_focused(key)));
        // The ring notes a mouse press on it, so the focus follows a click
        // ([`sync`]).
        Element::new(ring::Ring::new(key.ring_id(), ring.id(key.ring_id())))
    }

    /// A button that sends `on_press` when clicked, or when it has the focus
    /// and Enter or Space is pressed (not focusable while disabled).
    pub fn button<'a>(
        &self,
        key: impl Into<Key>,
        button: Button<'a, M>,
        on_press: Option<M>,
    ) -> Element<'a, M>
    where
        M: 'a,
    {
        let key = key.into();
        if let Some(message) = &on_press {
            self.record(&key, Kind::Press(message.clone()));
        }
        self.ring(&key, button.on_press_maybe(on_press))
    }

    /// [`Focus::button`] on a toast (its ring in the toast's text colour).
    pub fn toast_button<'a>(
        &self,
        key: impl Into<Key>,
        button: Button<'a, M>,
        on_press: M,
    ) -> Element<'a, M>
    where
        M: 'a,
    {
        let key = key.into();
        self.record(&key, Kind::Press(on_press.clone()));
        self.ring_styled(
            &key,
            button.on_press(on_press),
            theme::boxed::focus_on_toast,
        )
    }

    /// A checkbox showing `checked` that sends `on_toggle(!checked)` when
    /// clicked, or when it has the focus and Enter or Space is pressed (not
    /// focusable without `on_toggle`).
    pub fn checkbox<'a>(
        &self,
        key: impl Into<Key>,
        checkbox: Checkbox<'a, M>,
        checked: bool,
        on_toggle: Option<impl Fn(bool) -> M + 'a>,
    ) -> Element<'a, M>
    where
        M: 'a,
    {
        let key = key.into();
        match on_toggle {
            Some(on_toggle) => {
                self.record(&key, Kind::Press(on_toggle(!checked)));
                self.ring(&key, checkbox.on_toggle(on_toggle))
            }
            None => self.ring(&key, checkbox),
        }
    }

    /// A choice among values (a pick list, radio buttons): Left/Up sends
    /// `previous`, Right/Down `next`.
    pub fn choice<'a>(
        &self,
        key: impl Into<Key>,
        control: impl Into<Element<'a, M>>,
        previous: Option<M>,
        next: Option<M>,
    ) -> Element<'a, M>
    where
        M: 'a,
    {
        let key = key.into();
        self.record(&key, Kind::Choice { previous, next });
        self.ring(&key, control)
    }

    /// A text field; its widget id is set from `key` ([`Key::field_id`]).
    /// Only a field that takes input (`editable`) takes the focus.
    pub fn field<'a>(
        &self,
        key: impl Into<Key>,
        input: TextInput<'a, M>,
        editable: bool,
    ) -> Element<'a, M>
    where
        M: 'a,
    {
        let key = key.into();
        let id = key.field_id();
        if editable {
            self.record(&key, Kind::Field(id.clone()));
        }
        self.ring(&key, input.id(id))
    }

    /// A multi-line text editor, like [`Focus::field`]: `editor` builds it
    /// with the widget id it is given.
    pub fn editor<'a, E: Into<Element<'a, M>>>(
        &self,
        key: impl Into<Key>,
        editor: impl FnOnce(iced::widget::Id) -> E,
    ) -> Element<'a, M>
    where
        M: 'a,
    {
        let key = key.into();
        let id = key.field_id();
        self.record(&key, Kind::Field(id.clone()));
        self.ring(&key, editor(id))
    }

    /// Records a list that handles its own keys ([`Kind::List`]); the list
    /// draws its own focus (the code list's selected row).
    pub fn list(&self, key: impl Into<Key>) -> bool {
        let key = key.into();
        self.record(&key, Kind::List);
        self.is_focused(&key)
    }
}

/// The values either side of `selected` in `options` (for a pick list's
/// arrows): the previous one and the next one, none past either end.
pub fn neighbours<T: Clone + PartialEq>(
    options: &[T],
    selected: Option<&T>,
) -> (Option<T>, Option<T>) {
    let at = selected.and_then(|s| options.iter().position(|o| o == s));
    match at {
        Some(i) => (
            i.checked_sub(1).and_then(|p| options.get(p)).cloned(),
            options.get(i + 1).cloned(),
        ),
        None => (None, options.first().cloned()),
    }
}

/// Which control has the focus, kept by the root for the screen that is up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    /// The screen this focus belongs to ([`crate::gui::App::screen_name`]).
    pub screen: &'static str,
    /// The focused control.
    pub key: Option<Key>,
    /// Whether the ring is shown (the keyboard moved the focus).
    pub visible: bool,
    /// Whether that control has the keyboard now: Enter, Space and the
    /// arrows operate it, and a text field holds iced's focus too. A click
    /// on nothing that takes the focus (or Escape in a field, which iced
    /// answers by unfocusing it) leaves `key` only as the place Tab goes on
    /// from.
    pub active: bool,
}

impl State {
    /// The control that wears the ring now.
    pub fn ring(&self) -> Option<Key> {
        self.key.clone().filter(|_| self.visible && self.active)
    }
}

/// Where a mouse press (or Escape in a text field) left the focus, read
/// from the widgets themselves ([`sync`]): the ring the press landed in, and
/// the text field iced has focused (a click into a field focuses it in iced,
/// a click anywhere else unfocuses it, and the app is told neither).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clicked {
    /// The widget id of the ring the press landed in (the innermost).
    pub ring: Option<iced::widget::Id>,
    /// The widget id of the text field (or editor) iced has focused.
    pub field: Option<iced::widget::Id>,
}

/// Asks the widgets where the focus is after a mouse press (`pointer`) or
/// a key a field took ([`Clicked`]); each ring forgets the press it noted.
pub fn sync(pointer: bool) -> iced::Task<Clicked> {
    iced_runtime::task::widget(ring::Sync {
        pointer,
        found: Clicked::default(),
    })
}

/// The ring round every control: a container that also notes whether the
/// last mouse press landed on it (iced tells the app nothing of a click on
/// a button or into a field, and a button takes the press before any
/// `mouse_area` round it sees it), and the operation that reads that back.
mod ring {
    use std::any::Any;

    use iced::widget::Id;
    use iced::{Element, Event, Length, Rectangle, Size, Vector};
    use iced_runtime::core::widget::operation::{Focusable, Outcome};
    use iced_runtime::core::widget::{Operation, Tree, Widget, tree};
    use iced_runtime::core::{Clipboard, Layout, Shell, layout, mouse, overlay, renderer, touch};

    /// What a ring keeps between views.
    #[derive(Debug, Default)]
    pub(super) struct Pressed(pub(super) bool);

    pub(super) struct Ring<'a, M, T, R> {
        id: Id,
        content: Element<'a, M, T, R>,
    }

    impl<'a, M, T, R> Ring<'a, M, T, R> {
        pub(super) fn new(id: Id, content: impl Into<Element<'a, M, T, R>>) -> Self {
            Self {
                id,
                content: content.into(),
            }
        }
    }

    impl<M, T, R: renderer::Renderer> Widget<M, T, R> for Ring<'_, M, T, R> {
        fn tag(&self) -> tree::Tag {
            tree::Tag::of::<Pressed>()
        }

        fn state(&self) -> tree::State {
            tree::State::new(Pressed::default())
        }

        fn children(&self) -> Vec<Tree> {
            vec![Tree::new(&self.content)]
        }

        fn diff(&self, tree: &mut Tree) {
            tree.diff_children(std::slice::from_ref(&self.content));
        }

        fn size(&self) -> Size<Length> {
            self.content.as_widget().size()
        }

        fn size_hint(&self) -> Size<Length> {
            self.content.as_widget().size_hint()
        }

        fn layout(
            &mut self,
            tree: &mut Tree,
            renderer: &R,
            limits: &layout::Limits,
        ) -> layout::Node {
            self.content
                .as_widget_mut()
                .layout(&mut tree.children[0], renderer, limits)
        }

        fn draw(
            &self,
            tree: &Tree,
            renderer: &mut R,
            theme: &T,
            style: &renderer::Style,
            layout: Layout<'_>,
            cursor: mouse::Cursor,
            viewport: &Rectangle,
        ) {
            self.content.as_widget().draw(
                &tree.children[0],
                renderer,
                theme,
                style,
                layout,
                cursor,
                viewport,
            );
        }

        fn operate(
            &mut self,
            tree: &mut Tree,
            layout: Layout<'_>,
            renderer: &R,
            operation: &mut dyn Operation,
        ) {
            operation.custom(
                Some(&self.id),
                layout.bounds(),
                tree.state.downcast_mut::<Pressed>(),
            );
            self.content.as_widget_mut().operate(
                &mut tree.children[0],
                layout,
                renderer,
                operation,
            );
        }

        fn update(
            &mut self,
            tree: &mut Tree,
            event: &Event,
            layout: Layout<'_>,
            cursor: mouse::Cursor,
            renderer: &R,
            clipboard: &mut dyn Clipboard,
            shell: &mut Shell<'_, M>,
            viewport: &Rectangle,
        ) {
            // Noted whatever the control does with the press.
            if matches!(
                event,
                Event::Mouse(mouse::Event::ButtonPressed(_))
                    | Event::Touch(touch::Event::FingerPressed { .. })
            ) {
                tree.state.downcast_mut::<Pressed>().0 = cursor.is_over(layout.bounds());
            }
            self.content.as_widget_mut().update(
                &mut tree.children[0],
                event,
                layout,
                cursor,
                renderer,
                clipboard,
                shell,
                viewport,
            );
        }

        fn mouse_interaction(
            &self,
            tree: &Tree,
            layout: Layout<'_>,
            cursor: mouse::Cursor,
            viewport: &Rectangle,
            renderer: &R,
        ) -> mouse::Interaction {
            self.content.as_widget().mouse_interaction(
                &tree.children[0],
                layout,
                cursor,
                viewport,
                renderer,
            )
        }

        fn overlay<'b>(
            &'b mut self,
            tree: &'b mut Tree,
            layout: Layout<'b>,
            renderer: &R,
            viewport: &Rectangle,
            translation: Vector,
        ) -> Option<overlay::Element<'b, M, T, R>> {
            self.content.as_widget_mut().overlay(
                &mut tree.children[0],
                layout,
                renderer,
                viewport,
                translation,
            )
        }
    }

    /// Reads (and clears) the rings' notes and finds the focused field.
    pub(super) struct Sync {
        pub(super) pointer: bool,
        pub(super) found: super::Clicked,
    }

    impl Operation<super::Clicked> for Sync {
        fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation<super::Clicked>)) {
            operate(self);
        }

        fn custom(&mut self, id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Any) {
            if let Some(pressed) = state.downcast_mut::<Pressed>()
                && std::mem::take(&mut pressed.0)
                && self.pointer
            {
                self.found.ring = id.cloned();
            }
        }

        fn focusable(&mut self, id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
            if state.is_focused() {
                self.found.field = id.cloned();
            }
        }

        fn finish(&self) -> Outcome<super::Clicked> {
            Outcome::Some(self.found.clone())
        }
    }
}

/// Which way Tab moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Tab.
    Forward,
    /// Shift+Tab.
    Backward,
}

/// The control after (or before) `current` in `controls`, wrapping around;
/// from none (or one no longer shown) the first (or the last).
pub fn step<'c, M>(
    controls: &'c [Control<M>],
    current: Option<&Key>,
    direction: Direction,
) -> Option<&'c Control<M>> {
    let n = controls.len();
    if n == 0 {
        return None;
    }
    let at = current.and_then(|key| controls.iter().position(|c| &c.key == key));
    let i = match (at, direction) {
        (Some(i), Direction::Forward) => (i + 1) % n,
        (Some(i), Direction::Backward) => (i + n - 1) % n,
        (None, Direction::Forward) => 0,
        (None, Direction::Backward) => n - 1,
    };
    controls.get(i)
}

/// How far a control revealed by [`reveal`] stands from the scrolled
/// area's edge.
const REVEAL_MARGIN: f32 = 12.0;

/// Scrolls the control whose ring has the id `ring` into view (iced 0.14
/// does not): the innermost scrollable holding it is scrolled, by the
/// least amount, so the whole ring shows with a margin (or its top, when it
/// is taller than the visible part). Nothing happens when it already shows,
/// when no scrollable holds it, or when that scrollable is `skip` (a list
/// that keeps its own selection in view).
pub fn reveal<M: Send + 'static>(ring: iced::widget::Id, skip: iced::widget::Id) -> iced::Task<M> {
    iced_runtime::task::effect(iced_runtime::Action::widget(reveal::Find {
        ring,
        skip,
        seen: Vec::new(),
        target: None,
    }))
}

/// The operations behind [`reveal`]: one pass finds the ring and the
/// scrollables before it, a second (chained) one scrolls the one found.
mod reveal {
    use iced::widget::Id;
    use iced::widget::operation::AbsoluteOffset;
    use iced::{Rectangle, Vector};
    use iced_runtime::core::widget::Operation;
    use iced_runtime::core::widget::operation::{Outcome, Scrollable};

    /// A scrollable met before the ring, in the order of the traversal.
    pub(super) struct Seen {
        bounds: Rectangle,
        content: Rectangle,
        translation: Vector,
        skip: bool,
    }

    pub(super) struct Find {
        pub(super) ring: Id,
        pub(super) skip: Id,
        pub(super) seen: Vec<Seen>,
        /// The ring's bounds (in the content's own layout, unscrolled) and
        /// how many scrollables came before it.
        pub(super) target: Option<(Rectangle, usize)>,
    }

    impl Operation for Find {
        fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
            if self.target.is_none() {
                operate(self);
            }
        }

        fn container(&mut self, id: Option<&Id>, bounds: Rectangle) {
            if self.target.is_none() && id == Some(&self.ring) {
                self.target = Some((bounds, self.seen.len()));
            }
        }

        fn scrollable(
            &mut self,
            id: Option<&Id>,
            bounds: Rectangle,
            content: Rectangle,
            translation: Vector,
            _state: &mut dyn Scrollable,
        ) {
            if self.target.is_none() {
                self.seen.push(Seen {
                    bounds,
                    content,
                    translation,
                    skip: id == Some(&self.skip),
                });
            }
        }

        fn finish(&self) -> Outcome<()> {
            let Some((ring, before)) = self.target else {
                return Outcome::None;
            };
            // The innermost scrollable holding the ring: the last one met
            // before it whose content spans it.
            let holder = self.seen[..before].iter().enumerate().rev().find(|(_, s)| {
                s.content.y <= ring.y + 0.5
                    && ring.y + ring.height <= s.content.y + s.content.height + 0.5
                    && s.content.x <= ring.x + ring.width
                    && ring.x <= s.content.x + s.content.width
            });
            match holder {
                Some((index, s)) if !s.skip => match offset(s, ring) {
                    Some(y) => Outcome::Chain(Box::new(ScrollNth { index, y, at: 0 })),
                    None => Outcome::None,
                },
                _ => Outcome::None,
            }
        }
    }

    /// The vertical offset that shows `ring` in `s` by the least scroll,
    /// or `None` when it shows already.
    pub(super) fn offset(s: &Seen, ring: Rectangle) -> Option<f32> {
        let top = ring.y - s.translation.y;
        let bottom = top + ring.height;
        let view_top = s.bounds.y;
        let view_bottom = s.bounds.y + s.bounds.height;
        let most = (s.content.height - s.bounds.height).max(0.0);
        let y = if top < view_top {
            s.translation.y - (view_top - top) - super::REVEAL_MARGIN
        } else if bottom > view_bottom {
            let down = s.translation.y + (bottom - view_bottom) + super::REVEAL_MARGIN;
            // Taller than the view: its top shows.
            down.min(s.translation.y + (top - view_top) - super::REVEAL_MARGIN)
        } else {
            return None;
        };
        Some(y.clamp(0.0, most))
    }

    /// Scrolls the `index`-th scrollable of the traversal to `y`.
    struct ScrollNth {
        index: usize,
        y: f32,
        at: usize,
    }

    impl Operation for ScrollNth {
        fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
            if self.at <= self.index {
                operate(self);
            }
        }

        fn scrollable(
            &mut self,
            _id: Option<&Id>,
            _bounds: Rectangle,
            _content: Rectangle,
            _translation: Vector,
            state: &mut dyn Scrollable,
        ) {
            if self.at == self.index {
                state.scroll_to(AbsoluteOffset {
                    x: None,
                    y: Some(self.y),
                });
            }
            self.at += 1;
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn seen(translation: f32) -> Seen {
            Seen {
                bounds: Rectangle::new([0.0, 100.0].into(), [400.0, 300.0].into()),
                content: Rectangle::new([0.0, 100.0].into(), [400.0, 1000.0].into()),
                translation: Vector::new(0.0, translation),
                skip: false,
            }
        }

        fn ring(y: f32, height: f32) -> Rectangle {
            Rectangle::new([10.0, y].into(), [100.0, height].into())
        }

        #[test]
        fn scrolls_the_least_to_show_a_control() {
            // In view: nothing.
            assert_eq!(offset(&seen(0.0), ring(150.0, 40.0)), None);
            // Below the view (its bottom at 590, the view's at 400).
            assert_eq!(offset(&seen(0.0), ring(550.0, 40.0)), Some(202.0));
            // Above it, once scrolled down.
            assert_eq!(offset(&seen(500.0), ring(550.0, 40.0)), Some(438.0));
            // Never past either end.
            assert_eq!(offset(&seen(500.0), ring(100.0, 40.0)), Some(0.0));
            assert_eq!(offset(&seen(0.0), ring(1060.0, 40.0)), Some(700.0));
            // Taller than the view: its top shows.
            assert_eq!(offset(&seen(0.0), ring(500.0, 500.0)), Some(388.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&'static str]) -> Vec<Control<u8>> {
        names
            .iter()
            .map(|n| Control {
                key: Key::new(n),
                kind: Kind::Press(0),
            })
            .collect()
    }

    #[test]
    fn tab_wraps_both_ways_and_starts_at_either_end() {
        let c = list(&["a", "b", "c"]);
        let name = |c: Option<&Control<u8>>| c.map(|c| c.key.to_string());
        assert_eq!(name(step(&c, None, Direction::Forward)), Some("a".into()));
        assert_eq!(name(step(&c, None, Direction::Backward)), Some("c".into()));
        let c_key = Key::new("c");
        assert_eq!(
            name(step(&c, Some(&c_key), Direction::Forward)),
            Some("a".into())
        );
        let a_key = Key::new("a");
        assert_eq!(
            name(step(&c, Some(&a_key), Direction::Backward)),
            Some("c".into())
        );
        let gone = Key::new("gone");
        assert_eq!(
            name(step(&c, Some(&gone), Direction::Forward)),
            Some("a".into())
        );
        assert!(step(&list(&[]), None, Direction::Forward).is_none());
    }

    #[test]
    fn neighbours_stop_at_the_ends() {
        let o = [1, 2, 3];
        assert_eq!(neighbours(&o, Some(&1)), (None, Some(2)));
        assert_eq!(neighbours(&o, Some(&2)), (Some(1), Some(3)));
        assert_eq!(neighbours(&o, Some(&3)), (Some(2), None));
        assert_eq!(neighbours(&o, None), (None, Some(1)));
    }

    #[test]
    fn recording_maps_messages_and_keeps_the_order() {
        let (focus, list) = Focus::<u16>::recording();
        let inner: Focus<u8> = focus.map(u16::from);
        let _ = inner.button("one", iced::widget::button("1"), Some(1));
        let _ = inner.button("off", iced::widget::button("x"), None);
        let _ = inner.checkbox(
            Key::indexed("tick", 2),
            iced::widget::checkbox(false),
            false,
            Some(|on: bool| u8::from(on) + 10),
        );
        let got: Vec<(String, Option<u16>)> = list
            .borrow()
            .iter()
            .map(|c| {
                let m = match &c.kind {
                    Kind::Press(m) => Some(*m),
                    _ => None,
                };
                (c.key.to_string(), m)
            })
            .collect();
        assert_eq!(
            got,
            vec![("one".into(), Some(1)), ("tick#2".into(), Some(11))]
        );
    }
}
