package io.realskin.support.problem;

import io.vertx.core.http.HttpClosedException;
import java.util.List;

/**
 * Whose failure an exception no other mapper took is, read from where it was thrown: the request itself (its
 * connection closed, or the framework could not read its body) or the blob store. An IOException alone says neither:
 * a body cut short or with broken chunked framing and a store that does not answer both raise one, and all were
 * answered 503 "database did not answer" (logged as a database outage) before.
 */
enum FailureSource {
    /** The client's connection closed while its request was read. */
    CLIENT_GONE,
    /** The framework's multipart parser could not read the body (no closing delimiter, a broken boundary). */
    MULTIPART_BODY,
    /** Reading the body failed: it broke off, or its framing (chunked encoding) is malformed. */
    REQUEST_BODY,
    /** A blob store (S3 or the directory one) threw it. */
    BLOB_STORE,
    /** None of these: a backend's outage or a bug, as {@link io.realskin.support.messaging.Outages} tells. */
    ELSEWHERE;

    private static final String MULTIPART_PARSER = "org.jboss.resteasy.reactive.server.core.multipart.";
    /** Where a blocking route's body is read (the framework's request InputStream, for byte[], String, File, InputStream). */
    private static final String BODY_STREAM = "org.jboss.resteasy.reactive.server.vertx.VertxInputStream";
    private static final List<String> BLOB_STORES = List.of("io.realskin.support.blob.", "io.realskin.contracts.blob.",
            "software.amazon.awssdk.");
    /**
     * The platform's frames and the framework's shared helpers: a failure thrown there (String.charAt, a file system
     * call, the header parsing a multipart boundary is read with) is its caller's.
     */
    private static final List<String> HELPERS = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "org.jboss.resteasy.reactive.common.");

    /** The outermost exception of the chain thrown by one of the sources above names it; a closed connection anywhere wins. */
    static FailureSource of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException) {
                return CLIENT_GONE;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String origin = origin(t);
            if (origin.startsWith(MULTIPART_PARSER)) {
                return MULTIPART_BODY;
            }
            if (origin.startsWith(BODY_STREAM)) {
                return REQUEST_BODY;
            }
            if (BLOB_STORES.stream().anyMatch(origin::startsWith)) {
                return BLOB_STORE;
            }
        }
        return ELSEWHERE;
    }

    /** The class of the first frame outside those helpers, or "" for an exception without one. */
    private static String origin(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            String name = frame.getClassName();
            if (HELPERS.stream().noneMatch(name::startsWith)) {
                return name;
            }
        }
        return "";
    }
}
