package io.realskin.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.Topics;
import io.realskin.local.RealSkinService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is checked against the code: every service, its port,
 * its database, every env var it sets (each must be a setting the service reads), and every topic with its partitions.
 */
@Execution(ExecutionMode.CONCURRENT) // reads files and runs tools only: beside the deployment's classes
class DockerComposeTest {
    private static final Path ROOT = RealSkinSystem.projectRoot();
    private static final Pattern TOPIC = Pattern.compile("--topic (\\S+) --partitions (\\d+)");
    /** The image's Java options (deploy/docker/Dockerfile.jvm), set per service as its Deployment sets them. */
    private static final String IMAGE_JAVA_OPTIONS = "JAVA_OPTS_APPEND";
    /** Settings whose value sizes the service's memory: Compose gives each the value its Deployment gives it. */
    private static final List<String> MEMORY_SETTINGS = List.of(IMAGE_JAVA_OPTIONS, "REALSKIN_GENERATION_INPUT_MEMORY_MIB");

    @Test
    void declaresTheInfrastructureAndTheFiveServices() throws IOException {
        Map<String, Object> services = services();
        for (String infra : List.of("kafka", "postgres", "minio")) {
            assertTrue(services.containsKey(infra), infra);
        }
        assertTrue(String.valueOf(map(services.get("kafka")).get("image")).startsWith("apache/kafka:4."), "Kafka 4.x (KRaft)");
        assertEquals("broker,controller", env(services.get("kafka")).get("KAFKA_PROCESS_ROLES"));
        for (RealSkinService service : RealSkinService.values()) {
            Map<String, Object> spec = map(services.get(service.module()));
            assertNotNull(spec, service.module() + " is in docker-compose.yml");
            Map<String, Object> build = map(spec.get("build"));
            assertEquals("./" + service.module(), build.get("context"));
            Path dockerfile = ROOT.resolve(service.module()).resolve(String.valueOf(build.get("dockerfile"))).normalize();
            assertTrue(Files.isRegularFile(dockerfile), service.module() + " builds from " + dockerfile);
            assertTrue(Files.readString(dockerfile).contains("COPY target/quarkus-app/"), "the image holds the packaged app");
            assertEquals(String.valueOf(service.defaultPort()), env(spec).get("QUARKUS_HTTP_PORT"), service.module() + " port");
        }
    }

    @Test
    void everyEnvVarIsASettingTheServiceReads() throws IOException {
        Map<String, Object> services = services();
        for (RealSkinService service : RealSkinService.values()) {
            Map<String, String> env = env(services.get(service.module()));
            Set<String> readable = ServiceSettings.envNames(service);
            for (String name : env.keySet()) {
                if (IMAGE_JAVA_OPTIONS.equals(name)) {
                    assertTrue(Files.readString(ROOT.resolve("deploy/docker/Dockerfile.jvm")).contains("$" + name), "the image reads " + name);
                    continue;
                }
                assertTrue(readable.contains(name), service.module() + " does not read " + name + " (reads " + readable + ")");
            }
            String port = ServiceSettings.properties(service).get("quarkus.http.port");
            assertEquals(String.valueOf(service.defaultPort()), port, service.module() + " application.properties port");
        }
    }

    @Test
    void statefulServicesUseTheirOwnDatabaseAndEveryoneFindsKafka() throws IOException {
        Map<String, Object> services = services();
        for (RealSkinService service : RealSkinService.values()) {
            Map<String, String> env = env(services.get(service.module()));
            if (service.database() != null) {
                assertEquals("postgresql://postgres:5432/" + service.database(), env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
                assertEquals("jdbc:postgresql://postgres:5432/" + service.database(), env.get("QUARKUS_DATASOURCE_JDBC_URL"));
                assertTrue(Files.readString(ROOT.resolve("deploy/compose/postgres-init.sql")).contains("create database " + service.database()));
            } else {
                assertFalse(env.containsKey("QUARKUS_DATASOURCE_REACTIVE_URL"), service.module() + " keeps no state");
            }
            if (service != RealSkinService.PROMPT) {
                assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), service.module());
            }
        }
        Map<String, String> gateway = env(services.get(RealSkinService.GATEWAY.module()));
        assertEquals("http://prompt-service:8081", gateway.get("QUARKUS_REST_CLIENT_PROMPT_URL"));
        assertEquals("http://billing-service:8084", gateway.get("QUARKUS_REST_CLIENT_BILLING_URL"));
        assertTrue(gateway.containsKey("REALSKIN_ADMIN_KEY"));
        assertTrue(gateway.getOrDefault("REALSKIN_WEBHOOKS_ENCRYPTION_KEY", "").contains(":?"),
                "the gateway refuses to start without a webhook encryption key: compose demands one");
    }

    @Test
    void onlyTheGatewayHoldsTheSigningKeyAndEveryBackendVerifies() throws IOException {
        Map<String, Object> services = services();
        String required = "\\$\\{%s:\\?[^}]+}";
        for (RealSkinService service : RealSkinService.values()) {
            Map<String, String> env = env(services.get(service.module()));
            boolean gateway = service == RealSkinService.GATEWAY;
            String key = gateway ? "SMALLRYE_JWT_SIGN_KEY" : "MP_JWT_VERIFY_PUBLICKEY";
            assertTrue(String.valueOf(env.get(key)).matches(String.format(required, key)),
                    service.module() + " gets " + key + " from the environment, and Compose refuses to start without it: " + env.get(key));
            assertFalse(env.containsKey(gateway ? "MP_JWT_VERIFY_PUBLICKEY" : "SMALLRYE_JWT_SIGN_KEY"), service.module());
            assertEquals(gateway, map(services.get(service.module())).containsKey("ports"), "only the gateway publishes a port");
            Map<String, String> properties = ServiceSettings.properties(service);
            if (!gateway) {
                assertEquals("realskin-gateway", properties.get("mp.jwt.verify.issuer"), service.module());
                assertEquals(service.audience(), properties.get("mp.jwt.verify.audiences"), service.module());
                assertEquals("/*", properties.get("quarkus.http.auth.permission.service-token.paths"), service.module());
                assertTrue(Files.readString(ROOT.resolve(service.module()).resolve("pom.xml")).contains("<artifactId>service-auth</artifactId>"),
                        service.module() + " checks the tokens (and its keys at start) with service-auth");
            }
        }
        assertTrue(Files.readString(ROOT.resolve("service-auth/src/main/java/io/realskin/auth/ServiceTokenKeys.java"))
                .contains("@ConfigProperty(name = \"mp.jwt.verify.publickey\")"), "the backends read MP_JWT_VERIFY_PUBLICKEY");
        assertTrue(Files.readString(ROOT.resolve("gateway-service/src/main/java/io/realskin/gateway/backends/ServiceTokens.java"))
                .contains("@ConfigProperty(name = \"smallrye.jwt.sign.key\")"), "the gateway reads SMALLRYE_JWT_SIGN_KEY");
    }

    @Test
    void healthIsCheckedOnEachServicesManagementPort() throws IOException {
        Map<String, Object> services = services();
        for (RealSkinService service : RealSkinService.values()) {
            String port = String.valueOf(service.defaultManagementPort());
            assertEquals(port, env(services.get(service.module())).get("QUARKUS_MANAGEMENT_PORT"), service.module());
            assertEquals(port, ServiceSettings.properties(service).get("quarkus.management.port"), service.module());
            assertEquals("true", ServiceSettings.properties(service).get("quarkus.management.enabled"), service.module());
        }
        assertTrue(Files.readString(ROOT.resolve("deploy/docker/Dockerfile.jvm")).contains("/dev/tcp/127.0.0.1/${QUARKUS_MANAGEMENT_PORT}"),
                "the image's health check asks the management port");
    }

    @Test
    void servicesWithBlobsShareTheS3BucketThatMinioBucketCreates() throws IOException {
        Map<String, Object> services = services();
        String createBucket = String.valueOf(map(services.get("minio-bucket")).get("entrypoint"));
        for (RealSkinService service : RealSkinService.values()) {
            Map<String, String> env = env(services.get(service.module()));
            if (!ServiceSettings.properties(service).containsKey("realskin.blob.store")) {
                assertFalse(env.containsKey("REALSKIN_BLOB_STORE"), service.module() + " keeps no blobs");
                continue;
            }
            assertEquals("s3", env.get("REALSKIN_BLOB_STORE"), service.module());
            assertEquals("http://minio:9000", env.get("REALSKIN_S3_ENDPOINT"), service.module());
            assertTrue(createBucket.contains("mc mb --ignore-existing local/" + env.get("REALSKIN_S3_BUCKET")), createBucket);
            assertTrue(map(map(services.get(service.module())).get("depends_on")).containsKey("minio-bucket"),
                    service.module() + " starts once the bucket exists");
            assertFalse(map(services.get(service.module())).containsKey("volumes"), service.module() + " needs no shared volume");
        }
    }

    @Test
    void textureWorkersScaleWithoutPortClashes() throws IOException {
        Map<String, Object> texture = map(services().get(RealSkinService.TEXTURE.module()));
        assertFalse(texture.containsKey("ports"), "a fixed host port would stop a second replica");
        int replicas = ((Number) map(texture.get("deploy")).get("replicas")).intValue();
        assertTrue(replicas >= 2 && replicas <= partitions().get(Topics.TEXTURE_REQUESTS));
    }

    @Test
    void createsEveryTopicWithItsPartitionCount() throws IOException {
        Map<String, Integer> expected = Topics.ALL.stream()
                .collect(Collectors.toMap(Topics.TopicSpec::name, Topics.TopicSpec::partitions, (a, b) -> a, TreeMap::new));
        assertEquals(expected, new TreeMap<>(partitions()));
        assertTrue(partitions().get(Topics.TEXTURE_REQUESTS) >= 12);
    }

    private static Map<String, Integer> partitions() throws IOException {
        Map<String, Integer> topics = new HashMap<>();
        Matcher m = TOPIC.matcher(Files.readString(ROOT.resolve("deploy/compose/create-topics.sh")));
        while (m.find()) {
            topics.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return topics;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) ((Map<String, Object>) doc).get("services");
    }

    /**
     * Docker stops a container with SIGTERM and kills it 10 s later unless told otherwise: each service gets the time its
     * Deployment gives it (terminationGracePeriodSeconds, which KubernetesManifestsTest keeps above its drain), so
     * the work under way at a stop (a texture job, a billing hold, a gateway's Prefer: wait) finishes here too.
     */
    @Test
    void everyServiceMayFinishItsWorkWhenStopped() throws IOException {
        Map<String, Object> services = services();
        for (RealSkinService service : RealSkinService.values()) {
            Object grace = map(services.get(service.module())).get("stop_grace_period");
            assertNotNull(grace, service.module() + " has a stop_grace_period (Docker's default is 10 s)");
            assertEquals(terminationGracePeriodSeconds(service) + "s", String.valueOf(grace), service.module());
        }
    }

    /**
     * Without a limit a container may take the host's memory, and the image's -XX:MaxRAMPercentage=75 sizes the heap
     * from it (18 GB on a 24 GB host) while OpenCV's native pixels have no bound at all: each service gets its
     * Deployment's memory and CPU limits, and the Java options and memory settings that fit them (KubernetesManifestsTest
     * checks those hold the heap and the decode slots).
     */
    @Test
    void everyServiceHasTheMemoryCpuAndHeapOfItsDeployment() throws IOException {
        Map<String, Object> services = services();
        for (RealSkinService service : RealSkinService.values()) {
            Map<String, Object> container = deploymentContainer(service);
            Map<String, Object> k8sLimits = map(map(container.get("resources")).get("limits"));
            Map<String, Object> deploy = map(map(services.get(service.module())).get("deploy"));
            assertNotNull(deploy, service.module() + " has deploy.resources.limits");
            Map<String, Object> limits = map(map(deploy.get("resources")).get("limits"));
            assertNotNull(limits, service.module() + " has deploy.resources.limits");
            assertEquals(bytes(String.valueOf(k8sLimits.get("memory"))), bytes(String.valueOf(limits.get("memory"))),
                    service.module() + " memory: compose " + limits.get("memory") + ", k8s " + k8sLimits.get("memory"));
            assertEquals(Double.parseDouble(String.valueOf(k8sLimits.get("cpu"))), Double.parseDouble(String.valueOf(limits.get("cpus"))),
                    service.module() + " cpus");
            Map<String, String> k8sEnv = deploymentEnv(service, container);
            Map<String, String> env = env(services.get(service.module()));
            for (String setting : MEMORY_SETTINGS) {
                assertEquals(k8sEnv.get(setting), env.get(setting), service.module() + " " + setting);
            }
        }
    }

    /** A memory quantity in bytes: Kubernetes' (512Mi, 3Gi) or Compose's (512m, 3g; binary units, as Docker reads them). */
    private static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)([kKmMgG])i?").matcher(quantity);
        assertTrue(m.matches(), "a memory quantity: " + quantity);
        int shift = switch (Character.toLowerCase(m.group(2).charAt(0))) {
            case 'k' -> 10;
            case 'm' -> 20;
            default -> 30;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static List<Map<String, Object>> manifests(RealSkinService service) throws IOException {
        String manifests = Files.readString(ROOT.resolve("deploy/k8s/base").resolve(service.module() + ".yaml"));
        List<Map<String, Object>> documents = new java.util.ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(manifests).forEach(d -> documents.add(map(d)));
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deploymentContainer(RealSkinService service) throws IOException {
        for (Map<String, Object> document : manifests(service)) {
            if ("Deployment".equals(document.get("kind"))) {
                return map(((List<Object>) map(map(map(document.get("spec")).get("template")).get("spec")).get("containers")).get(0));
            }
        }
        throw new AssertionError("no Deployment in deploy/k8s/base/" + service.module() + ".yaml");
    }

    /** The container's own env values and those of its service's ConfigMap in the same file (the shared ones set no memory). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> deploymentEnv(RealSkinService service, Map<String, Object> container) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> document : manifests(service)) {
            if ("ConfigMap".equals(document.get("kind"))) {
                map(document.get("data")).forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
        }
        for (Object e : (List<Object>) container.getOrDefault("env", List.of())) {
            if (map(e).containsKey("value")) {
                env.put(String.valueOf(map(e).get("name")), String.valueOf(map(e).get("value")));
            }
        }
        return env;
    }

    private static long terminationGracePeriodSeconds(RealSkinService service) throws IOException {
        String manifests = Files.readString(ROOT.resolve("deploy/k8s/base").resolve(service.module() + ".yaml"));
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(manifests)) {
            if ("Deployment".equals(map(document).get("kind"))) {
                return ((Number) map(map(map(map(document).get("spec")).get("template")).get("spec"))
                        .get("terminationGracePeriodSeconds")).longValue();
            }
        }
        throw new AssertionError("no Deployment in deploy/k8s/base/" + service.module() + ".yaml");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    /** A service's environment with YAML merge keys ({@code <<}) resolved, as Compose does. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Object service) {
        Map<String, Object> raw = map(map(service).get("environment"));
        Map<String, String> env = new LinkedHashMap<>();
        if (raw == null) {
            return env;
        }
        Object merge = raw.get("<<");
        List<Object> merged = merge == null ? List.of() : merge instanceof List<?> list ? (List<Object>) list : List.of(merge);
        for (Object part : merged) {
            map(part).forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        raw.forEach((k, v) -> {
            if (!"<<".equals(k)) {
                env.put(k, String.valueOf(v));
            }
        });
        return env;
    }
}
