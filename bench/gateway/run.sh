#!/usr/bin/env bash
# Load benchmark of authenticated GET /v1/jobs/{id} beside the bare GET /ping of the same gateway, with wrk.
# Usage: bench/gateway/run.sh [seconds=20] [connections=32]
#   REALSKIN_JOBS_READ_CACHE_TTL=0s bench/gateway/run.sh   measures every read going to PostgreSQL (no read cache)
# Needs: wrk (apt-get install -y wrk), the packaged services (mvn -o -q package -DskipTests -pl gateway-service,billing-service -am).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
for s in gateway-service billing-service; do
  [[ -f "$s/target/quarkus-app/quarkus-run.jar" ]] || { echo "build first: mvn -o -q package -DskipTests -pl $s -am" >&2; exit 1; }
done
[[ -f deploy/local/target/launcher.classpath ]] || { echo "build first: mvn -o -q package -DskipTests -pl deploy/local -am" >&2; exit 1; }
classpath="deploy/local/target/classes:$(cat deploy/local/target/launcher.classpath)"
exec java -Xmx256m -cp "$classpath" bench/gateway/BenchGateway.java "$root" "${1:-20}" "${2:-32}"
