package io.realskin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** A documented default port where it is free, any other free one where it is not. */
class FreePortsTest {
    @Test
    void aFreePreferredPortIsTaken() throws Exception {
        int port = closedPort();
        assertEquals(port, FreePorts.preferred(port));
    }

    @Test
    void aPreferredPortInUseGivesAnotherFreePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int other = FreePorts.preferred(taken.getLocalPort());
            assertNotEquals(taken.getLocalPort(), other);
            assertTrue(FreePorts.isFree(other), "port " + other);
        }
    }

    /** A port nothing listens on now (the kernel's choice, closed again). */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
