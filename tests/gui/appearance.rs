//! The desktop's contrast preference read from a stand-in Settings portal on
//! a private session bus (`dbus-daemon` of the test's own), and the theme the
//! app then shows.
#![cfg(feature = "gui")]

use std::time::{Duration, Instant};

use zbus::zvariant::{OwnedValue, Value};

use crate::common::bus::PrivateBus;
use crate::common::gui::*;
use tessera::gui::appearance;
use tessera::gui::i18n::Lang;
use tessera::gui::screen::codes;
use tessera::gui::settings::ThemeChoice;
use tessera::gui::theme;

/// `org.freedesktop.portal.Settings` answering the `contrast` key; `read_one`
/// false plays an older portal that has only `Read`.
struct FakeSettings {
    contrast: u32,
    read_one: bool,
}

#[zbus::interface(name = "org.freedesktop.portal.Settings")]
impl FakeSettings {
    fn read_one(&self, namespace: &str, key: &str) -> zbus::fdo::Result<OwnedValue> {
        if !self.read_one {
            return Err(zbus::fdo::Error::UnknownMethod("ReadOne".into()));
        }
        self.value(namespace, key)
    }

    /// The old form: the value wrapped in one more variant.
    fn read(&self, namespace: &str, key: &str) -> zbus::fdo::Result<Value<'static>> {
        let inner = self.value(namespace, key)?;
        let inner = u32::try_from(&*inner).map_err(|e| zbus::fdo::Error::Failed(e.to_string()))?;
        Ok(Value::Value(Box::new(Value::U32(inner))))
    }
}

impl FakeSettings {
    fn value(&self, namespace: &str, key: &str) -> zbus::fdo::Result<OwnedValue> {
        if (namespace, key) == ("org.freedesktop.appearance", "contrast") {
            Ok(OwnedValue::from(self.contrast))
        } else {
            Err(zbus::fdo::Error::Failed("no such key".into()))
        }
    }
}

fn serve(bus: &PrivateBus, settings: FakeSettings) -> zbus::blocking::Connection {
    zbus::blocking::connection::Builder::address(bus.address.as_str())
        .and_then(|b| b.name("org.freedesktop.portal.Desktop"))
        .and_then(|b| b.serve_at("/org/freedesktop/portal/desktop", settings))
        .and_then(|b| b.build())
        .unwrap_or_else(|e| panic!("cannot serve the stand-in portal: {e}"))
}

#[test]
fn the_portal_contrast_key_is_read() {
    for (contrast, read_one, expected) in [
        (1, true, Some(true)),
        (0, true, Some(false)),
        (1, false, Some(true)),
    ] {
        let bus = PrivateBus::start();
        let _portal = serve(&bus, FakeSettings { contrast, read_one });
        assert_eq!(
            appearance::high_contrast_at(&bus.address),
            expected,
            "contrast {contrast}, ReadOne {read_one}"
        );
    }
}

#[test]
fn a_bus_without_a_portal_is_no_preference_and_quick() {
    let bus = PrivateBus::start();
    let started = Instant::now();
    assert_eq!(appearance::high_contrast_at(&bus.address), None);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn following_the_system_turns_to_high_contrast_when_the_desktop_asks() {
    let h = unlocked_with(vec![], Lang::En, |env| {
        env.desktop_high_contrast = || Some(true);
    });
    assert_eq!(h.app.settings().theme, ThemeChoice::System);
    assert_eq!(h.app.colours().name, theme::HIGH_CONTRAST_LIGHT.name);
    let h = unlocked_with(vec![], Lang::En, |env| {
        env.desktop_high_contrast = || Some(true);
        env.settings.theme = ThemeChoice::Dark;
    });
    assert_eq!(h.app.colours().name, theme::DARK.name);
    let h = unlocked(vec![], Lang::En);
    assert_eq!(h.app.colours().name, theme::LIGHT.name);
}

#[test]
fn the_text_size_scales_the_whole_window_and_is_kept() {
    use tessera::gui::Message;
    use tessera::gui::screen::settings;
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    assert!((h.app.scale_factor() - 1.0).abs() < f32::EPSILON);
    h.click_id(codes::SETTINGS_ID);
    h.assert_shows("Text size");
    h.update(Message::Settings(settings::Message::TextSize(150)));
    assert!((h.app.scale_factor() - 1.5).abs() < f32::EPSILON);
    let path = h.dir.path().join("config/settings.toml");
    let (saved, _) = tessera::gui::settings::Settings::load(&path);
    assert_eq!(saved.text_size_percent, 150);
    // Out of range asks are held to 100–200 %.
    h.update(Message::Settings(settings::Message::TextSize(400)));
    assert!((h.app.scale_factor() - 2.0).abs() < f32::EPSILON);

    // The next start uses the saved size.
    let (dir, keystore) = Harness::prepare();
    let mut env = Harness::env(&dir, keystore.clone(), Lang::En);
    env.settings = saved;
    let h = Harness::start_with(dir, keystore, env);
    assert!((h.app.scale_factor() - 1.5).abs() < f32::EPSILON);
}
