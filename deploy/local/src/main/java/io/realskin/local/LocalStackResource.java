package io.realskin.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's shared {@link LocalStack} (started on first use).
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
        return LocalStack.shared().quarkusConfig(database);
    }

    @Override
    public void stop() {
        // the stack outlives each test class and stops with the JVM
    }
}
