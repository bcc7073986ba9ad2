#!/usr/bin/python3
"""Export files of other authenticators, written the way each app writes them,
for tests/cli/interop.rs. The encryption is done here with Python's hashlib
(scrypt, PBKDF2) and the `cryptography` package (AES-GCM): an implementation
independent of the Rust crates Tessera reads them with.

    interop_fixtures.py OUT_DIR PASSWORD

Writes aegis-plain.json, aegis-encrypted.json, aegis-costly.json,
aegis-many-slots.json, aegis-heavy.json,
twofas-plain.2fas, twofas-encrypted.2fas, andotp.json, bitwarden.json,
freeotp.json.
The accounts (and their secrets) are the ones tests/cli/interop.rs expects.
"""

import base64
import hashlib
import json
import os
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

out, password = sys.argv[1], sys.argv[2].encode()
os.makedirs(out, exist_ok=True)


def write(name, value):
    with open(os.path.join(out, name), "w") as f:
        json.dump(value, f, indent=2)


def seal(key, plain):
    """AES-256-GCM; returns (nonce, ciphertext, tag)."""
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, plain, None)
    return nonce, sealed[:-16], sealed[-16:]


# --- Aegis (database version 3: groups by uuid) ---------------------------------
work = "6f2c7c1e-93a5-4c36-8b4d-0d3c5d1e2f01"
aegis_db = {
    "version": 3,
    "entries": [
        {
            "type": "totp", "uuid": "01", "name": "octo", "issuer": "GitHub",
            "note": "personal account", "favorite": True, "icon": None,
            "info": {"secret": "JBSWY3DPEHPK3PXP", "algo": "SHA1", "digits": 6, "period": 30},
            "groups": [work],
        },
        {
            "type": "hotp", "uuid": "02", "name": "me", "issuer": "Bank",
            "note": "", "favorite": False, "icon": None,
            "info": {"secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA", "algo": "SHA256",
                     "digits": 8, "counter": 7},
            "groups": [],
        },
        {
            "type": "steam", "uuid": "03", "name": "gamer", "issuer": "Steam",
            "note": "", "favorite": False, "icon": None,
            "info": {"secret": "MFRGGZDFMZTWQ2LK", "algo": "SHA1", "digits": 5, "period": 30},
            "groups": [],
        },
        {
            "type": "motp", "uuid": "04", "name": "x", "issuer": "Old VPN",
            "note": "", "favorite": False, "icon": None,
            "info": {"secret": "1234567890abcdef", "pin": "1234", "algo": "MD5",
                     "digits": 6, "period": 10},
            "groups": [],
        },
    ],
    "groups": [{"uuid": work, "name": "Work"}],
}
write("aegis-plain.json", {"version": 1, "header": {"slots": None, "params": None},
                           "db": aegis_db})


def aegis_encrypted(n, log_cost_ok=True):
    master = os.urandom(32)
    salt = os.urandom(32)
    if log_cost_ok:
        derived = hashlib.scrypt(password, salt=salt, n=n, r=8, p=1, maxmem=128 * 1024 * 1024,
                                 dklen=32)
    else:
        derived = os.urandom(32)  # never derivable: the reader must refuse before trying
    key_nonce, sealed_key, key_tag = seal(derived, master)
    db_nonce, sealed_db, db_tag = seal(master, json.dumps(aegis_db).encode())
    return {
        "version": 1,
        "header": {
            "slots": [
                # A biometric slot first, as phones with a fingerprint have.
                {"type": 2, "uuid": "b1", "key": os.urandom(32).hex(),
                 "key_params": {"nonce": os.urandom(12).hex(), "tag": os.urandom(16).hex()}},
                {"type": 1, "uuid": "p1", "key": sealed_key.hex(),
                 "key_params": {"nonce": key_nonce.hex(), "tag": key_tag.hex()},
                 "n": n, "r": 8, "p": 1, "salt": salt.hex(), "repaired": True},
            ],
            "params": {"nonce": db_nonce.hex(), "tag": db_tag.hex()},
        },
        "db": base64.b64encode(sealed_db).decode(),
    }


write("aegis-encrypted.json", aegis_encrypted(32768))
write("aegis-costly.json", aegis_encrypted(1 << 31, log_cost_ok=False))


def aegis_hostile(count, n):
    """`count` password slots at scrypt N = n that no password opens: the reader
    must refuse the file from its header alone, before any key derivation."""
    value = aegis_encrypted(32768, log_cost_ok=False)
    template = value["header"]["slots"][1]
    value["header"]["slots"] = [dict(template, n=n, uuid=f"p{i}", salt=os.urandom(32).hex())
                                for i in range(count)]
    return value


# The hostile file: thousands of slots at N = 2^20.
write("aegis-many-slots.json", aegis_hostile(5000, 1 << 20))
# Three slots each within the per-slot bound (N = 2^18, r = 8: 256 MiB) whose
# sum is over the total bound: would cost seconds if tried.
write("aegis-heavy.json", aegis_hostile(3, 1 << 18))

# --- 2FAS -----------------------------------------------------------------------------
services = [
    {
        "name": "Dropbox", "secret": "KVKFKRCPNZQUYMLX",
        "otp": {"label": "Dropbox:dee@example.com", "account": "dee@example.com",
                "issuer": "Dropbox", "digits": 6, "period": 30, "algorithm": "SHA1",
                "tokenType": "TOTP", "source": "Link"},
        "order": {"position": 0}, "groupId": "g1",
    },
    {
        "name": "Forum", "secret": "NBSWY3DPO5XXE3DE",
        "otp": {"account": "fan", "digits": 7, "algorithm": "SHA512", "tokenType": "HOTP",
                "counter": 3, "source": "Manual"},
        "order": {"position": 1},
    },
]
groups = [{"id": "g1", "name": "Cloud", "isExpanded": True}]
write("twofas-plain.2fas", {"services": services, "groups": groups, "schemaVersion": 4,
                            "appVersionCode": 5000000, "appOrigin": "android"})
salt = os.urandom(256)
key = hashlib.pbkdf2_hmac("sha256", password, salt, 10000, 32)
nonce, body, tag = seal(key, json.dumps(services).encode())
b64 = lambda b: base64.b64encode(b).decode()
write("twofas-encrypted.2fas", {
    "services": [], "groups": groups, "schemaVersion": 4, "appVersionCode": 5000000,
    "servicesEncrypted": f"{b64(body + tag)}:{b64(salt)}:{b64(nonce)}",
    "reference": "unused here",
})

# --- andOTP (plain) ---------------------------------------------------------------------
write("andotp.json", [
    {"secret": "OBQXG43XN5ZGIMJS", "issuer": "Mastodon", "label": "me@social", "digits": 6,
     "type": "TOTP", "algorithm": "SHA1", "thumbnail": "Default", "last_used": 0,
     "used_frequency": 0, "period": 60, "tags": ["Social"]},
])

# --- Bitwarden (unencrypted JSON) ---------------------------------------------------------
write("bitwarden.json", {
    "encrypted": False,
    "folders": [{"id": "f1", "name": "Personal"}],
    "items": [
        {"type": 1, "name": "Example", "favorite": True, "notes": "from the vault",
         "login": {"username": "alice",
                   "totp": "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXQ&issuer=Example"}},
        {"type": 1, "name": "Valve", "favorite": False,
         "login": {"username": "bob", "totp": "steam://MFRGGZDFMZTWQ2LL"}},
        {"type": 1, "name": "Plain", "favorite": False, "folderId": "f1",
         "login": {"username": "carol", "totp": "gezd gnbv gy3t qojr"}},
        {"type": 1, "name": "No 2FA here", "favorite": False,
         "login": {"username": "dave", "password": "hunter2"}},
        {"type": 2, "name": "A secure note", "notes": "not a login"},
    ],
})

# --- FreeOTP+ (keys as signed bytes, as Java writes them) ------------------------------------
def signed(data):
    return [b - 256 if b > 127 else b for b in data]


write("freeotp.json", {
    "tokenOrder": ["Nextcloud:admin", "VPN:ops"],
    "tokens": [
        {"algo": "SHA256", "counter": 0, "digits": 8, "issuerExt": "Nextcloud",
         "issuerInt": "Nextcloud", "label": "admin", "period": 30, "type": "TOTP",
         "secret": signed(base64.b32decode("7777777777777777"))},
        {"algo": "SHA1", "counter": 41, "digits": 6, "issuerExt": "VPN", "label": "ops",
         "period": 30, "type": "HOTP", "secret": signed(b"12345678901234567890")},
    ],
})
