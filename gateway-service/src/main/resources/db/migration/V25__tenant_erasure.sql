-- An operator erases a tenant (DELETE /v1/admin/tenants/{id}, docs/api.md "Erasing a tenant"). erase_requested_at
-- marks it erasing: it stays suspended (suspended_at is kept, so its keys stay refused) and the erasure sweep removes
-- its rows and blobs in batches. erased_at then makes the row a tombstone: the name and the suspension reason are
-- removed, the id stays (never given to another tenant; late job.events of its jobs are recognised by it).
alter table tenants add column erase_requested_at timestamptz;
alter table tenants add column erased_at timestamptz;
alter table tenants alter column name drop not null;
create index tenants_erasing on tenants (erase_requested_at) where erase_requested_at is not null and erased_at is null;
-- What the erasure removed so far, by kind ({"images": 12, "jobs": 40, ...}): each batch adds its own after it
-- committed, so the count survives a crash and spans replicas; logged when the erasure finishes and shown to operators.
alter table tenants add column erased_rows jsonb not null default '{}';
