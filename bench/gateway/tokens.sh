#!/usr/bin/env bash
# What a service token costs per backend call: signing one (RS256) beside reusing one, on the gateway's ServiceTokens.
# Usage: bench/gateway/tokens.sh [rounds=5]
# Needs: the packaged gateway and the local stack classes (mvn -o -q package -DskipTests -pl gateway-service,deploy/local -am).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
[[ -d gateway-service/target/quarkus-app/lib/main && -d gateway-service/target/classes ]] \
  || { echo "build first: mvn -o -q package -DskipTests -pl gateway-service,deploy/local -am" >&2; exit 1; }
[[ -d deploy/local/target/classes ]] || { echo "build first: mvn -o -q package -DskipTests -pl deploy/local -am" >&2; exit 1; }
classpath="gateway-service/target/classes:deploy/local/target/classes:gateway-service/target/quarkus-app/lib/boot/*:gateway-service/target/quarkus-app/lib/main/*"
exec java -Xmx256m -cp "$classpath" bench/gateway/ServiceTokenBench.java "${1:-5}"
