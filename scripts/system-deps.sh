#!/usr/bin/env bash
# Installs the Debian packages the test suites need (idempotent; root or sudo).
# One list for every suite: add a package here, with the suite that needs it.
set -euo pipefail
packages=(
  # @hyperopt/objective: interop tests and benchmarks against Python Optuna 3.1 (+ its CMA-ES)
  python3-optuna python3-cmaes python3-scipy
  # @hyperopt/sr-runner: the PySR stand-in module used by its protocol tests
  python3-numpy
  # apps/cli: the report is opened in headless Chromium
  chromium
  # slurm/: a real single-node SLURM cluster for the end-to-end tests
  slurmctld slurmd slurm-client munge
  # two-host shared-filesystem rig (sshd on loopback + two sshfs mounts)
  openssh-server sshfs
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
