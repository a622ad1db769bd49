package io.realskin.local;

import io.realskin.contracts.ApiKeys;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code deploy/local/up}: the local stack and the five services in the foreground; Ctrl-C or SIGTERM stops
 * everything it started.
 */
public final class LocalRunMain {
    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String dir = System.getenv("REALSKIN_LOCAL_DIR");
        Path home = dir == null || dir.isBlank() ? root.resolve("var/local") : Path.of(dir).toAbsolutePath();
        String adminKey = System.getenv().getOrDefault("REALSKIN_ADMIN_KEY", ApiKeys.generate(false));
        if (!ApiKeys.isWellFormed(adminKey)) {
            System.err.println("REALSKIN_ADMIN_KEY is not an rsk_ key with a valid checksum");
            System.exit(2);
        }

        long started = System.nanoTime();
        System.out.println("Starting Kafka (KRaft) and PostgreSQL in " + home + " ...");
        LocalStack stack = LocalStack.start(home, Map.of(
                "kafka", FreePorts.isFree(9092) ? 9092 : FreePorts.any(),
                "postgres", FreePorts.isFree(5432) ? 5432 : FreePorts.any()));
        LocalDeployment deployment = new LocalDeployment(root, stack, LocalDeployment.defaultPortsWhereFree(), adminKey);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping RealSkin ...");
            deployment.close();
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "realskin-stop"));

        System.out.println("Kafka " + stack.kafkaBootstrapServers() + ", PostgreSQL " + stack.postgres().host() + ":"
                + stack.postgres().port() + "; starting the five services ...");
        try {
            deployment.startAll();
        } catch (RuntimeException e) {
            System.err.println("RealSkin did not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("%nRealSkin is up in %.0f s.%n", (System.nanoTime() - started) / 1e9);
        for (ServiceProcess p : deployment.processes()) {
            System.out.printf("  %-19s %s  (health and metrics %s, log %s)%n", p.name(), p.baseUrl(), p.managementUrl(), p.logFile());
        }
        System.out.println();
        System.out.println("Gateway URL: " + deployment.url(RealSkinService.GATEWAY));
        System.out.println("Admin key:   " + adminKey);
        System.out.println("Blob dir:    " + stack.blobDir());
        System.out.println("Ctrl-C stops everything.");
        stopped.await();
    }

    private LocalRunMain() {
    }
}
