//! What the app listens to: keys, the one-second tick while unlocked, the
//! spinner while busy (not with reduced motion), window events (drops, activity), the vault file's changes.

use super::*;

/// While unlocked, the vault file's modification time and length are checked
/// this often (milliseconds), so what another window or the CLI saved appears
/// without a restart.
const WATCH_MS: u64 = 2_000;

/// Maps an uncaptured key press to the app's meaning of it.
pub fn on_key(event: keyboard::Event) -> Option<Message> {
    event::hotkey(event).map(Message::Hotkey)
}

fn on_tick(_: iced::time::Instant) -> Message {
    Message::Tick(SystemClock.now())
}

fn on_close_request(_: iced::window::Id) -> Message {
    Message::CloseRequested
}

/// A mouse button pressed anywhere (the focus ring hides, and the focus
/// follows the click), or Escape taken by a text field (iced unfocuses it):
/// the app's focus is brought in line with the widgets' (`focus::sync`).
pub fn on_pointer(
    event: iced::Event,
    status: iced::event::Status,
    _window: iced::window::Id,
) -> Option<Message> {
    match event {
        iced::Event::Mouse(iced::mouse::Event::ButtonPressed(_))
        | iced::Event::Touch(iced::touch::Event::FingerPressed { .. }) => Some(Message::Pointer),
        iced::Event::Keyboard(keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(keyboard::key::Named::Escape),
            ..
        }) if status == iced::event::Status::Captured => Some(Message::FieldEscaped),
        _ => None,
    }
}

fn on_spin(_: iced::time::Instant) -> Message {
    Message::Spin
}

/// What later launches of `tessera` for this vault ask (`gui::instance`).
fn other_launches() -> impl iced::futures::Stream<Item = Message> {
    use iced::futures::StreamExt as _;
    crate::gui::instance::listen().map(Message::Requested)
}

/// Window events while unlocked: dropped files, and input that resets auto-lock.
pub fn on_event(
    event: iced::Event,
    status: iced::event::Status,
    _window: iced::window::Id,
) -> Option<Message> {
    match event {
        iced::Event::Window(iced::window::Event::FileDropped(path)) => {
            return Some(Message::FileDropped(path));
        }
        iced::Event::Window(iced::window::Event::FileHovered(_)) => {
            return Some(Message::DragOver(true));
        }
        iced::Event::Window(iced::window::Event::FilesHoveredLeft) => {
            return Some(Message::DragOver(false));
        }
        iced::Event::Window(iced::window::Event::Focused) => {
            return Some(Message::WindowFocus(true));
        }
        iced::Event::Window(iced::window::Event::Unfocused) => {
            return Some(Message::WindowFocus(false));
        }
        _ => {}
    }
    event::is_activity(&event, status).then_some(Message::Activity)
}

impl App {
    /// Time while unlocked (once a second), the spinner while busy, keys, activity.
    pub fn subscription(&self) -> Subscription<Message> {
        let mut subscriptions = vec![
            keyboard::listen().filter_map(on_key),
            iced::window::close_requests().map(on_close_request),
            Subscription::run(other_launches),
            Subscription::run(tray::run).map(Message::Tray),
            iced::system::theme_changes().map(Message::SystemMode),
            iced::event::listen_with(on_pointer),
            // Keyed by the setting's text: a new shortcut drops the old grab.
            Subscription::run_with(self.settings.shortcut.clone(), shortcut::listen)
                .map(Message::Shortcut),
        ];
        if self.session.is_some() {
            subscriptions.push(time::every(Duration::from_secs(1)).map(on_tick));
            subscriptions.push(iced::event::listen_with(on_event));
            subscriptions.push(Subscription::run_with(
                (self.env.vault_path.clone(), WATCH_MS),
                |(path, ms)| {
                    use iced::futures::StreamExt as _;
                    task::watch(path.clone(), Duration::from_millis(*ms))
                        .map(|()| Message::VaultChanged)
                },
            ));
        }
        if self.animating() {
            subscriptions.push(time::every(Duration::from_millis(100)).map(on_spin));
        }
        Subscription::batch(subscriptions)
    }
}
