package io.realskin.gateway.backends;

import io.quarkus.rest.client.reactive.NotBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** texture-service's preview API; wrapped by {@link TextureClient}. Every call carries a service token for texture-service. */
@RegisterRestClient(configKey = "texture")
@RegisterProvider(ServiceTokenClientFilter.class)
@TokenAudience("texture-service")
interface TextureApi {
    @POST
    @Path("/texture/preview")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    Response preview(@NotBody OnBehalfOf caller, @QueryParam("intensity") String intensity, byte[] image);
}
