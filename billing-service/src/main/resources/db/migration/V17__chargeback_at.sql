-- When the account's latest charge-back left credits owed (V16): what is given back of a job placed before then (a
-- released hold, the unused part of a capture, an admin's refund, a cancel after the job completed) pays what is owed
-- first; a job placed after it is paid with credits the charge-back never counted (docs/billing.md, "Referrals").
-- What is owed is no longer capped at what the account holds: credits a job captured come back when the job is
-- refunded or canceled after it completed, and pay it then. An account owing credits under V16 owes them to every job it
-- has (as V16 took them from any released hold): stamped with the migration's time. No table rewrite: a nullable column.
alter table accounts add column chargeback_at timestamptz;
update accounts set chargeback_at = now() where chargeback_owed > 0;
