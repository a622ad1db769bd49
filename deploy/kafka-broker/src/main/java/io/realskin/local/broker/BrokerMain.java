package io.realskin.local.broker;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs Apache Kafka's broker ({@code kafka.Kafka}) and exits when standard input closes: the local stack
 * holds the other end of that pipe, so the broker never outlives the process that started it, even one
 * killed with SIGKILL.
 */
public final class BrokerMain {
    public static void main(String[] args) throws Exception {
        Thread watchdog = new Thread(BrokerMain::exitWhenParentGone, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        kafka.Kafka.main(args);
    }

    private static void exitWhenParentGone() {
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; reading only waits for end of stream
            }
        } catch (IOException ignored) {
            // a broken pipe means the same as end of stream
        }
        Runtime.getRuntime().halt(0);
    }

    private BrokerMain() {
    }
}
