//! Settings → "Export and backup…": every writer (Aegis, 2FAS, links, the
//! printable sheet) behind the vault password typed again, driven through
//! the real `App::update` with its tasks run (files written in a temporary
//! directory), each file read back with the core's importers.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt as _;

use crate::common;

use common::gui::*;
use tessera::gui::Message;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::codes;
use tessera::gui::screen::file_export;
use tessera::interop::{self, Format};
use tessera::secret::Password;

const BANK_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn two_accounts(lang: Lang) -> Harness {
    let mut h = unlocked(
        vec![
            entry(totp("ACME", "alice", KEY)),
            entry(totp("Bank", "bob", BANK_KEY)),
        ],
        lang,
    );
    h.click_id(codes::SETTINGS_ID);
    h.click(if lang == Lang::En {
        "Export and backup…"
    } else {
        "Exportar e fazer backup…"
    });
    assert_eq!(h.app.screen_name(), "file-export");
    h
}

/// The accounts of an export file, read by the core's importers.
fn read_back(
    path: &std::path::Path,
    format: Format,
    password: Option<&str>,
) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).unwrap();
    let password = password.map(|p| Password::new(p.into()));
    let export = interop::read(&bytes, format, password.as_ref()).unwrap();
    let mut accounts: Vec<(String, String)> = export
        .accounts
        .iter()
        .map(|a| {
            (
                a.account.label().to_string(),
                tessera::otp::encode_base32(a.account.secret.expose()).to_string(),
            )
        })
        .collect();
    accounts.sort();
    accounts
}

fn expected() -> Vec<(String, String)> {
    vec![
        ("ACME (alice)".into(), KEY.into()),
        ("Bank (bob)".into(), BANK_KEY.into()),
    ]
}

fn assert_private(path: &std::path::Path) {
    let mode = std::fs::metadata(path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{}", path.display());
}

#[test]
fn an_encrypted_aegis_export_needs_the_vault_password_and_reads_back() {
    let mut h = two_accounts(Lang::En);
    let out = h.dir.path().join("aegis.json");
    let fill = |h: &mut Harness, vault_password: &str| {
        h.type_into(file_export::EXPORT_PASSWORD_ID, "file password");
        h.type_into(file_export::REPEAT_ID, "file password");
        h.type_into(file_export::VAULT_PASSWORD_ID, vault_password);
    };
    h.type_into(file_export::PATH_ID, out.to_str().unwrap());

    // The vault password is checked first: a wrong one writes nothing.
    fill(&mut h, "not the vault password");
    h.click("Export");
    assert!(!out.exists());
    h.assert_shows(&format!(
        "wrong password for the vault at {}; try again (passwords are case-sensitive)",
        h.vault_path().display()
    ));

    // The file's two passwords must agree (checked before the vault's, which
    // the failed attempt above cleared); both fields are cleared to type again.
    h.type_into(file_export::EXPORT_PASSWORD_ID, "file password");
    h.type_into(file_export::REPEAT_ID, "other");
    h.click("Export");
    h.assert_shows("The two passwords differ.");
    assert!(!out.exists());

    fill(&mut h, PASSWORD);
    h.click("Export");
    h.assert_shows(&format!(
        "Wrote 2 accounts to {}, readable by you only. Delete it once it has served.",
        out.display()
    ));
    assert_private(&out);
    assert_eq!(
        read_back(&out, Format::Aegis, Some("file password")),
        expected()
    );
    // Encrypted: no password, no accounts.
    let bytes = std::fs::read(&out).unwrap();
    assert!(interop::read(&bytes, Format::Aegis, None).is_err());

    // Never over an existing file.
    let before = std::fs::read(&out).unwrap();
    fill(&mut h, PASSWORD);
    h.click("Export");
    h.assert_shows(&format!(
        "{} already exists; choose another name (nothing was overwritten)",
        out.display()
    ));
    assert_eq!(std::fs::read(&out).unwrap(), before);
}

#[test]
fn plain_2fas_links_and_the_sheet() {
    let mut h = two_accounts(Lang::En);

    let twofas = h.dir.path().join("backup.2fas");
    h.click("2FAS (encrypted or plain .2fas)");
    h.click("Without a password (anyone who reads the file has your keys)");
    h.assert_shows("This file is not encrypted: anyone who can read it can make your codes.");
    h.type_into(file_export::PATH_ID, twofas.to_str().unwrap());
    h.type_into(file_export::VAULT_PASSWORD_ID, PASSWORD);
    h.click("Export");
    assert_private(&twofas);
    assert_eq!(read_back(&twofas, Format::TwoFas, None), expected());

    let links = h.dir.path().join("links.txt");
    h.click("otpauth:// links, one per line (plain text)");
    let path_field = links.to_str().unwrap().to_owned();
    h.update(Message::FileExport(file_export::Message::Path(path_field)));
    h.type_into(file_export::VAULT_PASSWORD_ID, PASSWORD);
    h.click("Export");
    assert_private(&links);
    let text = std::fs::read_to_string(&links).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    assert_eq!(
        lines,
        [
            "otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME&algorithm=SHA1&digits=6&period=30",
            "otpauth://totp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank&algorithm=SHA1&digits=6&period=30",
        ]
    );

    let sheet = h.dir.path().join("sheet.html");
    h.click("Printable backup sheet (HTML with QR codes)");
    h.update(Message::FileExport(file_export::Message::Path(
        sheet.to_str().unwrap().to_owned(),
    )));
    h.type_into(file_export::VAULT_PASSWORD_ID, PASSWORD);
    h.click("Export");
    assert_private(&sheet);
    let html = std::fs::read_to_string(&sheet).unwrap();
    assert_eq!(html.matches("<svg").count(), 2, "one QR code per account");
    assert!(
        html.contains("JBSW Y3DP EHPK 3PXP"),
        "the setup key in groups of four"
    );
}

#[test]
fn the_screen_speaks_portuguese() {
    let mut h = two_accounts(Lang::PtBr);
    h.assert_shows("Exportar e fazer backup");
    h.assert_shows("Aegis (JSON cifrado ou simples)");
    h.click("Exportar");
    h.assert_shows("Digite onde salvar o arquivo: o caminho completo de um arquivo novo.");
}
