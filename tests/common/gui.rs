//! The desktop app driven headlessly: the real `App::update` and `App::view`
//! under `iced_test`'s simulator (tiny-skia is the only renderer built), with
//! the tasks the app returns run for real (vault files in a temporary
//! directory, a cheap KDF, an in-memory keyring) and the clipboard faked by
//! answering iced's clipboard actions. Shared by `tests/gui_*.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::Arc;

use iced::keyboard::key::Named;
use iced_test::runtime::{self, Action};
pub use iced_test::selector::id;
use iced_test::{Simulator, simulator};

use tessera::clock::Timestamp;
use tessera::gui::app::{on_key, on_pointer};
use tessera::gui::i18n::Lang;
use tessera::gui::screen::unlock;
pub use tessera::gui::widget::code_row::RowAction;
use tessera::gui::{App, Environment, Message};
use tessera::keystore::MemoryKeystore;
use tessera::otp::{Account, Params, decode_base32};
use tessera::secret::Password;
pub use tessera::vault::{Entry, KdfPolicy, Unlock, Vault};

/// Scrolls the widget with this id into view when it is out of view (below
/// the fold of a long screen such as the settings), with the mouse wheel over
/// the page, as a person would before clicking it. Nothing happens when it is
/// in view or not there (the click then says why).
pub fn reach(ui: &mut Simulator<'_, Message>, control: impl Into<iced::widget::Id>) {
    let found = ui
        .find(id(control.into()))
        .ok()
        .map(|t| (t.bounds(), t.visible_bounds()));
    scroll_into_view(ui, found);
}

/// [`reach`] for a text (a button's label).
pub fn reach_text(ui: &mut Simulator<'_, Message>, text: &str) {
    let text = text.to_owned();
    let found = ui
        .find(
            move |candidate: iced_test::selector::Candidate<'_>| match candidate {
                iced_test::selector::Candidate::Text {
                    content,
                    bounds,
                    visible_bounds,
                    ..
                } if content == text => Some((bounds, visible_bounds)),
                _ => None,
            },
        )
        .ok();
    scroll_into_view(ui, found);
}

fn scroll_into_view(
    ui: &mut Simulator<'_, Message>,
    found: Option<(iced::Rectangle, Option<iced::Rectangle>)>,
) {
    let Some((bounds, None)) = found else {
        return;
    };
    let over = iced::Point::new(bounds.center_x(), 300.0);
    ui.point_at(over);
    let _ = ui.simulate([iced::Event::Mouse(iced::mouse::Event::WheelScrolled {
        delta: iced::mouse::ScrollDelta::Pixels {
            x: 0.0,
            y: over.y - bounds.center_y(),
        },
    })]);
}

pub const PASSWORD: &str = "correct horse battery staple";
pub const KEY: &str = "JBSWY3DPEHPK3PXP";
/// 2023-11-14T22:13:20Z: 10 seconds left in its 30-second period.
pub const T0: Timestamp = Timestamp(1_700_000_000);

pub struct Harness {
    pub app: App,
    pub clipboard: Option<String>,
    pub runtime: tokio::runtime::Runtime,
    pub keystore: Arc<MemoryKeystore>,
    pub dir: tempfile::TempDir,
    /// Tasks started by [`Harness::interact_briefly`] and still running.
    pub running: Vec<super::drive::Running>,
    /// Views are laid out in a window this tall (the default: 768, the
    /// test window's), e.g. to keep a whole settings page in view.
    pub height: f32,
    /// And this wide (the default: 1024), in logical pixels: the default
    /// window (560) divided by the text size, say.
    pub width: f32,
    /// A window whose widget state lasts between views (the scroll
    /// offsets), where the widget operations the app's tasks ask for are
    /// run, as the running app runs them ([`Harness::keep_window`]).
    pub window: Option<Window>,
    /// Keys and clicks go to that window, whose widgets keep their state
    /// (which text field iced has focused) as the running app's do
    /// ([`Harness::live`]).
    live: bool,
    /// Where the mouse is in a live window.
    cursor: iced::mouse::Cursor,
}

/// A window whose widgets keep their state (a scrollable's offset) from one
/// view of the app to the next, as the running app's do; `ui()` builds a
/// fresh one each time instead.
pub struct Window {
    cache: Option<iced_test::runtime::user_interface::Cache>,
    renderer: iced_test::renderer::Renderer,
    size: iced::Size,
}

impl Window {
    fn new(size: iced::Size) -> Self {
        use iced_test::core::renderer::Headless;
        let backend = std::env::var("ICED_TEST_BACKEND").ok();
        let renderer = iced_test::futures::futures::executor::block_on(
            <iced_test::renderer::Renderer as Headless>::new(
                iced::Font::with_name("Fira Sans"),
                iced::Pixels(16.0),
                backend.as_deref(),
            ),
        )
        .expect("a headless renderer");
        Self {
            cache: Some(iced_test::runtime::user_interface::Cache::default()),
            renderer,
            size,
        }
    }

    /// Runs `f` on the app's view laid out in this window, keeping the
    /// widgets' state for the next time.
    fn with_ui<T>(
        &mut self,
        app: &App,
        f: impl FnOnce(
            &mut iced_test::runtime::UserInterface<'_, Message, iced::Theme, iced::Renderer>,
            &iced::Renderer,
        ) -> T,
    ) -> T {
        let cache = self.cache.take().unwrap_or_default();
        let mut ui = iced_test::runtime::UserInterface::build(
            app.view(),
            self.size,
            cache,
            &mut self.renderer,
        );
        let out = f(&mut ui, &self.renderer);
        self.cache = Some(ui.into_cache());
        out
    }

    /// Delivers `event` to the app's view laid out in this window (its
    /// widgets keep their state), with the mouse at `cursor`: the messages
    /// the widgets sent and whether one captured the event.
    fn event(
        &mut self,
        app: &App,
        cursor: iced::mouse::Cursor,
        event: iced::Event,
    ) -> (Vec<Message>, iced::event::Status) {
        let cache = self.cache.take().unwrap_or_default();
        let mut ui = iced_test::runtime::UserInterface::build(
            app.view(),
            self.size,
            cache,
            &mut self.renderer,
        );
        let mut messages = Vec::new();
        let (_, statuses) = ui.update(
            &[event],
            cursor,
            &mut self.renderer,
            &mut iced_test::core::clipboard::Null,
            &mut messages,
        );
        self.cache = Some(ui.into_cache());
        (
            messages,
            statuses
                .first()
                .copied()
                .unwrap_or(iced::event::Status::Ignored),
        )
    }

    /// What `selector` finds in the view as laid out in this window.
    pub fn locate<S>(&mut self, app: &App, selector: S) -> Option<S::Output>
    where
        S: iced_test::Selector + Send,
        S::Output: Clone + Send,
    {
        use iced_test::core::widget::Operation as _;
        self.with_ui(app, |ui, renderer| {
            let mut find = selector.find();
            ui.operate(
                renderer,
                &mut iced_test::core::widget::operation::black_box(&mut find),
            );
            match find.finish() {
                iced_test::core::widget::operation::Outcome::Some(found) => found,
                _ => None,
            }
        })
    }

    /// Runs a widget operation (and those it chains), as the runtime does.
    fn operate(&mut self, app: &App, operation: Operation) {
        use iced_test::core::widget::operation::Outcome;
        self.with_ui(app, |ui, renderer| {
            let mut next = Some(operation);
            while let Some(mut operation) = next.take() {
                ui.operate(renderer, operation.as_mut());
                if let Outcome::Chain(chained) = operation.finish() {
                    next = Some(chained);
                }
            }
        });
    }

    /// The widget with this id as it shows now (its bounds on screen and
    /// the part of them in view).
    pub fn find(&mut self, app: &App, id: iced::widget::Id) -> Option<iced_test::selector::Target> {
        self.locate(app, iced_test::selector::id(id))
    }

    /// The text `content` as it shows now (the first one found).
    pub fn find_text(&mut self, app: &App, content: &str) -> Option<iced_test::selector::Text> {
        self.locate(app, content)
    }

    /// The window's size.
    pub fn size(&self) -> iced::Size {
        self.size
    }

    /// A frame: the window asks every widget to redraw (what the running
    /// app's window sends before it draws), and what they report is
    /// returned.
    fn redraw(&mut self, app: &App) -> Vec<Message> {
        self.event(app, iced::mouse::Cursor::Unavailable, redraw_event())
            .0
    }
}

/// What a window sends its widgets before each frame.
pub fn redraw_event() -> iced::Event {
    iced::Event::Window(iced::window::Event::RedrawRequested(
        iced::time::Instant::now(),
    ))
}

/// The runtime the app's tasks run on.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A widget operation a task asked for (focus a field, scroll).
pub type Operation = Box<dyn iced_test::core::widget::Operation>;

/// What the fake clipboard does with a non-message action; widget
/// operations run at once in the [`Window`] if there is one (and may report
/// back), else are dropped (`ui()` lays each view out afresh).
fn answer(
    clipboard: &mut Option<String>,
    window: &mut Option<Window>,
    app: &App,
    action: Action<Message>,
) {
    match action {
        Action::Widget(operation) => {
            if let Some(window) = window {
                window.operate(app, operation);
            }
        }
        Action::Clipboard(runtime::clipboard::Action::Write { contents, .. }) => {
            *clipboard = Some(contents);
        }
        Action::Clipboard(runtime::clipboard::Action::Read { channel, .. }) => {
            let _ = channel.send(clipboard.clone());
        }
        _ => {}
    }
}

impl Harness {
    /// The id of the vault's entry whose issuer is `issuer`.
    pub fn id_of_issuer(&self, issuer: &str) -> tessera::vault::EntryId {
        self.app
            .entries()
            .iter()
            .find(|e| e.account.issuer == issuer)
            .unwrap_or_else(|| panic!("no entry of issuer {issuer}"))
            .id
            .clone()
    }

    pub fn env(dir: &tempfile::TempDir, keystore: Arc<MemoryKeystore>, lang: Lang) -> Environment {
        // Tests never ask the machine's own clock service or desktop.
        Environment {
            settings_path: Some(dir.path().join("config/settings.toml")),
            system_lang: lang,
            capture: no_capture(),
            ..Environment::isolated(
                dir.path().join("data/vault.tessera"),
                dir.path().join("state"),
                KdfPolicy::insecure_for_tests(),
                keystore,
                T0,
            )
        }
    }

    /// A harness whose vault directory may be prepared before [`Harness::start`].
    pub fn prepare() -> (tempfile::TempDir, Arc<MemoryKeystore>) {
        (
            tempfile::tempdir().unwrap(),
            Arc::new(MemoryKeystore::new()),
        )
    }

    pub fn start_with(
        dir: tempfile::TempDir,
        keystore: Arc<MemoryKeystore>,
        env: Environment,
    ) -> Self {
        let (app, boot) = App::new(env);
        let mut harness = Self {
            app,
            clipboard: None,
            runtime: runtime(),
            keystore,
            dir,
            running: Vec::new(),
            height: 768.0,
            width: 1024.0,
            window: None,
            live: false,
            cursor: iced::mouse::Cursor::Unavailable,
        };
        harness.run(boot);
        harness
    }

    pub fn start(dir: tempfile::TempDir, keystore: Arc<MemoryKeystore>, lang: Lang) -> Self {
        let env = Self::env(&dir, keystore.clone(), lang);
        Self::start_with(dir, keystore, env)
    }

    pub fn vault_path(&self) -> PathBuf {
        self.dir.path().join("data/vault.tessera")
    }

    /// Runs a task to completion, feeding its messages back into `update`
    /// and answering clipboard actions from the fake clipboard.
    pub fn run(&mut self, task: iced::Task<Message>) {
        let clipboard = &mut self.clipboard;
        let window = &mut self.window;
        super::drive::drive_with(&mut self.app, &self.runtime, task, |app, action| {
            answer(clipboard, window, app, action)
        });
    }

    /// From now on, views are also laid out in a [`Window`] of this
    /// harness's size whose widgets keep their state, and the widget
    /// operations the app asks for run there.
    pub fn keep_window(&mut self) {
        self.window = Some(Window::new(iced::Size::new(self.width, self.height)));
    }

    /// From now on the harness is the running window: keys and clicks go
    /// to a [`Window`] whose widgets keep their state between events (which
    /// text field iced has focused, where the mouse is), one event at a
    /// time, and the app hears of them as through its subscriptions: keys
    /// no widget captured (`on_key`), mouse presses and Escape taken by a
    /// field (`on_pointer`). Nothing is faked: a field has iced's focus only
    /// if a click or the app's own operation gave it.
    pub fn live(&mut self) {
        self.keep_window();
        self.live = true;
    }

    /// One event to the live window, and what the app makes of it.
    fn live_event(&mut self, event: iced::Event) {
        let window = self.window.as_mut().expect("a live window");
        if let iced::Event::Mouse(iced::mouse::Event::CursorMoved { position }) = event {
            self.cursor = iced::mouse::Cursor::Available(position);
        }
        let (messages, status) = window.event(&self.app, self.cursor, event.clone());
        let mut heard = Vec::new();
        if let Some(message) = on_pointer(event.clone(), status, iced::window::Id::unique()) {
            heard.push(message);
        }
        if status != iced::event::Status::Captured
            && let iced::Event::Keyboard(key) = event
            && let Some(message) = on_key(key)
        {
            heard.push(message);
        }
        for message in messages.into_iter().chain(heard) {
            self.update(message);
        }
    }

    /// The mouse moved to `point` of the live window (onto a card: its
    /// actions show).
    pub fn live_point_at(&mut self, point: iced::Point) {
        self.live_event(iced::Event::Mouse(iced::mouse::Event::CursorMoved {
            position: point,
        }));
    }

    /// A left click at `point` of the live window.
    pub fn live_click_at(&mut self, point: iced::Point) {
        self.live_point_at(point);
        for event in simulator::click() {
            self.live_event(event);
        }
    }

    /// A left click in the middle of what `selector` finds in the live
    /// window (as it shows now: scrolled, focused).
    pub fn live_click<S>(&mut self, selector: S)
    where
        S: iced_test::Selector + Send,
        S::Output: iced_test::selector::Bounded + Clone + Send + std::fmt::Debug,
    {
        let description = selector.description();
        let window = self.window.as_mut().expect("a live window");
        let found = window
            .locate(&self.app, selector)
            .unwrap_or_else(|| panic!("{description} is not in the window"));
        let bounds = iced_test::selector::Bounded::visible_bounds(&found)
            .unwrap_or_else(|| panic!("{description} is out of view: {found:?}"));
        self.live_click_at(bounds.center());
    }

    pub fn update(&mut self, message: Message) {
        let task = self.app.update(message);
        self.run(task);
    }

    /// Like [`Harness::interact`], but the tasks started are only given a
    /// moment: one still busy then (a KDF) is kept in `running`, as the
    /// app would leave it running, until [`Harness::finish_running`].
    pub fn interact_briefly(&mut self, f: impl FnOnce(&mut Simulator<'_, Message>)) {
        let messages: Vec<Message> = {
            let mut ui = self.ui();
            f(&mut ui);
            ui.into_messages().collect()
        };
        for message in messages {
            self.update_briefly(message);
        }
    }

    /// Like [`Harness::update`], leaving what it starts running (see
    /// [`Harness::interact_briefly`]).
    pub fn update_briefly(&mut self, message: Message) {
        let task = self.app.update(message);
        let clipboard = &mut self.clipboard;
        let window = &mut self.window;
        let running = super::drive::drive_briefly(
            &mut self.app,
            &self.runtime,
            task,
            std::time::Duration::from_millis(100),
            |app, action| answer(clipboard, window, app, action),
        );
        self.running.extend(running);
    }

    /// Clicks `text`, leaving what it starts running.
    pub fn click_briefly(&mut self, text: &str) {
        let text = text.to_owned();
        self.interact_briefly(move |ui| {
            reach_text(ui, text.as_str());
            let _ = ui
                .click(text.as_str())
                .unwrap_or_else(|e| panic!("click {text:?}: {e}"));
        });
    }

    /// Presses Enter in `field`, leaving what it starts running.
    pub fn submit_briefly(&mut self, field: &'static str) {
        self.interact_briefly(move |ui| {
            reach(ui, field);
            let _ = ui.click(id(field)).unwrap();
            let _ = ui.tap_key(Named::Enter);
        });
    }

    /// Runs the tasks left running to their end, delivering whatever they
    /// still report, then waits for the work on the blocking pool to end
    /// too (a task the app abandoned finishes its KDF there, and whatever it
    /// would still write is written by then).
    pub fn finish_running(&mut self) {
        let running = std::mem::take(&mut self.running);
        let clipboard = &mut self.clipboard;
        let window = &mut self.window;
        super::drive::finish(&mut self.app, &self.runtime, running, |app, action| {
            answer(clipboard, window, app, action)
        });
        let old = std::mem::replace(&mut self.runtime, runtime());
        old.shutdown_timeout(std::time::Duration::from_secs(120));
    }

    pub fn ui(&self) -> Simulator<'_, Message> {
        if self.height == 768.0 && self.width == 1024.0 {
            simulator(self.app.view())
        } else {
            Simulator::with_size(
                iced::Settings::default(),
                (self.width, self.height),
                self.app.view(),
            )
        }
    }

    /// A frame of the window (the kept one, else a fresh view): what the
    /// widgets report when the window redraws (the list's size, say) is
    /// delivered, as the running app's window does before every frame.
    pub fn frame(&mut self) {
        let messages: Vec<Message> = match &mut self.window {
            Some(window) => window.redraw(&self.app),
            None => {
                let mut ui = self.ui();
                let _ = ui.simulate([redraw_event()]);
                ui.into_messages().collect()
            }
        };
        for message in messages {
            self.update(message);
        }
    }

    /// Runs an interaction on a fresh view, then delivers its messages.
    pub fn interact(&mut self, f: impl FnOnce(&mut Simulator<'_, Message>)) {
        let messages: Vec<Message> = {
            let mut ui = self.ui();
            f(&mut ui);
            ui.into_messages().collect()
        };
        for message in messages {
            self.update(message);
        }
    }

    pub fn click(&mut self, text: &str) {
        let text = text.to_owned();
        self.interact(move |ui| {
            reach_text(ui, text.as_str());
            let _ = ui
                .click(text.as_str())
                .unwrap_or_else(|e| panic!("click {text:?}: {e}"));
        });
    }

    /// Clicks the widget with this id (the header's icon buttons have no text).
    pub fn click_id(&mut self, control: &'static str) {
        self.interact(move |ui| {
            reach(ui, control);
            let _ = ui
                .click(id(control))
                .unwrap_or_else(|e| panic!("click #{control}: {e}"));
        });
    }

    /// One of a card's actions, as a mouse user reaches it: the pointer on
    /// the card (what its `mouse_area` reports), then a click on the action's
    /// icon. `which` picks the entry by its account name, or by its issuer
    /// when the name is empty.
    pub fn row_action(&mut self, which: &str, action: RowAction) {
        use tessera::gui::screen::codes;
        let entry = self
            .app
            .entries()
            .iter()
            .find(|e| {
                e.account.name == which
                    || (!which.is_empty() && e.account.issuer == which)
                    || (which.is_empty() && e.account.name.is_empty())
            })
            .unwrap_or_else(|| panic!("no account {which:?}"))
            .id
            .clone();
        self.update(Message::Codes(codes::Message::Hovered(Some(entry.clone()))));
        let control = tessera::gui::widget::code_row::action_id(action, &entry);
        self.interact(move |ui| {
            reach(ui, control.clone());
            let _ = ui
                .click(id(control.clone()))
                .unwrap_or_else(|e| panic!("click {control}: {e}"));
        });
    }

    pub fn type_into(&mut self, field: &'static str, text: &str) {
        let text = text.to_owned();
        self.interact(move |ui| {
            reach(ui, field);
            let _ = ui
                .click(id(field))
                .unwrap_or_else(|e| panic!("field {field}: {e}"));
            let _ = ui.typewrite(&text);
        });
    }

    pub fn submit(&mut self, field: &'static str) {
        self.interact(move |ui| {
            reach(ui, field);
            let _ = ui.click(id(field)).unwrap();
            let _ = ui.tap_key(Named::Enter);
        });
    }

    /// Keys pressed while no widget has focus, through the app's real key mapping.
    pub fn keys(&mut self, events: impl IntoIterator<Item = iced::Event>) {
        for event in events {
            if let iced::Event::Keyboard(event) = event
                && let Some(message) = on_key(event)
            {
                self.update(message);
            }
        }
    }

    /// A key pressed as the running app gets it: the text field the app's
    /// focus model focused holds iced's focus (in the window the app's
    /// `operation::focus` does that; here the field is clicked, with the
    /// cursor sent to its end), the widgets see the key first, and a key
    /// none of them captured goes through the app's real key mapping (the
    /// `keyboard::listen` subscription).
    pub fn press_key(&mut self, events: Vec<iced::Event>) {
        if self.live {
            for event in events {
                self.live_event(event);
            }
            return;
        }
        let field = self.app.focused_field();
        let (messages, uncaptured) = {
            let mut ui = self.ui();
            if let Some(field) = field {
                // Below the fold of a fresh view (a short window), the
                // field is scrolled to first, as a person would.
                reach(&mut ui, field.clone());
                let _ = ui
                    .click(field.clone())
                    .unwrap_or_else(|e| panic!("focused field {field:?}: {e}"));
                let _ = ui.tap_key(Named::End);
            }
            let mut uncaptured = Vec::new();
            for event in events {
                let status = ui.simulate([event.clone()]);
                if status.first() != Some(&iced::event::Status::Captured)
                    && let iced::Event::Keyboard(event) = event
                    && let Some(message) = on_key(event)
                {
                    uncaptured.push(message);
                }
            }
            let messages: Vec<Message> = ui.into_messages().collect();
            (messages, uncaptured)
        };
        for message in messages.into_iter().chain(uncaptured) {
            self.update(message);
        }
    }

    /// Tab.
    pub fn tab(&mut self) {
        self.press_key(vec![press(
            Named::Tab,
            iced::keyboard::Modifiers::empty(),
            Some("\t"),
        )]);
    }

    /// Shift+Tab.
    pub fn shift_tab(&mut self) {
        self.press_key(vec![press(
            Named::Tab,
            iced::keyboard::Modifiers::SHIFT,
            Some("\t"),
        )]);
    }

    /// A named key alone (Enter, an arrow, Escape).
    pub fn named(&mut self, key: Named) {
        self.press_key(vec![press(key, iced::keyboard::Modifiers::empty(), None)]);
    }

    /// Space.
    pub fn space(&mut self) {
        self.press_key(vec![press(
            Named::Space,
            iced::keyboard::Modifiers::empty(),
            Some(" "),
        )]);
    }

    /// Text typed on the keyboard, wherever the focus is.
    pub fn type_keys(&mut self, text: &str) {
        let events = text
            .chars()
            .map(|c| {
                let c = c.to_string();
                press(
                    iced::keyboard::Key::Character(c.as_str().into()),
                    iced::keyboard::Modifiers::empty(),
                    Some(&c),
                )
            })
            .collect();
        self.press_key(events);
    }

    /// The key of the control that has the focus, as text.
    pub fn focused(&self) -> Option<String> {
        self.app.focused().map(ToString::to_string)
    }

    /// Tab until `control` has the focus (at most once round the cycle).
    pub fn tab_to(&mut self, control: &str) {
        let n = self.app.focus_controls().len();
        for _ in 0..=n {
            if self.focused().as_deref() == Some(control) && self.app.focus_visible() {
                return;
            }
            self.tab();
        }
        panic!(
            "Tab never reached {control:?} on the {} screen (controls: {:?})",
            self.app.screen_name(),
            self.focus_keys()
        );
    }

    /// The keys of the screen's controls in Tab order.
    pub fn focus_keys(&self) -> Vec<String> {
        self.app
            .focus_controls()
            .iter()
            .map(|c| c.key.to_string())
            .collect()
    }

    pub fn shows(&self, text: &str) -> bool {
        self.ui().find(text).is_ok()
    }

    pub fn assert_shows(&self, text: &str) {
        assert!(
            self.shows(text),
            "{text:?} not on the {} screen",
            self.app.screen_name()
        );
    }

    pub fn tick(&mut self, at: Timestamp) {
        self.update(Message::Tick(at));
    }
}

pub fn totp(issuer: &str, name: &str, key: &str) -> Account {
    Account::new(issuer, name, decode_base32(key).unwrap(), Params::totp()).unwrap()
}

/// A vault at the harness's path with `entries`, unlocked by `PASSWORD`.
pub fn make_vault(dir: &tempfile::TempDir, entries: Vec<Entry>) -> Vault {
    make_vault_with(dir, entries, &KdfPolicy::insecure_for_tests())
}

/// [`make_vault`] whose password is checked with `policy`'s settings.
pub fn make_vault_with(dir: &tempfile::TempDir, entries: Vec<Entry>, policy: &KdfPolicy) -> Vault {
    let path = dir.path().join("data/vault.tessera");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut vault = Vault::create(&path, &Password::new(PASSWORD.into()), policy).unwrap();
    vault
        .modify(|all| {
            all.extend(entries);
            Ok(())
        })
        .unwrap();
    vault
}

pub fn reopen(path: &std::path::Path) -> Vault {
    Vault::open(
        path,
        Unlock::Password(&Password::new(PASSWORD.into())),
        &KdfPolicy::insecure_for_tests(),
    )
    .unwrap()
}

/// Starts on an unlocked vault holding `entries`.
pub fn unlocked(entries: Vec<Entry>, lang: Lang) -> Harness {
    unlocked_with(entries, lang, |_| {})
}

/// Starts on an unlocked vault holding `entries`, with `adjust` applied to the
/// environment first (stand-in screen or clipboard, say).
pub fn unlocked_with(
    entries: Vec<Entry>,
    lang: Lang,
    adjust: impl FnOnce(&mut Environment),
) -> Harness {
    let (dir, keystore) = Harness::prepare();
    drop(make_vault(&dir, entries));
    let mut env = Harness::env(&dir, keystore.clone(), lang);
    adjust(&mut env);
    let mut h = Harness::start_with(dir, keystore, env);
    assert_eq!(h.app.screen_name(), "unlock");
    h.type_into(unlock::PASSWORD_ID, PASSWORD);
    h.submit(unlock::PASSWORD_ID);
    assert_eq!(h.app.screen_name(), "codes");
    h
}

pub fn entry(account: Account) -> Entry {
    Entry::new(account, T0).unwrap()
}

pub fn code_at(key: &str, at: Timestamp) -> String {
    totp("x", "y", key).code_at(at).unwrap().value
}

/// A screen and clipboard that are not there: tests never reach the real ones.
pub fn no_capture() -> tessera::gui::task::Capture {
    tessera::gui::task::Capture::unavailable()
}

/// A key pressed with Ctrl, through the app's real key mapping.
pub fn ctrl(c: &str) -> iced::Event {
    iced::Event::Keyboard(iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Character(c.into()),
        modified_key: iced::keyboard::Key::Character(c.into()),
        physical_key: iced::keyboard::key::Physical::Unidentified(
            iced::keyboard::key::NativeCode::Unidentified,
        ),
        location: iced::keyboard::Location::Standard,
        modifiers: iced::keyboard::Modifiers::CTRL,
        text: None,
        repeat: false,
    })
}

/// A key press with modifiers (`iced_test`'s own helpers press keys alone).
pub fn press(
    key: impl Into<iced::keyboard::Key>,
    modifiers: iced::keyboard::Modifiers,
    text: Option<&str>,
) -> iced::Event {
    let key = key.into();
    iced::Event::Keyboard(iced::keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: iced::keyboard::key::Physical::Unidentified(
            iced::keyboard::key::NativeCode::Unidentified,
        ),
        location: iced::keyboard::Location::Standard,
        modifiers,
        text: text.map(Into::into),
        repeat: false,
    })
}
