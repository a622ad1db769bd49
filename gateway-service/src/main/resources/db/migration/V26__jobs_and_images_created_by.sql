-- Which API key made each job and image (the authenticated caller's key id), as texture_profiles.created_by records it
-- (V15): what a leaked key did can be listed (GET /v1/jobs?createdBy=, GET /v1/images?createdBy=), and a job's
-- created_by is the key that confirmed the consent to use a reference photo (referenceImageId, a generate job's
-- references). A follow-up step (a generate job's texture pass) records its parent's key, and a job's result image its
-- job's key: the gateway makes them on that key's behalf. Null for rows made before this migration.
--
-- A foreign key to api_keys, as texture_profiles has: keys are never deleted but by a tenant's erasure, which deletes the
-- tenant's jobs and images before its keys, so the constraint never stands in its way (an erasure deleting keys first
-- would be refused by it, loudly, rather than leave rows naming keys that no longer exist). Its check on insert is one
-- primary-key lookup of the calling key, a row the request's authentication has just read.
alter table jobs add column created_by text references api_keys (id);
alter table images add column created_by text references api_keys (id);

-- The filters list a tenant's rows of one key newest first, paged by (created_at, id) as the plain listings are. Without
-- an index of their own they would walk the tenant's whole history through jobs_tenant / images_tenant to find a key
-- that made few of its rows, so each table gets one, and jobs (the submit path) only this one. Partial: rows made
-- before this migration have no key and are never asked for by key, so it starts empty and holds only rows with one.
create index jobs_created_by on jobs (tenant_id, created_by, created_at desc, id desc) where created_by is not null;
create index images_created_by on images (tenant_id, created_by, created_at desc, id desc) where created_by is not null;
