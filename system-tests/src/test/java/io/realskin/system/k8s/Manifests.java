package io.realskin.system.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Manifests as typed objects: fabric8's Kubernetes model, Strimzi's own model for its Kafka resources, and
 * {@link CustomResources} for KEDA, CloudNativePG and kustomize. A field a model does not know is an error: Jackson fails
 * on it where the model has no catch-all, and {@link #unknownFields} finds what fabric8's and Strimzi's catch-all
 * ({@code additionalProperties}) swallowed.
 */
final class Manifests {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", CustomResources.ScaledObject.class),
            Map.entry("keda.sh/v1alpha1/TriggerAuthentication", CustomResources.TriggerAuthentication.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", CustomResources.Cluster.class),
            Map.entry("postgresql.cnpg.io/v1/ScheduledBackup", CustomResources.ScheduledBackup.class),
            Map.entry("kustomize.config.k8s.io/v1beta1/Kustomization", CustomResources.Kustomization.class));

    /** The documents of a YAML file as maps; comment-only documents are left out. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) {
        try (var parser = YAML.getFactory().createParser(Files.readString(file))) {
            List<Map<String, Object>> docs = new ArrayList<>();
            var it = YAML.readValues(parser, Map.class);
            while (it.hasNext()) {
                Map<String, Object> doc = it.next();
                if (doc != null) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static Class<?> modelOf(Map<String, Object> doc) {
        Class<?> model = MODELS.get(doc.get("apiVersion") + "/" + doc.get("kind"));
        if (model == null) {
            throw new AssertionError("no typed model for " + doc.get("apiVersion") + " " + doc.get("kind")
                    + " (a resource RealSkin does not use yet, or a wrong apiVersion)");
        }
        return model;
    }

    /** The document as its typed model; fails on a field the model does not have. */
    static Object typed(Map<String, Object> doc) {
        return as(doc, modelOf(doc));
    }

    static <T> T as(Map<String, Object> doc, Class<T> model) {
        try {
            return YAML.convertValue(doc, model);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(doc.get("kind") + " " + name(doc) + ": " + e.getMessage(), e);
        }
    }

    static String name(Map<String, Object> doc) {
        Object metadata = doc.get("metadata");
        return metadata instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "?";
    }

    /** Paths of the fields that a model kept in its catch-all because it has no such field. */
    static List<String> unknownFields(Object typed) {
        List<String> found = new ArrayList<>();
        walk(typed, typed.getClass().getSimpleName(), found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found, seen));
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        Class<?> type = node.getClass();
        if (!isModel(type)) {
            return;
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                walk(invoke(c.getAccessor(), node), path + "." + c.getName(), found, seen);
            }
            return;
        }
        for (Method getter : type.getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> found.add(path + "." + k));
                }
                continue;
            }
            walk(value, path + "." + getter.getName().substring(3), found, seen);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return name.startsWith("io.fabric8.kubernetes.api.model") || name.startsWith("io.strimzi.api")
                || name.startsWith(Manifests.class.getPackageName());
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(method + " on " + Objects.toString(target), e);
        }
    }

    private Manifests() {
    }
}
