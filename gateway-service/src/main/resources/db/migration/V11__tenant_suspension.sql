-- An operator suspends a tenant (POST /v1/admin/tenants/{id}/suspend): while suspended_at is set, every key of the
-- tenant is refused 403 tenant-suspended; the keys themselves are untouched, so resuming restores access as it was.
-- suspended_reason is the operator's own note, shown to admin keys only.
alter table tenants add column suspended_at timestamptz;
alter table tenants add column suspended_reason text;

-- GET /v1/admin/tenants lists the tenants newest first, paged by (created_at, id) like jobs and images.
create index tenants_newest on tenants (created_at desc, id desc);
