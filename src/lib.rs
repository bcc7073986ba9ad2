//! Tessera: a desktop two-factor authenticator.
//!
//! The library is the core both front ends (the CLI and, later, the GUI) stand
//! on. See `docs/architecture.md` for the layers.

pub mod clock;
pub mod otp;
pub mod qr;
pub mod secret;

#[cfg(feature = "cli")]
pub mod cli;
