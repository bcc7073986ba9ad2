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
    /// `org.freedesktop.appearance reduced-motion` (`None`: an older portal
    /// without the key).
    reduced_motion: Option<u32>,
    /// GNOME's `org.gnome.desktop.interface enable-animations` (`None`: not
    /// passed through).
    animations: Option<bool>,
}

impl FakeSettings {
    fn contrast(contrast: u32, read_one: bool) -> Self {
        Self {
            contrast,
            read_one,
            reduced_motion: None,
            animations: None,
        }
    }
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
        let inner = match bool::try_from(&*inner) {
            Ok(b) => Value::Bool(b),
            Err(_) => Value::U32(
                u32::try_from(&*inner).map_err(|e| zbus::fdo::Error::Failed(e.to_string()))?,
            ),
        };
        Ok(Value::Value(Box::new(inner)))
    }
}

impl FakeSettings {
    fn value(&self, namespace: &str, key: &str) -> zbus::fdo::Result<OwnedValue> {
        let missing = || zbus::fdo::Error::Failed("no such key".into());
        match (namespace, key) {
            ("org.freedesktop.appearance", "contrast") => Ok(OwnedValue::from(self.contrast)),
            ("org.freedesktop.appearance", "reduced-motion") => self
                .reduced_motion
                .map(OwnedValue::from)
                .ok_or_else(missing),
            ("org.gnome.desktop.interface", "enable-animations") => {
                self.animations.map(OwnedValue::from).ok_or_else(missing)
            }
            _ => Err(missing()),
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
        let _portal = serve(&bus, FakeSettings::contrast(contrast, read_one));
        assert_eq!(
            appearance::high_contrast_at(&bus.address),
            expected,
            "contrast {contrast}, ReadOne {read_one}"
        );
    }
}

/// The portal's `reduced-motion` key (1: reduced) wins; where it is
/// missing, GNOME's `enable-animations` switch (off: reduced) is read; with
/// neither there is no preference.
#[test]
fn the_portal_reduced_motion_key_and_gnomes_switch_are_read() {
    for (reduced_motion, animations, read_one, expected) in [
        (Some(1), None, true, Some(true)),
        (Some(0), Some(false), true, Some(false)),
        (Some(1), None, false, Some(true)),
        (None, Some(false), true, Some(true)),
        (None, Some(true), false, Some(false)),
        (None, None, true, None),
    ] {
        let bus = PrivateBus::start();
        let _portal = serve(
            &bus,
            FakeSettings {
                reduced_motion,
                animations,
                ..FakeSettings::contrast(0, read_one)
            },
        );
        assert_eq!(
            appearance::reduced_motion_at(&bus.address),
            expected,
            "reduced-motion {reduced_motion:?}, enable-animations {animations:?}, ReadOne {read_one}"
        );
    }
}

#[test]
fn a_bus_without_a_portal_is_no_preference_and_quick() {
    let bus = PrivateBus::start();
    let started = Instant::now();
    assert_eq!(appearance::high_contrast_at(&bus.address), None);
    assert_eq!(appearance::reduced_motion_at(&bus.address), None);
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

/// Reduced motion, from the setting or from the desktop: the busy bar's
/// steps stop (no animation runs while the KDF works, only the label shows),
/// and the countdown still changes once a second.
#[test]
fn reduced_motion_stops_the_busy_bar_and_the_countdown_still_ticks() {
    use tessera::clock::Timestamp;
    use tessera::gui::screen::unlock;
    fn yes() -> Option<bool> {
        Some(true)
    }
    fn no() -> Option<bool> {
        Some(false)
    }
    fn unknown() -> Option<bool> {
        None
    }
    for (setting, desktop, reduced) in [
        (false, unknown as fn() -> Option<bool>, false),
        (false, no, false),
        (true, unknown, true),
        (false, yes, true),
    ] {
        let (dir, keystore) = Harness::prepare();
        drop(make_vault_with(
            &dir,
            vec![entry(totp("ACME", "alice", KEY))],
            &KdfPolicy::slow_for_tests(),
        ));
        let mut env = Harness::env(&dir, keystore.clone(), Lang::En);
        env.settings.reduce_motion = setting;
        env.desktop_reduced_motion = desktop;
        let mut h = Harness::start_with(dir, keystore, env);
        assert_eq!(h.app.reduced_motion(), reduced, "setting {setting}");
        assert!(!h.app.animating(), "nothing is busy yet");
        h.type_into(unlock::PASSWORD_ID, PASSWORD);
        h.submit_briefly(unlock::PASSWORD_ID);
        h.assert_shows("Unlocking…");
        assert_eq!(
            h.app.animating(),
            !reduced,
            "the busy bar's steps run only without reduced motion (setting {setting})"
        );
        h.finish_running();
        assert!(h.app.is_unlocked());
        assert!(!h.app.animating());
        h.tick(T0);
        h.assert_shows("10");
        h.tick(Timestamp(T0.secs() + 1));
        h.assert_shows("9");
    }
}

/// "Reduce motion" in Settings → Appearance takes effect at once and is kept.
#[test]
fn the_reduce_motion_setting_is_applied_and_kept() {
    let mut h = unlocked(vec![entry(totp("ACME", "alice", KEY))], Lang::En);
    assert!(!h.app.reduced_motion());
    h.click_id(codes::SETTINGS_ID);
    h.assert_shows("Appearance");
    h.click("Reduce motion");
    assert!(h.app.reduced_motion());
    let path = h.dir.path().join("config/settings.toml");
    let (saved, _) = tessera::gui::settings::Settings::load(&path);
    assert!(saved.reduce_motion);
}
