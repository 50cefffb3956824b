#!/usr/bin/env bash
# gRPC runtime benchmark: our server vs bare Kestrel writing the same pre-framed bytes (the ceiling), both under
# h2load in this one script, then our client driving our server vs plain HttpClient on bare Kestrel.
# h2load on a 2-core machine swings ±15 % from one run to the next, so one pair of runs settles nothing: the two
# servers are measured in alternating rounds (bare then ours, then ours then bare, ...), each round gives a ratio,
# and the table reports the median of those ratios with every round's ratio beside it. Besides req/s it reports the
# server's CPU time per call (from /proc), which moves far less than req/s when other work shares the machine.
# Usage: bench/grpc.sh [seconds-per-run=5] [rounds=5] [--allocations]
#   GRPC_BENCH_WARMUP_SECONDS: warm-up per server and endpoint, run once before the rounds (default 2 x seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
numbers=()
allocations=false
for arg in "$@"; do
  case $arg in
    --allocations) allocations=true ;;
    *[!0-9]* | '') echo "usage: bench/grpc.sh [seconds-per-run=5] [rounds=5] [--allocations]" >&2; exit 2 ;;
    *) numbers+=("$arg") ;;
  esac
done
seconds=${numbers[0]:-5}
rounds=${numbers[1]:-5}
# On a busy machine the JIT's background tier-up is starved: a short warm-up left our server (more code to tier up
# than the bare endpoint) measured half-jitted. The rounds after the warm-up keep both servers hot.
warmup=${GRPC_BENCH_WARMUP_SECONDS:-$((2 * seconds))}
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
load() { # seconds server("port pid") path body-file -> h2load's report
  h2load -D "$1" -c 16 -m 32 -t 1 -H 'content-type: application/grpc' -H 'te: trailers' -d "$4" "http://127.0.0.1:${2% *}$3" 2>&1
}
h2() { # label server("port pid") path body-file -> prints "req/s server-CPU-us-per-call"
  local pid=${2#* } before after out rps ok done us
  before=$(cpu_ticks "$pid")
  out=$(load "$seconds" "$2" "$3" "$4")
  after=$(cpu_ticks "$pid")
  rps=$(echo "$out" | awk '/^finished in/ {gsub(",",""); print $4}')
  ok=$(echo "$out" | awk '/^status codes:/ {gsub(",",""); print $3}')
  done=$(echo "$out" | awk '/^requests:/ {print $8}')
  # CPU the server spent per call: unlike req/s, this moves little when other work shares the machine.
  us=$(python3 -c "print(f'{($after - $before) / $(getconf CLK_TCK) * 1e6 / max($done, 1):.1f}')")
  echo "  $1: $rps req/s (2xx: $ok), server CPU $us us/call" >&2
  echo "$rps $us"
}
# measurement path body-file -> one line per round on stdout: "bare-rps bare-us ours-rps ours-us"
rounds_of() {
  local i bare_result ours_result
  for ((i = 1; i <= rounds; i++)); do
    echo "$1, round $i of $rounds" >&2
    # The order flips every round, so a drift in the machine's load does not always favour the same server.
    if ((i % 2)); then
      bare_result=$(h2 "bare kestrel" "$bare" "$2" "$3"); ours_result=$(h2 "lifecycle.grpc" "$grpc" "$2" "$3")
    else
      ours_result=$(h2 "lifecycle.grpc" "$grpc" "$2" "$3"); bare_result=$(h2 "bare kestrel" "$bare" "$2" "$3")
    fi
    echo "$bare_result $ours_result"
  done
}
# label rate-unit rounds-file -> two table rows (req/s and server CPU per call): medians, median of per-round ratios, each round's ratio
rows() {
  python3 - "$1" "$2" "$3" <<'PY'
import statistics, sys
label, unit, path = sys.argv[1:]
runs = [[float(x) for x in line.split()] for line in open(path) if line.strip()]
def row(name, figure, bare, ours):
    ratios = [100 * o / b for b, o in zip(bare, ours)]
    each = ", ".join(f"{r:.1f} %" for r in ratios)
    print(f"| {name} | {figure.format(statistics.median(bare))} | {figure.format(statistics.median(ours))} | **{statistics.median(ratios):.1f} %** | {each} |")
row(f"{label}, h2load ({unit}, higher is better)", "{:,.0f}", [r[0] for r in runs], [r[2] for r in runs])
row(f"server CPU per {label} call (us, lower is better)", "{:.1f}", [r[1] for r in runs], [r[3] for r in runs])
PY
}

$bench request echo "$tmp/echo.bin"
$bench request expand "$tmp/expand.bin"
start_server bare bare
start_server grpc grpc
unary=/lifecycle.testing.v1.EchoService/Echo
stream=/lifecycle.testing.v1.EchoService/Expand
echo "warm-up: $warmup s of h2load per server and endpoint (JIT tiering), kept out of every figure" >&2
for server in "$bare" "$grpc"; do
  load "$warmup" "$server" "$unary" "$tmp/echo.bin" > /dev/null
  load "$warmup" "$server" "$stream" "$tmp/expand.bin" > /dev/null
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rounds_of "unary echo" "$unary" "$tmp/echo.bin" > "$tmp/unary.rounds"
rounds_of "server streaming x10" "$stream" "$tmp/expand.bin" > "$tmp/stream.rounds"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The client figures are copied to stderr without `tee /dev/stderr`: with stderr redirected to a file, reopening it truncates the file.
echo "client load: $seconds s, 64 concurrent callers, one channel, one run each" >&2
raw=$($bench load raw "http://127.0.0.1:${bare% *}" "$seconds" 64 | tee >(cat >&2) | awk '/^RPS/ {print $2}')
ours=$($bench load ours "http://127.0.0.1:${grpc% *}" "$seconds" 64 | tee >(cat >&2) | awk '/^RPS/ {print $2}')

echo
echo "h2load -D $seconds -c 16 -m 32 -t 1 (one h2load thread; servers and load share the machine's cores), $rounds alternating rounds after a $warmup s warm-up; load average before / after the rounds: $load_before / $load_after"
echo
echo "| measurement | bare Kestrel (median) | ours (median) | ours / bare, median of the rounds | each round |"
echo "|---|---|---|---|---|"
rows "unary echo" "req/s" "$tmp/unary.rounds"
rows "server streaming x10" "calls/s" "$tmp/stream.rounds"
echo "| unary echo, .NET client (req/s): HttpClient → bare vs our client → ours | $raw | $ours | $(python3 -c "print(f'{100*$ours/$raw:.1f} %')") | (one run) |"

if $allocations; then
  (cd "$tmp" && dotnet "$OLDPWD/bench/Lifecycle.Grpc.Bench/bin/Release/net10.0/Lifecycle.Grpc.Bench.dll" allocations)
fi
