package io.realskin.generation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** How generation jobs run (docs/generation.md, "Settings"). */
@ConfigMapping(prefix = "realskin.generation")
public interface GenerationConfig {
    /**
     * The fallback chain: {@code model>next} pairs, e.g. {@code nano-banana-pro>gpt-image-2}. When a model's provider
     * is unavailable, out of quota, refuses the key or is not configured, the job moves on to the next model (recorded
     * as a PROGRESS {@code fallback} event). Never on moderation or a rejected request.
     */
    Optional<List<String>> fallback();

    /** Output size of a generate job that asks for none (the longer side, square). */
    @WithDefault("1024")
    int defaultSize();

    /**
     * The oldest request a worker still runs; an older one fails {@code expired} before any provider is called. Its
     * credit hold lives an hour from the submit (billing's {@code realskin.billing.holds.ttl}), so a job started later
     * than this, less a provider's 10 min job timeout, could end after the hold expired: done and never paid.
     */
    @WithDefault("50m")
    Duration maxRequestAge();

    /**
     * Answers' base64 reads, image decodes and composites at once in this process (the others wait, the job whose
     * answer arrived first going first); unset: one per core the JVM sees. A decode holds up to 150 MB of pixels.
     */
    OptionalInt decodeSlots();

    /**
     * MiB of heap that jobs' inputs (references, an inpaint's image and mask) may take at once in this process, six
     * bytes reserved per stored byte; a job that does not fit waits, tenants in turn. Unset: half the maximum heap.
     */
    OptionalInt inputMemoryMib();

    /**
     * Records of generation.requests this process holds at once, waiting in its provider lanes or running; the
     * consumer takes the next only once one is done. A held record is its JSON, a few KB.
     */
    @WithDefault("256")
    int maxHeldRequests();

    /**
     * Whether a record with reference images must carry the consent the gateway saw ({@code consent}); one without the
     * field then fails {@code bad_request}. False for the release that adds the field, whose older gateways still send
     * records without it: those are worked, logged and counted ({@code realskin_generation_references_without_consent_total}).
     * Set it once every gateway is of this release and the counter stays at 0; the next release makes true the default
     * (docs/generation.md, "Reference images"). A record with {@code consent: false} fails whatever this says.
     */
    @WithDefault("false")
    boolean requireReferenceConsent();

    /** At shutdown, how long running jobs may still finish and commit before the process stops (queued ones are not started). */
    @WithDefault("20s")
    Duration drainTimeout();
}
