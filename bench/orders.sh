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
apphost=""
stop_apphost() {
  [[ -n "$apphost" ]] || return 0
  kill -TERM "$apphost" 2>/dev/null || true
  # SIGTERM, not SIGINT: a non-interactive shell starts background jobs with SIGINT ignored.
  for _ in $(seq 600); do kill -0 "$apphost" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$apphost" 2>/dev/null && { echo "AppHost $apphost still running after 60 s; killing it" >&2; kill -KILL "$apphost" 2>/dev/null || true; }
  wait "$apphost" 2>/dev/null || true
  apphost=""
}
cleanup() { stop_apphost; rm -rf "$tmp"; }
trap cleanup EXIT

# Prints "contacts-url orders-url" once endpoints.json shows every resource Healthy.
endpoints_when_healthy() {
  python3 - "$1" <<'PY'
import json, sys, time
path = sys.argv[1]
for _ in range(3000):
    try:
        with open(path) as f:
            res = json.load(f)
        failed = {name: r["failureReason"] for name, r in res.items() if r.get("failureReason")}
        if failed:
            sys.exit("AppHost gave up: " + "; ".join(f"{name}: {why}" for name, why in failed.items()))
        if res and all(r.get("state") == "Healthy" for r in res.values()):
            print(res["contacts"]["endpoints"]["grpc"], res["orders"]["endpoints"]["grpc"])
            sys.exit(0)
    except (OSError, ValueError, KeyError):
        pass
    time.sleep(0.1)
sys.exit("resources not healthy after 300 s")
PY
}

run_provider() { # label [apphost flags...] -> writes $tmp/<label>.out
  local label=$1; shift
  local state="$tmp/state-$label"
  mkdir -p "$state"
  dotnet exec Lifecycle.AppHost/bin/Release/net10.0/Lifecycle.AppHost.dll --free-ports --state-dir "$state" "$@" > "$tmp/apphost-$label.log" 2>&1 &
  apphost=$!
  local urls; urls=$(endpoints_when_healthy "$state/endpoints.json") || { tail -n 40 "$tmp/apphost-$label.log" >&2; exit 1; }
  echo "== $label: contacts and orders healthy ($urls); $seconds s per phase, $workers workers, $contacts contacts" >&2
  # shellcheck disable=SC2086
  $bench $urls "$seconds" "$workers" "$contacts" | tee "$tmp/$label.out" >&2 || echo "driver exited non-zero (see above)" >&2
  stop_apphost
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
