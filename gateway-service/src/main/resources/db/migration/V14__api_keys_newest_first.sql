-- GET /v1/api-keys pages a tenant's keys newest first by (created_at, id), all of them or only the active ones. Revoked
-- keys are never deleted (created_by is walked by DELETE ...?descendants=true), so the unrevoked ones get an index of
-- their own: listing or counting a tenant's active keys (the cap, the admin tenant list) never walks its revoked ones.
drop index api_keys_tenant;
create index api_keys_tenant on api_keys (tenant_id, created_at desc, id desc);
create index api_keys_tenant_unrevoked on api_keys (tenant_id, created_at desc, id desc) where revoked_at is null;
