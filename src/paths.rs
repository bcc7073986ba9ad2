//! Where Tessera keeps things: the application id, the default vault path,
//! the config directory and the state directory. `--vault` and `TESSERA_VAULT` override the vault path.

use std::path::PathBuf;

/// The application id (window class, desktop file, D-Bus name).
pub const APP_ID: &str = "app.tessera.Tessera";
/// The environment variable that overrides the vault path.
pub const VAULT_ENV: &str = "TESSERA_VAULT";
/// The vault's file name inside the data directory.
pub const VAULT_FILE: &str = "vault.tessera";
/// The directory name under the platform's data and config directories.
const DIR_NAME: &str = "tessera";

/// The platform data directory for Tessera (`$XDG_DATA_HOME/tessera` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.data_dir().join(DIR_NAME))
}

/// The platform config directory for Tessera (`$XDG_CONFIG_HOME/tessera` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| dirs.config_dir().join(DIR_NAME))
}

/// Tessera's state directory (`$XDG_STATE_HOME/tessera` on Linux, else the
/// local data directory): what this computer remembers of each vault (the
/// versions it has seen, see `vault::History`), never synced with the vault.
pub fn state_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|dirs| {
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .join(DIR_NAME)
    })
}

/// Where this computer remembers the versions of the vaults it opened.
pub fn history() -> Option<crate::vault::History> {
    state_dir().map(crate::vault::History::at)
}

/// The default vault path: `$XDG_DATA_HOME/tessera/vault.tessera` on Linux.
pub fn default_vault() -> Option<PathBuf> {
    data_dir().map(|dir| dir.join(VAULT_FILE))
}

/// The vault to use: the explicit path, else `TESSERA_VAULT`, else the default.
pub fn vault(explicit: Option<PathBuf>) -> Option<PathBuf> {
    explicit
        .or_else(|| {
            std::env::var_os(VAULT_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .or_else(default_vault)
}
