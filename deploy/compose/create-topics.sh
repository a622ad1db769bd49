#!/bin/sh
# Creates the topics of docs/architecture.md with their partition counts (texture.requests bounds the texture workers: 12) and
# retention (io.realskin.contracts.Topics: 7 days for requests and job events, 30 days for billing events and dead letters).
set -e
b="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
t=/opt/kafka/bin/kafka-topics.sh
$t --bootstrap-server "$b" --create --if-not-exists --topic texture.requests --partitions 12 --replication-factor 1 --config retention.ms=604800000
$t --bootstrap-server "$b" --create --if-not-exists --topic texture.requests.dlq --partitions 1 --replication-factor 1 --config retention.ms=2592000000
$t --bootstrap-server "$b" --create --if-not-exists --topic generation.requests --partitions 6 --replication-factor 1 --config retention.ms=604800000
$t --bootstrap-server "$b" --create --if-not-exists --topic generation.requests.dlq --partitions 1 --replication-factor 1 --config retention.ms=2592000000
$t --bootstrap-server "$b" --create --if-not-exists --topic job.events --partitions 6 --replication-factor 1 --config retention.ms=604800000
$t --bootstrap-server "$b" --create --if-not-exists --topic job.events.dlq --partitions 1 --replication-factor 1 --config retention.ms=2592000000
$t --bootstrap-server "$b" --create --if-not-exists --topic billing.events --partitions 3 --replication-factor 1 --config retention.ms=2592000000
$t --bootstrap-server "$b" --create --if-not-exists --topic billing.events.dlq --partitions 1 --replication-factor 1 --config retention.ms=2592000000
