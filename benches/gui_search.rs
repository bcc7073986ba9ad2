//! Keystroke-to-frame cost of type-to-search with 1,000 accounts, measured in
//! process: the real `App::update` for the key, `App::view`, the layout
//! (`iced_test::Simulator` builds the user interface as the window does) and
//! the draw rasterised by tiny-skia (`Simulator::snapshot`, which renders at
//! scale factor 2, i.e. four times the pixels of a 1x window: an upper bound).
//! Presenting the frame to the X server is not included.
//!
//! `cargo bench --bench gui_search` (prints a table for docs/benchmarks.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use iced_test::Simulator;

use tessera::gui::Message;
use tessera::gui::event::Hotkey;

const ENTRIES: usize = 1_000;
const WINDOW: (f32, f32) = (560.0, 720.0);

#[path = "common/unlocked.rs"]
mod unlocked;

#[derive(Default)]
struct Samples(Vec<Duration>);

impl Samples {
    fn stat(&mut self) -> (f64, f64) {
        self.0.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let median = self.0[self.0.len() / 2];
        let worst = self.0[self.0.len() - 1];
        (ms(median), ms(worst))
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _runtime) = unlocked::unlocked_app(&dir, ENTRIES);
    let theme = iced::Theme::Light;

    // Keystrokes: "s" matches all 1,000 rows (the worst case: every row laid
    // out and drawn), then each further letter narrows the list to one row.
    let query = "service 0999";
    let (mut update, mut view, mut layout, mut draw, mut total) = Default::default();
    let (mut first_total, mut first_draw) = (Samples::default(), Samples::default());
    for round in 0..12 {
        for (i, c) in query.chars().enumerate() {
            let t0 = Instant::now();
            let _ = app.update(Message::Hotkey(Hotkey::Typed(c.to_string())));
            let t1 = Instant::now();
            let element = app.view();
            let t2 = Instant::now();
            let mut ui: Simulator<'_, Message> =
                Simulator::with_size(iced::Settings::default(), WINDOW, element);
            let t3 = Instant::now();
            let _ = ui.snapshot(&theme).unwrap();
            let t4 = Instant::now();
            if round == 0 {
                continue; // warm-up: font cache, glyph atlas
            }
            let samples: [(&mut Samples, Duration); 5] = [
                (&mut update, t1 - t0),
                (&mut view, t2 - t1),
                (&mut layout, t3 - t2),
                (&mut draw, t4 - t3),
                (&mut total, t4 - t0),
            ];
            for (s, d) in samples {
                s.0.push(d);
            }
            if i == 0 {
                first_total.0.push(t4 - t0);
                first_draw.0.push(t4 - t3);
            }
        }
        for _ in 0..query.len() {
            let _ = app.update(Message::Hotkey(Hotkey::Backspace));
        }
    }
    println!("Search keystroke with {ENTRIES} accounts, window {WINDOW:?} (ms: median / worst)");
    println!("| stage | median | worst |");
    println!("|---|---|---|");
    for (name, s) in [
        ("update (key -> query -> filter)", &mut update),
        ("view (build the widget tree)", &mut view),
        ("layout (user interface build)", &mut layout),
        ("draw + rasterise at 2x (tiny-skia)", &mut draw),
        ("total, every keystroke", &mut total),
        ("total, first key (all 1,000 rows match)", &mut first_total),
    ] {
        let (median, worst) = s.stat();
        println!("| {name} | {median:.2} | {worst:.2} |");
    }
    let _ = first_draw.stat();
}
