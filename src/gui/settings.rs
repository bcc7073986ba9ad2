//! The GUI's non-secret settings and their file, `settings.toml` in the
//! platform config directory (`$XDG_CONFIG_HOME/tessera/` on Linux).
//!
//! Every field has a default and a missing field takes it, so an old or
//! partial file still loads; a file that cannot be read or parsed at all never
//! blocks start-up: the defaults are used and the reason is shown once.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::i18n::Lang;

/// The settings file's name inside the config directory.
pub const FILE: &str = "settings.toml";

/// Where the settings live: `tessera::paths::config_dir()/settings.toml`.
pub fn default_path() -> Option<PathBuf> {
    crate::paths::config_dir().map(|dir| dir.join(FILE))
}

/// Light, dark, high contrast, or whatever the desktop prefers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeChoice {
    /// Follow the system colour scheme.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
    /// Every text at least 7:1 against its background (light or dark as the
    /// desktop is).
    HighContrast,
}

impl ThemeChoice {
    /// Every choice, in menu order.
    pub const ALL: [Self; 4] = [Self::System, Self::Light, Self::Dark, Self::HighContrast];
}

/// What the user can set. Nothing here is secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Colour theme.
    pub theme: ThemeChoice,
    /// The language; `None` follows the system locale.
    pub language: Option<Lang>,
    /// Lock after this many minutes without input; 0 never.
    pub auto_lock_minutes: u32,
    /// Clear a copied code from the clipboard after this many seconds; 0 never.
    pub clipboard_clear_seconds: u32,
    /// Show codes only when their row is clicked.
    pub hide_codes: bool,
    /// Hide every code while the window does not have the focus.
    pub hide_codes_unfocused: bool,
    /// The size of everything in the window, in percent (100 to 200).
    pub text_size_percent: u16,
    /// No animation (the busy bar stands still), whatever the desktop says;
    /// off: follow the desktop's reduced-motion preference.
    pub reduce_motion: bool,
    /// Seconds added to the system clock when computing codes.
    pub clock_offset_seconds: i64,
    /// A time server (`HOST[:PORT]`) to check this computer's clock against
    /// at unlock; empty: none, and nothing is sent over the network.
    pub time_server: String,
    /// Closing the window hides it and leaves the app in the tray (when a
    /// tray host took the item).
    pub keep_in_tray: bool,
    /// The global shortcut that brings the window up with the search
    /// focused (`Super+Shift+T`; empty: none). See `gui::shortcut`.
    pub shortcut: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            language: None,
            auto_lock_minutes: 5,
            clipboard_clear_seconds: 30,
            hide_codes: false,
            hide_codes_unfocused: false,
            text_size_percent: 100,
            reduce_motion: false,
            clock_offset_seconds: 0,
            time_server: String::new(),
            keep_in_tray: false,
            shortcut: super::shortcut::DEFAULT.to_owned(),
        }
    }
}

/// The text sizes offered, in percent; a file's value is clamped to the first
/// and last.
pub const TEXT_SIZES: [u16; 5] = [100, 125, 150, 175, 200];

/// Largest clock offset accepted (a day each way).
pub const MAX_CLOCK_OFFSET: i64 = 86_400;

impl Settings {
    /// Parses the file's text.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut settings: Self = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        settings.clock_offset_seconds = settings
            .clock_offset_seconds
            .clamp(-MAX_CLOCK_OFFSET, MAX_CLOCK_OFFSET);
        settings.text_size_percent = settings
            .text_size_percent
            .clamp(TEXT_SIZES[0], TEXT_SIZES[TEXT_SIZES.len() - 1]);
        Ok(settings)
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// Reads the settings at `path`: the defaults when there is no file, and
    /// the defaults with the reason when it cannot be read or parsed.
    pub fn load(path: &Path) -> (Self, Option<String>) {
        match std::fs::read_to_string(path) {
            Ok(text) => match Self::parse(&text) {
                Ok(settings) => (settings, None),
                Err(reason) => (
                    Self::default(),
                    Some(format!("{}: {reason}", path.display())),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Self::default(), None),
            Err(e) => (Self::default(), Some(format!("{}: {e}", path.display()))),
        }
    }

    /// Writes the settings to `path` atomically (temporary file, rename),
    /// creating the directory if needed.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = path.with_extension("toml.tmp");
        {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(self.to_text().as_bytes())?;
            file.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let settings = Settings {
            theme: ThemeChoice::HighContrast,
            language: Some(Lang::PtBr),
            auto_lock_minutes: 10,
            clipboard_clear_seconds: 0,
            hide_codes: true,
            hide_codes_unfocused: true,
            text_size_percent: 150,
            reduce_motion: true,
            clock_offset_seconds: -30,
            time_server: "pool.ntp.org".into(),
            keep_in_tray: true,
            shortcut: "Ctrl+Alt+Y".into(),
        };
        assert_eq!(Settings::parse(&settings.to_text()), Ok(settings));
    }

    #[test]
    fn missing_fields_take_defaults() {
        let settings = Settings::parse("theme = \"light\"\n").unwrap_or_default();
        assert_eq!(settings.theme, ThemeChoice::Light);
        assert_eq!(settings.auto_lock_minutes, 5);
        assert_eq!(settings.clipboard_clear_seconds, 30);
        assert_eq!(settings.shortcut, "Super+Shift+T");
        let settings = Settings::parse("theme = \"high-contrast\"\n").unwrap_or_default();
        assert_eq!(settings.theme, ThemeChoice::HighContrast);
        assert_eq!(settings.text_size_percent, 100);
        assert!(
            !settings.reduce_motion,
            "motion follows the desktop by default"
        );
        let big = Settings::parse("text_size_percent = 500\n").unwrap_or_default();
        assert_eq!(big.text_size_percent, 200);
        let small = Settings::parse("text_size_percent = 50\n").unwrap_or_default();
        assert_eq!(small.text_size_percent, 100);
    }

    #[test]
    fn a_broken_file_gives_defaults_and_a_reason() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(FILE);
        std::fs::write(&path, "theme = [not toml").unwrap_or_else(|e| panic!("{e}"));
        let (settings, warning) = Settings::load(&path);
        assert_eq!(settings, Settings::default());
        assert!(warning.is_some());
        let (settings, warning) = Settings::load(&dir.path().join("absent.toml"));
        assert_eq!(settings, Settings::default());
        assert!(warning.is_none());
    }
}
