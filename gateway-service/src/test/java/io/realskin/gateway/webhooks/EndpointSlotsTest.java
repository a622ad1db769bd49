package io.realskin.gateway.webhooks;

import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointSlotsTest {
    @Test
    void anEndpointIsSchemeHostAndPort() {
        assertEquals("https://hooks.example.com", EndpointSlots.endpointOf("https://Hooks.Example.com/a/b?c=d"));
        assertEquals("https://hooks.example.com:8443", EndpointSlots.endpointOf("https://hooks.example.com:8443"));
        assertEquals("http://127.0.0.1:9000", EndpointSlots.endpointOf("http://127.0.0.1:9000/x#y"));
        assertEquals("not a url", EndpointSlots.endpointOf("not a url"));
    }

    @Test
    void eachEndpointHasItsOwnSlots() {
        EndpointSlots slots = new EndpointSlots(2);
        assertTrue(slots.tryTake("https://slow.example/a"));
        assertTrue(slots.tryTake("https://slow.example/b"));
        assertFalse(slots.tryTake("https://slow.example/c"), "the third attempt to one endpoint waits");
        assertTrue(slots.tryTake("https://fast.example/a"), "another endpoint is not held up");
        assertEquals(Set.of("https://slow.example"), slots.full());
        slots.release("https://slow.example/a");
        assertEquals(Set.of(), slots.full());
        assertTrue(slots.tryTake("https://slow.example/d"));
        slots.release("https://slow.example/b");
        slots.release("https://slow.example/d");
        slots.release("https://slow.example/d");
        assertTrue(slots.tryTake("https://slow.example/e"), "releases never go below zero");
    }
}
