//! The `tessera` binary: the command-line front end over the core library.

use std::process::ExitCode;

fn main() -> ExitCode {
    tessera::cli::run(std::env::args_os())
}
