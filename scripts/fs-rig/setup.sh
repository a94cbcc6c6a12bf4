#!/usr/bin/env bash
# Two "hosts" that see one folder through independent network-filesystem clients:
# a private sshd on 127.0.0.1:$FS_RIG_PORT and two sshfs mounts, $FS_RIG_DIR/hostA and
# $FS_RIG_DIR/hostB, of $FS_RIG_DIR/export. Idempotent; root (or a user allowed FUSE).
#
#   FS_RIG_DIR=/tmp/rig FS_RIG_MODE=nocache|nfs|defaults scripts/fs-rig/setup.sh
#
# Modes: nocache = no client caching (deterministic); nfs = NFS-like attribute and
# directory caching for 3 s (exercises stale listings and truncated reads); defaults =
# sshfs's own (20 s staleness, the harshest). Needs Debian's openssh-server and sshfs.
set -euo pipefail
dir="${FS_RIG_DIR:?set FS_RIG_DIR to an empty folder or an earlier rig folder}"
case "$dir" in *[[:space:]]*) echo "FS_RIG_DIR must not contain spaces (sshd_config cannot quote it), got '$dir'" >&2; exit 2 ;; esac
port="${FS_RIG_PORT:-2222}"
mode="${FS_RIG_MODE:-nocache}"
case "$mode" in
  nocache) opts="dir_cache=no,attr_timeout=0,entry_timeout=0,negative_timeout=0" ;;
  nfs) opts="cache=yes,cache_timeout=3,attr_timeout=3,entry_timeout=3" ;;
  defaults) opts="" ;;
  *) echo "FS_RIG_MODE must be nocache, nfs or defaults, got '$mode'" >&2; exit 2 ;;
esac
for tool in /usr/sbin/sshd sshfs fusermount3 ssh-keygen; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install openssh-server sshfs" >&2; exit 2; }
done
run="$dir/run"
mkdir -p "$dir/export" "$dir/hostA" "$dir/hostB" "$run"
[ -f "$run/hostkey" ] || ssh-keygen -q -t ed25519 -N '' -f "$run/hostkey"
[ -f "$run/id" ] || ssh-keygen -q -t ed25519 -N '' -f "$run/id"
cp "$run/id.pub" "$run/authorized_keys"
cat > "$run/sshd_config" <<CONF
ListenAddress 127.0.0.1:$port
HostKey $run/hostkey
PidFile $run/sshd.pid
AuthorizedKeysFile $run/authorized_keys
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
MaxStartups 50
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
# sshd needs its privilege-separation folder; it is shared by every rig and never removed.
mkdir -p -m 755 /run/sshd
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
if ! running "$run/sshd.pid"; then
  /usr/sbin/sshd -f "$run/sshd_config" -E "$run/sshd.log"
  for _ in $(seq 50); do running "$run/sshd.pid" && break; sleep 0.1; done
  running "$run/sshd.pid" || { echo "sshd did not start; see $run/sshd.log" >&2; exit 1; }
fi
sshfs_opts="port=$port,IdentityFile=$run/id,IdentitiesOnly=yes,BatchMode=yes,LogLevel=ERROR"
sshfs_opts+=",StrictHostKeyChecking=no,UserKnownHostsFile=/dev/null,reconnect${opts:+,$opts}"
for host in hostA hostB; do
  mountpoint -q "$dir/$host" && continue
  nohup sshfs "root@127.0.0.1:$dir/export" "$dir/$host" -f -o "$sshfs_opts" >"$run/$host.log" 2>&1 </dev/null &
  echo $! > "$run/$host.pid"
  for _ in $(seq 100); do mountpoint -q "$dir/$host" && break; sleep 0.1; done
  mountpoint -q "$dir/$host" || { cat "$run/$host.log" >&2; exit 1; }
done
echo "$mode" > "$run/mode"
echo "fs-rig up: $dir/hostA and $dir/hostB share $dir/export (mode $mode)"
