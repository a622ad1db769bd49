-- Credits a charge-back could not take back yet because the buyer's open holds reserved them (or the referrer's, for
-- its commission): taken back as those holds are released, never more than the account still holds (docs/billing.md,
-- "Referrals"). A constant default: a catalogue change, no table rewrite.
alter table accounts add column chargeback_owed bigint not null default 0 check (chargeback_owed >= 0);
