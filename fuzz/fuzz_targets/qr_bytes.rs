//! Image files and raw pixels of any content: the QR cascade never panics and
//! stays inside its limits (small here, so each run is quick); the same bytes
//! read as a code's codewords and modules never panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tessera::qr::{self, Limits};

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_file_bytes: 1024 * 1024,
        max_pixels: 250_000,
        max_alloc: 8 * 1024 * 1024,
    };
    let _ = qr::decode_image_bytes(data, &limits);
    let _ = qr::file_payloads(data, &limits);
    // The same bytes as data codewords and as a grid's modules (ECI, structured
    // append, Reed-Solomon: Tessera's own reading).
    qr::fuzz_own_reading(data);
    // The same bytes as a small greyscale frame (width from the first byte).
    if let Some((&first, pixels)) = data.split_first() {
        let width = u32::from(first).max(1);
        let height = u32::try_from(pixels.len()).unwrap_or(0) / width;
        if height > 0 {
            let used = (width * height) as usize;
            let _ = qr::decode_luma(width, height, &pixels[..used]);
        }
    }
});
