//! Cancelling work that runs a long KDF before it writes.
//!
//! Argon2id and scrypt cannot be interrupted once they run, so a front end
//! that lets the person cancel stops *waiting* (the app abandons its task)
//! and tells the work, through a [`Cancel`] shared with it, that its result
//! is no longer wanted. The work asks [`Cancel::proceed`] once its KDF is
//! done and before it writes anything; after a cancel it stops there (its
//! keys and decrypted content are dropped, which zeroizes them) and nothing
//! is written. A cancel that comes after that point is refused
//! ([`Cancel::cancel`] answers `false`): the work is writing, and its result
//! arrives in a moment, so what the person sees is always what happened.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

const RUNNING: u8 = 0;
const CANCELLED: u8 = 1;
const PROCEEDING: u8 = 2;

/// Shared between the front end that waits and the work that runs a KDF.
/// Clones share one state.
#[derive(Clone, Debug, Default)]
pub struct Cancel(Arc<AtomicU8>);

impl Cancel {
    /// Work not cancelled yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the work to stop before it writes anything. `true` when in time
    /// (or cancelled already); `false` when the work is past its KDF and
    /// writing its result, which then stands.
    pub fn cancel(&self) -> bool {
        match self
            .0
            .compare_exchange(RUNNING, CANCELLED, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => true,
            Err(state) => state == CANCELLED,
        }
    }

    /// Whether [`Cancel::cancel`] was in time.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Acquire) == CANCELLED
    }

    /// Called by the work after its KDF, before it writes: `true` to go on
    /// (no later cancel is accepted), `false` when cancelled (then it stops
    /// and returns [`super::Error::Cancelled`]).
    pub fn proceed(&self) -> bool {
        match self
            .0
            .compare_exchange(RUNNING, PROCEEDING, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => true,
            Err(state) => state == PROCEEDING,
        }
    }

    /// [`Cancel::proceed`] as a result.
    pub(crate) fn check(&self) -> Result<(), super::Error> {
        if self.proceed() {
            Ok(())
        } else {
            Err(super::Error::Cancelled)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancel_wins_only_before_the_work_proceeds() {
        let early = Cancel::new();
        assert!(early.cancel());
        assert!(early.cancel(), "cancelling twice is still cancelled");
        assert!(early.is_cancelled());
        assert!(!early.proceed(), "the work stops");
        assert!(early.check().is_err());

        let late = Cancel::new();
        let shared = late.clone();
        assert!(shared.proceed());
        assert!(shared.proceed(), "asking twice still proceeds");
        assert!(!late.cancel(), "too late: the result stands");
        assert!(!late.is_cancelled());
    }
}
