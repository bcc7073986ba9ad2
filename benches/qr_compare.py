#!/usr/bin/env python3
"""Compare Tessera's QR decoder with zxing-cpp and zbarimg on the same files, in one run.

    cargo build --release --no-default-features --example qr_corpus
    target/release/examples/qr_corpus dump /tmp/qr-corpus
    python3 benches/qr_compare.py /tmp/qr-corpus [REPEATS]
    python3 benches/qr_compare.py /work/qr-corpus [REPEATS] --lists heldout.tsv

With `--lists`, only the named lists of the folder are decoded (the pages of
`benches/qr_pages/generate.py`: `tune.tsv`, `heldout.tsv`), and when the folder
has a `meta.tsv` the results are also given per category.

Needs `zbarimg` (Debian: zbar-tools) and `pip install zxing-cpp pillow`.

The folder holds the generated corpus (`expected.tsv`) and the benchmark's
full-screen screenshots (`screens.tsv`: 1920x1080 and 3840x2160 with a small
code, and 3840x2160 with none). Every file is decoded REPEATS times (default 5)
by each decoder and the median kept. What each figure includes:

- "from bytes": the file's bytes already in memory -> payloads. Includes image
  decoding (Tessera: the `image` crate and its own grey conversion, inside
  `qr::decode_image_bytes`; zxing-cpp: Pillow's `Image.open` + `load`, then
  zxing-cpp's own conversion to grey). Both in-process.
- "from pixels": 8-bit grey pixels already in memory -> payloads. Excludes
  image decoding and colour conversion for both (Tessera: `qr::decode_luma`;
  zxing-cpp: `read_barcodes` on a Pillow "L" image).
- zbarimg: one process per file, process start-up and image loading included
  (as a person runs it); there is no in-process figure for it.
- success: exactly the expected payloads, from the "from bytes" run. A payload
  written `?HEX` in a list is optional: a code the screen's edge cuts off (the
  generator cannot tell whether error correction still reads it), so reading it
  and not reading it are both right; any other payload is a failure.
- peak memory: the decoding process's peak resident set (VmHWM / ru_maxrss),
  and its resident set before decoding anything (the interpreter or program
  alone); Tessera and zxing-cpp each run in a process of their own over all
  files, zbarimg's is the largest of its per-file processes.
"""
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESSERA = Path(os.environ.get("TESSERA_QR_CORPUS", ROOT / "target/release/examples/qr_corpus"))


class Want:
    """The payloads a file must give (`required`) and may give (`optional`)."""

    def __init__(self, fields):
        self.required = sorted({bytes.fromhex(p) for p in fields if not p.startswith("?")})
        self.optional = sorted({bytes.fromhex(p[1:]) for p in fields if p.startswith("?")})

    def ok(self, got):
        got = set(got)
        return set(self.required) <= got <= set(self.required) | set(self.optional)

    def ok_concatenated(self, stdout):
        """zbarimg -Sbinary writes payloads back to back, with no separator."""
        present = [p for p in self.optional if p in stdout]
        return all(p in stdout for p in self.required) and len(stdout) == sum(
            len(p) for p in self.required + present)


def load_list(folder, name):
    cases = []
    path = folder / name
    if not path.exists():
        return cases
    for line in path.read_text().splitlines():
        file, *payloads = line.split("\t")
        cases.append((file, Want(payloads)))
    return cases


def rss_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


def zxing_worker(folder, repeats, lists):
    """Runs in a child process: times zxing-cpp on every listed file, prints JSON."""
    import zxingcpp
    from PIL import Image

    before = rss_kib("VmRSS:")
    rows = {}
    for file, expected in [case for name in lists for case in load_list(folder, name)]:
        data = (folder / file).read_bytes()
        from_bytes, from_pixels, ok = [], [], True
        for _ in range(repeats):
            start = time.perf_counter()
            image = Image.open(io.BytesIO(data))
            image.load()
            results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            from_bytes.append(time.perf_counter() - start)
            got = sorted(set(r.bytes for r in results if r.valid))
            ok &= expected.ok(got)
        grey = Image.open(io.BytesIO(data))
        grey.load()
        grey = grey.convert("L")
        for _ in range(repeats):
            start = time.perf_counter()
            zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)
            from_pixels.append(time.perf_counter() - start)
        rows[file] = (ok, statistics.median(from_bytes) * 1e3, statistics.median(from_pixels) * 1e3)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rows": rows, "before": before, "peak": peak}))


def zxing(folder, repeats, lists):
    out = subprocess.run(
        [sys.executable, __file__, "--zxing-worker", str(folder), str(repeats), *lists],
        capture_output=True, check=True, text=True,
    )
    return json.loads(out.stdout)


def tessera(folder, repeats, lists):
    out = subprocess.run(
        [str(TESSERA), "time", str(folder), str(repeats), *lists], capture_output=True, check=True,
        text=True,
    )
    rows, before, peak = {}, 0, 0
    for line in out.stdout.splitlines():
        fields = line.split("\t")
        if fields[0] == "#rss_kib":
            if fields[1] == "before":
                before = int(fields[2])
            else:
                peak = int(fields[2])
            continue
        rows[fields[0]] = (fields[1] == "ok", float(fields[2]), float(fields[3]))
    return {"rows": rows, "before": before, "peak": peak}


def zbar(folder, cases, repeats):
    rows = {}
    for file, expected in cases:
        times, ok = [], True
        for _ in range(repeats):
            start = time.perf_counter()
            # --raw prints payloads; -Sbinary keeps bytes exact (no charset guessing).
            out = subprocess.run(
                ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary",
                 str(folder / file)],
                capture_output=True,
            )
            times.append(time.perf_counter() - start)
            # With -Sbinary, zbar writes the payloads back to back with no separator.
            stdout = out.stdout
            ok &= expected.ok_concatenated(stdout)
        rows[file] = (ok, statistics.median(times) * 1e3, None)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"rows": rows, "before": None, "peak": peak}


def p90(values):
    values = sorted(values)
    return values[max(int(len(values) * 0.9) - 1, 0)]


def fmt(ms):
    return "-" if ms is None else f"{ms:.1f}"


def main():
    if sys.argv[1:2] == ["--zxing-worker"]:
        zxing_worker(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
        return
    args = sys.argv[1:]
    lists = None
    if "--lists" in args:
        at = args.index("--lists")
        lists = args[at + 1].split(",")
        del args[at:at + 2]
    folder = Path(args[0] if args else "/tmp/qr-corpus")
    repeats = int(args[1]) if len(args) > 1 else 5
    if lists:
        corpus = [case for name in lists for case in load_list(folder, name)]
        screens = []
    else:
        lists = ["expected.tsv", "screens.tsv"]
        corpus = load_list(folder, "expected.tsv")
        screens = load_list(folder, "screens.tsv")
    # zbarimg first: its peak is the largest of this process's children so far, so no
    # other child may have run before it. It starts a process per decode: fewer repeats
    # keep the run short.
    zbar_runs = max(1, min(repeats, 3))
    zb = zbar(folder, corpus + screens, zbar_runs)
    results = {
        "Tessera": tessera(folder, repeats, lists),
        "zxing-cpp": zxing(folder, repeats, lists),
        "zbarimg": zb,
    }

    if screens:
        print_screens(screens, results, repeats, zbar_runs)
    print_corpus(folder, corpus, results)


def print_screens(screens, results, repeats, zbar_runs):
    zb = results["zbarimg"]
    print(f"Screenshots (median of {repeats} runs; zbarimg {zbar_runs}), ms:\n")
    print("| image | Tessera from bytes | zxing-cpp from bytes | Tessera from pixels "
          "| zxing-cpp from pixels | Tessera / zxing-cpp (pixels) | zbarimg (process) |")
    print("|---|---|---|---|---|---|---|")
    for file, _ in screens:
        t = results["Tessera"]["rows"][file]
        z = results["zxing-cpp"]["rows"][file]
        b = zb["rows"][file]
        marks = ["" if r[0] else " (miss)" for r in (t, z, b)]
        print(f"| {file} | {t[1]:.1f}{marks[0]} | {z[1]:.1f}{marks[1]} | {t[2]:.1f} | {z[2]:.1f} "
              f"| {t[2] / z[2]:.2f} | {b[1]:.1f}{marks[2]} |")



def print_corpus(folder, corpus, results):
    print(f"\nCorpus ({len(corpus)} images):\n")
    print("| decoder | exact payloads | median from bytes | p90 from bytes "
          "| median from pixels | p90 from pixels | peak RSS (before decoding) |")
    print("|---|---|---|---|---|---|---|")
    for name, result in results.items():
        rows = [result["rows"][file] for file, _ in corpus]
        ok = sum(1 for r in rows if r[0])
        by_bytes = [r[1] for r in rows]
        by_pixels = [r[2] for r in rows if r[2] is not None]
        before = "" if result["before"] is None else f" ({result['before'] / 1024:.0f} MB)"
        print(f"| {name} | {ok}/{len(rows)} ({100 * ok / len(rows):.0f} %) "
              f"| {statistics.median(by_bytes):.1f} | {p90(by_bytes):.1f} "
              f"| {fmt(statistics.median(by_pixels) if by_pixels else None)} "
              f"| {fmt(p90(by_pixels) if by_pixels else None)} "
              f"| {result['peak'] / 1024:.0f} MB{before} |")
    for name, result in results.items():
        missed = [file for file, _ in corpus if not result["rows"][file][0]]
        print(f"\n{name} missed: {', '.join(missed) or 'none'}")
    meta = folder / "meta.tsv"
    if not meta.exists():
        return
    categories = {}
    for line in meta.read_text().splitlines():
        fields = line.split("\t")
        categories[fields[0]] = ["all"] + [c for c in fields[2].split(",") if c]
    names = list(results)
    by_category = {}
    for file, _ in corpus:
        for category in categories.get(file, ["all"]):
            by_category.setdefault(category, []).append(file)
    print("\nPer category (exact payloads):\n")
    print("| category | images | " + " | ".join(names) + " | read by a reference, missed by Tessera |")
    print("|---|---|" + "---|" * len(names) + "---|")
    for category in sorted(by_category, key=lambda c: (c != "all", c)):
        files = by_category[category]
        counts = [sum(1 for f in files if results[n]["rows"][f][0]) for n in names]
        lost = sum(1 for f in files if not results["Tessera"]["rows"][f][0]
                   and any(results[n]["rows"][f][0] for n in names[1:]))
        print(f"| {category} | {len(files)} | " + " | ".join(map(str, counts)) + f" | {lost} |")
    lost = [f for f, _ in corpus if not results["Tessera"]["rows"][f][0]
            and any(results[n]["rows"][f][0] for n in names[1:])]
    print(f"\nRead by zxing-cpp or zbarimg, missed by Tessera: {', '.join(lost) or 'none'}")


if __name__ == "__main__":
    main()
