package io.realskin.gateway.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The gateway's real {@code @ConfigMapping} built by SmallRye Config alone (its defaults plus the given properties),
 * for unit tests that construct a bean by hand instead of booting Quarkus. Quarkus' own converters read the
 * defaults' durations ("5s") and sizes ("10G"), as in the service.
 */
public final class TestGatewayConfig {
    private TestGatewayConfig() {
    }

    public static GatewayConfig with(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withDefaultValues(properties)
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
