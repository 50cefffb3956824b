#!/usr/bin/env bash
# Installs what Lifecycle needs beyond the .NET SDK, only when it is missing:
# redis-server, rabbitmq-server and postgresql (run as child processes, never as system services),
# h2load and redis-benchmark (benchmarks), and the npm packages of the interop tests.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A wanted=(
  [redis-server]=redis-server
  [redis-benchmark]=redis-tools
  [/usr/lib/rabbitmq/bin/rabbitmq-server]=rabbitmq-server
  [/usr/lib/postgresql/15/bin/postgres]=postgresql
  [h2load]=nghttp2-client
)
missing=()
for probe in "${!wanted[@]}"; do
  if [[ "$probe" == /* ]]; then [[ -x "$probe" ]] || missing+=("${wanted[$probe]}")
  else command -v "$probe" >/dev/null 2>&1 || missing+=("${wanted[$probe]}"); fi
done

if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  # policy-rc.d keeps Debian from starting the servers as system services; our fixtures start their own.
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ -f tests/interop/package-lock.json ]]; then
  if [[ ! -d tests/interop/node_modules ]] || [[ tests/interop/package-lock.json -nt tests/interop/node_modules/.package-lock.json ]]; then
    echo "Installing interop npm packages from tests/interop/package-lock.json"
    npm ci --prefix tests/interop --no-audit --no-fund --loglevel=error
  fi
fi
