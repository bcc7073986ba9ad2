//! Time as a value. The core never reads the system clock itself: callers pass
//! a [`Timestamp`], so tests (and `--at`) can pin it.

use std::time::{SystemTime, UNIX_EPOCH};

pub mod sntp;
pub mod sync;

/// From this many seconds off, services start refusing codes (a 30-second
/// step tolerates little more than that on each side): both front ends
/// warn from here.
pub const WARN_FROM_SECONDS: f64 = 5.0;

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

    /// The date and time in UTC as `2023-11-14 22:13 UTC` (for "used at" labels).
    pub fn utc_minutes(self) -> String {
        let days = self.0 / 86_400;
        let secs = self.0 % 86_400;
        // Howard Hinnant's civil_from_days, for days since 1970-01-01.
        let z = days + 719_468;
        let era = z / 146_097;
        let doe = z % 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + u64::from(month <= 2);
        format!(
            "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
            secs / 3600,
            secs % 3600 / 60
        )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_minutes_matches_known_dates() {
        assert_eq!(Timestamp(0).utc_minutes(), "1970-01-01 00:00 UTC");
        assert_eq!(
            Timestamp(1_700_000_000).utc_minutes(),
            "2023-11-14 22:13 UTC"
        );
        assert_eq!(Timestamp(951_782_400).utc_minutes(), "2000-02-29 00:00 UTC");
        assert_eq!(
            Timestamp(4_102_444_799).utc_minutes(),
            "2099-12-31 23:59 UTC"
        );
    }
}
