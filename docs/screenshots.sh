#!/usr/bin/env bash
# Regenerates docs/screenshots/: every screen (first-run, unlock, codes, add,
# details, settings) in light and dark, English and pt-BR, rendered headlessly
# by examples/screenshots.rs (iced_test simulator, tiny-skia; no display needed,
# pinned clock, sample accounts in a throw-away vault).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --locked --example screenshots -- docs/screenshots
