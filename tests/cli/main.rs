//! The `tessera` command line, run as a separate process.
//!
//! One test binary per area (core, cli, gui) instead of one per file: each
//! binary links the crate once. Modules are the former test files; helpers
//! shared by all three live in `tests/common/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod backup;
mod clock;
mod cmd;
mod code;
mod export;
mod folder;
mod hardening;
mod icons;
mod interop;
mod language;
#[cfg(target_os = "linux")]
mod packaging;
mod restore;
mod rollback;
mod scan;
mod scan_x11;
mod sync;
mod syncthing;
mod vault;
