-- When each key last authenticated a request, to the flush interval (realskin.keys.last-used-flush-every): null for a
-- key not used since this column was added.
alter table api_keys add column last_used_at timestamptz;
