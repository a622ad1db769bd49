#!/usr/bin/env bash
# Load benchmark of the gateway with wrk, in one run: bare GET /ping, authenticated GET /v1/jobs/{id}, and job submission
# (POST /v1/jobs, analyze, each request its own Idempotency-Key; billing holds over HTTP; workers not started).
# For the submits it also prints the CPU time each process (gateway, billing, PostgreSQL, Kafka, wrk) spent per submit.
# Usage: bench/gateway/run.sh [seconds=20] [connections=32]
#   REALSKIN_BENCH_BASELINE=/path/to/other/checkout   that checkout's packaged gateway and billing run beside this one,
#                                                     rounds alternate, and current/baseline ratios are printed
#   REALSKIN_BENCH_ROUNDS=3                           rounds (default 1, or 3 with a baseline)
#   REALSKIN_BENCH_SUBMIT_CONNECTIONS=16              connections for the submit scenario
#   REALSKIN_BENCH_SUBMIT_WARMUP=10                   seconds of submits before the rounds (the JIT compiles the submit path)
#   REALSKIN_BENCH_JFR=/some/dir                      gateway and billing record a JFR profile there during each submit run
#   REALSKIN_JOBS_READ_CACHE_TTL=0s                   every read goes to PostgreSQL (no read cache)
# Needs: wrk (apt-get install -y wrk), the packaged services (mvn -o -q package -DskipTests -pl gateway-service,billing-service,deploy/local -am).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
for checkout in "$root" ${REALSKIN_BENCH_BASELINE:+"$REALSKIN_BENCH_BASELINE"}; do
  for s in gateway-service billing-service; do
    [[ -f "$checkout/$s/target/quarkus-app/quarkus-run.jar" ]] \
      || { echo "build first: (cd $checkout && mvn -o -q package -DskipTests -pl $s -am)" >&2; exit 1; }
  done
done
[[ -f deploy/local/target/launcher.classpath ]] || { echo "build first: mvn -o -q package -DskipTests -pl deploy/local -am" >&2; exit 1; }
classpath="deploy/local/target/classes:$(cat deploy/local/target/launcher.classpath)"
exec java -Xmx256m -cp "$classpath" bench/gateway/BenchGateway.java "$root" "${1:-20}" "${2:-32}"
