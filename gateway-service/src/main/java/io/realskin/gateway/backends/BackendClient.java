package io.realskin.gateway.backends;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * What a client of one backend holds: the backend's typed REST API, and the {@link Backend} every call to it goes
 * through (timeout, retries, breakers, and metrics tagged with the backend's name). {@link BillingClient},
 * {@link PromptClient} and {@link TextureClient} add what that backend's answers mean to the gateway. They are
 * {@code @Singleton} beans: a normal-scoped one would need a no-args constructor here, for its client proxy.
 */
abstract class BackendClient<A> {
    final A api;
    final Backend backend;

    BackendClient(A api, String name, Duration timeout, boolean repeatAfterTimeout, MeterRegistry registry) {
        this.api = api;
        this.backend = new Backend(name, timeout, repeatAfterTimeout, registry);
    }
}
