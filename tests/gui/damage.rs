//! The window redraws only what changed. iced's tiny-skia compositor compares
//! each frame's layers with the last frame's and rasterises only the regions
//! that differ ("damage"); `tests/common/window.rs` draws frames the same
//! way. The countdown rings, brand icons and header symbols are cached
//! geometries (`widget/marks.rs`) that count as damage only when they
//! change: a frame where nothing changed (the search field's cursor
//! blinking) redraws nothing, a tick redraws the countdowns and not the
//! header, the icons or the names, and the pixels drawn that way are the
//! pixels of a full redraw (to antialiasing's rounding).
#![cfg(feature = "gui")]

use iced::Size;
use iced_test::Simulator;
use iced_test::selector::{Target, id};

use crate::common::gui::*;
use crate::common::window::Window;
use tessera::clock::Timestamp;
use tessera::gui::Message;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::codes;

const WINDOW: Size = Size::new(560.0, 720.0);

/// Thirty accounts, every third one with a brand icon (GitHub).
fn start() -> Harness {
    let entries = (1..=30)
        .map(|i| {
            let issuer = if i % 3 == 0 {
                "GitHub".to_owned()
            } else {
                format!("Service {i:02}")
            };
            entry(totp(&issuer, &format!("user{i:02}"), KEY))
        })
        .collect();
    unlocked_with(entries, Lang::En, |_| {})
}

fn tick(s: u64) -> Option<Message> {
    Some(Message::Tick(Timestamp(T0.0 + s)))
}

/// The list's visible area in the window.
fn list(h: &Harness) -> iced::Rectangle {
    let mut ui = Simulator::with_size(
        iced::Settings::default(),
        (WINDOW.width, WINDOW.height),
        h.app.view(),
    );
    let Target::Scrollable {
        visible_bounds: Some(list),
        ..
    } = ui.find(id(codes::LIST_ID)).unwrap()
    else {
        panic!("the list is not a visible scrollable");
    };
    list
}

#[test]
fn a_frame_where_nothing_changed_redraws_nothing() {
    let mut h = start();
    let mut window = Window::new(WINDOW);
    let first = window.frame(&mut h.app, tick(0));
    assert!(
        (first.damaged(WINDOW) - 1.0).abs() < 1e-6,
        "the first frame is whole"
    );
    for _ in 0..3 {
        let again = window.frame(&mut h.app, None);
        assert!(
            again.damage.is_empty(),
            "redrawn for nothing: {:?}",
            again.damage
        );
    }
    // The same second again (a message that changes nothing on screen).
    let same = window.frame(&mut h.app, tick(0));
    assert!(same.damage.is_empty(), "{:?}", same.damage);
}

#[test]
fn a_tick_redraws_the_countdowns_only_and_the_pixels_match_a_full_redraw() {
    let mut h = start();
    let list = list(&h);
    let mut window = Window::new(WINDOW);
    let _ = window.frame(&mut h.app, tick(0));
    // T0 is 20 s into a 30 s period: ticks 1..=9 only count down (the
    // last five seconds urgent, with the next code shown), tick 10 turns
    // the period (new codes).
    for s in 1..=9 {
        let frame = window.frame(&mut h.app, tick(s));
        assert!(
            !frame.damage.is_empty(),
            "second {s}: the countdowns changed"
        );
        if s == 5 {
            // Entering the urgent seconds also shows the next codes; the
            // other seconds change the rings and their numbers alone.
            continue;
        }
        for region in &frame.damage {
            assert!(
                region.y >= list.y,
                "second {s}: {region:?} redraws above the list (header, search)"
            );
            assert!(
                region.x >= list.x + list.width / 2.0,
                "second {s}: {region:?} redraws the names or icons"
            );
        }
        assert!(
            frame.damaged(WINDOW) < 0.12,
            "second {s}: {:.0} % of the window redrawn",
            frame.damaged(WINDOW) * 100.0
        );
    }
    let turn = window.frame(&mut h.app, tick(10));
    assert!(turn.damaged(WINDOW) > 0.0);

    // What the damaged frames left on screen is what a fresh window draws,
    // to within the rounding of antialiased edges (a shape rasterised inside
    // a clipped region may come out a level or two apart; a stale or missing
    // shape differs by far more).
    let mut fresh = Window::new(WINDOW);
    let _ = fresh.frame(&mut h.app, None);
    let (a, b) = (window.image(), fresh.image());
    let differ = a
        .pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0.iter().zip(q.0).any(|(x, y)| x.abs_diff(y) > 2))
        .count();
    if differ > 0 {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
        a.save(dir.join("damage-window.png")).unwrap();
        b.save(dir.join("damage-fresh.png")).unwrap();
    }
    assert_eq!(differ, 0, "{differ} pixels differ from a full redraw");
}
