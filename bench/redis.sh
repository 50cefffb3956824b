#!/usr/bin/env bash
# GET/SET throughput of Lifecycle.Redis (64 callers, one connection) next to redis-benchmark in the same run,
# against one private redis-server, plus our p99 latency at moderate load. Takes about a minute.
# Usage: bench/redis.sh [seconds-per-run=5]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-5}"

DIR="$(mktemp -d -t lifecycle-redis-bench-XXXXXX)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR" --logfile "$DIR/redis.log" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; rm -rf "$DIR"' EXIT
for _ in $(seq 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.05; done

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); redis $(redis-server --version | awk '{print $3}')"
dotnet build -c Release bench/Lifecycle.Redis.Bench -v quiet -nologo >/dev/null

# redis-benchmark --csv prints "TEST","rps",...; keep the name and the rps.
rb() { redis-benchmark -p "$PORT" -t get,set "$@" --csv | awk -F'"' 'NR > 1 { printf "%s %.0f\n", $2, $4 }'; }
echo "== redis-benchmark -t get,set -n 2000000 -P 16 -c 64"
PIPELINED="$(rb -n 2000000 -P 16 -c 64)"; echo "$PIPELINED"
echo "== redis-benchmark -t get,set -n 200000 -c 64"
UNPIPELINED="$(rb -n 200000 -c 64)"; echo "$UNPIPELINED"
echo "== dotnet run -c Release --project bench/Lifecycle.Redis.Bench -- 127.0.0.1:$PORT 64 $SECONDS_PER_RUN 20000"
OURS="$(dotnet run -c Release --no-build --project bench/Lifecycle.Redis.Bench -- "127.0.0.1:$PORT" 64 "$SECONDS_PER_RUN" 20000)"
echo "$OURS"

echo "== ratios (ours / redis-benchmark)"
for op in SET GET; do
  ours="$(echo "$OURS" | awk -v op="$op" '$1 == "ours" && $2 == op":" { print $3 }')"
  piped="$(echo "$PIPELINED" | awk -v op="$op" '$1 == op { print $2 }')"
  plain="$(echo "$UNPIPELINED" | awk -v op="$op" '$1 == op { print $2 }')"
  awk -v op="$op" -v o="$ours" -v p="$piped" -v u="$plain" 'BEGIN {
    printf "%s: ours %d req/s = %.0f%% of -P 16 (%d; goal >= 40%%), %.1fx of unpipelined -c 64 (%d; goal > 1x)\n", op, o, 100 * o / p, p, o / u, u }'
done
