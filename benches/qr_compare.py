#!/usr/bin/env python3
"""Compare Tessera's QR decoder with zbarimg and zxing-cpp on the generated corpus.

    cargo run --release --example qr_corpus -- dump /tmp/qr-corpus
    python3 benches/qr_compare.py /tmp/qr-corpus

Needs `zbarimg` (Debian: zbar-tools) and `pip install zxing-cpp pillow`.
Tessera is timed in-process by `qr_corpus measure`; here each tool is timed per
image: zbarimg including process start-up (as a user runs it), zxing-cpp
in-process (image loading excluded). Success = exactly the expected payloads.
"""
import statistics
import subprocess
import sys
import time
from pathlib import Path


def load_expected(folder):
    cases = []
    for line in (folder / "expected.tsv").read_text().splitlines():
        name, *payloads = line.split("\t")
        cases.append((name, sorted(bytes.fromhex(p) for p in payloads)))
    return cases


def zbar(path):
    # --raw prints payloads one per line; -Sbinary keeps bytes exact (no charset guessing).
    start = time.perf_counter()
    out = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", str(path)],
        capture_output=True,
    )
    elapsed = time.perf_counter() - start
    return out.stdout, elapsed


def zbar_ok(stdout, expected):
    # With -Sbinary, zbar writes the payloads back to back with no separator.
    return len(stdout) == sum(len(p) for p in expected) and all(p in stdout for p in expected)


def zxing(path):
    import zxingcpp
    from PIL import Image

    image = Image.open(path)
    image.load()
    start = time.perf_counter()
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    elapsed = time.perf_counter() - start
    return sorted(r.bytes for r in results if r.valid), elapsed


def summary(name, rows):
    ok = sum(1 for r in rows if r[0])
    times = sorted(r[1] * 1000 for r in rows)
    p90 = times[int(len(times) * 0.9) - 1]
    print(f"| {name} | {ok}/{len(rows)} ({100 * ok / len(rows):.0f} %) | "
          f"{statistics.median(times):.1f} | {p90:.1f} |")


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/qr-corpus")
    cases = load_expected(folder)
    zb, zx = [], []
    failures = {"zbarimg": [], "zxing-cpp": []}
    for name, expected in cases:
        out, t = zbar(folder / name)
        ok = zbar_ok(out, expected)
        zb.append((ok, t))
        if not ok:
            failures["zbarimg"].append(name)
        got, t = zxing(folder / name)
        ok = sorted(set(got)) == sorted(set(expected))
        zx.append((ok, t))
        if not ok:
            failures["zxing-cpp"].append(name)
    print("| decoder | success | median ms | p90 ms |")
    print("|---|---|---|---|")
    summary("zbarimg 0.23 (incl. process start)", zb)
    summary("zxing-cpp (Python, in-process)", zx)
    for tool, names in failures.items():
        print(f"\n{tool} failed on: {', '.join(names) or 'none'}")


if __name__ == "__main__":
    main()
