#!/usr/bin/env bash
# The heap hashing a finished job's result costs the gateway: read whole (before) beside streamed (now).
# Usage: bench/gateway/result-hash.sh [megabytes=30] [jobs=8]   (heap: REALSKIN_BENCH_XMX, default 128m)
# Needs: the contracts classes (mvn -o -q compile -pl contracts).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
[[ -d contracts/target/classes ]] || { echo "build first: mvn -o -q compile -pl contracts" >&2; exit 1; }
exec java "-Xmx${REALSKIN_BENCH_XMX:-128m}" -cp contracts/target/classes bench/gateway/ResultHashMemory.java "${1:-30}" "${2:-8}"
