//! Password key derivation (Argon2id) and the policy that bounds its cost.
//!
//! KDF parameters read from a file are untrusted: they are checked against a
//! floor (no downgrade) and a ceiling (no denial of service) before anything
//! is allocated.

use std::fmt;

use zeroize::Zeroizing;

use crate::secret::{Password, SecretBytes};

/// Argon2id cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Passes over memory.
    pub t_cost: u32,
    /// Lanes.
    pub p_cost: u32,
}

impl fmt::Display for KdfParams {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} MiB, {} passes, {} lanes",
            self.m_cost_kib / 1024,
            self.t_cost,
            self.p_cost
        )
    }
}

impl KdfParams {
    fn at_least(&self, floor: &Self) -> bool {
        self.m_cost_kib >= floor.m_cost_kib
            && self.t_cost >= floor.t_cost
            && self.p_cost >= floor.p_cost
    }

    fn at_most(&self, ceiling: &Self) -> bool {
        self.m_cost_kib <= ceiling.m_cost_kib
            && self.t_cost <= ceiling.t_cost
            && self.p_cost <= ceiling.p_cost
            && self.work() <= MAX_WORK_KIB_PASSES
    }

    /// Memory times passes (KiB × passes): what one attempt costs in time.
    fn work(&self) -> u64 {
        u64::from(self.m_cost_kib).saturating_mul(u64::from(self.t_cost))
    }
}

/// Which KDF parameters new slots get and which a file may ask for.
#[derive(Clone, Debug)]
pub struct KdfPolicy {
    /// Used for new and changed passwords.
    pub(crate) default: KdfParams,
    /// Anything cheaper in any dimension is refused as a downgrade.
    pub(crate) floor: KdfParams,
    /// Anything costlier in any dimension is refused before the KDF runs.
    pub(crate) ceiling: KdfParams,
}

/// Argon2id with 64 MiB, 3 passes, 1 lane: the default and the floor.
pub const STANDARD: KdfParams = KdfParams {
    m_cost_kib: 64 * 1024,
    t_cost: 3,
    p_cost: 1,
};

/// 1 GiB, 10 passes, 8 lanes (the strongest settings desktop password
/// managers offer): beyond any of these a file is refused unopened.
pub const CEILING: KdfParams = KdfParams {
    m_cost_kib: 1024 * 1024,
    t_cost: 10,
    p_cost: 8,
};

/// Memory × passes allowed in one attempt: 2 GiB-passes (1 GiB × 2, 256 MiB
/// × 8), about ten times the standard setting (64 MiB × 3), a few seconds.
/// Each dimension may reach the ceiling, but not all at once.
pub const MAX_WORK_KIB_PASSES: u64 = 2 * 1024 * 1024;

impl KdfPolicy {
    /// The policy of the app and the CLI.
    pub fn standard() -> Self {
        Self {
            default: STANDARD,
            floor: STANDARD,
            ceiling: CEILING,
        }
    }

    /// A cheap KDF so that tests can open vaults thousands of times.
    /// Only the test suite builds this (feature `test-kdf`).
    #[cfg(feature = "test-kdf")]
    pub fn insecure_for_tests() -> Self {
        let cheap = KdfParams {
            m_cost_kib: 8,
            t_cost: 1,
            p_cost: 1,
        };
        Self {
            default: cheap,
            floor: cheap,
            ceiling: CEILING,
        }
    }

    /// A KDF slow enough to cancel while it runs (Argon2id, 64 MiB, 8
    /// passes: about a second on a desktop), for tests of cancelling; it
    /// opens cheap test vaults too. Only the test suite builds this
    /// (feature `test-kdf`).
    #[cfg(feature = "test-kdf")]
    pub fn slow_for_tests() -> Self {
        let cheap = Self::insecure_for_tests();
        Self {
            default: KdfParams {
                m_cost_kib: 64 * 1024,
                t_cost: 8,
                p_cost: 1,
            },
            floor: cheap.floor,
            ceiling: CEILING,
        }
    }

    /// Parameters for new password slots.
    pub fn default_params(&self) -> KdfParams {
        self.default
    }

    /// Checks parameters read from a file. `Err(true)` below the floor,
    /// `Err(false)` above the ceiling.
    pub(crate) fn check(&self, params: &KdfParams) -> Result<(), bool> {
        if !params.at_least(&self.floor) {
            return Err(true);
        }
        if !params.at_most(&self.ceiling) {
            return Err(false);
        }
        Ok(())
    }

    /// The floor (minimum accepted).
    pub fn floor(&self) -> KdfParams {
        self.floor
    }

    /// The ceiling (maximum accepted).
    pub fn ceiling(&self) -> KdfParams {
        self.ceiling
    }
}

/// Derives a 32-byte key-encryption key from a password. Callers must have
/// checked `params` against a policy first.
pub(crate) fn derive(
    password: &Password,
    salt: &[u8],
    params: &KdfParams,
) -> Result<SecretBytes, String> {
    let argon_params =
        argon2::Params::new(params.m_cost_kib, params.t_cost, params.p_cost, Some(32))
            .map_err(|e| e.to_string())?;
    let argon = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon_params,
    );
    let mut out = Zeroizing::new(vec![0u8; 32]);
    argon
        .hash_password_into(password.expose().as_bytes(), salt, &mut out)
        .map_err(|e| e.to_string())?;
    Ok(SecretBytes::from(out))
}
