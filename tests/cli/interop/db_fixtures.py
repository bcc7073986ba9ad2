#!/usr/bin/env python3
"""Writes authenticator apps' own SQLite databases, for databases.rs beside
this file, with Python's sqlite3 module (the SQLite library Debian ships,
independent of the copy Tessera builds in). The schemas are the apps' as
their importers in Aegis read them (GoogleAuthImporter, MicrosoftAuthImporter,
StratumImporter) and Stratum's entity classes name them.

    db_fixtures.py OUT_DIR PASSWORD     (the password is not used: none of
                                        these databases is encrypted)
"""

import base64
import os
import sqlite3
import sys


def database(path, script, rows=(), wal=False):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    if wal:
        # Google Authenticator's database is left in WAL mode on the phone.
        db.execute("PRAGMA journal_mode=WAL")
    db.executescript(script)
    for sql, values in rows:
        db.execute(sql, values)
    db.commit()
    db.close()


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)

    google = """
        CREATE TABLE android_metadata (locale TEXT);
        CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL,
            secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER,
            provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL,
            original_name TEXT DEFAULT NULL, isencrypted INTEGER DEFAULT 0);
    """
    insert = ("INSERT INTO accounts (email, secret, counter, type, issuer, original_name,"
              " isencrypted) VALUES (?, ?, ?, ?, ?, ?, ?)")
    database(os.path.join(out, "google-databases"), google, [
        (insert, ("alice@example.com", "jbsw y3dp ehpk 3pxp", 0, 0, "GitHub",
                  "GitHub:alice@example.com", 0)),
        # No issuer column value: the part of the name before ':' stands in.
        (insert, ("Bank:bob", "MFRGGZDFMZTWQ2LK", 7, 1, None, "Bank:bob", 0)),
        (insert, ("old@example.com", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0, 0, "Sealed",
                  "Sealed:old@example.com", 1)),
    ], wal=True)

    microsoft = """
        CREATE TABLE accounts (_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT,
            username TEXT, paws_url TEXT, oath_secret_key TEXT, oath_enabled INTEGER,
            account_type INTEGER, cid TEXT, tenant_id TEXT, object_id TEXT);
    """
    insert = ("INSERT INTO accounts (name, username, oath_secret_key, oath_enabled,"
              " account_type) VALUES (?, ?, ?, ?, ?)")
    work_key = base64.b64encode(b"0123456789abcdef").decode()
    database(os.path.join(out, "microsoft-PhoneFactor"), microsoft, [
        (insert, ("Contoso", "carol@contoso.example", "KRSXG5CTMVRXEZLU", 1, 0)),
        (insert, ("Microsoft", "dave@work.example", work_key, 1, 1)),
        (insert, ("Microsoft", "erin@outlook.example", None, 0, 2)),
    ])

    stratum = """
        CREATE TABLE authenticator (type INTEGER, icon TEXT, issuer TEXT,
            username TEXT, secret TEXT PRIMARY KEY, pin TEXT, algorithm INTEGER,
            digits INTEGER, period INTEGER, counter INTEGER, copyCount INTEGER,
            ranking INTEGER);
        CREATE TABLE category (id TEXT PRIMARY KEY, name TEXT, ranking INTEGER);
        CREATE TABLE authenticatorcategory (categoryId TEXT, authenticatorSecret TEXT,
            ranking INTEGER);
    """
    insert = ("INSERT INTO authenticator (type, issuer, username, secret, algorithm,"
              " digits, period, counter, copyCount, ranking) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)")
    database(os.path.join(out, "stratum-authenticator.db3"), stratum, [
        (insert, (2, "GitLab", "dev", "KRSXG5CTMVRXEZLU", 1, 8, 60, 0)),
        (insert, (1, "Bank", "acct", "MFRGGZDFMZTWQ2LKNNWG23TPOA", 0, 6, 30, 12)),
        (insert, (4, "Steam", "gamer", "GEZDGNBVGY3TQOJQ", 0, 5, 30, 0)),
        (insert, (3, "Old", "motp", "ABCDEFGHABCDEFGH", 0, 6, 10, 0)),
        ("INSERT INTO category VALUES (?, ?, ?)", ("5c8d1e0a", "Work", 0)),
        ("INSERT INTO authenticatorcategory VALUES (?, ?, ?)",
         ("5c8d1e0a", "KRSXG5CTMVRXEZLU", 0)),
    ])

    # Hostile files.
    # A million rows (a small file: every row nearly empty).
    path = os.path.join(out, "google-million")
    database(path, "CREATE TABLE accounts (email TEXT, secret TEXT, type INTEGER);")
    db = sqlite3.connect(path)
    db.executemany("INSERT INTO accounts VALUES ('', 'A', 0)",
                   ([] for _ in range(1_000_000)))
    db.commit()
    db.close()
    # A view that never ends standing in for the table.
    database(os.path.join(out, "google-endless"), """
        CREATE TABLE android_metadata (locale TEXT);
        CREATE VIEW accounts AS WITH RECURSIVE n(x) AS
            (SELECT 1 UNION ALL SELECT x + 1 FROM n)
            SELECT '' AS email, 'A' AS secret, 0 AS type, 0 AS counter FROM n WHERE x < 0;
    """)
    # Cut short.
    with open(os.path.join(out, "microsoft-PhoneFactor"), "rb") as f:
        whole = f.read()
    with open(os.path.join(out, "microsoft-cut"), "wb") as f:
        f.write(whole[:len(whole) // 2 + 100])
    # A database of something else.
    database(os.path.join(out, "other.db"), "CREATE TABLE notes (body TEXT);")


if __name__ == "__main__":
    main()
