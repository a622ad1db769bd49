-- Which key created a key (POST /v1/api-keys, POST /v1/admin/api-keys), so that a leaked key can be revoked together
-- with every key made from it (DELETE ...?descendants=true). Null for the bootstrap admin key and for keys created
-- before this column existed.
alter table api_keys add column created_by text references api_keys (id);
create index api_keys_created_by on api_keys (created_by) where created_by is not null;
