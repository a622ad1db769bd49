package io.realskin.gateway.webhooks;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointSlotsTest {
    @Test
    void anEndpointIsSchemeHostAndEffectivePort() {
        assertEquals("https://hooks.example.com:443", EndpointSlots.endpointOf("https://Hooks.Example.com/a/b?c=d"));
        assertEquals("https://hooks.example.com:8443", EndpointSlots.endpointOf("https://hooks.example.com:8443"));
        assertEquals("http://127.0.0.1:9000", EndpointSlots.endpointOf("http://127.0.0.1:9000/x#y"));
        assertEquals("http://[0:0:0:0:0:0:0:1]:80", EndpointSlots.endpointOf("http://[::1]/"));
        assertEquals("not a url", EndpointSlots.endpointOf("not a url"));
    }

    /** Spellings of one receiver are one endpoint: the default port written or not, a host's case or trailing dot. */
    @Test
    void spellingsOfOneReceiverAreOneEndpoint() {
        String https = EndpointSlots.endpointOf("https://hooks.example.com/a");
        for (String url : List.of("https://hooks.example.com:443/b", "HTTPS://HOOKS.example.COM/c?d", "https://hooks.example.com./e",
                "https://hooks.example.com.:443")) {
            assertEquals(https, EndpointSlots.endpointOf(url), url);
        }
        assertEquals(EndpointSlots.endpointOf("http://127.0.0.1/x"), EndpointSlots.endpointOf("http://127.0.0.1:80/y"));
        assertEquals(EndpointSlots.endpointOf("http://[::1]:9000/x"), EndpointSlots.endpointOf("http://[0:0:0:0:0:0:0:1]:9000/y"));
        assertNotEquals(https, EndpointSlots.endpointOf("http://hooks.example.com/a"), "another scheme");
        assertNotEquals(https, EndpointSlots.endpointOf("https://hooks.example.com:8443/a"), "another port");
    }

    @Test
    void eachTenantHasItsOwnSlotsAtAnEndpoint() {
        EndpointSlots slots = new EndpointSlots(2, 5);
        String slow = EndpointSlots.endpointOf("https://slow.example/a");
        String fast = EndpointSlots.endpointOf("https://fast.example/a");
        assertTrue(slots.tryTake("ten_a", slow));
        assertTrue(slots.tryTake("ten_a", slow));
        assertFalse(slots.tryTake("ten_a", slow), "the tenant's third attempt to one endpoint waits");
        assertTrue(slots.tryTake("ten_a", fast), "another endpoint is not held up");
        assertTrue(slots.tryTake("ten_b", slow), "nor is another tenant's attempt to the same endpoint");
        assertEquals(Set.of(EndpointSlots.pairOf("ten_a", slow)), slots.fullPairs());
        assertEquals(Set.of(), slots.fullEndpoints());
        slots.release("ten_a", slow);
        assertEquals(Set.of(), slots.fullPairs());
        assertTrue(slots.tryTake("ten_a", slow));
        slots.release("ten_b", slow);
        slots.release("ten_b", slow);
        assertTrue(slots.tryTake("ten_b", slow), "releases never go below zero");
    }

    /** Over all tenants an endpoint takes its bound at most; a tenant refused there holds no slot of its own. */
    @Test
    void anEndpointTakesItsBoundOverAllTenants() {
        EndpointSlots slots = new EndpointSlots(2, 3);
        String shared = EndpointSlots.endpointOf("https://shared.example/");
        assertTrue(slots.tryTake("ten_a", shared));
        assertTrue(slots.tryTake("ten_a", shared));
        assertTrue(slots.tryTake("ten_b", shared));
        assertFalse(slots.tryTake("ten_c", shared), "the endpoint has 3 in flight");
        assertEquals(Set.of(shared), slots.fullEndpoints());
        slots.release("ten_a", shared);
        assertTrue(slots.tryTake("ten_c", shared));
        assertTrue(slots.tryTake("ten_c", EndpointSlots.endpointOf("https://other.example/")));
    }
}
