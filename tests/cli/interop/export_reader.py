#!/usr/bin/python3
"""Reads the Aegis and 2FAS files `tessera export` writes, written from the
formats' own documentation (Aegis docs/vault.md and docs/decrypt.py's
description; 2FAS' BackupContent: PBKDF2-HMAC-SHA256 with 10,000 rounds,
AES-256-GCM, `servicesEncrypted` = ciphertext+tag:salt:iv and the `reference`
check), using hashlib and the `cryptography` package only: an implementation
independent of the Rust crates that wrote them.

    EXPORT_PASSWORD=... export_reader.py aegis|2fas FILE

(the password, when the file is encrypted, in the environment, not argv).

Prints one JSON array of accounts, sorted by issuer then name:
{issuer, name, type, secret, algo, digits, period, counter, group, favorite, note}.
Exits 1 with a message when the file is not what the app would accept.
"""

import base64
import hashlib
import json
import os
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

TWOFAS_REFERENCE = (
    "tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6m"
    "tsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidX"
    "QCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd")


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def aegis(path, password):
    with open(path) as f:
        vault = json.load(f)
    if vault.get("version") != 1:
        fail("not an Aegis vault of version 1")
    header, db = vault["header"], vault["db"]
    if isinstance(db, str):
        slots = [s for s in header["slots"] if s["type"] == 1]
        if not slots or password is None:
            fail("encrypted, but no password slot or no password")
        master = None
        for slot in slots:
            if slot["n"] != 32768 or slot["r"] != 8 or slot["p"] != 1:
                fail("scrypt settings Aegis would not write: %r" % slot)
            if len(bytes.fromhex(slot["salt"])) != 32:
                fail("the slot salt is not 32 bytes")
            derived = hashlib.scrypt(password.encode(), salt=bytes.fromhex(slot["salt"]),
                                     n=slot["n"], r=slot["r"], p=slot["p"], dklen=32,
                                     maxmem=128 * 1024 * 1024)
            params = slot["key_params"]
            try:
                master = AESGCM(derived).decrypt(
                    bytes.fromhex(params["nonce"]),
                    bytes.fromhex(slot["key"]) + bytes.fromhex(params["tag"]), None)
                break
            except Exception:
                continue
        if master is None:
            fail("the password opens no slot")
        params = header["params"]
        db = json.loads(AESGCM(master).decrypt(
            bytes.fromhex(params["nonce"]),
            base64.b64decode(db) + bytes.fromhex(params["tag"]), None))
    elif header.get("slots") is not None or header.get("params") is not None:
        fail("a plain vault must have null slots and params")
    if db.get("version") != 3:
        fail("database version is not 3")
    groups = {g["uuid"]: g["name"] for g in db["groups"]}
    accounts = []
    for entry in db["entries"]:
        for key in ("type", "uuid", "name", "issuer", "note", "favorite", "info", "groups"):
            if key not in entry:
                fail("an entry lacks %r" % key)
        info = entry["info"]
        accounts.append({
            "issuer": entry["issuer"], "name": entry["name"], "type": entry["type"],
            "secret": info["secret"], "algo": info["algo"], "digits": info["digits"],
            "period": info.get("period"), "counter": info.get("counter"),
            "group": groups[entry["groups"][0]] if entry["groups"] else "",
            "favorite": entry["favorite"], "note": entry["note"],
        })
    return accounts


def twofas(path, password):
    with open(path) as f:
        backup = json.load(f)
    if backup.get("schemaVersion") != 4:
        fail("not a 2FAS schema 4 backup")
    services = backup["services"]
    if "servicesEncrypted" in backup:
        if password is None:
            fail("encrypted, but no password")
        if services:
            fail("an encrypted backup must have an empty services list")

        def open_field(field):
            sealed, salt, iv = (base64.b64decode(p) for p in field.split(":"))
            key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10000, 32)
            return AESGCM(key).decrypt(iv, sealed, None), salt, iv

        reference, ref_salt, ref_iv = open_field(backup["reference"])
        if reference.decode() != TWOFAS_REFERENCE:
            fail("the reference does not decrypt to 2FAS' marker")
        plain, salt, iv = open_field(backup["servicesEncrypted"])
        if salt != ref_salt or iv == ref_iv or len(salt) != 256:
            fail("2FAS uses one 256-byte salt and two IVs")
        services = json.loads(plain)
    groups = {g["id"]: g["name"] for g in backup.get("groups", [])}
    accounts = []
    for service in services:
        otp = service["otp"]
        kind = otp["tokenType"].lower()
        accounts.append({
            "issuer": otp.get("issuer") or service["name"], "name": otp.get("account", ""),
            "type": kind, "secret": service["secret"], "algo": otp["algorithm"],
            "digits": otp["digits"], "period": otp["period"] if kind != "hotp" else None,
            "counter": otp["counter"] if kind == "hotp" else None,
            "group": groups.get(service.get("groupId"), ""),
            "favorite": None, "note": None,
        })
    return accounts


kind, path = sys.argv[1], sys.argv[2]
password = os.environ.get("EXPORT_PASSWORD")
accounts = (aegis if kind == "aegis" else twofas)(path, password)
accounts.sort(key=lambda a: (a["issuer"], a["name"]))
print(json.dumps(accounts))
