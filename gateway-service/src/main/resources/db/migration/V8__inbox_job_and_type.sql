-- The inbox is one table shape in every service (service-support's Inbox): each entry also names its job and event
-- type, as billing's always did. Null for entries written before.
alter table processed_events add column job_id text, add column type text;
