package io.realskin.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared {@link LocalStack} (started on first use), with the JVM's
 * service-token keys ({@link ServiceKeys#shared()}).
 * Init arg {@code database}: the service's own database, created when missing; omit it for stateless services.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(LocalStack.shared().quarkusConfig(database));
        config.putAll(ServiceKeys.shared().quarkusConfig());
        return config;
    }

    @Override
    public void stop() {
        // the stack outlives each test class and stops with the JVM
    }
}
