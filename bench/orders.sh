#!/usr/bin/env bash
# End-to-end checkout benchmark: the real AppHost (redis, RabbitMQ, contacts, orders) on SQLite, then on PostgreSQL;
# the driver measures GetProduct (baseline, no outbox) and AddCartItem → Checkout → ConfirmPayment at the same
# concurrency, then waits until contacts' snapshots show every payment (outbox → RabbitMQ → contacts' consumer).
# Usage: bench/orders.sh [seconds-per-phase=20] [workers=16] [contacts=200]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
workers=${2:-16}
contacts=${3:-200}

dotnet build Lifecycle.AppHost -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Lifecycle.Orders.Bench -c Release -nologo -v q -clp:ErrorsOnly
bench="dotnet bench/Lifecycle.Orders.Bench/bin/Release/net10.0/Lifecycle.Orders.Bench.dll"
tmp=$(mktemp -d)
chmod 755 "$tmp" # PostgreSQL runs as the postgres account and must reach its data directory below here
source bench/lib/apphost.sh
cleanup() { apphost_stop; rm -rf "$tmp"; }
trap cleanup EXIT

run_provider() { # label [apphost flags...] -> writes $tmp/<label>.out
  local label=$1; shift
  local state="$tmp/state-$label"
  apphost_start "$state" "$tmp/apphost-$label.log" "$@"
  apphost_wait_healthy "$state" || { tail -n 40 "$tmp/apphost-$label.log" >&2; exit 1; }
  local urls; urls="$(apphost_endpoint "$state" contacts grpc) $(apphost_endpoint "$state" orders grpc)"
  echo "== $label: contacts and orders healthy ($urls); $seconds s per phase, $workers workers, $contacts contacts" >&2
  # shellcheck disable=SC2086
  $bench $urls "$seconds" "$workers" "$contacts" | tee "$tmp/$label.out" >&2 || echo "driver exited non-zero (see above)" >&2
  apphost_stop
}
value() { awk -v k="$2" '$1 == "RESULT" && $2 == k {print $3}' "$tmp/$1.out"; }
ratio() { python3 -c "print(f'{100*$1/$2:.1f}%')"; }

uptime >&2
run_provider sqlite
run_provider postgres --postgres

echo
echo "| measurement | SQLite | PostgreSQL |"
echo "|---|---|---|"
row() { echo "| $1 | $(value sqlite "$2") | $(value postgres "$2") |"; }
row "baseline: GetProduct (calls/s, no outbox)" baseline_rps
row "units completed (add → checkout → pay)" units
row "unit errors" unit_errors
row "checkouts/s at the gRPC level (units/s)" checkout_rps
echo "| checkouts/s ÷ GetProduct/s | $(ratio "$(value sqlite checkout_rps)" "$(value sqlite baseline_rps)") | $(ratio "$(value postgres checkout_rps)" "$(value postgres baseline_rps)") |"
row "Checkout call p50 (ms)" checkout_p50_ms
row "Checkout call p95 (ms)" checkout_p95_ms
row "end to end units/s (until the last is visible in contacts)" e2e_units_per_s
row "drain after load stopped (s)" drain_s
row "contacts whose revenue never matched (lost events)" missing_contacts
row "pay → visible in snapshot p50 (ms)" visibility_p50_ms
row "pay → visible in snapshot p95 (ms)" visibility_p95_ms
row "pay → visible in snapshot max (ms)" visibility_max_ms
row "sampled units visible (every 20th unit)" visibility_samples
echo "| sampled units never visible | $(value sqlite visibility_lost) | $(value postgres visibility_lost) |"
uptime
