#!/usr/bin/python3
"""Keystroke-to-frame latency of a real window, measured from outside the app.

    gui_keystroke.py WINDOW_ID TEXT [--region X,Y,W,H] [--rounds N]

For each character of TEXT (then as many BackSpaces), the X server is told
through XTEST that the key went down and up, and the window's pixels in REGION
are read back with GetImage in a tight loop until they differ from before the
key. The time from the fake key press to the first changed read is the
keystroke-to-frame latency: the event's trip to the app, its update, view,
layout, drawing and presenting, and the server taking the new pixels. The read
loop polls every ~0.2 ms, so that is the resolution.

REGION should hold something every keystroke changes and nothing else changes
(the search field: the once-a-second countdown must not be in it). A key that
changes nothing in REGION within 2 s counts as a failure and is reported.

Prints one line per key (with -v) and a summary: median, p90 and worst in ms.
Needs python3-xlib (Debian) and an X server with XTEST (Xvfb has it).
"""

import argparse
import statistics
import sys
import time

from Xlib import X, XK, display
from Xlib.ext import xtest

TIMEOUT = 2.0
SETTLE = 0.25


def grab(win, region):
    x, y, w, h = region
    return win.get_image(x, y, w, h, X.ZPixmap, 0xFFFFFFFF).data


def keycode(d, char):
    name = {" ": "space", "BackSpace": "BackSpace"}.get(char, char)
    sym = XK.string_to_keysym(name)
    if sym == 0:
        sym = ord(char)
    code = d.keysym_to_keycode(sym)
    if code == 0:
        raise SystemExit(f"no key for {char!r} on this keyboard map")
    return code


def press(d, win, region, code):
    before = grab(win, region)
    t0 = time.perf_counter()
    xtest.fake_input(d, X.KeyPress, code)
    xtest.fake_input(d, X.KeyRelease, code)
    d.sync()
    while True:
        now = time.perf_counter()
        if grab(win, region) != before:
            return (now - t0) * 1000.0
        if now - t0 > TIMEOUT:
            return None
        time.sleep(0.0002)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("window", type=lambda s: int(s, 0))
    ap.add_argument("text")
    ap.add_argument("--region", help="default: Tessera's search field, 16,58,WIDTH-32,40")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    d = display.Display()
    if not d.has_extension("XTEST"):
        raise SystemExit("the X server has no XTEST extension")
    win = d.create_resource_object("window", args.window)
    if args.region:
        region = tuple(int(v) for v in args.region.split(","))
    else:
        region = (16, 58, win.get_geometry().width - 32, 40)
    win.set_input_focus(X.RevertToParent, X.CurrentTime)
    d.sync()
    time.sleep(SETTLE)

    keys = [(c, keycode(d, c)) for c in args.text]
    back = keycode(d, "BackSpace")
    times, failed = [], 0
    for _ in range(args.rounds):
        for label, code in keys + [("BackSpace", back)] * len(keys):
            ms = press(d, win, region, code)
            if ms is None:
                failed += 1
                print(f"{label!r}: no change in {TIMEOUT} s", file=sys.stderr)
            else:
                times.append(ms)
                if args.v:
                    print(f"{label!r}: {ms:.1f} ms")
            # Let the frame finish and any follow-up redraw happen before the next key.
            time.sleep(SETTLE)
    if not times:
        raise SystemExit("no keystroke changed the region; wrong window or region?")
    times.sort()
    p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
    print(
        f"keys={len(times)} failed={failed} median={statistics.median(times):.1f} "
        f"p90={p90:.1f} worst={times[-1]:.1f}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
