package io.realskin.system.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.realskin.local.RealSkinService;
import io.realskin.system.RealSkinSystem;
import io.realskin.system.ServiceSettings;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Kafka authenticates and authorizes its clients (docs/security.md): checked on both rendered overlays against the code,
 * no cluster. The client listener takes only SCRAM-SHA-512 over TLS and the cluster's authorization is Kafka's ACLs;
 * every service with a Kafka client signs in as a KafkaUser of its own (the Secret Strimzi makes for it) and trusts the
 * cluster CA; each user's ACLs are exactly what its service's application.properties reads and writes (Read on the
 * topic and the group of every incoming channel, Write on the topic of every outgoing channel and on the dead-letter
 * topic of an incoming one), so a service that does not write job.events cannot; KEDA signs in as a user that may only
 * describe the workers' topics and groups. A KafkaUser nobody signs in as is refused too, and the replay tool's user
 * (deploy/k8s/tools) reads only the dead-letter topics and writes only the topics they came from.
 */
@Execution(ExecutionMode.CONCURRENT) // reads files and runs tools only: beside the deployment's classes
class KafkaAccessManifestsTest {
    private static final Path OVERLAYS = RealSkinSystem.projectRoot().resolve("deploy/k8s/overlays");
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");

    @Test
    void theClientListenerTakesOnlyScramOverTlsAndAclsDecide() {
        for (String overlay : List.of("local", "production")) {
            Rendered r = new Rendered(overlay);
            Kafka kafka = r.only(Kafka.class);
            List<GenericKafkaListener> listeners = kafka.getSpec().getKafka().getListeners();
            assertTrue(!listeners.isEmpty(), overlay);
            for (GenericKafkaListener l : listeners) {
                assertTrue(l.isTls(), overlay + ": listener " + l.getName() + " is TLS");
                assertNotNull(l.getAuth(), overlay + ": listener " + l.getName() + " authenticates its clients");
                assertEquals("scram-sha-512", l.getAuth().getType(), overlay + ": listener " + l.getName());
            }
            assertNotNull(kafka.getSpec().getKafka().getAuthorization(), overlay + ": the cluster authorizes");
            assertEquals("simple", kafka.getSpec().getKafka().getAuthorization().getType(), overlay + ": Kafka's ACLs decide");
            assertNotNull(kafka.getSpec().getEntityOperator().getUserOperator(), overlay + ": the user operator makes the KafkaUsers");
            Map<String, String> clients = r.one(ConfigMap.class, "realskin-kafka").getData();
            String[] bootstrap = clients.get("KAFKA_BOOTSTRAP_SERVERS").split(":");
            assertEquals(kafka.getMetadata().getName() + "-kafka-bootstrap", bootstrap[0], overlay);
            assertEquals(listeners.get(0).getPort(), Integer.parseInt(bootstrap[1]), overlay + ": the clients' port is the listener's");
            assertEquals("SASL_SSL", clients.get("KAFKA_SECURITY_PROTOCOL"), overlay);
            assertEquals("SCRAM-SHA-512", clients.get("KAFKA_SASL_MECHANISM"), overlay);
            assertEquals("PEM", clients.get("KAFKA_SSL_TRUSTSTORE_TYPE"), overlay);
        }
    }

    @Test
    void everyKafkaClientSignsInAsAUserOfItsOwnWithExactlyTheAclsItsSettingsNeed() {
        for (String overlay : List.of("local", "production")) {
            Rendered r = new Rendered(overlay);
            Kafka kafka = r.only(Kafka.class);
            Set<String> signedIn = new TreeSet<>();
            for (RealSkinService service : RealSkinService.values()) {
                String where = overlay + " " + service.module();
                Container c = r.one(Deployment.class, service.module()).getSpec().getTemplate().getSpec().getContainers().get(0);
                Map<String, Set<String>> needs = aclsFromSettings(service);
                if (needs.isEmpty()) {
                    assertNull(secretRef(c, "KAFKA_SASL_JAAS_CONFIG"), where + ": no Kafka client, no Kafka login");
                    continue;
                }
                assertTrue(envFrom(c).contains("realskin-kafka"), where + ": takes the Kafka client settings");
                SecretKeySelector login = secretRef(c, "KAFKA_SASL_JAAS_CONFIG");
                assertNotNull(login, where + ": signs in to Kafka (KAFKA_SASL_JAAS_CONFIG from its KafkaUser's Secret)");
                assertEquals("sasl.jaas.config", login.getKey(), where);
                assertTrue(signedIn.add(login.getName()), where + ": a KafkaUser of its own, not " + login.getName());
                SecretKeySelector ca = secretRef(c, "KAFKA_SSL_TRUSTSTORE_CERTIFICATES");
                assertNotNull(ca, where + ": trusts the cluster CA");
                assertEquals(kafka.getMetadata().getName() + "-cluster-ca-cert", ca.getName(), where);
                assertEquals("ca.crt", ca.getKey(), where);
                KafkaUser user = r.one(KafkaUser.class, login.getName());
                assertEquals(kafka.getMetadata().getName(), user.getMetadata().getLabels().get("strimzi.io/cluster"), where);
                assertEquals("scram-sha-512", user.getSpec().getAuthentication().getType(), where);
                assertEquals(needs, acls(user), where + ": the KafkaUser " + user.getMetadata().getName()
                        + " may do what the service's application.properties reads and writes, nothing else");
            }
            signedIn.addAll(kedaUsers(r, kafka));
            assertEquals(signedIn, r.all(KafkaUser.class).stream().map(u -> u.getMetadata().getName())
                    .collect(Collectors.toCollection(TreeSet::new)), overlay + ": every KafkaUser is a client's");
        }
    }

    @Test
    void theBuiltInDefaultIsPlaintextForTheLocalRunAndCompose() {
        for (RealSkinService service : RealSkinService.values()) {
            if (!aclsFromSettings(service).isEmpty()) {
                Map<String, String> p = ServiceSettings.properties(service);
                assertEquals("PLAINTEXT", p.get("kafka.security.protocol"), service.module());
                assertTrue(ServiceSettings.envNames(service).containsAll(List.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
                        "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_CERTIFICATES")),
                        service.module() + " documents its Kafka security settings");
            }
        }
    }

    /**
     * deploy/k8s/tools/dead-letter-replay.yaml: the replay's user reads the dead-letter topics the services write and
     * writes the topics they came from, nothing else (no group: the tool reads by partition), and its Job signs in as it.
     */
    @Test
    void theReplayToolsUserReadsTheDeadLetterTopicsAndWritesTheirOrigins() {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (RealSkinService service : RealSkinService.values()) {
            aclsFromSettings(service).forEach((resource, ops) -> {
                if (resource.startsWith("topic ") && resource.endsWith(".dlq") && ops.contains("Write")) {
                    expected.put(resource, Set.of("Read"));
                    expected.put(resource.substring(0, resource.length() - ".dlq".length()), Set.of("Write"));
                }
            });
        }
        List<Map<String, Object>> docs = Manifests.documents(OVERLAYS.resolve("../tools/dead-letter-replay.yaml").normalize());
        KafkaUser user = docs.stream().filter(d -> Manifests.modelOf(d) == KafkaUser.class)
                .map(d -> Manifests.as(d, KafkaUser.class)).findFirst().orElseThrow();
        assertEquals(expected, acls(user), "the replay's KafkaUser");
        io.fabric8.kubernetes.api.model.batch.v1.Job job = docs.stream()
                .filter(d -> Manifests.modelOf(d) == io.fabric8.kubernetes.api.model.batch.v1.Job.class)
                .map(d -> Manifests.as(d, io.fabric8.kubernetes.api.model.batch.v1.Job.class)).findFirst().orElseThrow();
        Container c = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(user.getMetadata().getName(), secretRef(c, "KAFKA_SASL_JAAS_CONFIG").getName(), "the Job signs in as it");
        assertTrue(envFrom(c).contains("realskin-kafka"), "the Job takes the Kafka client settings");
    }

    /** KEDA's scaler: SCRAM over TLS as a user that may describe the scaled workers' topics and groups, nothing more. */
    private static Set<String> kedaUsers(Rendered r, Kafka kafka) {
        Map<String, Map<String, Set<String>>> needs = new TreeMap<>();
        for (CustomResources.ScaledObject scaled : r.all(CustomResources.ScaledObject.class)) {
            for (CustomResources.Trigger trigger : scaled.spec().triggers()) {
                String where = r.overlay + " ScaledObject " + scaled.metadata().getName();
                assertNotNull(trigger.authenticationRef(), where + ": the Kafka scaler signs in");
                Map<String, CustomResources.SecretTargetRef> params = r.one(CustomResources.TriggerAuthentication.class,
                        trigger.authenticationRef().name()).spec().secretTargetRef().stream()
                        .collect(Collectors.toMap(CustomResources.SecretTargetRef::parameter, p -> p));
                assertEquals(Set.of("sasl", "username", "password", "tls", "ca"), params.keySet(), where);
                assertEquals("scram_sha512", r.secretValue(params.get("sasl")), where);
                assertEquals("enable", r.secretValue(params.get("tls")), where);
                String user = r.secretValue(params.get("username"));
                assertEquals(user, params.get("password").name(), where + ": the password of the KafkaUser " + user);
                assertEquals("password", params.get("password").key(), where);
                assertEquals(kafka.getMetadata().getName() + "-cluster-ca-cert", params.get("ca").name(), where);
                assertEquals("ca.crt", params.get("ca").key(), where);
                Map<String, Set<String>> acl = needs.computeIfAbsent(user, u -> new TreeMap<>());
                acl.computeIfAbsent(resource("topic", trigger.metadata().topic(), false), k -> new TreeSet<>()).add("Describe");
                acl.computeIfAbsent(resource("group", trigger.metadata().consumerGroup(), false), k -> new TreeSet<>()).add("Describe");
            }
        }
        assertTrue(!needs.isEmpty(), r.overlay + ": KEDA scales the workers");
        needs.forEach((user, acl) -> assertEquals(acl, acls(r.one(KafkaUser.class, user)), r.overlay + ": KEDA's KafkaUser " + user));
        return needs.keySet();
    }

    /**
     * What the service's Kafka channels need, resource to operations: Read on an incoming channel's topic and group
     * ({@code group.id}, Quarkus' default the application name; one ending in {@code ${...}} is a prefix), Write on its
     * dead-letter topic when it dead-letters, Write on an outgoing channel's topic (the channel's name when unset).
     */
    static Map<String, Set<String>> aclsFromSettings(RealSkinService service) {
        Map<String, String> p = ServiceSettings.properties(service);
        Map<String, Set<String>> acl = new TreeMap<>();
        for (Map.Entry<String, String> e : p.entrySet()) {
            Matcher m = CHANNEL.matcher(e.getKey());
            if (!m.matches() || !"smallrye-kafka".equals(e.getValue())) {
                continue;
            }
            String prefix = "mp.messaging." + m.group(1) + "." + m.group(2) + ".";
            String topic = p.getOrDefault(prefix + "topic", m.group(2));
            if (m.group(1).equals("outgoing")) {
                acl.computeIfAbsent(resource("topic", topic, false), k -> new TreeSet<>()).add("Write");
                continue;
            }
            acl.computeIfAbsent(resource("topic", topic, false), k -> new TreeSet<>()).add("Read");
            String group = p.getOrDefault(prefix + "group.id", p.get("quarkus.application.name"));
            int variable = group.indexOf("${");
            acl.computeIfAbsent(resource("group", variable < 0 ? group : group.substring(0, variable), variable >= 0),
                    k -> new TreeSet<>()).add("Read");
            if ("dead-letter-queue".equals(p.get(prefix + "failure-strategy"))) {
                String dlq = p.getOrDefault(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + m.group(2));
                acl.computeIfAbsent(resource("topic", dlq, false), k -> new TreeSet<>()).add("Write");
            }
        }
        return acl;
    }

    /** A user's ACLs, resource to operations; every rule allows, from any host. */
    private static Map<String, Set<String>> acls(KafkaUser user) {
        String who = "KafkaUser " + user.getMetadata().getName();
        assertTrue(user.getSpec().getAuthorization() instanceof KafkaUserAuthorizationSimple, who + ": simple authorization");
        Map<String, Set<String>> acl = new TreeMap<>();
        for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
            assertTrue(rule.getType() == null || rule.getType().toValue().equals("allow"), who + ": allow rules only");
            assertTrue(rule.getHost() == null || rule.getHost().equals("*"), who + ": from any host");
            String resource;
            if (rule.getResource() instanceof AclRuleTopicResource t) {
                resource = resource("topic", t.getName(), t.getPatternType() != null && t.getPatternType().toValue().equals("prefix"));
            } else if (rule.getResource() instanceof AclRuleGroupResource g) {
                resource = resource("group", g.getName(), g.getPatternType() != null && g.getPatternType().toValue().equals("prefix"));
            } else {
                resource = rule.getResource().getType() + " (none is needed)";
            }
            List<AclOperation> ops = new ArrayList<>(rule.getOperations() == null ? List.of() : rule.getOperations());
            if (rule.getOperation() != null) {
                ops.add(rule.getOperation());
            }
            ops.forEach(op -> acl.computeIfAbsent(resource, k -> new TreeSet<>()).add(op.toValue()));
        }
        return acl;
    }

    private static String resource(String type, String name, boolean prefix) {
        return type + " " + name + (prefix ? "*" : "");
    }

    private static SecretKeySelector secretRef(Container c, String name) {
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (e.getName().equals(name)) {
                assertNotNull(e.getValueFrom(), name + " comes from a Secret");
                return e.getValueFrom().getSecretKeyRef();
            }
        }
        return null;
    }

    private static Set<String> envFrom(Container c) {
        return (c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()).stream()
                .filter(f -> f.getConfigMapRef() != null).map(f -> f.getConfigMapRef().getName()).collect(Collectors.toSet());
    }

    /** A rendered overlay, typed. */
    private static final class Rendered {
        final String overlay;
        final List<Map<String, Object>> docs;

        Rendered(String overlay) {
            this.overlay = overlay;
            this.docs = Kustomize.render(OVERLAYS.resolve(overlay));
        }

        <T> List<T> all(Class<T> model) {
            return docs.stream().filter(d -> Manifests.modelOf(d) == model).map(d -> Manifests.as(d, model)).toList();
        }

        <T> T one(Class<T> model, String name) {
            List<T> found = docs.stream().filter(d -> Manifests.modelOf(d) == model && Manifests.name(d).equals(name))
                    .map(d -> Manifests.as(d, model)).toList();
            assertEquals(1, found.size(), overlay + ": " + model.getSimpleName() + " " + name);
            return found.get(0);
        }

        <T> T only(Class<T> model) {
            List<T> found = all(model);
            assertEquals(1, found.size(), overlay + ": " + model.getSimpleName());
            return found.get(0);
        }

        /** A value the manifests hold in a Secret of their own (KEDA's settings; never a password). */
        String secretValue(CustomResources.SecretTargetRef ref) {
            Secret secret = one(Secret.class, ref.name());
            if (secret.getStringData() != null && secret.getStringData().containsKey(ref.key())) {
                return secret.getStringData().get(ref.key());
            }
            assertNotNull(secret.getData(), overlay + ": Secret " + ref.name() + " holds " + ref.key());
            return new String(Base64.getDecoder().decode(secret.getData().get(ref.key())), StandardCharsets.UTF_8);
        }
    }
}
