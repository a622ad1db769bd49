-- price list version 2: version 1 unchanged, plus source-restore (clean + upscale a source photo): a fixed price per pass
insert into price_lists (version, effective_from, note) values
    (2, '2026-12-01T00:00:00Z', 'adds source-restore; everything else as version 1');

insert into price_items (version, operation, model, tier, base_credits, scale_by_masked_fraction, included_megapixels,
                         per_extra_megapixel, min_credits)
    select 2, operation, model, tier, base_credits, scale_by_masked_fraction, included_megapixels, per_extra_megapixel,
           min_credits
    from price_items where version = 1;

insert into price_items (version, operation, model, tier, base_credits, scale_by_masked_fraction, min_credits) values
    (2, 'source-restore', '*', 'standard', 2, false, 0);
