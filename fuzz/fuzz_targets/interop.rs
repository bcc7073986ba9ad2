//! Other authenticators' export files: detection and every format's reader
//! (walked from `Format::ALL`, so a new reader is fuzzed without editing
//! this file) on any bytes, without a password and with one (a wrong one:
//! the KDF bounds keep each try short).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tessera::interop::{self, Format};
use tessera::secret::Password;

fuzz_target!(|data: &[u8]| {
    let detected = interop::detect(data);
    for &format in Format::ALL {
        let result = interop::read(data, format, None);
        if detected == Some(format) && result.is_err() {
            // A detected file either reads, needs a password, or says what is wrong.
            let _ = result.as_ref().map_err(ToString::to_string);
        }
    }
    if let Some(format) = detected {
        let password = Password::new(String::from("fuzz"));
        let _ = interop::read(data, format, Some(&password));
    }
});
