//! The `tessera` binary: the command-line front end over the core library.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Before anything is read: no core dumps, no same-user ptrace, no swap
    // where the limit allows (`docs/security.md`).
    let _ = tessera::process::harden();
    tessera::cli::run(std::env::args_os())
}
