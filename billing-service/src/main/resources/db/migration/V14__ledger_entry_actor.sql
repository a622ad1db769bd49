-- The admin key that booked an entry (a grant, adjustment or refund through the gateway's admin API): its id, never
-- the key. Null for every other entry, and for the entries booked before this column. Adding a column leaves the
-- append-only trigger (on update, delete, truncate) as it is.
alter table ledger_entries add column actor text check (actor is null or length(actor) <= 200);
