-- Texture profiles (POST /v1/texture-profiles): the engine's statistics of a reference photo's skin, a JSON document
-- stored as a blob (profiles/<tenant>/<sha256 of the document>). source_image_id is no foreign key: the photo may be
-- deleted afterwards, and the profile stays usable (that is what it is for).
create table texture_profiles (
    id              text primary key,
    tenant_id       text        not null references tenants (id),
    name            text,
    blob_key        text        not null,
    source_image_id text,
    created_by      text        references api_keys (id), -- the key that made it, confirming the consent (keys are never deleted)
    created_at      timestamptz not null default now()
);
create index texture_profiles_tenant on texture_profiles (tenant_id, created_at desc, id desc);
create index texture_profiles_blob_key on texture_profiles (blob_key);
