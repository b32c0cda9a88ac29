#!/usr/bin/env bash
# The busbridge benchmark: the bridge against three baselines, side by side, on one emulator.
#   bench/run.sh           20 s per scenario after a warm-up (about 4 minutes in all)
#   bench/run.sh --quick    5 s per scenario, shorter warm-ups, no overload scenario (under 2 minutes)
#   bench/run.sh --quick --only bridge,ceiling   just those server scenarios (bridge, ceiling, stock):
#                           for A/B comparisons of a change; prints the rows, no ratios
#   bench/run.sh --quick --only bridge,overload  adds the 10x overload scenario to a quick run
#   bench/run.sh --broker-latency-ms 5   the emulator acknowledges every send 5 ms late, as a Service Bus
#                           across a network does (on 127.0.0.1 it acknowledges in microseconds); combines
#                           with the options above
#   bench/run.sh --customers 1000   orders come from 1,000 customers in turn (1,000 sessions per orders
#                           queue) instead of the examples' one customer per queue; combines likewise
#   BENCH_SERVER_ENV="BUSBRIDGE_PUBLISH_MAX_INFLIGHT=128" adds environment to the bridge and ceiling servers,
#   BENCH_JVM_OPTS adds JVM options (e.g. -XX:StartFlightRecording=...) to every server
#
# The emulator runs in its own JVM (EmulatorMain, bench/servicebus-bench.json: the shipped entities
# with a 10 s TTL so the in-memory store stays bounded). Each server runs in a fresh JVM started with
# the Dockerfile's JVM options, bound to 127.0.0.1 on free ports. wrk posts the schemas' examples
# padded to 1 KiB (bench/post-events.lua) on 256 connections. Scenarios:
#   bridge           java -jar target/busbridge.jar, the shipped routes
#   bridge @ half    the same JVM, wrk paced to half the bridge's peak rate (each connection waits 8 ms
#                    between requests, with as many connections as that rate needs: wrk has no open-loop mode)
#   10x overload     the same JVM, 2,560 connections: 503s beyond the in-flight cap, bounded memory
#   HTTP ceiling     the bridge with -Dbusbridge.publish.enabled=false (JVM option only): parse, validate, map, route,
#                    answer 202 — everything but the send
#   stock Camel      plain camel-main (org.apache.camel.main.Main on the jar's classpath, no busbridge
#                    code) with bench/stock-camel/: platform-http -> azure-servicebus producer, Camel's
#                    default settings, Vert.x's default 20 worker threads
#   direct SDK       io.busbridge.bench.DirectSdkBench: the SDK alone, same messages, 256 in flight
# CPU is user+system time from /proc/PID/stat over the measured window, in % of one core; peak RSS
# is VmHWM of the server JVM (of the sender JVM for direct SDK).
set -euo pipefail
cd "$(dirname "$0")/.."

# A fresh JVM needs a long warm-up before its JIT settles (more on a loaded machine); a scenario
# that follows on the same JVM needs only a short one.
seconds=20
warmup=15
rewarm=3
overload=yes
mode="full run"
only=""
broker_latency_ms=0
customers=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) seconds=5; warmup=15; rewarm=2; overload=no; mode="quick run (no overload scenario unless --only names it)" ;;
    --only) only=",$2,"; shift ;;
    --broker-latency-ms) broker_latency_ms=$2; shift ;;
    --customers) customers=$2; shift ;;
    *) echo "usage: bench/run.sh [--quick] [--only bridge,overload,ceiling,stock] [--broker-latency-ms N] [--customers N]" >&2; exit 2 ;;
  esac
  shift
done
# True when the scenario is to run (all of them without --only).
wanted() { [[ -z "$only" || "$only" == *",$1,"* ]]; }
connections=256
began=$(date +%s)

if ! command -v wrk >/dev/null; then
  apt-get update -q && apt-get install -y -q wrk
fi
# Incremental: the thin jar with target/lib/, and the bench classes in test sources; runs no tests.
mvn -B -q -o package -DskipTests

# The JVM options of the Dockerfile's ENTRYPOINT, plus what a 512 MiB container would give the JVM:
# MaxRAM stands in for the memory limit (MaxRAMPercentage is relative to it) and, below 1792 MB,
# the JVM's ergonomics choose the serial collector.
container="-XX:MaxRAM=512m -XX:+UseSerialGC"
jvm_opts="$(grep '^ENTRYPOINT' Dockerfile | grep -o '"-X[^"]*"' | tr -d '"' | tr '\n' ' ')$container"
server_jvm_opts="$jvm_opts ${BENCH_JVM_OPTS:-}"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# Below the kernel's ephemeral range (32768+), where outgoing connections take their ports; a port no
# socket of any state uses.
free_port() {
  local port
  while :; do
    port=$(shuf -i 20000-32000 -n 1)
    if ! ss -tanH | awk '{ print $4 }' | grep -q ":$port\$"; then echo "$port"; return; fi
  done
}
cpu_ticks() { awk '{ split($0, a, ") "); split(a[2], f, " "); print f[12] + f[13] }' "/proc/$1/stat"; }
status_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
percent() { awk -v a="$1" -v b="$2" -v s="$3" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", 100 * (b - a) / hz / s }'; }
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

java -cp target/test-classes:target/busbridge.jar io.busbridge.bench.BenchEvents config/schemas "$work/events.lua"
export BENCH_EVENTS="$work/events.lua"
export BENCH_CUSTOMERS=$customers

java -cp target/busbridge.jar io.busbridge.emulator.EmulatorMain --port 0 \
  --config bench/servicebus-bench.json --ack-delay-ms "$broker_latency_ms" >"$work/emulator.log" 2>&1 &
emulator=$!
pids+=("$emulator")
connection=""
for _ in $(seq 1 300); do
  connection=$(grep -o 'Endpoint=sb://[^[:space:]"]*' "$work/emulator.log" | head -n 1 || true)
  [[ -n "$connection" ]] && break
  kill -0 "$emulator" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
  sleep 0.2
done
[[ -n "$connection" ]] || { echo "emulator not ready in 60 s" >&2; cat "$work/emulator.log" >&2; exit 1; }

# Starts a server JVM with extra environment; sets server, http_port, ready_ms, idle_rss_mb. The JVM
# runs $launch after the JVM options: the bridge's jar unless a scenario sets it; $health_port names
# the port that answers /observe/health/ready (stock Camel has it on its HTTP port).
bridge_launch="-jar target/busbridge.jar"
launch=$bridge_launch
health_port=management
start_server() {
  local name=$1; shift
  http_port=$(free_port)
  local management_port; management_port=$(free_port)
  while [[ "$management_port" == "$http_port" ]]; do management_port=$(free_port); done
  local ready_port=$management_port
  [[ "$health_port" == http ]] && ready_port=$http_port
  local t0; t0=$(date +%s%N)
  env SERVICEBUS_CONNECTION_STRING="$connection" BUSBRIDGE_HTTP_HOST=127.0.0.1 BUSBRIDGE_HTTP_PORT="$http_port" \
    BUSBRIDGE_MANAGEMENT_HOST=127.0.0.1 BUSBRIDGE_MANAGEMENT_PORT="$management_port" "$@" \
    java $server_jvm_opts $launch >"$work/$name.log" 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 1 1200); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$ready_port/observe/health/ready" 2>/dev/null; then
      ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
      sleep 1
      idle_rss_mb=$(( $(status_kb "$server" VmRSS) / 1024 ))
      return
    fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.05
  done
  echo "$name did not become ready:" >&2
  tail -n 40 "$work/$name.log" >&2
  exit 1
}

stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}

# wrk against the current server: a warm-up, then the measured window. Adds a row.
load() {
  local label=$1 conns=$2 delay_ms=$3 warm=$4
  local url="http://127.0.0.1:$http_port/v1/events"
  BENCH_DELAY_MS=$delay_ms wrk -t2 -c"$conns" -d"${warm}s" -s bench/post-events.lua "$url" >/dev/null
  local s0 e0 s1 e1 out
  s0=$(cpu_ticks "$server"); e0=$(cpu_ticks "$emulator")
  out=$(BENCH_DELAY_MS=$delay_ms wrk -t2 -c"$conns" -d"${seconds}s" --timeout 30s -s bench/post-events.lua "$url" \
    | grep '^rps=')
  s1=$(cpu_ticks "$server"); e1=$(cpu_ticks "$emulator")
  row "$label" "$out" "$(percent "$s0" "$s1" "$seconds")" "$(percent "$e0" "$e1" "$seconds")" \
    "$(( $(status_kb "$server" VmHWM) / 1024 ))"
}

# One table row per scenario; results[label] keeps the key=value line for the ratios.
rows=()
declare -A results
row() {
  local out=$2
  results[$1]=$out
  rows+=("$(printf '%-26s %8s %8s %8s %8s %9s%% %9s%% %10s' "$1" "$(field rps "$out")" "$(field p50_ms "$out")" \
    "$(field p99_ms "$out")" "$(field failed "$out")" "$3" "$4" "$5")")
}

load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

if wanted bridge; then
start_server bridge ${BENCH_SERVER_ENV:-}
bridge_ready_ms=$ready_ms
bridge_idle_mb=$idle_rss_mb
load "bridge" "$connections" 0 "$warmup"
bridge_rps=$(field rps "${results[bridge]}")
# Each connection waits half_delay ms after every answer, and an answer takes about the broker's latency
# plus a millisecond: enough connections to offer half the peak rate.
half_delay=8
half_conns=$(awk -v r="$bridge_rps" -v d="$half_delay" -v l="$broker_latency_ms" \
  'BEGIN { c = int(r / 2 * (d + l + 1) / 1000 + 0.5); print (c < 1 ? 1 : c) }')
load "bridge at half peak" "$half_conns" "$half_delay" "$rewarm"
# 10x the connections: beyond busbridge.publish.max-inflight requests are answered 503 at once
# (counted as errors); the peak RSS column shows whether memory stayed bounded.
if [[ "$overload" == yes || "$only" == *",overload,"* ]]; then
  load "bridge, 10x overload" $((connections * 10)) 0 "$rewarm"
fi
stop_server
fi

if wanted ceiling; then
start_server ceiling JDK_JAVA_OPTIONS=-Dbusbridge.publish.enabled=false ${BENCH_SERVER_ENV:-}
load "HTTP ceiling (no send)" "$connections" 0 "$warmup"
stop_server
fi

# Plain camel-main (org.apache.camel.main.Main from the same classpath, no busbridge code) with its own
# minimal properties: Camel's defaults, Vert.x's default 20 worker threads.
if wanted stock; then
launch="-Dcamel.main.property-placeholder-location=file:bench/stock-camel/application.properties"
launch+=" -cp target/busbridge.jar org.apache.camel.main.Main"
health_port=http
start_server stock
launch=$bridge_launch
health_port=management
load "stock Camel" "$connections" 0 "$warmup"
stop_server
fi

if [[ -n "$only" ]]; then
  echo "busbridge bench, $mode, only$only: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)," \
    "broker latency $broker_latency_ms ms, customers $customers, load average at start $load_at_start${BENCH_SERVER_ENV:+, $BENCH_SERVER_ENV}"
  printf '%s\n' "${rows[@]}"
  exit 0
fi

direct=$(java $jvm_opts -cp target/test-classes:target/busbridge.jar io.busbridge.bench.DirectSdkBench \
  --connection-string "$connection" --emulator-pid "$emulator" --clock-ticks "$(getconf CLK_TCK)" \
  --seconds "$seconds" --warmup-seconds "$warmup" --in-flight "$connections" --schemas config/schemas --customers "$customers")
direct_line=$(grep '^rps=' <<<"$direct")
row "direct SDK" "$direct_line" "$(field cpu_server "$direct_line")" "$(field cpu_emulator "$direct_line")" \
  "$(field hwm_mb "$direct_line")"
grep '^first failure' <<<"$direct" || true

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v v="$1" -v g="$2" -v op="$3" 'BEGIN { ok = (op == ">=" ? v >= g : v <= g); print (ok ? "met" : "MISSED") }'; }
direct_p99=$(field p99_ms "${results[direct SDK]}")
half_p99=$(field p99_ms "${results[bridge at half peak]}")
half_rps=$(field rps "${results[bridge at half peak]}")
bridge_hwm=$(awk '{ print $NF }' <<<"${rows[0]}")
overload_hwm=$(awk '/10x overload/ { print $NF }' <<<"$(printf '%s\n' "${rows[@]}")")
rss_verdict=$(verdict "${overload_hwm:-$bridge_hwm}" 400 '<=')
r_direct=$(ratio "$bridge_rps" "$(field rps "${results[direct SDK]}")")
r_stock=$(ratio "$bridge_rps" "$(field rps "${results[stock Camel]}")")
r_ceiling=$(ratio "$bridge_rps" "$(field rps "${results[HTTP ceiling (no send)]}")")
p99_goal=$(awk -v p="$direct_p99" 'BEGIN { printf "%.2f", p + 5 }')

{
  echo "busbridge bench, $mode: $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD), $(nproc) cores," \
    "load average at start $load_at_start"
  echo "1 KiB events (schema examples), $connections connections, ${seconds} s measured per scenario after a warm-up" \
    "(${warmup} s on a fresh JVM, ${rewarm} s on the same one)"
  echo "broker latency: the emulator acknowledges each send ${broker_latency_ms} ms after it arrives"
  echo "customers: $( ((customers == 0)) && echo "the examples' own, one per orders queue" || echo "$customers in turn")"
  echo "JVM options: $jvm_opts (Dockerfile ENTRYPOINT + a 512 MiB container's limit and collector)"
  echo
  printf '%-26s %8s %8s %8s %8s %10s %10s %10s\n' scenario "req/s" "p50 ms" "p99 ms" errors "CPU server" \
    "CPU emul." "peak RSS MB"
  printf '%s\n' "${rows[@]}"
  echo
  echo "bridge at half peak: $half_conns connections paced at ${half_delay} ms, achieved $half_rps req/s"
  echo "bridge: time to ready ${bridge_ready_ms} ms, idle RSS ${bridge_idle_mb} MB"
  echo
  echo "bridge / direct SDK    $r_direct   (goal >= 0.80: $(verdict "$r_direct" 0.8 '>='))"
  echo "bridge / stock Camel   $r_stock   (goal >= 3: $(verdict "$r_stock" 3 '>='))"
  echo "bridge / HTTP ceiling  $r_ceiling"
  echo "p99 at half peak       $half_p99 ms (goal <= direct-SDK p99 + 5 ms = $p99_goal ms: $(verdict "$half_p99" "$p99_goal" '<='))"
  echo "bridge peak RSS        $bridge_hwm MB at 256 connections${overload_hwm:+, $overload_hwm MB after 10x overload}" \
    "(goal <= 400 MB: $rss_verdict)"
  echo
  echo "duration: $(( $(date +%s) - began )) s"
} | tee "$work/table.txt"
mkdir -p bench/results
cp "$work/table.txt" "bench/results/run-$(date -u +%Y%m%dT%H%M%SZ).txt"
