package io.realskin.gateway.backends;

import io.quarkus.rest.client.reactive.NotBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * texture-service's preview API; wrapped by {@link TextureClient}. Its "every preview slot is busy" (503 with
 * Retry-After) is thrown as a {@link BackendBusy}, another 4xx as a {@link BackendProblem}, another 5xx as a
 * {@link BackendFailure} ({@link BackendProblemMapper}). Every call carries a service token for texture-service.
 */
@RegisterRestClient(configKey = "texture")
@RegisterProvider(ServiceTokenClientFilter.class)
@RegisterProvider(BackendProblemMapper.class)
@TokenAudience("texture-service")
interface TextureApi {
    /**
     * The restored image in the input's format (whichever image type that is, hence any type accepted), with what
     * texture-service measured in headers ({@link io.realskin.contracts.texture.PreviewAnswer}).
     */
    @POST
    @Path("/texture/preview")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.WILDCARD)
    RestResponse<byte[]> preview(@NotBody OnBehalfOf caller, @QueryParam("intensity") String intensity, byte[] image);

    /**
     * A thumbnail of the tenant's blob under {@code key} (texture-service reads it: claim check), at most {@code width}
     * px wide: JPEG, or PNG for an image with transparency.
     */
    @GET
    @Path("/texture/thumbnail")
    @Produces(MediaType.WILDCARD)
    RestResponse<byte[]> thumbnail(@NotBody OnBehalfOf caller, @QueryParam("key") String key, @QueryParam("width") int width);

    /**
     * The texture profile of the tenant's blob under {@code key} (texture-service reads it: claim check): the engine's
     * JSON statistics of the photo's skin; 422 reference-without-face when it shows no face with measurable skin.
     */
    @GET
    @Path("/texture/profile")
    @Produces(MediaType.APPLICATION_JSON)
    RestResponse<byte[]> profile(@NotBody OnBehalfOf caller, @QueryParam("key") String key);
}
