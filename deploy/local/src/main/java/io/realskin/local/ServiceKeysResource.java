package io.realskin.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** The JVM's service-token keys ({@link ServiceKeys#shared()}) for a {@code @QuarkusTest} that needs no Kafka or database. */
public class ServiceKeysResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return ServiceKeys.shared().quarkusConfig();
    }

    @Override
    public void stop() {
        // nothing runs
    }
}
