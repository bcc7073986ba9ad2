//! `tessera export --format html`: the printable sheet, printed to PDF by
//! headless Chromium (one render: it is the slow part), rasterised by
//! `pdftoppm`, and every QR code on every page decoded by ZBar and by
//! Tessera's own decoder: the same accounts as `export --format uris`.

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::Command;

use super::{Fixtures, stderr, stdout};
use crate::common;

fn lines(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_printed_sheet_scans_back_to_every_account() {
    common::require_tool("chromium", "chromium");
    common::require_tool("pdftoppm", "poppler-utils");
    common::require_tool("zbarimg", "zbar-tools");
    let f = Fixtures::every_kind();
    let dir = f.home.path();
    let codes = dir.join("codes.txt");
    std::fs::write(&codes, "1111-2222\n3333-4444\n5555-6666\n").unwrap();
    let out = f.run(&["recovery", "GitHub", "add", codes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = f.run(&["recovery", "GitHub", "use", "3333-4444"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let sheet = dir.join("sheet.html");
    let out = f.run(&[
        "export",
        "--format",
        "html",
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::metadata(&sheet).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let html = std::fs::read_to_string(&sheet).unwrap();
    // Self-contained: no script, nothing fetched.
    for banned in [
        "<script", " src=", " href=", "url(", "@import", "<link", "<img",
    ] {
        assert!(!html.contains(banned), "the sheet contains {banned}");
    }
    assert!(html.contains("<p class=\"key\">JBSW Y3DP EHPK 3PXP</p>"));
    assert!(html.contains("<li>1111-2222</li>") && html.contains("<li>5555-6666</li>"));
    assert!(
        !html.contains("3333-4444"),
        "a used recovery code is not printed"
    );
    assert_eq!(html.matches("<section class=\"card\">").count(), 8);

    // One render, as a user's browser would print it.
    let pdf = dir.join("sheet.pdf");
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.join("chromium").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", sheet.display()))
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(pdf.exists(), "chromium printed nothing: {}", stderr(&out));
    let out = Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-png"])
        .arg(&pdf)
        .arg(dir.join("page"))
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftoppm: {}", stderr(&out));
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("page") && n.ends_with(".png"))
        })
        .collect();
    pages.sort();
    assert!(pages.len() >= 2, "eight cards take more than one page");

    let out = f.run(&["export", "--format", "uris"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = lines(&stdout(&out));
    assert_eq!(expected.len(), 8);

    // ZBar, page by page: every code whole (a card cut by a page break would
    // lose its code), each account once.
    let mut zbar = Vec::new();
    for page in &pages {
        let out = Command::new("zbarimg")
            .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
            .arg(page)
            .output()
            .unwrap();
        zbar.extend(lines(&stdout(&out)));
    }
    assert_eq!(zbar.len(), 8, "{zbar:?}");
    assert_eq!(zbar.into_iter().collect::<BTreeSet<_>>(), expected);

    // Tessera's own decoder.
    let page_args: Vec<&str> = pages.iter().map(|p| p.to_str().unwrap()).collect();
    let mut args = vec!["scan"];
    args.extend(&page_args);
    let out = f.run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&stdout(&out)), expected);

    // The screenshot in docs/ is refreshed by hand from such a page:
    // TESSERA_SHEET_SCREENSHOT=docs/screenshots/backup-sheet.png keeps page 1.
    if let Some(target) = std::env::var_os("TESSERA_SHEET_SCREENSHOT") {
        std::fs::copy(&pages[0], Path::new(&target)).unwrap();
    }
}
