#!/usr/bin/env bash
# End-to-end messaging benchmark: outbox → RabbitMQ → inbox consumer, on SQLite and PostgreSQL.
# Starts its own RabbitMQ and PostgreSQL on free loopback ports; extra arguments go to the driver
# (--events N, --rate R (0 = as fast as possible), --in-flight N (units of work in flight, default 64), --per-commit K,
# --provider sqlite|postgres, --ungated-producers (producer SQLite commits not behind the write gate),
# --warmup-events N and --warmup-max-events M (offered at the same rate before measuring: at least N, default 10000, then 5 s rounds until
# tiered compilation settles, at most M, default 120000), --timeline for committed/relayed/applied per second, --profile for inbox batch and relay phase timings,
# --pg-pool N for Npgsql's Maximum Pool Size, --unpooled-contexts (a DbContext per scope instead of AddServiceDbContext's pool),
# --no-npgsql-defaults (Npgsql's own No Reset On Close, Max Auto Prepare and Multiplexing), --pg-set Key=Value (an Npgsql
# connection string setting for the PostgreSQL scenario, e.g. Multiplexing=false; repeatable), CPU core-ms per event always printed,
# --set Messaging:Key=Value to override a library setting in the outbox/inbox scenarios, --batch-saving
# AfterEachMessage|OncePerBatch for the insert-only benchmark handler, OncePerBatch by default).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release bench/Lifecycle.Messaging.Bench/Lifecycle.Messaging.Bench.csproj >/dev/null
exec dotnet bench/Lifecycle.Messaging.Bench/bin/Release/net10.0/Lifecycle.Messaging.Bench.dll "$@"
