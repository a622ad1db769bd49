package io.realskin.support.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * A real S3 server for tests: S3Proxy in this JVM on a free port, in-memory backend, AWS SigV4 authentication, one
 * bucket. Shared through this module's test-jar with system-tests, whose services all keep their blobs here.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String BUCKET = "realskin-blobs";
    public static final String ACCESS_KEY = "realskin-test";
    public static final String SECRET_KEY = "realskin-test-secret";

    private final BlobStoreContext backend;
    private final S3Proxy server;
    private final URI endpoint;

    private S3TestServer(BlobStoreContext backend, S3Proxy server) {
        this.backend = backend;
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getPort());
    }

    public static S3TestServer start() throws Exception {
        BlobStoreContext backend = ContextBuilder.newBuilder("transient-nio2").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        backend.getBlobStore().createContainerInLocation(null, BUCKET);
        S3Proxy server = S3Proxy.builder().blobStore(backend.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        server.start();
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos(); // a busy machine; it starts in ms
        while (!"STARTED".equals(server.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + server.getState());
            }
            Thread.sleep(10);
        }
        return new S3TestServer(backend, server);
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3BlobStore open(String bucket, String secret) {
        return S3BlobStore.open(bucket, Optional.of(endpoint), Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)), java.time.Duration.ofMinutes(2));
    }

    /** The object as the server itself holds it, read past the S3 API. */
    public byte[] storedBytes(String key) throws IOException {
        Blob blob = backend.getBlobStore().getBlob(BUCKET, key);
        if (blob == null) {
            throw new NoSuchFileException("s3://" + BUCKET + "/" + key);
        }
        try (InputStream in = blob.getPayload().openStream()) {
            return in.readAllBytes();
        }
    }

    /** What a service needs to use this server as its blob store. */
    public Map<String, String> serviceEnvironment() {
        return Map.of("REALSKIN_BLOB_STORE", "s3", "REALSKIN_S3_ENDPOINT", endpoint.toString(), "REALSKIN_S3_BUCKET", BUCKET,
                "REALSKIN_S3_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
    }

    @Override
    public void close() throws Exception {
        server.stop();
        backend.close();
    }
}
