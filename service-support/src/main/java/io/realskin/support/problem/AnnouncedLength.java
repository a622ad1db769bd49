package io.realskin.support.problem;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/** How long a request says its body is, before a byte of it is read. */
public final class AnnouncedLength {
    /** Content-Length; -1 for a body of unknown length (chunked, or HTTP/2 without Content-Length); 0 for none. */
    public static long of(ContainerRequestContext request, HttpServerRequest http) {
        String announced = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (announced != null) {
            try {
                return Long.parseLong(announced.trim());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        boolean openStream = http.version() == HttpVersion.HTTP_2 && !http.isEnded();
        return request.getHeaderString("Transfer-Encoding") != null || openStream ? -1 : 0;
    }

    private AnnouncedLength() {
    }
}
