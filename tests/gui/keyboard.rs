//! Every control of every screen by keyboard alone (issue 17, item 3).
//!
//! For each screen (and the states that show more controls: a confirmation,
//! the advanced fields, a toast), starting from the screen as it arrives:
//! - Tab visits the screen's controls in the order the view lays them out
//!   and wraps round; Shift+Tab walks the same cycle backwards;
//! - every control is reached with Tab and operated with the keyboard
//!   alone: Enter and Space on a button or checkbox do exactly what a click
//!   on it does (the window's text, the clipboard, the settings file, the
//!   vault's accounts and the files written are compared with those after a
//!   click, on a fresh copy of the same state), the arrows change a choice
//!   and change it back, a text field takes what is typed;
//! - no control is left out: every point of the window where a click is
//!   taken by a widget lies inside a control the focus visits (a disabled
//!   button takes no click), and every control the focus visits is in the
//!   view, in the same order.
//!
//! The harness presses keys as the window gets them (`Harness::press_key`):
//! the widgets first, then the app's key mapping for the keys none took.

use std::path::Path;

use iced::keyboard::key::Named;
use iced::{Point, Rectangle};
use iced_test::selector::Candidate;

use super::screens;
use crate::common;
use common::gui::*;
use tessera::gui::Message;
use tessera::gui::focus::{Key, Kind, RING_PREFIX};
use tessera::gui::i18n::Lang;
use tessera::gui::screen::{codes, settings};
use tessera::otp::{Account, Params, decode_base32};

/// What a person can see or find afterwards: the screen and every text on
/// it (field contents included), what each control would send next (a
/// checkbox's state), the clipboard, the settings file, the vault's
/// accounts and the files in the test's directory.
fn fingerprint(h: &Harness) -> String {
    let mut out = format!("screen {}\n", h.app.screen_name());
    for text in view_texts(h) {
        out.push_str(&text);
        out.push('\n');
    }
    for control in h.app.focus_controls() {
        if let Kind::Press(message)
        | Kind::Choice {
            next: Some(message),
            ..
        } = &control.kind
        {
            out.push_str(&format!("{} -> {message:?}\n", control.key));
        }
    }
    out.push_str(&format!("clipboard {:?}\n", h.clipboard));
    let settings = h.dir.path().join("config/settings.toml");
    out.push_str(&format!(
        "settings {:?}\n",
        std::fs::read_to_string(settings).ok()
    ));
    if h.vault_path().exists() {
        for e in reopen(&h.vault_path()).entries() {
            out.push_str(&format!(
                "entry {} {} fav={} group={:?} notes={:?} {:?} counter={} recovery={}/{}\n",
                e.account.issuer,
                e.account.name,
                e.favourite,
                e.group,
                e.notes,
                e.account.params.kind,
                e.account.params.counter,
                e.unused_recovery_codes(),
                e.recovery_codes.len(),
            ));
        }
    }
    let mut files = Vec::new();
    list_files(h.dir.path(), h.dir.path(), &mut files);
    files.sort();
    out.push_str(&format!("files {files:?}\n"));
    // Two copies of a state differ in their directory, random ids and the
    // minute their files were written (set up on either side of a minute, the
    // restore screen's versions showed 16:35 and 16:36) only.
    let out = out.replace(&h.dir.path().display().to_string(), "<dir>");
    let mut out = mask_minutes(&mask_uuids(&out));
    for e in h.app.entries() {
        out = out.replace(
            e.id.as_str(),
            &format!("{}/{}", e.account.issuer, e.account.name),
        );
    }
    out
}

/// `text` with every time of day to the minute in UTC (`2026-12-02 16:35
/// UTC`, as the app shows when a file was written) replaced by its date and
/// `<time> UTC`.
fn mask_minutes(text: &str) -> String {
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut start = 0;
    // "HH:MM UTC" after a space and a date.
    let mut i = 0;
    while i + 9 <= bytes.len() {
        let at = &bytes[i..i + 9];
        let dated = i >= 11 && bytes[i - 1] == b' ' && digits(&bytes[i - 3..i - 1]);
        if dated && digits(&at[..2]) && at[2] == b':' && digits(&at[3..5]) && &at[5..] == b" UTC" {
            out.push_str(&text[start..i]);
            out.push_str("<time> UTC");
            i += 9;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[start..]);
    out
}

/// `text` with every UUID (8-4-4-4-12 hex digits) replaced by `<id>`.
fn mask_uuids(text: &str) -> String {
    let is_uuid = |s: &[u8]| {
        s.len() == 36
            && s.iter().enumerate().all(|(i, b)| match i {
                8 | 13 | 18 | 23 => *b == b'-',
                _ => b.is_ascii_hexdigit(),
            })
    };
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if i + 36 <= bytes.len() && is_uuid(&bytes[i..i + 36]) {
            out.push_str("<id>");
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    out
}

/// What the window shows and what its controls would send next (no files).
fn view_fingerprint(h: &Harness) -> String {
    let full = fingerprint(h);
    full.split("\nclipboard ")
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            list_files(root, &path, out);
        } else if let Ok(relative) = path.strip_prefix(root)
            // Named by the vault's random id: the same in both copies only
            // in what they hold, which the accounts above show.
            && !relative.starts_with("state")
        {
            out.push(relative.display().to_string());
        }
    }
}

/// Every text and text field's content in the view, in order.
fn view_texts(h: &Harness) -> Vec<String> {
    let mut out = Vec::new();
    let mut ui = h.ui();
    let _ = ui.find(|candidate: Candidate<'_>| -> Option<()> {
        match candidate {
            Candidate::Text { content, .. } => out.push(content.to_owned()),
            Candidate::TextInput { state, .. } => out.push(format!("[{}]", state.text())),
            _ => {}
        }
        None
    });
    out
}

/// What the view holds: the rings (id and bounds, in order), the bounds of
/// its text fields and of its scrollables.
#[derive(Default)]
struct Layout {
    rings: Vec<(iced::widget::Id, Rectangle)>,
    fields: Vec<Rectangle>,
    scrollables: Vec<Rectangle>,
}

fn layout(h: &Harness) -> Layout {
    let mut out = Layout::default();
    let mut ui = h.ui();
    let _ = ui.find(|candidate: Candidate<'_>| -> Option<()> {
        match candidate {
            Candidate::Container {
                id: Some(id),
                visible_bounds: Some(bounds),
                ..
            } if format!("{id:?}").contains(RING_PREFIX) => out.rings.push((id.clone(), bounds)),
            Candidate::TextInput {
                visible_bounds: Some(bounds),
                ..
            } => out.fields.push(bounds),
            Candidate::Scrollable {
                visible_bounds: Some(bounds),
                ..
            } => out.scrollables.push(bounds),
            _ => {}
        }
        None
    });
    out
}

/// Clicks the middle of `key`'s ring (the control inside it).
fn click_control(h: &mut Harness, key: &Key) {
    let ring = key.ring_id();
    h.interact(move |ui| {
        let _ = ui
            .click(ring.clone())
            .unwrap_or_else(|e| panic!("click {ring:?}: {e}"));
    });
}

/// The checks of the module's comment, on the state `setup` builds.
/// `choosers` name the controls that open the system's file chooser: they
/// are reached and send the chooser's message, which is not run here (no
/// portal in the tests).
/// `idle` name the controls that do nothing in this state, by click or by
/// key (Open with no path typed, Unlock with no password).
fn every_control_by_keyboard(setup: &dyn Fn() -> Harness, choosers: &[&str], idle: &[&str]) {
    // A window tall enough for the longest page: iced 0.14 does not scroll
    // a focused control into view (docs/gui.md, "Keyboard").
    let setup = &|| {
        let mut h = setup();
        h.height = TALL;
        h
    };
    let start = setup();
    let screen = start.app.screen_name();
    let controls = start.app.focus_controls();
    let keys = start.focus_keys();
    assert!(!controls.is_empty(), "{screen}: no control");

    // Tab visits the controls in order and wraps; Shift+Tab goes back.
    let mut h = setup();
    let mut forward = Vec::new();
    for _ in 0..keys.len() * 2 {
        h.tab();
        assert!(h.app.focus_visible());
        forward.push(h.focused().unwrap());
    }
    let at = keys
        .iter()
        .position(|k| Some(k) == forward.first())
        .unwrap();
    let expected: Vec<String> = (0..keys.len() * 2)
        .map(|i| keys[(at + i) % keys.len()].clone())
        .collect();
    assert_eq!(forward, expected, "{screen}: Tab order");
    let mut backward = Vec::new();
    for _ in 0..keys.len() {
        h.shift_tab();
        backward.push(h.focused().unwrap());
    }
    let mut expected_back: Vec<String> = forward[keys.len() - 1..keys.len() * 2 - 1].to_vec();
    expected_back.reverse();
    assert_eq!(backward, expected_back, "{screen}: Shift+Tab order");

    // Every control the focus visits is in the view, in that order.
    let view = layout(&start);
    let mut rings = view.rings.iter().map(|(id, _)| id);
    for control in &controls {
        if matches!(control.kind, Kind::List) {
            continue;
        }
        let id = control.key.ring_id();
        assert!(
            rings.any(|r| *r == id),
            "{screen}: {} not in the view in Tab order",
            control.key
        );
    }

    // Every click a widget takes lands in a control the focus visits.
    no_control_left_out(setup, &controls);

    for control in &controls {
        let key = control.key.to_string();
        match &control.kind {
            Kind::Press(message) if choosers.contains(&key.as_str()) => {
                let mut k = setup();
                k.tab_to(&key);
                let sent = format!("{message:?}");
                // The empty list's "Import from another app…" asks the app
                // for the chooser (`codes::Action::Import`).
                assert!(
                    sent.contains("Choose") || sent == "Codes(Import)",
                    "{screen}: {key} sends {sent}, not a chooser"
                );
            }
            Kind::Press(_) => {
                let mut k = setup();
                k.tab_to(&key);
                let before = fingerprint(&k);
                k.named(Named::Enter);
                let by_enter = fingerprint(&k);
                if idle.contains(&key.as_str()) {
                    assert_eq!(before, by_enter, "{screen}: {key} is not idle here");
                } else {
                    assert_ne!(before, by_enter, "{screen}: Enter on {key} did nothing");
                }

                let mut s = setup();
                s.tab_to(&key);
                s.space();
                assert_eq!(
                    fingerprint(&s),
                    by_enter,
                    "{screen}: Space on {key} is not Enter"
                );

                let mut m = setup();
                click_control(&mut m, &control.key);
                assert_eq!(
                    fingerprint(&m),
                    by_enter,
                    "{screen}: Enter on {key} is not a click on it"
                );
            }
            Kind::Choice { previous, next } => {
                let mut k = setup();
                k.tab_to(&key);
                let before = view_fingerprint(&k);
                let (there, back) = if next.is_some() {
                    (Named::ArrowRight, Named::ArrowLeft)
                } else {
                    assert!(previous.is_some(), "{screen}: {key} has one value");
                    (Named::ArrowLeft, Named::ArrowRight)
                };
                k.named(there);
                assert_ne!(
                    view_fingerprint(&k),
                    before,
                    "{screen}: {key} did not change"
                );
                k.named(back);
                assert_eq!(
                    view_fingerprint(&k),
                    before,
                    "{screen}: {key} did not change back"
                );
            }
            // The paste area's text is not readable from the view; the
            // recovery test types codes into it and saves them.
            Kind::Field(_) if key == tessera::gui::screen::recovery::BLOCK_ID => {
                let mut k = setup();
                k.tab_to(&key);
            }
            Kind::Field(_) => {
                let mut k = setup();
                k.tab_to(&key);
                let before = fingerprint(&k);
                k.type_keys("7");
                assert_ne!(fingerprint(&k), before, "{screen}: typing into {key}");
            }
            Kind::List => {
                let mut k = setup();
                k.tab_to(&key);
                k.clipboard = None;
                k.named(Named::Enter);
                assert!(k.clipboard.is_some(), "{screen}: Enter on the list copies");
                let mut s = setup();
                s.tab_to(&key);
                s.clipboard = None;
                s.space();
                assert_eq!(s.clipboard, k.clipboard, "{screen}: Space on the list");
            }
        }
    }
}

/// Clicks a grid of points over the window (a fresh view for each one a
/// widget took): each click a widget took must lie inside the ring of a
/// control the focus visits (or a text field, or a scrollbar).
fn no_control_left_out(
    setup: &dyn Fn() -> Harness,
    controls: &[tessera::gui::focus::Control<Message>],
) {
    no_control_left_out_every(setup, controls, 12.0);
}

/// [`no_control_left_out`] with clicks every `step` pixels.
fn no_control_left_out_every(
    setup: &dyn Fn() -> Harness,
    controls: &[tessera::gui::focus::Control<Message>],
    step: f32,
) {
    let h = setup();
    let screen = h.app.screen_name();
    let view = layout(&h);
    let visited: Vec<Rectangle> = controls
        .iter()
        .filter_map(|c| {
            let id = c.key.ring_id();
            view.rings.iter().find(|(r, _)| *r == id).map(|(_, b)| *b)
        })
        .collect();
    let inside = |p: Point| {
        visited.iter().any(|b| b.contains(p))
            // The list's rows (one stop, moved with the arrows).
            || (controls.iter().any(|c| matches!(c.kind, Kind::List))
                && view.scrollables.iter().any(|b| b.contains(p)))
            // A scrollable's bar, at its right edge.
            || view
                .scrollables
                .iter()
                .any(|b| b.contains(p) && p.x > b.x + b.width - 14.0)
    };
    let mut ui = h.ui();
    let mut y = 4.0;
    while y < TALL {
        let mut x = 4.0;
        while x < 1024.0 {
            let p = Point::new(x, y);
            ui.point_at(p);
            let taken = ui
                .simulate(iced_test::simulator::click())
                .contains(&iced::event::Status::Captured);
            if taken {
                assert!(
                    inside(p),
                    "{screen}: a click at {p:?} is taken by a widget no Tab reaches"
                );
                ui = h.ui();
            }
            x += step;
        }
        y += step;
    }
    let _ = view.fields;
}

/// The height of the window the checks lay views out in.
const TALL: f32 = 2400.0;

fn hotp(issuer: &str, name: &str) -> Entry {
    entry(Account::new(issuer, name, decode_base32(KEY).unwrap(), Params::hotp(3)).unwrap())
}

fn three() -> Vec<Entry> {
    vec![
        entry(totp("ACME", "alice", KEY)),
        entry(totp("Globex", "bob", "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ")),
        hotp("Bank", "me"),
    ]
}

#[test]
fn first_run_by_keyboard() {
    let setup = || screens::first_run(Lang::En, |_| {});
    every_control_by_keyboard(&setup, &[], &[]);

    // The whole first run by keyboard: the password field is focused on
    // arrival; Tab, the repeat; Tab, the keyring box (Space); Tab, Create.
    let mut h = setup();
    h.type_keys(PASSWORD);
    h.tab();
    h.type_keys(PASSWORD);
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("keyring"));
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("create"));
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "codes");
    assert!(h.vault_path().exists());
    drop(reopen(&h.vault_path()));
}

#[test]
fn unlock_by_keyboard() {
    let setup = || screens::unlock(three(), Lang::En, |_| {});
    every_control_by_keyboard(&setup, &[], &["unlock"]);
    let mut h = setup();
    h.type_keys(PASSWORD);
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("unlock"));
    h.space();
    assert_eq!(h.app.screen_name(), "codes");
}

/// The list with its first row selected (Down), as after arriving and
/// pressing an arrow.
fn codes_selected() -> Harness {
    screens::select_first(start())
}

/// The list of [`three`] accounts in English, in a window tall enough for
/// the longest page: where this module's states start.
fn start() -> Harness {
    let mut h = unlocked(three(), Lang::En);
    h.height = TALL;
    h
}

#[test]
fn code_list_by_keyboard() {
    let h = unlocked(three(), Lang::En);
    assert_eq!(
        h.focus_keys(),
        [
            codes::ADD_ID,
            codes::EXPORT_ID,
            codes::SETTINGS_ID,
            codes::LOCK_ID,
            codes::SEARCH_ID,
            codes::LIST_KEY,
        ]
    );
    every_control_by_keyboard(&|| unlocked(three(), Lang::En), &[], &[]);
    every_control_by_keyboard(&codes_selected, &[], &[]);

    // The list is one stop: the arrows choose the row, Enter copies it.
    let mut h = unlocked(three(), Lang::En);
    assert!(
        !h.app.focus_visible(),
        "no ring before the keyboard moves the focus"
    );
    h.tab_to(codes::LIST_KEY);
    // ACME, Bank, Globex.
    h.named(Named::ArrowDown);
    h.named(Named::ArrowDown);
    h.named(Named::ArrowDown);
    h.named(Named::Enter);
    let globex = code_at("KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ", T0);
    assert_eq!(h.clipboard.as_deref(), Some(globex.as_str()));
    // The selected card's actions follow the list: Copy, then Details.
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("row-copy"));
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("row-details"));
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "details");
    h.assert_shows("Globex");

    // Typing still searches while a button has the focus.
    let mut h = unlocked(three(), Lang::En);
    h.tab_to(codes::SETTINGS_ID);
    h.type_keys("glob");
    h.tab_to(codes::LIST_KEY);
    h.space();
    assert_eq!(h.clipboard.as_deref(), Some(globex.as_str()));

    // Shortcuts still work.
    h.press_key(vec![ctrl("l")]);
    assert_eq!(h.app.screen_name(), "unlock");
}

#[test]
fn empty_list_and_no_match_by_keyboard() {
    every_control_by_keyboard(
        &|| unlocked(vec![], Lang::En),
        &[codes::EMPTY_IMPORT_ID],
        &[],
    );
    let no_match = || {
        let mut h = unlocked(three(), Lang::En);
        h.type_keys("zzz");
        h
    };
    every_control_by_keyboard(&no_match, &[], &[]);
}

fn add_screen() -> Harness {
    screens::add(start())
}

#[test]
fn add_by_keyboard() {
    every_control_by_keyboard(&add_screen, &["choose-images"], &["open-path"]);
    let advanced = || screens::add_advanced(start());
    every_control_by_keyboard(&advanced, &["choose-images"], &["open-path"]);

    // A HOTP account with SHA-256, by keyboard alone.
    let mut h = add_screen();
    h.type_keys("Keyed");
    h.tab();
    h.type_keys("kim");
    h.tab();
    h.type_keys("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    h.tab_to("advanced");
    h.space();
    h.tab_to("type");
    h.named(Named::ArrowRight);
    h.tab_to("algorithm");
    h.named(Named::ArrowDown);
    h.tab_to("save");
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "codes", "{:?}", view_texts(&h));
    let vault = reopen(&h.vault_path());
    let added = vault
        .entries()
        .iter()
        .find(|e| e.account.issuer == "Keyed")
        .unwrap();
    assert_eq!(added.account.name, "kim");
    assert_eq!(added.account.params.kind, tessera::otp::Kind::Hotp);
    assert_eq!(
        added.account.params.algorithm,
        tessera::otp::Algorithm::Sha256
    );
}

fn details_screen() -> Harness {
    screens::details(start())
}

#[test]
fn details_and_its_confirmation_by_keyboard() {
    every_control_by_keyboard(&details_screen, &[], &[]);
    let confirming = || screens::details_deleting(start());
    // "Delete…" again while it asks does nothing, by click or by key.
    every_control_by_keyboard(&confirming, &[], &["delete"]);

    // Favourite (Space) and saved; then deleted after confirming.
    let mut h = details_screen();
    h.tab_to("favourite");
    h.space();
    h.tab_to("save");
    h.named(Named::Enter);
    let vault = reopen(&h.vault_path());
    assert!(vault.entries().iter().any(|e| e.favourite));
    drop(vault);
    let mut h = details_screen();
    h.tab_to("delete");
    h.space();
    h.tab_to("delete-yes");
    h.named(Named::Enter);
    assert_eq!(reopen(&h.vault_path()).entries().len(), 2);
}

#[test]
fn icon_chosen_by_keyboard() {
    use tessera::gui::screen::details::{ICON_CHOICE, ICON_ID};
    // The search field and the choices it finds are stops like any other.
    let searching = || {
        let mut h = details_screen();
        h.tab_to(ICON_ID);
        h.type_keys("git");
        h
    };
    every_control_by_keyboard(&searching, &[], &[]);

    // Typed, Tab to the first match, Enter: chosen, then saved.
    let mut h = details_screen();
    h.assert_shows("Chosen: Automatic (from the issuer)");
    h.tab_to(ICON_ID);
    h.type_keys("github");
    h.tab();
    assert_eq!(h.focused(), Some(format!("{ICON_CHOICE}#0")));
    h.named(Named::Enter);
    h.assert_shows("Chosen: GitHub");
    h.assert_shows("The list shows the GitHub icon.");
    h.tab_to("save");
    h.named(Named::Enter);
    let vault = reopen(&h.vault_path());
    let acme = vault
        .entries()
        .iter()
        .find(|e| e.account.issuer == "ACME")
        .unwrap();
    assert_eq!(acme.icon, tessera::vault::Icon::Brand("github".into()));
    drop(vault);

    // Enter in the search field chooses the first icon it finds; with
    // nothing typed, the choices are the automatic one and the letter.
    let mut h = details_screen();
    h.tab_to(ICON_ID);
    h.type_keys("letter");
    h.named(Named::Enter);
    h.assert_shows("Chosen: Letter only");
    h.assert_shows("The list shows the issuer's first letter.");
    let mut h = details_screen();
    h.tab_to(&format!("{ICON_CHOICE}#0"));
    h.space();
    h.assert_shows("Chosen: Letter only");
    // Nothing found says so.
    let mut h = details_screen();
    h.tab_to(ICON_ID);
    h.type_keys("zzzz");
    h.assert_shows("No icon is called “zzzz”: try another name, or part of it.");
    assert!(!h.focus_keys().iter().any(|k| k.starts_with(ICON_CHOICE)));
}

fn settings_screen() -> Harness {
    screens::settings(start())
}

#[test]
fn settings_by_keyboard() {
    every_control_by_keyboard(&settings_screen, &["backups-choose"], &[]);

    // The theme by the arrows, a checkbox by Space: both stored.
    let mut h = settings_screen();
    h.tab_to("theme");
    h.named(Named::ArrowRight);
    h.tab_to("hide-codes");
    h.space();
    let stored = std::fs::read_to_string(h.dir.path().join("config/settings.toml")).unwrap();
    assert!(stored.contains("theme = \"light\""), "{stored}");
    assert!(stored.contains("hide_codes = true"), "{stored}");
    assert_ne!(
        h.app.settings().theme,
        tessera::gui::settings::Settings::default().theme
    );
    // Escape still leaves.
    h.named(Named::Escape);
    assert_eq!(h.app.screen_name(), "codes");
    let _ = settings::OFFSET_ID;
}

#[test]
fn list_banners_and_the_toast_by_keyboard() {
    // A clock that is off: apply the measured offset, or dismiss.
    let server = common::sntp::TimeServer::start(common::sntp::Answer::Offset(12.3));
    let address = server.address();
    let off = move || {
        let set = address.clone();
        let mut h = unlocked_with(three(), Lang::En, move |env| {
            env.settings.time_server = set;
        });
        h.height = TALL;
        h
    };
    assert!(off().focus_keys().contains(&"apply-offset".to_owned()));
    every_control_by_keyboard(&off, &[], &[]);
    let mut h = off();
    h.tab_to("apply-offset");
    h.named(Named::Enter);
    assert_eq!(h.app.settings().clock_offset_seconds, 12);

    // A copied code's toast: its Dismiss is the last stop.
    let toasted = || {
        let mut h = codes_selected();
        h.named(Named::Enter);
        assert!(h.app.toast().is_some());
        h
    };
    assert_eq!(
        toasted().focus_keys().last().map(String::as_str),
        Some("toast-dismiss")
    );
    // The card's Copy copies the code already copied: nothing it shows
    // changes (Enter, Space and a click still agree).
    every_control_by_keyboard(&toasted, &[], &["row-copy"]);
}

fn twelve() -> Vec<Entry> {
    (0..12u8)
        .map(|i| {
            let key: Vec<u8> = (0..20).map(|b| b ^ i.wrapping_mul(29)).collect();
            entry(
                Account::new(
                    "Service",
                    &format!("user{i:02}"),
                    tessera::secret::SecretBytes::new(key),
                    Params::totp(),
                )
                .unwrap(),
            )
        })
        .collect()
}

fn share_choose() -> Harness {
    let mut h = unlocked(twelve(), Lang::En);
    h.height = TALL;
    screens::share(h)
}

#[test]
fn move_to_phone_by_keyboard() {
    every_control_by_keyboard(&share_choose, &[], &[]);
    let confirm = || {
        let mut h = share_choose();
        h.tab_to("continue");
        h.named(Named::Enter);
        h
    };
    every_control_by_keyboard(&confirm, &[], &[]);
    let shown = || {
        let mut h = confirm();
        h.tab_to("show");
        h.named(Named::Enter);
        assert!(h.app.qr_shown().is_some());
        h
    };
    every_control_by_keyboard(&shown, &[], &[]);
    let second = || {
        let mut h = shown();
        h.tab_to("next");
        h.named(Named::Enter);
        h
    };
    every_control_by_keyboard(&second, &[], &[]);

    // Leave one out by Space: 11 accounts are shown in 2 codes.
    let mut h = share_choose();
    h.tab_to("tick#11");
    h.space();
    h.tab_to("continue");
    h.named(Named::Enter);
    h.assert_shows("The QR codes hold the secret keys of 11 accounts. Anyone who sees them, or a photo of them, can make your codes. Show them only to scan them with your phone, with nobody looking.");
    h.tab_to("show");
    h.space();
    h.assert_shows("QR code 1 of 2");
    h.tab_to("next");
    h.space();
    h.assert_shows("QR code 2 of 2");
    h.tab_to("back");
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "codes");

    // One account's QR code, from its details.
    let single = || {
        let mut h = details_screen();
        h.tab_to("show-qr");
        h.named(Named::Enter);
        assert_eq!(h.app.screen_name(), "share");
        h
    };
    every_control_by_keyboard(&single, &[], &[]);
}

fn recovery_screen() -> Harness {
    screens::recovery(start())
}

#[test]
fn recovery_codes_by_keyboard() {
    every_control_by_keyboard(&recovery_screen, &[], &[]);
    // Typed into the paste area and saved, by keyboard alone.
    let with_codes = || {
        let mut h = recovery_screen();
        h.tab_to(tessera::gui::screen::recovery::BLOCK_ID);
        h.type_keys("abcd-efgh");
        h.named(Named::Enter);
        h.type_keys("ijkl-mnop");
        h.tab_to("save");
        h.named(Named::Enter);
        assert_eq!(h.app.toast(), Some("Saved 2 recovery codes."));
        h
    };
    let h = with_codes();
    let stored = reopen(&h.vault_path());
    assert!(stored.entries().iter().any(|e| e.recovery_codes.len() == 2));
    every_control_by_keyboard(&with_codes, &[], &[]);
    // Show one, then copy and mark it used.
    let mut h = with_codes();
    h.tab_to("reveal#0");
    h.space();
    h.assert_shows("abcd-efgh");
    h.tab_to("use#0");
    h.named(Named::Enter);
    assert_eq!(h.clipboard.as_deref(), Some("abcd-efgh"));

    // Replacing them asks first; both answers by keyboard.
    let replacing = || {
        let mut h = with_codes();
        h.tab_to(tessera::gui::screen::recovery::BLOCK_ID);
        h.type_keys("qrst-uvwx");
        h.tab_to("save");
        h.named(Named::Enter);
        assert!(h.focus_keys().contains(&"replace-yes".to_owned()));
        h
    };
    every_control_by_keyboard(&replacing, &[], &[]);
    let stored_codes = |h: &Harness| -> Vec<String> {
        reopen(&h.vault_path())
            .entries()
            .iter()
            .flat_map(|e| e.recovery_codes.iter().map(|c| c.code.expose().to_owned()))
            .collect()
    };
    // No: the stored codes stay, the question goes, Save is a stop again.
    let mut h = replacing();
    h.tab_to("replace-no");
    h.space();
    assert!(!h.focus_keys().contains(&"replace-yes".to_owned()));
    assert!(h.focus_keys().contains(&"save".to_owned()));
    assert_eq!(stored_codes(&h), ["abcd-efgh", "ijkl-mnop"]);
    // Yes: the pasted code replaces both.
    let mut h = replacing();
    h.tab_to("replace-yes");
    h.named(Named::Enter);
    assert_eq!(stored_codes(&h), ["qrst-uvwx"]);
    assert!(!h.focus_keys().contains(&"replace-yes".to_owned()));
}

fn has_keyring_slot(h: &Harness) -> bool {
    Vault::inspect(&h.vault_path()).unwrap().has_keyring_slot
}

#[test]
fn keyring_unlock_on_and_off_by_keyboard() {
    // Keyring unlock turned on by Space on its box.
    let on = || {
        let mut h = settings_screen();
        assert!(!has_keyring_slot(&h));
        h.tab_to("keyring");
        h.space();
        assert!(has_keyring_slot(&h), "{:?}", view_texts(&h));
        h
    };
    every_control_by_keyboard(&on, &["backups-choose"], &[]);
    // Off again: it asks for the password first. The box itself, pressed
    // again while it asks, asks the same, and "Turn off" does nothing
    // before the password is typed.
    let asking = || {
        let mut h = on();
        h.tab_to("keyring");
        h.space();
        assert!(
            h.focus_keys().contains(&"keyring-off-yes".to_owned()),
            "{:?}",
            view_texts(&h)
        );
        h
    };
    every_control_by_keyboard(
        &asking,
        &["backups-choose"],
        &["keyring", "keyring-off-yes"],
    );
    // Cancel: the keyring still unlocks it.
    let mut h = asking();
    h.tab_to("keyring-off-no");
    h.named(Named::Enter);
    assert!(!h.focus_keys().contains(&"keyring-off-yes".to_owned()));
    assert!(has_keyring_slot(&h));
    // The password, then "Turn off and re-encrypt".
    let mut h = asking();
    h.tab_to(settings::KEYRING_OFF_PASSWORD_ID);
    h.type_keys(PASSWORD);
    h.tab_to("keyring-off-yes");
    h.named(Named::Enter);
    assert!(!h.focus_keys().contains(&"keyring-off-yes".to_owned()));
    assert!(!has_keyring_slot(&h), "{:?}", view_texts(&h));
    // And on again.
    h.tab_to("keyring");
    h.space();
    assert!(has_keyring_slot(&h));
}

fn file_export_screen() -> Harness {
    screens::file_export(start())
}

#[test]
fn file_export_by_keyboard() {
    // The kind already chosen stays chosen.
    every_control_by_keyboard(&file_export_screen, &[], &["kind#0"]);
    // Links, no password: the file is written.
    let mut h = file_export_screen();
    let out = h.dir.path().join("links.txt");
    h.tab_to("kind#2");
    h.named(Named::Enter);
    h.tab_to(tessera::gui::screen::file_export::PATH_ID);
    h.type_keys(&out.display().to_string());
    h.tab();
    h.type_keys(PASSWORD);
    h.tab_to("export");
    h.named(Named::Enter);
    let written =
        std::fs::read_to_string(&out).unwrap_or_else(|e| panic!("{e}: {:?}", view_texts(&h)));
    assert!(written.contains("otpauth://"), "{written}");
}

/// The restore screen of a vault with earlier versions.
fn restore_screen() -> Harness {
    screens::restore(start())
}

#[test]
fn restore_by_keyboard() {
    let setup = restore_screen;
    every_control_by_keyboard(&setup, &[], &[]);
    let preview = || screens::restore_preview(start());
    every_control_by_keyboard(&preview, &[], &[]);
    let mut h = preview();
    h.tab_to("confirm");
    h.named(Named::Enter);
    assert_eq!(h.app.screen_name(), "codes");
}

fn dropped() -> Harness {
    screens::review(start())
}

#[test]
fn review_and_its_offer_to_delete_the_images_by_keyboard() {
    every_control_by_keyboard(&dropped, &[], &[]);
    let added = || screens::review_added(start());
    every_control_by_keyboard(&added, &[], &[]);
    let mut h = added();
    assert!(
        reopen(&h.vault_path())
            .entries()
            .iter()
            .any(|e| e.account.issuer == "Initech")
    );
    h.tab_to("delete-images");
    h.space();
    assert!(!h.dir.path().join("new.png").exists());
}

/// Tab through every control of the screen `h` shows, then Shift+Tab back,
/// in a window `h.height` tall whose widgets keep their scroll offsets (as
/// the running app's do): after each key the focused control's ring shows
/// whole in the window.
fn every_focus_in_view(mut h: Harness) {
    h.keep_window();
    let screen = h.app.screen_name();
    let height = h.height;
    let rings: Vec<Key> = h
        .app
        .focus_controls()
        .into_iter()
        .filter(|c| !matches!(c.kind, Kind::List))
        .map(|c| c.key)
        .collect();
    // The page is longer than the window: without scrolling, some control
    // cannot be seen.
    let Harness { app, window, .. } = &mut h;
    let window = window.as_mut().unwrap();
    let hidden = rings
        .iter()
        .filter(|k| {
            window
                .find(app, k.ring_id())
                .is_some_and(|t| t.visible_bounds() != Some(t.bounds()))
        })
        .count();
    assert!(hidden > 0, "{screen}: every control fits the window");

    let n = h.app.focus_controls().len();
    for step in 0..n * 2 {
        if step < n {
            h.tab();
        } else {
            h.shift_tab();
        }
        let key = h.app.focused().cloned().unwrap();
        if !rings.contains(&key) {
            continue;
        }
        let Harness { app, window, .. } = &mut h;
        let found = window
            .as_mut()
            .unwrap()
            .find(app, key.ring_id())
            .unwrap_or_else(|| panic!("{screen}: {key} not in the view"));
        let (bounds, visible) = (found.bounds(), found.visible_bounds());
        let shown = visible.is_some_and(|v| {
            (v.width - bounds.width).abs() < 0.5
                && (v.height - bounds.height).abs() < 0.5
                && v.y >= 0.0
                && v.y + v.height <= height + 0.5
        });
        assert!(
            shown,
            "{screen}: {key} focused but not in view ({bounds:?} shows as {visible:?} in a window {height} tall)"
        );
    }
}

/// A window shorter than the pages.
const SHORT: f32 = 420.0;

#[test]
fn a_focused_control_is_scrolled_into_view() {
    let mut h = settings_screen();
    h.height = SHORT;
    every_focus_in_view(h);
    let mut h = details_screen();
    h.height = SHORT;
    every_focus_in_view(h);
    let mut h = details_screen();
    h.height = SHORT;
    h.tab_to("delete");
    h.named(Named::Enter);
    every_focus_in_view(h);
}

/// Settings with what enables its other buttons: a time server stored
/// ("Check now") and a shortcut edited ("Use").
#[test]
fn settings_buttons_enabled_by_typing_by_keyboard() {
    let server = common::sntp::TimeServer::start(common::sntp::Answer::Offset(12.3));
    let address = server.address();
    let typed = move || {
        let set = address.clone();
        let mut h = unlocked_with(three(), Lang::En, move |env| {
            env.settings.time_server = set;
        });
        h.height = TALL;
        h.tab_to(codes::SETTINGS_ID);
        h.named(Named::Enter);
        h.tab_to(settings::SHORTCUT_ID);
        h.type_keys("x");
        for key in ["check-clock", "shortcut-use"] {
            assert!(h.focus_keys().contains(&key.to_owned()), "{key}");
        }
        h
    };
    every_control_by_keyboard(&typed, &["backups-choose"], &[]);
}

/// The settings screen in a live window (`Harness::live`): iced's own focus
/// is whatever the keys and the app's operations made it, never faked.
fn live_settings() -> Harness {
    let mut h = settings_screen();
    h.live();
    h
}

/// The look, the language and the text size, each chosen with Tab and the
/// arrows alone (a segmented choice: one stop, the arrows pick the value),
/// and the window shows each at once: the dark window (pixels), the text in
/// Portuguese, the chosen size marked and the window scaled; all three kept.
#[test]
fn theme_language_and_text_size_by_keyboard() {
    use super::rings::{at, close, pixels, window};
    use tessera::gui::settings::ThemeChoice;
    use tessera::gui::theme;

    let mut h = live_settings();
    assert_eq!(h.app.colours().name, theme::LIGHT.name);
    // Follow the system → Light → Dark.
    h.tab_to("theme");
    h.named(Named::ArrowRight);
    h.named(Named::ArrowRight);
    assert_eq!(h.app.settings().theme, ThemeChoice::Dark);
    assert_eq!(h.focused().as_deref(), Some("theme"));
    let image = pixels(&mut window(&h), &h.app.theme());
    assert!(
        close(at(&image, Point::new(2.0, 2.0)), theme::DARK.background),
        "the window is not dark: {:?}",
        at(&image, Point::new(2.0, 2.0))
    );

    // System (English) → English → Português (Brasil).
    h.tab_to("language");
    h.named(Named::ArrowRight);
    h.named(Named::ArrowRight);
    h.assert_shows("Aparência");
    h.assert_shows("Escuro");
    assert!(!h.shows("Appearance"));

    // 100 % → 125 % → 150 %: the window scales, and "150 %" is the one
    // drawn chosen (the selected colour round its label).
    h.tab_to("text-size");
    h.named(Named::ArrowRight);
    h.named(Named::ArrowRight);
    assert!((h.app.scale_factor() - 1.5).abs() < f32::EPSILON);
    let mut ui = window(&h);
    let label = |ui: &mut iced_test::Simulator<'_, Message>, text: &str| {
        ui.find(text.to_owned())
            .unwrap_or_else(|e| panic!("{text:?}: {e}"))
            .bounds()
    };
    let chosen = label(&mut ui, "150 %");
    let other = label(&mut ui, "125 %");
    let image = pixels(&mut ui, &h.app.theme());
    let beside = |b: Rectangle| Point::new(b.x - 4.0, b.center_y());
    assert!(close(at(&image, beside(chosen)), theme::DARK.selected));
    assert!(close(at(&image, beside(other)), theme::DARK.secondary));
    drop(ui);

    // The arrows stop at either end.
    h.named(Named::ArrowRight);
    h.named(Named::ArrowRight);
    h.named(Named::ArrowRight);
    assert_eq!(h.app.settings().text_size_percent, 200);

    let stored = std::fs::read_to_string(h.dir.path().join("config/settings.toml")).unwrap();
    assert!(stored.contains("theme = \"dark\""), "{stored}");
    assert!(stored.contains("pt-BR"), "{stored}");
    assert!(stored.contains("text_size_percent = 200"), "{stored}");
}

/// Automatic backups by keyboard alone: the folder typed into its field,
/// "Use this folder" reached by Tab and pressed (a backup of the vault is
/// made there at once), then "Turn off" reached and pressed.
#[test]
fn automatic_backups_on_and_off_by_keyboard() {
    use tessera::vault::backup;
    let mut h = live_settings();
    let folder = h.dir.path().join("usb/backups");
    std::fs::create_dir_all(&folder).unwrap();
    assert!(!h.focus_keys().contains(&"backups-use".to_owned()));
    assert!(!h.focus_keys().contains(&"backups-off".to_owned()));

    h.tab_to(settings::BACKUP_FOLDER_ID);
    h.type_keys(&folder.display().to_string());
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("backups-choose"));
    h.tab();
    assert_eq!(h.focused().as_deref(), Some("backups-use"));
    assert!(backup::list(&folder, "vault").is_empty(), "nothing yet");
    h.named(Named::Enter);
    let made = backup::list(&folder, "vault");
    assert_eq!(made.len(), 1, "{:?}", view_texts(&h));
    assert_eq!(reopen(&made[0].path).entries().len(), 3);
    h.assert_shows(&format!(
        "After changes, an encrypted backup goes to {}.",
        folder.display()
    ));
    let id = reopen(&h.vault_path()).id();
    let history = tessera::vault::History::at(h.dir.path().join("state"));
    assert_eq!(backup::folder(&history, &id).unwrap(), Some(folder.clone()));

    h.tab_to("backups-off");
    h.space();
    h.assert_shows("Automatic backups are off.");
    assert_eq!(backup::folder(&history, &id).unwrap(), None);
    assert!(!h.focus_keys().contains(&"backups-off".to_owned()));
    // Nothing more goes there.
    h.named(Named::Escape);
    assert_eq!(h.app.screen_name(), "codes");
    h.tick(T0.offset_by(120));
    assert_eq!(backup::list(&folder, "vault").len(), 1);
}

/// The audit of issue 17's "every control of every screen": on each screen
/// (in a live window, `Harness::live`), Tab from the first stop round to
/// the first again visits exactly the controls the screen's view declares
/// (`App::focus_controls`, recorded as it builds them), each once and
/// shown; a text field reached is the one iced has focused (what is typed
/// goes there) and nothing else is focused in iced while a button, box or
/// choice has the focus. Then what the view holds is checked against that
/// cycle without asking the focus model: every text field and editor of
/// the view (iced's focusable widgets) is a stop, and a grid of clicks every
/// 8 px finds no click a widget takes outside a stop's ring (a button built
/// without `Focus` would take one). The states that show more controls are
/// the ones `every_control_by_keyboard` covers; here each screen is seen
/// once with as many of its controls enabled as it can have.
#[test]
fn audit_every_screen() {
    let settings_full = || screens::settings_full(start());
    let recovery_with_codes = || screens::recovery_with_codes(start());
    let add_advanced = || screens::add_advanced(start());
    let first_run = || screens::first_run(Lang::En, |_| {});
    let unlock = || screens::unlock(three(), Lang::En, |_| {});
    let shown_qr = || {
        let mut h = unlocked(twelve(), Lang::En);
        h.height = TALL;
        screens::shown_qr(h)
    };
    let restore_versions = restore_screen;
    let screens: [(&str, &dyn Fn() -> Harness); 13] = [
        ("onboarding", &first_run),
        ("unlock", &unlock),
        ("codes", &codes_selected),
        ("add", &add_advanced),
        ("details", &details_screen),
        ("settings", &settings_full),
        ("recovery", &recovery_with_codes),
        ("share", &share_choose),
        ("share", &shown_qr),
        ("file-export", &file_export_screen),
        ("restore", &restore_versions),
        ("review", &dropped),
        ("codes", &|| unlocked(vec![], Lang::En)),
    ];
    for (name, setup) in screens {
        let setup = || {
            let mut h = setup();
            h.height = TALL;
            h
        };
        let mut h = setup();
        assert_eq!(h.app.screen_name(), name);
        let declared = h.focus_keys();
        assert!(!declared.is_empty(), "{name}: no control");
        h.live();

        // Tab to the first stop, then round to it again.
        let first = declared[0].clone();
        h.tab_to(&first);
        let mut cycle = Vec::new();
        loop {
            let key = h.app.focused().cloned().unwrap();
            cycle.push(key.to_string());
            assert!(h.app.focus_visible(), "{name}: {key} has no ring");
            let control = h
                .app
                .focus_controls()
                .into_iter()
                .find(|c| c.key == key)
                .unwrap();
            let Harness { app, window, .. } = &mut h;
            let window = window.as_mut().unwrap();
            let iced_focus = window
                .locate(app, iced_test::selector::is_focused())
                .and_then(|t| match t {
                    iced_test::selector::Target::Focusable { id, .. } => id,
                    _ => None,
                });
            match &control.kind {
                Kind::Field(id) => assert_eq!(
                    iced_focus.as_ref(),
                    Some(id),
                    "{name}: {key} has the focus, iced's is elsewhere"
                ),
                _ => assert_eq!(iced_focus, None, "{name}: {key} has the focus"),
            }
            if !matches!(control.kind, Kind::List) {
                let ring = window.find(app, key.ring_id());
                assert!(
                    ring.is_some_and(|r| r.visible_bounds().is_some()),
                    "{name}: {key} is not shown"
                );
            }
            h.tab();
            if h.focused().as_deref() == Some(first.as_str()) {
                break;
            }
            assert!(
                cycle.len() <= declared.len(),
                "{name}: Tab never comes back"
            );
        }
        assert_eq!(cycle, declared, "{name}: the Tab cycle");

        // Every text field and editor in the view is a stop.
        let fields: Vec<iced::widget::Id> = h
            .app
            .focus_controls()
            .into_iter()
            .filter_map(|c| match c.kind {
                Kind::Field(id) => Some(id),
                _ => None,
            })
            .collect();
        let mut focusable = Vec::new();
        let _ = h.ui().find(|candidate: Candidate<'_>| -> Option<()> {
            if let Candidate::Focusable {
                id,
                visible_bounds: Some(_),
                ..
            } = candidate
            {
                focusable.push(id.cloned());
            }
            None
        });
        for id in focusable {
            assert!(
                id.as_ref().is_some_and(|id| fields.contains(id)),
                "{name}: the text field {id:?} is not a stop"
            );
        }

        // No click a widget takes lands outside a stop.
        no_control_left_out_every(&setup, &h.app.focus_controls(), 8.0);
    }
}

#[test]
fn fingerprints_mask_the_minute_files_were_written_only() {
    assert_eq!(
        mask_minutes(
            "é 2026-12-02 16:35 UTC, 2026-12-02 16:36 UTC; at 12:00 UTC; 2026-12-02 16:35"
        ),
        "é 2026-12-02 <time> UTC, 2026-12-02 <time> UTC; at 12:00 UTC; 2026-12-02 16:35"
    );
}
