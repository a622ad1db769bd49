package io.realskin.local;

import java.nio.file.Path;

/**
 * The five services as deployed: module, default HTTP port (docs/architecture.md), default management port (health and metrics),
 * own database, if any.
 */
public enum RealSkinService {
    GATEWAY("gateway-service", 8080, 9080, "gateway", "512m"),
    PROMPT("prompt-service", 8081, 9081, null, "256m"),
    GENERATION("generation-service", 8082, 9082, null, "768m"),
    TEXTURE("texture-service", 8083, 9083, null, "1g"),
    BILLING("billing-service", 8084, 9084, "billing", "384m");

    private final String module;
    private final int defaultPort;
    private final int defaultManagementPort;
    private final String database;
    private final String maxHeap;

    RealSkinService(String module, int defaultPort, int defaultManagementPort, String database, String maxHeap) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.defaultManagementPort = defaultManagementPort;
        this.database = database;
        this.maxHeap = maxHeap;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Where {@code /q/health} and {@code /q/metrics} answer (the Quarkus management interface). */
    public int defaultManagementPort() {
        return defaultManagementPort;
    }

    /** The audience of the gateway's service tokens for this service. */
    public String audience() {
        return module;
    }

    /** Null for a service that keeps no state of its own. */
    public String database() {
        return database;
    }

    public String maxHeap() {
        return maxHeap;
    }

    /** The runnable Quarkus application that {@code mvn package} builds. */
    public Path appJar(Path projectRoot) {
        return projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
