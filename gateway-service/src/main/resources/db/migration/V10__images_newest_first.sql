-- GET /v1/images lists a tenant's images newest first, paged by (created_at, id) like the jobs.
drop index images_tenant;
create index images_tenant on images (tenant_id, created_at desc, id desc);
