-- Each tenant's stored images, for the storage quota (docs/api.md, "Storage quota"): the bytes of every image row
-- (uploads and job results; the same bytes uploaded twice count twice, as they are listed) and how many there are. An
-- upload reserves its bytes here with a guarded update before its blob is written; a deletion gives them back.
create table tenant_storage (
    tenant_id   text   primary key references tenants (id),
    used_bytes  bigint not null default 0,
    images      bigint not null default 0
);

insert into tenant_storage (tenant_id, used_bytes, images)
select t.id, coalesce(sum(i.bytes), 0), count(i.id)
  from tenants t left join images i on i.tenant_id = t.id
 group by t.id;
