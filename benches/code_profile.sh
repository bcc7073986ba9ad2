#!/usr/bin/env bash
# Which of the binary's functions run in an ordinary session, found exactly
# under Valgrind's callgrind (every executed function is counted, none sampled):
#
#   TESSERA_BIN=target/release/tessera bash benches/code_profile.sh
#
# The session is gui_perf.sh's: a private Xvfb and session bus, a vault of N
# (default 1,000) TOTP accounts at the default path, the window opened, the
# password typed, the list shown, "user0999" searched for and erased, a few
# one-second ticks. Callgrind runs the app 50-100 times slower, so the waits
# are long (about two minutes in all).
#
# Writes to $OUT (default target/code-profile/):
#   callgrind.out   the raw profile
#   faults.data     the native run's page faults (perf), when perf is installed
#   functions.tsv   one line per function of the binary that ran:
#                   size in bytes, instructions executed, symbol (mangled)
#   $ORDER          (when set) the link order build.rs gives the linker:
#                   every function that ran, sorted by name, plus the names
#                   the file held that the binary still has (so runs add up)
# and prints how much code ran against the size of .text: the floor of the
# binary's resident code if everything that runs sat together
# (docs/benchmarks.md, "Resident memory").
# Needs: valgrind, xvfb, xdotool, dbus, binutils (nm), python3-cryptography.
set -euo pipefail
cd "$(dirname "$0")/.."

PASSWORD='perf-password-1234'
N=${N:-1000}
OUT=${OUT:-target/code-profile}
TESSERA_BIN=$(realpath "${TESSERA_BIN:-target/release/tessera}")
UNLOCK_WAIT=${UNLOCK_WAIT:-90}  # seconds, under callgrind
for tool in valgrind callgrind_control Xvfb xdotool dbus-daemon nm; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
mkdir -p "$OUT"
OUT=$(realpath "$OUT")

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A private X server and session bus (benches/common/x-session.sh).
. benches/common/x-session.sh
x_session "$work"

python3 benches/gui_perf_fixtures.py "$N" "$PASSWORD" "$work/fixtures" >/dev/null
printf '%s\n' "$PASSWORD" >"$work/password"
home="$work/home"
mkdir -p "$home/config/tessera"
printf 'auto_lock_minutes = 0\n' >"$home/config/tessera/settings.toml"
export HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config
"$TESSERA_BIN" --password-file "$work/password" --no-keyring init >/dev/null
"$TESSERA_BIN" --password-file "$work/password" --no-keyring import "$work/fixtures/uris.txt" >/dev/null

# session UNLOCK_SECONDS KEY_GAP CMD...: runs CMD (the app, maybe under a
# tool) through the session, waiting that long for the unlock and between
# keys. Sets $pid.
session() {
  local unlock=$1 gap=$2
  shift 2
  "$@" >>"$OUT/app.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  local win=
  for _ in $(seq 600); do
    win=$(xdotool search --onlyvisible --name . 2>/dev/null | head -1) || true
    [ -n "$win" ] && break
    sleep 0.2
  done
  [ -n "$win" ] || { echo "no window within 120 s" >&2; exit 1; }
  sleep 5
  xdotool windowfocus "$win" 2>/dev/null || true
  xdotool type --delay 50 -- "$PASSWORD"
  xdotool key Return
  sleep "$unlock"
  # Search, copy the match (Enter), clear the search: the list's everyday use.
  for key in u s e r 0 9 9 9 Return BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace; do
    xdotool key "$key"
    sleep "$gap"
  done
  sleep 5
}

# 1. Under callgrind: every function that runs, exactly (as Valgrind's CPU
#    runs it: it lacks some instructions, e.g. SHA-NI, so a few native code
#    paths differ).
rm -f "$OUT"/callgrind.out* "$OUT/app.log" "$OUT/faults.data"
session "$UNLOCK_WAIT" 1 valgrind --tool=callgrind --demangle=no --dump-instr=no --compress-strings=no \
  --compress-pos=no --callgrind-out-file="$OUT/callgrind.out" "$TESSERA_BIN"
callgrind_control --dump "$pid" >/dev/null
sleep 2
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true

# 2. Natively, the same session with every page fault recorded (perf): the
#    code that faults in pages natively (first touches, including the paths
#    Valgrind's CPU does not take). Skipped without perf.
if command -v perf >/dev/null; then
  session 3 0.2 perf record -q -e page-faults -c 1 -d -o "$OUT/faults.data" -- "$TESSERA_BIN"
  kill -INT "$(pgrep -P "$pid" | head -1)" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  perf script -i "$OUT/faults.data" --show-mmap-events -F addr 2>/dev/null >"$OUT/faults.txt" || true
fi

python3 - "$TESSERA_BIN" "$OUT" "${ORDER:-}" <<'EOF'
import collections, glob, os, re, subprocess, sys
binary, out, order = sys.argv[1], sys.argv[2], sys.argv[3]
sizes = {}
for line in subprocess.run(["nm", "-S", "--defined-only", binary], capture_output=True, text=True).stdout.splitlines():
    parts = line.split(" ", 3)
    if len(parts) == 4 and parts[2] in "tTwW":
        sizes[parts[3]] = max(sizes.get(parts[3], 0), int(parts[1], 16))
ran = collections.Counter()
for path in glob.glob(os.path.join(out, "callgrind.out*")):
    ob = fn = None
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("ob="):
                ob = line[3:].strip()
            elif line.startswith("fn="):
                # callgrind marks a function's recursion levels as name'2, name'3
                fn = re.sub(r"'[0-9]+$", "", line[3:].strip()) if ob and os.path.realpath(ob) == os.path.realpath(binary) else None
            elif fn and line[:1].isdigit():
                fields = line.split()
                if len(fields) >= 2:
                    ran[fn] += int(fields[1])
# Natively faulting code addresses -> the functions they are in.
faults = os.path.join(out, "faults.txt")
if os.path.exists(faults):
    import bisect
    syms = []
    for line in subprocess.run(["nm", "-S", "--defined-only", binary], capture_output=True, text=True).stdout.splitlines():
        parts = line.split(" ", 3)
        if len(parts) == 4 and parts[2] in "tTwW":
            syms.append((int(parts[0], 16), int(parts[1], 16), parts[3]))
    syms.sort()
    starts = [a for a, _, _ in syms]
    base = None
    native = set()
    with open(faults) as f:
        for line in f:
            if "PERF_RECORD_MMAP" in line:
                if base is None and line.rstrip().endswith(" " + os.path.realpath(binary)) and "@ 0 " in line:
                    base = int(re.search(r"\[0x([0-9a-f]+)\(", line)[1], 16)
                continue
            try:
                addr = int(line.split()[0], 16)
            except (IndexError, ValueError):
                continue
            if base is None:
                continue
            i = bisect.bisect_right(starts, addr - base) - 1
            if i >= 0 and syms[i][0] <= addr - base < syms[i][0] + syms[i][1]:
                native.add(syms[i][2])
    added = native - set(ran)
    for name in added:
        ran[name] += 0
    print(f"natively faulting functions: {len(native)}, {len(added)} of them not seen under callgrind")
with open(os.path.join(out, "functions.tsv"), "w") as f:
    for name in sorted(ran):
        f.write(f"{sizes.get(name, 0)}\t{ran[name]}\t{name}\n")
text = 0
for line in subprocess.run(["readelf", "-SW", binary], capture_output=True, text=True).stdout.splitlines():
    m = re.search(r"\]\s+\.text\s+\S+\s+\S+\s+\S+\s+([0-9a-f]+)", line)
    if m:
        text = int(m[1], 16)
total = sum(sizes.get(n, 0) for n in ran)
kept = set()
if order and os.path.exists(order):
    # Names the file already holds stay while the binary still has them:
    # runs add the paths that timing varies (which D-Bus reply comes first).
    kept = {l.strip() for l in open(order) if l.strip() and not l.startswith("#")}
if order:
    # The link order (build.rs): every function that ran, by name, so
    # that related code (one crate, one module) sits together too.
    with open(order, "w") as f:
        f.write("# Functions a typical session runs (benches/code_profile.sh); release builds\n")
        f.write("# place them first in .text, together (build.rs, docs/benchmarks.md).\n")
        for name in sorted(n for n in set(ran) | kept if n in sizes):
            f.write(name + "\n")
print(f"functions of the binary that ran: {len(ran)}, {total / 2**20:.2f} MiB of code; .text {text / 2**20:.2f} MiB")
EOF
