-- How far billing's job.events consumers have applied each partition: the next offset to apply and the newest record
-- timestamp applied (written after each batch, never moved back). HoldExpiryJob expires a hold only once every
-- partition has applied the events produced before its expiry (docs/billing.md "Holds expiry"), so a COMPLETED still
-- queued behind a backlog or an outage captures its hold instead of finding it expired. One row per partition.
create table job_event_progress (
    topic           text        not null,
    partition       int         not null,
    next_offset     bigint      not null,
    applied_through timestamptz not null,
    primary key (topic, partition)
);
