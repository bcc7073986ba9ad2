//! Tessera: a desktop two-factor authenticator.
//!
//! The library is the core both front ends (the CLI and the GUI) stand
//! on. See `docs/architecture.md` for the layers.

pub mod brand;
#[cfg(feature = "capture")]
pub mod capture;
pub mod clock;
pub mod i18n;
pub mod import;
pub mod interop;
pub mod keystore;
pub mod otp;
pub mod paths;
pub mod process;
pub mod qr;
pub mod secret;
pub mod vault;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "gui")]
pub mod gui;
