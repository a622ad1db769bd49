package io.realskin.gateway.backends;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures of a call safe to repeat are tried again (docs/api.md, Backends). */
class BackendRetryTest {
    /**
     * An attempt's own timeout fires with the read timeout of the same length, usually first: billing's hold was never
     * asked again after it, so a hold that was slow to be placed was left held for a job that was never made.
     */
    @Test
    void anAttemptsOwnTimeoutIsRepeatedWhereATimeoutIs() {
        TimeoutException ownTimeout = new TimeoutException("billing-tenant timed out");
        assertTrue(Backend.worthRepeating(ownTimeout, true), "billing, prompt-service");
        assertFalse(Backend.worthRepeating(ownTimeout, false), "texture-service may still be computing the first");
    }

    @Test
    void aReadTimeoutAndOtherFailuresAsBefore() {
        assertTrue(Backend.worthRepeating(new BackendFailure("read timed out", false, true), true));
        assertFalse(Backend.worthRepeating(new BackendFailure("read timed out", false, true), false));
        assertTrue(Backend.worthRepeating(new BackendFailure("502 from billing"), false));
        assertFalse(Backend.worthRepeating(new IllegalStateException("a bug"), true));
    }
}
