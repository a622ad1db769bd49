package io.realskin.gateway.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.gateway.auth.Caller;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemTypes;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A key a tenant's key creates never exceeds it: scopes, admin, live or test, rate limit, expiry. */
class KeyGrantPolicyTest {
    private static final Instant CREATED = Instant.parse("2026-05-01T10:00:00Z");
    private static final Instant OWN_EXPIRY = Instant.parse("2026-09-01T00:00:00Z");
    private static final Set<String> OWN_SCOPES = Set.of("jobs:read", "jobs:write", "keys:write");

    private static Caller caller(Set<String> scopes, int ratePerMinute) {
        return new Caller("key_own", "ten_a", scopes, ratePerMinute, null);
    }

    private static StoredKey own(String hint, Instant expiresAt, Integer rateLimitPerMinute) {
        return new StoredKey("key_own", "ten_a", "rotator", hint, OWN_SCOPES, CREATED, expiresAt, null, "pro", rateLimitPerMinute, null, null, null);
    }

    private static StoredKey holding(Set<String> scopes) {
        return new StoredKey("key_other", "ten_a", "other", "rsk_live_…Zz9Yy8", scopes, CREATED, null, null, "pro", null, null, null, null);
    }

    private static StoredKey liveKey() {
        return own("rsk_live_…Xa9Pq2", OWN_EXPIRY, 300);
    }

    private static KeySpec asking(Set<String> scopes, Instant expiresAt, Integer rate) {
        return new KeySpec("new", scopes, expiresAt, rate);
    }

    private static Problem refused(Caller caller, StoredKey own, KeySpec requested, Boolean live) {
        ProblemException e = assertThrows(ProblemException.class, () -> KeyGrantPolicy.grant(caller, own, requested, live));
        assertEquals(ProblemTypes.GRANT_EXCEEDS_KEY.uri(), e.problem().type());
        assertEquals(403, e.problem().status());
        return e.problem();
    }

    @Test
    void aSubsetOfTheCallersScopesGetsItsKindAndWhatItDidNotAskForFromTheCaller() {
        KeyGrantPolicy.Grant grant = KeyGrantPolicy.grant(caller(OWN_SCOPES, 300), liveKey(), asking(Set.of("jobs:read"), null, null), null);
        assertTrue(grant.live());
        assertEquals(Set.of("jobs:read"), grant.spec().scopes());
        assertEquals(OWN_EXPIRY, grant.spec().expiresAt());
        assertEquals(300, grant.spec().rateLimitPerMinute());
        assertEquals("new", grant.spec().name());
    }

    @Test
    void allOfTheCallersScopesKeysWriteIncludedMayBeGranted() {
        KeyGrantPolicy.Grant grant = KeyGrantPolicy.grant(caller(OWN_SCOPES, 300), liveKey(), asking(OWN_SCOPES, null, null), null);
        assertEquals(OWN_SCOPES, grant.spec().scopes());
    }

    @Test
    void aScopeTheCallerLacksIsRefusedByName() {
        Problem problem = refused(caller(OWN_SCOPES, 300), liveKey(), asking(Set.of("jobs:read", "billing:read"), null, null), null);
        assertEquals("scopes", problem.members().get("field"));
        assertEquals("billing:read", problem.members().get("scope"));
        assertTrue(problem.detail().contains("billing:read"), problem.detail());
    }

    @Test
    void anUnknownScopeIsLeftToTheValidationOfEveryKey() {
        assertEquals(Set.of("jobs:read", "no-such-scope"), KeyGrantPolicy.grant(caller(OWN_SCOPES, 300), liveKey(),
                asking(Set.of("jobs:read", "no-such-scope"), null, null), null).spec().scopes());
    }

    @Test
    void adminIsNeverGrantedNotEvenByAnAdminKey() {
        Caller admin = caller(Set.of("admin"), 3000);
        Problem problem = refused(admin, liveKey(), asking(Set.of("admin"), null, null), null);
        assertEquals("admin", problem.members().get("scope"));
        assertEquals("admin", refused(caller(OWN_SCOPES, 300), liveKey(), asking(Set.of("jobs:read", "admin"), null, null), null)
                .members().get("scope"));
        // admin implies the other scopes, as on every route
        assertEquals(Set.of("billing:read"), KeyGrantPolicy.grant(admin, liveKey(), asking(Set.of("billing:read"), null, null), null)
                .spec().scopes());
    }

    @Test
    void aTestKeyMakesTestKeysOnly() {
        StoredKey test = own("rsk_test_…Xa9Pq2", null, null);
        assertFalse(KeyGrantPolicy.grant(caller(OWN_SCOPES, 600), test, asking(Set.of("jobs:read"), null, null), null).live());
        assertFalse(KeyGrantPolicy.grant(caller(OWN_SCOPES, 600), test, asking(Set.of("jobs:read"), null, null), false).live());
        assertEquals("live", refused(caller(OWN_SCOPES, 600), test, asking(Set.of("jobs:read"), null, null), true).members().get("field"));
        assertEquals("live", refused(caller(OWN_SCOPES, 300), liveKey(), asking(Set.of("jobs:read"), null, null), false).members().get("field"));
    }

    @Test
    void theRateLimitIsAtMostTheCallers() {
        assertEquals(300, KeyGrantPolicy.grant(caller(OWN_SCOPES, 300), liveKey(), asking(Set.of("jobs:read"), null, 300), null)
                .spec().rateLimitPerMinute());
        assertEquals(10, KeyGrantPolicy.grant(caller(OWN_SCOPES, 300), liveKey(), asking(Set.of("jobs:read"), null, 10), null)
                .spec().rateLimitPerMinute());
        assertEquals("rateLimitPerMinute", refused(caller(OWN_SCOPES, 300), liveKey(), asking(Set.of("jobs:read"), null, 301), null)
                .members().get("field"));
    }

    /**
     * The refusal named "this key's own limit of 600" for a key without one, whose limit is its tenant's plan's: the
     * detail names the limit the key sends under.
     */
    @Test
    void aRateLimitAboveTheCallersNamesWhoseLimitItIs() {
        assertEquals("rateLimitPerMinute 601 is above this key's limit of 600 requests per minute, its tenant's plan limit",
                refused(caller(OWN_SCOPES, 600), liveKey(), asking(Set.of("jobs:read"), null, 601), null).detail());
        Caller limited = new Caller("key_own", "ten_a", OWN_SCOPES, 600, 30);
        assertEquals("rateLimitPerMinute 31 is above this key's limit of 30 requests per minute, its own",
                refused(limited, liveKey(), asking(Set.of("jobs:read"), null, 31), null).detail());
        Caller aboveItsPlan = new Caller("key_own", "ten_a", OWN_SCOPES, 60, 300); // its plan was lowered after
        assertEquals("rateLimitPerMinute 61 is above this key's limit of 60 requests per minute, its tenant's plan limit",
                refused(aboveItsPlan, liveKey(), asking(Set.of("jobs:read"), null, 61), null).detail());
    }

    @Test
    void aCallerOnItsPlansLimitPassesThePlanOn() {
        StoredKey onPlan = own("rsk_live_…Xa9Pq2", null, null);
        assertNull(KeyGrantPolicy.grant(caller(OWN_SCOPES, 600), onPlan, asking(Set.of("jobs:read"), null, null), null)
                .spec().rateLimitPerMinute());
        assertEquals("rateLimitPerMinute", refused(caller(OWN_SCOPES, 600), onPlan, asking(Set.of("jobs:read"), null, 601), null)
                .members().get("field"));
    }

    @Test
    void theExpiryIsNoLaterThanTheCallers() {
        assertEquals(OWN_EXPIRY, KeyGrantPolicy.grant(caller(OWN_SCOPES, 300), liveKey(), asking(Set.of("jobs:read"), OWN_EXPIRY, null), null)
                .spec().expiresAt());
        Instant earlier = OWN_EXPIRY.minusSeconds(86_400);
        assertEquals(earlier, KeyGrantPolicy.grant(caller(OWN_SCOPES, 300), liveKey(), asking(Set.of("jobs:read"), earlier, null), null)
                .spec().expiresAt());
        assertEquals("expiresAt", refused(caller(OWN_SCOPES, 300), liveKey(),
                asking(Set.of("jobs:read"), OWN_EXPIRY.plusSeconds(1), null), null).members().get("field"));
    }

    @Test
    void aCallerThatNeverExpiresMayGrantAnyExpiryOrNone() {
        StoredKey forever = own("rsk_live_…Xa9Pq2", null, 300);
        Instant far = Instant.parse("2099-01-01T00:00:00Z");
        assertEquals(far, KeyGrantPolicy.grant(caller(OWN_SCOPES, 300), forever, asking(Set.of("jobs:read"), far, null), null)
                .spec().expiresAt());
        assertNull(KeyGrantPolicy.grant(caller(OWN_SCOPES, 300), forever, asking(Set.of("jobs:read"), null, null), null)
                .spec().expiresAt());
    }

    @Test
    void aKeyRevokesOnlyKeysHoldingNothingItLacks() {
        Caller rotator = caller(Set.of("jobs:read", "keys:write"), 300);
        KeyGrantPolicy.requireRevocable(rotator, holding(Set.of("jobs:read")));
        KeyGrantPolicy.requireRevocable(rotator, holding(Set.of("jobs:read", "keys:write")));
        ProblemException e = assertThrows(ProblemException.class, () -> KeyGrantPolicy.requireRevocable(rotator,
                holding(Set.of("jobs:read", "jobs:write"))));
        assertEquals(ProblemTypes.GRANT_EXCEEDS_KEY.uri(), e.problem().type());
        assertEquals("jobs:write", e.problem().members().get("scope"));
        assertThrows(ProblemException.class, () -> KeyGrantPolicy.requireRevocable(rotator,
                holding(Set.of("admin"))));
        KeyGrantPolicy.requireRevocable(caller(Set.of("admin"), 3000), holding(Set.of("admin")));
    }
}
