//! The QR decoder on images made outside Tessera:
//!
//! - ZXing's QR black-box images (`tests/data/zxing-blackbox`, Apache-2.0): every
//!   image decoded as it is, its text compared exactly with the one ZXing expects
//!   (line endings aside).
//!   The images Tessera misses are listed here and, with the reason for each, in
//!   `docs/qr-pipeline.md`; a listed image that is read fails the test as a
//!   reminder to shorten the list, an unlisted one missed fails it as a regression.
//! - A fixed sample of the rendered two-factor pages (`tests/data/qr-pages`, made by
//!   `benches/qr_pages/generate.py` with headless Chromium and `segno`): each must
//!   give exactly its payloads.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use tessera::qr::{self, Limits};

/// Images Tessera does not read (folder/file stem); see `docs/qr-pipeline.md`.
const KNOWN_MISSES: &[&str] = &[
    "qrcode-2/13",
    "qrcode-4/05",
    "qrcode-4/13",
    "qrcode-4/30",
    "qrcode-4/32",
    "qrcode-4/33",
];

/// The least number of the 179 images that must be read exactly (zxing-cpp
/// reads 165 with the same comparison).
const AT_LEAST: usize = 165;

/// Line endings made one: the expected `.txt` files are stored with LF, many
/// payloads have CRLF (ZXing's own comparison and zxing-cpp's agree on that).
fn lines(text: &str) -> String {
    text.replace("\r\n", "\n")
}

#[test]
fn zxing_blackbox_images_give_zxings_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/zxing-blackbox");
    let mut images = Vec::new();
    for folder in 1..=6 {
        let dir = root.join(format!("qrcode-{folder}"));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_some_and(|e| e == "png" || e == "jpg" || e == "gif")
            {
                images.push(path);
            }
        }
    }
    images.sort();
    assert_eq!(images.len(), 179, "the vendored set is incomplete");
    let (mut read, mut missed, mut wrong) = (0, Vec::new(), Vec::new());
    for path in &images {
        let name = format!(
            "{}/{}",
            path.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy(),
            path.file_stem().unwrap().to_string_lossy()
        );
        let expected = lines(&std::fs::read_to_string(path.with_extension("txt")).unwrap());
        let bytes = std::fs::read(path).unwrap();
        let texts: Vec<String> = match qr::decode_image_bytes(&bytes, &Limits::default()) {
            Ok(found) => found.iter().map(|f| lines(f.text.expose())).collect(),
            Err(e) => {
                eprintln!("{name}: {e}");
                Vec::new()
            }
        };
        if texts.contains(&expected) {
            read += 1;
            if KNOWN_MISSES.contains(&name.as_str()) {
                wrong.push(format!("{name} is read now: take it off KNOWN_MISSES"));
            }
        } else {
            eprintln!("{name}: missed (got {} texts)", texts.len());
            missed.push(name.clone());
            if !KNOWN_MISSES.contains(&name.as_str()) {
                wrong.push(format!("{name} is no longer read"));
            }
        }
    }
    eprintln!(
        "{read} of {} read exactly; missed: {missed:?}",
        images.len()
    );
    assert!(
        read >= AT_LEAST,
        "{read} of {} read, fewer than {AT_LEAST}",
        images.len()
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
    // Tessera's own reading of the codewords (for ECI designators) gave the
    // same bytes as rqrr on every code both read.
    #[cfg(debug_assertions)]
    assert_eq!(qr::own_reading_disagreements(), 0);
}

#[test]
fn rendered_pages_sample_gives_exactly_its_payloads() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/qr-pages");
    let list = std::fs::read_to_string(dir.join("expected.tsv")).unwrap();
    let mut failures = Vec::new();
    let mut count = 0;
    for line in list.lines() {
        let mut fields = line.split('\t');
        let file = fields.next().unwrap();
        // `?HEX`: a code the screen's edge cuts off, which may be read or not.
        let (optional, required): (Vec<&str>, Vec<&str>) = fields.partition(|f| f.starts_with('?'));
        let optional: Vec<Vec<u8>> = optional.iter().map(|f| unhex(&f[1..])).collect();
        let mut want: Vec<Vec<u8>> = required.into_iter().map(unhex).collect();
        want.sort();
        count += 1;
        let bytes = std::fs::read(dir.join(file)).unwrap();
        match qr::decode_image_bytes(&bytes, &Limits::default()) {
            Ok(found) => {
                let mut got: Vec<Vec<u8>> = found
                    .iter()
                    .map(|f| f.bytes.expose().to_vec())
                    .filter(|p| !optional.contains(p))
                    .collect();
                got.sort();
                if got != want {
                    failures.push(format!(
                        "{file}: {} of {} payloads, {} others",
                        got.iter().filter(|g| want.contains(g)).count(),
                        want.len(),
                        got.iter().filter(|g| !want.contains(g)).count()
                    ));
                }
            }
            Err(e) => failures.push(format!("{file}: {e}")),
        }
    }
    assert!(count >= 20, "only {count} sample pages");
    assert!(failures.is_empty(), "{failures:#?}");
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len() / 2)
        .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap())
        .collect()
}
