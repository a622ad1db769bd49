package io.realskin.gateway.backends;

import io.micrometer.core.instrument.MeterRegistry;
import io.realskin.contracts.Intensity;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * texture-service's preview API, proxied. Its answers are passed on with the score headers, its 4xx problems as
 * {@link BackendProblem#toCaller} has them; a 5xx (also its "every preview slot is busy"), a refused connection or a timeout is the caller's 503.
 * A preview is pure computation, so it is retried. Blocking.
 */
@ApplicationScoped
public class TextureClient {
    /** The headers of a preview answer the caller gets too. */
    private static final List<String> PASSED_ON = List.of("X-Faces", "X-Face-Intensities", "X-Plastic-Score-Before",
            "X-Plastic-Score-After");

    private final TextureApi api;
    private final Backend backend;

    public TextureClient(@RestClient TextureApi api, GatewayConfig config, MeterRegistry registry) {
        this.api = api;
        this.backend = new Backend("texture-service", config.backends().textureTimeout(), registry);
    }

    /** A restored preview of the image: its bytes in the input's format and the score headers. */
    public Preview preview(String tenantId, byte[] image, Intensity intensity) {
        return backend.callIdempotent(tenantId, () -> {
            try (Response response = api.preview(new OnBehalfOf(tenantId, Scopes.JOBS_WRITE), intensity.toString(), image)) {
                if (response.getStatus() >= 500) {
                    throw new BackendFailure("texture-service answered " + response.getStatus());
                }
                if (response.getStatus() >= 400) {
                    throw BackendProblems.read(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
                }
                Map<String, String> headers = new LinkedHashMap<>();
                PASSED_ON.forEach(name -> {
                    String value = response.getHeaderString(name);
                    if (value != null) {
                        headers.put(name, value);
                    }
                });
                String type = response.getMediaType() == null ? "application/octet-stream" : response.getMediaType().toString();
                return new Preview(response.getStatus(), type, response.hasEntity() ? response.readEntity(byte[].class) : new byte[0], headers);
            }
        });
    }

    /** texture-service's answer: status, media type, body and the headers passed on. */
    public record Preview(int status, String contentType, byte[] body, Map<String, String> headers) {
    }
}
