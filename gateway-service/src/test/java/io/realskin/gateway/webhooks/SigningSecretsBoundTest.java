package io.realskin.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.gateway.config.TestGatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The newest secret signs until the next rotation: under a bound of 1 no rotation could ever take place. */
class SigningSecretsBoundTest {
    @Test
    void aBoundBelowTwoStopsTheGatewayNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WebhookService(null, null, null, null,
                TestGatewayConfig.with(Map.of("realskin.webhooks.max-signing-secrets", "1"))));
        assertEquals("realskin.webhooks.max-signing-secrets must be at least 2 (the newest secret and one rotated out), not 1",
                e.getMessage());
        new WebhookService(null, null, null, null, TestGatewayConfig.with(Map.of("realskin.webhooks.max-signing-secrets", "2")));
    }
}
