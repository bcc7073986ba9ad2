#!/usr/bin/python3
"""Export files of Ente Auth, Proton Authenticator, Authenticator Pro
(Stratum), andOTP (encrypted), Bitwarden (CSV) and Steam, written the way
each app writes them, for tests/cli/interop/apps.rs. The cryptography is done
here with implementations independent of the Rust crates Tessera reads them
with: libsodium through PyNaCl (Ente's Argon2id and secretstream), the
reference Argon2 through argon2-cffi, and OpenSSL through `cryptography`
(AES-GCM, AES-CBC) and hashlib (PBKDF2, SHA-256).

    apps_fixtures.py OUT_DIR PASSWORD

The accounts (and their secrets) are the ones tests/cli/interop/apps.rs expects.
Hostile variants (costs beyond what the apps write, cut files, wrong types)
are written beside them.
"""

import base64
import hashlib
import json
import os
import struct
import sys
import urllib.parse

import nacl.bindings as sodium
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

out, password = sys.argv[1], sys.argv[2].encode()
os.makedirs(out, exist_ok=True)
b64 = lambda b: base64.b64encode(b).decode()


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(out, name), mode) as f:
        f.write(data)


# --- Ente Auth -------------------------------------------------------------------------
def code_display(**fields):
    display = {"pinned": False, "trashed": False, "lastUsedAt": 0, "tapCount": 0,
               "tags": [], "note": "", "position": 0, "iconSrc": "", "iconID": ""}
    display.update(fields)
    return urllib.parse.quote(json.dumps(display, separators=(",", ":")), safe="")


ente_text = "\n".join([
    "otpauth://totp/GitLab:dev%40example.com?secret=KRSXG5CTMVRXEZLU&issuer=GitLab"
    "&algorithm=SHA256&digits=8&period=45&codeDisplay="
    + code_display(pinned=True, tags=["Work", "Code"], note="the main one"),
    "otpauth://hotp/Bank:acct?secret=MFRGGZDFMZTWQ2LKNNWG23TPOA======&issuer=Bank&counter=12"
    "&codeDisplay=" + code_display(),
    "otpauth://totp/Gone:old?secret=JBSWY3DPEHPK3PXP&issuer=Gone&codeDisplay="
    + code_display(trashed=True),
    "otpauth://steam/Steam:gamer?secret=GEZDGNBVGY3TQOJQ&issuer=Steam&codeDisplay="
    + code_display(),
]) + "\n"
write("ente-plain.txt", ente_text)


def ente_encrypted(text, mem_limit, ops_limit, derive=True,
                   tag=sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL):
    salt = os.urandom(16)
    if derive:
        key = sodium.crypto_pwhash_alg(32, password, salt, ops_limit, mem_limit,
                                       sodium.crypto_pwhash_ALG_ARGON2ID13)
    else:
        key = os.urandom(32)  # never derivable: the reader must refuse before trying
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    header = sodium.crypto_secretstream_xchacha20poly1305_init_push(state, key)
    sealed = sodium.crypto_secretstream_xchacha20poly1305_push(
        state, text.encode(), None, tag)
    return {"version": 1,
            "kdfParams": {"memLimit": mem_limit, "opsLimit": ops_limit, "salt": b64(salt)},
            "encryptedData": b64(sealed), "encryptionNonce": b64(header)}


# Ente derives with up to 1 GiB; 16 MiB keeps the test quick and is still a
# cost libsodium accepts.
ente = ente_encrypted(ente_text, 16 * 1024 * 1024, 3)
write("ente-encrypted.json", json.dumps(ente))
# Newer Ente versions tag their one message TAG_MESSAGE, not TAG_FINAL (a real export does).
write("ente-encrypted-message-tag.json", json.dumps(ente_encrypted(
    ente_text, 16 * 1024 * 1024, 3,
    tag=sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)))
write("ente-costly-memory.json", json.dumps(ente_encrypted(ente_text, 1 << 40, 3, False)))
write("ente-costly-passes.json",
      json.dumps(ente_encrypted(ente_text, 256 << 20, 1 << 30, False)))
# A cut stream cannot be told from a wrong key (the MAC fails either way); a
# cut header can: it has a fixed length.
write("ente-cut.json", json.dumps(dict(ente, encryptionNonce=ente["encryptionNonce"][:20])))
write("ente-wrong-types.json", json.dumps(dict(ente, kdfParams={"memLimit": "lots",
                                                                "opsLimit": [3], "salt": 7})))

# --- Proton Authenticator ----------------------------------------------------------------
proton_plain = {"version": 1, "entries": [
    {"id": "a1", "content": {
        "uri": "otpauth://totp/Proton:me%40proton.me?secret=ONSWG4TFOQYTEMZU&issuer=Proton"
               "&algorithm=SHA512&digits=7&period=20",
        "entry_type": "Totp", "name": "me@proton.me"}, "note": "recovery in the safe"},
    {"id": "a2", "content": {"uri": "steam://NBSWY3DPO5XXE3DE", "entry_type": "Steam",
                             "name": "valve-fan"}, "note": None},
]}
write("proton-plain.json", json.dumps(proton_plain))
salt = os.urandom(16)
key = hash_secret_raw(password, salt, time_cost=2, memory_cost=19 * 1024, parallelism=1,
                      hash_len=32, type=Type.ID)
nonce = os.urandom(12)
sealed = AESGCM(key).encrypt(nonce, json.dumps(proton_plain).encode(),
                             b"proton.authenticator.export.v1")
proton = {"version": 1, "salt": b64(salt), "content": b64(nonce + sealed)}
write("proton-encrypted.json", json.dumps(proton))
write("proton-cut.json", json.dumps(dict(proton, content=b64((nonce + sealed)[:20]))))

# --- Authenticator Pro / Stratum -------------------------------------------------------------
stratum_plain = {
    "Authenticators": [
        {"Type": 2, "Icon": "github", "Issuer": "GitHub", "Username": "octo",
         "Secret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "Pin": None, "Algorithm": 1,
         "Digits": 8, "Period": 60, "Counter": 0, "CopyCount": 3, "Ranking": 0},
        {"Type": 1, "Icon": None, "Issuer": "VPN", "Username": None,
         "Secret": "ORSXG5DJNZTXGZLDOJSXI===", "Pin": None, "Algorithm": 2,
         "Digits": 6, "Period": 30, "Counter": 99, "CopyCount": 0, "Ranking": 1},
        {"Type": 4, "Icon": "steam", "Issuer": "Steam", "Username": "player",
         "Secret": "MZXW6YTBOI======", "Pin": None, "Algorithm": 0,
         "Digits": 5, "Period": 30, "Counter": 0, "CopyCount": 0, "Ranking": 2},
        {"Type": 3, "Icon": None, "Issuer": "Old mOTP", "Username": "x",
         "Secret": "abcdef0123456789", "Pin": "1234", "Algorithm": 0,
         "Digits": 6, "Period": 10, "Counter": 0, "CopyCount": 0, "Ranking": 3},
    ],
    "Categories": [{"Id": "c1", "Name": "Dev", "Ranking": 0}],
    "AuthenticatorCategories": [
        {"CategoryId": "c1", "AuthenticatorSecret": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
         "Ranking": 0}],
    "CustomIcons": [],
}
stratum_json = json.dumps(stratum_plain).encode()
write("stratum-plain.authpro", stratum_json)

salt, nonce = os.urandom(16), os.urandom(12)
key = hash_secret_raw(password, salt, time_cost=3, memory_cost=64 * 1024, parallelism=4,
                      hash_len=32, type=Type.ID)
stratum = b"AUTHENTICATORPRO" + salt + nonce + AESGCM(key).encrypt(nonce, stratum_json, None)
write("stratum-encrypted.authpro", stratum)
write("stratum-cut.authpro", stratum[:30])

salt, iv = os.urandom(20), os.urandom(16)
key = hashlib.pbkdf2_hmac("sha1", password, salt, 64000, 32)
padder = padding.PKCS7(128).padder()
padded = padder.update(stratum_json) + padder.finalize()
encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
write("stratum-legacy.authpro",
      b"AuthenticatorPro" + salt + iv + encryptor.update(padded) + encryptor.finalize())

# --- andOTP, encrypted ----------------------------------------------------------------------
andotp_entries = json.dumps([
    {"secret": "OBQXG43XN5ZGIMJSGM2DKNRX", "issuer": "Mastodon", "label": "me@social",
     "digits": 6, "type": "TOTP", "algorithm": "SHA256", "thumbnail": "Default",
     "last_used": 0, "used_frequency": 0, "period": 30, "tags": ["Social"]},
    {"secret": "JBSWY3DPEHPK3PXQ", "issuer": "", "label": "Forge:admin", "digits": 8,
     "type": "HOTP", "algorithm": "SHA1", "counter": 5, "thumbnail": "Default",
     "last_used": 0, "used_frequency": 0, "tags": []},
]).encode()
rounds = 150_000  # andOTP picks 140,000 to 160,000
salt, nonce = os.urandom(12), os.urandom(12)
key = hashlib.pbkdf2_hmac("sha1", password, salt, rounds, 32)
write("andotp-encrypted.json.aes",
      struct.pack(">I", rounds) + salt + nonce + AESGCM(key).encrypt(nonce, andotp_entries, None))
nonce = os.urandom(12)
key = hashlib.sha256(password).digest()
write("andotp-old.json.aes", nonce + AESGCM(key).encrypt(nonce, andotp_entries, None))
# andOTP before 0.6: no issuer field, the label "ISSUER - LABEL" with the
# link's whole label after the dash (as in a real old backup).
old_entries = json.dumps([
    {"secret": "OBQXG43XN5ZGIMJSGM2DKNRX======", "label": "Mastodon - Mastodon:me@social",
     "digits": 6, "type": "TOTP", "algorithm": "SHA1", "thumbnail": "Default",
     "last_used": 0, "period": 30, "tags": []},
    {"secret": "JBSWY3DPEHPK3PXQ", "label": "Air Forge - admin", "digits": 8,
     "type": "HOTP", "algorithm": "SHA1", "counter": 5, "thumbnail": "Default",
     "last_used": 0, "tags": []},
]).encode()
nonce = os.urandom(12)
write("andotp-old-labels.json.aes", nonce + AESGCM(key).encrypt(nonce, old_entries, None))
# A round count andOTP never writes: refused without running it.
write("andotp-costly.json.aes", struct.pack(">I", 2_000_000_000) + os.urandom(200))

# --- Bitwarden CSV ----------------------------------------------------------------------------
write("bitwarden.csv", "\r\n".join([
    "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,"
    "login_totp",
    'Finance,1,login,Bank,"two lines,\nwith ""quotes""",,0,https://bank.example,alice,pw,'
    "otpauth://totp/Bank:alice?secret=KNSWK3TTMVRXEZLU&issuer=Bank&digits=8",
    ",,login,Valve,,,0,,bob,pw,steam://MFRGGZDFMZTWQ2LL",
    ",,login,Plain,,,0,,carol,pw,gezd gnbv gy3t qojr",
    ",,login,No 2FA,,,0,,dave,hunter2,",
    ",,note,A note,text,,0,,,,",
]) + "\r\n")

# --- Steam maFiles ------------------------------------------------------------------------------
shared = bytes(range(20))
write("steam.maFile", json.dumps({
    "shared_secret": b64(shared), "serial_number": "123", "revocation_code": "R12345",
    "uri": "otpauth://totp/Steam:gabe?secret=AAAA&issuer=Steam", "server_time": 0,
    "account_name": "gabe", "token_gid": "x", "identity_secret": b64(os.urandom(20)),
    "secret_1": b64(os.urandom(20)), "status": 1, "device_id": "android:x",
    "fully_enrolled": True, "Session": None,
}))
write("steam-accounts.json", json.dumps({"accounts": {
    "76561190000000001": {"shared_secret": b64(bytes(range(20, 40))), "account_name": "one"},
    "76561190000000002": {"shared_secret": b64(bytes(range(40, 60))), "account_name": "two"},
}}))

# --- FreeOTP 1.x tokens.xml (Android SharedPreferences; token JSON escaped as XML) -------------
from xml.sax.saxutils import escape, quoteattr


def signed(data):
    return [b - 256 if b > 127 else b for b in data]


freeotp_tokens = {
    "Nextcloud:admin": {"algo": "SHA512", "counter": 0, "digits": 8, "issuerExt": "Nextcloud",
                        "issuerInt": "Nextcloud", "label": "admin", "period": 60,
                        "type": "TOTP", "secret": signed(bytes(range(200, 220)))},
    "VPN:ops": {"algo": "SHA1", "counter": 17, "digits": 6, "issuerExt": "VPN", "label": "ops",
                "period": 30, "type": "HOTP", "secret": signed(b"12345678901234567890")},
}
lines = ["<?xml version='1.0' encoding='utf-8' standalone='yes' ?>", "<map>",
         "    <string name=\"tokenOrder\">%s</string>" % escape(json.dumps(list(freeotp_tokens)),
                                                               {'"': "&quot;"})]
for name, token in freeotp_tokens.items():
    lines.append("    <string name=%s>%s</string>" % (
        quoteattr(name), escape(json.dumps(token), {'"': "&quot;"})))
lines.append("</map>")
write("freeotp-tokens.xml", "\n".join(lines) + "\n")
write("freeotp-cut.xml", "\n".join(lines)[:200])

# --- Authy (Android shared_prefs; third-party tokens plain or under the backup password) -------
def authy_xml(key, tokens):
    return ("<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n"
            "    <string name=\"%s\">%s</string>\n</map>\n"
            % (key, escape(json.dumps(tokens), {'"': "&quot;"})))


authy_tokens = [
    {"accountType": "gitlab", "digits": 6, "name": "GitLab - dev@example.com",
     "originalName": "GitLab:dev@example.com", "originalIssuer": "GitLab",
     "decryptedSecret": "KRUGS4ZANFZSAYJAONSWG4TFOQ", "timestamp": 0, "upload_state": "uploaded"},
    {"accountType": "dropbox", "digits": 8, "name": "Dropbox - box@example.com",
     "decryptedSecret": "MZXW6YTBOJUWU43ROBSXEYLU"},
    {"accountType": "authy", "digits": 7, "name": "Twilio", "secretSeed": "00112233445566778899aabbccddeeff"},
]
write("authy-authenticator.xml",
      authy_xml("com.authy.storage.tokens.authenticator.key", authy_tokens))


def authy_seal(secret_text, salt):
    key = hashlib.pbkdf2_hmac("sha1", password, salt.encode(), 1000, 32)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(secret_text.encode()) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(bytes(16))).encryptor()
    return b64(encryptor.update(padded) + encryptor.finalize())


sealed_tokens = []
for token in authy_tokens[:2]:
    token = dict(token)
    salt = "saltsalt" + token["accountType"]
    token["encryptedSecret"] = authy_seal(token.pop("decryptedSecret"), salt)
    token["salt"] = salt
    sealed_tokens.append(token)
write("authy-encrypted.xml",
      authy_xml("com.authy.storage.tokens.authenticator.key", sealed_tokens))

# --- Duo Mobile accounts.json, WinAuth text export --------------------------------------------
write("duo-accounts.json", json.dumps([
    {"name": "Corp VPN", "akey": "x", "pkey": "y", "otpGenerator": {"otpSecret": "GEZDGNBVGY3TQOJQ",
                                                                      "counter": 4}},
    {"name": "Okta", "otpGenerator": {"otpSecret": "ONSWG4TFOQ======"}},
    {"name": "Push only", "akey": "z"},
]))
write("winauth.txt", "\n".join([
    "otpauth://totp/Battle.net?secret=NBSWY3DPO5XXE3DE&digits=8",
    "otpauth://totp/Google?secret=JBSWY3DPEHPK3PXP",
]) + "\n")

# --- Huge counts: 150,000 entries in one file under the 16 MiB limit --------------------------------
write("stratum-huge.authpro", json.dumps({"Authenticators": [
    {"Type": 3, "Issuer": "x", "Secret": "abcd", "Algorithm": 0, "Digits": 6, "Period": 10}
] * 150_000}, separators=(",", ":")))
