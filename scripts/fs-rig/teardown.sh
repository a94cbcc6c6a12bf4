#!/usr/bin/env bash
# Undoes setup.sh: unmounts both hosts and stops the sshd it started (by pid file
# only; nothing else is touched). Idempotent.
set -u
dir="${FS_RIG_DIR:?set FS_RIG_DIR}"
run="$dir/run"
alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) && [ "${s:0:1}" != Z ]; }
stop_pidfile() {
  [ -f "$1" ] || return 0
  local pid; pid=$(cat "$1")
  for i in $(seq 50); do alive "$pid" || break; [ "$i" = 1 ] && kill "$pid" 2>/dev/null; sleep 0.1; done
  alive "$pid" && kill -9 "$pid" 2>/dev/null
  rm -f "$1"
}
for host in hostA hostB; do
  if grep -q " $dir/$host fuse" /proc/mounts; then
    fusermount3 -u "$dir/$host" 2>/dev/null || { sleep 1; fusermount3 -u "$dir/$host" 2>/dev/null; } || fusermount3 -uz "$dir/$host"
  fi
  stop_pidfile "$run/$host.pid"
done
if [ -f "$run/sshd.pid" ]; then
  for child in $(ps -o pid= --ppid "$(cat "$run/sshd.pid")" 2>/dev/null); do kill "$child" 2>/dev/null; done
  stop_pidfile "$run/sshd.pid"
fi
# /run/sshd stays: another rig (or the system sshd) may be using it.
rm -f "$run/created-run-sshd"
exit 0
