#!/usr/bin/env bash
# Makes sure the benchmark's external tools are installed from Debian: wrk (package "wrk") and openssl (s_time, for
# the HTTPS handshake scenarios); with --testssl also testssl.sh (package "testssl.sh", command "testssl").
# Idempotent: does nothing when they are already on PATH. Needs root (or sudo) and Debian's archive only.
set -euo pipefail

# command:package pairs
tools=(wrk:wrk openssl:openssl)
if [[ "${1:-}" == "--testssl" ]]; then tools+=(testssl:testssl.sh); fi

missing=()
for tool in "${tools[@]}"; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || missing+=("${tool#*:}")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

echo "install-tools.sh: installing ${missing[*]} from Debian" >&2
if ! $SUDO apt-get install -y -q "${missing[@]}" >&2; then
  $SUDO apt-get update -q >&2
  $SUDO apt-get install -y -q "${missing[@]}" >&2
fi
for tool in "${tools[@]}"; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || { echo "install-tools.sh: ${tool%%:*} still not on PATH" >&2; exit 1; }
done
