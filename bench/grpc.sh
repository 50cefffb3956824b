#!/usr/bin/env bash
# gRPC runtime benchmark: our server vs bare Kestrel writing the same pre-framed bytes (the ceiling),
# both under h2load in this one script, then our client driving our server vs plain HttpClient on bare Kestrel.
# Usage: bench/grpc.sh [seconds-per-run=10] [--allocations]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v h2load >/dev/null || { echo "h2load missing: apt-get install -y nghttp2-client" >&2; exit 1; }

dotnet build bench/Lifecycle.Grpc.Bench -c Release -nologo -v q -clp:ErrorsOnly
bench="dotnet bench/Lifecycle.Grpc.Bench/bin/Release/net10.0/Lifecycle.Grpc.Bench.dll"
tmp=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
start_server() { # kind result-variable: starts a server, waits until it listens, stores its port
  # Not called through $(...): the PID must reach this shell's pids array so cleanup stops the server.
  local port; port=$(free_port)
  $bench serve "$1" "$port" > "$tmp/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q listening "$tmp/$1.log" && break; sleep 0.1; done
  printf -v "$2" '%s' "$port"
}
h2() { # label url body-file -> prints req/s
  local out; out=$(h2load -D "$seconds" --warm-up-time 2 -c 16 -m 32 -t 1 \
    -H 'content-type: application/grpc' -H 'te: trailers' -d "$3" "$2" 2>&1)
  local rps ok; rps=$(echo "$out" | awk '/^finished in/ {gsub(",",""); print $4}')
  ok=$(echo "$out" | awk '/^status codes:/ {gsub(",",""); print $3}')
  echo "$1: $rps req/s (2xx: $ok)" >&2
  echo "$rps"
}
ratio() { python3 -c "print(f'{100*$1/$2:.1f}%')"; }

$bench request echo "$tmp/echo.bin"
$bench request expand "$tmp/expand.bin"
start_server bare bare
start_server grpc grpc
echo "h2load -D $seconds --warm-up-time 2 -c 16 -m 32 -t 1 (one h2load thread; server and load share 2 cores)"
bare_unary=$(h2 "bare kestrel unary" "http://127.0.0.1:$bare/lifecycle.testing.v1.EchoService/Echo" "$tmp/echo.bin")
ours_unary=$(h2 "lifecycle.grpc unary" "http://127.0.0.1:$grpc/lifecycle.testing.v1.EchoService/Echo" "$tmp/echo.bin")
bare_stream=$(h2 "bare kestrel stream x10" "http://127.0.0.1:$bare/lifecycle.testing.v1.EchoService/Expand" "$tmp/expand.bin")
ours_stream=$(h2 "lifecycle.grpc stream x10" "http://127.0.0.1:$grpc/lifecycle.testing.v1.EchoService/Expand" "$tmp/expand.bin")

echo "client load: $seconds s, 64 concurrent callers, one channel"
raw=$($bench load raw "http://127.0.0.1:$bare" "$seconds" 64 | tee /dev/stderr | awk '/^RPS/ {print $2}')
ours=$($bench load ours "http://127.0.0.1:$grpc" "$seconds" 64 | tee /dev/stderr | awk '/^RPS/ {print $2}')

echo
echo "| measurement | baseline | ours | ours / baseline |"
echo "|---|---|---|---|"
echo "| unary echo, h2load (req/s) | $bare_unary | $ours_unary | $(ratio "$ours_unary" "$bare_unary") |"
echo "| server streaming x10, h2load (calls/s) | $bare_stream | $ours_stream | $(ratio "$ours_stream" "$bare_stream") |"
echo "| unary echo, .NET client (req/s) | $raw | $ours | $(ratio "$ours" "$raw") |"

if [[ " $* " == *" --allocations "* ]]; then
  (cd "$tmp" && dotnet "$OLDPWD/bench/Lifecycle.Grpc.Bench/bin/Release/net10.0/Lifecycle.Grpc.Bench.dll" allocations)
fi
