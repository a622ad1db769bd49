-- Monthly renewal expires only what is left of the period's grant (docs/billing.md, "Monthly renewal").
-- period_used: credits captured by this period's jobs, kept in each capture's transaction under the account's lock.
-- holds.grant_period: the account's period when the hold was placed; a capture counts in period_used only when that is
-- still the account's period (renewal counted the credits of a hold open at that moment as the old grant's already).
alter table accounts add column period_used bigint not null default 0 check (period_used >= 0);
alter table holds add column grant_period text;

-- Backfill. An account's period began with its grant entry (account creation or its latest renewal). This period's
-- use is every capture booked since then; a capture of a hold that was open at that renewal counts too (the tenant's
-- favour: it can only lower the first expiry after this migration, never raise it).
update accounts a
   set period_used = coalesce((
           select sum(l.amount)
             from ledger_entries l
            where l.tenant_id = a.tenant_id
              and l.kind = 'CAPTURE'
              and l.created_at >= coalesce(
                      (select g.created_at from ledger_entries g
                        where g.idempotency_key = 'grant:' || a.tenant_id || ':' || a.grant_period),
                      (a.grant_period || '-01T00:00:00Z')::timestamptz)), 0);

-- Holds open now belong to the account's current period (their capture will count in it).
update holds h
   set grant_period = a.grant_period
  from accounts a
 where a.tenant_id = h.tenant_id
   and h.status = 'HELD';
