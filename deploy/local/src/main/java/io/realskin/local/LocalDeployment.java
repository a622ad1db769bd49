package io.realskin.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The five services as separate JVMs on a {@link LocalStack}, wired to each other by Quarkus' own settings, with a
 * service-token key pair of their own (the gateway signs, the others verify).
 * {@code deploy/local/up} and the system tests both start the product through this class.
 */
public final class LocalDeployment implements AutoCloseable {
    /** How long a service may take to be ready: generous, as a busy machine (other builds beside) needs far more than usual. */
    public static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    /**
     * Image providers' keys, base URLs, OpenAI's account (organization, project; openai-python's names) and the
     * deployment's own provider model names: passed from this environment to the services that call or list them, no other.
     */
    public static final List<String> PROVIDER_VARIABLES = List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID",
            "OPENAI_PROJECT_ID", "GOOGLE_API_KEY", "GEMINI_API_KEY", "GEMINI_BASE_URL", "GOOGLE_GEMINI_BASE_URL", "BFL_API_KEY",
            "BFL_BASE_URL", "PROVIDER_MODEL_NAMES");

    private final Path projectRoot;
    private final LocalStack stack;
    private final Map<RealSkinService, Integer> ports;
    private final String adminKey;
    private final ServiceKeys keys = ServiceKeys.generate();
    private final List<ServiceProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private final Map<ServiceProcess, RealSkinService> serviceOf = new ConcurrentHashMap<>();
    private final Map<String, String> everyService = new LinkedHashMap<>();
    /** The gateway refuses to start without one in production mode: this run's own, unless the caller's environment has one. */
    private final String webhooksEncryptionKey = System.getenv().getOrDefault("REALSKIN_WEBHOOKS_ENCRYPTION_KEY", randomKey());

    public LocalDeployment(Path projectRoot, LocalStack stack, Map<RealSkinService, Integer> ports, String adminKey) {
        this.projectRoot = projectRoot;
        this.stack = stack;
        this.ports = new EnumMap<>(ports);
        this.adminKey = adminKey;
    }

    /** Settings for every service this deployment starts, replicas included (another blob store, say). */
    public LocalDeployment withEnvironment(Map<String, String> env) {
        everyService.putAll(env);
        return this;
    }

    /** Each service on its port of docs/architecture.md when free, else on any free port. */
    public static Map<RealSkinService, Integer> defaultPortsWhereFree() {
        Map<RealSkinService, Integer> ports = new EnumMap<>(RealSkinService.class);
        for (RealSkinService s : RealSkinService.values()) {
            ports.put(s, FreePorts.preferred(s.defaultPort()));
        }
        return ports;
    }

    public static Map<RealSkinService, Integer> anyFreePorts() {
        Map<RealSkinService, Integer> ports = new EnumMap<>(RealSkinService.class);
        for (RealSkinService s : RealSkinService.values()) {
            ports.put(s, FreePorts.any());
        }
        return ports;
    }

    /** Starts all five and waits until every {@code /q/health/ready} is UP. */
    public LocalDeployment startAll() {
        return startAll(Map.of());
    }

    /** As {@link #startAll()}, with extra environment variables for some services (a test's settings, say). */
    public LocalDeployment startAll(Map<RealSkinService, Map<String, String>> extraEnv) {
        List<ServiceProcess> started = new ArrayList<>();
        for (RealSkinService s : RealSkinService.values()) {
            started.add(start(s, ports.get(s), extraEnv.getOrDefault(s, Map.of())));
        }
        awaitReady(started);
        return this;
    }

    /** One more process of a service (a second texture worker, say) on a free port; not yet ready. */
    public ServiceProcess startReplica(RealSkinService service, String name, Map<String, String> extraEnv) {
        return start(service, name, FreePorts.any(), extraEnv);
    }

    public ServiceProcess start(RealSkinService service, int port, Map<String, String> extraEnv) {
        return start(service, service.module(), port, extraEnv);
    }

    private ServiceProcess start(RealSkinService service, String name, int port, Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>(environment(service));
        env.putAll(extraEnv);
        ServiceProcess process = ServiceProcess.start(name, service.appJar(projectRoot), port, managementPort(service, port),
                service.maxHeap(), env, stack.home().resolve("logs"));
        processes.add(process);
        serviceOf.put(process, service);
        return process;
    }

    /** Texture workers 2..n beside the first (names {@code texture-service-2}, ...), each ready when this returns. */
    public List<ServiceProcess> startTextureWorkers(int total) {
        List<ServiceProcess> more = new ArrayList<>();
        for (int i = 2; i <= total; i++) {
            more.add(startReplica(RealSkinService.TEXTURE, RealSkinService.TEXTURE.module() + "-" + i, Map.of()));
        }
        awaitReady(more);
        return more;
    }

    /** Where Prometheus scrapes each running process (its management port): the job is its service's name, shared by replicas. */
    public List<PrometheusServer.ScrapeTarget> scrapeTargets() {
        return processes().stream()
                .map(p -> new PrometheusServer.ScrapeTarget(serviceOf.get(p).module(), "127.0.0.1:" + p.managementPort()))
                .toList();
    }

    /** A service on its default port gets its default management port too, when free; any other a free one. */
    private static int managementPort(RealSkinService service, int port) {
        return port == service.defaultPort() ? FreePorts.preferred(service.defaultManagementPort()) : FreePorts.any();
    }

    public static void awaitReady(List<ServiceProcess> services) {
        CompletableFuture.allOf(services.stream()
                        .map(p -> CompletableFuture.runAsync(() -> p.awaitReady(READY_TIMEOUT)))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    /** What one service needs: the stack, its own database, its service-token key, and where the other services answer. */
    public Map<String, String> environment(RealSkinService service) {
        Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment(service.database()));
        env.putAll(everyService);
        if (service == RealSkinService.GENERATION || service == RealSkinService.PROMPT) {
            PROVIDER_VARIABLES.forEach(name -> {
                String value = System.getenv(name);
                if (value != null && !value.isBlank()) {
                    env.put(name, value);
                }
            });
        }
        if (service != RealSkinService.GATEWAY) {
            env.put("MP_JWT_VERIFY_PUBLICKEY", keys.verificationKeys());
        } else {
            env.put("SMALLRYE_JWT_SIGN_KEY", keys.signingKey());
            env.put("REALSKIN_ADMIN_KEY", adminKey);
            env.put("REALSKIN_WEBHOOKS_ENCRYPTION_KEY", webhooksEncryptionKey);
            env.put("QUARKUS_REST_CLIENT_PROMPT_URL", url(RealSkinService.PROMPT));
            env.put("QUARKUS_REST_CLIENT_BILLING_URL", url(RealSkinService.BILLING));
            env.put("QUARKUS_REST_CLIENT_TEXTURE_URL", url(RealSkinService.TEXTURE));
        }
        return env;
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    public String url(RealSkinService service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public String adminKey() {
        return adminKey;
    }

    /** This deployment's service-token key pair: tests call the internal services with tokens made from it. */
    public ServiceKeys serviceKeys() {
        return keys;
    }

    public LocalStack stack() {
        return stack;
    }

    /** The services running now: one a test stopped or killed (a replica, a crashed worker) is no longer listed. */
    public List<ServiceProcess> processes() {
        synchronized (processes) {
            return processes.stream().filter(ServiceProcess::isAlive).toList();
        }
    }

    /** Stops every service (in parallel, each with a grace period); the stack is the caller's to close. */
    @Override
    public void close() {
        CompletableFuture.allOf(processes().stream()
                        .map(p -> CompletableFuture.runAsync(p::close))
                        .toArray(CompletableFuture[]::new))
                .join();
    }
}
