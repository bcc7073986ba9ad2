//! Google Authenticator `otpauth-migration://` payloads: the protobuf decoder
//! on raw bytes, and the link parser (percent-decoding, base64) on text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tessera::otp::migration;

fuzz_target!(|data: &[u8]| {
    if let Ok(batch) = migration::decode_payload(data) {
        // Every account that decoded can be written as an ordinary link.
        for account in &batch.accounts {
            let _ = account.to_uri();
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = migration::decode(text);
    }
});
