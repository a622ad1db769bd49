package io.realskin.system.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.realskin.contracts.Topics;
import io.realskin.local.RealSkinService;
import io.realskin.system.RealSkinSystem;
import io.realskin.system.ServiceSettings;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * deploy/k8s cannot be applied here (no cluster), so it is checked against the code: every manifest parses with a typed
 * model and no unknown field; in both overlays, every env var a service is given is a setting it reads, images, ports and
 * probes match the services, KEDA scales on the code's topics and groups, the topics are {@code Topics.ALL}, only the
 * gateway is reachable from outside, and every secret the manifests read is made by {@code deploy/k8s/create-secrets}
 * (or by an operator: CloudNativePG's database logins, Strimzi's KafkaUser credentials and cluster CA certificate).
 * Kafka's authentication and ACLs: {@link KafkaAccessManifestsTest}.
 */
@Execution(ExecutionMode.CONCURRENT) // reads files and runs tools only: beside the deployment's classes
class KubernetesManifestsTest {
    private static final Path ROOT = RealSkinSystem.projectRoot();
    private static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final List<String> OVERLAYS = List.of("local", "production");
    private static final Map<String, List<Map<String, Object>>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();
    /** Read by the image's entrypoint (deploy/docker/Dockerfile.jvm), not by Quarkus. */
    private static final String IMAGE_JAVA_OPTIONS = "JAVA_OPTS_APPEND";
    /** The gateway's realskin.jobs.max-wait-seconds (GatewayConfig's default). */
    private static final Duration LONGEST_PREFER_WAIT = Duration.ofSeconds(60);
    /** service-support's KafkaReadiness default (realskin.kafka.readiness.timeout): its check answers DOWN after it. */
    private static final Duration KAFKA_READINESS_TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern REST_CLIENT_READ_TIMEOUT = Pattern.compile("QUARKUS_REST_CLIENT_([A-Z]+)_READ_TIMEOUT");

    @Test
    void everyManifestParsesWithATypedModelAndNoUnknownField() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 15, "the manifests: " + files);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (Map<String, Object> doc : Manifests.documents(file)) {
                Manifests.unknownFields(Manifests.typed(doc)).forEach(f -> problems.add(K8S.relativize(file) + ": " + f));
            }
        }
        for (String overlay : OVERLAYS) {
            for (Map<String, Object> doc : rendered(overlay)) {
                Manifests.unknownFields(Manifests.typed(doc)).forEach(f -> problems.add(overlay + " (rendered): " + f));
            }
        }
        assertEquals(List.of(), problems, "fields no model knows");
    }

    @Test
    void aMisspeltOrMisplacedFieldIsFound() throws IOException {
        Map<String, String> wrong = Map.of(
                "apps/v1 Deployment", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"
                        + "spec: {template: {spec: {terminationGracePeriodSecond: 60, containers: [{name: x, image: x}]}}}",
                "keda.sh/v1alpha1 ScaledObject", "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: x}\n"
                        + "spec: {scaleTargetRef: {name: x}, maxReplicas: 12}",
                "kafka.strimzi.io/v1beta2 KafkaTopic", "apiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata: {name: x}\n"
                        + "spec: {topicName: x, partition: 12}");
        for (Map.Entry<String, String> e : wrong.entrySet()) {
            Path file = Files.createTempFile("wrong", ".yaml");
            Files.writeString(file, e.getValue());
            Map<String, Object> doc = Manifests.documents(file).get(0);
            Files.delete(file);
            boolean found;
            try {
                found = !Manifests.unknownFields(Manifests.typed(doc)).isEmpty();
            } catch (AssertionError rejected) {
                found = true;
            }
            assertTrue(found, e.getKey() + ": the misspelt field is reported");
        }
    }

    @Test
    void theOverlaysRenderAsKubectlKustomizeRendersThem() throws Exception {
        Optional<Path> kubectl = onPath("kubectl");
        if (kubectl.isEmpty()) {
            System.err.println("KubernetesManifestsTest: no kubectl here; the overlays are checked as this test renders them");
            return;
        }
        for (String overlay : OVERLAYS) {
            Process p = new ProcessBuilder(kubectl.get().toString(), "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String yaml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "kubectl kustomize " + overlay);
            Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
            Files.writeString(out, yaml);
            assertEquals(byKindAndName(Manifests.documents(out)), byKindAndName(rendered(overlay)), overlay);
            Files.delete(out);
        }
    }

    @Test
    void everyEnvVarIsASettingItsServiceReads() {
        for (String overlay : OVERLAYS) {
            Resources r = new Resources(rendered(overlay));
            for (RealSkinService service : RealSkinService.values()) {
                Set<String> readable = new LinkedHashSet<>(ServiceSettings.envNames(service));
                readable.add(IMAGE_JAVA_OPTIONS);
                for (String name : r.environment(service).keySet()) {
                    assertTrue(readable.contains(name), overlay + ": " + service.module() + " does not read " + name);
                }
            }
        }
    }

    @Test
    void theImageEntrypointReadsTheJavaOptions() throws IOException {
        assertTrue(Files.readString(ROOT.resolve("deploy/docker/Dockerfile.jvm")).contains("$" + IMAGE_JAVA_OPTIONS));
    }

    @Test
    void imagesPortsProbesAndShutdownMatchTheServices() {
        for (String overlay : OVERLAYS) {
            Resources r = new Resources(rendered(overlay));
            for (RealSkinService service : RealSkinService.values()) {
                String where = overlay + " " + service.module();
                Deployment deployment = r.one(Deployment.class, service.module());
                Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
                assertTrue(container.getImage().matches("(.+/)?realskin/" + service.module() + ":[\\w.\\-]+"), where + " " + container.getImage());
                if (overlay.equals("production")) {
                    assertFalse(container.getImage().endsWith(":latest"), where + ": a release tag");
                }
                Map<String, String> env = r.environment(service);
                int http = service.defaultPort();
                int management = managementPort(service);
                assertEquals(String.valueOf(http), env.get("QUARKUS_HTTP_PORT"), where);
                assertEquals(String.valueOf(management), env.get("QUARKUS_MANAGEMENT_PORT"), where);
                assertEquals(String.valueOf(http), ServiceSettings.properties(service).get("quarkus.http.port"), where);
                assertEquals(Map.of("http", http, "management", management), container.getPorts().stream()
                        .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort)), where);
                assertProbe(where, container.getLivenessProbe(), "/q/health/live");
                assertProbe(where, container.getReadinessProbe(), "/q/health/ready");
                Duration kafkaCheck = Optional.ofNullable(env.get("REALSKIN_KAFKA_READINESS_TIMEOUT"))
                        .map(t -> Duration.parse("PT" + t.toUpperCase())).orElse(KAFKA_READINESS_TIMEOUT);
                Integer probeTimeout = container.getReadinessProbe().getTimeoutSeconds();
                assertTrue(probeTimeout != null && probeTimeout > kafkaCheck.toSeconds(), where + ": the readiness probe waits "
                        + "longer (timeoutSeconds " + probeTimeout + ", 1 if unset) than the Kafka check, so it reads DOWN, not a timeout");
                Integer liveTimeout = container.getLivenessProbe().getTimeoutSeconds();
                assertTrue(liveTimeout != null && liveTimeout >= probeTimeout, where + ": the liveness probe (timeoutSeconds "
                        + liveTimeout + ", 1 if unset) waits at least as long as the readiness probe (" + probeTimeout
                        + "): a restart ends every request and job under way");
                // /q/health/started holds SmallRye Reactive Messaging's startup check, DOWN while Kafka does not answer
                // (an outgoing channel's "[KO]"): a pod started during a Kafka outage of more than the probe's 180 s
                // was killed and restarted in a loop, with CrashLoopBackOff's wait after Kafka came back. The startup
                // probe asks only whether the process answers; readiness says whether Kafka does.
                assertProbe(where + " (startup probe: the process answers, whatever Kafka does)", container.getStartupProbe(),
                        "/q/health/live");
                Service svc = r.one(Service.class, service.module());
                assertEquals(http, svc.getSpec().getPorts().get(0).getPort(), where + " Service port");
                assertEquals("http", svc.getSpec().getPorts().get(0).getTargetPort().getStrVal(), where + " Service target");
                assertEquals(deployment.getSpec().getSelector().getMatchLabels(), svc.getSpec().getSelector(), where);
                assertNotNull(container.getResources().getLimits().get("memory"), where + " memory limit");
                Duration drain = drainTimeout(service, env);
                long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
                assertTrue(grace > drain.toSeconds(), where + ": terminationGracePeriodSeconds " + grace + " > drain " + drain);
                Duration callerWaits = gatewayReadTimeouts(r.environment(RealSkinService.GATEWAY)).get(service);
                if (callerWaits != null) {
                    Duration httpWait = httpShutdownTimeout(service, env);
                    assertTrue(httpWait.compareTo(callerWaits) > 0, where + ": on SIGTERM it answers the gateway's calls under "
                            + "way (quarkus.shutdown.timeout " + httpWait + ") for as long as the gateway waits for one (" + callerWaits
                            + "), so a rollout does not cut them");
                }
                if (service == RealSkinService.GATEWAY) {
                    assertTrue(drain.compareTo(LONGEST_PREFER_WAIT) > 0, where + ": on SIGTERM the gateway answers a "
                            + LONGEST_PREFER_WAIT + " Prefer: wait under way (quarkus.shutdown.timeout), not " + drain);
                }
                PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class, service.module());
                assertEquals(deployment.getSpec().getSelector().getMatchLabels(), pdb.getSpec().getSelector().getMatchLabels(), where);
            }
            HorizontalPodAutoscaler hpa = r.one(HorizontalPodAutoscaler.class, RealSkinService.GATEWAY.module());
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals(RealSkinService.GATEWAY.module(), hpa.getSpec().getScaleTargetRef().getName());
            // the HPA sets the replicas whatever the Deployment says: an overlay that wants fewer patches the HPA
            assertEquals(r.one(Deployment.class, RealSkinService.GATEWAY.module()).getSpec().getReplicas(), hpa.getSpec().getMinReplicas(),
                    overlay + ": the gateway Deployment's replicas are its HPA's minimum");
            if (overlay.equals("production")) {
                assertTrue(hpa.getSpec().getMinReplicas() >= 2, "the gateway keeps a second replica for rollouts");
            }
        }
    }

    /**
     * A texture replica's memory limit holds its heap, the JVM's own memory and the native memory (OpenCV's images,
     * outside the heap) of everything it may decode at once at the largest accepted image: each worker thread's job
     * (the decoded image and the engine's working set, up to 3 times it), each thumbnail and profile slot's whole
     * decode, each preview slot's (docs/operations.md, "Sizing"). Past it the kernel kills the pod, and every job of
     * every tenant running there with it.
     */
    @Test
    void theTextureWorkersMemoryLimitHoldsItsHeapAndEveryDecodeItMayRunAtOnce() {
        long decodedLargest = 50_000_000L * 3; // imaging's ImageLimits.DEFAULT: 50 MP, 3 bytes a pixel decoded
        long jvmOwn = 256L << 20; // metaspace, code cache, thread stacks, GC and I/O buffers
        for (String overlay : OVERLAYS) {
            Resources r = new Resources(rendered(overlay));
            Container container = r.one(Deployment.class, RealSkinService.TEXTURE.module()).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            Map<String, String> env = r.environment(RealSkinService.TEXTURE);
            long limit = Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).longValue();
            int cores = cores(container);
            long heap = maxHeap(overlay, RealSkinService.TEXTURE, env);
            int workers = slots(env, "realskin.texture.worker.threads", cores);
            int previews = slots(env, "realskin.texture.preview.concurrency", cores);
            int wholeDecodes = slots(env, "realskin.texture.thumbnail.concurrency", cores) + slots(env, "realskin.texture.profile.concurrency", cores);
            long decodedPreview = Long.parseLong(texture(env, "realskin.texture.preview.max-pixels")) * 3;
            long needed = heap + jvmOwn + workers * decodedLargest * JOB_PER_DECODED + wholeDecodes * decodedLargest
                    + previews * decodedPreview * JOB_PER_DECODED;
            assertTrue(needed <= limit, overlay + ": texture-service's memory limit " + (limit >> 20) + " MiB is below the " + (needed >> 20)
                    + " MiB it may use: heap " + (heap >> 20) + ", " + workers + " jobs, " + wholeDecodes + " thumbnails and profiles, " + previews
                    + " previews of the largest images");
        }
    }

    /**
     * A job's native memory per byte of its decoded image: the image itself and the engine's working set, measured at
     * 2.37-2.98 times the image at 12 MP (bench/texture/speed, "peak extra memory during restore"; docs/texture-engine.md,
     * "Speed and memory"), rounded up. Until 2026-12-07 the working set was taken as 1.7 times (2.7 in all).
     */
    private static final long JOB_PER_DECODED = 4;

    /**
     * A generation replica's memory limit holds its heap, the JVM's own memory and the native memory (OpenCV's images,
     * outside the heap) of every decode slot at once at the largest accepted image: a slot's largest step is the
     * composite of a 50 MP image under a mask over the whole frame, measured at {@value #GENERATION_SLOT_PEAK_MB} MB of
     * native memory above what the process held before it (bench/generation/memory; docs/generation.md, "Memory per
     * job"). Past the limit the kernel kills the pod, and every job of every tenant running there with it.
     */
    @Test
    void theGenerationWorkersMemoryLimitHoldsItsHeapAndEveryDecodeSlotAtOnce() {
        long jvmOwn = 256L << 20;
        for (String overlay : OVERLAYS) {
            Resources r = new Resources(rendered(overlay));
            Container container = r.one(Deployment.class, RealSkinService.GENERATION.module()).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            Map<String, String> env = r.environment(RealSkinService.GENERATION);
            long limit = Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")).longValue();
            String given = env.get("REALSKIN_GENERATION_DECODE_SLOTS");
            int slots = given != null ? Integer.parseInt(given.trim()) : cores(container);
            long heap = maxHeap(overlay, RealSkinService.GENERATION, env);
            long needed = heap + jvmOwn + slots * GENERATION_SLOT_PEAK_MB * 1_000_000L;
            assertTrue(needed <= limit, overlay + ": generation-service's memory limit " + (limit >> 20) + " MiB is below the "
                    + (needed >> 20) + " MiB it may use: heap " + (heap >> 20) + " and " + slots + " decode slots of the largest images");
        }
    }

    /**
     * bench/generation/memory's largest step a decode slot runs, rounded up: a composite at 50 MP, 776-821 MB in
     * every colour format (a tiled TIFF with an orientation tag the most, 2026-12-06), 921-923 MB for an image of gray
     * and alpha, PNG or TIFF (four channels decoded, 2026-12-07; 850 until then).
     */
    private static final long GENERATION_SLOT_PEAK_MB = 950;

    /** The heap the service's container caps (-Xmx in the image's Java options): the rest of the limit is OpenCV's. */
    private static long maxHeap(String overlay, RealSkinService service, Map<String, String> env) {
        Matcher xmx = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(env.getOrDefault(IMAGE_JAVA_OPTIONS, ""));
        assertTrue(xmx.find(), overlay + ": " + service.module() + " caps its heap (-Xmx), leaving the rest to OpenCV");
        return Long.parseLong(xmx.group(1)) << (xmx.group(2).equalsIgnoreCase("g") ? 30 : 20);
    }

    /** The cores the JVM sees in the container: its CPU limit, rounded up. */
    private static int cores(Container container) {
        return (int) Math.ceil(Quantity.getAmountInBytes(container.getResources().getLimits().get("cpu")).doubleValue());
    }

    /** A texture-service setting, given in the env or its default. */
    private static String texture(Map<String, String> env, String property) {
        String name = property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
        return env.getOrDefault(name, ServiceSettings.properties(RealSkinService.TEXTURE).get(property));
    }

    /** A count of slots or threads; 0 means one per core. */
    private static int slots(Map<String, String> env, String property, int cores) {
        int n = Integer.parseInt(texture(env, property).trim());
        return n == 0 ? cores : n;
    }

    @Test
    void kedaScalesTheWorkersOnTheCodesTopicsAndGroupsUpToThePartitions() {
        Map<RealSkinService, String> channels = Map.of(RealSkinService.TEXTURE, "texture-requests",
                RealSkinService.GENERATION, "generation-requests");
        for (String overlay : OVERLAYS) {
            Resources r = new Resources(rendered(overlay));
            channels.forEach((service, channel) -> {
                CustomResources.ScaledObject scaled = r.one(CustomResources.ScaledObject.class, service.module());
                Map<String, String> properties = ServiceSettings.properties(service);
                String topic = properties.get("mp.messaging.incoming." + channel + ".topic");
                String group = properties.get("mp.messaging.incoming." + channel + ".group.id");
                assertEquals(service.module(), scaled.spec().scaleTargetRef().name());
                assertEquals(1, scaled.spec().triggers().size());
                CustomResources.KafkaTriggerMetadata kafka = scaled.spec().triggers().get(0).metadata();
                assertEquals("kafka", scaled.spec().triggers().get(0).type());
                assertEquals(topic, kafka.topic(), overlay + " " + service.module());
                assertEquals(group, kafka.consumerGroup(), overlay + " " + service.module());
                assertEquals(partitions().get(topic), scaled.spec().maxReplicaCount(), "at most one replica per partition");
                assertEquals("false", kafka.allowIdleConsumers());
                ConfigMap kafkaConfig = r.one(ConfigMap.class, "realskin-kafka");
                // KEDA connects from its own namespace: the pods' short Service name qualified with the workers' namespace
                String[] podsBootstrap = kafkaConfig.getData().get("KAFKA_BOOTSTRAP_SERVERS").split(":");
                assertEquals(podsBootstrap[0] + "." + scaled.metadata().getNamespace() + ".svc:" + podsBootstrap[1],
                        kafka.bootstrapServers(), overlay + " " + service.module());
            });
            assertEquals(Topics.TEXTURE_WORKERS_GROUP, ServiceSettings.properties(RealSkinService.TEXTURE)
                    .get("mp.messaging.incoming.texture-requests.group.id"));
        }
    }

    @Test
    void theTopicsAreTopicsAllWithTheirPartitionsAndRetention() {
        Map<String, String> expected = new TreeMap<>();
        Topics.ALL.forEach(t -> expected.put(t.name(), t.partitions() + " partitions, retention.ms " + t.retention().toMillis()));
        for (String overlay : OVERLAYS) {
            Resources r = new Resources(rendered(overlay));
            Map<String, String> actual = new TreeMap<>();
            for (KafkaTopic topic : r.all(KafkaTopic.class)) {
                actual.put(topic.getSpec().getTopicName(), topic.getSpec().getPartitions() + " partitions, retention.ms "
                        + topic.getSpec().getConfig().get("retention.ms"));
                assertEquals("realskin", topic.getMetadata().getLabels().get("strimzi.io/cluster"));
            }
            assertEquals(expected, actual, overlay);
        }
    }

    @Test
    void onlyTheGatewayIsReachableFromOutsideAndPrometheusOnlyOnTheManagementPort() {
        for (String overlay : OVERLAYS) {
            Resources r = new Resources(rendered(overlay));
            for (RealSkinService service : RealSkinService.values()) {
                String where = overlay + " " + service.module();
                NetworkPolicy policy = r.one(NetworkPolicy.class, service.module());
                assertEquals(Map.of("app.kubernetes.io/name", service.module()), policy.getSpec().getPodSelector().getMatchLabels(), where);
                assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes(), where);
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    List<String> ports = rule.getPorts().stream().map(p -> p.getPort().getStrVal()).toList();
                    List<NetworkPolicyPeer> from = rule.getFrom() == null ? List.of() : rule.getFrom();
                    if (from.isEmpty()) {
                        assertEquals(RealSkinService.GATEWAY, service, where + ": only the gateway takes traffic from anyone");
                        assertEquals(List.of("http"), ports, where);
                    } else if (ports.equals(List.of("management"))) {
                        assertEquals(1, from.size(), where);
                        assertEquals(Map.of("kubernetes.io/metadata.name", "monitoring"), from.get(0).getNamespaceSelector().getMatchLabels());
                        assertEquals(Map.of("app.kubernetes.io/name", "prometheus"), from.get(0).getPodSelector().getMatchLabels());
                    } else {
                        assertEquals(List.of("http"), ports, where);
                        assertTrue(service != RealSkinService.GATEWAY, where);
                        assertEquals(1, from.size(), where);
                        assertEquals(Map.of("app.kubernetes.io/name", RealSkinService.GATEWAY.module()),
                                from.get(0).getPodSelector().getMatchLabels(), where + ": the gateway only");
                        assertEquals(null, from.get(0).getNamespaceSelector(), where + ": from this namespace");
                    }
                }
            }
        }
    }

    @Test
    void everySecretTheManifestsReadIsMadeByCreateSecrets() throws IOException {
        String script = Files.readString(K8S.resolve("create-secrets"));
        for (String overlay : OVERLAYS) {
            Resources r = new Resources(rendered(overlay));
            Set<String> defined = r.docs.stream().map(Manifests::name).collect(Collectors.toSet());
            Set<String> madeByStrimzi = new java.util.HashSet<>();
            r.all(io.strimzi.api.kafka.model.user.KafkaUser.class).forEach(u -> madeByStrimzi.add(u.getMetadata().getName()));
            r.all(io.strimzi.api.kafka.model.kafka.Kafka.class).forEach(k -> madeByStrimzi.add(k.getMetadata().getName() + "-cluster-ca-cert"));
            for (Map<String, Object> doc : r.docs) {
                if (!"Deployment".equals(doc.get("kind")) && !"Job".equals(doc.get("kind"))) {
                    continue;
                }
                Object typed = Manifests.typed(doc);
                var podSpec = typed instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                        : ((io.fabric8.kubernetes.api.model.batch.v1.Job) typed).getSpec().getTemplate().getSpec();
                for (Container c : podSpec.getContainers()) {
                    for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                        if (e.getValueFrom() == null) {
                            continue;
                        }
                        var secret = e.getValueFrom().getSecretKeyRef();
                        var config = e.getValueFrom().getConfigMapKeyRef();
                        String name = secret != null ? secret.getName() : config.getName();
                        String key = secret != null ? secret.getKey() : config.getKey();
                        if (madeByStrimzi.contains(name)) {
                            continue; // a KafkaUser's credentials, the cluster CA's certificate
                        }
                        if (defined.contains(name) || name.endsWith("-db-app")) {
                            continue; // in the manifests, or written by CloudNativePG
                        }
                        assertTrue(script.contains(name) && script.contains(key),
                                overlay + ": " + Manifests.name(doc) + " reads " + name + "/" + key + ", which create-secrets does not make");
                    }
                }
            }
        }
    }

    /** Health and metrics ports of the management interface (HELPERS.md: 9080 to 9084, each 1000 above the HTTP port). */
    private static int managementPort(RealSkinService service) {
        return service.defaultPort() + 1000;
    }

    /** The longest wait a service has on SIGTERM: its HTTP wait and its drain timeouts, given or default, together. */
    private static Duration drainTimeout(RealSkinService service, Map<String, String> env) {
        Map<String, String> settings = new HashMap<>();
        ServiceSettings.properties(service).forEach((k, v) -> settings.put(k.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(), v));
        settings.putAll(env);
        return settings.entrySet().stream()
                .filter(e -> e.getKey().endsWith("DRAIN_TIMEOUT") || e.getKey().equals("QUARKUS_SHUTDOWN_TIMEOUT"))
                .map(e -> Duration.parse("PT" + e.getValue().toUpperCase()))
                .reduce(Duration.ZERO, Duration::plus); // one after the other at worst: the HTTP wait, then a worker's
    }

    /** How long the service waits at SIGTERM for the HTTP requests under way, as its settings and env say. */
    private static Duration httpShutdownTimeout(RealSkinService service, Map<String, String> env) {
        return Optional.ofNullable(env.get("QUARKUS_SHUTDOWN_TIMEOUT"))
                .or(() -> Optional.ofNullable(ServiceSettings.properties(service).get("quarkus.shutdown.timeout")))
                .map(t -> Duration.parse("PT" + t.toUpperCase())).orElse(Duration.ZERO);
    }

    /** The gateway's read timeouts for the services it calls (Quarkus' rest-client keys, env form: the client is the service). */
    private static Map<RealSkinService, Duration> gatewayReadTimeouts(Map<String, String> gatewayEnv) {
        Map<String, String> settings = new HashMap<>();
        ServiceSettings.properties(RealSkinService.GATEWAY).forEach((k, v) -> settings.put(k.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(), v));
        settings.putAll(gatewayEnv);
        Map<RealSkinService, Duration> timeouts = new EnumMap<>(RealSkinService.class);
        settings.forEach((key, value) -> {
            Matcher m = REST_CLIENT_READ_TIMEOUT.matcher(key);
            if (m.matches()) {
                RealSkinService callee = Arrays.stream(RealSkinService.values())
                        .filter(s -> s.module().equals(m.group(1).toLowerCase() + "-service")).findFirst()
                        .orElseThrow(() -> new AssertionError("the gateway's rest client " + key + " names no service"));
                timeouts.put(callee, Duration.ofMillis(Long.parseLong(value)));
            }
        });
        return timeouts;
    }

    private static void assertProbe(String where, Probe probe, String path) {
        assertNotNull(probe, where + " " + path);
        HTTPGetAction get = probe.getHttpGet();
        assertEquals(path, get.getPath(), where);
        assertEquals("management", get.getPort().getStrVal(), where + ": " + path + " is on the management interface");
    }

    private static Map<String, Integer> partitions() {
        return Topics.ALL.stream().collect(Collectors.toMap(Topics.TopicSpec::name, Topics.TopicSpec::partitions));
    }

    /** Rendered once per overlay: the tests only read them. */
    private static List<Map<String, Object>> rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> Kustomize.render(K8S.resolve("overlays").resolve(o)));
    }

    private static Map<String, Map<String, Object>> byKindAndName(List<Map<String, Object>> docs) {
        Map<String, Map<String, Object>> map = new TreeMap<>();
        docs.forEach(d -> map.put(d.get("kind") + "/" + Manifests.name(d), d));
        return map;
    }

    private static Optional<Path> onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir.isEmpty() ? "." : dir, name)).filter(Files::isExecutable).findFirst();
    }

    /** A rendered overlay, typed. */
    private static final class Resources {
        final List<Map<String, Object>> docs;

        Resources(List<Map<String, Object>> docs) {
            this.docs = docs;
        }

        <T> List<T> all(Class<T> model) {
            return docs.stream().filter(d -> Manifests.modelOf(d) == model).map(d -> Manifests.as(d, model)).toList();
        }

        <T> T one(Class<T> model, String name) {
            List<T> found = docs.stream().filter(d -> Manifests.modelOf(d) == model && Manifests.name(d).equals(name))
                    .map(d -> Manifests.as(d, model)).toList();
            assertEquals(1, found.size(), model.getSimpleName() + " " + name);
            return found.get(0);
        }

        /** Every env var of the service's container: its own and those of the ConfigMaps it takes whole. */
        Map<String, String> environment(RealSkinService service) {
            Container c = one(Deployment.class, service.module()).getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> env = new TreeMap<>();
            for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                assertNotNull(from.getConfigMapRef(), service.module() + ": secrets are read key by key, never whole");
                env.putAll(one(ConfigMap.class, from.getConfigMapRef().getName()).getData());
            }
            for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                env.put(e.getName(), e.getValue() == null ? "(from " + e.getValueFrom() + ")" : e.getValue());
            }
            return env;
        }
    }
}
