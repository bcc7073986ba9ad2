//! Release builds lay out the `tessera` binary's code in the order of
//! `link-order.txt`: the functions an ordinary session runs (start, unlock,
//! the list, searching, copying), found by `benches/code_profile.sh`, come
//! first in `.text`, together.
//!
//! Why: the kernel maps an executable's pages into the process 64 KiB at a
//! time around each page it runs, so the 3.8 MiB of code a session runs,
//! scattered through 19 MiB of `.text`, kept 16 MiB of it resident. Placed
//! together it needs about 4 MiB (`docs/benchmarks.md`, "Resident memory").
//! Nothing else changes: the same functions, the same code, another order.
//!
//! Only where the linker is LLD (the default of Rust's own x86_64 Linux
//! toolchain since 1.90), which reads `--symbol-ordering-file`; any other
//! linker builds the binary in its usual order. `TESSERA_LINK_ORDER=0`
//! turns it off. Names missing from the binary (code changed since the file
//! was written) are skipped silently: the order only gets less complete.

use std::env;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=link-order.txt");
    println!("cargo::rerun-if-env-changed=TESSERA_LINK_ORDER");
    if env::var("PROFILE").as_deref() != Ok("release")
        || env::var("TESSERA_LINK_ORDER").as_deref() == Ok("0")
        || env::var("CARGO_CFG_TARGET_FAMILY").as_deref() != Ok("unix")
        || env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("macos")
    {
        return;
    }
    let Ok(dir) = env::var("CARGO_MANIFEST_DIR") else {
        return;
    };
    let order = PathBuf::from(dir).join("link-order.txt");
    // `-Wl,` splits its argument at commas.
    if !order.is_file() || order.to_string_lossy().contains(',') || !linker_reads_symbol_order() {
        return;
    }
    println!(
        "cargo::rustc-link-arg-bin=tessera=-Wl,--symbol-ordering-file={}",
        order.display()
    );
    println!("cargo::rustc-link-arg-bin=tessera=-Wl,--no-warn-symbol-ordering");
}

/// Whether the linker rustc will use for this target is LLD: asks
/// rustc for the command line it links an empty program with, under the
/// same target, flags and linker as this build.
fn linker_reads_symbol_order() -> bool {
    let (Ok(rustc), Ok(target), Some(out)) = (
        env::var("RUSTC"),
        env::var("TARGET"),
        env::var_os("OUT_DIR"),
    ) else {
        return false;
    };
    let mut command = Command::new(rustc);
    command
        .args([
            "--crate-type=bin",
            "--crate-name=link_probe",
            "--edition=2021",
        ])
        .args(["--target", &target, "--print", "link-args", "-o"])
        .arg(PathBuf::from(out).join("link-probe"))
        .arg("-");
    if let Ok(flags) = env::var("CARGO_ENCODED_RUSTFLAGS") {
        command.args(flags.split('\x1f').filter(|f| !f.is_empty()));
    }
    if let Ok(linker) = env::var("RUSTC_LINKER") {
        command.arg(format!("-Clinker={linker}"));
    }
    let Ok(mut child) = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        return false;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(b"fn main() {}\n");
    }
    let Ok(output) = child.wait_with_output() else {
        return false;
    };
    // A C compiler driving LLD (`cc -fuse-ld=lld`, as Rust's own toolchain
    // does) reads `-Wl,`; LLD run directly would not, so that is left alone.
    let args = String::from_utf8_lossy(&output.stdout);
    output.status.success()
        && args
            .split_whitespace()
            .any(|arg| arg.trim_matches('"') == "-fuse-ld=lld")
}
