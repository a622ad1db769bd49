-- Price list version 3 (docs/billing.md, "Price list"): version 2, with two changes.
--
-- 1. A generate job's included size is one 1024 x 1024 image (1.048576 MP), what every generation is made at (the
--    API has no size: generation-service's default). At "1 MP included" the gateway held such a job at 1.0 MP (the
--    base price) and its usage, 1.048576 MP, was priced one extra-megapixel step higher (flux-2-pro: held 4, usage 6,
--    captured 4, the hold capping it): quote, hold and usage now agree. Whole-megapixel sizes cost what they did.
-- 2. skin-inpaint with a premium model (gpt-image-2) is priced at the premium tier, 2.5x the standard 8 x masked
--    fraction, as generate is: until now it was priced by the standard row while plans without premium models were
--    refused it as premium.
alter table price_items alter column included_megapixels type numeric(10, 6);

insert into price_lists (version, effective_from, note) values
    (3, '2026-12-07T00:00:00Z', 'generate includes a 1024x1024 image (1.048576 MP); premium skin-inpaint; else as version 2');

insert into price_items (version, operation, model, tier, base_credits, scale_by_masked_fraction, included_megapixels,
                         per_extra_megapixel, min_credits)
    select 3, operation, model, tier, base_credits, scale_by_masked_fraction,
           case when operation = 'generate' then 1.048576 else included_megapixels end,
           per_extra_megapixel, min_credits
    from price_items where version = 2;

insert into price_items (version, operation, model, tier, base_credits, scale_by_masked_fraction, min_credits) values
    (3, 'skin-inpaint', 'gpt-image-2', 'premium', 20, true, 1);
