#!/usr/bin/env bash
# Runs the standard load-test set against a local Tandem and writes load-tests/RESULTS.md.
#
#   bash load-tests/run-standard.sh            # everything, about 10 minutes on 2 cores
#   QUICK=1 bash load-tests/run-standard.sh    # smaller counts, about 3 minutes
#
# Tandem runs from server/target/tandem-server.jar with a fresh data directory, plaintext c2s
# allowed on loopback (as the reference figures were taken), pinned to core 0; the generator is
# pinned to core 1. Every scenario is bounded in sessions and time. Nothing leaves loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=${QUICK:-0}
work=load-tests/target/run
results=load-tests/results
mkdir -p "$work" "$results"
rm -rf "$work/data"
json="$results/standard.json"
tables="$work/tables.txt"
: > "$json"
: > "$tables"

./mvnw -q -B -DskipTests package

server_cpu="" ; load_cpu=""
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  server_cpu="taskset -c 0"; load_cpu="taskset -c 1"
fi
admin_password=load-test-admin
TANDEM_ADMIN_PASSWORD=$admin_password $server_cpu java -Xmx2g -jar server/target/tandem-server.jar \
  --tandem.data-dir="$work/data" --tandem.tls.allow-plaintext-auth=true --tandem.c2s.tls-required=false \
  --logging.level.im.tandem=WARN >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS http://127.0.0.1:5280/actuator/health/readiness >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 1
done

load() {
  echo ">>> $*" | tee -a "$tables"
  $load_cpu java -jar load-tests/target/tandem-load.jar "$@" --out "$json" \
    --http http://127.0.0.1:5280 --admin-password "$admin_password" | tee -a "$tables"
}

if [ "$quick" = 1 ]; then
  users=1000; storm=1000; idle=1000,3000; rates=1000,2000,4000; step=8s; long=15s
else
  users=4000; storm=5000; idle=1000,10000,18000; rates=1000,2000,4000,8000,12000; step=15s; long=30s
fi
plain=(--port 5222 --tls none)

load provision --users "$users"
load login-storm --sessions "$storm" --devices 5 "${plain[@]}"
load login-storm --sessions "$((storm / 2))" --devices 5 --port 5223 --tls direct
load idle-sessions --sessions "$idle" --devices 5 --pid "$pid" --hold 10s "${plain[@]}"
load mdm-chat --users 100 --devices 3 --rates "$rates" --step "$step" --drain 5s --pid "$pid" "${plain[@]}"
load quiet-churn --users 100 --devices 3 --rates 1000 --step "$long" --quiet-share 0.5 --quiet-toggle 5s --pid "$pid" "${plain[@]}"
load router-restart --users 100 --devices 3 --rates 1000 --step "$long" --router-restart-every 5s --pid "$pid" "${plain[@]}"

kill $pid; wait $pid 2>/dev/null || true; trap - EXIT

{
  echo "# Load-test results"
  echo
  echo "Written by \`load-tests/run-standard.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' plus uncommitted changes')."
  echo "Raw results: \`load-tests/results/standard.json\` (one JSON line per scenario)."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; server pinned to core 0, generator to core 1"
  echo "- Memory: $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo); open files per process: $(ulimit -n)"
  echo "- Kernel: $(uname -r); Java: $(java -version 2>&1 | head -1)"
  echo "- Server: Tandem, \`-Xmx2g\`, H2 file database, plaintext c2s on loopback unless a row says TLS"
  echo
  echo "## Figures"
  echo
  echo '```'
  cat "$tables"
  echo '```'
  echo
  cat load-tests/ANALYSIS.md
} > load-tests/RESULTS.md
echo "wrote load-tests/RESULTS.md"
