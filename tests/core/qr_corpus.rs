//! The QR decoder against a generated corpus of hard images (tests/common/qr.rs):
//! every image must decode to exactly its payloads, no more, no fewer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::collections::BTreeMap;
use std::time::Instant;

use common::qr::{Case, corpus, migration_uris, version_of};
use tessera::qr::{self, Limits};

fn decode(case: &Case) -> Result<Vec<Vec<u8>>, String> {
    let found = qr::decode_image_bytes(&case.bytes, &Limits::default())
        .map_err(|e| format!("{}: error: {e}", case.name))?;
    Ok(found.iter().map(|f| f.bytes.expose().to_vec()).collect())
}

#[test]
fn every_corpus_image_decodes_to_exactly_its_payloads() {
    let cases = corpus();
    assert!(cases.len() >= 80, "only {} images", cases.len());
    let mut failures = Vec::new();
    let mut by_pass: BTreeMap<String, usize> = BTreeMap::new();
    let start = Instant::now();
    for case in cases {
        let t = Instant::now();
        let found = match qr::decode_image_bytes(&case.bytes, &Limits::default()) {
            Ok(found) => found,
            Err(e) => {
                failures.push(format!("{}: error: {e}", case.name));
                continue;
            }
        };
        let mut got: Vec<Vec<u8>> = found.iter().map(|f| f.bytes.expose().to_vec()).collect();
        let mut want = case.expected.clone();
        got.sort();
        want.sort();
        for f in &found {
            *by_pass.entry(f.pass.to_string()).or_default() += 1;
            // The text is the payload, exactly (UTF-8 here, Latin-1 for the byte case).
            if let Ok(text) = std::str::from_utf8(f.bytes.expose()) {
                assert_eq!(f.text.expose(), text, "{}", case.name);
            }
        }
        eprintln!(
            "{:40} {:>6.1} ms  {}",
            case.name,
            t.elapsed().as_secs_f64() * 1e3,
            found
                .iter()
                .map(|f| f.pass.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
        if got != want {
            failures.push(format!(
                "{}: found {} of {} payloads ({} wrong)",
                case.name,
                got.iter().filter(|g| want.contains(g)).count(),
                want.len(),
                got.iter().filter(|g| !want.contains(g)).count()
            ));
        }
    }
    eprintln!(
        "passes: {by_pass:?}; total {:.1} s",
        start.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {} images failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_covers_every_hard_case() {
    let cases = corpus();
    for family in [
        "hidpi",
        "small-modules",
        "inverted",
        "contrast",
        "jpeg",
        "webp",
        "logo",
        "tight-crop",
        "big-canvas",
        "two-codes",
        "migration",
        "photo",
        "format",
        "bytes",
    ] {
        assert!(
            cases.iter().any(|c| c.family == family),
            "no {family} image"
        );
    }
    let mut names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len(), "case names must be unique");
}

#[test]
fn migration_exports_are_dense_codes() {
    let uris = migration_uris(10);
    assert_eq!(uris.len(), 1);
    // Ten accounts make a ~1,030-character URI: version 26 at level M (version 25-M
    // holds 997 bytes), the densest code an export produces.
    let version = version_of(uris[0].as_bytes(), qrcode::EcLevel::M);
    assert!((22..=26).contains(&version), "version {version}");
    let fifteen = migration_uris(15);
    assert_eq!(fifteen.len(), 2);
}

#[test]
fn latin1_payload_keeps_its_bytes_and_reads_as_latin1_text() {
    let cases = corpus();
    let case = cases.iter().find(|c| c.family == "bytes").unwrap();
    let found = qr::decode_image_bytes(&case.bytes, &Limits::default()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].bytes.expose(), case.expected[0].as_slice());
    assert_eq!(found[0].text.expose(), "Café crème © 2026");
}

#[test]
fn rgba_and_luma_entry_points_agree_with_files() {
    let cases = corpus();
    for case in cases
        .iter()
        .filter(|c| c.family == "inverted" || c.family == "big-canvas")
        .take(4)
    {
        let image = image::load_from_memory(&case.bytes).unwrap();
        let rgba = image.to_rgba8();
        let found = qr::decode_rgba(rgba.width(), rgba.height(), rgba.as_raw()).unwrap();
        let got: Vec<Vec<u8>> = found.iter().map(|f| f.bytes.expose().to_vec()).collect();
        assert_eq!(got, case.expected, "{}", case.name);
        let luma = image.to_luma8();
        let found = qr::decode_luma(luma.width(), luma.height(), luma.as_raw()).unwrap();
        assert_eq!(found.len(), case.expected.len(), "{}", case.name);
        assert_eq!(decode(case).unwrap(), got, "{}", case.name);
    }
}

#[test]
fn bounds_locate_the_code() {
    let cases = corpus();
    let case = cases
        .iter()
        .find(|c| c.name == "big-canvas-1920x1080-4px")
        .unwrap();
    let found = qr::decode_image_bytes(&case.bytes, &Limits::default()).unwrap();
    // The code was pasted at (1152, 360).
    let (x, y) = found[0].bounds[0];
    assert!(
        (1140..=1165).contains(&x) && (348..=372).contains(&y),
        "{:?}",
        found[0].bounds
    );
}

#[test]
fn a_page_with_both_polarities_gives_both_codes() {
    let cases = corpus();
    let mixed: Vec<&Case> = cases
        .iter()
        .filter(|c| c.name.contains("mixed-polarity"))
        .collect();
    assert!(mixed.len() >= 2);
    for case in mixed {
        let found = qr::decode_image_bytes(&case.bytes, &Limits::default()).unwrap();
        let mut got: Vec<Vec<u8>> = found.iter().map(|f| f.bytes.expose().to_vec()).collect();
        let mut want = case.expected.clone();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{}", case.name);
        // One dark-on-light code, one light-on-dark.
        let inverted = found
            .iter()
            .filter(|f| f.pass.as_str().ends_with("inverted"))
            .count();
        assert_eq!(inverted, 1, "{}", case.name);
    }
}
