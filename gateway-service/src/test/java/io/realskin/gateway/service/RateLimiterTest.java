package io.realskin.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void peekTakesNothingAndSeesWhatAcquireTook() {
        RateLimiter limiter = new RateLimiter();
        assertTrue(limiter.peek("address:203.0.113.7", 2).allowed(), "an unknown bucket is full");
        assertTrue(limiter.peek("address:203.0.113.7", 2).allowed(), "peeking twice took nothing");
        assertTrue(limiter.acquire("address:203.0.113.7", 2).allowed());
        assertTrue(limiter.acquire("address:203.0.113.7", 2).allowed());
        RateLimiter.Decision empty = limiter.peek("address:203.0.113.7", 2);
        assertFalse(empty.allowed());
        assertTrue(empty.retryAfterSeconds() >= 1);
        assertTrue(limiter.peek("address:203.0.113.8", 2).allowed(), "another address has its own bucket");
    }

    @Test
    void ipv6AddressesShareTheBucketOfTheirSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddresses.bucketOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals(ClientAddresses.bucketOf("2001:db8:1:2::1"), ClientAddresses.bucketOf("2001:db8:1:2:ffff::9"));
        assertEquals("203.0.113.7", ClientAddresses.bucketOf("203.0.113.7"));
    }
}
