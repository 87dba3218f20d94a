#!/usr/bin/env bash
# Makes sure the benchmark's external tool, wrk (Debian package "wrk"), is installed.
# Idempotent: does nothing when wrk is already on PATH. Needs root (or sudo) and Debian's archive only.
set -euo pipefail

if command -v wrk >/dev/null 2>&1; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

echo "install-tools.sh: installing wrk from Debian" >&2
if ! $SUDO apt-get install -y -q wrk >&2; then
  $SUDO apt-get update -q >&2
  $SUDO apt-get install -y -q wrk >&2
fi
command -v wrk >/dev/null 2>&1 || { echo "install-tools.sh: wrk still not on PATH" >&2; exit 1; }
