-- The per-plan request limits are the ones the gateway enforces (realskin.rate-limit.plans.*, docs/api.md); the
-- launch data (V2) said 10/60/120/300 while the gateway has always allowed 60/600/1200/3000.
update plans set requests_per_minute = limits.per_minute
  from (values ('free', 60), ('pro', 600), ('creator', 1200), ('ultimate', 3000)) as limits (code, per_minute)
 where plans.code = limits.code;
