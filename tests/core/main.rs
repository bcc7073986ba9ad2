//! The core library: OTP, vault, keyring, QR decoding, checked against reference tools.
//!
//! One test binary per area (core, cli, gui) instead of one per file: each
//! binary links the crate once. Modules are the former test files; helpers
//! shared by all three live in `tests/common/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod keystore_os;
mod otp_oathtool;
mod otp_props;
mod otp_vectors;
mod qr_corpus;
mod qr_eci;
mod qr_hostile;
mod qr_reference;
mod vault_backup;
mod vault_concurrency;
mod vault_merge;
mod vault_roundtrip;
mod vault_tamper;
