//! Runs the tasks the app returns, headlessly: each task's stream is polled
//! to its end on a tokio runtime, its messages go back into `App::update`
//! (whose tasks join the queue), and every other action (clipboard, widget
//! operations, window commands) is handed to the caller. Shared by the GUI
//! tests (`tests/common/gui.rs`), `benches/gui_search.rs` and
//! `examples/screenshots.rs` (which include this file by path).
#![allow(dead_code)]

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
    let mut queue = vec![task];
    while let Some(task) = queue.pop() {
        let Some(mut stream) = runtime::task::into_stream(task) else {
            continue;
        };
        while let Some(action) = runtime.block_on(stream.next()) {
            match action {
                Action::Output(message) => queue.push(app.update(message)),
                other_action => other(other_action),
            }
        }
    }
}
