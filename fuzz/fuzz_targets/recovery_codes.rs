//! Recovery codes pasted from a dashboard in any layout: never a panic, and
//! every code found is non-empty text found in the input's characters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tessera::vault::recovery;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(codes) = recovery::parse_block(text) {
        for code in codes {
            assert!(!code.trim().is_empty());
        }
    }
});
