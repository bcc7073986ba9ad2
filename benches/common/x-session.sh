# Sourced by benches/gui_perf.sh and benches/code_profile.sh: a private X
# server and session bus for one benchmark run, so nothing of the user's
# desktop (or its Secret Service) is touched. No service activation: the bus
# starts nothing by itself.
#
#   x_session WORK
#
# WORK is the run's temporary folder (the display number and the bus's socket
# go there). Needs the caller's `pids` array (killed by its cleanup). Sets and
# exports DISPLAY, DBUS_SESSION_BUS_ADDRESS, NO_AT_BRIDGE and LANG; unsets
# WAYLAND_DISPLAY and TESSERA_VAULT; sets `xvfb` to the X server's pid.
x_session() {
  local work=$1 dfd buspid
  exec {dfd}>"$work/display"
  Xvfb -displayfd "$dfd" -screen 0 1280x800x24 -nolisten tcp -noreset >/dev/null 2>&1 &
  xvfb=$!
  pids+=("$xvfb")
  exec {dfd}>&-
  for _ in $(seq 200); do [ -s "$work/display" ] && break; sleep 0.05; done
  [ -s "$work/display" ] || { echo "Xvfb did not start (no display number in 10 s)." >&2; return 1; }
  export DISPLAY=":$(head -1 "$work/display")"
  unset WAYLAND_DISPLAY TESSERA_VAULT
  cat >"$work/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:dir=$work</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
</busconfig>
CONF
  { read -r DBUS_SESSION_BUS_ADDRESS; read -r buspid; } < <(dbus-daemon --config-file="$work/bus.conf" --fork --print-address=1 --print-pid=1)
  export DBUS_SESSION_BUS_ADDRESS NO_AT_BRIDGE=1 LANG=C.UTF-8
  pids+=("$buspid")
}
