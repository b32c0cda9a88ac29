#!/usr/bin/env bash
# Reliability campaign (issue 7): the bridge in its own JVM (target/busbridge.jar), the emulator with its fault
# controls in the harness JVM, and HTTP callers that retry every non-202 with the same Idempotency-Key.
# Faults under load, overload, hostile input and graceful shutdown; the full mode adds a 10-minute soak.
# Ends with one line: accepted=N lost=0 duplicated=0 bad-input-5xx=0 recovery-s=X; exits 1 if an invariant fails.
#   bench/faults.sh --quick    at most 3 minutes (CI)
#   bench/faults.sh            full campaign, about 15 minutes
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
if [[ "${1:-}" == "--quick" ]]; then
  mode=quick
fi

# Incremental: the thin jar with target/lib/ and the harness in test sources; runs no tests.
mvn -B -q -o package -DskipTests

mkdir -p bench/results
result="bench/results/faults-$mode-$(date -u +%Y%m%dT%H%M%SZ).txt"
echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null || echo unversioned) $mode, $(nproc) cores" | tee "$result"
# The harness JVM hosts the emulator, which keeps every accepted message until the final audit: the full run
# (hundreds of thousands of 1 KiB messages at today's capacity) exhausted a 1 GiB heap during the soak.
java -Xmx6g -cp target/test-classes:target/busbridge.jar io.busbridge.campaign.FaultCampaign "--$mode" \
  | tee -a "$result"
