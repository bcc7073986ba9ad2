#!/usr/bin/env python3
"""Writes the notices of every crate built into the tessera binary.

    python3 packaging/notices.py OUT.txt [--manifest-path Cargo.toml]

The binary links its Rust dependencies statically, and their licences (MIT,
Apache-2.0, BSD, ISC, Zlib, ...) ask that their notices go with every copy.
This walks `cargo metadata` from the tessera package over normal (not dev,
not build) dependencies, with the default features, for this machine's target,
and writes, per crate: its name, version, declared licence expression, and the
text of each licence file the crate ships (LICENSE*, LICENCE*, COPYING*,
NOTICE*, COPYRIGHT*, UNLICENSE*, plus `license-file`). A text that is byte for
byte one written above (the Apache-2.0 text most crates carry) is referred to
instead of repeated. Needs only python3 and cargo; runs offline once the
crates are downloaded (as after any build).
"""

import hashlib
import json
import os
import re
import subprocess
import sys

LICENCE_FILE = re.compile(
    r"^(licen[cs]e|copying|notice|copyright|unlicense)([-_.].*)?$", re.IGNORECASE
)


def host_triple():
    out = subprocess.run(["rustc", "-vV"], check=True, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        if line.startswith("host: "):
            return line.split(": ", 1)[1].strip()
    raise SystemExit("notices.py: rustc -vV names no host")


def metadata(manifest):
    command = [
        "cargo",
        "metadata",
        "--format-version",
        "1",
        "--locked",
        "--filter-platform",
        host_triple(),
        "--manifest-path",
        manifest,
    ]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def shipped(meta):
    """The packages reachable from the root over normal dependencies."""
    nodes = {node["id"]: node for node in meta["resolve"]["nodes"]}
    root = meta["resolve"]["root"]
    seen = {root}
    todo = [root]
    while todo:
        node = nodes[todo.pop()]
        for dep in node["deps"]:
            normal = any(kind["kind"] is None for kind in dep["dep_kinds"])
            if normal and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    seen.discard(root)
    packages = [p for p in meta["packages"] if p["id"] in seen]
    return sorted(packages, key=lambda p: (p["name"], p["version"]))


def licence_files(package):
    folder = os.path.dirname(package["manifest_path"])
    names = sorted(n for n in os.listdir(folder) if LICENCE_FILE.match(n))
    paths = [os.path.join(folder, n) for n in names]
    declared = package.get("license_file")
    if declared:
        path = os.path.normpath(os.path.join(folder, declared))
        if path not in paths and os.path.isfile(path):
            paths.append(path)
    return [p for p in paths if os.path.isfile(p)]


def main():
    args = sys.argv[1:]
    manifest = "Cargo.toml"
    if "--manifest-path" in args:
        at = args.index("--manifest-path")
        manifest = args[at + 1]
        del args[at : at + 2]
    if len(args) != 1:
        raise SystemExit(__doc__)
    packages = shipped(metadata(manifest))
    written = {}
    lines = [
        "Third-party notices for Tessera",
        "",
        f"The tessera binary is built with these {len(packages)} Rust crates. Each",
        "entry gives the crate's declared licence and the licence texts it ships.",
        "",
    ]
    missing = []
    for package in packages:
        name = f"{package['name']} {package['version']}"
        lines += ["=" * 78, name, f"Licence: {package.get('license') or 'not declared'}"]
        files = licence_files(package)
        if not files:
            missing.append(name)
            lines += ["(the crate ships no licence file; its declared licence is above)", ""]
        for path in files:
            data = open(path, "rb").read()
            digest = hashlib.sha256(data).hexdigest()
            label = os.path.basename(path)
            if digest in written:
                lines += [f"--- {label}: the same text as {written[digest]} above", ""]
                continue
            written[digest] = f"{label} of {name}"
            lines += [f"--- {label}", data.decode("utf-8", "replace").rstrip(), ""]
    with open(args[0], "w", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    print(
        f"notices.py: {len(packages)} crates, {len(written)} distinct texts, "
        f"{len(missing)} without a licence file",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
