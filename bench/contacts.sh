#!/usr/bin/env bash
# Contacts snapshot benchmark, against the real AppHost (redis, RabbitMQ, contacts, orders; SQLite unless --postgres):
#  1. GetCustomerSnapshot cache hits under h2load, beside the gRPC unary echo of our own server (the ceiling from
#     bench/grpc.sh) in the same run and with the same h2load settings; req/s and p50/p99 from h2load's request log.
#  2. Event → snapshot freshness: OrderPaid events published on RabbitMQ at a steady rate, every contact watched
#     through WatchCustomerSnapshot; p50/p95/p99 from each event's due time to the first snapshot that includes it,
#     after a warm-up at the same rate (--warmup=S, default 10 s; reported apart, with a per-second timeline on stderr).
#  Or, with --capacity=N, only this: N OrderPaid published at once; how fast they become visible (applied/s) and the
#  contacts process's CPU time per event, a figure that holds on a shared machine.
# Usage: bench/contacts.sh [h2load-seconds=10] [events-per-second=500] [freshness-seconds=20] [--postgres] [--capacity=N] [--warmup=S]
set -euo pipefail
cd "$(dirname "$0")/.."
positional=()
flags=()
capacity=""
warmup=10
for arg in "$@"; do
  case $arg in
    --postgres) flags+=(--postgres) ;;
    --capacity=*) capacity=${arg#--capacity=} ;;
    --warmup=*) warmup=${arg#--warmup=} ;;
    *) positional+=("$arg") ;;
  esac
done
seconds=${positional[0]:-10}
rate=${positional[1]:-500}
fresh_seconds=${positional[2]:-20}
command -v h2load >/dev/null || { echo "h2load missing: scripts/install-prereqs.sh (nghttp2-client)" >&2; exit 1; }

dotnet build Lifecycle.AppHost -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Lifecycle.Contacts.Bench -c Release -nologo -v q -clp:ErrorsOnly
dotnet build bench/Lifecycle.Grpc.Bench -c Release -nologo -v q -clp:ErrorsOnly
contacts_bench="dotnet bench/Lifecycle.Contacts.Bench/bin/Release/net10.0/Lifecycle.Contacts.Bench.dll"
grpc_bench="dotnet bench/Lifecycle.Grpc.Bench/bin/Release/net10.0/Lifecycle.Grpc.Bench.dll"
tmp=$(mktemp -d)
chmod 755 "$tmp" # PostgreSQL runs as the postgres account and must reach its data directory below here
source bench/lib/apphost.sh
echo_pid=""
cleanup() { apphost_stop; [[ -z "$echo_pid" ]] || kill "$echo_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

uptime >&2
apphost_start "$tmp/state" "$tmp/apphost.log" "${flags[@]}"
apphost_wait_healthy "$tmp/state" || { tail -n 40 "$tmp/apphost.log" >&2; exit 1; }
contacts=$(apphost_endpoint "$tmp/state" contacts grpc)
amqp=$(apphost_endpoint "$tmp/state" messaging amqp)
if [[ -n "$capacity" ]]; then
  # The contacts process: the one listening on its gRPC port.
  contacts_pid=$(ss -Htlnp "sport = :${contacts##*:}" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true)
  [[ -n "$contacts_pid" ]] || { echo "capacity: no process found listening on ${contacts##*:} (ss -tlnp needs root); cannot measure CPU per event" >&2; exit 1; }
  echo "capacity: $capacity OrderPaid at once over 200 watched contacts (contacts pid $contacts_pid)" >&2
  $contacts_bench capacity "$contacts" "$amqp" "$capacity" 200 "$contacts_pid" || echo "capacity driver exited non-zero (see above)" >&2
  uptime
  exit 0
fi
echo_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
$grpc_bench serve grpc "$echo_port" > "$tmp/echo.log" 2>&1 &
echo_pid=$!
for _ in $(seq 100); do grep -q listening "$tmp/echo.log" && break; sleep 0.1; done
$grpc_bench request echo "$tmp/echo.bin"
$contacts_bench request "$contacts" "$tmp/snapshot.bin" >&2

# h2 <label> <url> <body> <name>: h2load run; writes $tmp/<name>.rps and $tmp/<name>.lat (p50 p99 in ms)
h2() {
  local out; out=$(h2load -D "$seconds" --warm-up-time 2 -c 16 -m 32 -t 1 --log-file="$tmp/$4.log" \
    -H 'content-type: application/grpc' -H 'te: trailers' -d "$3" "$2" 2>&1)
  echo "$out" | awk '/^finished in/ {gsub(",",""); print $4}' > "$tmp/$4.rps"
  python3 - "$tmp/$4.log" > "$tmp/$4.lat" <<'PY'
import math, sys
# start (µs since epoch) <tab> HTTP status <tab> µs to the end of the response; skip any cut-off last line
rows = [line.split() for line in open(sys.argv[1])]
micros = sorted(int(r[2]) for r in rows if len(r) == 3 and r[1] == "200")
rank = lambda p: micros[max(0, math.ceil(p / 100 * len(micros)) - 1)] / 1000
print(f"{rank(50):.2f} {rank(99):.2f}")
PY
  echo "$1: $(cat "$tmp/$4.rps") req/s, p50/p99 $(cat "$tmp/$4.lat") ms, $(echo "$out" | awk '/^status codes:/ {gsub(",",""); print $3}') 2xx" >&2
}
echo "h2load -D $seconds --warm-up-time 2 -c 16 -m 32 -t 1" >&2
h2 "lifecycle.grpc unary echo (ceiling)" "http://127.0.0.1:$echo_port/lifecycle.testing.v1.EchoService/Echo" "$tmp/echo.bin" echo
h2 "GetCustomerSnapshot, cache hit" "$contacts/lifecycle.contacts.v1.SnapshotService/GetCustomerSnapshot" "$tmp/snapshot.bin" snapshot
kill "$echo_pid"; wait "$echo_pid" 2>/dev/null || true; echo_pid=""

echo "freshness: $rate OrderPaid/s for $warmup s of warm-up, then $fresh_seconds s measured, over 200 watched contacts" >&2
$contacts_bench freshness "$contacts" "$amqp" "$rate" "$fresh_seconds" 200 "$warmup" | tee "$tmp/freshness.out" >&2 || echo "freshness driver exited non-zero (see above)" >&2
value() { awk -v k="$1" '$1 == "RESULT" && $2 == k {print $3}' "$tmp/freshness.out"; }

echo
echo "| measurement | figure |"
echo "|---|---|"
echo "| unary echo, our server (req/s, p50 / p99 ms) | $(cat "$tmp/echo.rps") ($(cut -d' ' -f1 "$tmp/echo.lat") / $(cut -d' ' -f2 "$tmp/echo.lat")) |"
echo "| GetCustomerSnapshot cache hit (req/s, p50 / p99 ms) | $(cat "$tmp/snapshot.rps") ($(cut -d' ' -f1 "$tmp/snapshot.lat") / $(cut -d' ' -f2 "$tmp/snapshot.lat")) |"
echo "| snapshot ÷ echo (goal ≥ 60%) | $(python3 -c "print(f'{100*$(cat "$tmp/snapshot.rps")/$(cat "$tmp/echo.rps"):.1f}%')") |"
echo "| OrderPaid offered (events/s) | $(value offered_per_s) |"
echo "| events visible / never visible / publish errors | $(value visible) / $(value never_visible) / $(value publish_errors) |"
echo "| event → snapshot p50 / p95 / p99 / max (ms; goal p95 < 250), $(value measured_events) events after the warm-up | $(value freshness_p50_ms) / $(value freshness_p95_ms) / $(value freshness_p99_ms) / $(value freshness_max_ms) |"
echo "| warm-up ($warmup s, same rate) p95 / max (ms) | $(value warm_up_p95_ms) / $(value warm_up_max_ms) |"
uptime
