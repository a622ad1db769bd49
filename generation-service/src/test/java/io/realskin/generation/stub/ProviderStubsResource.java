package io.realskin.generation.stub;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} of generation-service at the JVM's {@link ProviderStubs}: all three providers
 * configured, short backoff so retry tests stay quick, and a fallback from Nano Banana Pro to GPT Image 2.
 */
public class ProviderStubsResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>(ProviderStubs.shared().config());
        for (String provider : new String[] {"openai", "gemini", "bfl"}) {
            config.put("realskin.providers." + provider + ".backoff-base", "50ms");
            config.put("realskin.providers." + provider + ".backoff-max", "200ms");
            config.put("realskin.providers." + provider + ".read-timeout", "30s");
        }
        config.put("realskin.providers.gemini.breaker-failures", "20"); // the fallback test fails Gemini on purpose
        config.put("realskin.generation.fallback", "nano-banana-pro>gpt-image-2");
        return config;
    }

    @Override
    public void stop() {
        // the stubs outlive each test class and stop with the JVM
    }
}
