#!/usr/bin/env bash
# Capture throughput of billing-service (inbox + hold + ledger + balance + outbox per COMPLETED event, consumed from
# Kafka by the packaged app in its own JVM) beside a plain one-row INSERT rate into the same PostgreSQL, same run.
#
#   bench/billing/run.sh            # 10,000 captures
#   JOBS=1000 bench/billing/run.sh  # what mvn verify runs (it checks exactness there; too few for steady figures)
#
# It runs BillingProcessIT on a fresh local stack (KRaft Kafka + embedded PostgreSQL): the kill -9 test first (it also
# warms the JVM), then #captureThroughputBesidePlainInsertRate, which prints the BENCH lines below. The test asserts
# only exactness (one capture per job, nothing left held); the rates and their ratio are figures, read here.
set -euo pipefail
cd "$(dirname "$0")/../.."
MVN=${MVN:-./mvnw}
JOBS=${JOBS:-10000}
OFFLINE=${OFFLINE:--o}

mkdir -p billing-service/target
"$MVN" -B $OFFLINE -pl billing-service -am verify \
    -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=BillingProcessIT -Dfailsafe.failIfNoSpecifiedTests=false -Dbench.jobs="$JOBS" \
    > billing-service/target/billing-bench.log 2>&1 || status=$?
grep -E "BENCH|crash test|Tests run:|BUILD" billing-service/target/billing-bench.log
echo "full log: billing-service/target/billing-bench.log"
exit "${status:-0}"
