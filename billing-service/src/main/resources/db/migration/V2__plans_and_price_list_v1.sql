insert into plans (code, monthly_grant, premium_models, max_output_megapixels, requests_per_minute) values
    ('free',      25,   false, 2.00, 10),
    ('pro',       500,  true,  null, 60),
    ('creator',   1200, true,  null, 120),
    ('ultimate',  3000, true,  null, 300);

insert into price_lists (version, effective_from, note) values
    (1, '2026-01-01T00:00:00Z', 'launch prices; premium models 2.5x a standard one');

-- generate: per output image with 1 MP included, then per started extra megapixel
insert into price_items (version, operation, model, tier, base_credits, included_megapixels, per_extra_megapixel) values
    (1, 'generate', 'nano-banana-pro',        'premium',  10, 1, 4),
    (1, 'generate', 'gpt-image-2',            'premium',  10, 1, 4),
    (1, 'generate', 'flux-2-pro',             'standard', 4,  1, 2),
    (1, 'generate', 'flux-pro-fill',          'standard', 4,  1, 2),
    (1, 'generate', 'gemini-2.5-flash-image', 'budget',   2,  1, 1),
    (1, 'generate', 'sdxl',                   'budget',   1,  1, 1),
    (1, 'generate', '*',                      'standard', 4,  1, 2);

-- texture restore: a fixed price per pass; skin inpaint: by masked fraction with a minimum; analyze: free
insert into price_items (version, operation, model, tier, base_credits, scale_by_masked_fraction, min_credits) values
    (1, 'texture-restore', '*', 'standard', 2, false, 0),
    (1, 'skin-inpaint',    '*', 'standard', 8, true,  1),
    (1, 'analyze',         '*', 'free',     0, false, 0);
