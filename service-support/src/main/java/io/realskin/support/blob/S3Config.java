package io.realskin.support.blob;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code REALSKIN_S3_BUCKET}, {@code REALSKIN_S3_ENDPOINT} (MinIO, S3Proxy; empty for AWS) and {@code REALSKIN_S3_REGION}
 * (else {@code AWS_REGION}, else us-east-1). Credentials come from the usual AWS chain: {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY}, a profile, or the pod's or instance's role; never from a properties file.
 */
@ConfigMapping(prefix = "realskin.s3")
public interface S3Config {
    Optional<String> bucket();

    Optional<URI> endpoint();

    Optional<String> region();

    /**
     * {@code REALSKIN_S3_CALL_TIMEOUT}: the longest one blob store call may take, retries included; then it fails as the
     * store being unavailable. Two minutes is many times a 150 MB object's transfer inside a region.
     */
    @WithDefault("2m")
    Duration callTimeout();
}
