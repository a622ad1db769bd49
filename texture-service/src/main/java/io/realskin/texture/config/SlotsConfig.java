package io.realskin.texture.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The queue in front of the preview, thumbnail and profile slots ({@code REALSKIN_TEXTURE_SLOTS_*}): a request that
 * finds every slot of its kind busy waits its tenant's turn instead of being refused at once, so one tenant's burst
 * delays another tenant's request by about one computation, not by a 503.
 */
@ConfigMapping(prefix = "realskin.texture.slots")
public interface SlotsConfig {
    /**
     * How long a request waits for a slot before it gets 503 with Retry-After. A preview of 2 MP takes about a second
     * on an idle core, a thumbnail tens to hundreds of milliseconds; the gateway gives a proxied call 15 s in all.
     */
    @WithDefault("5s")
    Duration maxWait();

    /**
     * Requests of one tenant waiting for slots of one kind at once; one more is 503 at once, so a tenant's burst holds
     * that many threads here, not one per request. 0: nobody waits, a busy slot is 503 at once.
     */
    @WithDefault("4")
    int waitingPerTenant();
}
