#!/usr/bin/env bash
# slurm/local-cluster/teardown.sh - stop what setup.sh started: cancel all
# jobs, stop slurmd, slurmctld, munged (by pidfile), remove runtime state.
# Packages and /etc/slurm/slurm.conf are kept (rerun setup to start again).
#   SLURM_LOCAL_STATE   same as for setup [/var/spool/slurm-local]
#   SLURM_LOCAL_KEEP_STATE=1  keep $SLURM_LOCAL_STATE (logs, job state)
set -uo pipefail
STATE="${SLURM_LOCAL_STATE:-/var/spool/slurm-local}"

alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
stop_pidfile() {  # $1 pidfile, $2 name
  if alive "$1"; then
    local p; p=$(cat "$1"); kill "$p" 2>/dev/null
    for i in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$p" 2>/dev/null; then kill -9 "$p" 2>/dev/null; echo "$2 ($p) SIGKILLed"; else echo "$2 ($p) stopped"; fi
  fi
  rm -f "$1"
}

# 1. cancel every job while the daemons are still up, so slurmstepd and job
#    processes are cleaned up by slurm itself (TERM, KillWait=5s, KILL).
if alive "$STATE/slurmctld.pid" && command -v squeue >/dev/null; then
  ids=$(squeue -h -o %A 2>/dev/null | sort -u)
  if [ -n "$ids" ]; then
    scancel --full --signal=KILL $ids 2>/dev/null   # running: kill now, skip KillWait
    scancel $ids 2>/dev/null                        # pending (and anything left)
    for i in $(seq 150); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.1; done
  fi
fi
# wait for job step daemons (children of nothing: reparented to init) to exit
SD=$(readlink -f /usr/sbin/slurmstepd 2>/dev/null || echo /nonexistent)
stepds() { for d in /proc/[0-9]*; do
             [ "$(readlink "$d/exe" 2>/dev/null)" = "$SD" ] && echo "${d#/proc/}"
           done; }
for i in $(seq 100); do [ -z "$(stepds)" ] && break; sleep 0.1; done

# 2. daemons
stop_pidfile "$STATE/slurmd.pid" slurmd
stop_pidfile "$STATE/slurmctld.pid" slurmctld   # also ends its slurmscriptd child
stop_pidfile /run/munge/munged.pid munged

# 3. leftover slurmstepd (only if a job could not be cancelled): kill by pid
for p in $(stepds); do echo "killing leftover slurmstepd $p"; kill -9 "$p" 2>/dev/null; done

# 4. runtime state
rm -f /run/munge/munge.socket.2 /run/munge/munge.socket.2.lock
[ "${SLURM_LOCAL_KEEP_STATE:-0}" = 1 ] || rm -rf "$STATE"
echo "local slurm stopped"
