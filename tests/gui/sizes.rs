//! The code list at every text size (issue 17): the text size is iced's
//! scale factor, so a 560 x 720 window is 373 x 480 logical pixels at 150 %
//! and 280 x 360 at 200 %. The cards' shape and height follow that width
//! (`code_row::Metrics`), and everything that places rows reads the same
//! stride: names and codes show whole, the selected card scrolls fully into
//! view, the rows built cover the viewport, and the row at the top stays
//! there when the text size changes. Each check reads the laid-out window
//! (bounds and the text the widgets report), not the constants.
#![cfg(feature = "gui")]

use iced::Rectangle;
use iced_test::selector::{Candidate, Target};

use super::screens;
use crate::common::gui::*;
use tessera::gui::Message;
use tessera::gui::event::Hotkey;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::{codes, settings};
use tessera::gui::widget::code_row::Shape;
use tessera::otp::group_code;
use tessera::vault::EntryId;

/// The default window, in physical pixels.
const WINDOW: (f32, f32) = (560.0, 720.0);

/// A harness laid out as the default window shows it at `percent`.
fn sized(entries: Vec<Entry>, percent: u16) -> Harness {
    let mut h = unlocked_with(entries, Lang::En, |env| {
        env.settings.text_size_percent = percent;
    });
    fit_window(&mut h, percent);
    h
}

/// The harness's window: the default window at `percent`.
fn fit_window(h: &mut Harness, percent: u16) {
    let scale = f32::from(percent) / 100.0;
    h.width = WINDOW.0 / scale;
    h.height = WINDOW.1 / scale;
}

/// Every text the window shows: its content, where it is laid out and the
/// part of that in view (window coordinates).
fn texts(h: &Harness) -> Vec<(String, Rectangle, Option<Rectangle>)> {
    let mut ui = h.ui();
    let mut all = Vec::new();
    let _ = ui.find(|candidate: Candidate<'_>| -> Option<()> {
        if let Candidate::Text {
            content,
            bounds,
            visible_bounds,
            ..
        } = candidate
        {
            all.push((content.to_owned(), bounds, visible_bounds));
        }
        None
    });
    all
}

/// How wide `content` is on one line at `size` (bold or not, in the fonts
/// the card uses: the issuer's bold face, the window's default font for the
/// rest), laid out alone by the same renderer the tests' windows use.
fn natural_width(content: &str, size: f32, bold: bool) -> f32 {
    natural_width_in(
        content,
        size,
        bold.then_some(iced::Font {
            weight: iced::font::Weight::Bold,
            ..iced::Font::DEFAULT
        }),
    )
}

/// [`natural_width`] in `font` (the codes' monospaced one, say; `None`:
/// the window's default font).
fn natural_width_in(content: &str, size: f32, font: Option<iced::Font>) -> f32 {
    let mut alone = iced::widget::text(content.to_owned())
        .size(size)
        .wrapping(iced::widget::text::Wrapping::None);
    if let Some(font) = font {
        alone = alone.font(font);
    }
    let alone: iced::Element<'_, ()> = iced::widget::container(alone).into();
    let mut ui = iced_test::Simulator::with_size(iced::Settings::default(), (4000.0, 200.0), alone);
    let target = ui.find(content).unwrap();
    target.bounds().width
}

/// Whether all of `bounds` is in view (`visible` is its part in view).
fn whole(visible: Option<Rectangle>, bounds: Rectangle) -> bool {
    visible.is_some_and(|v| {
        (v.width - bounds.width).abs() < 0.5 && (v.height - bounds.height).abs() < 0.5
    })
}

/// Whether `inner` lies wholly inside `outer` (to half a pixel).
fn lies_within(inner: &Rectangle, outer: &Rectangle) -> bool {
    outer.x - 0.5 <= inner.x
        && inner.x + inner.width <= outer.x + outer.width + 0.5
        && outer.y - 0.5 <= inner.y
        && inner.y + inner.height <= outer.y + outer.height + 0.5
}

/// A card's place on screen (its container: the card and the gap under it).
fn card(h: &Harness, entry: &EntryId) -> Option<(Rectangle, Option<Rectangle>)> {
    let target = h.ui().find(id(codes::card_id(entry))).ok();
    target.map(|t| (t.bounds(), t.visible_bounds()))
}

/// The list's visible area.
fn list_area(h: &mut Harness) -> Rectangle {
    let target = match h.window.as_mut() {
        Some(window) => window.find(&h.app, iced::widget::Id::new(codes::LIST_ID)),
        None => h.ui().find(id(codes::LIST_ID)).ok(),
    };
    match target {
        Some(Target::Scrollable {
            visible_bounds: Some(area),
            ..
        }) => area,
        other => panic!("the list is not a visible scrollable: {other:?}"),
    }
}

fn samples() -> Vec<Entry> {
    let mut bank = entry(totp("Example Bank", "alice", KEY));
    bank.favourite = true;
    vec![
        bank,
        entry(totp("Cloudflare", "ops@example.org", KEY)),
        entry(totp("GitHub", "alice-dev", KEY)),
        entry(totp("Proton", "alice@proton.me", KEY)),
    ]
}

/// At 100, 150 and 200 %, each card shows its issuer and account name
/// whole (the text drawn is the whole name, in a box as wide as that name
/// needs), and its code whole on one line; all of it inside its card, the
/// names and the code side by side or one above the other, never over each
/// other. The selected card (its actions showing) too. The code is never
/// smaller on screen than at 100 %.
#[test]
fn a_card_shows_its_whole_name_and_code_at_every_text_size() {
    let code = group_code(&code_at(KEY, T0));
    let mut code_height_at_100 = 0.0;
    for percent in [100_u16, 150, 200] {
        let scale = f32::from(percent) / 100.0;
        let mut h = sized(samples(), percent);
        // Tall enough for every card (the height does not change the shape).
        h.height = 1000.0;
        h.frame();
        // The second card selected: its actions show.
        h.update(Message::Hotkey(Hotkey::Down));
        h.update(Message::Hotkey(Hotkey::Down));
        let shape = h.app.codes_metrics().shape;
        assert_eq!(
            shape,
            if percent == 100 {
                Shape::Wide
            } else {
                Shape::Stacked
            },
            "{percent} %"
        );
        let seen = texts(&h);
        let codes_seen: Vec<Rectangle> = seen
            .iter()
            .filter(|(content, _, _)| content == &code)
            .map(|(_, bounds, _)| *bounds)
            .collect();
        assert_eq!(
            codes_seen.len(),
            4,
            "{percent} %: every card shows its code"
        );
        for e in samples() {
            let (issuer, name) = (e.account.issuer.clone(), e.account.name.clone());
            let star = if e.favourite { "★ " } else { "" };
            let (card, _) = card(&h, &h.id_of_issuer(&issuer)).unwrap();
            let find = |want: &str| {
                seen.iter()
                    .find(|(content, bounds, _)| content == want && card.contains(bounds.center()))
                    .map(|(_, bounds, visible)| (*bounds, *visible))
                    .unwrap_or_else(|| {
                        let inside: Vec<_> = seen
                            .iter()
                            .filter(|(_, b, _)| card.contains(b.center()))
                            .map(|(c, _, _)| c.as_str())
                            .collect();
                        panic!("{percent} %: {want:?} is not shown whole in its card: {inside:?}")
                    })
            };
            let title = format!("{star}{issuer}");
            for (text, size, bold) in [(title.as_str(), 16.0, true), (name.as_str(), 14.0, false)] {
                let (bounds, visible) = find(text);
                let needs = natural_width(text, size, bold);
                assert!(
                    bounds.width + 0.5 >= needs,
                    "{percent} %: {text:?} gets {} px of the {needs} px it needs",
                    bounds.width
                );
                assert!(
                    whole(visible, bounds),
                    "{percent} %: {text:?} is cut by the list"
                );
                assert!(
                    card.x <= bounds.x && bounds.x + needs <= card.x + card.width,
                    "{percent} %: {text:?} runs out of its card"
                );
            }
            let (code_bounds, visible) = find(&code);
            assert!(whole(visible, code_bounds), "{percent} %: the code is cut");
            // One line ("123 456" is about 4 ems wide, 1.3 high; wrapped, under 2).
            assert!(
                code_bounds.width > 2.0 * code_bounds.height,
                "{percent} %: the code wraps: {code_bounds:?}"
            );
            assert!(
                card.x <= code_bounds.x && code_bounds.x + code_bounds.width <= card.x + card.width,
                "{percent} %: the code runs out of its card"
            );
            for names in [find(&name).0, find(&title).0] {
                assert!(
                    names
                        .intersection(&code_bounds)
                        .is_none_or(|r| r.width < 0.5 || r.height < 0.5),
                    "{percent} %: the names {names:?} and the code {code_bounds:?} overlap"
                );
            }
            if percent == 100 {
                code_height_at_100 = code_bounds.height;
            } else {
                assert!(
                    code_bounds.height * scale >= code_height_at_100,
                    "{percent} %: the code is smaller on screen than at 100 %"
                );
            }
        }
    }
}

/// A name too long for its column ends in "…" inside it (not cut through a
/// letter, not under the code), at 200 %.
#[test]
fn a_long_name_ends_in_an_ellipsis_inside_its_column() {
    let long = "a.very.long.address.for.an.account@example.org";
    let mut h = sized(vec![entry(totp("Example Bank", long, KEY))], 200);
    h.frame();
    let seen = texts(&h);
    let (shown, bounds, _) = seen
        .iter()
        .find(|(content, _, _)| content.starts_with("a.very"))
        .unwrap();
    assert!(shown.ends_with('…'), "{shown:?}");
    assert!(long.starts_with(shown.trim_end_matches('…')));
    let needs = natural_width(shown, 14.0, false);
    assert!(
        needs <= bounds.width + 0.5,
        "{shown:?} needs {needs}, has {}",
        bounds.width
    );
    assert!(shown.chars().count() > 8, "only {shown:?} fits");
}

/// The list knows its viewport from its first frame, without a scroll:
/// a short list in a short window (the list cannot scroll, so the
/// scrollable itself never reports), then the window resized.
#[test]
fn the_list_knows_its_viewport_from_the_first_frame_and_after_a_resize() {
    let mut h = unlocked(samples(), Lang::En);
    h.width = 700.0;
    h.height = 640.0;
    h.frame();
    let area = list_area(&mut h);
    let scroll = h.app.codes_scroll().unwrap();
    assert!(
        (scroll.height - area.height).abs() < 0.5 && (scroll.width - area.width).abs() < 0.5,
        "the list thinks it is {}x{}, it is {}x{}",
        scroll.width,
        scroll.height,
        area.width,
        area.height
    );
    // A resize (narrow and short): known at the next frame.
    h.width = 360.0;
    h.height = 300.0;
    h.frame();
    let area = list_area(&mut h);
    let scroll = h.app.codes_scroll().unwrap();
    assert!(
        (scroll.height - area.height).abs() < 0.5,
        "{scroll:?} {area:?}"
    );
    assert!(
        (scroll.width - area.width).abs() < 0.5,
        "{scroll:?} {area:?}"
    );
    assert_eq!(h.app.codes_metrics().shape, Shape::Stacked);
}

fn thousand() -> Vec<Entry> {
    (0..1000)
        .map(|i| {
            entry(totp(
                &format!("Service {i:04}"),
                &format!("user{i:04}"),
                KEY,
            ))
        })
        .collect()
}

/// The on-screen places of the cards of rows `rows` (those built).
fn cards_shown(
    h: &mut Harness,
    order: &[EntryId],
    rows: std::ops::Range<usize>,
) -> Vec<(usize, Rectangle)> {
    let window = h.window.as_mut().expect("a kept window");
    rows.filter_map(|i| {
        let target = window.find(&h.app, iced::widget::Id::from(codes::card_id(&order[i])))?;
        Some((i, target.visible_bounds()?))
    })
    .collect()
}

/// The cards built cover the list's viewport from top to bottom, each the
/// same height, with no gap.
fn assert_covered(h: &mut Harness, order: &[EntryId], around: usize, what: &str) {
    let area = list_area(h);
    let rows = around.saturating_sub(12)..(around + 12).min(order.len());
    let mut shown = cards_shown(h, order, rows);
    shown.sort_by(|a, b| a.1.y.total_cmp(&b.1.y));
    assert!(!shown.is_empty(), "{what}: no card in view");
    let first = shown[0].1;
    assert!(
        first.y <= area.y + 0.5,
        "{what}: a gap above the first card ({first:?} in {area:?})"
    );
    for pair in shown.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert_eq!(b.0, a.0 + 1, "{what}: rows out of order");
        assert!(
            (b.1.y - (a.1.y + a.1.height)).abs() < 0.5,
            "{what}: a gap between rows {} and {}: {:?} {:?}",
            a.0,
            b.0,
            a.1,
            b.1
        );
    }
    let last = shown[shown.len() - 1];
    assert!(
        last.1.y + last.1.height >= area.y + area.height - 0.5 || last.0 == order.len() - 1,
        "{what}: a gap under the last card built ({:?} in {area:?})",
        last.1
    );
}

/// The entries' ids in the list's order ("Service 0000" first).
fn order(h: &Harness) -> Vec<EntryId> {
    let mut all: Vec<_> = h.app.entries().iter().collect();
    all.sort_by(|a, b| a.account.issuer.cmp(&b.account.issuer));
    all.into_iter().map(|e| e.id.clone()).collect()
}

/// With 1,000 accounts at 200 %, Down from the first to the last account
/// keeps the selected card fully in view at every step checked, the cards
/// built cover the viewport on the way, and the last one ends in view,
/// its name whole.
#[test]
fn the_last_of_a_thousand_accounts_is_selected_into_view_at_200() {
    let mut h = sized(thousand(), 200);
    h.keep_window();
    h.frame();
    let order = order(&h);
    for i in 0..order.len() {
        h.update(Message::Hotkey(Hotkey::Down));
        h.frame();
        if i % 97 == 0 || i + 1 == order.len() {
            let selected = h.app.selected_entry().cloned().unwrap();
            assert_eq!(selected, order[i]);
            let window = h.window.as_mut().unwrap();
            let target = window
                .find(&h.app, iced::widget::Id::from(codes::card_id(&selected)))
                .unwrap_or_else(|| panic!("row {i}: the selected card is not built"));
            let (bounds, visible) = (target.bounds(), target.visible_bounds());
            let visible =
                visible.unwrap_or_else(|| panic!("row {i}: the selected card is out of view"));
            // The card itself (its container also holds the gap under it).
            let height = h.app.codes_metrics().height();
            assert!(
                visible.height + 0.5 >= height,
                "row {i}: {} of the card's {height} px in view ({bounds:?})",
                visible.height
            );
            assert_covered(&mut h, &order, i, &format!("row {i}"));
        }
    }
    assert_eq!(h.app.selected_entry(), order.last());
    // The last card's names, whole.
    let window = h.window.as_mut().unwrap();
    for text in ["Service 0999", "user0999"] {
        let target = window
            .find_text(&h.app, text)
            .unwrap_or_else(|| panic!("{text:?} not shown whole"));
        assert!(
            whole(target.visible_bounds(), target.bounds()),
            "{text:?} cut"
        );
    }
}

/// The text size changes while the list is scrolled half way down: back on
/// the list, the same row is at its top, and the rows cover the viewport.
#[test]
fn the_top_row_stays_when_the_text_size_changes() {
    let mut h = sized(thousand(), 100);
    h.keep_window();
    h.frame();
    let order = order(&h);
    for _ in 0..500 {
        h.update(Message::Hotkey(Hotkey::Down));
        h.frame();
    }
    let top = |h: &mut Harness| {
        let area = list_area(h);
        let mut shown = cards_shown(h, &order, 470..530);
        shown.sort_by(|a, b| a.1.y.total_cmp(&b.1.y));
        shown
            .into_iter()
            .find(|(_, b)| b.y + b.height > area.y + 0.5)
            .map(|(i, _)| i)
            .unwrap()
    };
    let before = top(&mut h);
    assert_eq!(h.app.codes_metrics().shape, Shape::Wide);
    for percent in [200_u16, 150, 100] {
        h.click_id(codes::SETTINGS_ID);
        h.update(Message::Settings(settings::Message::TextSize(percent)));
        // The window keeps its pixels: its logical size follows the text size.
        fit_window(&mut h, percent);
        h.keep_window();
        h.update(Message::Hotkey(Hotkey::Escape));
        assert_eq!(h.app.screen_name(), "codes");
        h.frame();
        h.frame();
        assert_eq!(
            top(&mut h),
            before,
            "{percent} %: another row is at the top"
        );
        assert_covered(&mut h, &order, before, &format!("{percent} %"));
    }
}

/// What is wrong with `all`, the texts a window shows ([`texts`]; `context`
/// names it): each text must lie wholly inside the window (`width` wide) and be
/// drawn whole (its part in view is all of it: nothing cut at the right
/// edge or by a scrollable).
fn texts_not_whole(
    all: &[(String, Rectangle, Option<Rectangle>)],
    width: f32,
    context: &str,
) -> Vec<String> {
    if all.is_empty() {
        return vec![format!("{context}: no text")];
    }
    let mut wrong = Vec::new();
    for (content, bounds, visible) in all {
        if bounds.x < -0.5 || bounds.x + bounds.width > width + 0.5 {
            wrong.push(format!(
                "{context}: {content:?} at {bounds:?} leaves the {width} px window"
            ));
        } else if !whole(*visible, *bounds) {
            wrong.push(format!(
                "{context}: {content:?} is cut ({bounds:?}, in view {visible:?})"
            ));
        }
    }
    wrong
}

/// Every text the window shows lies inside it and is drawn whole
/// ([`texts_not_whole`]); the texts, for further checks.
fn assert_every_text_whole(
    h: &Harness,
    context: &str,
) -> Vec<(String, Rectangle, Option<Rectangle>)> {
    let all = texts(h);
    let wrong = texts_not_whole(&all, h.width, context);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    all
}

/// A harness on the list of [`samples`] in `lang` at `percent`, in the
/// default window's width and tall enough that no page scrolls.
fn large(lang: Lang, percent: u16) -> Harness {
    let mut h = unlocked_with(samples(), lang, |env| {
        env.settings.text_size_percent = percent;
    });
    fit_window(&mut h, percent);
    h.height = 6000.0;
    h
}

/// Settings and details at 150 and 200 %, in English and Portuguese (the
/// longer labels), in a window tall enough that nothing scrolls: every text
/// lies wholly inside the window and is drawn whole (nothing cut at the
/// right edge), and each value of the segmented choices (the look, the
/// language, the text size, the algorithm) stays on one line, as tall as
/// the one-line "100 %" or "SHA1" beside it: the group wraps, a label never
/// does.
#[test]
fn settings_and_details_show_every_text_whole_at_large_sizes() {
    for lang in [Lang::En, Lang::PtBr] {
        for percent in [150_u16, 200] {
            let mut h = screens::details(large(lang, percent));
            let details =
                assert_every_text_whole(&h, &format!("details at {percent} % ({lang:?})"));
            h.named(iced::keyboard::key::Named::Escape);
            let h = screens::settings(h);
            let settings =
                assert_every_text_whole(&h, &format!("settings at {percent} % ({lang:?})"));

            for (screen, all, one_line, choices) in [
                ("details", &details, "SHA1", &["SHA256", "SHA512"][..]),
                (
                    "settings",
                    &settings,
                    "100 %",
                    &[
                        "125 %",
                        "150 %",
                        "175 %",
                        "200 %",
                        "English",
                        "Português (Brasil)",
                    ][..],
                ),
            ] {
                let context = format!("{screen} at {percent} % ({lang:?})");
                let height = |label: &str| {
                    all.iter()
                        .find(|(content, ..)| content == label)
                        .map(|(_, bounds, _)| bounds.height)
                        .unwrap_or_else(|| panic!("{context}: no {label:?} on screen"))
                };
                let line = height(one_line);
                for choice in choices {
                    assert!(
                        height(choice) < line * 1.5,
                        "{context}: {choice:?} takes more than one line"
                    );
                }
            }
        }
    }
}

/// The add screen and "Move to phone" at 150 and 200 %, en and pt-BR: every
/// text lies inside the window and is drawn whole.
#[test]
fn add_and_share_show_every_text_whole_at_large_sizes() {
    for lang in [Lang::En, Lang::PtBr] {
        for percent in [150_u16, 200] {
            for (control, screen) in [(codes::ADD_ID, "add"), (codes::EXPORT_ID, "share")] {
                let mut h = large(lang, percent);
                h.tab_to(control);
                h.named(iced::keyboard::key::Named::Enter);
                let name = h.app.screen_name();
                assert_ne!(name, "codes", "{screen} did not open");
                assert_every_text_whole(
                    &h,
                    &format!("{name} ({screen}) at {percent} % ({lang:?})"),
                );
            }
        }
    }
}

/// Every other screen the keyboard audit visits (`audit_every_screen`),
/// and the states that show more of them, at 150 and 200 %, en and pt-BR:
/// the first run and unlock, the list (a card selected, then its code
/// copied: the toast; and empty), details asking to delete, add with its
/// advanced fields, settings with every button it can show, recovery codes
/// without and with codes and asking to replace them,
/// a QR code shown to move to a phone, export and backup, restore and its
/// preview, the review of a dropped image and its offer to delete it.
/// Every text lies inside the window and is drawn whole.
#[test]
fn every_other_screen_shows_every_text_whole_at_large_sizes() {
    type Way = fn(Harness) -> Harness;
    let copied: Way = |h| {
        let mut h = screens::select_first(h);
        h.named(iced::keyboard::key::Named::Enter);
        assert!(h.app.toast().is_some());
        h
    };
    let from_the_list: [(&str, Way); 14] = [
        ("a card selected", screens::select_first),
        ("a code copied", copied),
        ("details, deleting", screens::details_deleting),
        ("add, advanced", screens::add_advanced),
        ("settings, every button", screens::settings_full),
        ("recovery codes", screens::recovery),
        ("recovery codes, one saved", screens::recovery_with_codes),
        ("recovery codes, replacing", screens::recovery_replacing),
        ("a QR code shown", screens::shown_qr),
        ("export and backup", screens::file_export),
        ("restore", screens::restore),
        ("restore, a version chosen", screens::restore_preview),
        ("review", screens::review),
        ("review, added", screens::review_added),
    ];
    let mut wrong = Vec::new();
    for lang in [Lang::En, Lang::PtBr] {
        for percent in [150_u16, 200] {
            let at = |env: &mut tessera::gui::Environment| {
                env.settings.text_size_percent = percent;
            };
            let mut states = vec![
                ("first run", screens::first_run(lang, at)),
                ("unlock", screens::unlock(samples(), lang, at)),
                ("the empty list", unlocked_with(vec![], lang, at)),
            ];
            for (what, way) in from_the_list {
                states.push((what, way(large(lang, percent))));
            }
            for (what, mut h) in states {
                fit_window(&mut h, percent);
                h.height = 6000.0;
                let context = format!("{} ({what}) at {percent} % ({lang:?})", h.app.screen_name());
                wrong.extend(texts_not_whole(&texts(&h), h.width, &context));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The smallest window the app allows (`codes::MIN_WINDOW`) at 200 %, in
/// English and Portuguese: every text of every card lies inside its card
/// and is drawn whole (the codes and the next codes, one line each, as wide
/// as they need in their monospaced font), the code never smaller on screen
/// than at 100 %. The cards: a favourite selected (its actions show), an
/// HOTP account, one with a long name; at 4 seconds left (the next code
/// shows under the code) and with codes hidden (the hint instead).
#[test]
fn every_card_keeps_its_text_inside_in_the_smallest_window_at_200() {
    let code_height_at_100 = {
        let mut h = sized(samples(), 100);
        h.frame();
        let code = group_code(&code_at(KEY, T0));
        let seen = texts(&h);
        seen.iter()
            .find(|(content, ..)| content == &code)
            .map(|(_, bounds, _)| bounds.height)
            .unwrap()
    };
    let accounts = || {
        let mut all = samples();
        all.push(entry(
            tessera::otp::Account::new(
                "Counter Co",
                "hotp@example.org",
                tessera::otp::decode_base32(KEY).unwrap(),
                tessera::otp::Params::hotp(7),
            )
            .unwrap(),
        ));
        all.push(entry(totp(
            "A Rather Long Issuer Name",
            "someone.with.a.long.address@example.org",
            KEY,
        )));
        all
    };
    let mut wrong = Vec::new();
    for lang in [Lang::En, Lang::PtBr] {
        for hidden in [false, true] {
            let mut h = unlocked_with(accounts(), lang, |env| {
                env.settings.text_size_percent = 200;
                env.settings.hide_codes = hidden;
            });
            h.width = codes::MIN_WINDOW.0 / 2.0;
            // Tall enough for every card (the height does not change the shape).
            h.height = 2000.0;
            h.frame();
            h.update(Message::Hotkey(Hotkey::Down));
            if !hidden {
                // 4 seconds left: the next code shows.
                h.tick(T0.offset_by(6));
            }
            h.frame();
            let height = h.app.codes_metrics().height();
            let seen = texts(&h);
            let context = format!("{lang:?}, codes hidden: {hidden}");
            for e in h.app.entries() {
                let (container, _) = card(&h, &e.id).unwrap_or_else(|| {
                    panic!("{context}: {}'s card is not built", e.account.issuer)
                });
                // The card itself (its container also holds the gap under it).
                let card = Rectangle {
                    height,
                    ..container
                };
                let inside: Vec<_> = seen
                    .iter()
                    .filter(|(_, bounds, _)| card.contains(bounds.center()))
                    .collect();
                assert!(
                    inside.len() >= 2,
                    "{context}: {}'s card shows {inside:?}",
                    e.account.issuer
                );
                for (content, bounds, visible) in inside {
                    if !lies_within(bounds, &card) {
                        wrong.push(format!(
                            "{context}: {content:?} {bounds:?} leaves its card {card:?}"
                        ));
                    } else if !whole(*visible, *bounds) {
                        wrong.push(format!("{context}: {content:?} is cut ({bounds:?})"));
                    }
                }
            }
            if !hidden {
                let code = group_code(&code_at(KEY, T0.offset_by(6)));
                let next = group_code(&code_at(KEY, T0.offset_by(10)));
                let monospaced = seen
                    .iter()
                    .filter(|(c, ..)| c == &code || c.ends_with(&next) || c.ends_with("––– –––"));
                let mut codes = 0;
                for (content, bounds, _) in monospaced {
                    // One line: its size is its line's height / 1.3.
                    let needs =
                        natural_width_in(content, bounds.height / 1.3, Some(iced::Font::MONOSPACE));
                    if bounds.width + 0.5 < needs {
                        wrong.push(format!(
                            "{context}: {content:?} gets {bounds:?}, {needs} px wide on one line"
                        ));
                    }
                    if content != &code {
                        continue;
                    }
                    codes += 1;
                    if bounds.height * 2.0 < code_height_at_100 - 0.5 {
                        wrong.push(format!(
                            "{context}: the code is smaller on screen than at 100 %: {bounds:?}"
                        ));
                    }
                }
                assert_eq!(
                    codes, 5,
                    "{context}: every TOTP card and the HOTP one shown"
                );
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The list's header (the app's name and its four buttons) at 100, 150
/// and 200 %, in the default window and in the smallest one: the name is as
/// wide as it needs (a single word is drawn past a box too narrow for it),
/// every button lies wholly inside the window, and none lies over the name.
#[test]
fn the_header_fits_down_to_the_smallest_window() {
    let mut wrong = Vec::new();
    for percent in [100_u16, 150, 200] {
        for window in [WINDOW.0, codes::MIN_WINDOW.0] {
            let mut h = sized(samples(), percent);
            h.width = window / (f32::from(percent) / 100.0);
            h.frame();
            let context = format!("{window} px at {percent} %");
            let name = texts(&h)
                .into_iter()
                .find(|(content, ..)| content == "Tessera")
                .map(|(_, bounds, _)| bounds)
                .unwrap();
            let needs = natural_width("Tessera", 24.0, false);
            if name.width + 0.5 < needs {
                wrong.push(format!(
                    "{context}: the name gets {name:?}, needs {needs} px"
                ));
            }
            let drawn = Rectangle {
                width: name.width.max(needs),
                ..name
            };
            for control in [
                codes::ADD_ID,
                codes::EXPORT_ID,
                codes::SETTINGS_ID,
                codes::LOCK_ID,
            ] {
                let target = h.ui().find(id(control)).unwrap();
                let (bounds, visible) = (target.bounds(), target.visible_bounds());
                if bounds.x < -0.5
                    || bounds.x + bounds.width > h.width + 0.5
                    || !whole(visible, bounds)
                {
                    wrong.push(format!(
                        "{context}: {control} at {bounds:?} is not wholly in view"
                    ));
                }
                if drawn
                    .intersection(&bounds)
                    .is_some_and(|r| r.width > 0.5 && r.height > 0.5)
                {
                    wrong.push(format!(
                        "{context}: {control} at {bounds:?} lies over the name {drawn:?}"
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The selected card's two actions in every shape (wide at 100 %, stacked at
/// 150 and 200 %, narrow in the smallest window at 200 %): each action, its
/// focus ring included, lies wholly inside its card, the two do not overlap,
/// each keeps its whole size (as wide as high), and neither lies over a
/// text of the card (its names, its code). The
/// ring's room is part of each button's layout whether it shows or not, so
/// a card that reserves less than that squeezes its last action.
#[test]
fn a_card_s_actions_fit_beside_its_code_in_every_shape() {
    use tessera::gui::widget::code_row::{RowAction, action_id};
    let mut wrong = Vec::new();
    let cases = [
        (100_u16, WINDOW.0, Shape::Wide),
        (150, WINDOW.0, Shape::Stacked),
        (200, WINDOW.0, Shape::Stacked),
        (200, codes::MIN_WINDOW.0, Shape::Narrow),
    ];
    for (percent, window, shape) in cases {
        let mut h = sized(samples(), percent);
        h.width = window / (f32::from(percent) / 100.0);
        h.height = 1000.0;
        h.frame();
        // The second card selected: its actions show.
        h.update(Message::Hotkey(Hotkey::Down));
        h.update(Message::Hotkey(Hotkey::Down));
        h.frame();
        let context = format!("{percent} %, window {window} px");
        assert_eq!(h.app.codes_metrics().shape, shape, "{context}");
        // The card that shows its actions (the selected one).
        let mut shown = Vec::new();
        for e in h.app.entries() {
            for action in [RowAction::Copy, RowAction::Details] {
                if let Ok(target) = h
                    .ui()
                    .find(iced_test::selector::id(action_id(action, &e.id)))
                {
                    shown.push((e.id.clone(), action, target.bounds()));
                }
            }
        }
        let Some(entry) = shown.first().map(|(entry, ..)| entry.clone()) else {
            wrong.push(format!("{context}: no card shows its actions"));
            continue;
        };
        let actions: Vec<_> = shown
            .into_iter()
            .filter(|(e, ..)| e == &entry)
            .map(|(_, action, bounds)| (action, bounds))
            .collect();
        if actions.len() != 2 {
            wrong.push(format!("{context}: the selected card shows {actions:?}"));
        }
        let (container, _) = card(&h, &entry).unwrap();
        let card_box = Rectangle {
            height: h.app.codes_metrics().height(),
            ..container
        };
        let texts_inside: Vec<_> = texts(&h)
            .into_iter()
            .filter(|(_, bounds, _)| card_box.contains(bounds.center()))
            .collect();
        let overlaps = |a: &Rectangle, b: &Rectangle| {
            a.intersection(b)
                .is_some_and(|r| r.width >= 0.5 && r.height >= 0.5)
        };
        for (action, bounds) in &actions {
            if !lies_within(bounds, &card_box) {
                wrong.push(format!(
                    "{context}: {action:?} {bounds:?} leaves its card {card_box:?}"
                ));
            }
            // A square symbol in a square button in its ring: squeezed, the
            // ring is drawn narrower than high, over a clipped symbol.
            if (bounds.width - bounds.height).abs() > 0.5 {
                wrong.push(format!("{context}: {action:?} is squeezed to {bounds:?}"));
            }
            for (content, text, _) in &texts_inside {
                if overlaps(bounds, text) {
                    wrong.push(format!(
                        "{context}: {action:?} {bounds:?} lies over {content:?} {text:?}"
                    ));
                }
            }
        }
        if let [(_, a), (_, b)] = actions.as_slice()
            && overlaps(a, b)
        {
            wrong.push(format!("{context}: the two actions overlap: {a:?}, {b:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
