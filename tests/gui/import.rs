//! Accounts from images in the desktop app: a dropped file, a typed path, the
//! clipboard (image and link), the screen; the review step with duplicates,
//! a partial Google Authenticator export and content that is no key; the
//! offer to delete the source images; and every failure said in the window.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::gui::*;
use tessera::capture::{CaptureError, Clipboard, Image};
use tessera::gui::app::on_event;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::add;
use tessera::gui::screen::codes;
use tessera::gui::task::Capture;
use tessera::otp::{Account, Params, migration};
use tessera::qr::encode;
use tessera::secret::{SecretBytes, SecretText};

const ALICE: &str = "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME";
const BOB: &str =
    "otpauth://totp/Globex:bob?secret=KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ&issuer=Globex";

/// Writes a QR PNG of `text` into the harness's directory.
fn qr_file(h: &Harness, name: &str, text: &str) -> PathBuf {
    let path = h.dir.path().join(name);
    std::fs::write(&path, &*encode::png(text, 4).unwrap()).unwrap();
    path
}

/// The RGBA pixels of a QR code of `text`, as a capture gives them.
fn qr_image(text: &str) -> Image {
    let png = encode::png(text, 4).unwrap();
    let rgba = image::load_from_memory(&png).unwrap().to_rgba8();
    Image {
        width: rgba.width(),
        height: rgba.height(),
        rgba: zeroize::Zeroizing::new(rgba.into_raw()),
    }
}

/// A window event through the app's real event mapping.
fn window_event(h: &mut Harness, event: iced::window::Event) {
    let message = on_event(
        iced::Event::Window(event),
        iced::event::Status::Ignored,
        iced::window::Id::unique(),
    )
    .expect("a drag-and-drop event becomes a message");
    h.update(message);
}

fn drop_file(h: &mut Harness, path: &Path) {
    window_event(h, iced::window::Event::FileDropped(path.to_path_buf()));
}

const DROP_HINT: &str = "Drop the image here to add the accounts in its QR code";

fn with_clipboard(content: impl Fn() -> Clipboard + Send + Sync + 'static) -> Capture {
    Capture {
        clipboard: Arc::new(move || Ok(content())),
        ..no_capture()
    }
}

fn labels(h: &Harness) -> Vec<String> {
    h.app
        .entries()
        .iter()
        .map(|e| e.account.label().to_string())
        .collect()
}

fn account(issuer: &str, name: &str, i: u8) -> Account {
    let key: Vec<u8> = (0..20).map(|b| b ^ i.wrapping_mul(31)).collect();
    Account::new(issuer, name, SecretBytes::new(key), Params::totp()).unwrap()
}

#[test]
fn a_file_dragged_over_the_window_shows_where_it_will_go() {
    let mut h = unlocked(vec![], Lang::En);
    let path = qr_file(&h, "acme.png", ALICE);
    assert!(!h.shows(DROP_HINT));
    window_event(&mut h, iced::window::Event::FileHovered(path.clone()));
    h.assert_shows(DROP_HINT);
    window_event(&mut h, iced::window::Event::FilesHoveredLeft);
    assert!(!h.shows(DROP_HINT));
    window_event(&mut h, iced::window::Event::FileHovered(path.clone()));
    drop_file(&mut h, &path);
    assert!(!h.shows(DROP_HINT));
    assert_eq!(h.app.screen_name(), "review");
}

#[test]
fn a_dropped_image_is_reviewed_added_and_its_file_deleted() {
    let mut h = unlocked(vec![], Lang::En);
    let path = qr_file(&h, "acme.png", ALICE);
    drop_file(&mut h, &path);
    assert_eq!(h.app.screen_name(), "review");
    h.assert_shows("ACME — alice");
    h.assert_shows(&group_of(&code_at("JBSWY3DPEHPK3PXP", T0)));

    h.click("Add 1 account");
    assert_eq!(labels(&h), ["ACME (alice)"]);
    // Still on the review screen: the image holds the key in the clear.
    assert_eq!(h.app.screen_name(), "review");
    h.assert_shows("Added 1 account.");
    h.click("Delete the images");
    assert!(!path.exists());
    assert_eq!(h.app.screen_name(), "codes");
    // One file, singular (the plural rules of the language).
    assert_eq!(h.app.toast(), Some("Deleted 1 image file."));
    assert_eq!(reopen(&h.vault_path()).entries().len(), 1);
}

fn group_of(code: &str) -> String {
    tessera::otp::group_code(code)
}

#[test]
fn two_dropped_files_join_one_review_and_keep_them_keeps_the_files() {
    let mut h = unlocked(vec![], Lang::En);
    let a = qr_file(&h, "a.png", ALICE);
    let b = qr_file(&h, "b.png", BOB);
    drop_file(&mut h, &a);
    drop_file(&mut h, &b);
    // The same code dropped again is listed once.
    drop_file(&mut h, &a);
    h.assert_shows("ACME — alice");
    h.assert_shows("Globex — bob");
    h.click("Add 2 accounts");
    assert_eq!(labels(&h).len(), 2);
    h.click("Keep them");
    assert!(a.exists() && b.exists());
    assert_eq!(h.app.screen_name(), "codes");
}

#[test]
fn a_typed_path_is_the_drop_s_twin() {
    let mut h = unlocked(vec![], Lang::En);
    let path = qr_file(&h, "typed.png", ALICE);
    h.click_id(codes::ADD_ID);
    h.type_into(add::PATH_ID, path.to_str().unwrap());
    h.submit(add::PATH_ID);
    assert_eq!(h.app.screen_name(), "review");
    h.assert_shows("ACME — alice");
}

#[test]
fn ctrl_v_with_a_qr_image_on_the_clipboard() {
    let mut h = unlocked_with(vec![], Lang::En, |env| {
        env.capture = with_clipboard(|| Clipboard::Image(qr_image(BOB)));
    });
    h.keys([ctrl("v")]);
    assert_eq!(h.app.screen_name(), "review");
    h.assert_shows("Globex — bob");
    h.assert_shows("Time-based (TOTP) · The clipboard");
    h.click("Add 1 account");
    // Nothing to delete: straight back to the list.
    assert_eq!(h.app.screen_name(), "codes");
    assert_eq!(h.app.toast(), Some("Added 1 account."));
    assert_eq!(labels(&h), ["Globex (bob)"]);
}

#[test]
fn paste_button_with_an_otpauth_link_and_with_plain_text() {
    let mut h = unlocked_with(vec![], Lang::En, |env| {
        env.capture = with_clipboard(|| Clipboard::Text(SecretText::new(format!(" {ALICE}\n"))));
    });
    h.click_id(codes::ADD_ID);
    h.click("Paste (Ctrl+V)");
    h.assert_shows("ACME — alice");

    let mut h = unlocked_with(vec![], Lang::En, |env| {
        env.capture = with_clipboard(|| Clipboard::Text(SecretText::new("hello world".into())));
    });
    h.keys([ctrl("v")]);
    h.assert_shows("No account to add was found.");
    h.assert_shows(
        "The clipboard: this QR code holds plain text, not an authenticator key; look for the QR code on the service's two-factor setup page",
    );
}

#[test]
fn duplicates_are_flagged_and_unticked() {
    let existing = account("ACME", "alice", 1);
    let mut h = unlocked(vec![entry(existing.clone())], Lang::En);
    let fresh = account("Initech", "peter", 2);
    let uris = migration::encode(&[existing, fresh], 42).uris;
    assert_eq!(uris.len(), 1);
    let path = qr_file(&h, "export.png", uris[0].expose());
    drop_file(&mut h, &path);
    h.assert_shows("This key is already in the vault as ACME (alice).");
    h.assert_shows("Time-based (TOTP) · export.png, Google Authenticator export part 1 of 1");
    h.assert_shows("Add 1 account");
    h.click("Add 1 account");
    assert_eq!(labels(&h), ["ACME (alice)", "Initech (peter)"]);
}

#[test]
fn a_partial_export_says_which_parts_are_missing() {
    let accounts: Vec<Account> = (0..25)
        .map(|i| account("Service", &format!("user{i}"), i))
        .collect();
    let uris = migration::encode(&accounts, 7).uris;
    assert_eq!(uris.len(), 3);
    let mut h = unlocked(vec![], Lang::En);
    let part2 = qr_file(&h, "part2.png", uris[1].expose());
    drop_file(&mut h, &part2);
    h.assert_shows("Add 10 accounts");
    h.assert_shows(
        "Parts 1 and 3 of 3 of a Google Authenticator export are still missing; scan them too.",
    );
    let part3 = qr_file(&h, "part3.png", uris[2].expose());
    drop_file(&mut h, &part3);
    h.assert_shows("Part 1 of 3 of a Google Authenticator export is still missing; scan it too.");
    h.assert_shows("Add 15 accounts");
}

#[test]
fn scan_screen_finds_the_code_shown() {
    let mut h = unlocked_with(vec![], Lang::En, |env| {
        env.capture.screen = Arc::new(|| Ok(qr_image(ALICE)));
    });
    h.click_id(codes::ADD_ID);
    h.click("Scan screen");
    h.assert_shows("ACME — alice");
    h.assert_shows("Time-based (TOTP) · The screen");
}

#[test]
fn failures_say_what_happened_and_what_to_try() {
    let mut h = unlocked_with(vec![], Lang::En, |env| {
        env.capture.screen = Arc::new(|| {
            Ok(Image {
                width: 64,
                height: 64,
                rgba: zeroize::Zeroizing::new(vec![255; 64 * 64 * 4]),
            })
        });
    });
    // No QR code in the image.
    let blank = h.dir.path().join("blank.png");
    image::RgbImage::from_pixel(100, 100, image::Rgb([255, 255, 255]))
        .save(&blank)
        .unwrap();
    drop_file(&mut h, &blank);
    h.assert_shows("blank.png: no QR code was found. Make sure the whole code is visible and not cut off, or enter the setup key by hand.");
    // A file that is no image.
    let notes = h.dir.path().join("notes.txt");
    std::fs::write(&notes, "shopping list").unwrap();
    drop_file(&mut h, &notes);
    h.assert_shows("notes.txt could not be scanned: this file is not an image Tessera can read (PNG, JPEG, WebP, GIF, BMP, TIFF); save the QR code as a screenshot in one of these formats and try again");
    // A file that is gone.
    let gone = h.dir.path().join("gone.png");
    drop_file(&mut h, &gone);
    // The common OS error kinds have messages of their own, in every language.
    h.assert_shows(
        "gone.png could not be read (file or folder not found). Check that the file still exists and that you may open it.",
    );
    // A huge file is refused before it is read.
    let huge = h.dir.path().join("huge.png");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    drop_file(&mut h, &huge);
    h.assert_shows("huge.png could not be scanned: this file is 68157440 bytes, more than the 67108864 bytes Tessera reads as an image; crop the picture to the QR code or save it as PNG or JPEG");
    assert_eq!(h.app.screen_name(), "review");
    h.assert_shows("No account to add was found.");

    // The screen shows no code.
    h.click("Cancel");
    h.click_id(codes::ADD_ID);
    h.click("Scan screen");
    h.assert_shows("No QR code is visible on the screen. Bring the whole code into view, not covered by other windows, and scan again; or save it as an image and open that.");
}

#[test]
fn no_display_for_the_screen_or_the_clipboard() {
    let mut h = unlocked(vec![], Lang::En);
    h.click_id(codes::ADD_ID);
    h.click("Scan screen");
    h.assert_shows(&format!(
        "The screen could not be captured: {}",
        CaptureError::NoDisplay
    ));
    h.click("Cancel");
    h.keys([ctrl("v")]);
    h.assert_shows(&format!(
        "The clipboard could not be read: {}",
        CaptureError::NoDisplay
    ));
}

#[test]
fn review_in_brazilian_portuguese() {
    let mut h = unlocked(vec![], Lang::PtBr);
    let path = qr_file(&h, "acme.png", ALICE);
    drop_file(&mut h, &path);
    h.assert_shows("Adicionar 1 conta");
}

#[test]
fn files_chosen_in_the_dialog_or_none() {
    let mut h = unlocked(vec![], Lang::En);
    h.click_id(codes::ADD_ID);
    // Cancelled, or no portal and no zenity: the twins are named.
    // The dialog's answer comes back to the add screen, in its own message.
    let chosen = |paths| tessera::gui::Message::Add(add::Message::FilesChosen(paths));
    h.update(chosen(None));
    h.assert_shows("No file was chosen. If no file dialog appeared, type the image's path below or drop the file on this window.");
    h.update(chosen(Some(vec![])));
    assert_eq!(h.app.screen_name(), "add", "an empty pick reads nothing");
    let a = qr_file(&h, "a.png", ALICE);
    let b = qr_file(&h, "b.png", BOB);
    h.update(chosen(Some(vec![a, b])));
    h.assert_shows("Add 2 accounts");
}

#[test]
fn core_explanations_and_errors_read_in_brazilian_portuguese() {
    let mut h = unlocked_with(vec![], Lang::PtBr, |env| {
        env.capture =
            with_clipboard(|| Clipboard::Text(SecretText::new("https://example.com/login".into())));
    });
    h.keys([ctrl("v")]);
    h.assert_shows(
        "A área de transferência: este código QR contém um endereço da web, não uma chave de autenticação; procure o código QR na página de configuração da verificação em duas etapas do serviço",
    );

    let mut h = unlocked_with(vec![], Lang::PtBr, |env| {
        env.capture = Capture {
            clipboard: Arc::new(|| Err(CaptureError::ClipboardEmpty)),
            ..no_capture()
        };
    });
    h.keys([ctrl("v")]);
    h.assert_shows(
        "A área de transferência não pôde ser lida: a área de transferência não tem imagem nem texto; copie a imagem do código QR (ou o link otpauth://) e tente de novo",
    );
}

/// Other apps' export files written by `tests/cli/interop_fixtures.py` (Python's
/// hashlib and `cryptography`) into the harness's directory.
fn exports(h: &Harness, password: &str) -> PathBuf {
    common::require_tool("/usr/bin/python3", "python3-cryptography");
    let dir = h.dir.path().join("exports");
    let out = std::process::Command::new("/usr/bin/python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/cli/interop_fixtures.py"
        ))
        .arg(&dir)
        .arg(password)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

#[test]
fn an_encrypted_aegis_export_asks_for_its_password_then_adds_everything() {
    use tessera::gui::Message;
    use tessera::gui::screen::{Typed, review};
    let mut h = unlocked(vec![], Lang::En);
    let dir = exports(&h, "export password");
    drop_file(&mut h, &dir.join("aegis-encrypted.json"));
    assert_eq!(h.app.screen_name(), "review");
    h.assert_shows(
        "aegis-encrypted.json is an encrypted Aegis export. Enter the password it was exported with to see its accounts.",
    );
    assert!(!h.shows("No account to add was found."));

    h.update(Message::Review(review::Message::Password(
        0,
        Typed::new("not it".into()),
    )));
    h.update(Message::Review(review::Message::Unlock(0)));
    h.assert_shows(
        "the password does not decrypt this Aegis export; use the password chosen when exporting (it may differ from the app's unlock password)",
    );

    h.update(Message::Review(review::Message::Password(
        0,
        Typed::new("export password".into()),
    )));
    h.update(Message::Review(review::Message::Unlock(0)));
    h.assert_shows("GitHub — octo");
    h.assert_shows("Bank — me");
    h.assert_shows("Steam — gamer");
    assert!(!h.shows("the password does not decrypt this Aegis export; use the password chosen when exporting (it may differ from the app's unlock password)"));
    h.assert_shows(
        "aegis-encrypted.json: Old VPN (x) was left out (its type \"motp\" is not one Tessera generates (TOTP, HOTP and Steam are)).",
    );
    h.click("Add 3 accounts");
    let vault = reopen(&h.vault_path());
    let github = vault
        .entries()
        .iter()
        .find(|e| e.account.issuer == "GitHub")
        .unwrap();
    assert_eq!(github.group, "Work");
    assert!(github.favourite);
    assert_eq!(github.notes, "personal account");
    assert_eq!(vault.entries().len(), 3);
}

#[test]
fn plain_exports_are_reviewed_like_images() {
    let mut h = unlocked(vec![], Lang::En);
    let dir = exports(&h, "unused");
    drop_file(&mut h, &dir.join("twofas-plain.2fas"));
    drop_file(&mut h, &dir.join("bitwarden.json"));
    h.assert_shows("Dropbox — dee@example.com");
    h.assert_shows("Forum — fan");
    h.assert_shows("Example — alice");
    h.assert_shows("Plain — carol");
    h.click("Add 5 accounts");
    let vault = reopen(&h.vault_path());
    assert_eq!(vault.entries().len(), 5);
    let dropbox = vault
        .entries()
        .iter()
        .find(|e| e.account.issuer == "Dropbox")
        .unwrap();
    assert_eq!(dropbox.group, "Cloud");
}

#[test]
fn what_an_export_leaves_out_is_said_in_brazilian_portuguese() {
    let mut h = unlocked(vec![], Lang::PtBr);
    let dir = exports(&h, "unused");
    drop_file(&mut h, &dir.join("aegis-plain.json"));
    h.assert_shows(
        "aegis-plain.json: Old VPN (x) ficou de fora (o tipo \"motp\" não é um que o Tessera gera (TOTP, HOTP e Steam são)).",
    );
    h.assert_shows("Adicionar 3 contas");
}

#[test]
fn a_locked_export_that_turns_out_damaged_stops_asking_for_its_password() {
    use tessera::gui::Message;
    use tessera::gui::screen::{Typed, review};
    let mut h = unlocked(vec![], Lang::En);
    let dir = exports(&h, "export password");
    let path = dir.join("aegis-encrypted.json");
    drop_file(&mut h, &path);
    h.assert_shows("Open");
    // The file is damaged between the drop and the password: its key slot
    // still opens, its database no longer decodes.
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    json["db"] = serde_json::Value::from("!!! not base64 !!!");
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    h.update(Message::Review(review::Message::Password(
        0,
        Typed::new("export password".into()),
    )));
    h.update(Message::Review(review::Message::Unlock(0)));
    assert!(!h.shows("Open"), "no password field left waiting");
    h.assert_shows(
        "aegis-encrypted.json: this Aegis export is damaged (the database is not base64); export it from Aegis again",
    );
}

/// `tessera` on a vault of its own (standard KDF), password from a file, no keyring.
fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    let vault = dir.join("vault.tessera");
    let password = dir.join("password.txt");
    if !password.exists() {
        std::fs::write(&password, format!("{PASSWORD}\n")).unwrap();
    }
    let out = common::tessera()
        .arg("--vault")
        .arg(&vault)
        .arg("--password-file")
        .arg(&password)
        .arg("--no-keyring")
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The labels in lines of `text` that hold `prefix`, up to `end` (the
/// summary line "Would add 4 accounts, skipped …" is no label).
fn labels_after(text: &str, prefix: &str, end: &str) -> Vec<String> {
    text.lines()
        .filter(|line| !line.contains(" accounts, skipped "))
        .filter_map(|line| line.split_once(prefix))
        .filter_map(|(_, rest)| rest.split_once(end).map(|(label, _)| label.to_owned()))
        .collect()
}

/// The same sources through `tessera import` and through the app's review
/// (files dropped on the window): the same accounts found, the same duplicate
/// decisions, and the same entries (with their groups) saved.
#[test]
fn the_cli_and_the_app_decide_alike_on_the_same_sources() {
    use tessera::import::Decision;
    let existing = totp("ACME", "alice", KEY);
    let mut h = unlocked(vec![entry(existing.clone())], Lang::En);
    // A Google Authenticator export: the account already there, the same name
    // with a re-issued key, and a new one.
    let reissued = totp("ACME", "alice", "GEZDGNBVGY3TQOJQ");
    let bob = Account::from_uri(BOB).unwrap();
    let export = migration::encode(&[existing.clone(), reissued, bob], 9).uris;
    let export = qr_file(&h, "export.png", export[0].expose());
    // Two links as text: one repeats the export, one is new.
    let carol = account("Initech", "carol", 3);
    let links = h.dir.path().join("links.txt");
    std::fs::write(&links, format!("{BOB}\n{}\n", carol.to_uri().expose())).unwrap();
    // An andOTP backup with a group, and the existing key once more.
    let backup = h.dir.path().join("backup.json");
    std::fs::write(
        &backup,
        format!(
            r#"[{{"secret": "{KEY}", "issuer": "ACME", "label": "alice", "type": "TOTP"}},
                {{"secret": "KRUGS4ZANFZSAYLVORUGK3TUNFRWC5DF", "issuer": "Umbrella",
                  "label": "dave", "type": "TOTP", "tags": ["Work"]}}]"#
        ),
    )
    .unwrap();
    let files = [&export, &links, &backup];

    // The CLI, on a vault holding the same entry.
    let cli_dir = tempfile::tempdir().unwrap();
    cli(cli_dir.path(), &["init"]);
    cli(cli_dir.path(), &["add", existing.to_uri().expose()]);
    let mut args = vec!["import"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    args.push("--dry-run");
    let dry = cli(cli_dir.path(), &args);
    let (out, err) = (
        stdout_of(&dry),
        String::from_utf8_lossy(&dry.stderr).into_owned(),
    );
    let cli_add = labels_after(&out, "Would add ", ".");
    // Notes are sentences: "tessera: Skipped …", "tessera: Another entry …".
    let cli_duplicates = labels_after(&err, "Skipped ", ": already in the vault");
    let cli_same_name = labels_after(&err, "Another entry is also called ", ";");

    // The app, the same files dropped on the window.
    for file in files {
        drop_file(&mut h, file);
    }
    let plan = h.app.import_plan().expect("the review is up");
    let app_labels = |keep: fn(&Decision, bool) -> bool| -> Vec<String> {
        plan.rows()
            .iter()
            .filter(|r| keep(&r.decision, r.selected))
            .map(|r| r.entry.account.label().to_string())
            .collect()
    };
    let app_add = app_labels(|_, selected| selected);
    let app_duplicates = app_labels(|d, _| matches!(d, Decision::Duplicate { .. }));
    let app_same_name = app_labels(|d, _| matches!(d, Decision::SameName { .. }));

    assert_eq!(
        cli_add,
        [
            "ACME (alice)",
            "Globex (bob)",
            "Initech (carol)",
            "Umbrella (dave)"
        ]
    );
    assert_eq!(app_add, cli_add);
    assert_eq!(cli_duplicates, ["ACME (alice)"]);
    assert_eq!(app_duplicates, cli_duplicates);
    assert_eq!(cli_same_name, ["ACME (alice)"]);
    assert_eq!(app_same_name, cli_same_name);
    h.assert_shows("This key is already in the vault as ACME (alice).");

    // Both save the same entries.
    let mut args = vec!["import"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    let saved = cli(cli_dir.path(), &args);
    assert!(
        stdout_of(&saved).contains("Added 4 accounts, skipped 3 already in the vault."),
        "{}",
        stdout_of(&saved)
    );
    let listed: serde_json::Value =
        serde_json::from_str(&stdout_of(&cli(cli_dir.path(), &["list", "--json"]))).unwrap();
    let mut cli_entries: Vec<(String, String, String)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let field = |name: &str| e[name].as_str().unwrap_or("").to_owned();
            (field("issuer"), field("account"), field("group"))
        })
        .collect();
    h.click("Add 4 accounts");
    let mut app_entries: Vec<(String, String, String)> = reopen(&h.vault_path())
        .entries()
        .iter()
        .map(|e| {
            (
                e.account.issuer.clone(),
                e.account.name.clone(),
                e.group.clone(),
            )
        })
        .collect();
    cli_entries.sort();
    app_entries.sort();
    assert_eq!(app_entries.len(), 5);
    assert_eq!(app_entries, cli_entries);
    assert!(app_entries.contains(&("Umbrella".into(), "dave".into(), "Work".into())));
}

fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `tessera IMAGE` ("Open with Tessera") and the desktop file's actions reach
/// the app as requests; asked before the unlock, they wait for it.
#[test]
fn an_image_opened_with_tessera_waits_for_the_unlock_then_is_reviewed() {
    use tessera::gui::screen::unlock;
    use tessera::gui::{Message, Request};
    let (dir, keystore) = Harness::prepare();
    drop(make_vault(&dir, vec![]));
    let path = dir.path().join("acme.png");
    std::fs::write(&path, &*encode::png(ALICE, 4).unwrap()).unwrap();
    let env = Harness::env(&dir, keystore.clone(), Lang::En);
    let mut h = Harness::start_with(dir, keystore, env);
    h.update(Message::Requested(Request::Open(vec![path])));
    // Locked: nothing is read, no name shows before the password.
    assert_eq!(h.app.screen_name(), "unlock");
    assert!(!h.shows("ACME"));
    h.type_into(unlock::PASSWORD_ID, PASSWORD);
    h.submit(unlock::PASSWORD_ID);
    assert_eq!(h.app.screen_name(), "review");
    h.assert_shows("ACME — alice");
    h.click("Add 1 account");
    assert_eq!(labels(&h), ["ACME (alice)"]);
}

#[test]
fn the_add_account_action_opens_the_add_screen_when_unlocked() {
    use tessera::gui::{Message, Request};
    let mut h = unlocked(vec![], Lang::En);
    h.update(Message::Requested(Request::Add));
    assert_eq!(h.app.screen_name(), "add");
}

#[test]
fn the_scan_screen_action_reads_the_screen() {
    use tessera::gui::{Message, Request};
    let mut h = unlocked_with(vec![], Lang::En, |env| {
        env.capture = Capture {
            screen: Arc::new(|| Ok(qr_image(BOB))),
            ..no_capture()
        };
    });
    h.update(Message::Requested(Request::ScanScreen));
    assert_eq!(h.app.screen_name(), "review");
    h.assert_shows("Globex — bob");
}

/// The empty list invites the ways accounts really arrive, each a button
/// that does it: paste a screenshot (the clipboard is read), scan the screen,
/// import another app's export (the system's file chooser), or type the
/// setup key (the add screen); in both languages.
#[test]
fn the_empty_list_offers_every_way_in_and_each_leads_there() {
    let mut h = unlocked_with(vec![], Lang::En, |env| {
        env.capture = with_clipboard(|| Clipboard::Text(SecretText::new(ALICE.into())));
    });
    for text in [
        "No accounts yet",
        "Paste a screenshot (Ctrl+V)",
        "Scan the screen (Ctrl+Shift+S)",
        "Import from another app…",
        "Enter the setup key (Ctrl+N)",
    ] {
        h.assert_shows(text);
    }
    h.click_id(codes::EMPTY_PASTE_ID);
    h.assert_shows("ACME — alice");
    h.assert_shows("Time-based (TOTP) · The clipboard");

    let mut h = unlocked_with(vec![], Lang::En, |env| {
        env.capture.screen = Arc::new(|| Ok(qr_image(ALICE)));
    });
    h.click_id(codes::EMPTY_SCAN_ID);
    h.assert_shows("ACME — alice");
    h.assert_shows("Time-based (TOTP) · The screen");

    let mut h = unlocked(vec![], Lang::PtBr);
    h.assert_shows("Colar uma captura de tela (Ctrl+V)");
    h.assert_shows("Importar de outro app…");
    h.click_id(codes::EMPTY_MANUAL_ID);
    assert_eq!(h.app.screen_name(), "add");

    // Import asks for the system's file chooser (a portal dialog, not opened
    // here): the button sends Import, which the list turns into that request
    // (`codes.rs` unit test) as the add screen's "Choose images…" does.
    let h = unlocked(vec![], Lang::En);
    let mut ui = h.ui();
    let _ = ui.click(id(codes::EMPTY_IMPORT_ID)).unwrap();
    let sent: Vec<_> = ui.into_messages().collect();
    assert!(
        matches!(
            sent.as_slice(),
            [tessera::gui::Message::Codes(codes::Message::Import)]
        ),
        "{sent:?}"
    );
}
