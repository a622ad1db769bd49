package io.realskin.support.blob;

import io.realskin.contracts.blob.BlobKeys;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.contracts.blob.BlobTooLargeException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The blob store on any S3-compatible service (AWS S3, MinIO, S3Proxy): one bucket, the blob key is the object key.
 * SDK errors surface as {@link IOException}, as they do for the directory store, so callers treat both alike.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;
    private static final String OCTET_STREAM = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;

    S3BlobStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * A client for {@code bucket}. With an endpoint (MinIO, S3Proxy) requests use path-style URLs; checksums are
     * sent only where S3 requires them, since not every S3-compatible server accepts the SDK's trailing checksums.
     * {@code callTimeout} bounds a whole call, its retries included: the socket timeout bounds only one silence, so a
     * store that trickles its answer would otherwise hold the calling thread (and what it holds) for as long as it likes.
     */
    public static S3BlobStore open(String bucket, Optional<URI> endpoint, Region region, AwsCredentialsProvider credentials,
                                   Duration callTimeout) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.apiCallTimeout(callTimeout))
                .region(region)
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return new S3BlobStore(builder.build(), bucket);
    }

    /** One conditional write (If-None-Match: *): a key that is already stored is left as it is, without a HEAD first. */
    @Override
    public void put(String key, byte[] bytes) throws IOException {
        try {
            // the caller's array as it is (RequestBody.fromBytes copies it: a 30 MB result held twice while it uploads)
            s3.putObject(b -> b.bucket(bucket).key(BlobKeys.require(key)).contentLength((long) bytes.length).ifNoneMatch("*"),
                    RequestBody.fromContentProvider(ContentStreamProvider.fromByteArrayUnsafe(bytes), bytes.length, OCTET_STREAM));
        } catch (S3Exception e) {
            // 412: stored before; 409: another writer of the same key is finishing now (content-addressed, same bytes)
            if (e.statusCode() != PRECONDITION_FAILED && e.statusCode() != CONFLICT) {
                throw failure("put", key, e);
            }
        } catch (SdkException e) {
            // A server may answer 412 before it has read a large body and close the connection, which the HTTP client
            // reports as a failed write, not as the 412: the key being there is that same answer.
            if (!storedAfterFailedPut(key)) {
                throw failure("put", key, e);
            }
        }
    }

    private boolean storedAfterFailedPut(String key) {
        try {
            return exists(key);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * One GET whose body goes to the reader inside the call, so the call timeout bounds the reading too; the reader
     * gets the answer's Content-Length as the size. A body the reader refuses as too large is not read on: the
     * connection is closed, unread.
     */
    @Override
    public <T> Optional<T> read(String key, BodyReader<T> reader) throws IOException {
        try {
            Body<T> body = s3.getObject(b -> b.bucket(bucket).key(BlobKeys.require(key)), (response, in) -> {
                long size = response.contentLength() == null ? -1 : response.contentLength();
                try {
                    return new Body<>(reader.read(in, size), null);
                } catch (BlobTooLargeException e) {
                    in.abort();
                    return new Body<T>(null, e);
                }
            });
            if (body.tooLarge() != null) {
                throw body.tooLarge();
            }
            return Optional.of(body.value());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("get", key, e);
        }
    }

    /** What the reader made of the body; a refusal travels out of the SDK as a value, not wrapped by it. */
    private record Body<T>(T value, BlobTooLargeException tooLarge) {
    }

    @Override
    public boolean exists(String key) throws IOException {
        return head(key).isPresent();
    }

    @Override
    public long size(String key) throws IOException {
        return head(key).map(HeadObjectResponse::contentLength).orElse(-1L);
    }

    /** S3 answers a missing key's delete with success too. */
    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(BlobKeys.require(key)));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    /** One ListObjectsV2 call: at most {@code max} keys (S3 answers at most 1,000 a call). */
    @Override
    public List<String> keysUnder(String prefix, int max) throws IOException {
        try {
            return s3.listObjectsV2(b -> b.bucket(bucket).prefix(BlobStore.requirePrefix(prefix)).maxKeys(Math.min(max, 1000)))
                    .contents().stream().map(S3Object::key).filter(BlobKeys::isSafe).limit(max).toList();
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
    }

    private Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(BlobKeys.require(key))));
        } catch (S3Exception e) {
            // a HEAD answer has no body: a missing object is a bare 404 (a missing bucket shows on put and get)
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw failure("head", key, e);
        } catch (SdkException e) {
            throw failure("head", key, e);
        }
    }

    private IOException failure(String operation, String key, SdkException e) {
        return new IOException("S3 " + operation + " s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        s3.close();
    }
}
