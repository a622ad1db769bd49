package io.realskin.gateway.rest;

/**
 * Example bodies for the OpenAPI document (/q/openapi); kept beside the API so they stay true. The bodies of the calls
 * passed on to billing and prompt-service are theirs: io.realskin.contracts.billing.BillingExamples and
 * io.realskin.contracts.prompt.PromptExamples, which their own documents show too.
 */
public final class ApiExamples {
    public static final String IMAGE = """
            {"id": "img_3kQv9Zt1LmN8pR2sXw4Y", "contentType": "image/jpeg", "width": 1000, "height": 1000, "bytes": 184233,
             "sha256": "9f2c1e...", "createdAt": "2026-05-01T10:00:00Z", "url": "/v1/images/img_3kQv9Zt1LmN8pR2sXw4Y/content",
             "jobId": null, "createdBy": "key_Pq1Wo2Ei3Ru4Ty5Yu6Ui"}""";

    public static final String IMAGE_PAGE = """
            {"items": [{"id": "img_3kQv9Zt1LmN8pR2sXw4Y", "contentType": "image/jpeg", "width": 1000, "height": 1000, "bytes": 184233,
                        "sha256": "9f2c1e...", "createdAt": "2026-05-01T10:00:00Z", "url": "/v1/images/img_3kQv9Zt1LmN8pR2sXw4Y/content",
                        "jobId": null, "createdBy": "key_Pq1Wo2Ei3Ru4Ty5Yu6Ui"}],
             "nextCursor": "MTc0NjA5MzYwMC4wfGltZ18za1F2OVp0MUxtTjhwUjJzWHc0WQ",
             "usage": {"usedBytes": 52428800, "limitBytes": 10737418240, "images": 212, "limitImages": 100000}}""";

    public static final String ANALYSIS = """
            {"imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "jobId": "job_8HcN2vQe5XbT0aLm4KpR", "status": "completed", "plasticScore": 0.71,
             "analysis": {"width": 1000, "height": 1000,
                          "faces": [{"box": [312, 240, 388, 388], "score": 0.71, "confidence": 0.9345}],
                          "plasticScore": 0.71, "skinFraction": 0.18, "scoreModel": "plastic-score-v3"},
             "urls": {"job": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR", "image": "/v1/images/img_3kQv9Zt1LmN8pR2sXw4Y"}}""";

    public static final String ANALYSIS_RUNNING = """
            {"imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "jobId": "job_8HcN2vQe5XbT0aLm4KpR", "status": "queued",
             "urls": {"job": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR", "image": "/v1/images/img_3kQv9Zt1LmN8pR2sXw4Y"}}""";

    public static final String ANALYSIS_FAILED = """
            {"imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "jobId": "job_8HcN2vQe5XbT0aLm4KpR", "status": "failed",
             "error": {"code": "bad_image", "message": "the image could not be decoded"},
             "urls": {"job": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR", "image": "/v1/images/img_3kQv9Zt1LmN8pR2sXw4Y"}}""";

    public static final String JOB_TEXTURE = """
            {"type": "texture-restore", "imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "intensity": 40,
             "webhook": "https://hooks.example.com/realskin"}""";

    public static final String JOB_TEXTURE_AUTO = """
            {"type": "texture-restore", "imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "intensity": "auto"}""";

    /** A reference photo of a person: its consent is required, as for a texture profile made from it. */
    public static final String JOB_TEXTURE_REFERENCE = """
            {"type": "texture-restore", "imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "referenceImageId": "img_Ref00000000000000001",
             "consent": true}""";

    public static final String JOB_INPAINT = """
            {"type": "skin-inpaint", "imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "maskImageId": "img_Mask0000000000000001",
             "prompt": "natural skin texture, visible pores, unretouched", "model": "flux-pro-fill"}""";

    public static final String JOB_GENERATE = """
            {"type": "generate", "prompt": "Portrait of a 35-year-old woman, warm window light, professional headshot",
             "model": "nano-banana-pro", "enhancePrompt": true,
             "referenceImages": [{"imageId": "img_Ref00000000000000001", "weight": 0.5}], "consent": true,
             "texturePass": {"intensity": 45}}""";

    public static final String JOB_QUOTE = """
            {"credits": 12, "priceVersion": 2, "allowed": true, "reason": null, "steps": [
              {"step": "job", "operation": "generate", "model": "nano-banana-pro", "tier": "premium", "megapixels": 1.0,
               "credits": 10, "estimated": false},
              {"step": "texture-pass", "operation": "texture-restore", "model": null, "tier": "standard", "megapixels": 1.0,
               "credits": 2, "estimated": true}]}""";

    public static final String JOB_ANALYZE = """
            {"type": "analyze", "imageId": "img_3kQv9Zt1LmN8pR2sXw4Y"}""";

    public static final String JOB_QUEUED = """
            {"id": "job_8HcN2vQe5XbT0aLm4KpR", "type": "texture-restore", "status": "queued", "progress": 0,
             "request": {"type": "texture-restore", "imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "intensity": 40},
             "createdAt": "2026-05-01T10:00:01Z", "updatedAt": "2026-05-01T10:00:01Z", "createdBy": "key_Pq1Wo2Ei3Ru4Ty5Yu6Ui",
             "urls": {"self": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR", "events": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR/events",
                      "cancel": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR/cancel"}}""";

    public static final String JOB_COMPLETED = """
            {"id": "job_8HcN2vQe5XbT0aLm4KpR", "type": "texture-restore", "status": "completed", "progress": 100, "stage": "encode",
             "request": {"type": "texture-restore", "imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "intensity": 40},
             "result": {"imageId": "img_Res0000000000000001", "contentType": "image/jpeg", "width": 1000, "height": 1000,
                        "plasticScoreBefore": 0.71, "plasticScoreAfter": 0.22,
                        "usage": {"operation": "texture-restore", "megapixels": 1.0, "maskedFraction": 0.0731},
                        "faceRestores": [{"box": [312, 240, 388, 388], "intensity": 40, "target": 0.0212, "before": 0.0061,
                                          "after": 0.0178, "skipped": null}],
                        "locality": {"changedPixels": 71234, "boxes": [[288, 232, 432, 560]],
                                     "layoutBefore": "rgb8", "sha256Before": "5a3e76cd9550d5f0cfdc3934b6aa509703db84f6d1ca7a2f649b70d17b7ffa83",
                                     "layoutAfter": "rgb8", "sha256After": "5a3e76cd9550d5f0cfdc3934b6aa509703db84f6d1ca7a2f649b70d17b7ffa83",
                                     "identical": true}},
             "createdAt": "2026-05-01T10:00:01Z", "updatedAt": "2026-05-01T10:00:04Z", "finishedAt": "2026-05-01T10:00:04Z",
             "createdBy": "key_Pq1Wo2Ei3Ru4Ty5Yu6Ui",
             "urls": {"self": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR", "events": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR/events",
                      "result": "/v1/images/img_Res0000000000000001/content"}}""";

    /** A canceled job, up to its error's message, which says who canceled it (the tenant, or an operator). */
    private static final String CANCELED_JOB = """
            {"id": "job_8HcN2vQe5XbT0aLm4KpR", "type": "texture-restore", "status": "canceled", "progress": 100,
             "createdAt": "2026-05-01T10:00:01Z", "updatedAt": "2026-05-01T10:00:02Z", "finishedAt": "2026-05-01T10:00:02Z",
             "createdBy": "key_Pq1Wo2Ei3Ru4Ty5Yu6Ui",
             "urls": {"self": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR", "events": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR/events"},
             "error": {"code": "canceled", "message":""";

    public static final String JOB_CANCELED = CANCELED_JOB + " \"canceled by the user\"}}";

    public static final String JOB_CANCELED_BY_OPERATOR = CANCELED_JOB + " \"canceled by an operator\"}}";

    public static final String JOB_PAGE = """
            {"items": [{"id": "job_8HcN2vQe5XbT0aLm4KpR", "type": "texture-restore", "status": "completed", "progress": 100,
                        "stage": "encode", "request": {"type": "texture-restore", "imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "intensity": 40},
                        "result": {"imageId": "img_Res0000000000000001", "contentType": "image/jpeg", "width": 1000, "height": 1000,
                                   "plasticScoreBefore": 0.71, "plasticScoreAfter": 0.22},
                        "createdAt": "2026-05-01T10:00:01Z", "updatedAt": "2026-05-01T10:00:04Z",
                        "finishedAt": "2026-05-01T10:00:04Z", "createdBy": "key_Pq1Wo2Ei3Ru4Ty5Yu6Ui",
                        "urls": {"self": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR", "events": "/v1/jobs/job_8HcN2vQe5XbT0aLm4KpR/events",
                                 "result": "/v1/images/img_Res0000000000000001/content"}}],
             "nextCursor": "MTc0NjA5MzYwMS4wfGpvYl84SGNOMnZRZTVYYlQwYUxtNEtwUg"}""";

    public static final String SSE_STREAM = """
            event: queued
            id: 1
            data: {"id":"job_8HcN2vQe5XbT0aLm4KpR","status":"queued","progress":0,...}

            event: started
            id: 2
            data: {"id":"job_8HcN2vQe5XbT0aLm4KpR","status":"running","stage":"started","progress":0,...}

            event: progress
            id: 3
            data: {"id":"job_8HcN2vQe5XbT0aLm4KpR","status":"running","stage":"synthesis","progress":60,...}

            event: completed
            id: 4
            data: {"id":"job_8HcN2vQe5XbT0aLm4KpR","status":"completed","progress":100,"result":{...},...}
            """;

    public static final String JOB_EVENTS = """
            {"items": [
              {"sequence": 1, "event": "queued", "at": "2026-05-01T10:00:00Z", "status": "queued", "progress": 0},
              {"sequence": 2, "event": "started", "at": "2026-05-01T10:00:01Z", "status": "running", "stage": "started", "progress": 0},
              {"sequence": 3, "event": "progress", "at": "2026-05-01T10:00:01.5Z", "status": "running", "stage": "synthesis", "progress": 60},
              {"sequence": 4, "event": "completed", "at": "2026-05-01T10:00:02Z", "status": "completed", "progress": 100,
               "result": {"imageId": "img_R4sT6uV8wX0yZ2aB4cD6", "plasticScoreBefore": 0.71, "plasticScoreAfter": 0.22}}],
             "nextAfter": null}""";

    public static final String TENANT_REQUEST = """
            {"name": "Acme Studio", "plan": "pro"}""";

    public static final String TENANT = """
            {"id": "ten_Q2w3E4r5T6y7U8i9O0pA", "name": "Acme Studio", "plan": "pro"}""";

    public static final String TENANT_PAGE = """
            {"items": [
              {"id": "ten_Q2w3E4r5T6y7U8i9O0pA", "name": "Acme Studio", "plan": "pro", "createdAt": "2026-05-01T09:00:00Z",
               "status": "active", "suspendedAt": null, "suspendedReason": null, "activeKeys": 3, "eraseRequestedAt": null,
               "erasedAt": null},
              {"id": "ten_Z9x8C7v6B5n4M3l2K1jH", "name": "Acme Labs", "plan": "free", "createdAt": "2026-04-28T16:20:00Z",
               "status": "suspended", "suspendedAt": "2026-05-02T11:00:00Z", "suspendedReason": "chargeback, case 4411",
               "activeKeys": 1, "eraseRequestedAt": null, "erasedAt": null},
              {"id": "ten_P0o9I8u7Y6t5R4e3W2qA", "name": null, "plan": "free", "createdAt": "2026-03-02T08:10:00Z",
               "status": "erased", "suspendedAt": "2026-04-30T10:00:00Z", "suspendedReason": null, "activeKeys": 0,
               "eraseRequestedAt": "2026-04-30T10:05:00Z", "erasedAt": "2026-04-30T10:07:12Z"}],
             "nextCursor": null}""";

    public static final String TENANT_DETAILS = """
            {"id": "ten_Q2w3E4r5T6y7U8i9O0pA", "name": "Acme Studio", "plan": "pro", "createdAt": "2026-05-01T09:00:00Z",
             "status": "active", "suspendedAt": null, "suspendedReason": null, "activeKeys": 3, "unfinishedJobs": 2,
             "storage": {"usedBytes": 48213377, "limitBytes": 10737418240, "images": 57, "limitImages": 100000},
             "eraseRequestedAt": null, "erasedAt": null, "erasureLeft": null}""";

    public static final String SUSPEND_REQUEST = """
            {"reason": "key storm from a leaked key, ticket OPS-812"}""";

    public static final String TENANT_SUSPENDED = """
            {"id": "ten_Q2w3E4r5T6y7U8i9O0pA", "name": "Acme Studio", "plan": "pro", "createdAt": "2026-05-01T09:00:00Z",
             "status": "suspended", "suspendedAt": "2026-05-02T11:00:00Z", "suspendedReason": "key storm from a leaked key, ticket OPS-812",
             "activeKeys": 3, "eraseRequestedAt": null, "erasedAt": null}""";

    public static final String TENANT_ERASING = """
            {"id": "ten_Q2w3E4r5T6y7U8i9O0pA", "name": "Acme Studio", "plan": "pro", "createdAt": "2026-05-01T09:00:00Z",
             "status": "erasing", "suspendedAt": "2026-05-02T11:00:00Z", "suspendedReason": "contract ended, ticket OPS-900",
             "activeKeys": 3, "eraseRequestedAt": "2026-05-02T11:05:00Z", "erasedAt": null}""";

    public static final String TENANT_ERASED = """
            {"id": "ten_Q2w3E4r5T6y7U8i9O0pA", "name": null, "plan": "pro", "createdAt": "2026-05-01T09:00:00Z",
             "status": "erased", "suspendedAt": "2026-05-02T11:00:00Z", "suspendedReason": null,
             "activeKeys": 0, "eraseRequestedAt": "2026-05-02T11:05:00Z", "erasedAt": "2026-05-02T11:09:41Z"}""";

    public static final String TENANT_ACTIVE = """
            {"id": "ten_Q2w3E4r5T6y7U8i9O0pA", "name": "Acme Studio", "plan": "pro", "createdAt": "2026-05-01T09:00:00Z",
             "status": "active", "suspendedAt": null, "suspendedReason": null, "activeKeys": 3, "eraseRequestedAt": null,
             "erasedAt": null}""";

    public static final String JOBS_CANCELED = """
            {"canceled": 3, "jobIds": ["job_8HcN2vQe5XbT0aLm4KpR", "job_Gq7Wd2Lx9VbN4sHk1ZpE", "job_Gq7Wd2Lx9VbN4sHk1ZpE-tp"],
             "more": false}""";

    public static final String PLAN_REQUEST = """
            {"plan": "creator"}""";

    public static final String PLAN = """
            {"tenantId": "ten_Q2w3E4r5T6y7U8i9O0pA", "plan": "creator"}""";

    public static final String KEY_REQUEST = """
            {"tenantId": "ten_Q2w3E4r5T6y7U8i9O0pA", "name": "render farm", "scopes": ["jobs:write", "jobs:read"],
             "live": true, "expiresAt": "2027-01-01T00:00:00Z", "rateLimitPerMinute": 600}""";

    public static final String NEW_KEY = """
            {"id": "key_Zx8Cv7Bn6Mm5Ll4Kk3Jj", "key": "rsk_live_4fTq0mZ8...Xa9Pq2", "tenantId": "ten_Q2w3E4r5T6y7U8i9O0pA",
             "name": "render farm", "hint": "rsk_live_…Xa9Pq2", "scopes": ["jobs:write", "jobs:read"],
             "createdAt": "2026-05-01T10:00:00Z", "expiresAt": "2027-01-01T00:00:00Z", "rateLimitPerMinute": 600,
             "createdBy": "key_Pq1Wo2Ei3Ru4Ty5Yu6Ui"}""";

    public static final String OWN_KEY_REQUEST = """
            {"name": "render farm 2026-06", "scopes": ["jobs:write", "jobs:read"], "expiresAt": "2027-01-01T00:00:00Z"}""";

    public static final String KEY_PAGE = """
            {"items": [{"id": "key_Zx8Cv7Bn6Mm5Ll4Kk3Jj", "name": "render farm", "hint": "rsk_live_…Xa9Pq2",
                        "scopes": ["jobs:write", "jobs:read"], "createdAt": "2026-05-01T10:00:00Z", "expiresAt": "2027-01-01T00:00:00Z",
                        "revokedAt": null, "rateLimitPerMinute": 600, "createdBy": "key_Pq1Wo2Ei3Ru4Ty5Yu6Ui",
                        "lastUsedAt": "2026-06-02T08:15:00Z"}],
             "nextCursor": "MTc3NzYyOTYwMC4wfGtleV9aeDhDdjdCbjZNbTVMbDRLazNKag"}""";

    public static final String REVOKED_KEYS = """
            {"revoked": ["key_Pq1Wo2Ei3Ru4Ty5Yu6Ui", "key_Zx8Cv7Bn6Mm5Ll4Kk3Jj"]}""";

    public static final String WEBHOOK_ENDPOINT = """
            {"url": "https://hooks.example.com/realskin"}""";

    public static final String WEBHOOK_SETTINGS = """
            {"url": "https://hooks.example.com/realskin",
             "secrets": [{"id": "whs_A1b2C3d4E5f6G7h8I9j0", "createdAt": "2026-05-01T10:00:00Z", "expiresAt": null}]}""";

    public static final String WEBHOOK_SECRET = """
            {"id": "whs_A1b2C3d4E5f6G7h8I9j0", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
             "previousSecretsExpireAt": "2026-05-02T10:00:00Z"}""";

    public static final String WEBHOOK_DELIVERIES = """
            {"items": [{"id": "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "jobId": "job_8HcN2vQe5XbT0aLm4KpR", "type": "job.completed",
              "url": "https://hooks.example.com/realskin", "status": "delivered", "attempts": 2, "lastStatus": 200,
              "createdAt": "2026-05-01T10:00:04Z", "finishedAt": "2026-05-01T10:00:10Z",
              "log": [{"attempt": 1, "at": "2026-05-01T10:00:04Z", "statusCode": 500, "error": "HTTP 500", "durationMs": 41},
                      {"attempt": 2, "at": "2026-05-01T10:00:10Z", "statusCode": 200, "durationMs": 12}]}],
             "nextCursor": null}""";

    public static final String PROBLEM_JOB_FINISHED = """
            {"type": "https://realskin.io/problems/job-finished", "title": "The job has already ended", "status": 409,
             "detail": "job job_8HcN2vQe5XbT0aLm4KpR is completed and can no longer be canceled", "jobStatus": "completed"}""";

    public static final String PROBLEM_IMAGE_IN_USE = """
            {"type": "https://realskin.io/problems/image-in-use", "title": "An unfinished job needs the image", "status": 409,
             "detail": "image img_3kTq9ZpW1mXc7VbN0aLs is needed by the queued or running jobs job_8HcN2vQe5XbT0aLm4KpR; delete it once they have ended (or cancel them)",
             "jobIds": ["job_8HcN2vQe5XbT0aLm4KpR"]}""";

    public static final String TEXTURE_PROFILE_REQUEST = """
            {"imageId": "img_3kQv9Zt1LmN8pR2sXw4Y", "consent": true, "name": "film grain, studio light"}""";

    public static final String TEXTURE_PROFILE = """
            {"id": "prf_7TqW2mZx9LcV4bN1kRsY", "name": "film grain, studio light", "sourceImageId": "img_3kQv9Zt1LmN8pR2sXw4Y",
             "createdBy": "key_Zx8Cv7Bn6Mm5Ll4Kk3Jj", "createdAt": "2026-05-01T10:00:00Z",
             "profile": {"version": 1, "fineOverContrast": 0.182, "midOverFine": 1.46, "noiseOverFine": 0.31, "skewness": -0.12, "faces": 1,
                         "radialSpectrum": [1.0, 0.82, 0.64, 0.51, 0.42, 0.35, 0.3, 0.26, 0.23, 0.2, 0.18, 0.16, 0.14, 0.13, 0.12, 0.11],
                         "noiseVsLuminance": [0.021, 0.019, 0.018, 0.017, 0.016, 0.016, 0.015, 0.015],
                         "histogram": [0.01, 0.04, 0.12, 0.22, 0.26, 0.2, 0.1, 0.05]}}""";

    public static final String TEXTURE_PROFILE_PAGE = """
            {"items": [{"id": "prf_7TqW2mZx9LcV4bN1kRsY", "name": "film grain, studio light", "sourceImageId": "img_3kQv9Zt1LmN8pR2sXw4Y",
                        "createdBy": "key_Zx8Cv7Bn6Mm5Ll4Kk3Jj", "createdAt": "2026-05-01T10:00:00Z"}],
             "nextCursor": null}""";

    public static final String PROBLEM_PROFILE_IN_USE = """
            {"type": "https://realskin.io/problems/profile-in-use", "title": "An unfinished job needs the texture profile", "status": 409,
             "detail": "texture profile prf_7TqW2mZx9LcV4bN1kRsY is needed by the queued or running jobs job_8HcN2vQe5XbT0aLm4KpR; delete it once they have ended (or cancel them)",
             "jobIds": ["job_8HcN2vQe5XbT0aLm4KpR"]}""";

    public static final String PROBLEM_TOO_MANY_PROFILES = """
            {"type": "https://realskin.io/problems/too-many-profiles", "title": "The tenant has as many texture profiles as it may",
             "status": 409, "detail": "this tenant has 100 texture profiles, the most it may have; delete one (DELETE /v1/texture-profiles/{id}) before creating another",
             "limit": 100}""";

    public static final String PROBLEM_PROFILE_IN_PROGRESS = """
            {"type": "https://realskin.io/problems/profile-in-progress", "title": "A texture profile is already being measured", "status": 429,
             "detail": "this tenant has a texture profile being measured; send the next one when it has been answered"}""";

    /** POST /v1/texture-profiles past realskin.profiles.measurements-per-minute (with Retry-After and the measurements' RateLimit fields). */
    public static final String PROBLEM_TOO_MANY_PROFILE_MEASUREMENTS = """
            {"type": "https://realskin.io/problems/too-many-profile-measurements", "title": "Too many texture profile measurements this minute", "status": 429,
             "detail": "this tenant may start 6 texture profile measurements a minute; start the next in 8 s",
             "limit": 6, "retryAfter": 8}""";

    public static final String PROBLEM_REFERENCE_WITHOUT_FACE = """
            {"type": "https://realskin.io/problems/reference-without-face", "title": "The reference shows no face with measurable skin", "status": 422,
             "detail": "the reference image shows no face with measurable skin"}""";

    public static final String PROBLEM_STORAGE_QUOTA = """
            {"type": "https://realskin.io/problems/storage-quota-exceeded", "title": "The tenant's storage quota is used up",
             "status": 409, "detail": "this tenant stores 10737000000 of its 10737418240 bytes of images; this upload of 2480133 bytes would exceed them: delete images (DELETE /v1/images/{id}) first",
             "usedBytes": 10737000000, "limitBytes": 10737418240, "images": 212, "limitImages": 100000, "bytes": 2480133}""";

    public static final String PROBLEM_TOO_LARGE = """
            {"type": "https://realskin.io/problems/image-too-large", "title": "Image too large", "status": 413,
             "detail": "20000x20000 is 400.0 megapixels (limits: 30 MiB, 50 megapixels)"}""";

    public static final String PROBLEM_UNSUPPORTED_IMAGE = """
            {"type": "https://realskin.io/problems/unsupported-image", "title": "Not a supported image", "status": 415,
             "detail": "the JPEG data is truncated"}""";

    /** What any route answers while the gateway's own database does not (every call checks its API key there). */
    public static final String PROBLEM_DATABASE_UNAVAILABLE = """
            {"type": "https://realskin.io/problems/backend-unavailable", "title": "A backend service is unavailable", "status": 503,
             "detail": "database did not answer; try again shortly", "backend": "database"}""";

    public static final String PROBLEM_PROMPT_UNAVAILABLE = """
            {"type": "https://realskin.io/problems/backend-unavailable", "title": "A backend service is unavailable", "status": 503,
             "detail": "prompt-service did not answer; try again shortly", "backend": "prompt-service"}""";

    /** A proxied prompt-service call while this replica's prompt calls in progress are at their bound (PromptCallSlots). */
    /** An upload or a download past the tenant's share of bodies in progress (BodyBudget). */
    public static final String PROBLEM_TOO_MANY_TRANSFERS = """
            {"type": "https://realskin.io/problems/too-many-transfers", "title": "Too many uploads and downloads in progress",
             "status": 429, "detail": "this tenant's uploads and downloads in progress on this server would exceed 67108864 bytes; try again when one of them has ended",
             "limitBytes": 67108864}""";

    /** An upload or a download past the replica's bodies in progress (BodyBudget). */
    public static final String PROBLEM_TRANSFERS_BUSY = """
            {"type": "https://realskin.io/problems/server-busy", "title": "The server is busy", "status": 503,
             "detail": "this server holds as many uploads and downloads as it can; try again"}""";

    /** A webhook URL given while the tenant's host lookups in progress are at their bound (WebhookUrlPolicy). */
    public static final String PROBLEM_TOO_MANY_WEBHOOK_LOOKUPS = """
            {"type": "https://realskin.io/problems/too-many-webhook-lookups", "title": "Too many webhook host lookups in progress",
             "status": 429, "detail": "this tenant has 4 webhook host lookups (DNS) in progress on this server, the most it may; send the URL again when one has been answered",
             "limit": 4, "retryAfter": 1}""";

    /** A webhook URL given while the replica's host lookups in progress are at their bound (WebhookUrlPolicy). */
    public static final String PROBLEM_WEBHOOK_LOOKUPS_BUSY = """
            {"type": "https://realskin.io/problems/server-busy", "title": "The server is busy", "status": 503,
             "detail": "this server holds as many webhook host lookups (DNS) in progress as it can; try again"}""";

    /** A preview while the key has one being made (PreviewResource). */
    public static final String PROBLEM_PREVIEW_IN_PROGRESS = """
            {"type": "https://realskin.io/problems/preview-in-progress", "title": "A preview is already being made", "status": 429,
             "detail": "this API key has a preview in progress; send the next one when it has been answered"}""";

    /** billing's refusal of a job's hold that the tenant's plan does not include, passed on (BackendProblems). */
    public static final String PROBLEM_PLAN_EXCLUDES = """
            {"type": "https://realskin.io/problems/plan-excludes", "title": "Not included in your plan", "status": 403,
             "detail": "plan free does not include the premium model nano-banana-pro", "instance": "/v1/jobs", "plan": "free"}""";

    /** The caller's own credits, or a job's hold, where billing has no account for the tenant (BillingClient). */
    public static final String PROBLEM_NO_BILLING_ACCOUNT = """
            {"type": "https://realskin.io/problems/no-billing-account", "title": "No billing account", "status": 404,
             "detail": "billing has no account for this tenant; an administrator opens it with POST /v1/admin/tenants"}""";

    public static final String PROBLEM_PROMPT_CALLS_BUSY = """
            {"type": "https://realskin.io/problems/server-busy", "title": "The server is busy", "status": 503,
             "detail": "this server holds as many prompt-service calls as it can; try again"}""";

    /** A proxied prompt-service call while the tenant's prompt calls in progress are at their bound (PromptCallSlots). */
    public static final String PROBLEM_PROMPT_CALLS_PER_TENANT = """
            {"type": "https://realskin.io/problems/too-many-prompt-calls", "title": "Too many prompt-service calls in progress", "status": 429,
             "detail": "this tenant has 4 prompt-service calls (prompts, models, advice) in progress on this server, the most it may; send the next when one has been answered",
             "limit": 4, "retryAfter": 1}""";

    public static final String PROBLEM_BILLING_UNAVAILABLE = """
            {"type": "https://realskin.io/problems/backend-unavailable", "title": "A backend service is unavailable", "status": 503,
             "detail": "billing did not answer; try again shortly", "backend": "billing"}""";

    public static final String PROBLEM_TEXTURE_UNAVAILABLE = """
            {"type": "https://realskin.io/problems/backend-unavailable", "title": "A backend service is unavailable", "status": 503,
             "detail": "texture-service did not answer; try again shortly", "backend": "texture-service"}""";

    public static final String PROBLEM_WEBHOOK_URL = """
            {"type": "https://realskin.io/problems/webhook-url-refused", "title": "Webhook URL not allowed", "status": 400,
             "detail": "169.254.169.254 is not a public address", "field": "url"}""";

    public static final String PROBLEM_UNAUTHORIZED = """
            {"type": "https://realskin.io/problems/unauthorized", "title": "Missing or invalid credentials", "status": 401,
             "detail": "the API key was revoked"}""";

    public static final String PROBLEM_FORBIDDEN = """
            {"type": "https://realskin.io/problems/insufficient-scope", "title": "The API key lacks a scope", "status": 403,
             "detail": "this call needs the scope jobs:write", "requiredScope": "jobs:write"}""";

    public static final String PROBLEM_TENANT_SUSPENDED = """
            {"type": "https://realskin.io/problems/tenant-suspended", "title": "The tenant is suspended", "status": 403,
             "detail": "this API key's tenant has been suspended since 2026-05-02T11:00:00Z and its keys are refused until it is resumed; contact support@realskin.io",
             "suspendedAt": "2026-05-02T11:00:00Z", "contact": "support@realskin.io"}""";

    public static final String PROBLEM_TENANT_NOT_SUSPENDABLE = """
            {"type": "https://realskin.io/problems/tenant-not-suspendable", "title": "The administrators' tenant cannot be suspended",
             "status": 409, "detail": "tenant admin holds the bootstrap admin key (realskin.admin-tenant) and is never suspended; revoke a leaked admin key instead (DELETE /v1/admin/api-keys/{id})"}""";

    public static final String PROBLEM_TENANT_NOT_ERASABLE = """
            {"type": "https://realskin.io/problems/tenant-not-erasable", "title": "The administrators' tenant cannot be erased",
             "status": 409, "detail": "tenant admin holds the bootstrap admin key (realskin.admin-tenant) and is never erased"}""";

    public static final String PROBLEM_TENANT_NOT_SUSPENDED = """
            {"type": "https://realskin.io/problems/tenant-not-suspended", "title": "The tenant is not suspended", "status": 409,
             "detail": "tenant ten_Q2w3E4r5T6y7U8i9O0pA is active: an erasure cannot be undone, so suspend the tenant first (POST /v1/admin/tenants/ten_Q2w3E4r5T6y7U8i9O0pA/suspend), then erase it"}""";

    public static final String PROBLEM_TENANT_HAS_UNFINISHED_JOBS = """
            {"type": "https://realskin.io/problems/tenant-has-unfinished-jobs", "title": "The tenant has queued or running jobs",
             "status": 409, "detail": "tenant ten_Q2w3E4r5T6y7U8i9O0pA has 2 queued or running jobs: cancel them first (POST /v1/admin/tenants/ten_Q2w3E4r5T6y7U8i9O0pA/jobs/cancel, until it answers more: false), then erase it",
             "unfinishedJobs": 2}""";

    public static final String PROBLEM_TENANT_ERASED = """
            {"type": "https://realskin.io/problems/tenant-erased", "title": "The tenant is being erased or has been erased",
             "status": 409, "detail": "tenant ten_Q2w3E4r5T6y7U8i9O0pA is erasing (DELETE /v1/admin/tenants/ten_Q2w3E4r5T6y7U8i9O0pA): it cannot be changed any more",
             "tenantStatus": "erasing"}""";

    public static final String PROBLEM_NOT_FOUND = """
            {"type": "https://realskin.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "job job_8HcN2vQe5XbT0aLm4KpR does not exist"}""";

    public static final String PROBLEM_IMAGE_NOT_FOUND = """
            {"type": "https://realskin.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "image img_7YdK2mQx9LpR4vTn8WbC does not exist", "instance": "/v1/jobs"}""";

    public static final String PROBLEM_TENANT_NOT_FOUND = """
            {"type": "https://realskin.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "tenant ten_Q2w3E4r5T6y7U8i9O0pA does not exist", "instance": "/v1/admin/api-keys"}""";

    public static final String PROBLEM_RATE_LIMITED = """
            {"type": "https://realskin.io/problems/rate-limited", "title": "Too many requests", "status": 429,
             "detail": "this tenant's plan limit of 600 requests per minute, shared by all its API keys, is used up; retry in 1 s",
             "retryAfter": 1}""";

    public static final String PROBLEM_TOO_MANY_STREAMS = """
            {"type": "https://realskin.io/problems/too-many-streams", "title": "Too many open event streams", "status": 429,
             "detail": "this API key has 20 event streams open on this server; close one, or follow jobs with webhooks",
             "maxStreams": 20}""";

    public static final String PROBLEM_TOO_MANY_JOBS = """
            {"type": "https://realskin.io/problems/too-many-jobs", "title": "Too many unfinished jobs", "status": 429,
             "detail": "the free plan allows 5 queued or running jobs at once; submit again when one has ended", "limit": 5}""";

    public static final String PROBLEM_MODEL_UNAVAILABLE = """
            {"type": "https://realskin.io/problems/model-unavailable", "title": "The model's provider is not configured on this deployment",
             "status": 409, "detail": "model nano-banana-pro needs the google provider, which is not configured on this deployment; GET /v1/models lists the models that are available",
             "model": "nano-banana-pro", "provider": "google"}""";

    public static final String PROBLEM_MASK_TOO_SMALL = """
            {"type": "https://realskin.io/problems/mask-too-small", "title": "The mask is too small", "status": 422,
             "detail": "the mask paints about 64 pixels of the image; paint at least 1,024 pixels (a 32 x 32 px patch, or a quarter of a smaller image): a smaller rework changes too little to see, and its job would still be billed",
             "field": "maskImageId", "minimumPixels": 1024, "maskedPixels": 64}""";

    public static final String PROBLEM_SECRET_NOT_REPLAYABLE = """
            {"type": "https://realskin.io/problems/idempotency-secret-not-replayable", "title": "The first answer held a secret",
             "status": 409, "detail": "the request with this Idempotency-Key succeeded, but its answer held a secret that is shown once and never stored; ..."}""";

    public static final String PROBLEM_GRANT_EXCEEDS_KEY = """
            {"type": "https://realskin.io/problems/grant-exceeds-key", "title": "A new key may not exceed the key that creates it",
             "status": 403, "detail": "this key may not grant the scope billing:read: a new key holds only scopes the key creating it holds",
             "field": "scopes", "scope": "billing:read"}""";

    public static final String PROBLEM_TOO_MANY_KEYS = """
            {"type": "https://realskin.io/problems/too-many-keys", "title": "The tenant has as many active API keys as it may",
             "status": 409, "detail": "this tenant has 50 active API keys, the most it may have; revoke one (DELETE /v1/api-keys/{id}) before creating another",
             "limit": 50}""";

    public static final String PROBLEM_TOO_MANY_KEY_CREATIONS = """
            {"type": "https://realskin.io/problems/too-many-key-creations", "title": "The tenant has created as many API keys as it may for now",
             "status": 429, "detail": "this tenant's keys have created 100 API keys within the last 24 hours, the most they may; create the next one in 5400 s",
             "limit": 100, "retryAfter": 5400}""";

    public static final String PROBLEM_TOO_MANY_WEBHOOK_SECRETS = """
            {"type": "https://realskin.io/problems/too-many-webhook-secrets", "title": "The tenant has as many webhook signing secrets as it may for now",
             "status": 429, "detail": "this tenant has 5 webhook signing secrets still signing, the most it may; the oldest stops signing in 5400 s, then rotate again",
             "limit": 5, "retryAfter": 5400}""";

    public static final String PROBLEM_INVALID = """
            {"type": "https://realskin.io/problems/invalid-request", "title": "The request is not valid", "status": 400,
             "detail": "intensity: must be less than or equal to 100"}""";

    /** What any route answers for a query parameter sent twice (or a control character in the path or query). */
    public static final String PROBLEM_INVALID_QUERY = """
            {"type": "https://realskin.io/problems/invalid-request", "title": "The request is not valid", "status": 400,
             "detail": "query parameter limit is given 2 times; send it once", "field": "limit"}""";

    public static final String PROBLEM_INVALID_LIMIT = """
            {"type": "https://realskin.io/problems/invalid-request", "title": "The request is not valid", "status": 400,
             "detail": "limit must be a whole number between 1 and 100", "field": "limit"}""";

    public static final String PROBLEM_NOT_ACCEPTABLE = """
            {"type": "https://realskin.io/problems/not-acceptable", "title": "Not Acceptable", "status": 406,
             "detail": "/v1/jobs cannot answer in a type the Accept header allows (image/png)"}""";

    public static final String PROBLEM_METHOD_NOT_ALLOWED = """
            {"type": "https://realskin.io/problems/method-not-allowed", "title": "Method Not Allowed", "status": 405,
             "detail": "/v1/jobs does not take PATCH; it takes GET, HEAD, OPTIONS, POST"}""";

    public static final String PROBLEM_UNSUPPORTED_MEDIA_TYPE = """
            {"type": "https://realskin.io/problems/unsupported-media-type", "title": "Unsupported Media Type", "status": 415,
             "detail": "/v1/jobs does not take a body of Content-Type text/plain; GET /q/openapi lists the types it takes"}""";

    public static final String PROBLEM_REQUEST_TIMEOUT = """
            {"type": "https://realskin.io/problems/request-timeout", "title": "The request body arrived too slowly", "status": 408,
             "detail": "the body of 100 bytes had 31 s to arrive and had not; send it again"}""";

    public static final String PROBLEM_TRANSFER_CODING = """
            {"type": "https://realskin.io/problems/http-501", "title": "Not Implemented", "status": 501,
             "detail": "the Transfer-Encoding names a transfer coding this server does not implement; send the body with Content-Length, or with Transfer-Encoding: chunked alone",
             "instance": "/v1/images"}""";

    public static final String PROBLEM_REQUEST_TOO_LARGE = """
            {"type": "https://realskin.io/problems/request-too-large", "title": "Request body too large", "status": 413,
             "detail": "the body is 2000000 bytes; at most 1048576 are read"}""";

    public static final String PROBLEM_THUMBNAIL_WIDTH = """
            {"type": "https://realskin.io/problems/invalid-request", "title": "The request is not valid", "status": 400,
             "detail": "width must be one of 160, 320, 640, was '500'", "field": "width", "allowedWidths": [160, 320, 640]}""";

    public static final String PROBLEM_IDEMPOTENCY_REUSED = """
            {"type": "https://realskin.io/problems/idempotency-key-reused", "title": "Idempotency-Key used with another request",
             "status": 422, "detail": "this Idempotency-Key was first used with a different request; use a new key for a new request"}""";

    public static final String PROBLEM_IDEMPOTENCY_RUNNING = """
            {"type": "https://realskin.io/problems/idempotency-in-progress", "title": "The first request with this key is still running",
             "status": 409, "detail": "a request with this Idempotency-Key is being processed; retry after it ends"}""";

    private ApiExamples() {
    }
}
