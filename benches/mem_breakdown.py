#!/usr/bin/python3
"""Where a running process's resident memory is, mapping by mapping.

    mem_breakdown.py PID [--binary PATH] [--crates N]

Reads /proc/PID/smaps and sums Rss by what each mapping is: the executable's
own pages split by ELF section (.text, .rodata, unwind tables, relocated
data), each shared library, the heap, thread stacks, malloc arenas, other
anonymous memory, shared-memory buffers (the window's pixels) and mapped font
files. With --crates N it also reads /proc/PID/pagemap for the executable's
code and names the N crates whose functions cover most resident code pages
(a 4 KiB page counts for each crate with a function on it, split by bytes).

Figures are MiB (2^20 bytes) of Rss, the same pages VmRSS counts. Needs
readelf and nm (binutils); must run as the process's user or root (the app
sets PR_SET_DUMPABLE 0, so its smaps are root's).
"""

import argparse
import bisect
import collections
import os
import re
import struct
import subprocess
import sys

PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024


def mappings(pid):
    """Yields (start, end, perms, offset, path, fields) per smaps entry."""
    head = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) ([0-9a-f]+) \S+ \d+\s*(.*)$")
    current = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            m = head.match(line)
            if m:
                if current:
                    yield current
                current = (
                    int(m[1], 16),
                    int(m[2], 16),
                    m[3],
                    int(m[4], 16),
                    m[5].strip(),
                    {},
                )
            elif current and ":" in line:
                key, _, value = line.partition(":")
                parts = value.split()
                if len(parts) == 2 and parts[1] == "kB":
                    current[5][key] = int(parts[0]) * 1024
    if current:
        yield current


def sections(binary):
    """[(file_offset, size, name)] of the allocated sections that occupy the file."""
    out = subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True, check=True).stdout
    result = []
    for line in out.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+\S+\s+(\S*)", line)
        if not m or "A" not in m[6] or m[2] == "NOBITS":
            continue
        result.append((int(m[4], 16), int(m[5], 16), m[1], int(m[3], 16)))
    return sorted(result)


def section_of(secs, file_offset):
    for off, size, name, _ in secs:
        if off <= file_offset < off + size:
            return name
    return "(headers/padding)"


def present_pages(pid, start, end):
    """Virtual page addresses in [start, end) that are mapped in (pagemap bit 63)."""
    with open(f"/proc/{pid}/pagemap", "rb") as f:
        f.seek(start // PAGE * 8)
        data = f.read((end - start) // PAGE * 8)
    pages = []
    for i in range(len(data) // 8):
        (entry,) = struct.unpack_from("<Q", data, i * 8)
        if entry >> 63 & 1:
            pages.append(start + i * PAGE)
    return pages


def crate_of(symbol):
    """The crate a (demangled) Rust symbol belongs to, best effort."""
    s = symbol
    s = re.sub(r"^_?<", "", s)
    s = s.lstrip("<&*(")
    s = re.sub(r"^(dyn |impl |mut |const )+", "", s)
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", s)
    if m:
        return m[1]
    return "(C/other)"


def text_by_crate(pid, binary, text_maps, secs, top):
    text = next((s for s in secs if s[2] == ".text"), None)
    if text is None:
        return
    out = subprocess.run(["nm", "-SC", "--defined-only", binary], capture_output=True, text=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split(" ", 3)
        if len(parts) == 4 and parts[2] in "tTwW":
            syms.append((int(parts[0], 16), int(parts[1], 16), parts[3]))
    syms.sort()
    addrs = [s[0] for s in syms]
    per_crate_total = collections.Counter()
    for addr, size, name in syms:
        per_crate_total[crate_of(name)] += size
    resident = collections.Counter()
    for start, end, offset, base in text_maps:
        for page in present_pages(pid, start, end):
            vaddr = page - base
            lo, hi = vaddr, vaddr + PAGE
            i = max(bisect.bisect_right(addrs, lo) - 1, 0)
            while i < len(syms) and syms[i][0] < hi:
                a, size, name = syms[i]
                overlap = min(a + size, hi) - max(a, lo)
                if overlap > 0:
                    resident[crate_of(name)] += overlap
                i += 1
    print(f"\nresident code by crate (bytes of functions on resident pages; of {top}):")
    print("| crate | resident | all its code |")
    print("|---|---|---|")
    for crate, n in resident.most_common(top):
        print(f"| {crate} | {n / MIB:.2f} MiB | {per_crate_total[crate] / MIB:.2f} MiB |")
    rest = sum(n for c, n in resident.items()) - sum(n for _, n in resident.most_common(top))
    print(f"| (others) | {rest / MIB:.2f} MiB | |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pid", type=int)
    ap.add_argument("--binary", help="the executable (default: /proc/PID/exe)")
    ap.add_argument("--crates", type=int, default=0)
    args = ap.parse_args()
    binary = args.binary or os.readlink(f"/proc/{args.pid}/exe")
    exe = os.path.realpath(binary)
    secs = sections(exe)
    maps = list(mappings(args.pid))
    base = min((m[0] - m[3] for m in maps if m[4] == exe and m[3] == 0), default=0)
    stacks = set()
    for tid in os.listdir(f"/proc/{args.pid}/task"):
        try:
            with open(f"/proc/{args.pid}/task/{tid}/stat") as f:
                esp = int(f.read().rsplit(")", 1)[1].split()[26])
            stacks.add(esp)
        except (OSError, IndexError, ValueError):
            pass
    threads = len(os.listdir(f"/proc/{args.pid}/task"))

    total = collections.Counter()
    exe_secs = collections.Counter()
    text_maps = []
    for start, end, perms, offset, path, f in maps:
        rss = f.get("Rss", 0)
        if path == exe:
            if "x" in perms:
                text_maps.append((start, end, offset, base))
            # Split this mapping's resident pages by the section they hold.
            for page in present_pages(args.pid, start, end):
                exe_secs[section_of(secs, offset + page - start)] += PAGE
            total["binary"] += rss
        elif path == "[heap]":
            total["heap ([heap], main arena)"] += rss
        elif path == "[stack]":
            total["main thread stack"] += rss
        elif path in ("[vdso]", "[vvar]", "[vsyscall]", "[vvar_vclock]"):
            total["kernel ([vdso], [vvar])"] += rss
        elif re.search(r"\.(ttf|otf|ttc|pfb|t1|woff2?)$", path, re.I):
            total["font files mapped"] += rss
            total[f"  font {os.path.basename(path)}"] += rss
        elif re.search(r"\.so(\.|$)", path):
            total["shared libraries"] += rss
            total[f"  lib {os.path.basename(path).split('.so')[0]}"] += rss
        elif path.startswith("/SYSV") or path.startswith("/memfd:") or path.startswith("/dev/shm") or "(deleted)" in path:
            total["shared memory (window buffer)"] += rss
        elif path == "":
            if f.get("Shared_Clean", 0) + f.get("Shared_Dirty", 0) and not f.get("Anonymous"):
                total["shared memory (window buffer)"] += rss
            elif any(start <= sp < end for sp in stacks):
                total["thread stacks"] += rss
            elif end - start >= 60 * MIB or (start % (64 * MIB) == 0 and perms.startswith("rw")):
                total["malloc arenas (threads)"] += rss
            else:
                total["other anonymous (mmap)"] += rss
        else:
            total[f"other file {path}"] += rss

    vmrss = 0
    with open(f"/proc/{args.pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                vmrss = int(line.split()[1]) * 1024
    print(f"pid {args.pid}, {threads} threads, VmRSS {vmrss / MIB:.1f} MiB; binary {os.path.getsize(exe) / MIB:.1f} MiB")
    print("| what | resident |")
    print("|---|---|")
    print(f"| binary ({exe}) | {total['binary'] / MIB:.2f} MiB |")
    size = {s[2]: s[1] for s in secs}
    for name, n in exe_secs.most_common():
        print(f"|   {name} (of {size.get(name, 0) / MIB:.1f}) | {n / MIB:.2f} MiB |")
    for key, n in sorted(total.items(), key=lambda kv: (kv[0].startswith("  "), -kv[1])):
        if key == "binary" or key.startswith("  "):
            continue
        print(f"| {key} | {n / MIB:.2f} MiB |")
        if key in ("shared libraries", "font files mapped"):
            prefix = "  lib " if key == "shared libraries" else "  font "
            for sub, m in sorted(((k, v) for k, v in total.items() if k.startswith(prefix)), key=lambda kv: -kv[1]):
                if m >= 64 * 1024:
                    print(f"|   {sub[len(prefix):]} | {m / MIB:.2f} MiB |")
    print(f"| total | {sum(v for k, v in total.items() if not k.startswith('  ')) / MIB:.2f} MiB |")
    if args.crates:
        text_by_crate(args.pid, exe, text_maps, secs, args.crates)


if __name__ == "__main__":
    sys.exit(main())
