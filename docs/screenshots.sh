#!/usr/bin/env bash
# Regenerates docs/screenshots/: every screen (first-run, unlock, codes,
# codes-empty, add, details, settings) in the light, dark and high-contrast
# looks, English and pt-BR, at 100 % and 150 % text size, named
# {screen}-{look}-{lang}-{size}.png (e.g. codes-dark-pt-BR-150.png), rendered
# headlessly by examples/screenshots.rs (iced_test simulator, tiny-skia; no
# display needed, pinned clock, sample accounts in a throw-away vault).
# Long screens (settings, details, add at 150 %) are shot whole: in a window
# 560 px wide and as much taller than 720 px as the screen needs, so every
# control shows in some screenshot; the code list is shot as the 560 x 720
# window shows it (it scrolls by design).
# before-codes-light-en.png (the list before the design pass) and
# backup-sheet.png are not touched.
#
# Then the files are shrunk: losslessly with oxipng when it is installed,
# otherwise to a 256-colour palette with Python's Pillow (flat UI colours and
# anti-aliased text survive it; about a third of the size).
#
#   PROFILE=dev bash docs/screenshots.sh     (reuse a debug build; default release)
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/screenshots
screens="first-run unlock codes codes-empty add details settings"
for screen in $screens; do
    rm -f "$out/$screen"-light-*.png "$out/$screen"-dark-*.png "$out/$screen"-high-contrast-*.png
done
cargo run --locked --profile "${PROFILE:-release}" --example screenshots -- "$out"

shots=()
for screen in $screens; do
    for look in light dark high-contrast; do
        for lang in en pt-BR; do
            for size in 100 150; do
                shots+=("$out/$screen-$look-$lang-$size.png")
            done
        done
    done
done
if command -v oxipng >/dev/null; then
    oxipng --quiet -o 4 --strip safe "${shots[@]}"
elif python3 -c 'import PIL' 2>/dev/null; then
    python3 - "${shots[@]}" <<'PY'
import sys
from PIL import Image
for path in sys.argv[1:]:
    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True)
PY
else
    echo "neither oxipng nor Pillow: the screenshots are left as rendered" >&2
fi
du -ch "${shots[@]}" | tail -1
