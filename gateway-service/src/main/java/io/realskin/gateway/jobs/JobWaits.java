package io.realskin.gateway.jobs;

import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Prefer: wait=N} (RFC 7240) on a job: the answer waits up to N seconds (at most
 * {@code realskin.jobs.max-wait-seconds}) for the job to end. Waiting holds a worker thread, so it takes one of
 * {@link WaitSlots}; without one the preference is not applied (no {@code Preference-Applied}) and the job is answered
 * as it is, which the RFC allows and a client handles like a wait that ran out. A job that has ended is answered at
 * once, and without {@code Preference-Applied} too: nothing waited.
 */
@ApplicationScoped
public class JobWaits {
    /**
     * RFC 7240's wait preference as clients write it: the name in any case, optional whitespace around "=", the seconds
     * as a token or a quoted string ({@code WAIT=5}, {@code wait = 5}, {@code wait="5"}), of any number of digits.
     */
    private static final Pattern PREFER_WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*(\"?)(\\d+)\\1(?=\\s*(?:[,;]|$))");

    /**
     * The {@code Vary} of an answer whose status and body depend on the Prefer header (200 finished within the wait,
     * 202 without it): a cache (RFC 7240 section 2, RFC 9110 section 12.5.5) must not answer a request with another
     * request's wait. On every answer of a route that reads the preference, waited or not.
     */
    public static final String VARY = "Prefer";

    private final JobQueryService query;
    private final WaitSlots slots;
    private final int maxSeconds;

    public JobWaits(JobQueryService query, WaitSlots slots, GatewayConfig config) {
        this.query = query;
        this.slots = slots;
        this.maxSeconds = config.jobs().maxWaitSeconds();
    }

    /**
     * @param job     the job as it is now
     * @param applied the seconds of the client's preference that were honoured, for {@code Preference-Applied}; 0: none
     */
    public record Waited(Job job, int applied) {
    }

    /**
     * The job once it ended or the wait ran out; as it is when no wait was asked for or none is free.
     *
     * @param prefer every line of the Prefer header: one list however many lines carry it (RFC 9110, section 5.3)
     */
    public Waited await(String tenantId, Job job, List<String> prefer) {
        int seconds = requestedSeconds(prefer, maxSeconds);
        if (seconds == 0 || job.status().terminal()) {
            return new Waited(job, 0); // nothing waited (the job had ended): no preference was applied (RFC 7240)
        }
        Optional<Runnable> slot = slots.tryTake(tenantId);
        if (slot.isEmpty()) {
            return new Waited(job, 0);
        }
        try {
            return new Waited(query.awaitEnd(tenantId, job.id(), Duration.ofSeconds(seconds)).await().indefinitely(), seconds);
        } finally {
            slot.get().run();
        }
    }

    /** The seconds the Prefer header's lines ask to wait, at most {@code max}; 0 without a wait preference. */
    static int requestedSeconds(List<String> prefer, int max) {
        if (prefer == null || prefer.isEmpty()) {
            return 0;
        }
        Matcher m = PREFER_WAIT.matcher(String.join(", ", prefer));
        // any number of digits: one too long for an int asks for more than the most, not for nothing
        return m.find() ? new BigInteger(m.group(2)).min(BigInteger.valueOf(max)).intValue() : 0;
    }
}
