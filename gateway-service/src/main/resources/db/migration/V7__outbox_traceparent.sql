-- One trace per job: the W3C traceparent of the request that wrote an outbox row, so the record the relay sends later
-- continues that trace (Kafka header traceparent). Null for rows written outside a trace.
alter table outbox add column traceparent text;
