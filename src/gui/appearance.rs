//! The desktop's appearance preferences from the Settings portal
//! (`org.freedesktop.portal.Settings` on the session bus): the
//! `org.freedesktop.appearance` `contrast` key (0 no preference, 1 higher
//! contrast). The colour scheme (light or dark) comes from iced's own system
//! theme (`linux-theme-detection`).
//!
//! Read once off the UI thread when the app starts, with a time limit, so a
//! bus that never answers cannot hold the window: no portal, no bus or no
//! answer in time is "no preference".

use std::time::Duration;

use zbus::zvariant::{OwnedValue, Value};

/// How long the portal may take to answer.
const WAIT: Duration = Duration::from_secs(2);

const PORTAL: &str = "org.freedesktop.portal.Desktop";
const PORTAL_PATH: &str = "/org/freedesktop/portal/desktop";
const SETTINGS: &str = "org.freedesktop.portal.Settings";
const NAMESPACE: &str = "org.freedesktop.appearance";
const CONTRAST: &str = "contrast";

/// Whether the desktop asks for higher contrast (`None`: no portal or no answer).
pub fn desktop_high_contrast() -> Option<bool> {
    with_time_limit(|| {
        let connection = zbus::blocking::Connection::session().ok()?;
        high_contrast_on(&connection)
    })
}

/// The same, from the session bus at `address` (a test's private bus).
pub fn high_contrast_at(address: &str) -> Option<bool> {
    let address = address.to_owned();
    with_time_limit(move || {
        let connection = zbus::blocking::connection::Builder::address(address.as_str())
            .ok()?
            .build()
            .ok()?;
        high_contrast_on(&connection)
    })
}

fn with_time_limit(ask: impl FnOnce() -> Option<bool> + Send + 'static) -> Option<bool> {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("tessera-appearance".into())
        .spawn(move || {
            let _ = send.send(ask());
        })
        .ok()?;
    receive.recv_timeout(WAIT).ok().flatten()
}

/// `ReadOne` (portal version 2) and, for older portals, `Read` (whose value
/// comes wrapped in one more variant).
fn high_contrast_on(connection: &zbus::blocking::Connection) -> Option<bool> {
    let proxy = zbus::blocking::Proxy::new(connection, PORTAL, PORTAL_PATH, SETTINGS).ok()?;
    let value: OwnedValue = proxy
        .call("ReadOne", &(NAMESPACE, CONTRAST))
        .or_else(|_| proxy.call("Read", &(NAMESPACE, CONTRAST)))
        .ok()?;
    contrast_value(&value).map(|v| v == 1)
}

fn contrast_value(value: &Value<'_>) -> Option<u32> {
    match value {
        Value::U32(v) => Some(*v),
        Value::Value(inner) => contrast_value(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_may_come_wrapped_once_more() {
        assert_eq!(contrast_value(&Value::U32(1)), Some(1));
        assert_eq!(
            contrast_value(&Value::Value(Box::new(Value::U32(0)))),
            Some(0)
        );
        assert_eq!(contrast_value(&Value::from("1")), None);
    }
}
