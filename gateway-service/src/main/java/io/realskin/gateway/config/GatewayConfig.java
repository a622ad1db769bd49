package io.realskin.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "realskin")
public interface GatewayConfig {
    /** REALSKIN_ADMIN_KEY: the first admin key of a fresh install. */
    Optional<String> adminKey();

    /** Tenant that owns the bootstrap admin key. */
    @WithDefault("admin")
    String adminTenant();

    Auth auth();

    Keys keys();

    Profiles profiles();

    Jobs jobs();

    RateLimit rateLimit();

    Idempotency idempotency();

    Webhooks webhooks();

    Backends backends();

    HoldReleases holdReleases();

    Previews previews();

    Bodies bodies();

    Images images();

    Database database();

    Tenants tenants();

    /** Erasing tenants (docs/api.md, "Erasing a tenant"; docs/operations.md, "Erasing a tenant"). */
    interface Tenants {
        /** How often each replica's erasure sweep runs: one batch of each tenant being erased (a hundred at most) per run. */
        @WithDefault("30s")
        Duration erasureSweepEvery();

        /**
         * Rows a batch removes at most, of the first kind the tenant has left (images first, each with its blob and
         * thumbnails): each row is its own transaction or the batch one short statement, so no erasure holds a long one.
         */
        @WithDefault("200")
        int erasureBatchSize();
    }

    /** The gateway's own PostgreSQL. */
    interface Database {
        /**
         * How long a request served on a worker thread waits for each of its database steps (a transaction is one) before
         * it is 503 backend-unavailable (database). A transaction that cannot commit within four fifths of it rolls back
         * (common/CommitDeadline), so a caller answered 503 never finds the job, the key or the image made after all; a
         * job's statements are cut there by PostgreSQL too (statement_timeout). The sweeps, the job-events consumer and
         * the webhook dispatcher wait it for each step too (docs/operations.md, "When PostgreSQL is away").
         */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Stored images (docs/api.md, "Storage quota"). */
    interface Images {
        /**
         * The bytes of images a tenant may store (uploads and job results, each image counted); an upload over it is
         * 409 storage-quota-exceeded, a job's result is stored anyway. One limit for every plan.
         */
        @WithDefault("10G")
        io.quarkus.runtime.configuration.MemorySize maxBytesPerTenant();

        /**
         * The images a tenant may store, whatever their size (uploads and job results): an upload past it is 409
         * storage-quota-exceeded as well. The bytes alone would let a tenant of tiny images write millions of rows that
         * every tenant's queries share; uploads in flight at the same moment may pass it by their number.
         */
        @WithDefault("100000")
        long maxImagesPerTenant();

        /**
         * Thumbnails rendered at once on this replica (each a texture-service call; docs/api.md, "Thumbnails"); one
         * more waits for a render slot, tenants served in turn. Thumbnails already stored are answered without a slot.
         */
        @WithDefault("4")
        int thumbnailRenders();

        /** How long a thumbnail waits for a render slot before it is 503 backend-unavailable with Retry-After: 1. */
        @WithDefault("5s")
        Duration thumbnailRenderWait();

        /**
         * Thumbnails of one tenant waiting for a render slot at once on this replica; one more is 503 at once, so a
         * tenant's burst holds that many request threads, not one per request. The Studio asks 3 at a time.
         */
        @WithDefault("4")
        int thumbnailRendersWaitingPerTenant();

        /**
         * How old an upload's reservation of quota may get before the reservation sweep takes it for one whose gateway
         * died mid-upload and gives its bytes back. It is taken after the body was read, so it covers a blob write
         * (S3: at most realskin.s3.call-timeout, 2 min, retries included) and one transaction (10 s): 10 minutes is several
         * times that. An upload that outlives it is still counted once.
         */
        @WithDefault("10m")
        Duration reservationLease();

        /** How often each replica looks for reservations past {@link #reservationLease()}; one sweep at a time per database. */
        @WithDefault("1m")
        Duration reservationSweepEvery();

        /**
         * How long an upload sent with expireUnused=true (the Studio's masks and Generate references) waits for a job to name it before the
         * unused-upload sweep deletes it. Longer than an Idempotency-Key's answer is kept (24 h), so an upload sent again
         * with its key is answered with an image that still exists.
         */
        @WithDefault("25h")
        Duration unusedUploadLifetime();

        /** How often each replica deletes the uploads past {@link #unusedUploadLifetime()}. */
        @WithDefault("10m")
        Duration unusedUploadSweepEvery();
    }

    /** Bodies held in memory at once on this replica (uploads read, images sent; see rest/BodyBudget), in MiB. */
    interface Bodies {
        @WithDefault("128")
        int maxInFlightMib();

        /** Of {@link #maxInFlightMib()}, one tenant's at most. */
        @WithDefault("64")
        int maxInFlightMibPerTenant();

        /** A JSON body may be at most this long (KiB); the largest request the API takes is a few KiB. */
        @WithDefault("1024")
        int maxJsonKib();

        /**
         * A body held in the budget moves at least this fast on average after {@link #transferGrace()} (KiB/s), or its
         * exchange is cut (rest/TransferDeadline): 32 KiB/s gives a 30 MiB upload 16 minutes.
         */
        @WithDefault("32")
        int minKibPerSecond();

        /** Time a body gets before its size counts at {@link #minKibPerSecond()}. */
        @WithDefault("30s")
        Duration transferGrace();
    }

    /** A tenant's own API keys (docs/api.md, "Rotating your keys"). */
    interface Keys {
        /**
         * Active (neither revoked nor expired) keys a tenant may hold for {@code POST /v1/api-keys} to make one more
         * (409 too-many-keys); an administrator's {@code POST /v1/admin/api-keys} is not held to it.
         */
        @WithDefault("50")
        int maxActivePerTenant();

        /**
         * Keys a tenant's own keys may create in it ({@code POST /v1/api-keys}) within any 24 hours, revoked and expired
         * ones included; one more is 429 too-many-key-creations. Revoked keys are kept for good (the lineage), so this
         * bounds how fast a tenant's key rows, and the lineage a revocation with descendants walks, can grow. An
         * administrator's {@code POST /v1/admin/api-keys} is not held to it, and the keys it makes do not count.
         */
        @WithDefault("100")
        int maxCreatedPerTenantPerDay();

        /**
         * How often the keys' last uses ({@code lastUsedAt} of the key listings) are written: each replica notes them in
         * memory and writes the newest of each key this often, so a request never waits for that write, and a key in
         * constant use costs one update per interval and replica.
         */
        @WithDefault("60s")
        Duration lastUsedFlushEvery();
    }

    /** A tenant's texture profiles (docs/api.md, "Texture profiles"). */
    interface Profiles {
        /** Texture profiles a tenant may hold; one more is 409 too-many-profiles. */
        @WithDefault("100")
        int maxPerTenant();

        /**
         * Measurements a tenant may start per minute on a replica, made or refused alike (a photo without a face is
         * measured in full before texture-service answers 422); one more is 429 too-many-profile-measurements.
         */
        @WithDefault("6")
        int measurementsPerMinute();
    }

    interface Auth {
        /**
         * How long a looked-up key is trusted before it is read again: bounds how late a revocation, or a suspension of
         * its tenant, takes effect on another replica.
         */
        @WithDefault("2s")
        Duration cacheTtl();

        /** Whom a suspended tenant's partner is told to contact, in the detail of 403 tenant-suspended. */
        @WithDefault("support@realskin.io")
        String suspendedContact();
    }

    interface Jobs {
        /** Longest {@code Prefer: wait=N} honoured, in seconds. */
        @WithDefault("60")
        int maxWaitSeconds();

        /** Requests waiting for their job at once on this replica ({@code Prefer: wait}); each holds a worker thread. */
        @WithDefault("64")
        int maxWaits();

        /** Of {@link #maxWaits()}, one tenant's at most. */
        @WithDefault("8")
        int maxWaitsPerTenant();

        @WithDefault("100")
        int maxPageSize();

        Sse sse();

        /** How long a read of a job still going may be served again from this replica's cache. */
        @WithDefault("250ms")
        Duration readCacheTtl();

        /** Queued and running jobs a tenant may have at once, by plan (realskin.jobs.max-unfinished.pro=25). */
        Map<String, Integer> maxUnfinished();

        /** For a plan missing from {@link #maxUnfinished()}. */
        @WithDefault("5")
        int defaultMaxUnfinished();

        /**
         * How long this replica keeps prompt-service's model catalogue (which models have their provider configured)
         * before asking again; an unreadable catalogue is remembered as unknown for as long.
         */
        @WithDefault("30s")
        Duration modelCatalogueTtl();

        /**
         * Refuse a generate or skin-inpaint job at submit (409 model-unavailable) when its model's provider is not
         * configured. Off for a deployment whose generation-service fallback chain serves such models with another.
         */
        @WithDefault("true")
        boolean refuseUnavailableModels();
    }

    /** GET /v1/jobs/{id}/events as server-sent events (docs/api.md). */
    interface Sse {
        /** Open streams per API key on one replica; one more is 429 too-many-streams. */
        @WithDefault("20")
        int maxStreamsPerKey();

        /** Open streams per tenant on one replica, over all its keys (50 keys x 20 would be 1,000); one more is 429. */
        @WithDefault("100")
        int maxStreamsPerTenant();

        /** A stream ends after this long; the client resumes with Last-Event-ID. */
        @WithDefault("15m")
        Duration maxDuration();

        /** A comment line this often keeps idle connections open through proxies and finds closed ones. */
        @WithDefault("15s")
        Duration heartbeat();

        /** How often one query looks for changes of the watched jobs whose notification did not arrive (the safety net). */
        @WithDefault("20s")
        Duration sweep();
    }

    interface RateLimit {
        /** Requests per minute per key, by the tenant's plan (realskin.rate-limit.plans.pro=600); a key's own limit replaces it. */
        Map<String, Integer> plans();

        /** For a plan missing from {@link #plans()}. */
        @WithDefault("60")
        int defaultPerMinute();

        /** Failed authentications per minute per client address (IPv6: per /64); over it, 429 before any key lookup. */
        @WithDefault("30")
        int unauthenticatedPerMinute();
    }

    interface Idempotency {
        @WithDefault("24h")
        Duration ttl();

        /** A first request still "running" after this is taken as abandoned (its replica died) and may be redone. */
        @WithDefault("10m")
        Duration staleAfter();
    }

    interface Webhooks {
        /**
         * Hosts (or host:port) that may be called even over http or on a non-public address. Empty in production;
         * tests and on-premises installs name their receivers here.
         */
        Optional<List<String>> allowedHosts();

        /** Delays before the 2nd, 3rd, ... attempt (each +-10 % jitter); the default spans about 27.5 h. */
        @WithDefault("5s,5m,30m,2h,5h,10h,10h")
        List<Duration> retrySchedule();

        /** How long a rotated-out secret keeps signing alongside the new one. */
        @WithDefault("24h")
        Duration rotationOverlap();

        /**
         * Secrets signing at once per tenant, the newest and those rotated out within the overlap: every delivery is
         * signed with each, so rotating one more while this many sign is 429 too-many-webhook-secrets. At least 2.
         */
        @WithDefault("5")
        int maxSigningSecrets();

        /** Per attempt: connecting and the receiver's answer together. */
        @WithDefault("5s")
        Duration timeout();

        /**
         * The longest a webhook host's DNS lookup is waited for, when a URL is given and before each attempt; a lookup
         * that takes longer counts as a name that does not resolve.
         */
        @WithDefault("2s")
        Duration lookupTimeout();

        /**
         * DNS lookups of webhook hosts in progress for one tenant at once, per replica, counted until the lookup ends
         * (not its caller's wait): more is 429 too-many-webhook-lookups when a URL is given, a postponed attempt when a
         * delivery is due (see {@link #maxPostponement()}).
         */
        @WithDefault("4")
        int lookupsPerTenant();

        /**
         * DNS lookups of webhook hosts in progress over all tenants at once, per replica (each holds a thread until it
         * ends): more is 503 server-busy when a URL is given, a postponed attempt when a delivery is due. At least
         * {@link #lookupsPerTenant()}.
         */
        @WithDefault("64")
        int lookupsTotal();

        /**
         * How long a due delivery may be postponed, not counted as an attempt, while the lookups it needs are at their
         * bound (the tenant's or the replica's); after that such an attempt fails and counts, retried on the schedule.
         */
        @WithDefault("5m")
        Duration maxPostponement();

        /** Attempts in flight from one tenant to one endpoint (scheme, host and effective port) at once, per replica. */
        @WithDefault("4")
        int endpointConcurrency();

        /**
         * Attempts in flight to one endpoint over all tenants together, per replica, so that many tenants naming one
         * host do not flood it. At least {@link #endpointConcurrency()}.
         */
        @WithDefault("16")
        int endpointTotalConcurrency();

        /**
         * REALSKIN_WEBHOOKS_ENCRYPTION_KEY: base64 of 32 bytes; encrypts the stored signing secrets (AES-256-GCM).
         * Required in production: without it the gateway does not start. Tests and dev mode fall back to a fixed
         * development key (with a warning).
         */
        Optional<String> encryptionKey();
    }

    /** POST /v1/previews (docs/api.md). */
    interface Previews {
        /** Largest preview image, checked from the header before texture-service is called (2 MP; 1920x1080 fits). */
        @WithDefault("2100000")
        long maxPixels();
    }

    /** Holds of jobs that were never created, released at billing later (docs/billing.md). */
    interface HoldReleases {
        /**
         * After this, billing's "no hold" is final: no request of the gateway's can place the hold any more. Longer than
         * a service token is accepted (60 s, plus the backends' clock skew, 60 s by default) and billing takes to answer.
         */
        @WithDefault("3m")
        Duration settleAfter();

        @WithDefault("15s")
        Duration sweepEvery();

        /** The first try of a recorded release; each failed one doubles the wait, up to 5 min. */
        @WithDefault("10s")
        Duration retryAfter();

        /** Past this the release is no longer tried: billing's hold expiry (realskin.billing.holds.ttl) has ended it. */
        @WithDefault("1h")
        Duration giveUpAfter();
    }

    interface Backends {
        /** Whole-call budget of a proxied prompt-service call (connect and read timeouts are the rest client's). */
        @WithDefault("5s")
        Duration promptTimeout();

        @WithDefault("5s")
        Duration billingTimeout();

        /**
         * prompt-service calls in progress at once from this replica (backends/PromptCallSlots); one more is 503
         * server-busy. With 2 replicas, 24 of the costliest prompts measured (0.4 s of a core) queued on prompt-service's
         * 2 cores are 12 x 0.4 s = 4.8 s of work per core, under {@link #promptTimeout()}: a call is refused here rather
         * than left to time out there.
         */
        @WithDefault("12")
        int maxPromptCalls();

        /**
         * Of {@link #maxPromptCalls()}, one tenant's at most; one more is 429 too-many-prompt-calls. The top plan's 50 requests/s of
         * typical prompts (9 ms) are half a call in progress; a tenant's crafted ones (up to 0.4 s) hold at most 4 per replica.
         */
        @WithDefault("4")
        int maxPromptCallsPerTenant();

        /** Whole-call budget of a proxied preview (a 2 MP restore takes about a second on an idle replica). */
        @WithDefault("15s")
        Duration textureTimeout();
    }
}
