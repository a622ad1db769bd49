package io.realskin.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * The profile of the gateway tests that need a timeout, a duration or a limit far below the service's, so that what
 * they wait for comes within seconds: one application start for all of them rather than one each. Each setting but one is
 * one test's, and none of the others reaches it: the texture read timeout is met only by previews, thumbnails and
 * texture profiles (BackendTimeoutTest alone asks for them), the prompt read timeout only by a held prompt call (likewise), the stream settings only by SSE streams
 * (JobStreamMaxDurationTest alone opens one), the limit on failed authentications only by requests without a valid key
 * (UnauthenticatedLimitTest alone sends them), and the transfer grace and rate by bodies that arrive or are read
 * slowly (SlowTransferTest's), every other body here being a few bytes sent or read at once. One is reached by all:
 * the database wait of every request's database step, and of the sweeps' and the job-events consumer's (DatabaseWaitTest
 * waits it out); at 3 s (a job's statements cut at 2.4 s) it stays far above what such a step takes here on a busy
 * machine, and a shorter one would risk a spurious 503 (or a sweep's retry) for the others.
 */
public class ShortLimits implements QuarkusTestProfile {
    /** UnauthenticatedLimitTest: one failure a minute, so a token comes back only after 60 s, longer than the test takes. */
    static final int UNAUTHENTICATED_PER_MINUTE = 1;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(Map.of(
                // BackendTimeoutTest: a preview the texture stand-in holds is past the read timeout within a second
                "quarkus.rest-client.texture.read-timeout", "1000",
                // BackendTimeoutTest: a prompt call the prompt stand-in holds likewise (a prompt "hold", which no other sends)
                "quarkus.rest-client.prompt.read-timeout", "1000",
                // JobStreamMaxDurationTest: a stream ends after 2 s
                "realskin.jobs.sse.max-duration", "2s", "realskin.jobs.sse.heartbeat", "500ms",
                // SlowTransferTest: a 6 s grace and 4 MiB/s, so that the cut comes within seconds while a body sent at once
                // still goes through on a machine busy with other builds (a 2 s grace once cut a small upload there); its
                // 13 MB image, sent or read at once, has 9 s (at 1 MiB/s the test waited 18 s for the slow read's cut)
                "realskin.bodies.transfer-grace", "6s", "realskin.bodies.min-kib-per-second", "4096",
                "realskin.rate-limit.unauthenticated-per-minute", String.valueOf(UNAUTHENTICATED_PER_MINUTE),
                // DatabaseWaitTest: a request's database step outlasts the wait within seconds (10 s in the service)
                "realskin.database.timeout", "3s"));
        // UnauthenticatedLimitTest: forwarded addresses are read from one proxy only, which is not this JVM's peer address
        overrides.putAll(Map.of("quarkus.http.proxy.proxy-address-forwarding", "true", "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "192.0.2.1"));
        return overrides;
    }
}
