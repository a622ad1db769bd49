package io.realskin.system.k8s;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;

/**
 * Typed models of the custom resources that have no Java model on Maven Central (KEDA, CloudNativePG) and of kustomize's
 * own file: the fields RealSkin's manifests use, from each project's API reference. Read with unknown properties failing,
 * so a misspelt or misplaced field is an error, as it would be for the API server's schema.
 */
final class CustomResources {
    /** keda.sh/v1alpha1 ScaledObject. */
    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(ScaleTargetRef scaleTargetRef, Integer minReplicaCount, Integer maxReplicaCount, Integer pollingInterval,
                            Integer cooldownPeriod, Integer idleReplicaCount, Advanced advanced, List<Trigger> triggers) {
    }

    record ScaleTargetRef(String name, String apiVersion, String kind) {
    }

    record Advanced(HorizontalPodAutoscalerConfig horizontalPodAutoscalerConfig, Boolean restoreToOriginalReplicaCount) {
    }

    record HorizontalPodAutoscalerConfig(String name, HorizontalPodAutoscalerBehavior behavior) {
    }

    /** KEDA's Kafka scaler: every metadata value is a string; the credentials come from a TriggerAuthentication. */
    record Trigger(String type, String name, KafkaTriggerMetadata metadata, AuthenticationRef authenticationRef) {
    }

    record AuthenticationRef(String name, String kind) {
    }

    record KafkaTriggerMetadata(String bootstrapServers, String consumerGroup, String topic, String lagThreshold,
                                String activationLagThreshold, String offsetResetPolicy, String allowIdleConsumers,
                                String excludePersistentLag, String scaleToZeroOnInvalidOffset, String limitToPartitionsWithLag) {
    }

    /** keda.sh/v1alpha1 TriggerAuthentication: a scaler's parameters taken from Secrets. */
    record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, TriggerAuthenticationSpec spec) {
    }

    record TriggerAuthenticationSpec(List<SecretTargetRef> secretTargetRef) {
    }

    record SecretTargetRef(String parameter, String name, String key) {
    }

    /** postgresql.cnpg.io/v1 Cluster. */
    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
    }

    record ClusterSpec(Integer instances, String imageName, Bootstrap bootstrap, Storage storage, ResourceRequirements resources,
                       Backup backup) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(String database, String owner) {
    }

    record Storage(String size, String storageClass) {
    }

    record Backup(String retentionPolicy, BarmanObjectStore barmanObjectStore) {
    }

    record BarmanObjectStore(String destinationPath, String endpointURL, S3Credentials s3Credentials, Wal wal) {
    }

    record S3Credentials(SecretKey accessKeyId, SecretKey secretAccessKey) {
    }

    record SecretKey(String name, String key) {
    }

    record Wal(String compression) {
    }

    /** postgresql.cnpg.io/v1 ScheduledBackup. */
    record ScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, ScheduledBackupSpec spec) {
    }

    record ScheduledBackupSpec(String schedule, String backupOwnerReference, ClusterReference cluster) {
    }

    record ClusterReference(String name) {
    }

    /** kustomize.config.k8s.io/v1beta1 Kustomization, the part RealSkin uses. */
    record Kustomization(String apiVersion, String kind, String namespace, List<String> resources, List<Patch> patches,
                         List<Image> images) {
    }

    record Patch(String path, String patch, Target target) {
    }

    record Target(String group, String version, String kind, String name) {
    }

    record Image(String name, String newName, String newTag) {
    }

    private CustomResources() {
    }
}
