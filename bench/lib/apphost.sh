# Shared by the whole-system benchmarks (source it): start the real AppHost in the background with its own state
# directory, wait until every resource is Healthy, read endpoints, and stop it cleanly.
# Uses and sets: apphost (PID). Requires Lifecycle.AppHost built in Release.

apphost=""

# apphost_start <state-dir> <log-file> [apphost flags...]
apphost_start() {
  local state=$1 log=$2; shift 2
  mkdir -p "$state"
  dotnet exec Lifecycle.AppHost/bin/Release/net10.0/Lifecycle.AppHost.dll --free-ports --state-dir "$state" "$@" > "$log" 2>&1 &
  apphost=$!
}

apphost_stop() {
  [[ -n "$apphost" ]] || return 0
  kill -TERM "$apphost" 2>/dev/null || true
  # SIGTERM, not SIGINT: a non-interactive shell starts background jobs with SIGINT ignored.
  for _ in $(seq 600); do kill -0 "$apphost" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$apphost" 2>/dev/null && { echo "AppHost $apphost still running after 60 s; killing it" >&2; kill -KILL "$apphost" 2>/dev/null || true; }
  wait "$apphost" 2>/dev/null || true
  apphost=""
}

# apphost_wait_healthy <state-dir>: returns once endpoints.json shows every resource Healthy; fails at once with the
# reason when the AppHost gave up on a resource, or after 300 s.
apphost_wait_healthy() {
  python3 - "$1/endpoints.json" <<'PY'
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
            sys.exit(0)
    except (OSError, ValueError, KeyError):
        pass
    time.sleep(0.1)
sys.exit("resources not healthy after 300 s")
PY
}

# apphost_endpoint <state-dir> <resource> <endpoint>: prints the URL, e.g. http://127.0.0.1:40123
apphost_endpoint() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]["endpoints"][sys.argv[3]])' "$1/endpoints.json" "$2" "$3"
}
