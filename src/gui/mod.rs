//! The desktop app (feature `gui`): an iced 0.14 application with the
//! tiny-skia renderer. See `docs/gui.md`.
//!
//! - [`app`]: root state, routing between screens, subscriptions.
//! - [`screen`]: one module per screen, each with its `Message` and `Action`.
//! - [`task`]: the only place that turns core I/O (vault, keyring, settings
//!   file) into `Task`s, all on tokio's blocking pool.
//! - [`i18n`]: the message catalog (English, Brazilian Portuguese).

pub mod app;
pub mod appearance;
pub mod brand;
pub mod clock;
pub mod event;
pub mod focus;
pub mod i18n;
pub mod icon;
pub mod instance;
pub mod localized;
pub mod screen;
pub mod settings;
pub mod shortcut;
pub mod symbol;
pub mod task;
pub mod theme;
pub mod tray;
pub mod vector;
pub mod widget;

use std::io::Write as _;
use std::process::ExitCode;

pub use app::{App, Environment, Message, Request};

/// Whether a graphical display is reachable (Linux/BSD: `DISPLAY` or `WAYLAND_DISPLAY`).
fn display_available() -> bool {
    if cfg!(all(unix, not(target_os = "macos"))) {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
    } else {
        true
    }
}

/// Opens the window at the default vault path (or `TESSERA_VAULT`); returns
/// the exit status.
pub fn run() -> ExitCode {
    run_with_vault(None, Vec::new())
}

/// Opens the window at `vault` (else `TESSERA_VAULT`, else the default path),
/// then does what `requests` ask (an image to read, "Add account") once the
/// vault is unlocked.
pub fn run_with_vault(vault: Option<std::path::PathBuf>, requests: Vec<Request>) -> ExitCode {
    let fail = |message: &str| {
        let _ = writeln!(std::io::stderr(), "tessera: {message}");
        ExitCode::from(1)
    };
    if !display_available() {
        return fail(
            "no graphical display was found (neither DISPLAY nor WAYLAND_DISPLAY is set). \
             The command line works without one: see `tessera --help`.",
        );
    }
    let env = match Environment::system(vault) {
        Ok(env) => env,
        Err(message) => return fail(&message),
    };
    let window = iced::window::Settings {
        size: iced::Size::new(screen::codes::DEFAULT_WINDOW_WIDTH, 720.0),
        min_size: Some(iced::Size::new(
            screen::codes::MIN_WINDOW.0,
            screen::codes::MIN_WINDOW.1,
        )),
        icon: icon::window_icon(),
        platform_specific: platform_specific(),
        // Closing clears a code still on the clipboard first (`CloseRequested`).
        exit_on_close_request: false,
        ..iced::window::Settings::default()
    };
    // A window for this vault already runs: it takes the requests and comes
    // to the front; this launch is done.
    let socket = match instance::claim(&env.vault_path, &requests) {
        instance::Claim::Forwarded => return ExitCode::SUCCESS,
        instance::Claim::First(listener) => {
            instance::keep(listener);
            instance::socket_path(&env.vault_path)
        }
        instance::Claim::Alone => None,
    };
    let boot = move || {
        let (mut app, start) = App::new(env.clone());
        let asked: Vec<_> = requests
            .iter()
            .map(|request| app.update(Message::Requested(request.clone())))
            .collect();
        (app, iced::Task::batch(std::iter::once(start).chain(asked)))
    };
    let result = iced::application(boot, App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .scale_factor(App::scale_factor)
        .subscription(App::subscription)
        .window(window)
        .run();
    if let Some(socket) = socket {
        let _ = std::fs::remove_file(socket);
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&format!(
            "the window could not be opened ({error}). Check that a graphical session is running; \
             the command line works without one: see `tessera --help`."
        )),
    }
}

#[cfg(target_os = "linux")]
fn platform_specific() -> iced::window::settings::PlatformSpecific {
    iced::window::settings::PlatformSpecific {
        application_id: crate::paths::APP_ID.to_owned(),
        ..Default::default()
    }
}

#[cfg(not(target_os = "linux"))]
fn platform_specific() -> iced::window::settings::PlatformSpecific {
    iced::window::settings::PlatformSpecific::default()
}
