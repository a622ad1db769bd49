package io.realskin.gateway.idempotency;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyServiceTest {
    @Test
    void secretsAreRecognisedInAnyAnswer() {
        assertTrue(IdempotencyService.holdsSecret("{\"key\":\"rsk_live_abc\"}"));
        assertTrue(IdempotencyService.holdsSecret("{\"secret\":\"whsec_MfKQ9r8\"}"));
        assertTrue(IdempotencyService.holdsSecret("{\"hint\":\"rsk_test_…Xa9Pq2\"}"));
        assertFalse(IdempotencyService.holdsSecret("{\"id\":\"job_4fTzz\",\"status\":\"queued\"}"));
        assertFalse(IdempotencyService.holdsSecret(null));
    }
}
