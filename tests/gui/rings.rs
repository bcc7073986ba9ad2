//! The countdown rings are drawn by the list, over its rows, in one geometry
//! (`widget::countdown::layer`); each row only records where its ring goes.
//! These tests draw the real codes screen (tiny-skia, at scale factor 2, as
//! `iced_test` snapshots are) and read the pixels back: every ring must be
//! round its own seconds, in its theme's colours, with the arc as long as the
//! time left, in every theme, when the list is scrolled or searched, and only
//! on the rows that show a code. The brand icons share the rings' layer
//! (`brand.rs`).
#![cfg(feature = "gui")]

use iced::{Point, Rectangle, Vector, mouse};
use iced_test::Simulator;
use iced_test::selector::{Candidate, Target};

use crate::common::gui::*;
use tessera::clock::Timestamp;
use tessera::gui::Message;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::codes;
use tessera::gui::settings::ThemeChoice;
use tessera::gui::theme;
use tessera::gui::widget::countdown;

pub(crate) const WINDOW: (f32, f32) = (560.0, 720.0);
/// What the simulator's snapshots are drawn at.
const SCALE: f32 = 2.0;
const PERIOD: u32 = 30;
/// The ring's stroke width (`countdown.rs`), for the radius of its middle line.
const STROKE: f32 = 3.5;

fn accounts(n: usize) -> Vec<Entry> {
    (1..=n)
        .map(|i| {
            entry(totp(
                &format!("Service {i:02}"),
                &format!("user{i:02}"),
                KEY,
            ))
        })
        .collect()
}

fn start(theme: ThemeChoice, hide_codes: bool) -> Harness {
    unlocked_with(accounts(30), Lang::En, |env| {
        env.settings.theme = theme;
        env.settings.hide_codes = hide_codes;
    })
}

pub(crate) fn window(h: &Harness) -> Simulator<'_, Message> {
    Simulator::with_size(iced::Settings::default(), WINDOW, h.app.view())
}

/// What the list shows, in window coordinates: its visible area, each
/// countdown's seconds (the middle of its square, and the number) and each
/// issuer's name.
struct Seen {
    list: Rectangle,
    seconds: Vec<(Point, u32)>,
    names: Vec<(String, Rectangle)>,
}

fn look(ui: &mut Simulator<'_, Message>) -> Seen {
    let Target::Scrollable {
        visible_bounds: Some(list),
        translation,
        ..
    } = ui.find(id(codes::LIST_ID)).unwrap()
    else {
        panic!("the list is not a visible scrollable");
    };
    let mut texts: Vec<(String, Rectangle)> = Vec::new();
    // Collects every text and selects none, so the whole tree is visited.
    let _ = ui.find(|candidate: Candidate<'_>| -> Option<()> {
        if let Candidate::Text {
            bounds,
            visible_bounds: Some(_),
            content,
            ..
        } = candidate
        {
            texts.push((content.to_owned(), bounds));
        }
        None
    });
    let on_screen = |b: Rectangle| b - Vector::new(translation.x, translation.y);
    let seconds = texts
        .iter()
        .filter_map(|(content, bounds)| {
            let n: u32 = content.parse().ok().filter(|_| content.len() <= 2)?;
            Some((on_screen(*bounds).center(), n))
        })
        .collect();
    let names = texts
        .iter()
        .filter(|(content, _)| content.starts_with("Service "))
        .map(|(content, bounds)| (content.clone(), on_screen(*bounds)))
        .collect();
    Seen {
        list,
        seconds,
        names,
    }
}

/// The snapshot's pixels (`iced_test` hands them out only as a PNG file).
pub(crate) fn pixels(ui: &mut Simulator<'_, Message>, theme: &iced::Theme) -> image::RgbaImage {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = ui.snapshot(theme).unwrap();
    assert!(snapshot.matches_image(dir.path().join("list.png")).unwrap());
    let file = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .expect("the snapshot was written")
        .unwrap();
    let image = image::open(file.path()).unwrap().to_rgba8();
    let expected = (WINDOW.0 * SCALE, WINDOW.1 * SCALE);
    assert_eq!(
        (image.width() as f32, image.height() as f32),
        expected,
        "the snapshot is not at the scale these tests assume"
    );
    image
}

/// The pixel at `p` (window coordinates), or `None` outside the image.
pub(crate) fn at(image: &image::RgbaImage, p: Point) -> [u8; 4] {
    let (x, y) = ((p.x * SCALE) as u32, (p.y * SCALE) as u32);
    image.get_pixel(x, y).0
}

pub(crate) fn close(pixel: [u8; 4], colour: iced::Color) -> bool {
    let want = colour.into_rgba8();
    pixel[..3]
        .iter()
        .zip(&want[..3])
        .all(|(a, b)| a.abs_diff(*b) <= 24)
}

/// The point on a ring's middle line at `degrees` clockwise from the top.
fn on_ring(centre: Point, degrees: f32) -> Point {
    let radius = (countdown::SIDE - STROKE) / 2.0;
    let angle = degrees.to_radians();
    Point::new(
        centre.x + radius * angle.sin(),
        centre.y - radius * angle.cos(),
    )
}

/// The ring round `centre` shows `remaining` seconds: the arc (urgent or not)
/// from the top clockwise over that share of the period, the track after it.
fn assert_ring(image: &image::RgbaImage, theme: &iced::Theme, centre: Point, remaining: u32) {
    let arc = countdown::fraction(remaining, PERIOD) * 360.0;
    let arc_colour = theme::shape::arc(theme, countdown::is_urgent(remaining));
    let track_colour = theme::shape::track(theme);
    assert!(
        !close(at(image, centre), arc_colour),
        "not a ring but a blot at {centre:?}"
    );
    for degrees in [arc * 0.25, arc * 0.5, arc * 0.75] {
        let p = on_ring(centre, degrees);
        let pixel = at(image, p);
        assert!(
            close(pixel, arc_colour),
            "no arc ({arc_colour:?}) at {degrees:.0}° of the ring round {centre:?}: {pixel:?}"
        );
    }
    for degrees in [arc + (360.0 - arc) * 0.3, arc + (360.0 - arc) * 0.7] {
        let p = on_ring(centre, degrees);
        let pixel = at(image, p);
        assert!(
            close(pixel, track_colour),
            "no track ({track_colour:?}) at {degrees:.0}° of the ring round {centre:?}: {pixel:?}"
        );
    }
}

/// A ring's whole square lies in the list's visible area (the others are cut).
fn whole(seen: &Seen, centre: Point) -> bool {
    let half = countdown::SIDE / 2.0 + 1.0;
    let list = seen.list;
    centre.x - half >= list.x
        && centre.x + half <= list.x + list.width
        && centre.y - half >= list.y
        && centre.y + half <= list.y + list.height
}

/// Every whole ring the list shows is round its seconds; returns how many.
fn assert_rings(ui: &mut Simulator<'_, Message>, theme: &iced::Theme) -> usize {
    let seen = look(ui);
    let image = pixels(ui, theme);
    let mut checked = 0;
    for &(centre, remaining) in &seen.seconds {
        if whole(&seen, centre) {
            assert_ring(&image, theme, centre, remaining);
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_ring_is_drawn_round_its_own_seconds_in_every_theme() {
    for choice in [
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::HighContrast,
    ] {
        let mut h = start(choice, false);
        let theme = h.app.theme();
        let checked = assert_rings(&mut window(&h), &theme);
        assert!(checked >= 5, "{choice:?}: only {checked} rings in view");
        // In its last seconds the arc turns urgent and short.
        h.tick(Timestamp(T0.0 + 6));
        let checked = assert_rings(&mut window(&h), &theme);
        assert!(checked >= 5, "{choice:?}: only {checked} urgent rings");
    }
}

#[test]
fn the_rings_follow_the_rows_when_the_list_is_scrolled_or_searched() {
    let mut h = start(ThemeChoice::Light, false);
    let theme = h.app.theme();
    {
        let mut ui = window(&h);
        let before = look(&mut ui);
        let list = before.list;
        ui.point_at(list.center());
        // Not a whole number of rows, so a ring drawn for the row before or
        // after, or where the row was before the scroll, would miss.
        let _ = ui.simulate([iced::Event::Mouse(mouse::Event::WheelScrolled {
            delta: mouse::ScrollDelta::Pixels { x: 0.0, y: -130.0 },
        })]);
        let after = look(&mut ui);
        let (name, was) = &before.names[4];
        let now = after.names.iter().find(|(n, _)| n == name).unwrap().1;
        let moved = was.y - now.y;
        assert!((moved - 130.0).abs() < 1.0, "scrolled by {moved}");
        assert!(assert_rings(&mut ui, &theme) >= 5);
    }
    // "1" keeps Service 01, 10–19, 21: the rows close up under the search.
    h.type_into(codes::SEARCH_ID, "1");
    let mut ui = window(&h);
    let seen = look(&mut ui);
    assert_eq!(seen.names[0].0, "Service 01");
    assert_eq!(seen.names[1].0, "Service 10");
    assert!(assert_rings(&mut ui, &theme) >= 5);
}

#[test]
fn only_a_row_that_shows_its_code_has_a_ring() {
    let mut h = start(ThemeChoice::Dark, true);
    let theme = h.app.theme();
    assert!(look(&mut window(&h)).seconds.is_empty(), "codes hidden");
    h.click("Service 03");
    let mut ui = window(&h);
    let seen = look(&mut ui);
    assert_eq!(seen.seconds.len(), 1, "one code revealed");
    let (centre, remaining) = seen.seconds[0];
    let row = |name: &str| {
        seen.names
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, bounds)| bounds.y)
            .unwrap()
    };
    assert!((centre.y - row("Service 03")).abs() < h.app.codes_metrics().stride() / 2.0);
    let image = pixels(&mut ui, &theme);
    assert_ring(&image, &theme, centre, remaining);
    // Where the hidden rows' rings would be (the same place in their rows),
    // neither arc nor track is drawn.
    for hidden in ["Service 01", "Service 02", "Service 04", "Service 05"] {
        let there = Point::new(centre.x, centre.y + row(hidden) - row("Service 03"));
        for degrees in [45.0, 135.0, 225.0, 315.0] {
            let pixel = at(&image, on_ring(there, degrees));
            assert!(
                !close(pixel, theme::shape::track(&theme))
                    && !close(pixel, theme::shape::arc(&theme, false)),
                "a ring on the hidden row {hidden}: {pixel:?}"
            );
        }
    }
}
