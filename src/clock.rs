//! Time as a value. The core never reads the system clock itself: callers pass
//! a [`Timestamp`], so tests (and `--at`) can pin it.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch (1970-01-01T00:00:00Z).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub u64);

impl Timestamp {
    /// The number of whole seconds since the epoch.
    pub const fn secs(self) -> u64 {
        self.0
    }

    /// This time moved by `offset` seconds (saturating at the epoch and at `u64::MAX`).
    pub const fn offset_by(self, offset: i64) -> Self {
        Self(self.0.saturating_add_signed(offset))
    }
}

/// Where the current time comes from.
pub trait Clock {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// The machine's clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        // A clock set before 1970 is treated as the epoch rather than a crash.
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        Timestamp(secs)
    }
}

/// A clock that always answers the same time (tests, `--at`).
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}
