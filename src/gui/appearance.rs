//! The desktop's appearance preferences from the Settings portal
//! (`org.freedesktop.portal.Settings` on the session bus): the
//! `org.freedesktop.appearance` `contrast` key (0 no preference, 1 higher
//! contrast) and `reduced-motion` key (0 no preference, 1 reduced; portals
//! from 1.20 on), and where that key is missing, GNOME's own
//! `org.gnome.desktop.interface` `enable-animations` (false: reduced), which
//! xdg-desktop-portal-gnome passes through. The colour scheme (light or
//! dark) comes from iced's own system theme (`linux-theme-detection`).
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
const REDUCED_MOTION: &str = "reduced-motion";
const GNOME_INTERFACE: &str = "org.gnome.desktop.interface";
const ENABLE_ANIMATIONS: &str = "enable-animations";

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

/// Whether the desktop asks for reduced motion (`None`: no portal, no answer,
/// or neither key).
pub fn desktop_reduced_motion() -> Option<bool> {
    with_time_limit(|| {
        let connection = zbus::blocking::Connection::session().ok()?;
        reduced_motion_on(&connection)
    })
}

/// The same, from the session bus at `address` (a test's private bus).
pub fn reduced_motion_at(address: &str) -> Option<bool> {
    let address = address.to_owned();
    with_time_limit(move || {
        let connection = zbus::blocking::connection::Builder::address(address.as_str())
            .ok()?
            .build()
            .ok()?;
        reduced_motion_on(&connection)
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

/// One setting: `ReadOne` (portal version 2) and, for older portals, `Read`
/// (whose value comes wrapped in one more variant).
fn read(connection: &zbus::blocking::Connection, namespace: &str, key: &str) -> Option<OwnedValue> {
    let proxy = zbus::blocking::Proxy::new(connection, PORTAL, PORTAL_PATH, SETTINGS).ok()?;
    proxy
        .call("ReadOne", &(namespace, key))
        .or_else(|_| proxy.call("Read", &(namespace, key)))
        .ok()
}

fn high_contrast_on(connection: &zbus::blocking::Connection) -> Option<bool> {
    let value = read(connection, NAMESPACE, CONTRAST)?;
    contrast_value(&value).map(|v| v == 1)
}

/// The portal's own key first; GNOME's switch where the portal has none.
fn reduced_motion_on(connection: &zbus::blocking::Connection) -> Option<bool> {
    if let Some(value) = read(connection, NAMESPACE, REDUCED_MOTION)
        && let Some(v) = contrast_value(&value)
    {
        return Some(v == 1);
    }
    let value = read(connection, GNOME_INTERFACE, ENABLE_ANIMATIONS)?;
    bool_value(&value).map(|animate| !animate)
}

/// A `u32` setting (`contrast`, `reduced-motion`), maybe wrapped.
fn contrast_value(value: &Value<'_>) -> Option<u32> {
    match value {
        Value::U32(v) => Some(*v),
        Value::Value(inner) => contrast_value(inner),
        _ => None,
    }
}

/// A boolean setting (`enable-animations`), maybe wrapped.
fn bool_value(value: &Value<'_>) -> Option<bool> {
    match value {
        Value::Bool(v) => Some(*v),
        Value::Value(inner) => bool_value(inner),
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
        assert_eq!(
            bool_value(&Value::Value(Box::new(Value::Bool(false)))),
            Some(false)
        );
        assert_eq!(bool_value(&Value::U32(0)), None);
    }
}
