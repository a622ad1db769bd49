-- One outbox shape in every service (service-support's Outbox): the relay marks what it published instead of deleting
-- it, and the retention sweep deletes published rows after realskin.retention.outbox. Each row keeps the trace of the
-- change that wrote it, so its record continues that trace.
alter table outbox add column published_at timestamptz, add column traceparent text;
create index outbox_unpublished on outbox (id) where published_at is null;
