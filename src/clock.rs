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
        let t = self.utc();
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            t.year, t.month, t.day, t.hour, t.minute
        )
    }

    /// The calendar date and time of day in UTC.
    pub const fn utc(self) -> Utc {
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
        let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
        Utc {
            year,
            month,
            day,
            hour: secs / 3600,
            minute: secs % 3600 / 60,
            second: secs % 60,
        }
    }

    /// The time at a UTC calendar date and time of day; `None` for a date
    /// or time that does not exist (31 February, hour 24) or before 1970.
    pub fn from_utc(t: Utc) -> Option<Self> {
        let month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let leap =
            t.year.is_multiple_of(4) && (!t.year.is_multiple_of(100) || t.year.is_multiple_of(400));
        let last = match t.month {
            2 if leap => 29,
            1..=12 => month_days[usize::try_from(t.month - 1).ok()?],
            _ => return None,
        };
        if t.year < 1970 || t.year > 9999 || t.day == 0 || t.day > last {
            return None;
        }
        if t.hour > 23 || t.minute > 59 || t.second > 59 {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if t.month <= 2 { t.year - 1 } else { t.year };
        let era = y / 400;
        let yoe = y - era * 400;
        let mp = if t.month > 2 {
            t.month - 3
        } else {
            t.month + 9
        };
        let doy = (153 * mp + 2) / 5 + t.day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = (era * 146_097 + doe).checked_sub(719_468)?;
        Some(Self(
            days * 86_400 + t.hour * 3600 + t.minute * 60 + t.second,
        ))
    }
}

/// A date and time of day in UTC (the proleptic Gregorian calendar).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utc {
    /// The year (1970 and later).
    pub year: u64,
    /// The month, 1 to 12.
    pub month: u64,
    /// The day of the month, from 1.
    pub day: u64,
    /// The hour, 0 to 23.
    pub hour: u64,
    /// The minute, 0 to 59.
    pub minute: u64,
    /// The second, 0 to 59.
    pub second: u64,
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

    proptest::proptest! {
        /// Every time reads back from its calendar form.
        #[test]
        fn utc_round_trips(secs in 0u64..253_402_300_800) {
            let t = Timestamp(secs);
            proptest::prop_assert_eq!(Timestamp::from_utc(t.utc()), Some(t));
        }
    }

    #[test]
    fn from_utc_refuses_what_does_not_exist() {
        let at = |year, month, day| Utc {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
        };
        assert_eq!(
            Timestamp::from_utc(at(2000, 2, 29)),
            Some(Timestamp(951_782_400))
        );
        assert_eq!(Timestamp::from_utc(at(1900 + 100, 2, 30)), None);
        assert_eq!(Timestamp::from_utc(at(2100, 2, 29)), None);
        assert_eq!(Timestamp::from_utc(at(2026, 13, 1)), None);
        assert_eq!(Timestamp::from_utc(at(2026, 0, 1)), None);
        assert_eq!(Timestamp::from_utc(at(1969, 12, 31)), None);
        assert_eq!(
            Timestamp::from_utc(Utc {
                hour: 24,
                ..at(2026, 1, 1)
            }),
            None
        );
    }
}
