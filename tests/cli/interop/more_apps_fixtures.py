#!/usr/bin/python3
"""Files of Authenticator Plus, Battle.net, TOTP Authenticator and FreeOTP 2,
written the way each app writes them, for tests/cli/interop/more_apps.rs.
Everything here is written from the formats' descriptions with Python's
standard library (zlib, struct, hashlib) and OpenSSL through `cryptography`,
independently of the Rust crates Tessera reads them with:

- a zip writer with PKWARE's traditional encryption (APPNOTE 6.1), checked
  by reading it back with Python's own `zipfile`;
- the Battle.net mask (XOR with the key its app ships);
- TOTP Authenticator's AES-256-CBC under SHA-256 of the password;
- a Java object-serialization writer (the Java Object Serialization
  Specification, chapter 6) for FreeOTP 2's HashMap<String, String>, with
  PBKDF2 and AES-GCM for its keys.

    more_apps_fixtures.py OUT_DIR PASSWORD

The accounts (and their secrets) are the ones more_apps.rs expects. Hostile
variants (cut files, wrong types, huge counts, costs beyond the apps', a zip
bomb) are written beside them.
"""

import base64
import hashlib
import io
import json
import os
import struct
import sys
import zipfile
import zlib
from xml.sax.saxutils import escape, quoteattr

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

out, password = sys.argv[1], sys.argv[2].encode()
os.makedirs(out, exist_ok=True)


def write(name, data):
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(os.path.join(out, name), mode) as f:
        f.write(data)


def prefs_xml(entries):
    """Android SharedPreferences XML: (kind, name, value) triples."""
    lines = ["<?xml version='1.0' encoding='utf-8' standalone='yes' ?>", "<map>"]
    for kind, name, value in entries:
        if kind == "string":
            lines.append("    <string name=%s>%s</string>"
                         % (quoteattr(name), escape(value, {'"': "&quot;"})))
        else:
            lines.append("    <%s name=%s value=%s />" % (kind, quoteattr(name), quoteattr(value)))
    lines.append("</map>")
    return "\n".join(lines) + "\n"


# --- Authenticator Plus: a ZipCrypto-encrypted, deflated Accounts.txt ----------------------------
CRC_TABLE = []
for n in range(256):
    c = n
    for _ in range(8):
        c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
    CRC_TABLE.append(c)


def crc_byte(crc, b):
    return CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)


class ZipCrypto:
    """PKWARE's traditional encryption: three 32-bit keys updated per byte."""

    def __init__(self, pwd):
        self.keys = [0x12345678, 0x23456789, 0x34567890]
        for b in pwd:
            self.update(b)

    def update(self, b):
        k0, k1, k2 = self.keys
        k0 = crc_byte(k0, b)
        k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k2 = crc_byte(k2, k1 >> 24)
        self.keys = [k0, k1, k2]

    def encrypt(self, data):
        out = bytearray()
        for b in data:
            t = (self.keys[2] | 2) & 0xFFFF
            out.append(b ^ (((t * (t ^ 1)) >> 8) & 0xFF))
            self.update(b)
        return bytes(out)

    def decrypt(self, data):
        out = bytearray()
        for b in data:
            t = (self.keys[2] | 2) & 0xFFFF
            out.append(b ^ (((t * (t ^ 1)) >> 8) & 0xFF))
            self.update(out[-1])
        return bytes(out)


DOS_TIME, DOS_DATE = (14 << 11) | (7 << 5) | (30 // 2), ((2020 - 1980) << 9) | (12 << 5) | 21


def zip_archive(members, pwd):
    """A zip with each (name, data) deflated and, with `pwd`, encrypted the way
    Authenticator Plus' archives are: flags 0x0009 (encrypted, sizes in a data
    descriptor), so the check byte is the high byte of the modification time."""
    body, central = bytearray(), bytearray()
    for name, data in members:
        name = name.encode()
        crc = zlib.crc32(data)
        squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = squeeze.compress(data) + squeeze.flush()
        flags = 0x0008
        if pwd is not None:
            flags |= 0x0001
            header = os.urandom(11) + bytes([(DOS_TIME >> 8) & 0xFF])
            packed = ZipCrypto(pwd).encrypt(header + packed)
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, DOS_TIME, DOS_DATE,
                            0, 0, 0, len(name), 0) + name + packed
        body += struct.pack("<IIII", 0x08074B50, crc, len(packed), len(data))
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, 8, DOS_TIME,
                               DOS_DATE, crc, len(packed), len(data), len(name), 0, 0, 0, 0,
                               0, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central),
                      len(body), 0)
    return bytes(body + central + end)


accounts_txt = "\n".join([
    "otpauth://totp/Deno:mason%40example.com?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno"
    "&algorithm=SHA1&digits=6&period=30",
    "otpauth://totp/SPDX:james?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256"
    "&digits=7&period=20",
    "",
    "otpauth://hotp/Air%20Canada:benjamin?secret=KUVJJOM753IHTNDSZVCNKL7GII&issuer=Air+Canada"
    "&algorithm=SHA512&digits=8&counter=50",
]) + "\n"
authplus = zip_archive([("Accounts.txt", accounts_txt.encode())], password)
# Python's own zip reader (an implementation independent of this writer) agrees.
assert zipfile.ZipFile(io.BytesIO(authplus)).read("Accounts.txt", pwd=password) \
    == accounts_txt.encode()
write("authplus.zip", authplus)
# A wrong password that gets past ZipCrypto's one check byte (about one in 256 does).
sealed_header = authplus[30 + len("Accounts.txt"):][:12]
lucky = next(candidate for candidate in (b"wrong %d" % i for i in range(1 << 16))
             if ZipCrypto(candidate).decrypt(sealed_header)[11] == (DOS_TIME >> 8) & 0xFF)
write("authplus-lucky-password.txt", lucky + b"\n")
write("authplus-cut.zip", authplus[:len(authplus) // 2])
# 64 MiB of newlines deflate to about 64 KiB: read until the bound, then refused.
bomb = zlib.compressobj(9, zlib.DEFLATED, -15)
chunk, packed = b"\n" * (1 << 20), bytearray()
for _ in range(64):
    packed += bomb.compress(chunk)
packed += bomb.flush()
bomb_crc = 0
for _ in range(64):
    bomb_crc = zlib.crc32(chunk, bomb_crc)


def raw_zip(packed, size, crc, names=("Accounts.txt",)):
    """One deflated, unencrypted entry, listed in the directory under each of `names`."""
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, DOS_TIME, DOS_DATE, crc,
                        len(packed), size, len(names[0]), 0) + names[0].encode() + packed
    central = b"".join(
        struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, DOS_TIME, DOS_DATE, crc,
                    len(packed), size, len(name), 0, 0, 0, 0, 0, 0) + name.encode()
        for name in names)
    return local + central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(names),
                                         len(names), len(central), len(local), 0)


write("authplus-bomb.zip", raw_zip(bytes(packed), 64 << 20, bomb_crc))
# 60,000 directory entries: more than an export has (it has one).
small = zlib.compressobj(9, zlib.DEFLATED, -15)
small = small.compress(accounts_txt.encode()) + small.flush()
write("authplus-many.zip",
      raw_zip(small, len(accounts_txt), zlib.crc32(accounts_txt.encode()),
              ["Accounts.txt"] + ["f%05d.txt" % i for i in range(59_999)]))
write("authplus-other.zip", zip_archive([("Notes.txt", b"nothing here\n")], password))

# --- Battle.net: the app's preferences, secret and serial masked with its fixed key -------------
BATTLE_NET_MASK = bytes.fromhex(
    "398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6"
    "c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a")


def mask(text):
    return bytes(a ^ b for a, b in zip(text.encode(), BATTLE_NET_MASK, strict=False)).hex()


BATTLE_NET_KEY = bytes(range(100, 120))
PREFIX = "com.blizzard.messenger."


def battle_net(secret_masked, serial_masked, kind="MASK"):
    return prefs_xml([
        ("string", PREFIX + "AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE", kind),
        ("boolean", PREFIX + "AUTHENTICATOR_SETUP_POSTPONE_LOGIN", "false"),
        ("string", PREFIX + "AUTHENTICATOR_DEVICE_SECRET", secret_masked),
        ("string", PREFIX + "AUTHENTICATOR_BGS_REGION_CODE", "EU"),
        ("string", PREFIX + "AUTHENTICATOR_SERIAL", serial_masked),
        ("long", PREFIX + "AUTHENTICATOR_SERVER_TIME_DIFF", "15"),
    ])


assert len(BATTLE_NET_KEY.hex()) <= len(BATTLE_NET_MASK)
write("battlenet.xml", battle_net(mask(BATTLE_NET_KEY.hex()), mask("EU-2011-0425-1337")))
write("battlenet-keystore.xml", battle_net(os.urandom(40).hex(), os.urandom(17).hex(), "KEYSTORE"))
write("battlenet-not-hex.xml", battle_net("not hex at all", mask("EU-1")))
write("battlenet-too-long.xml", battle_net("00" * 80, mask("EU-1")))
write("battlenet-cut.xml", battle_net(mask(BATTLE_NET_KEY.hex()), mask("EU-1"))[:300])

# --- TOTP Authenticator: its backup (base64 of AES-256-CBC under SHA-256 of the password) and
# its preferences XML ----------------------------------------------------------------------------
def totp_account(issuer, name, base, key, digits, period, favourite=False):
    return {"accountHeaderLabel": "", "allowNotifications": False, "base": base,
            "digits": str(digits), "fileName": "", "iconLabel": "", "iconPath": "",
            "isFavorite": favourite, "isSelected": False, "isWidgetActive": False,
            "issuer": issuer, "key": key, "name": name, "period": str(period),
            "setIconFromDrawable": True, "source": 0, "timeRemaining": 0, "totpCode": "",
            "widgetId": 0}


totp_accounts = [
    totp_account("Deno", "mason", 16, "E49270F0D21F365C8408F8B475C5267C", 6, 30, True),
    totp_account("SPDX", "james", 32, "5OM4WOOGPLQEF6UGN3CPEOOLWU", 7, 20),
    totp_account("Airbnb", "elijah", 64, base64.b64encode(bytes(range(1, 21))).decode(), 8, 50),
    totp_account("Odd", "base", 7, "1234", 6, 30),
]


def totp_backup(accounts, pwd):
    plain = json.dumps({json.dumps(accounts, separators=(",", ":")): "1608293023"},
                       separators=(",", ":")).encode()
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    key = hashlib.sha256(pwd).digest()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(bytes(16))).encryptor()
    return base64.b64encode(encryptor.update(padded) + encryptor.finalize())


totp_bin = totp_backup(totp_accounts, password)
write("totpauth.bin", totp_bin)
write("totpauth-default.bin", totp_backup(totp_accounts, b"TotpAuthenticator"))
write("totpauth-cut.bin", totp_bin[:len(totp_bin) // 2 - 3])
write("totpauth.xml", prefs_xml([
    ("int", "RATE_US_COUNTER", "13"),
    ("boolean", "FIRST_ACCOUNT_ADDED_BACKUP", "true"),
    ("string", "STATIC_TOTP_CODES_LIST", json.dumps(totp_accounts, separators=(",", ":"))),
    ("string", "SORT_ACCOUNT_BY", "CUSTOM"),
]))
write("totpauth-wrong-types.xml", prefs_xml([
    ("string", "STATIC_TOTP_CODES_LIST", json.dumps({"issuer": "not a list"})),
]))
write("totpauth-huge.xml", prefs_xml([
    ("string", "STATIC_TOTP_CODES_LIST",
     json.dumps([{"base": 7, "key": "1", "issuer": "x"}] * 60_000, separators=(",", ":"))),
]))

# --- FreeOTP 2: a Java-serialized HashMap<String, String> of its backup preferences ----------
# The writer follows the Java Object Serialization Specification, chapter 6, and writes what
# Android's ObjectOutputStream writes for a HashMap (fields loadFactor and threshold, then its
# writeObject data: capacity, size, and each key and value as a string object).
TC_NULL, TC_REFERENCE, TC_CLASSDESC, TC_OBJECT, TC_STRING = 0x70, 0x71, 0x72, 0x73, 0x74
TC_BLOCKDATA, TC_ENDBLOCKDATA, TC_LONGSTRING = 0x77, 0x78, 0x7C
HASHMAP_UID = 362498820763181265


def modified_utf8(text):
    """DataOutput.writeUTF's encoding: NUL as C0 80, non-BMP as two 3-byte surrogates."""
    out = bytearray()
    for unit in struct.unpack("<%dH" % (len(text.encode("utf-16-le")) // 2),
                              text.encode("utf-16-le")):
        if 0 < unit < 0x80:
            out.append(unit)
        elif unit < 0x800:
            out += bytes([0xC0 | unit >> 6, 0x80 | unit & 0x3F])
        else:
            out += bytes([0xE0 | unit >> 12, 0x80 | (unit >> 6) & 0x3F, 0x80 | unit & 0x3F])
    return bytes(out)


def java_utf(text):
    data = modified_utf8(text)
    return struct.pack(">H", len(data)) + data


def java_string(text):
    data = modified_utf8(text)
    if len(data) <= 0xFFFF:
        return bytes([TC_STRING]) + struct.pack(">H", len(data)) + data
    return bytes([TC_LONGSTRING]) + struct.pack(">Q", len(data)) + data


def java_hashmap(pairs, size=None, objects=None):
    capacity = 16
    while capacity * 0.75 < len(pairs):
        capacity *= 2
    out = bytearray(b"\xac\xed\x00\x05")
    out += bytes([TC_OBJECT, TC_CLASSDESC]) + java_utf("java.util.HashMap")
    out += struct.pack(">q", HASHMAP_UID) + b"\x03" + struct.pack(">H", 2)
    out += b"F" + java_utf("loadFactor") + b"I" + java_utf("threshold")
    out += bytes([TC_ENDBLOCKDATA, TC_NULL])
    out += struct.pack(">fi", 0.75, int(capacity * 0.75))
    out += bytes([TC_BLOCKDATA, 8]) + struct.pack(">ii", capacity,
                                                 len(pairs) if size is None else size)
    if objects is None:
        objects = b"".join(java_string(k) + java_string(v) for k, v in pairs)
    out += objects + bytes([TC_ENDBLOCKDATA])
    return bytes(out)


def gcm_parameters(nonce):
    """DER of GCMParameters (RFC 5084): SEQUENCE { OCTET STRING nonce, INTEGER 16 }."""
    body = b"\x04" + bytes([len(nonce)]) + nonce + b"\x02\x01\x10"
    return b"\x30" + bytes([len(body)]) + body


def encrypted_key(key, plain, token, bare=False):
    """bare: the parameters as a bare OCTET STRING holding the nonce, as
    Android 6 (API 23) wrote them (seen in a real FreeOTP 2 backup)."""
    nonce = os.urandom(12)
    parameters = b"\x04\x0c" + nonce if bare else gcm_parameters(nonce)
    return {"mCipher": "AES/GCM/NoPadding",
            "mCipherText": signed(AESGCM(key).encrypt(nonce, plain, token.encode())),
            "mParameters": signed(parameters), "mToken": token}


def signed(data):
    return [b - 256 if b > 127 else b for b in data]


def gson(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def freeotp_backup(tokens, kdf="PBKDF2withHmacSHA512", iterations=100_000, pwd=password,
                   bare=False):
    salt, master = os.urandom(32), os.urandom(32)
    digest = {"PBKDF2withHmacSHA512": "sha512", "PBKDF2withHmacSHA1": "sha1"}[kdf]
    kek = hashlib.pbkdf2_hmac(digest, pwd, salt, min(iterations, 100_000), 32)
    pairs = [("masterKey", gson({"mAlgorithm": kdf,
                                  "mEncryptedKey": encrypted_key(kek, master, "AES", bare),
                                  "mIterations": iterations, "mSalt": signed(salt)}))]
    for uuid, secret, token in tokens:
        algorithm = "Hmac" + token.get("algo", "SHA1")
        # org.json writes "/" as "\/" in the outer object, as in FreeOTP's files.
        key = json.dumps({"key": gson(encrypted_key(master, secret, algorithm, bare))},
                         separators=(",", ":")).replace("/", "\\/")
        pairs.append((uuid, key))
        pairs.append((uuid + "-token", gson(token)))
    return java_hashmap(pairs), pairs


freeotp_tokens = [
    ("4a770c9c-9f81-4718-9791-dc7844ccf3e1", bytes(range(50, 66)),
     {"algo": "SHA256", "digits": 7, "issuerExt": "SPDX", "issuerInt": "SPDX",
      "label": "James", "period": 20, "type": "TOTP"}),
    ("afcc63b4-ce31-43d2-9ec0-3b4e6ce0deef", b"12345678901234567890",
     {"algo": "SHA1", "counter": 1, "digits": 6, "issuerExt": "Issuu", "issuerInt": "Issuu",
      "label": "James", "type": "HOTP"}),
    ("a4785f42-8194-4d0f-a82b-10f0bddb06e7", bytes(range(200, 232)),
     {"algo": "SHA512", "digits": 8, "issuerExt": "Café ☕", "issuerInt": "Cafe",
      "label": "\U0001F511 main", "period": 50, "type": "TOTP", "color": "336699",
      "lock": False, "lastUsed": 1700000000000}),
]
backup, pairs = freeotp_backup(freeotp_tokens)
write("freeotp2.xml", backup)
write("freeotp2-sha1.xml", freeotp_backup(freeotp_tokens[:1], "PBKDF2withHmacSHA1")[0])
# Android 6's GCM parameters: the nonce as a bare OCTET STRING.
write("freeotp2-api23.xml", freeotp_backup(freeotp_tokens[:1], bare=True)[0])
write("freeotp2-cut.xml", backup[:len(backup) // 2])
write("freeotp2-costly.xml", freeotp_backup(freeotp_tokens[:1], iterations=2_000_000_000)[0])
# The map's size says two billion entries; two are there.
write("freeotp2-huge-size.xml", java_hashmap(pairs[:2], size=2**31 - 1))
# 60,000 real entries: more than any backup holds.
write("freeotp2-many.xml", java_hashmap([("k%d" % i, "v") for i in range(60_000)]))
# A string object claiming 2^60 bytes.
write("freeotp2-long-string.xml", java_hashmap(
    pairs[:1], objects=bytes([TC_LONGSTRING])
    + struct.pack(">Q", 1 << 60) + b"x" * 100))
# Wrong types: a value that is null, and a master key whose salt is text.
write("freeotp2-null.xml", java_hashmap(
    pairs[:1], objects=java_string("masterKey") + bytes([TC_NULL])))
master = json.loads(pairs[0][1])
master["mSalt"] = "salt"
write("freeotp2-wrong-types.xml", java_hashmap([("masterKey", gson(master))] + pairs[1:]))
# A class chain ten thousand classes deep.
deep = bytearray(b"\xac\xed\x00\x05" + bytes([TC_OBJECT]))
for _ in range(10_000):
    deep += bytes([TC_CLASSDESC]) + java_utf("X") + bytes(8) + b"\x02\x00\x00" \
        + bytes([TC_ENDBLOCKDATA])
write("freeotp2-deep.xml", bytes(deep))

# --- FreeOTP+ internal tokens.xml (its shared_prefs: FreeOTP's token JSON, and tokenOrder) -------
plus_tokens = {
    "WWE:Mason": {"algo": "SHA512", "counter": 10299, "digits": 8, "issuerExt": "WWE",
                  "issuerInt": "WWE", "label": "Mason", "period": 30,
                  "secret": signed(bytes(range(10, 26))), "type": "HOTP"},
    "Deno:Mason": {"algo": "SHA1", "counter": 0, "digits": 6, "issuerExt": "",
                   "issuerInt": "Deno", "label": "Mason", "period": 30,
                   "secret": signed(bytes(range(130, 150))), "type": "TOTP"},
    "SPDX:James": {"algo": "SHA256", "counter": 0, "digits": 7, "issuerExt": "SPDX",
                   "issuerInt": "SPDX", "label": "James", "period": 20,
                   "secret": signed(bytes(range(0, 32))), "type": "TOTP"},
}
write("freeotp-plus-tokens.xml", prefs_xml(
    [("string", name, gson(token)) for name, token in plus_tokens.items()]
    + [("string", "tokenOrder", gson(list(plus_tokens)))]))
