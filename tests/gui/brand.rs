//! Brand icons in the code list: drawn by the list's layer (with the
//! countdown rings), read back from the real codes screen as `rings.rs`
//! does. An entry issued by "GitHub" shows the GitHub mark (ink where its
//! path is filled, the row's background in its holes and around it, no
//! coloured disc as a letter avatar has); an issuer no brand matches, or
//! an entry set to "Letter only", keeps the letter avatar.
#![cfg(feature = "gui")]

use iced::{Point, Rectangle};
use iced_test::selector::Candidate;

use super::rings::{at, close, pixels, window};
use crate::common::gui::*;
use iced::keyboard::key::Named;
use tessera::brand;
use tessera::gui::Message;
use tessera::gui::brand::{Draw as _, colour as brand_colour};
use tessera::gui::i18n::Lang;
use tessera::gui::screen::{details, unlock};
use tessera::gui::settings::ThemeChoice;
use tessera::gui::theme;
use tessera::gui::vector;
use tessera::gui::widget::code_row::{AVATAR, GLYPH};
use tessera::vault::Icon;

/// Where each issuer's avatar square is, in window coordinates: left of its
/// names (the row's spacing is 14), centred on them.
fn avatars(h: &Harness, issuers: &[&str]) -> Vec<Rectangle> {
    let mut ui = window(h);
    let mut texts: Vec<(String, Rectangle)> = Vec::new();
    let _ = ui.find(|candidate: Candidate<'_>| -> Option<()> {
        if let Candidate::Text {
            bounds, content, ..
        } = candidate
        {
            texts.push((content.to_owned(), bounds));
        }
        None
    });
    issuers
        .iter()
        .map(|issuer| {
            let (_, name) = texts
                .iter()
                .find(|(t, _)| t == issuer)
                .unwrap_or_else(|| panic!("{issuer} not shown"));
            // The account name is the next text down.
            let account = texts
                .iter()
                .filter(|(_, b)| b.y > name.y && (b.x - name.x).abs() < 1.0)
                .map(|(_, b)| *b)
                .min_by(|a, b| a.y.total_cmp(&b.y))
                .unwrap();
            let middle = (name.y + account.y + account.height) / 2.0;
            Rectangle {
                x: name.x - 14.0 - AVATAR,
                y: middle - AVATAR / 2.0,
                width: AVATAR,
                height: AVATAR,
            }
        })
        .collect()
}

/// The glyph's point `(x, y)` (on its 24×24 view box) in the window.
fn on_glyph(avatar: Rectangle, x: f32, y: f32) -> Point {
    let origin = avatar.center() - iced::Vector::new(GLYPH / 2.0, GLYPH / 2.0);
    let scale = GLYPH / brand::VIEW_BOX;
    Point::new(origin.x + x * scale, origin.y + y * scale)
}

/// Checks the GitHub mark is drawn in `ink` in `avatar`: every sample well
/// inside the path is ink, every sample well outside it (the octocat's head
/// and the corners) is not. Returns (inked, clear) counts.
fn assert_mark(image: &image::RgbaImage, avatar: Rectangle, ink: iced::Color) -> (usize, usize) {
    let counts = assert_brand(image, avatar, "github", ink);
    // The octocat's head, in the middle of the mark, is a hole.
    let polygons = brand::by_slug("github").unwrap().polygons();
    assert!(!vector::covers(&polygons, Point::new(12.0, 11.0)));
    assert!(!close(at(image, on_glyph(avatar, 12.0, 11.0)), ink));
    counts
}

/// [`assert_mark`] for the brand `slug`.
fn assert_brand(
    image: &image::RgbaImage,
    avatar: Rectangle,
    slug: &str,
    ink: iced::Color,
) -> (usize, usize) {
    let mark = brand::by_slug(slug).unwrap();
    let polygons = mark.polygons();
    // Half a pixel of the snapshot, on the view box, plus a margin for
    // anti-aliasing: samples nearer the outline than this are skipped.
    let margin = 1.2 * brand::VIEW_BOX / GLYPH;
    let (mut inked, mut clear) = (0, 0);
    let steps = 48;
    for j in 0..steps {
        for i in 0..steps {
            let (x, y) = (
                (i as f32 + 0.5) * brand::VIEW_BOX / steps as f32,
                (j as f32 + 0.5) * brand::VIEW_BOX / steps as f32,
            );
            let around = [
                (0.0, 0.0),
                (margin, 0.0),
                (-margin, 0.0),
                (0.0, margin),
                (0.0, -margin),
            ]
            .map(|(dx, dy)| vector::covers(&polygons, Point::new(x + dx, y + dy)));
            let pixel = at(image, on_glyph(avatar, x, y));
            if around.iter().all(|c| *c) {
                assert!(
                    close(pixel, ink),
                    "no ink {ink:?} at ({x}, {y}) of the {slug} mark: {pixel:?}"
                );
                inked += 1;
            } else if around.iter().all(|c| !*c) {
                assert!(
                    !close(pixel, ink),
                    "ink at ({x}, {y}), outside the {slug} mark: {pixel:?}"
                );
                clear += 1;
            }
        }
    }
    (inked, clear)
}

/// A letter avatar: its coloured disc shows round the letter in `avatar`.
fn is_letter_avatar(image: &image::RgbaImage, avatar: Rectangle, disc: iced::Color) -> bool {
    // 5 px inside the disc's edge, left, right, above and below the letter.
    let centre = avatar.center();
    let inset = avatar.width / 2.0 - 5.0;
    [
        Point::new(centre.x - inset, centre.y),
        Point::new(centre.x + inset, centre.y),
        Point::new(centre.x, centre.y - inset),
        Point::new(centre.x, centre.y + inset),
    ]
    .iter()
    .all(|p| close(at(image, *p), disc))
}

fn start(theme: ThemeChoice, entries: Vec<Entry>) -> Harness {
    unlocked_with(entries, Lang::En, |env| env.settings.theme = theme)
}

#[test]
fn github_shows_its_mark_and_an_unknown_issuer_its_letter() {
    for choice in [
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::HighContrast,
    ] {
        let h = start(
            choice,
            vec![
                entry(totp("GitHub", "alice", KEY)),
                entry(totp("Zyxwv Savings", "bob", KEY)),
            ],
        );
        let theme = h.app.theme();
        let colours = theme::colours(&theme);
        let [github, unknown] = avatars(&h, &["GitHub", "Zyxwv Savings"])[..] else {
            unreachable!()
        };
        let image = pixels(&mut window(&h), &theme);
        let mark = brand::by_slug("github").unwrap();
        let ink = mark.ink(colours, false);
        match choice {
            ThemeChoice::Light => assert_eq!(ink, brand_colour(mark), "GitHub's near-black"),
            ThemeChoice::Dark => assert_eq!(ink, colours.text, "not near-black on dark"),
            _ => {}
        }
        let (inked, clear) = assert_mark(&image, github, ink);
        assert!(
            inked > 300 && clear > 300,
            "{choice:?}: {inked} inked, {clear} clear"
        );
        // No letter avatar's disc behind the mark.
        let square = colours.avatars[theme::avatar_index("GitHub")];
        assert!(!is_letter_avatar(&image, github, square), "{choice:?}");

        // The unknown issuer: the letter avatar, no mark.
        let square = colours.avatars[theme::avatar_index("Zyxwv Savings")];
        assert!(
            is_letter_avatar(&image, unknown, square),
            "{choice:?}: no letter avatar"
        );
        // Nothing drawn over it where GitHub's mark would be inked (the
        // letter itself covers a few of those points).
        let github_mark = mark.polygons();
        let inked = (0..24)
            .flat_map(|y| (0..24).map(move |x| (x as f32 + 0.5, y as f32 + 0.5)))
            .filter(|&(x, y)| vector::covers(&github_mark, Point::new(x, y)))
            .filter(|&(x, y)| close(at(&image, on_glyph(unknown, x, y)), ink))
            .count();
        // (In high contrast the disc is as dark as the ink: nothing to tell.)
        let disc_like_ink = close(square.into_rgba8(), ink);
        assert!(
            disc_like_ink || inked < 40,
            "{choice:?}: {inked} points inked as GitHub's mark"
        );
    }
}

#[test]
fn letter_only_keeps_the_letter_even_for_github() {
    let mut plain = entry(totp("GitHub", "alice", KEY));
    plain.icon = Icon::Letter;
    let mut chosen = entry(totp("My forge", "carol", KEY));
    chosen.icon = Icon::Brand("github".into());
    let h = start(ThemeChoice::Light, vec![plain, chosen]);
    let theme = h.app.theme();
    let colours = theme::colours(&theme);
    let [letter, picked] = avatars(&h, &["GitHub", "My forge"])[..] else {
        unreachable!()
    };
    let image = pixels(&mut window(&h), &theme);
    let square = colours.avatars[theme::avatar_index("GitHub")];
    assert!(is_letter_avatar(&image, letter, square));
    // "My forge" matches nothing, but was given the GitHub mark by hand.
    let mark = brand::by_slug("github").unwrap();
    let (inked, _) = assert_mark(&image, picked, mark.ink(colours, false));
    assert!(inked > 300);
}

/// The real `tessera` binary on the harness's vault, with a home of its own,
/// in English; its standard output.
fn cli(h: &Harness, args: &[&str]) -> String {
    let password = h.dir.path().join("password.txt");
    std::fs::write(&password, format!("{PASSWORD}\n")).unwrap();
    let home = h.dir.path().join("cli-home");
    let out = crate::common::tessera()
        .arg("--vault")
        .arg(h.vault_path())
        .arg("--password-file")
        .arg(&password)
        .arg("--no-keyring")
        .args(args)
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", home.join("no-bus").display()),
        )
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "en_US.UTF-8")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `list --json`'s `icon` of the account named `name`.
fn listed_icon(h: &Harness, name: &str) -> serde_json::Value {
    let list: serde_json::Value = serde_json::from_str(&cli(h, &["list", "--json"])).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["account"] == name)
        .unwrap()["icon"]
        .clone()
}

/// The icon choice of the entry named `name`, as the open app holds it.
fn held(h: &Harness, name: &str) -> Icon {
    h.app
        .entries()
        .iter()
        .find(|e| e.account.name == name)
        .unwrap()
        .icon
        .clone()
}

/// The app and the command line read and write the same choice: one set
/// with `tessera edit --icon` while the app is open shows in its list (once
/// its watch reports the file changed) and on its details screen; one chosen
/// on the details screen is what `tessera list --json` reports.
#[test]
fn an_icon_set_on_the_command_line_shows_in_the_app_and_the_other_way() {
    // A vault the command line opens (its KDF at the standard cost).
    let (dir, keystore) = Harness::prepare();
    drop(make_vault_with(
        &dir,
        vec![
            entry(totp("GitHub", "alice", KEY)),
            entry(totp("My forge", "carol", KEY)),
        ],
        &KdfPolicy::standard(),
    ));
    let mut env = Harness::env(&dir, keystore.clone(), Lang::En);
    env.settings.theme = ThemeChoice::Light;
    let mut h = Harness::start_with(dir, keystore, env);
    h.type_into(unlock::PASSWORD_ID, PASSWORD);
    h.submit(unlock::PASSWORD_ID);
    assert_eq!(h.app.screen_name(), "codes");

    // The command line, while the app is open.
    cli(&h, &["edit", "carol", "--icon", "gitlab"]);
    cli(&h, &["edit", "alice", "--icon", "none"]);
    h.update(Message::VaultChanged);
    assert_eq!(held(&h, "carol"), Icon::Brand("gitlab".into()));
    assert_eq!(held(&h, "alice"), Icon::Letter);
    // Drawn: GitLab's mark beside "My forge", GitHub's letter beside GitHub.
    let theme = h.app.theme();
    let colours = theme::colours(&theme);
    let [github, forge] = avatars(&h, &["GitHub", "My forge"])[..] else {
        unreachable!()
    };
    let image = pixels(&mut window(&h), &theme);
    let gitlab = brand::by_slug("gitlab").unwrap();
    let (inked, _) = assert_brand(&image, forge, "gitlab", gitlab.ink(colours, false));
    assert!(inked > 100, "{inked} points of GitLab's mark inked");
    let square = colours.avatars[theme::avatar_index("GitHub")];
    assert!(is_letter_avatar(&image, github, square));
    // The details screen says so too.
    h.row_action("alice", RowAction::Details);
    h.assert_shows("The list shows the issuer's first letter.");
    h.click("Back");
    h.row_action("carol", RowAction::Details);
    h.assert_shows("The list shows the GitLab icon.");

    // The app: another brand chosen in the searchable list, saved.
    h.interact(|ui| {
        reach(ui, details::ICON_ID);
        let _ = ui.click(id(details::ICON_ID)).unwrap();
        let _ = ui.typewrite("Tailscale");
        let _ = ui.tap_key(Named::Enter);
    });
    h.assert_shows("The list shows the Tailscale icon.");
    h.click("Save");
    assert_eq!(h.app.screen_name(), "codes");
    assert_eq!(
        listed_icon(&h, "carol"),
        serde_json::json!({"choice": "tailscale", "brand": "tailscale", "title": "Tailscale"})
    );
    assert_eq!(
        listed_icon(&h, "alice"),
        serde_json::json!({"choice": "none", "brand": null, "title": null})
    );
}
