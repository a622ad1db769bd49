-- An account closed when its tenant is erased (POST /accounts/{tenantId}/close, the gateway's DELETE
-- /v1/admin/tenants/{id}): no hold, grant, purchase, adjustment, refund or plan change is booked for it any more, and
-- its holds still HELD are released by the close. The row and its ledger stay (docs/billing.md, "Closed accounts").
alter table accounts add column closed_at timestamptz;
