//! `otpauth://` links: parsing never panics, and what parses writes back to a
//! link that parses to the same account.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tessera::otp::Account;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(account) = Account::from_uri(text) {
        let again = Account::from_uri(account.to_uri().expose())
            .unwrap_or_else(|e| panic!("a written link does not parse: {e}"));
        assert_eq!(again.secret, account.secret);
        assert_eq!(again.params, account.params);
        let _ = account.code_at(tessera::clock::Timestamp(59));
    }
});
