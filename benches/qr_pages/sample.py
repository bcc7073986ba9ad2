#!/usr/bin/env python3
"""Copies the fixed CI sample of the rendered pages into tests/data/qr-pages.

    python3 benches/qr_pages/sample.py CORPUS [--max-bytes N]

CORPUS is a folder written by `generate.py`. The sample is drawn from the tune
part only (never the held-out part): walking the tune images in order, an image
is taken when it adds a (kind, category) pair the sample does not hold yet and
keeps the sample under `--max-bytes` (default 9.5 MB), always including the
first 2560x1440 PNG page (`tests/cli/scan_x11.rs` shows it on a screen). Only
images zxing-cpp reads are taken, so the sample asks nothing of Tessera that a
reference decoder cannot do; with `--tessera`, only those Tessera read too (the
sample is a regression guard; the held-out part measures). Writes the images, `expected.tsv` (file name,
then each payload as hex) and `screen.tsv` (the same line for the screen page).
"""
import argparse
import shutil
from pathlib import Path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--max-bytes", type=int, default=9_500_000)
    parser.add_argument("--tessera", type=Path,
                        help="output of `qr_corpus time CORPUS 1 tune.tsv`: take only images marked ok")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[2] / "tests/data/qr-pages")
    args = parser.parse_args()
    import zxingcpp
    from PIL import Image

    expected = {}
    for line in (args.corpus / "tune.tsv").read_text().splitlines():
        file, *payloads = line.split("\t")
        expected[file] = payloads
    meta = {}
    for line in (args.corpus / "meta.tsv").read_text().splitlines():
        fields = line.split("\t")
        meta[fields[0]] = fields
    tessera_ok = None
    if args.tessera:
        tessera_ok = {line.split("\t")[0] for line in args.tessera.read_text().splitlines()
                      if "\tok\t" in line}
    chosen, covered, total = [], set(), 0
    screen = None
    for file, payloads in expected.items():
        if not payloads:
            continue
        fields = meta[file]
        size = (args.corpus / file).stat().st_size
        kind, categories = fields[7], set(fields[2].split(","))
        pairs = {(kind, c) for c in categories} | {(kind, file.rsplit(".", 1)[1])}
        wants_screen = (screen is None and fields[3:5] == ["2560", "1440"] and file.endswith(".png")
                        and not categories & {"photo", "downscaled"})
        if not (pairs - covered or wants_screen) or total + size > args.max_bytes:
            continue
        if tessera_ok is not None and file not in tessera_ok:
            continue
        read = zxingcpp.read_barcodes(Image.open(args.corpus / file),
                                      formats=zxingcpp.BarcodeFormat.QRCode)
        if sorted(r.bytes.hex() for r in read if r.valid) != sorted(payloads):
            continue
        if wants_screen:
            screen = file
        chosen.append(file)
        covered |= pairs
        total += size
    if args.out.exists():
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True)
    for file in chosen:
        shutil.copy(args.corpus / file, args.out / file)
    (args.out / "expected.tsv").write_text(
        "".join("\t".join([f] + expected[f]) + "\n" for f in chosen))
    if screen:
        (args.out / "screen.tsv").write_text("\t".join([screen] + expected[screen]) + "\n")
    print(f"{len(chosen)} images, {total / 1e6:.1f} MB; screen page: {screen}")


if __name__ == "__main__":
    main()
