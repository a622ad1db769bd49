-- An upload sent for one job (POST /v1/images?expireUnused=true: the Studio's masks) is deleted by the unused-upload
-- sweep once this instant passes with no job having named it; null for every other image, and from the moment a job
-- names it.
alter table images add column unused_until timestamptz;
create index images_unused_until on images (unused_until) where unused_until is not null;
