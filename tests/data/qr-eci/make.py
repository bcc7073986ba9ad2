#!/usr/bin/env python3
"""Makes the ECI and structured-append fixtures in this folder.

Each code is made by segno (an encoder independent of Tessera) and read back
by zxing-cpp, whose text is the expectation written to expected.json (the
payload bytes too, as hex). Run from this folder:

    python3 make.py

Made with segno 1.6.6 and zxing-cpp 3.1.1 (PyPI), Pillow for the PNG.
"""
import json

import segno
import zxingcpp
from PIL import Image

# (file stem, text, segno.make keyword arguments). micro=False: segno would
# otherwise pick a Micro QR code, which has no ECI.
CODES = [
    ("eci-iso-8859-5", "Привет, мир", dict(encoding="iso-8859-5", eci=True)),
    ("eci-utf-8", "Grüße ✓ 日本", dict(encoding="utf-8", eci=True)),
    ("eci-shift-jis", "日本語のテキスト", dict(encoding="shift_jis", eci=True)),
    ("eci-utf-16be", "Ωμέγα", dict(encoding="utf-16-be", eci=True)),
    ("eci-iso-8859-7", "Ωμέγα", dict(encoding="iso-8859-7", eci=True)),
    ("eci-cp1251", "Здравствуй", dict(encoding="cp1251", eci=True)),
    ("eci-iso-8859-2", "Zażółć gęślą jaźń", dict(encoding="iso-8859-2", eci=True)),
    ("eci-mixed-segments", "Цена 1234567890 руб", dict(encoding="iso-8859-5", eci=True)),
    (
        "eci-version-13",
        "Съешь же ещё этих мягких французских булок, да выпей чаю. " * 5,
        dict(encoding="iso-8859-5", eci=True, error="m"),
    ),
    # The same bytes without a designator: read as ZXing guesses (ISO 8859-1).
    ("no-eci-iso-8859-5", "Привет, мир", dict(encoding="iso-8859-5")),
]

SEQUENCE = "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example"


def expectation(stem, code):
    code.save(f"{stem}.png", scale=3, border=4)
    found = zxingcpp.read_barcodes(Image.open(f"{stem}.png"))
    assert len(found) == 1, (stem, found)
    return {"file": f"{stem}.png", "text": found[0].text, "bytes": found[0].bytes.hex()}


def main():
    expected = [expectation(stem, segno.make(text, micro=False, **kw)) for stem, text, kw in CODES]
    for i, code in enumerate(segno.make_sequence(SEQUENCE, symbol_count=2)):
        expected.append(expectation(f"structured-append-{i + 1}-of-2", code))
    with open("expected.json", "w", encoding="utf-8") as out:
        json.dump(expected, out, ensure_ascii=False, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
