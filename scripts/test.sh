#!/usr/bin/env bash
# Runs every test of the solution against real Redis, RabbitMQ and PostgreSQL processes
# (started by the test fixtures on free loopback ports). TRX results land in TestResults/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-prereqs.sh
rm -rf TestResults
dotnet build Lifecycle.sln -c Release -warnaserror -nologo -clp:ErrorsOnly
exec dotnet test Lifecycle.sln -c Release --no-build --nologo \
  --results-directory TestResults --logger trx --logger "console;verbosity=minimal" \
  --blame-hang-timeout 10m "$@"
