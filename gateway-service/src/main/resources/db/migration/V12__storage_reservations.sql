-- An upload's bytes reserved from its tenant's storage quota (docs/api.md, "Storage quota"), one row per upload in
-- progress: made in the statement that adds the bytes to tenant_storage.used_bytes, deleted in the transaction that
-- writes the image row (the bytes stay counted, as the image's) or when the upload fails (the bytes are given back).
-- A row older than realskin.images.reservation-lease was left by a gateway that died mid-upload: the reservation sweep
-- deletes it and gives its bytes back. created_at is the database's clock, the one the sweep compares it with.
create table storage_reservations (
    id          bigint      generated always as identity primary key,
    tenant_id   text        not null references tenants (id),
    bytes       bigint      not null,
    created_at  timestamptz not null default now()
);

create index storage_reservations_oldest on storage_reservations (created_at);
