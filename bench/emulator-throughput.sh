#!/usr/bin/env bash
# SDK send throughput against the emulator, each in its own JVM: single 1 KiB sends with 64 in flight, then
# batches of 100. Prints msgs/s and the CPU of both JVMs. Goal on the 2-core dev machine: >= 5,000 msgs/s
# single, >= 20,000 msgs/s batched.
#   bench/emulator-throughput.sh           20 s per mode after a 5 s warm-up
#   bench/emulator-throughput.sh --quick    5 s per mode after a 3 s warm-up
# EMULATOR_JAVA_OPTS adds JVM options to the emulator, e.g. to profile it:
#   EMULATOR_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/emulator.jfr bench/emulator-throughput.sh --quick
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
warmup=5
if [[ "${1:-}" == "--quick" ]]; then
  seconds=5
  warmup=3
fi

# Incremental: builds the thin jar with target/lib/ and compiles the harness in test sources, runs no tests.
mvn -B -q -o package -DskipTests

work=$(mktemp -d)
log="$work/emulator.log"
# Port 0: the emulator takes a free port and prints the connection string that names it.
# The bench queues may hold up to 4 GiB (a 20 s batched run can store over 2 GB), so give the heap room.
java -Xmx5g ${EMULATOR_JAVA_OPTS:-} -cp target/busbridge.jar io.busbridge.emulator.EmulatorMain --port 0 \
  --config bench/emulator-throughput.json >"$log" 2>&1 &
emulator=$!
trap 'kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true; rm -rf "$work"' EXIT

connection=""
for _ in $(seq 1 300); do
  connection=$(grep -o 'Endpoint=sb://[^[:space:]"]*' "$log" | head -n 1 || true)
  [[ -n "$connection" ]] && break
  if ! kill -0 "$emulator" 2>/dev/null; then
    echo "emulator exited before it was ready:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.2
done
if [[ -z "$connection" ]]; then
  echo "emulator printed no connection string within 60 s:" >&2
  cat "$log" >&2
  exit 1
fi

mkdir -p bench/results
result="bench/results/emulator-throughput-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD) ${seconds}s per mode, $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)" | tee "$result"
java -cp target/test-classes:target/busbridge.jar io.busbridge.bench.EmulatorThroughputBench \
  --connection-string "$connection" --emulator-pid "$emulator" --clock-ticks "$(getconf CLK_TCK)" \
  --seconds "$seconds" --warmup-seconds "$warmup" \
  --single-queue bench-single --batch-queue bench-batch | tee -a "$result"
