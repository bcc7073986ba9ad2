//! Keys and input activity, turned into app events by named functions (iced
//! 0.14 subscriptions take `fn`s, not capturing closures).
//!
//! `keyboard::listen()` only sees keys that no widget captured, so typing into
//! a focused text field never doubles as a shortcut.

use iced::keyboard::{self, key::Named};
use iced::{Event, event};

/// A key that means something to the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hotkey {
    /// Ctrl+L (Cmd+L on macOS): lock now.
    Lock,
    /// Ctrl+N (Cmd+N on macOS): add an account.
    Add,
    /// Ctrl+H (Cmd+H): hide or show every code (a screen share).
    ToggleCodes,
    /// Tab: focus the next field.
    FocusNext,
    /// Shift+Tab: focus the previous field.
    FocusPrevious,
    /// Ctrl+V (Cmd+V): read the clipboard for a QR image or an otpauth:// link.
    Paste,
    /// Ctrl+Shift+S: capture the screen and decode the QR codes on it.
    ScanScreen,
    /// Move the selection up.
    Up,
    /// Move the selection down.
    Down,
    /// Left arrow (the previous value of a focused choice).
    Left,
    /// Right arrow (the next value of a focused choice).
    Right,
    /// Copy the selected code.
    Enter,
    /// Clear the search (or go back).
    Escape,
    /// Delete the last character of the search.
    Backspace,
    /// Printable text typed while no field has focus: goes to the search.
    Typed(String),
}

/// The app meaning of a key press no widget captured.
pub fn hotkey(event: keyboard::Event) -> Option<Hotkey> {
    let keyboard::Event::KeyPressed {
        key,
        modifiers,
        text,
        ..
    } = event
    else {
        return None;
    };
    match key.as_ref() {
        keyboard::Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("l") => {
            Some(Hotkey::Lock)
        }
        keyboard::Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("n") => {
            Some(Hotkey::Add)
        }
        keyboard::Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("h") => {
            Some(Hotkey::ToggleCodes)
        }
        keyboard::Key::Named(Named::Tab) if modifiers.shift() => Some(Hotkey::FocusPrevious),
        keyboard::Key::Named(Named::Tab) => Some(Hotkey::FocusNext),
        keyboard::Key::Character(c) if modifiers.command() && c.eq_ignore_ascii_case("v") => {
            Some(Hotkey::Paste)
        }
        keyboard::Key::Character(c)
            if modifiers.command() && modifiers.shift() && c.eq_ignore_ascii_case("s") =>
        {
            Some(Hotkey::ScanScreen)
        }
        keyboard::Key::Named(Named::ArrowUp) => Some(Hotkey::Up),
        keyboard::Key::Named(Named::ArrowDown) => Some(Hotkey::Down),
        keyboard::Key::Named(Named::ArrowLeft) => Some(Hotkey::Left),
        keyboard::Key::Named(Named::ArrowRight) => Some(Hotkey::Right),
        keyboard::Key::Named(Named::Enter) => Some(Hotkey::Enter),
        keyboard::Key::Named(Named::Escape) => Some(Hotkey::Escape),
        keyboard::Key::Named(Named::Backspace) => Some(Hotkey::Backspace),
        _ if modifiers.command() || modifiers.alt() => None,
        _ => text
            .map(|t| t.to_string())
            .filter(|t| !t.is_empty() && !t.chars().any(char::is_control))
            .map(Hotkey::Typed),
    }
}

/// True for events that count as the user being there (auto-lock resets).
pub fn is_activity(event: &Event, _status: event::Status) -> bool {
    matches!(
        event,
        Event::Keyboard(keyboard::Event::KeyPressed { .. })
            | Event::Mouse(
                iced::mouse::Event::ButtonPressed(_) | iced::mouse::Event::WheelScrolled { .. }
            )
            | Event::Touch(iced::touch::Event::FingerPressed { .. })
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::keyboard::{Location, Modifiers, key};

    fn press(key: keyboard::Key, modifiers: Modifiers, text: Option<&str>) -> keyboard::Event {
        keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key,
            physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
            location: Location::Standard,
            modifiers,
            text: text.map(Into::into),
            repeat: false,
        }
    }

    #[test]
    fn tab_moves_focus_and_ctrl_n_adds() {
        let tab = keyboard::Key::Named(Named::Tab);
        assert_eq!(
            hotkey(press(tab.clone(), Modifiers::empty(), Some("\t"))),
            Some(Hotkey::FocusNext)
        );
        assert_eq!(
            hotkey(press(tab, Modifiers::SHIFT, Some("\t"))),
            Some(Hotkey::FocusPrevious)
        );
        let n = keyboard::Key::Character("n".into());
        assert_eq!(
            hotkey(press(n.clone(), Modifiers::CTRL, None)),
            Some(Hotkey::Add)
        );
        assert_eq!(
            hotkey(press(n, Modifiers::empty(), Some("n"))),
            Some(Hotkey::Typed("n".into()))
        );
        let s = keyboard::Key::Character("S".into());
        assert_eq!(
            hotkey(press(s, Modifiers::CTRL | Modifiers::SHIFT, None)),
            Some(Hotkey::ScanScreen)
        );
    }
}
