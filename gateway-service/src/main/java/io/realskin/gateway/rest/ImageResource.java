package io.realskin.gateway.rest;

import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.domain.Scopes;
import io.realskin.gateway.repository.ImageRepository;
import io.realskin.gateway.service.ImageService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/v1/images")
@Tag(name = "Images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {
    private final ImageService service;
    private final ImageRepository images;
    private final BlobStore blobs;
    private final CallerContext caller;

    public ImageResource(ImageService service, ImageRepository images, BlobStore blobs, CallerContext caller) {
        this.service = service;
        this.images = images;
        this.blobs = blobs;
        this.caller = caller;
    }

    @POST
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    @Blocking
    @Operation(summary = "Upload an image as the raw body", description = "JPEG, PNG, WebP or TIFF; at most 30 MiB and 50 megapixels, checked from the header before any decode.")
    public Response uploadRaw(byte[] body) {
        return created(service.upload(caller.require(Scopes.JOBS_WRITE).tenantId(), body));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Operation(summary = "Upload an image as a multipart field named file")
    public Response uploadMultipart(@RestForm("file") FileUpload file) {
        String tenant = caller.require(Scopes.JOBS_WRITE).tenantId();
        if (file == null) {
            throw Problems.invalid("the multipart body has no field named file");
        }
        try {
            if (Files.size(file.uploadedFile()) > 30L * 1024 * 1024) {
                throw Problems.imageTooLarge("the file is over 30 MiB");
            }
            return created(service.upload(tenant, Files.readAllBytes(file.uploadedFile())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An image's metadata")
    public Uni<ImageView> get(@PathParam("id") String id) {
        String tenant = caller.require(Scopes.JOBS_READ).tenantId();
        return images.find(tenant, id).map(found -> ImageView.of(found.orElseThrow(() -> Problems.notFound("image", id))));
    }

    @GET
    @Path("/{id}/content")
    @Produces("image/*")
    @Blocking
    @Operation(summary = "An image's bytes")
    public Response content(@PathParam("id") String id) {
        String tenant = caller.require(Scopes.JOBS_READ).tenantId();
        var image = images.find(tenant, id).await().indefinitely().orElseThrow(() -> Problems.notFound("image", id));
        try {
            byte[] bytes = blobs.get(image.blobKey()).orElseThrow(() -> Problems.notFound("image content", id));
            return Response.ok(bytes, image.contentType())
                    .header("Cache-Control", "private, max-age=31536000, immutable")
                    .header("ETag", "\"" + image.sha256() + "\"")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response created(io.realskin.gateway.domain.Image image) {
        return Response.created(URI.create("/v1/images/" + image.id())).entity(ImageView.of(image)).build();
    }
}
