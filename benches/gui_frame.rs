//! What a frame of the code list costs in the window, measured in process:
//! the same steps as iced's window (`iced_winit` + the tiny-skia compositor),
//! without the X server (`tests/common/window.rs`): one renderer and one
//! user-interface cache across frames, each frame's layers compared with the
//! previous frame's, and only the damaged regions rasterised, at scale
//! factor 1 in a 560×720 window.
//!
//! Three kinds of frame, with 50 and 1,000 accounts:
//! - **tick**: the one-second `Message::Tick` (update, view, layout, draw);
//! - **still**: a redraw where nothing changed (what the search field's
//!   blinking cursor asks for twice a second while the list shows, less the
//!   cursor itself);
//! - **key**: typing `user0999` into the search and erasing it, 3 rounds.
//!
//! For each: the median time of the app's work (update + view + layout),
//! of the draw into layers and of the rasterising, the total (median and
//! p90), and the share of the window damaged (redrawn), median and most.
//! `cargo bench --bench gui_frame`; `GUI_FRAME_PNG=DIR` also writes each
//! list's last frame there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use iced::Size;

use tessera::clock::Timestamp;
use tessera::gui::Message;
use tessera::gui::event::Hotkey;

#[path = "common/unlocked.rs"]
mod unlocked;
#[path = "../tests/common/window.rs"]
mod window;

use window::{Frame, Window};

const WINDOW: Size = Size::new(560.0, 720.0);

fn sorted(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    values
}

fn at(values: &[f64], percent: usize) -> f64 {
    values
        .get((values.len().saturating_sub(1)) * percent / 100)
        .copied()
        .unwrap_or_default()
}

fn report(entries: usize, kind: &str, frames: &[Frame]) {
    let ms = |f: fn(&Frame) -> Duration| {
        at(
            &sorted(frames.iter().map(|c| f(c).as_secs_f64() * 1e3).collect()),
            50,
        )
    };
    let totals = sorted(
        frames
            .iter()
            .map(|c| c.total().as_secs_f64() * 1e3)
            .collect(),
    );
    let damaged = sorted(
        frames
            .iter()
            .map(|c| f64::from(c.damaged(WINDOW)) * 100.0)
            .collect(),
    );
    println!(
        "| {entries} | {kind} ({}) | {:.2} | {:.2} | {:.2} | {:.2} / {:.2} | {:.0} / {:.0} % |",
        frames.len(),
        ms(|c| c.app),
        ms(|c| c.draw),
        ms(|c| c.raster),
        at(&totals, 50),
        at(&totals, 90),
        at(&damaged, 50),
        at(&damaged, 100),
    );
}

fn main() {
    println!("Frames of the code list, window {WINDOW:?} at 1x (ms, median; total also p90)");
    println!(
        "| accounts | frame (how many) | update+view+layout | draw | rasterise | total: median / p90 | damaged: median / most |"
    );
    println!("|---|---|---|---|---|---|---|");
    for entries in [50, 1_000] {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, _runtime) = unlocked::unlocked_app(&dir, entries);
        let mut window = Window::new(WINDOW);
        // Warm-up: the first frame draws everything and fills the caches.
        let _ = window.frame(&mut app, Some(Message::Tick(unlocked::T0)));
        let _ = window.frame(&mut app, None);

        let ticks: Vec<Frame> = (1..=60)
            .map(|s| {
                let now = Timestamp(unlocked::T0.0 + s);
                window.frame(&mut app, Some(Message::Tick(now)))
            })
            .collect();
        let still: Vec<Frame> = (0..60).map(|_| window.frame(&mut app, None)).collect();
        let mut keys = Vec::new();
        for _ in 0..3 {
            for c in "user0999".chars() {
                let key = Message::Hotkey(Hotkey::Typed(c.to_string()));
                keys.push(window.frame(&mut app, Some(key)));
            }
            for _ in 0..8 {
                keys.push(window.frame(&mut app, Some(Message::Hotkey(Hotkey::Backspace))));
            }
        }
        if let Some(dir) = std::env::var_os("GUI_FRAME_PNG") {
            let path = std::path::Path::new(&dir).join(format!("frame-{entries}.png"));
            window.image().save(path).unwrap();
        }
        report(entries, "tick", &ticks);
        report(entries, "still", &still);
        report(entries, "key", &keys);
    }
}
