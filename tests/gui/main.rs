//! The desktop app: headless flows (iced_test), screen and clipboard capture, and the real window under Xvfb.
//!
//! One test binary per area (core, cli, gui) instead of one per file: each
//! binary links the crate once. Modules are the former test files; helpers
//! shared by all three live in `tests/common/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod appearance;
mod backup;
mod brand;
mod cancel;
mod capture_x11;
mod cards;
mod clock;
mod damage;
mod e2e_import_x11;
mod e2e_x11;
mod file_export;
mod flows;
mod focus_sync;
mod header;
mod import;
mod instance_x11;
mod keyboard;
mod privacy;
mod recovery;
mod restore;
mod rings;
mod screens;
mod share;
mod shortcut;
mod shortcut_x11;
mod sizes;
mod tray_x11;
