#!/usr/bin/env bash
# gRPC runtime benchmark: our server vs bare Kestrel writing the same pre-framed bytes (the ceiling),
# both under h2load in this one script, then our client driving our server vs plain HttpClient on bare Kestrel.
# Besides req/s it reports the server's CPU time per call (from /proc), which holds steady on a shared machine.
# Usage: bench/grpc.sh [seconds-per-run=10] [--allocations]   (GRPC_BENCH_WARMUP_SECONDS: warm-up per run, default = seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
# Each measured run follows a warm-up run against the same endpoint. On a busy machine the JIT's background tier-up
# is starved, and 2 s left our server (more code to tier up than the bare endpoint) measured half-jitted.
warmup=${GRPC_BENCH_WARMUP_SECONDS:-$seconds}
command -v h2load >/dev/null || { echo "h2load missing: apt-get install -y nghttp2-client" >&2; exit 1; }

dotnet build bench/Lifecycle.Grpc.Bench -c Release -nologo -v q -clp:ErrorsOnly
bench="dotnet bench/Lifecycle.Grpc.Bench/bin/Release/net10.0/Lifecycle.Grpc.Bench.dll"
tmp=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
start_server() { # kind result-variable: starts a server, waits until it listens, stores "port pid"
  # Not called through $(...): the PID must reach this shell's pids array so cleanup stops the server.
  local port; port=$(free_port)
  $bench serve "$1" "$port" > "$tmp/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q listening "$tmp/$1.log" && break; sleep 0.1; done
  printf -v "$2" '%s %s' "$port" "$!"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time of a process, in clock ticks
h2() { # label server("port pid") path body-file -> prints "req/s server-CPU-us-per-call"
  local port=${2% *} pid=${2#* } path=$3 body=$4 before after out rps ok done
  load() { h2load -D "$1" -c 16 -m 32 -t 1 -H 'content-type: application/grpc' -H 'te: trailers' -d "$body" "http://127.0.0.1:$port$path" 2>&1; }
  load "$warmup" > /dev/null # warm-up (JIT tiering), kept out of both figures
  before=$(cpu_ticks "$pid")
  out=$(load "$seconds")
  after=$(cpu_ticks "$pid")
  rps=$(echo "$out" | awk '/^finished in/ {gsub(",",""); print $4}')
  ok=$(echo "$out" | awk '/^status codes:/ {gsub(",",""); print $3}')
  done=$(echo "$out" | awk '/^requests:/ {print $8}')
  # CPU the server spent per call: unlike req/s, this moves little when other work shares the machine.
  local us; us=$(python3 -c "print(f'{($after - $before) / $(getconf CLK_TCK) * 1e6 / max($done, 1):.1f}')")
  echo "$1: $rps req/s (2xx: $ok), server CPU $us us/call" >&2
  echo "$rps $us"
}
ratio() { python3 -c "print(f'{100*$1/$2:.1f}%')"; }

$bench request echo "$tmp/echo.bin"
$bench request expand "$tmp/expand.bin"
start_server bare bare
start_server grpc grpc
echo "h2load -D $seconds -c 16 -m 32 -t 1 after a $warmup s warm-up run (one h2load thread; server and load share 2 cores); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r bare_unary bare_unary_cpu <<< "$(h2 "bare kestrel unary" "$bare" /lifecycle.testing.v1.EchoService/Echo "$tmp/echo.bin")"
read -r ours_unary ours_unary_cpu <<< "$(h2 "lifecycle.grpc unary" "$grpc" /lifecycle.testing.v1.EchoService/Echo "$tmp/echo.bin")"
read -r bare_stream bare_stream_cpu <<< "$(h2 "bare kestrel stream x10" "$bare" /lifecycle.testing.v1.EchoService/Expand "$tmp/expand.bin")"
read -r ours_stream ours_stream_cpu <<< "$(h2 "lifecycle.grpc stream x10" "$grpc" /lifecycle.testing.v1.EchoService/Expand "$tmp/expand.bin")"

# The client figures are copied to stderr without `tee /dev/stderr`: with stderr redirected to a file, reopening it truncates the file.
echo "client load: $seconds s, 64 concurrent callers, one channel"
raw=$($bench load raw "http://127.0.0.1:${bare% *}" "$seconds" 64 | tee >(cat >&2) | awk '/^RPS/ {print $2}')
ours=$($bench load ours "http://127.0.0.1:${grpc% *}" "$seconds" 64 | tee >(cat >&2) | awk '/^RPS/ {print $2}')

echo
echo "| measurement | baseline | ours | ours / baseline |"
echo "|---|---|---|---|"
echo "| unary echo, h2load (req/s) | $bare_unary | $ours_unary | $(ratio "$ours_unary" "$bare_unary") |"
echo "| server CPU per unary call (us, lower is better) | $bare_unary_cpu | $ours_unary_cpu | $(ratio "$ours_unary_cpu" "$bare_unary_cpu") |"
echo "| server streaming x10, h2load (calls/s) | $bare_stream | $ours_stream | $(ratio "$ours_stream" "$bare_stream") |"
echo "| server CPU per streaming call (us, lower is better) | $bare_stream_cpu | $ours_stream_cpu | $(ratio "$ours_stream_cpu" "$bare_stream_cpu") |"
echo "| unary echo, .NET client (req/s) | $raw | $ours | $(ratio "$ours" "$raw") |"

if [[ " $* " == *" --allocations "* ]]; then
  (cd "$tmp" && dotnet "$OLDPWD/bench/Lifecycle.Grpc.Bench/bin/Release/net10.0/Lifecycle.Grpc.Bench.dll" allocations)
fi
