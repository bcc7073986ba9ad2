//! The code list's rows are cards (issue 17): their actions show on the card
//! under the pointer and on the selected card, each does what its name says,
//! and the card's states are drawn from the theme's roles, the selection
//! over the whole card (read back from the pixels, as `rings.rs` does).
#![cfg(feature = "gui")]

use iced::{Point, Rectangle, mouse};

use super::rings::{at, close, pixels, window};
use crate::common::gui::*;
use iced_test::selector::Candidate;
use tessera::gui::Message;
use tessera::gui::event::Hotkey;
use tessera::gui::i18n::{self, Lang};
use tessera::gui::screen::codes;
use tessera::gui::theme;
use tessera::gui::widget::code_row::{self, action_id};
use tessera::gui::widget::countdown;
use tessera::otp::group_code;
use tessera::vault::EntryId;

fn two() -> Harness {
    unlocked(
        vec![
            entry(totp("ACME", "alice", KEY)),
            entry(totp("Globex", "bob", KEY)),
        ],
        Lang::En,
    )
}

fn id_of(h: &Harness, name: &str) -> EntryId {
    h.app
        .entries()
        .iter()
        .find(|e| e.account.name == name)
        .unwrap()
        .id
        .clone()
}

/// Whether the card of `name` shows `action` now.
fn shows_action(h: &Harness, name: &str, action: RowAction) -> bool {
    h.ui().find(id(action_id(action, &id_of(h, name)))).is_ok()
}

/// Moves the pointer to `to` (window coordinates), as the mouse does.
fn pointer(h: &mut Harness, to: Point) {
    h.interact(move |ui| {
        ui.point_at(to);
        let _ = ui.simulate([iced::Event::Mouse(mouse::Event::CursorMoved {
            position: to,
        })]);
    });
}

/// Where the issuer's name is drawn.
fn name_bounds(h: &Harness, issuer: &str) -> Rectangle {
    let mut ui = window(h);
    ui.find(issuer).unwrap().visible_bounds().unwrap()
}

#[test]
fn actions_show_under_the_pointer_and_on_the_selected_card() {
    let mut h = two();
    // At rest, no card shows its actions (the old "Details" text is gone).
    assert!(!h.shows("Details"));
    for name in ["alice", "bob"] {
        assert!(!shows_action(&h, name, RowAction::Details));
        assert!(!shows_action(&h, name, RowAction::Copy));
    }
    // The pointer onto ACME's card: its card reports it, its two actions show.
    let acme = name_bounds(&h, "ACME");
    pointer(&mut h, acme.center());
    assert!(shows_action(&h, "alice", RowAction::Copy));
    assert!(shows_action(&h, "alice", RowAction::Details));
    assert!(!shows_action(&h, "bob", RowAction::Details));
    // Onto the card and off it again (the card reports both): they go.
    let off = Point::new(acme.center_x(), 700.0);
    h.interact(move |ui| {
        for to in [acme.center(), off] {
            ui.point_at(to);
            let _ = ui.simulate([iced::Event::Mouse(mouse::Event::CursorMoved {
                position: to,
            })]);
        }
    });
    assert!(!shows_action(&h, "alice", RowAction::Details));
    // The keyboard selection shows them too, without the pointer.
    h.update(Message::Hotkey(Hotkey::Down));
    h.update(Message::Hotkey(Hotkey::Down));
    assert!(shows_action(&h, "bob", RowAction::Details));
    assert!(!shows_action(&h, "alice", RowAction::Details));
}

#[test]
fn each_action_does_what_its_name_says() {
    // Copy copies the code shown (and the toast says so).
    let mut h = two();
    h.row_action("bob", RowAction::Copy);
    assert_eq!(
        h.app.toast(),
        Some("Code copied. The clipboard will be cleared in 30 seconds.")
    );
    assert_eq!(
        h.clipboard.as_deref(),
        Some(code_at(KEY, T0).as_str()),
        "the code itself is copied"
    );
    // Details opens the card's own account.
    h.row_action("bob", RowAction::Details);
    assert_eq!(h.app.screen_name(), "details");
    h.assert_shows("Account details");

    // With codes hidden, the first action shows the code without copying it.
    let mut h = unlocked_with(vec![entry(totp("ACME", "alice", KEY))], Lang::En, |env| {
        env.settings.hide_codes = true;
    });
    let code = group_code(&code_at(KEY, T0));
    assert!(!h.shows(&code));
    let alice = id_of(&h, "alice");
    h.update(Message::Codes(codes::Message::Hovered(Some(alice.clone()))));
    assert!(h.ui().find(id(action_id(RowAction::Copy, &alice))).is_err());
    h.row_action("alice", RowAction::Reveal);
    h.assert_shows(&code);
    assert_eq!(h.app.toast(), None, "showing is not copying");
    // Now shown, its first action copies.
    h.row_action("alice", RowAction::Copy);
    assert!(h.app.toast().is_some_and(|t| t.starts_with("Code copied")));
}

#[test]
fn the_actions_are_named_in_both_languages() {
    for (lang, names) in [
        (
            Lang::En,
            ["Copy the code", "Show the code", "Next code", "Details"],
        ),
        (
            Lang::PtBr,
            [
                "Copiar o código",
                "Mostrar o código",
                "Próximo código",
                "Detalhes",
            ],
        ),
    ] {
        let got = [
            RowAction::Copy,
            RowAction::Reveal,
            RowAction::Next,
            RowAction::Details,
        ]
        .map(|a| i18n::t(lang, a.key()));
        assert_eq!(got, names);
    }
    // Which actions a card offers: by what it shows.
    let h = two();
    let acme = &h.app.entries()[0];
    assert_eq!(
        code_row::actions_for(acme, true),
        [RowAction::Copy, RowAction::Details]
    );
    assert_eq!(
        code_row::actions_for(acme, false),
        [RowAction::Reveal, RowAction::Details]
    );
}

/// The card's fill, read from the pixels: at rest, under the pointer, and
/// selected, where the selected highlight runs from the card's left edge to
/// its right one (past the actions), in every look.
#[test]
fn the_card_states_are_drawn_in_the_themes_roles() {
    use tessera::gui::settings::ThemeChoice;
    for choice in [
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::HighContrast,
    ] {
        let mut h = unlocked_with(
            vec![
                entry(totp("ACME", "alice", KEY)),
                entry(totp("Globex", "bob", KEY)),
                entry(totp("Initech", "carol", KEY)),
            ],
            Lang::En,
            |env| env.settings.theme = choice,
        );
        let theme = h.app.theme();
        let c = theme::colours(&theme);
        // Select Globex (the second card), point at Initech (the third).
        h.update(Message::Hotkey(Hotkey::Down));
        h.update(Message::Hotkey(Hotkey::Down));
        let initech = name_bounds(&h, "Initech");
        pointer(&mut h, initech.center());

        let mut ui = window(&h);
        // The pointer rests on Initech's card in the window drawn too.
        ui.point_at(initech.center());
        let _ = ui.simulate([iced::Event::Mouse(mouse::Event::CursorMoved {
            position: initech.center(),
        })]);
        let details = ui
            .find(id(action_id(RowAction::Details, &id_of(&h, "bob"))))
            .unwrap()
            .visible_bounds()
            .unwrap();
        let mut seconds: Vec<Rectangle> = Vec::new();
        let _ = ui.find(|candidate: Candidate<'_>| -> Option<()> {
            if let Candidate::Text {
                bounds, content, ..
            } = candidate
                && content == "10"
            {
                seconds.push(bounds);
            }
            None
        });
        let image = pixels(&mut ui, &theme);
        let name = |issuer: &str| {
            let mut ui = window(&h);
            ui.find(issuer).unwrap().visible_bounds().unwrap()
        };
        // The avatar starts 12 px into the card, the name 14 px after it:
        // 6 px into the card is its fill; so is the strip right of the
        // actions (the card's padding).
        let left = |b: Rectangle| Point::new(b.x - 14.0 - 40.0 - 6.0, b.center_y());
        // Right of a card's countdown ring (the seconds sit in its middle):
        // the card's padding.
        let right = |b: Rectangle| {
            let ring = seconds
                .iter()
                .min_by(|x, y| {
                    (x.center_y() - b.center_y())
                        .abs()
                        .total_cmp(&(y.center_y() - b.center_y()).abs())
                })
                .unwrap();
            Point::new(ring.center_x() + countdown::SIDE / 2.0 + 6.0, b.center_y())
        };
        let (acme, globex) = (name("ACME"), name("Globex"));
        // Each pixel is nearest the colour of its state among every fill a
        // card can have (some differ only slightly from each other).
        let fills = [
            c.background,
            c.card,
            c.card_hover,
            c.card_pressed,
            c.selected,
        ];
        let nearest = |pixel: [u8; 4]| {
            *fills
                .iter()
                .min_by_key(|f| {
                    let f = f.into_rgba8();
                    (0..3)
                        .map(|i| u32::from(pixel[i].abs_diff(f[i])))
                        .sum::<u32>()
                })
                .unwrap()
        };
        for (what, p, want) in [
            ("rest, left", left(acme), c.card),
            ("rest, right", right(acme), c.card),
            ("selected, left", left(globex), c.selected),
            ("selected, right of the actions", right(globex), c.selected),
            ("hovered, left", left(initech), c.card_hover),
            ("hovered, right", right(initech), c.card_hover),
        ] {
            let pixel = at(&image, p);
            assert!(
                close(pixel, want) && nearest(pixel) == want,
                "{choice:?}: {what}: {pixel:?} is not {want:?}"
            );
        }
        // Up from the selected card's actions to the gap above it: the
        // selected fill all the way to the card's edge (its outline in high
        // contrast is at most 2 px), then the window between two cards.
        let x = details.center_x();
        let mut y = details.center_y();
        let mut last_selected = y;
        while nearest(at(&image, Point::new(x, y))) != c.background {
            if nearest(at(&image, Point::new(x, y))) == c.selected {
                last_selected = y;
            }
            y -= 0.5;
            assert!(
                details.center_y() - y < h.app.codes_metrics().height(),
                "{choice:?}: no gap above the selected card"
            );
        }
        assert!(
            last_selected - y <= 3.0,
            "{choice:?}: the selection stops {} px short of the card's top",
            last_selected - y
        );
        // The gap is the list's 6 px between cards.
        let gap = code_row::GAP;
        assert!(close(
            at(&image, Point::new(x, y - gap + 1.5)),
            c.background
        ));
    }
}

/// The selected card wears the focus ring (`Row::focused`, the card's
/// accent border) while the list has the keyboard focus, and not once the
/// focus moves on (Shift+Tab to the search field), in every look.
#[test]
fn the_selected_card_wears_the_ring_while_the_list_has_the_focus() {
    use iced::keyboard::key::Named;
    use tessera::gui::settings::ThemeChoice;
    for choice in [
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::HighContrast,
    ] {
        let mut h = unlocked_with(
            vec![
                entry(totp("ACME", "alice", KEY)),
                entry(totp("Globex", "bob", KEY)),
            ],
            Lang::En,
            |env| env.settings.theme = choice,
        );
        let theme = h.app.theme();
        let c = theme::colours(&theme);
        h.tab_to(codes::LIST_KEY);
        h.named(Named::ArrowDown);
        h.named(Named::ArrowDown);
        assert_eq!(h.focused().as_deref(), Some(codes::LIST_KEY));
        // The colour of the card's top edge, read up from its Details
        // action to the gap above it.
        let edge = |h: &Harness| {
            let mut ui = window(h);
            let details = ui
                .find(id(action_id(RowAction::Details, &id_of(h, "bob"))))
                .unwrap()
                .visible_bounds()
                .unwrap();
            let image = pixels(&mut ui, &theme);
            let x = details.center_x();
            let mut y = details.center_y();
            while !close(at(&image, Point::new(x, y)), c.background) {
                y -= 0.5;
                assert!(
                    details.center_y() - y < h.app.codes_metrics().height(),
                    "{choice:?}: no gap above the selected card"
                );
            }
            at(&image, Point::new(x, y + 1.0))
        };
        let focused = edge(&h);
        assert!(
            close(focused, c.accent),
            "{choice:?}: the focused card's edge {focused:?} is not the accent {:?}",
            c.accent
        );
        h.shift_tab();
        assert_eq!(h.focused().as_deref(), Some(codes::SEARCH_ID));
        let unfocused = edge(&h);
        assert!(
            !close(unfocused, c.accent),
            "{choice:?}: the card keeps the ring after the focus left: {unfocused:?}"
        );
    }
}
