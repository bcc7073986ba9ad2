//! The vault's version vector: one save counter per device that ever saved
//! the file. It lives in the authenticated header (format 2), so it cannot be
//! changed without the data key, and it is what rollback detection compares.
//!
//! One counter per device, rather than one number, because a vault may live
//! in a folder that several computers sync: two computers that each saved
//! while apart produce two files neither of which is older than the other
//! ([`Order::Concurrent`]); only a file whose every counter is at most what
//! this computer has already seen, and one of them lower, is an older copy
//! ([`Order::Older`]).

use std::collections::BTreeMap;
use std::fmt;

/// Bytes of a device id.
pub const DEVICE_ID_LEN: usize = 8;
/// Most devices one vault's header records (each takes 16 bytes).
pub const MAX_DEVICES: usize = 128;

/// A random id this computer uses for one vault (kept in the state directory).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeviceId(pub(crate) [u8; DEVICE_ID_LEN]);

impl DeviceId {
    /// The id as 16 lower-case hex digits.
    pub fn to_hex(self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Parses 16 hex digits.
    pub fn from_hex(text: &str) -> Option<Self> {
        if text.len() != 2 * DEVICE_ID_LEN || !text.is_ascii() {
            return None;
        }
        let mut out = [0u8; DEVICE_ID_LEN];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()?;
        }
        Some(Self(out))
    }
}

impl fmt::Debug for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// How one version vector stands to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Every counter equal.
    Same,
    /// Every counter at least the other's, one higher: a later version.
    Newer,
    /// Every counter at most the other's, one lower: an earlier version.
    Older,
    /// Each has a counter higher than the other's: saved apart on two devices.
    Concurrent,
}

/// Save counters per device. A device not listed has counter 0.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Versions(pub(crate) BTreeMap<DeviceId, u64>);

impl fmt::Debug for Versions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter()).finish()
    }
}

impl Versions {
    /// No saves recorded (a format 1 file, or a vault never saved).
    pub fn new() -> Self {
        Self::default()
    }

    /// The counter of one device (0 when it never saved).
    pub fn get(&self, device: DeviceId) -> u64 {
        self.0.get(&device).copied().unwrap_or(0)
    }

    /// Whether no device is recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many devices are recorded.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The devices and their counters, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (DeviceId, u64)> + '_ {
        self.0.iter().map(|(d, n)| (*d, *n))
    }

    /// The highest counter of any device (0 when empty).
    pub fn highest(&self) -> u64 {
        self.0.values().copied().max().unwrap_or(0)
    }

    /// How `self` stands to `other`.
    pub fn compare(&self, other: &Self) -> Order {
        let mut ahead = false;
        let mut behind = false;
        for device in self.0.keys().chain(other.0.keys()) {
            let (mine, theirs) = (self.get(*device), other.get(*device));
            ahead |= mine > theirs;
            behind |= mine < theirs;
        }
        match (ahead, behind) {
            (false, false) => Order::Same,
            (true, false) => Order::Newer,
            (false, true) => Order::Older,
            (true, true) => Order::Concurrent,
        }
    }

    /// The smallest vector at least as new as both: each device's higher counter.
    pub fn join(&self, other: &Self) -> Self {
        let mut out = self.clone();
        for (device, counter) in &other.0 {
            let slot = out.0.entry(*device).or_insert(0);
            *slot = (*slot).max(*counter);
        }
        out
    }

    /// [`Versions::join`], kept to [`MAX_DEVICES`] devices by forgetting
    /// those with the fewest saves (a file one of them wrote then reads as
    /// concurrent, never as older).
    pub fn join_bounded(&self, other: &Self) -> Self {
        let mut out = self.join(other);
        while out.len() > MAX_DEVICES {
            if let Some((fewest, _)) = out.iter().min_by_key(|(_, n)| *n) {
                out.0.remove(&fewest);
            }
        }
        out
    }

    /// Sets one device's counter.
    pub(crate) fn set(&mut self, device: DeviceId, counter: u64) {
        self.0.insert(device, counter);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(pairs: &[(u8, u64)]) -> Versions {
        Versions(
            pairs
                .iter()
                .map(|(d, n)| (DeviceId([*d; DEVICE_ID_LEN]), *n))
                .collect(),
        )
    }

    #[test]
    fn order_per_device() {
        assert_eq!(v(&[(1, 2)]).compare(&v(&[(1, 2)])), Order::Same);
        assert_eq!(v(&[(1, 3)]).compare(&v(&[(1, 2)])), Order::Newer);
        assert_eq!(v(&[(1, 1)]).compare(&v(&[(1, 2)])), Order::Older);
        // An absent device counts as 0: a format 1 file is older than any save.
        assert_eq!(Versions::new().compare(&v(&[(1, 1)])), Order::Older);
        assert_eq!(v(&[(1, 0)]).compare(&Versions::new()), Order::Same);
        // Two computers that each saved apart.
        assert_eq!(
            v(&[(1, 5), (2, 1)]).compare(&v(&[(1, 6)])),
            Order::Concurrent
        );
        assert_eq!(v(&[(1, 5), (2, 1)]).compare(&v(&[(1, 5)])), Order::Newer);
    }

    #[test]
    fn join_takes_each_higher_counter() {
        let joined = v(&[(1, 5), (2, 1)]).join(&v(&[(1, 6), (3, 2)]));
        assert_eq!(joined, v(&[(1, 6), (2, 1), (3, 2)]));
        assert_eq!(joined.highest(), 6);
        for part in [v(&[(1, 5), (2, 1)]), v(&[(1, 6), (3, 2)])] {
            assert!(matches!(joined.compare(&part), Order::Newer | Order::Same));
        }
    }

    #[test]
    fn device_ids_round_trip_as_hex() {
        let id = DeviceId([0xab, 0, 1, 2, 3, 4, 5, 0xff]);
        assert_eq!(id.to_hex(), "ab000102030405ff");
        assert_eq!(DeviceId::from_hex(&id.to_hex()), Some(id));
        for bad in [
            "",
            "ab",
            "zz000102030405ff",
            "ab000102030405ff00",
            "é0000102030405f",
        ] {
            assert_eq!(DeviceId::from_hex(bad), None, "{bad:?}");
        }
    }
}
