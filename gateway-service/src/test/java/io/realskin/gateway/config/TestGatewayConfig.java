package io.realskin.gateway.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/**
 * The gateway's real {@code @ConfigMapping} built by SmallRye Config alone (its defaults plus the given properties),
 * for unit tests that construct a bean by hand instead of booting Quarkus. Quarkus' own converter reads the
 * defaults' durations ("5s"), as in the service.
 */
public final class TestGatewayConfig {
    private TestGatewayConfig() {
    }

    public static GatewayConfig with(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withDefaultValues(properties)
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
