#!/usr/bin/env bash
# Launches the whole system: Redis, RabbitMQ, the databases and every service. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-prereqs.sh
exec dotnet run --project Lifecycle.AppHost -- "$@"
