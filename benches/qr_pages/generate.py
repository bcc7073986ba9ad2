#!/usr/bin/env python3
"""Realistic two-factor setup pages with QR codes, rendered by headless Chromium.

    python3 benches/qr_pages/generate.py OUT [--count N] [--only LIST]
                                             [--seed-prefix P] [--weight CAT=W,...]

Writes OUT/<name>.<ext> for every page, and three lists beside them:

- `tune.tsv` and `heldout.tsv`: one line per image, the file name, then each
  expected payload as lowercase hex, tab-separated (the format of
  `examples/qr_corpus.rs time` and `benches/qr_compare.py`);
- `meta.tsv`: name, split, categories (comma-separated), width, height, module
  size in device pixels, QR versions.

Every parameter of image *i* comes from `random.Random("tessera-qr-page-<i>")`, so
the same command writes the same pages (byte-identical for a given Chromium,
fonts and Pillow). Images with `i % 3 == 2` are the **held-out** part: no tuning
decision may look at them; measure them, report them, never fix one by one.

A second, independent set comes from other seeds and other odds:
`--seed-prefix tessera-qr-page2-` draws image *i* from
`random.Random("tessera-qr-page2-<i>")`, and `--weight two-codes=3,logo=3` makes
some categories more likely (keys and what a weight multiplies: see `WEIGHTS`).
Without either option the pages are exactly those of the default seeds (every
random draw is the same call with the same arguments). Each set keeps its own
held-out part (`i % 3 == 2`).

Codes come from `segno` (an encoder independent of Tessera); pages are HTML
rendered by Debian's `chromium` in one long-lived headless process driven over
`--remote-debugging-pipe` (the Chrome DevTools Protocol: the viewport, device
scale factor and screenshot are those of `--window-size` /
`--force-device-scale-factor` / `--screenshot`, without a process per page).
Pillow and numpy re-encode (JPEG, WebP), downscale by non-integer factors and
turn some pages into simulated phone photos (perspective, rotation, blur,
moiré, noise, uneven light).

Needs: `apt-get install chromium fonts-dejavu-core`, `pip install segno pillow numpy`.
"""
import argparse
import base64
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import segno
from PIL import Image, ImageFilter

HELD_OUT_EVERY = 3  # image i is held out when i % 3 == 2
DEFAULT_COUNT = 660
DEFAULT_SEED_PREFIX = "tessera-qr-page-"

# What each `--weight` key multiplies (all 1 by default, which draws the default pages):
# - two-codes, modal, export: the odds of that page layout (`kind`);
# - logo: the chance that a code has a logo over its centre (0.12 each);
# - small-modules: the odds of drawing 1.5-2.5 px modules (one of five ranges);
# - photo, downscaled: the chance of a simulated phone photo (0.12) and of a
#   non-integer downscale (0.18, pages with modules of 2.6 px or more);
# - jpeg, webp: the odds of that format against PNG;
# - low-quality: the odds that a JPEG or WebP is saved at q35-60 against q50-90;
# - dark: the chance of a dark theme (0.3);
# - low-contrast: the odds of a low-contrast code (grey on light grey) against
#   the other styles (plain, brand colour, inverted).
WEIGHTS = {k: 1.0 for k in ["two-codes", "modal", "export", "logo", "small-modules", "photo",
                            "downscaled", "jpeg", "webp", "low-quality", "dark", "low-contrast"]}


def weighted(key):
    """Whether `--weight` changed `key`: the default draws must stay the same calls."""
    return WEIGHTS[key] != 1.0

ISSUERS = ["GitHub", "Acme Cloud", "Northwind", "Contoso", "Globex", "Initech", "Umbrella",
           "Stark Industries", "Hooli", "Pied Piper", "Vandelay", "Wayne Enterprises",
           "Tyrell", "Soylent", "Massive Dynamic", "Aperture", "Cyberdyne", "Oceanic"]
NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
         "mallory", "oscar", "peggy", "trent", "victor", "walter"]
DOMAINS = ["example.com", "mail.test", "corp.example", "acme.dev"]
BRANDS = ["#1a73e8", "#5b21b6", "#0f766e", "#b91c1c", "#c2410c", "#0e7490", "#334155",
          "#166534", "#9d174d", "#1e3a8a"]
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


# --- payloads ---------------------------------------------------------------

def b32_secret(rng, nbytes):
    raw = bytes(rng.randrange(256) for _ in range(nbytes))
    return base64.b32encode(raw).decode().rstrip("="), raw


def account(rng):
    return f"{rng.choice(NAMES)}{rng.randrange(100) if rng.random() < 0.4 else ''}@{rng.choice(DOMAINS)}"


def otpauth_uri(rng, issuer):
    secret, _ = b32_secret(rng, rng.choice([10, 16, 20, 32]))
    acct = account(rng)
    label = f"{issuer.replace(' ', '%20')}:{acct.replace('@', '%40')}"
    uri = f"otpauth://totp/{label}?secret={secret}&issuer={issuer.replace(' ', '%20')}"
    if rng.random() < 0.3:
        uri += f"&algorithm={rng.choice(['SHA1', 'SHA256', 'SHA512'])}"
    if rng.random() < 0.3:
        uri += f"&digits={rng.choice([6, 8])}&period={rng.choice([30, 60])}"
    return uri


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(num, value):
    if isinstance(value, int):
        return varint(num << 3) + varint(value)
    return varint(num << 3 | 2) + varint(len(value)) + value


def migration_uri(rng, count, batch=(0, 1)):
    """Google Authenticator's `otpauth-migration://offline?data=` with `count` accounts."""
    body = b""
    for _ in range(count):
        _, raw = b32_secret(rng, rng.choice([10, 20]))
        issuer = rng.choice(ISSUERS)
        params = (field(1, raw) + field(2, f"{issuer}:{account(rng)}".encode())
                  + field(3, issuer.encode()) + field(4, 1) + field(5, 1) + field(6, 2))
        body += field(1, params)
    body += field(2, 1) + field(3, batch[1]) + field(4, batch[0]) + field(5, rng.randrange(1, 2**31))
    data = base64.b64encode(body).decode()
    return "otpauth-migration://offline?data=" + data.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")


# --- codes ------------------------------------------------------------------

def make_code(rng, payload, error=None, version_max=25):
    error = error or rng.choice(["L", "M", "M", "Q", "H"])
    qr = segno.make(payload, error=error, micro=False, boost_error=False)
    low = max(qr.version, 3)
    if low < version_max and rng.random() < 0.5:
        version = rng.randint(low, min(version_max, low + 4))
        qr = segno.make(payload, error=error, version=version, micro=False, boost_error=False)
    elif qr.version < 3:
        qr = segno.make(payload, error=error, version=3, micro=False, boost_error=False)
    return qr


def code_html(rng, qr, module_css, dark, light, quiet, logo=None, as_kind=None):
    """An <img>/<svg>/<canvas-like> element drawing `qr` at `module_css` CSS px a module."""
    side_modules = qr.symbol_size(border=quiet)[0]
    side = side_modules * module_css
    kind = as_kind or rng.choice(["svg", "png-smooth", "png-pixelated", "png-big"])
    if kind == "svg":
        svg = qr.svg_inline(scale=1, border=quiet, dark=dark, light=light, omitsize=True)
        crisp = ' style="shape-rendering:crispEdges"' if rng.random() < 0.5 else ""
        inner = svg.replace("<svg ", f"<svg width=\"{side:.3f}\" height=\"{side:.3f}\"{crisp} ", 1)
    else:
        scale = 1 if kind != "png-big" else rng.randint(4, 10)
        uri = qr.png_data_uri(scale=scale, border=quiet, dark=dark, light=light)
        rendering = "pixelated" if kind == "png-pixelated" else "auto"
        inner = (f'<img alt="QR code" src="{uri}" style="width:{side:.3f}px;height:{side:.3f}px;'
                 f'image-rendering:{rendering};display:block">')
    if logo:
        size = side * logo
        inner += (f'<div style="position:absolute;left:{(side - size) / 2:.2f}px;top:{(side - size) / 2:.2f}px;'
                  f'width:{size:.2f}px;height:{size:.2f}px;border-radius:{size * 0.2:.1f}px;'
                  f'background:{rng.choice(BRANDS)};border:{max(side * 0.01, 1):.1f}px solid white;'
                  f'color:white;font:700 {size * 0.5:.0f}px sans-serif;display:flex;align-items:center;'
                  f'justify-content:center">{rng.choice("AGNSTKZ")}</div>')
    return (f'<div class="qr" style="position:relative;width:{side:.3f}px;height:{side:.3f}px;'
            f'flex:none">{inner}</div>'), kind


# --- pages ------------------------------------------------------------------

CSS = """
* { box-sizing: border-box; }
body { margin: 0; font-family: 'DejaVu Sans', sans-serif; background: var(--bg); color: var(--fg); font-size: 14px; }
.app { display: flex; min-height: 100vh; }
.side { width: 230px; background: var(--side); padding: 18px 14px; flex: none; }
.side .logo { font-weight: 700; font-size: 18px; margin-bottom: 22px; display: flex; gap: 8px; align-items: center; }
.side a { display: flex; gap: 10px; align-items: center; padding: 8px 10px; border-radius: 6px; color: var(--muted); text-decoration: none; }
.side a.on { background: var(--sel); color: var(--fg); }
.ico { width: 16px; height: 16px; border: 2px solid currentColor; border-radius: 3px; padding: 2px; flex: none; }
.ico i { display: block; width: 100%; height: 100%; background: currentColor; }
.main { flex: 1; padding: 22px 34px; min-width: 0; }
.top { display: flex; justify-content: space-between; align-items: center; margin-bottom: 18px; }
.crumbs { color: var(--muted); }
.avatar { width: 34px; height: 34px; border-radius: 50%; background: var(--brand); color: #fff; display: flex; align-items: center; justify-content: center; font-weight: 700; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 22px 26px; margin-bottom: 18px; }
h1 { font-size: 24px; margin: 0 0 6px; } h2 { font-size: 17px; margin: 0 0 10px; }
.steps { display: flex; gap: 26px; align-items: flex-start; flex-wrap: wrap; }
.step { display: flex; gap: 10px; margin: 8px 0; }
.num { width: 24px; height: 24px; border-radius: 50%; background: var(--brand); color: #fff; display: flex; align-items: center; justify-content: center; font-size: 12px; flex: none; }
.codebox { border: 1px solid var(--line); border-radius: 8px; padding: var(--pad); background: var(--codebg); display: inline-block; }
.key { font-family: 'DejaVu Sans Mono', monospace; background: var(--sel); padding: 6px 10px; border-radius: 6px; letter-spacing: 1px; display: inline-block; margin-top: 10px; word-break: break-all; }
input[type=text] { border: 1px solid var(--line); border-radius: 6px; padding: 8px; width: 160px; background: var(--card); color: var(--fg); }
button { background: var(--brand); color: #fff; border: 0; border-radius: 6px; padding: 9px 16px; margin: 10px 6px 0 0; font: inherit; }
button.ghost { background: transparent; color: var(--fg); border: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--line); }
.chk { width: 14px; height: 14px; border: 2px solid var(--fg); padding: 2px; display: inline-block; vertical-align: middle; }
.chk.on i { display: block; width: 100%; height: 100%; background: var(--fg); }
.badge { border-radius: 10px; padding: 2px 8px; background: var(--sel); font-size: 12px; }
.overlay { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; overflow: auto; }
.modal { background: var(--card); border-radius: 12px; padding: 26px 30px; max-width: 720px; margin: auto; box-shadow: 0 12px 40px rgba(0,0,0,.35); }
.muted { color: var(--muted); }
.grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
.tile { height: 70px; border-radius: 8px; background: var(--sel); padding: 10px; }
"""

THEMES = {
    "light": dict(bg="#f5f6f8", fg="#1f2328", side="#ffffff", sel="#eef1f5", card="#ffffff",
                  line="#d8dee4", muted="#656d76", codebg="#ffffff"),
    "dark": dict(bg="#0d1117", fg="#e6edf3", side="#161b22", sel="#21262d", card="#161b22",
                 line="#30363d", muted="#8d96a0", codebg="#ffffff"),
}


def nav(rng):
    items = ["Dashboard", "Projects", "Billing", "Team", "Security", "API keys", "Integrations",
             "Notifications", "Audit log", "Settings"]
    links = "".join(f'<a class="{"on" if i == "Security" else ""}"><span class="ico"><i></i></span>{i}</a>'
                    for i in items[:rng.randint(5, 10)])
    return f'<nav class="side"><div class="logo"><span class="ico"><i></i></span>{rng.choice(ISSUERS)}</div>{links}</nav>'


def table(rng, rows):
    body = "".join(
        f'<tr><td><span class="chk {"on" if rng.random() < 0.5 else ""}"><i></i></span></td>'
        f'<td>{rng.choice(NAMES).title()}</td><td>{account(rng)}</td>'
        f'<td><span class="badge">{rng.choice(["Admin", "Member", "Owner", "Viewer"])}</span></td>'
        f'<td class="muted">{rng.randint(1, 28)} Nov 2026</td></tr>' for _ in range(rows))
    return (f'<div class="card"><h2>Sessions and devices</h2><table><tr><th></th><th>Name</th>'
            f'<th>Email</th><th>Role</th><th>Last seen</th></tr>{body}</table></div>')


def setup_card(rng, code, secret_text, issuer):
    steps = (
        f'<div class="step"><span class="num">1</span><div>Install an authenticator app such as '
        f'Google Authenticator, Aegis or 1Password.</div></div>'
        f'<div class="step"><span class="num">2</span><div>Scan this QR code with the app.</div></div>'
        f'<div class="step"><span class="num">3</span><div>Enter the 6-digit code the app shows.<br>'
        f'<input type="text" placeholder="123 456"></div></div>')
    key = f'<div class="muted" style="margin-top:12px">Can\'t scan it? Enter this setup key:</div><span class="key">{secret_text}</span>'
    return (f'<div class="card"><h1>Set up two-factor authentication</h1>'
            f'<p class="muted">Protect your {issuer} account with a second step at sign-in.</p>'
            f'<div class="steps"><div style="max-width:360px">{steps}<button>Verify and enable</button>'
            f'<button class="ghost">Cancel</button></div>'
            f'<div><div class="codebox">{code}</div><br>{key}</div></div></div>')


def phone_export_page(rng, code, index, total, theme):
    bg, fg = ("#202124", "#e8eaed") if theme == "dark" else ("#ffffff", "#202124")
    return (f'<div style="background:{bg};color:{fg};min-height:100%;height:100%;padding:20px;font-family:\'DejaVu Sans\',sans-serif">'
            f'<div style="font-size:20px;margin:8px 0 26px">&#8592;&nbsp;&nbsp;Transfer accounts</div>'
            f'<div style="font-size:22px;text-align:center;margin-bottom:10px">Scan this QR code</div>'
            f'<div style="text-align:center;font-size:14px;opacity:.8;margin-bottom:24px">To transfer your accounts, '
            f'download Google Authenticator on your new device and scan this QR code</div>'
            f'<div style="display:flex;justify-content:center"><div style="background:#fff;padding:14px;border-radius:8px">{code}</div></div>'
            f'<div style="text-align:center;margin-top:20px">QR code {index} of {total}</div>'
            f'<div style="text-align:right;margin-top:24px"><span style="background:#8ab4f8;color:#202124;'
            f'padding:10px 24px;border-radius:20px">Next</span></div></div>')


SCREENS = [(1280, 800), (1366, 768), (1440, 900), (1600, 900), (1920, 1080), (1920, 1200),
           (2560, 1440), (2880, 1800), (3840, 2160)]


def page(rng):
    """Draws one page: returns (html, css viewport, dsf, mobile, payloads, meta)."""
    cats = set()
    theme = "dark" if rng.random() < min(1.0, 0.3 * WEIGHTS["dark"]) else "light"
    cats.add(theme)
    kind = rng.choices(["setup", "modal", "two", "export-desktop", "export-phone"],
                       weights=[46, 18 * WEIGHTS["modal"], 12 * WEIGHTS["two-codes"],
                                12 * WEIGHTS["export"], 12 * WEIGHTS["export"]])[0]
    if kind == "export-phone":
        screen, dsf, mobile = rng.choice([((1080, 2400), 2.625), ((1080, 2340), 2.75), ((1440, 3120), 3.5),
                                          ((720, 1600), 2.0)]) + (True,)
    else:
        screen = rng.choice(SCREENS)
        dsf = rng.choice([1, 1, 1.25, 1.5, 2]) if screen[0] >= 1920 else rng.choice([1, 1, 1.25])
        mobile = False
    css_w, css_h = round(screen[0] / dsf), round(screen[1] / dsf)
    if screen[0] >= 3840:
        cats.add("4k")
    # Module size in device pixels: mostly 2-5, from 1.5 to 8.
    ranges = [rng.uniform(1.5, 2.5), rng.uniform(2.5, 4), rng.uniform(2.5, 4),
              rng.uniform(4, 6), rng.uniform(6, 8)]
    if weighted("small-modules"):
        module_px = round(rng.choices(ranges, weights=[WEIGHTS["small-modules"], 1, 1, 1, 1])[0], 2)
    else:
        module_px = round(rng.choice(ranges), 2)
    issuer = rng.choice(ISSUERS)
    payloads, codes, versions = [], [], []
    # The module size each code is really drawn at (device pixels): `module_px`,
    # unless the room the code has makes it smaller (dense exports on a phone).
    drawn = []

    def code(payload, **kw):
        logo = None
        qr_error = None
        if kw.pop("logo_ok", True) and rng.random() < min(1.0, 0.12 * WEIGHTS["logo"]):
            logo = rng.uniform(0.15, 0.25)
            qr_error = "H"
            cats.add("logo")
        qr = make_code(rng, payload, error=qr_error, version_max=kw.pop("version_max", 25))
        # Dense codes get smaller modules only so far: the page (or the phone on it)
        # must still hold them.
        modules = qr.symbol_size(border=4)[0]
        room = kw.pop("room", min(css_h, css_w) * 0.8)
        mp = min(module_px, room * dsf / modules)
        dark, light = "#000000", "#ffffff"
        style = kw.pop("style", None) or rng.choices(
            ["plain", "brand", "low", "inverted"], weights=[64, 16, 10 * WEIGHTS["low-contrast"], 10])[0]
        if style == "brand":
            dark = rng.choice(BRANDS)
            cats.add("brand")
        elif style == "low":
            dark, light = rng.choice([("#555555", "#e5e5e5"), ("#4a5568", "#edf2f7"), ("#666666", "#f0f0f0")])
            cats.add("low-contrast")
        elif style == "inverted":
            dark, light = rng.choice([("#e6edf3", "#0d1117"), ("#ffffff", "#1f2937"), ("#f8fafc", "#0f172a")])
            cats.add("inverted")
        quiet = rng.choice([4, 4, 2, 1]) if style != "inverted" else 4
        html, _ = code_html(rng, qr, mp / dsf, dark, light, quiet, logo)
        versions.append(qr.version)
        payloads.append(payload)
        drawn.append(mp)
        return html, mp

    if kind in ("export-phone", "export-desktop"):
        cats.add("export")
        n = rng.choice([1, 3, 5, 8, 10])
        total = rng.choice([1, 1, 2])
        payload = migration_uri(rng, n, (0, total))
        room = css_w * 0.3 - 90 if kind == "export-desktop" else css_w - 80
        html_code, mp = code(payload, logo_ok=False, style="plain", room=min(room, css_h * 0.8))
        if kind == "export-phone":
            cats.add("phone-screen")
            body = phone_export_page(rng, html_code, 1, total, theme)
        else:
            inner = phone_export_page(rng, html_code, 1, total, theme)
            body = (f'<div class="app">{nav(rng)}<main class="main"><div class="top"><div class="crumbs">'
                    f'Settings / Devices / Transfer</div><div class="avatar">{rng.choice(NAMES)[0].upper()}</div></div>'
                    f'<div class="card" style="display:flex;gap:30px"><div style="width:{css_w * 0.3:.0f}px;'
                    f'height:{css_h * 0.72:.0f}px;position:relative;border:8px solid #111;border-radius:24px;overflow:hidden">{inner}</div>'
                    f'<div><h2>Moving your accounts</h2><p class="muted">Open the export on your phone, then '
                    f'scan it here.</p></div></div>{table(rng, rng.randint(2, 6))}</main></div>')
    else:
        secret_text = " ".join("".join(rng.choice(B32) for _ in range(4)) for _ in range(8))
        payload = otpauth_uri(rng, issuer)
        html_code, mp = code(payload)
        card = setup_card(rng, html_code, secret_text, issuer)
        if kind == "two":
            cats.add("two-codes")
            other = rng.choice([otpauth_uri(rng, rng.choice(ISSUERS)),
                                f"https://{rng.choice(DOMAINS)}/app/download?ref={rng.randrange(10**6)}"])
            html2, _ = code(other)
            card += (f'<div class="card"><h2>Second factor for your recovery account</h2>'
                     f'<div style="display:flex;gap:20px;align-items:center"><div class="codebox">{html2}</div>'
                     f'<p class="muted">Scan this one too, or use the app link.</p></div></div>')
        main = (f'<main class="main"><div class="top"><div class="crumbs">Account / Security / Two-factor'
                f'</div><div style="display:flex;gap:10px;align-items:center"><span class="ico"><i></i></span>'
                f'<div class="avatar">{rng.choice(NAMES)[0].upper()}</div></div></div>')
        tiles = '<div class="grid">' + "".join(
            f'<div class="tile"><span class="ico"><i></i></span> {rng.choice(["Usage", "Alerts", "Keys", "Logs"])}</div>'
            for _ in range(4)) + "</div><br>"
        if kind == "modal":
            cats.add("modal")
            body = (f'<div class="app">{nav(rng)}{main}{tiles}{table(rng, rng.randint(4, 10))}</main></div>'
                    f'<div class="overlay"><div class="modal">{card}</div></div>')
        else:
            before = table(rng, rng.randint(1, 4)) if rng.random() < 0.4 else tiles
            body = f'<div class="app">{nav(rng)}{main}{before}{card}{table(rng, rng.randint(2, 8))}</main></div>'
    vars_ = dict(THEMES[theme])
    vars_["brand"] = rng.choice(BRANDS)
    vars_["pad"] = f"{rng.choice([8, 12, 16, 24])}px"
    if theme == "dark" and rng.random() < 0.5:
        vars_["codebg"] = vars_["card"]
    root = ";".join(f"--{k}:{v}" for k, v in vars_.items())
    html = (f'<!doctype html><html><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>:root{{{root}}}{CSS}</style></head>'
            f'<body>{body}</body></html>')
    # `module_px` (the size asked for) still drives `finish`'s choices, so the
    # images stay those of the fixed seeds; the size reported and the category are
    # the smallest code's real one (until 2026-11-30 the size asked for was
    # reported, and a phone's export code drawn at 1.8 px counted as 7.8 px).
    real_px = round(min(drawn), 2)
    if real_px < 2.5:
        cats.add("small-modules")
    meta = dict(kind=kind, screen=screen, dsf=dsf, module_px=module_px, real_px=real_px,
                versions=versions)
    return html, (css_w, css_h), dsf, mobile, payloads, cats, meta


# --- after the screenshot ---------------------------------------------------

def photo(rng, img, rects):
    """A simulated phone photo of the screen around the code(s)."""
    a = np.asarray(img.convert("RGB"), dtype=np.float32)
    h, w = a.shape[:2]
    x0 = min(r[0] for r in rects); y0 = min(r[1] for r in rects)
    x1 = max(r[0] + r[2] for r in rects); y1 = max(r[1] + r[3] for r in rects)
    side = max(x1 - x0, y1 - y0)
    grow = side * rng.uniform(0.3, 1.2)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half = side / 2 + grow
    box = (max(0, cx - half), max(0, cy - half), min(w, cx + half), min(h, cy + half))
    crop = img.convert("RGB").crop(tuple(int(v) for v in box))
    # Moiré: the camera's pixel grid beating against the screen's.
    cw, ch = crop.size
    arr = np.asarray(crop, dtype=np.float32)
    yy, xx = np.mgrid[0:ch, 0:cw]
    f = rng.uniform(0.6, 1.4)
    angle = rng.uniform(0, math.pi)
    moire = 1 + rng.uniform(0.03, 0.10) * np.sin(f * (xx * math.cos(angle) + yy * math.sin(angle)))
    arr = arr * moire[..., None]
    crop = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    # Perspective and rotation onto the camera's frame.
    out_w, out_h = rng.choice([(1600, 1200), (2016, 1512), (1280, 960), (1200, 1600)])
    scale = min(out_w, out_h) / max(cw, ch) * rng.uniform(0.55, 0.85)
    rot = math.radians(rng.uniform(-180, 180) if rng.random() < 0.3 else rng.uniform(-25, 25))
    corners = []
    for px, py in [(0, 0), (cw, 0), (cw, ch), (0, ch)]:
        dx, dy = (px - cw / 2) * scale, (py - ch / 2) * scale
        rx = dx * math.cos(rot) - dy * math.sin(rot)
        ry = dx * math.sin(rot) + dy * math.cos(rot)
        jitter = scale * max(cw, ch) * rng.uniform(0.0, 0.08)
        corners.append((out_w / 2 + rx + rng.uniform(-jitter, jitter), out_h / 2 + ry + rng.uniform(-jitter, jitter)))
    coeffs = perspective_coeffs(corners, [(0, 0), (cw, 0), (cw, ch), (0, ch)])
    background = tuple(rng.randint(20, 90) for _ in range(3))
    warped = crop.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC,
                            fillcolor=background)
    warped = warped.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.6)))
    arr = np.asarray(warped, dtype=np.float32)
    yy, xx = np.mgrid[0:out_h, 0:out_w]
    light = 1 + rng.uniform(-0.25, 0.1) * ((xx - out_w * rng.random()) ** 2 + (yy - out_h * rng.random()) ** 2) / (out_w ** 2)
    nprng = np.random.default_rng(rng.randrange(2**32))
    arr = arr * light[..., None] * rng.uniform(0.75, 1.0) + nprng.normal(0, rng.uniform(2, 9), arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def perspective_coeffs(dst, src):
    """Pillow's PERSPECTIVE coefficients mapping output points `dst` to input points `src`."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y]); rhs.append(v)
    return np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64)).tolist()


def finish(rng, png, rects, cats, module_px):
    """Re-encodes, downscales or photographs a screenshot; returns (bytes, ext, module px)."""
    img = Image.open(io.BytesIO(png))
    img.load()
    img = img.convert("RGB")
    roll = rng.random()
    if weighted("photo") or weighted("downscaled"):
        photo_below = min(1.0, 0.12 * WEIGHTS["photo"])
        downscale_below = min(1.0, photo_below + 0.18 * WEIGHTS["downscaled"])
    else:
        photo_below, downscale_below = 0.12, 0.30
    if roll < photo_below and rects:
        cats.add("photo")
        img = photo(rng, img, rects)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=rng.randint(70, 92))
        return buf.getvalue(), "jpg", module_px
    if roll < downscale_below and module_px >= 2.6:
        lowest = max(0.5, 1.7 / module_px)
        factor = rng.uniform(lowest, 0.92)
        cats.add("downscaled")
        size = (max(1, round(img.width * factor)), max(1, round(img.height * factor)))
        img = img.resize(size, rng.choice([Image.Resampling.BILINEAR, Image.Resampling.LANCZOS,
                                           Image.Resampling.BICUBIC, Image.Resampling.BOX]))
        module_px = round(module_px * factor, 2)
        if module_px < 2.5:
            cats.add("small-modules")
    fmt = rng.choices(["png", "jpg", "webp"], weights=[55, 28 * WEIGHTS["jpeg"], 17 * WEIGHTS["webp"]])[0]
    buf = io.BytesIO()
    if fmt == "png":
        img.save(buf, "PNG", optimize=False, compress_level=6)
    else:
        low = WEIGHTS["low-quality"]
        if weighted("low-quality") and rng.random() < low / (low + 1):
            quality = rng.randint(35, 60)
        else:
            quality = rng.randint(50, 90)
        if quality < 50:
            cats.add("low-quality")
        cats.add("jpeg" if fmt == "jpg" else "webp")
        img.save(buf, "JPEG" if fmt == "jpg" else "WEBP", quality=quality)
    return buf.getvalue(), fmt, module_px


# --- Chromium over --remote-debugging-pipe --------------------------------------

class Chromium:
    """One headless Chromium, driven with the DevTools protocol over fds 3 and 4."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="tessera-qr-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():
            # Copies above 4 first: the pipes themselves may be fds 3 and 4.
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            sys.exit("chromium is not installed (Debian: apt-get install chromium)")
        self.proc = subprocess.Popen(
            [binary, "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--hide-scrollbars", "--window-size=3840,2160",
             "--font-render-hinting=none", f"--user-data-dir={self.profile}", "about:blank"],
            preexec_fn=fds, pass_fds=(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)

    def call(self, method, session=False, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self.to_child, data):]
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\0", 1)
        return json.loads(line)

    def screenshot(self, html, width, height, dsf, mobile):
        """The page at `width`×`height` CSS px and `dsf`: PNG bytes and the codes' device-pixel boxes."""
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=dsf, mobile=mobile)
        frame = self.call("Page.getFrameTree", session=True)["frameTree"]["frame"]["id"]
        self.call("Page.setDocumentContent", session=True, frameId=frame, html=html)
        rects = self.call("Runtime.evaluate", session=True, awaitPromise=True, returnByValue=True,
                          expression="""Promise.all([document.fonts.ready,
                              ...[...document.images].map(i => i.decode().catch(() => 0))])
                              .then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))
                              .then(() => {
                                  // The codes in view, as a person scrolls to them.
                                  const codes = [...document.querySelectorAll('.qr')];
                                  codes.forEach(e => e.scrollIntoView({block: 'nearest', inline: 'nearest'}));
                                  if (codes.length) codes[0].scrollIntoView({block: 'nearest', inline: 'nearest'});
                                  // A code counts as shown when its corners and centre are its own
                                  // pixels (not clipped by a frame, not covered by something else).
                                  const shown = e => { const b = e.getBoundingClientRect();
                                      return [[0.02, 0.02], [0.98, 0.02], [0.02, 0.98], [0.98, 0.98], [0.5, 0.5]]
                                          .every(([fx, fy]) => { const hit = document.elementFromPoint(
                                              b.x + fx * b.width, b.y + fy * b.height);
                                              return hit && e.contains(hit); }); };
                                  return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() =>
                                      r(codes.map(e => { const b = e.getBoundingClientRect();
                                          return [b.x, b.y, b.width, b.height, shown(e) ? 1 : 0]; })))));
                              })""")
        shot = self.call("Page.captureScreenshot", session=True, format="png")
        boxes = [[v * dsf for v in r[:4]] + r[4:] for r in rects["result"]["value"]]
        return base64.b64decode(shot["data"]), boxes

    def visible(self, boxes, width, height, dsf):
        """Which codes are shown whole: inside the viewport (`width`×`height` CSS px),
        neither clipped nor covered."""
        w, h = width * dsf, height * dsf
        return [bool(shown) and x >= 0 and y >= 0 and x + bw <= w + 0.5 and y + bh <= h + 0.5
                for x, y, bw, bh, shown in boxes]

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--only", help="comma-separated image numbers to (re)render; their "
                        "lists are written as tune-only.tsv, heldout-only.tsv, meta-only.tsv")
    parser.add_argument("--seed-prefix", default=DEFAULT_SEED_PREFIX,
                        help=f"image i is drawn from random.Random(PREFIX + str(i)) (default {DEFAULT_SEED_PREFIX})")
    parser.add_argument("--weight", default="",
                        help="CAT=W,...: multiply the odds of categories (keys: " + ", ".join(WEIGHTS) + ")")
    args = parser.parse_args()
    for item in filter(None, args.weight.split(",")):
        key, _, value = item.partition("=")
        if key not in WEIGHTS:
            parser.error(f"--weight: unknown category {key!r} (known: {', '.join(WEIGHTS)})")
        WEIGHTS[key] = float(value)
    args.out.mkdir(parents=True, exist_ok=True)
    only = {int(i) for i in args.only.split(",")} if args.only else None
    browser = Chromium()
    lists = {"tune": [], "heldout": []}
    meta_lines = []
    try:
        for i in range(args.count):
            rng = random.Random(f"{args.seed_prefix}{i}")
            html, (w, h), dsf, mobile, payloads, cats, meta = page(rng)
            split = "heldout" if i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else "tune"
            name = f"page-{i:04d}"
            if only is None or i in only:
                png, rects = browser.screenshot(html, w, h, dsf, mobile)
            else:
                continue
            # A code cut off by the screen's edge is not one a person would point at,
            # but error correction may still read it: its payload is optional
            # (`?HEX` in the list), neither required nor wrong.
            shown = browser.visible(rects, w, h, dsf)
            cut = [p for p, v in zip(payloads, shown) if not v]
            payloads = [p for p, v in zip(payloads, shown) if v]
            rects = [r[:4] for r, v in zip(rects, shown) if v]
            if cut:
                cats.add("cut-off")
            if not payloads:
                cats.add("no-code")
            data, ext, module_px = finish(rng, png, rects, cats, meta["module_px"])
            # `finish` may downscale the page: the real size shrinks by as much.
            module_px = round(meta["real_px"] * module_px / meta["module_px"], 2)
            if module_px < 2.5:
                cats.add("small-modules")
            file = f"{name}.{ext}"
            (args.out / file).write_bytes(data)
            lists[split].append("\t".join([file] + [p.encode().hex() for p in payloads]
                                           + ["?" + p.encode().hex() for p in cut]))
            meta_lines.append("\t".join([file, split, ",".join(sorted(cats)), str(meta["screen"][0]),
                                         str(meta["screen"][1]), str(module_px),
                                         ",".join(map(str, meta["versions"])), meta["kind"], str(dsf)]))
            if i % 20 == 0:
                print(f"{i + 1}/{args.count} {file} {sorted(cats)}", flush=True)
    finally:
        browser.close()
    # With --only, the lists of what was rendered go beside the full ones
    # (`tune-only.tsv`, `heldout-only.tsv`, `meta-only.tsv`), which stay as they are.
    suffix = "" if only is None else "-only"
    for split, lines in lists.items():
        (args.out / f"{split}{suffix}.tsv").write_text("".join(line + "\n" for line in lines))
    (args.out / f"meta{suffix}.tsv").write_text("".join(line + "\n" for line in meta_lines))
    print(f"{len(meta_lines)} images in {args.out} ({len(lists['tune'])} tune, {len(lists['heldout'])} held out)")


if __name__ == "__main__":
    main()
