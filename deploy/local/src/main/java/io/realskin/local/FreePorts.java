package io.realskin.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Loopback ports for the stack's servers. */
public final class FreePorts {
    /**
     * Ports already handed out in this JVM: a process binds its port only once it has started (a JVM takes seconds),
     * so until then the kernel may offer the same free port again, and two services would race for it.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    public static int any() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
        throw new IllegalStateException("no loopback port that was not handed out already");
    }

    /**
     * The given port (a documented default) when it is free, else any free one. It counts as handed out from then on,
     * so {@link #any()} never offers it to another server while its own process is still starting.
     */
    public static int preferred(int port) {
        if (isFree(port)) {
            HANDED_OUT.add(port);
            return port;
        }
        return any();
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts connections on the loopback port now. */
    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private FreePorts() {
    }
}
