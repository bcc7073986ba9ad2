#!/usr/bin/env python3
"""The same N accounts for Tessera and for OTPClient 3.1.x (benches/gui_perf.sh).

    gui_perf_fixtures.py N PASSWORD OUT_DIR

writes OUT_DIR/uris.txt (one otpauth:// link per line, for `tessera import`)
and OUT_DIR/otpclient-db.enc, an OTPClient 3.1.x database holding the same
accounts. OTPClient 3.1.4's `otpclient-cli` cannot import, and its importers
are reachable only through GTK menus, so the database is written here in
OTPClient 3.1.x's own format (src/db-misc.c at tag v3.1.4):

    header = IV (16 random bytes) || salt (32 random bytes)
    key    = PBKDF2-HMAC-SHA512(password + NUL, salt, 100 000 iterations, 32 bytes)
    file   = header || AES-256-GCM(key, IV, aad=header, JSON array + NUL) || tag (16 bytes)

Each JSON object is what OTPClient's build_json_obj() writes:
{"type", "label", "issuer", "secret", "digits", "algo", "period"}.
Needs python3-cryptography.

With ISSUERS=brands in the environment the issuers are services with a brand
icon ("GitHub 0001", "Google 0002", ...) instead of "Service 0001", so that
every row of Tessera's list draws a brand icon rather than a letter.
"""

import base64
import hashlib
import json
import os
import sys
import urllib.parse

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


BRANDS = ["GitHub", "Google", "Dropbox", "Discord", "GitLab", "Cloudflare", "PayPal",
          "Steam", "Proton", "Bitwarden", "Reddit", "Coinbase", "Twitch", "Zoom"]


def accounts(n):
    brands = os.environ.get("ISSUERS") == "brands"
    for i in range(n):
        secret = base64.b32encode(hashlib.sha1(b"tessera-perf-%d" % i).digest()).decode()
        name = BRANDS[i % len(BRANDS)] if brands else "Service"
        yield {
            "issuer": "%s %04d" % (name, i),
            "label": "user%04d@example.com" % i,
            "secret": secret,
        }


def main():
    n, password, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    items = list(accounts(n))

    with open(os.path.join(out, "uris.txt"), "w") as f:
        for a in items:
            label = urllib.parse.quote("%s:%s" % (a["issuer"], a["label"]))
            issuer = urllib.parse.quote(a["issuer"])
            f.write("otpauth://totp/%s?secret=%s&issuer=%s\n" % (label, a["secret"], issuer))

    db = [
        {
            "type": "TOTP",
            "label": a["label"],
            "issuer": a["issuer"],
            "secret": a["secret"],
            "digits": 6,
            "algo": "SHA1",
            "period": 30,
        }
        for a in items
    ]
    plain = json.dumps(db, separators=(",", ":")).encode() + b"\0"
    iv, salt = os.urandom(16), os.urandom(32)
    header = iv + salt
    key = hashlib.pbkdf2_hmac("sha512", password.encode() + b"\0", salt, 100_000, 32)
    sealed = AESGCM(key).encrypt(iv, plain, header)  # ciphertext || tag
    with open(os.path.join(out, "otpclient-db.enc"), "wb") as f:
        f.write(header + sealed)


if __name__ == "__main__":
    main()
