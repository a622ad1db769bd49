package io.realskin.gateway.images;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An upload ({@code POST /v1/images}) sent without a Content-Type, as a plain HTTP client sends a body by default, is
 * the raw image: RFC 9110 section 8.3 lets a recipient take an untyped body as application/octet-stream, and the
 * format is sniffed from the bytes in any case. Without this the route for multipart uploads took it and answered
 * 400 "the multipart body has no field named file".
 */
public class UntypedUploads {
    @ServerRequestFilter(preMatching = true)
    public void rawWhenUntyped(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if ("POST".equals(request.getMethod()) && request.getHeaderString(HttpHeaders.CONTENT_TYPE) == null
                && (path.equals("/v1/images") || path.equals("/v1/images/"))) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_OCTET_STREAM);
        }
    }
}
