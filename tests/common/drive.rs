//! Runs the tasks the app returns, headlessly: each task's stream is polled
//! to its end on a tokio runtime, its messages go back into `App::update`
//! (whose tasks join the queue), and every other action (clipboard, widget
//! operations, window commands) is handed to the caller. Shared by the GUI
//! tests (`tests/common/gui.rs`), `benches/gui_search.rs` and
//! `examples/screenshots.rs` (which include this file by path).
#![allow(dead_code)]

use std::time::Duration;

use iced_test::futures::BoxStream;
use iced_test::futures::futures::StreamExt as _;
use iced_test::runtime::{self, Action};

use tessera::gui::{App, Message};

/// Runs `task` and everything it leads to; `other` sees the non-message actions.
pub fn drive(
    app: &mut App,
    runtime: &tokio::runtime::Runtime,
    task: iced::Task<Message>,
    mut other: impl FnMut(Action<Message>),
) {
    drive_with(app, runtime, task, |_, action| other(action));
}

/// [`drive`], with the app at hand for each action (a widget operation runs
/// on its view at once, as the runtime runs it, and may report back).
pub fn drive_with(
    app: &mut App,
    runtime: &tokio::runtime::Runtime,
    task: iced::Task<Message>,
    mut other: impl FnMut(&App, Action<Message>),
) {
    let mut queue = vec![task];
    while let Some(task) = queue.pop() {
        let Some(mut stream) = runtime::task::into_stream(task) else {
            continue;
        };
        while let Some(action) = runtime.block_on(stream.next()) {
            match action {
                Action::Output(message) => queue.push(app.update(message)),
                other_action => other(app, other_action),
            }
        }
    }
}

/// A task started and not finished (see [`drive_briefly`]).
pub type Running = BoxStream<Action<Message>>;

/// Like [`drive`], but a task that reports nothing within `patience` (a
/// KDF at work) is handed back still running instead of waited for.
pub fn drive_briefly(
    app: &mut App,
    runtime: &tokio::runtime::Runtime,
    task: iced::Task<Message>,
    patience: Duration,
    mut other: impl FnMut(&App, Action<Message>),
) -> Vec<Running> {
    let mut queue = vec![task];
    let mut running = Vec::new();
    while let Some(task) = queue.pop() {
        let Some(mut stream) = runtime::task::into_stream(task) else {
            continue;
        };
        loop {
            // `next` loses nothing when dropped unfinished.
            match runtime.block_on(async { tokio::time::timeout(patience, stream.next()).await }) {
                Ok(Some(Action::Output(message))) => queue.push(app.update(message)),
                Ok(Some(other_action)) => other(app, other_action),
                Ok(None) => break,
                Err(_) => {
                    running.push(stream);
                    break;
                }
            }
        }
    }
    running
}

/// Runs tasks [`drive_briefly`] handed back to their end, and everything
/// they lead to.
pub fn finish(
    app: &mut App,
    runtime: &tokio::runtime::Runtime,
    running: Vec<Running>,
    mut other: impl FnMut(&App, Action<Message>),
) {
    for mut stream in running {
        while let Some(action) = runtime.block_on(stream.next()) {
            match action {
                Action::Output(message) => {
                    let task = app.update(message);
                    drive_with(app, runtime, task, &mut other);
                }
                other_action => other(app, other_action),
            }
        }
    }
}
