package io.realskin.texture.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The texture worker pool ({@code REALSKIN_TEXTURE_WORKER_*}). */
@ConfigMapping(prefix = "realskin.texture.worker")
public interface WorkerConfig {
    /** Jobs worked at once by this process; 0 means one per available core. */
    @WithDefault("0")
    int threads();

    /** How long a shutdown waits for in-flight jobs; what still runs then is redelivered to another worker. */
    @WithDefault("30s")
    Duration drainTimeout();
}
