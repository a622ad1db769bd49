#!/usr/bin/env bash
# Capture throughput of billing-service (inbox + hold + ledger + balance + outbox per COMPLETED event, consumed from
# Kafka by the packaged app in its own JVM) beside a plain one-row INSERT rate into the same PostgreSQL, same run.
#
#   bench/billing/run.sh            # 10,000 captures
#   JOBS=5000 bench/billing/run.sh  # what mvn verify runs
#
# It is BillingProcessIT#captureThroughputBesidePlainInsertRate (which also fails below a ratio of 0.3), on a fresh
# local stack (KRaft Kafka + embedded PostgreSQL); the kill -9 test in the same class runs first and warms the JVM.
set -euo pipefail
cd "$(dirname "$0")/../.."
MVN=${MVN:-mvn}
JOBS=${JOBS:-10000}
OFFLINE=${OFFLINE:--o}

"$MVN" $OFFLINE -q -pl billing-service -am install -DskipTests
"$MVN" $OFFLINE -pl billing-service verify \
    -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=BillingProcessIT -Dbench.jobs="$JOBS" \
    > billing-service/target/billing-bench.log 2>&1 || status=$?
grep -E "BENCH|crash test|Tests run:|BUILD" billing-service/target/billing-bench.log
echo "full log: billing-service/target/billing-bench.log"
exit "${status:-0}"
