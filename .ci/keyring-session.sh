#!/usr/bin/env bash
# Runs a command inside a private, throw-away Secret Service.
#
#   bash .ci/keyring-session.sh CMD [ARGS...]
#
# Starts a fresh D-Bus session bus (dbus-run-session) and, on it, a
# gnome-keyring-daemon whose "login" keyring is created and unlocked with a
# fixed password, then runs CMD with DBUS_SESSION_BUS_ADDRESS pointing at that
# bus, and exits with CMD's status. `secret-tool` (libsecret) and Tessera's
# keystore both see the same keyring. Everything lives in a temporary directory
# that is removed afterwards; the caller's own keyring and files are never
# touched:
#   - the bus uses a config of its own with no service directories, so nothing is
#     D-Bus-activated (in particular not a second gnome-keyring-daemon that
#     would open the real ~/.local/share/keyrings);
#   - the daemon gets XDG_DATA_HOME and XDG_RUNTIME_DIR inside the temporary
#     directory. CMD keeps the caller's environment apart from
#     DBUS_SESSION_BUS_ADDRESS.
# Works as root with no desktop session and no X server (CI). When run as root,
# it installs the Debian packages it needs if they are missing.
set -euo pipefail

say() { printf 'keyring-session: %s\n' "$*" >&2; }

# --- Stage 2: inside the private bus (dbus-run-session runs this script again) --
if [ "${1:-}" = "--inside-session" ]; then
  shift
  tmp=$1
  shift
  mkdir -m 700 "$tmp/data" "$tmp/run"
  # The keyring password: the keyring is throw-away and lives in $tmp only.
  printf '%s' 'tessera-test-keyring' |
    XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run" \
      gnome-keyring-daemon --foreground --unlock --components=secrets \
      >"$tmp/daemon.log" 2>&1 &
  daemon=$!
  stop_daemon() {
    kill "$daemon" 2>/dev/null || true
    wait "$daemon" 2>/dev/null || true
  }
  trap stop_daemon EXIT

  # Wait until the daemon owns org.freedesktop.secrets (normally well under a second).
  ready=no
  for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
      grep -q 'boolean true'; then
      ready=yes
      break
    fi
    if ! kill -0 "$daemon" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  if [ "$ready" != yes ]; then
    say "gnome-keyring-daemon did not start its Secret Service. Its output:"
    cat "$tmp/daemon.log" >&2 || true
    exit 1
  fi

  status=0
  "$@" || status=$?
  exit "$status"
fi

# --- Stage 1: check the tools, make the private bus, run stage 2 on it ------------
if [ $# -eq 0 ]; then
  echo "usage: bash $0 CMD [ARGS...]" >&2
  exit 2
fi

# command -> Debian package
declare -A NEEDED=(
  [dbus-run-session]=dbus
  [dbus-send]=dbus
  [gnome-keyring-daemon]=gnome-keyring
  [secret-tool]=libsecret-tools
)
missing_packages() {
  local tool
  for tool in "${!NEEDED[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || printf '%s\n' "${NEEDED[$tool]}"
  done | sort -u
}
mapfile -t missing < <(missing_packages)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    # Tests start several sessions at once: one installer at a time.
    exec 9>/tmp/tessera-keyring-session-apt.lock
    flock 9
    mapfile -t missing < <(missing_packages)
    if [ ${#missing[@]} -gt 0 ]; then
      say "installing ${missing[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    flock -u 9
    exec 9>&-
  else
    say "a private Secret Service needs the Debian packages: ${missing[*]}."
    say "Install them (sudo apt-get install ${missing[*]}) or run this as root."
    exit 1
  fi
fi

self=$(readlink -f "$0")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tessera-keyring.XXXXXX")
cleanup() { rm -rf "$tmp"; }
trap cleanup EXIT

# session.conf without service directories (no activation) and listening only
# inside $tmp.
cat >"$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF

status=0
dbus-run-session --config-file="$tmp/bus.conf" -- bash "$self" --inside-session "$tmp" "$@" || status=$?
exit "$status"
