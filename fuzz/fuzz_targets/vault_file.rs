//! The vault file reader on any bytes: the header parser, the KDF bounds (the
//! cheap test policy, so a valid slot costs microseconds), key unwrapping,
//! the header MAC, body decryption and the payload schema (reached with the
//! keyring key the seeds were made with, see `examples/seeds.rs`).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tessera::secret::{Password, SecretBytes};
use tessera::vault::{KdfPolicy, Unlock, Vault};

/// The keyring key and password of the seed vaults (`examples/seeds.rs`).
const SEED_KEK: [u8; 32] = [7; 32];
const SEED_PASSWORD: &str = "fuzzing password";

fn dir() -> &'static tempfile_dir::Dir {
    static DIR: OnceLock<tempfile_dir::Dir> = OnceLock::new();
    DIR.get_or_init(tempfile_dir::Dir::new)
}

mod tempfile_dir {
    /// A private folder for the one file each run writes.
    pub struct Dir(pub std::path::PathBuf);

    impl Dir {
        pub fn new() -> Self {
            let path = std::env::temp_dir().join(format!("tessera-fuzz-{}", std::process::id()));
            let _ = std::fs::create_dir(&path);
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o700));
            }
            Self(path)
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let path = dir().0.join("vault.tessera");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let _ = Vault::inspect(&path);
    let policy = KdfPolicy::insecure_for_tests();
    let kek = SecretBytes::from_slice(&SEED_KEK);
    if let Ok(vault) = Vault::open(&path, Unlock::KeyringKey(&kek), &policy) {
        for entry in vault.entries() {
            let _ = entry.code_at(tessera::clock::Timestamp(59));
        }
    }
    // The password path only for cheap settings: the test policy's ceiling
    // is the real one, which a fuzzer would reach in no time.
    if let Ok(summary) = Vault::inspect(&path)
        && summary.kdf.m_cost_kib <= 64
        && summary.kdf.t_cost <= 2
        && summary.kdf.p_cost <= 2
    {
        let password = Password::new(String::from(SEED_PASSWORD));
        let _ = Vault::open(&path, Unlock::Password(&password), &policy);
    }
});
