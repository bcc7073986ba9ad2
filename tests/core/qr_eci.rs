//! Codes that say how their bytes are to be read (ECI designators) and codes of
//! a structured-append sequence, made by `segno` and read back by zxing-cpp
//! (`tests/data/qr-eci`, `make.py` there): Tessera must give exactly
//! zxing-cpp's text and bytes for each.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;
use tessera::qr::{self, Limits};

fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn eci_and_structured_append_codes_give_zxing_cpps_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/qr-eci");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let expected = expected.as_array().unwrap();
    assert!(expected.len() >= 12, "the fixture list is incomplete");
    let mut failures = Vec::new();
    for case in expected {
        let file = case["file"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let bytes = unhex(case["bytes"].as_str().unwrap());
        let image = std::fs::read(dir.join(file)).unwrap();
        match qr::decode_image_bytes(&image, &Limits::default()) {
            Ok(found) if found.len() == 1 => {
                if found[0].text.expose() != text {
                    failures.push(format!(
                        "{file}: text {:?}, zxing-cpp {text:?}",
                        found[0].text.expose()
                    ));
                }
                if found[0].bytes.expose() != bytes.as_slice() {
                    failures.push(format!("{file}: other bytes than zxing-cpp's"));
                }
            }
            Ok(found) => failures.push(format!("{file}: {} codes", found.len())),
            Err(e) => failures.push(format!("{file}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    #[cfg(debug_assertions)]
    assert_eq!(qr::own_reading_disagreements(), 0);
}
