package io.realskin.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A HEAD carries the Content-Length its GET would (RFC 9110 9.3.2). JAX-RS answers a HEAD by running the GET and
 * dropping the body, and Vert.x sets no length for a HEAD, so the answer had none: here the entity the GET would send
 * is serialised as its JSON writer would (the same ObjectMapper) and only its length is kept. A streamed answer (an
 * event stream) has no length to tell; the image content has a HEAD route of its own, which sets the length.
 */
public class HeadContentLength {
    private final ObjectMapper mapper;

    public HeadContentLength(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerResponseFilter
    public void lengthOfTheGet(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (!HttpMethod.HEAD.equals(request.getMethod()) || !response.hasEntity()
                || response.getHeaders().containsKey(HttpHeaders.CONTENT_LENGTH)) {
            return;
        }
        Object entity = response.getEntity();
        byte[] body;
        if (entity instanceof byte[] bytes) {
            body = bytes;
        } else if (entity instanceof String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
        } else if (entity instanceof java.util.concurrent.Flow.Publisher<?>) {
            return;
        } else {
            body = mapper.writeValueAsBytes(entity);
        }
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LENGTH, String.valueOf(body.length));
    }
}
