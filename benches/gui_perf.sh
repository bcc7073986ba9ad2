#!/usr/bin/env bash
# Desktop app figures for docs/benchmarks.md, Tessera and OTPClient side by side
# in the same run, under a private Xvfb:
#
#   bash benches/gui_perf.sh            # builds `cargo build --release` first
#   TESSERA_BIN=target/release/tessera bash benches/gui_perf.sh
#
# For 50 and 1,000 identical TOTP accounts (benches/gui_perf_fixtures.py):
#   launch   time from starting the process to its first window being viewable
#            (median of 5 launches; polled with xdotool every ~5 ms). iced maps
#            its window right after building the first UI and before drawing it,
#            so this is the first frame give or take one draw. OTPClient's first
#            window is its password dialog.
#   rss      VmRSS from /proc after typing the password and letting the list show
#            (3 s settle)
#   cpu      (utime+stime) over the next 30 s while the list shows codes and
#            countdowns, as % of one core; the X server's share is given too,
#            since both apps draw through it
#   keys     (Tessera) keystroke-to-frame latency while searching the list:
#            benches/gui_keystroke.py types "user0999" and backspaces it
#            away through XTEST, 3 rounds, and times each key until the search
#            field's pixels change in the window (read back with GetImage)
# Comparing two Tessera builds: run the script for each in turns with
# OTPCLIENT=no (OTPClient left out) and NAME=<label> (the rows' name instead
# of "tessera"), e.g. NAME=main TESSERA_BIN=... OTPCLIENT=no SIZES=1000.
# BREAKDOWN=1 writes where each app's resident memory is, at the moment it is
# measured, to $OUT/<app>-memory.md (benches/mem_breakdown.py).
# ISSUERS=brands names the accounts after services with brand icons (every row
# then draws one) instead of "Service 0001".
# Results go to stdout as a table and to $OUT (default target/gui-perf/) with
# the apps' logs and a screenshot (XWD) of each unlocked list.
# Needs: xvfb, xdotool, x11-apps, dbus, otpclient, python3-cryptography,
# python3-xlib
# (installed when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/.."

PASSWORD='perf-password-1234'
SIZES=${SIZES:-"50 1000"}
LAUNCHES=${LAUNCHES:-5}
CPU_SECONDS=${CPU_SECONDS:-30}
OUT=${OUT:-target/gui-perf}
OTPCLIENT=${OTPCLIENT:-yes}
NAME=${NAME:-tessera}
TICKS=$(getconf CLK_TCK)

declare -A NEEDED=([Xvfb]=xvfb [xdotool]=xdotool [xwd]=x11-apps [dbus-daemon]=dbus)
[ "$OTPCLIENT" = no ] || NEEDED[otpclient]=otpclient
missing=()
for tool in "${!NEEDED[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${NEEDED[$tool]}")
done
python3 -c 'import cryptography' 2>/dev/null || missing+=(python3-cryptography)
/usr/bin/python3 -c 'import Xlib.ext.xtest' 2>/dev/null || missing+=(python3-xlib)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})." >&2
    exit 1
  fi
fi

if [ -z "${TESSERA_BIN:-}" ]; then
  cargo build --release --locked --bin tessera
  TESSERA_BIN=target/release/tessera
fi
TESSERA_BIN=$(realpath "$TESSERA_BIN")
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

now_ns() { date +%s%N; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# start NAME HOME CMD...: starts CMD with HOME/XDG dirs under HOME, sets $pid
# and $win (its first viewable window) and $launch_ms.
start() {
  local name=$1 home=$2
  shift 2
  local t0
  t0=$(now_ns)
  HOME=$home XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config \
    "$@" >>"$OUT/$name.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  win=
  for _ in $(seq 4000); do
    win=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -1) || true
    [ -n "$win" ] && break
    sleep 0.001
  done
  [ -n "$win" ] || { echo "$name: no window within 20 s" >&2; exit 1; }
  launch_ms=$((($(now_ns) - t0) / 1000000))
}

stop() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# measure NAME HOME CMD...: launches, unlock, RSS, CPU; prints one table row.
measure() {
  local name=$1 home=$2
  shift 2
  local times=()
  for _ in $(seq "$LAUNCHES"); do
    start "$name" "$home" "$@"
    times+=("$launch_ms")
    stop
  done
  local launch
  launch=$(printf '%s\n' "${times[@]}" | median)

  start "$name" "$home" "$@"
  xdotool windowfocus "$win" 2>/dev/null || true
  sleep 0.3
  xdotool type --delay 10 -- "$PASSWORD"
  xdotool key Return
  sleep 3
  xwd -silent -root >"$OUT/$name-unlocked.xwd"
  local rss=$(($(rss_kb "$pid") / 1024))
  # BREAKDOWN=1: where that resident memory is (benches/mem_breakdown.py reads
  # smaps and pagemap from outside; the app does nothing for it).
  if [ -n "${BREAKDOWN:-}" ]; then
    /usr/bin/python3 benches/mem_breakdown.py "$pid" --crates 30 >"$OUT/$name-memory.md" 2>&1 || true
  fi
  local a x
  a=$(ticks "$pid")
  x=$(ticks "$xvfb")
  sleep "$CPU_SECONDS"
  local b y
  b=$(ticks "$pid")
  y=$(ticks "$xvfb")
  if [[ $name != otpclient-* ]]; then
    /usr/bin/python3 benches/gui_keystroke.py "$win" "user0999" --rounds 3 \
      >"$OUT/$name-keys.txt" 2>&1 || true
    keys+=("| $name | $(tail -1 "$OUT/$name-keys.txt") |")
  fi
  stop
  local cpu xcpu
  cpu=$(awk -v d=$((b - a)) -v t="$TICKS" -v s="$CPU_SECONDS" 'BEGIN {printf "%.2f", 100 * d / t / s}')
  xcpu=$(awk -v d=$((y - x)) -v t="$TICKS" -v s="$CPU_SECONDS" 'BEGIN {printf "%.2f", 100 * d / t / s}')
  printf '| %s | %s | %s ms (%s) | %s MB | %s %% | %s %% |\n' \
    "$name" "$n" "$launch" "$(
      IFS=,
      echo "${times[*]}"
    )" "$rss" "$cpu" "$xcpu"
}

keys=()
echo "| app | accounts | launch to first window (median; all runs) | resident after unlock | CPU, ${CPU_SECONDS} s with codes | X server CPU meanwhile |"
echo "|---|---|---|---|---|---|"
for n in $SIZES; do
  fixtures="$work/fixtures-$n"
  python3 benches/gui_perf_fixtures.py "$n" "$PASSWORD" "$fixtures"
  printf '%s\n' "$PASSWORD" >"$work/password"

  # Tessera: a vault at the default path with the N accounts; auto-lock off.
  th="$work/tessera-$n"
  mkdir -p "$th/config/tessera"
  printf 'auto_lock_minutes = 0\n' >"$th/config/tessera/settings.toml"
  HOME=$th XDG_DATA_HOME=$th/data XDG_CONFIG_HOME=$th/config \
    "$TESSERA_BIN" --password-file "$work/password" --no-keyring init >/dev/null
  HOME=$th XDG_DATA_HOME=$th/data XDG_CONFIG_HOME=$th/config \
    "$TESSERA_BIN" --password-file "$work/password" --no-keyring import "$fixtures/uris.txt" >/dev/null
  measure "$NAME-$n" "$th" "$TESSERA_BIN"
  [ "$OTPCLIENT" = no ] && continue

  # OTPClient: its database with the same accounts, no Secret Service, password typed.
  oh="$work/otpclient-$n"
  mkdir -p "$oh/config" "$oh/data"
  cp "$fixtures/otpclient-db.enc" "$oh/data/otpclient-db.enc"
  printf '[config]\ndb_path=%s\nuse_secret_service=false\nshow_memlock_warning=false\n' \
    "$oh/data/otpclient-db.enc" >"$oh/config/otpclient.cfg"
  measure "otpclient-$n" "$oh" otpclient
done
echo
echo "| app | keystroke to frame, searching (ms) |"
echo "|---|---|"
printf '%s\n' "${keys[@]}"
echo
echo "$(date -u +%F) $(uname -m), $(nproc) cores; $("$TESSERA_BIN" --version); $(dpkg-query -W -f='otpclient ${Version}' otpclient 2>/dev/null)"
# How much of link-order.txt (build.rs) this binary still has: far below all
# of it, the code a session runs is spread out again and the resident figure
# grows; regenerate the order (benches/code_profile.sh).
if command -v nm >/dev/null && [ -f link-order.txt ]; then
  listed=$(grep -vc '^#' link-order.txt)
  present=$(nm --defined-only "$TESSERA_BIN" 2>/dev/null | awk '{print $3}' | sort -u |
    comm -12 - <(grep -v '^#' link-order.txt | sort -u) | wc -l)
  echo "link order: $present of the $listed functions in link-order.txt are in this binary"
fi
