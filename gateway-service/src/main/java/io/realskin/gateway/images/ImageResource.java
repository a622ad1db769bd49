package io.realskin.gateway.images;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.realskin.contracts.billing.BillingExamples;
import io.realskin.contracts.blob.BlobStore;
import io.realskin.gateway.auth.Caller;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.rest.BodyBudget;
import io.realskin.gateway.rest.Cursors;
import io.realskin.gateway.idempotency.Idempotent;
import io.realskin.gateway.rest.PacedBody;
import io.realskin.gateway.rest.Params;
import io.realskin.gateway.rest.UploadedFiles;
import io.realskin.gateway.rest.Validators;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/v1/images")
@Tag(name = "Images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {
    private static final Logger LOG = Logger.getLogger(ImageResource.class);
    private final ImageService service;
    private final ImageDeletion deletion;
    private final ImageRepository images;
    private final StorageUsageRepository usage;
    private final StorageQuota quota;
    private final GatewayConfig config;
    private final BlobStore blobs;
    private final CallerContext caller;
    private final AnalysisAnswers analyses;
    private final BodyBudget bodies;
    private final CurrentVertxRequest current;

    public ImageResource(ImageService service, ImageDeletion deletion, ImageRepository images, StorageUsageRepository usage,
                         StorageQuota quota, GatewayConfig config, BlobStore blobs, CallerContext caller, AnalysisAnswers analyses,
                         BodyBudget bodies, CurrentVertxRequest current) {
        this.service = service;
        this.deletion = deletion;
        this.images = images;
        this.usage = usage;
        this.quota = quota;
        this.config = config;
        this.blobs = blobs;
        this.caller = caller;
        this.analyses = analyses;
        this.bodies = bodies;
        this.current = current;
    }

    @POST
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    @Blocking
    @Idempotent
    @APIResponse(responseCode = "201", description = "Stored", headers = @Header(name = HttpHeaders.LOCATION, description = "the image, /v1/images/{id}", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImageView.class), examples = @ExampleObject(name = "image", value = ApiExamples.IMAGE)))
    @APIResponse(responseCode = "413", description = "Over 30 MiB or 50 megapixels", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "image-too-large", value = ApiExamples.PROBLEM_TOO_LARGE)))
    @APIResponse(responseCode = "409", description = "Over the tenant's storage quota, or the first request with this "
            + "Idempotency-Key is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "storage-quota-exceeded", value = ApiExamples.PROBLEM_STORAGE_QUOTA),
                    @ExampleObject(name = "idempotency-in-progress", value = ApiExamples.PROBLEM_IDEMPOTENCY_RUNNING)}))
    @APIResponse(responseCode = "415", description = "Not a JPEG, PNG, WebP or TIFF, or truncated", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "unsupported-image", value = ApiExamples.PROBLEM_UNSUPPORTED_IMAGE)))
    @Operation(operationId = "uploadImage", summary = "Upload an image: the raw body, or a multipart field named file", description = "JPEG, PNG, WebP or TIFF, sniffed from the bytes (a body without a Content-Type is the raw image); "
            + "at most 30 MiB and 50 megapixels, checked from the header before any decode. Originals never change. "
            + "An upload that would take the tenant's stored images over its storage quota (10 GiB) is 409 "
            + "storage-quota-exceeded, before anything is stored. Scope jobs:write. Honours Idempotency-Key.")
    @RequiresScope(Scopes.JOBS_WRITE)
    public Response uploadRaw(byte[] body, @Parameter(description = EXPIRE_UNUSED, schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("expireUnused") String expireUnused) {
        return created(service.upload(caller.get().tenantId(), caller.get().keyId(), body, unusedFor(expireUnused)));
    }

    private static final String EXPIRE_UNUSED = "true: the upload is for one job (a mask): deleted unless a job names it within "
            + "25 h (realskin.images.unused-upload-lifetime). false (the default): kept until deleted";

    /** How long an upload waits for a job to name it (expireUnused=true), or null: it is kept. */
    private java.time.Duration unusedFor(String expireUnused) {
        return Params.flag("expireUnused", expireUnused) ? config.images().unusedUploadLifetime() : null;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Blocking
    @Idempotent
    @APIResponse(responseCode = "201", description = "Stored", headers = @Header(name = HttpHeaders.LOCATION, description = "the image, /v1/images/{id}", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImageView.class), examples = @ExampleObject(name = "image", value = ApiExamples.IMAGE)))
    @Operation(operationId = "uploadImage", summary = "Upload an image: the raw body, or a multipart field named file")
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = ImageForm.class)))
    @RequiresScope(Scopes.JOBS_WRITE)
    public Response uploadMultipart(@RestForm("file") List<FileUpload> files, // a list, to refuse a second one
                                    @Parameter(description = EXPIRE_UNUSED, schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("expireUnused") String expireUnused) {
        String tenant = caller.get().tenantId();
        String key = caller.get().keyId();
        java.time.Duration unusedFor = unusedFor(expireUnused);
        if (files == null || files.isEmpty()) {
            throw Problems.invalidField("file", "the multipart body has no field named file");
        }
        if (files.size() > 1) { // one was stored and the others dropped without a word
            throw Problems.invalidField("file", "the multipart body has " + files.size()
                    + " fields named file; send one image per request");
        }
        FileUpload file = files.get(0);
        if (UploadedFiles.size(file.uploadedFile()) > 30L * 1024 * 1024) {
            throw Problems.imageTooLarge("the file is over 30 MiB");
        }
        return created(service.upload(tenant, key, UploadedFiles.read(file.uploadedFile()), unusedFor));
    }

    @GET
    @Operation(operationId = "listImages", summary = "The tenant's images, newest first, and its storage usage", description = "Cursor pagination: pass "
            + "nextCursor as cursor for the next page. usage: the bytes of the tenant's images (each image counted, uploads in "
            + "progress included), its storage quota and how many images it has (all of the tenant's, whatever the filter). "
            + "Filter: createdBy (the API key that uploaded the image or submitted the job whose result it is: a key of "
            + "another tenant, or none, matches no image). Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImagePage.class), examples = @ExampleObject(name = "page", value = ApiExamples.IMAGE_PAGE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<ImagePage> list(@Parameter(description = "only the images this API key (key_…) uploaded or its jobs produced; "
                                       + "a key the tenant does not have matches none") @QueryParam("createdBy") String createdBy,
                               @QueryParam("cursor") String cursor, @Parameter(description = Params.LIMIT_DOC,
                                               schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
                                       @QueryParam("limit") String limit) {
        String tenant = caller.get().tenantId();
        String key = Params.queryId("createdBy", createdBy);
        int size = Params.pageSize(limit, 20, config.jobs().maxPageSize());
        Cursors.Position after = cursor == null ? null : Cursors.decode(cursor);
        return Uni.combine().all().unis(
                        images.list(tenant, key, after == null ? null : after.createdAt(), after == null ? null : after.id(), size),
                        usage.usage(tenant))
                .with((page, stored) -> new ImagePage(page.stream().map(ImageView::of).toList(),
                        Cursors.next(page, size, Image::createdAt, Image::id),
                        quota.usage(stored.usedBytes(), stored.images())));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImage", summary = "An image's metadata", description = "Scope jobs:read. Another tenant's image is 404.")
    @APIResponse(responseCode = "200", description = "The image", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ImageView.class), examples = @ExampleObject(name = "image", value = ApiExamples.IMAGE)))
    @RequiresScope(Scopes.JOBS_READ)
    public Uni<ImageView> get(@PathParam("id") String id) {
        String tenant = caller.get().tenantId();
        return images.find(tenant, Params.pathId("image", id)).map(found -> ImageView.of(found.orElseThrow(() -> Problems.notFound("image", id))));
    }

    @DELETE
    @Path("/{id}")
    @Blocking
    @Idempotent
    @Operation(operationId = "deleteImage", summary = "Delete an image", description = "The image's row goes, and its bytes from the blob store when no "
            + "other image of the tenant holds the same bytes; afterwards the image, its content and its analysis are 404. "
            + "Jobs that have ended keep their records. While a queued or running job needs the image, 409 image-in-use "
            + "names the jobs. Scope jobs:write. Honours Idempotency-Key.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "A queued or running job needs the image", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "image-in-use", value = ApiExamples.PROBLEM_IMAGE_IN_USE)))
    @RequiresScope(Scopes.JOBS_WRITE)
    public Response delete(@PathParam("id") String id) {
        deletion.delete(caller.get().tenantId(), Params.pathId("image", id));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/analysis")
    @Blocking
    @Operation(operationId = "getImageAnalysis", summary = "The image's plastic-skin analysis", description = "200 with the score (0 = photographic, 1 = waxy) "
            + "when the image's latest analyze job has completed. Otherwise 202 with that job: queued or running (with "
            + "Retry-After), or failed or canceled (its status and error; asking again answers the same job: POST /v1/jobs "
            + "{type: analyze, imageId} starts a new analysis, which this route then follows). An image never analysed gets "
            + "one started now (that needs jobs:write and is billed as an analyze job). Prefer: wait=N waits for it. "
            + "Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "The analysis",
            headers = @Header(name = "Preference-Applied", description = "wait=N: the wait of Prefer it honoured",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AnalysisView.class), examples = @ExampleObject(name = "analysis", value = ApiExamples.ANALYSIS)))
    @APIResponse(responseCode = "202", description = "Being analysed, or the latest analysis failed or was canceled",
            headers = {
                    @Header(name = HttpHeaders.LOCATION, description = "the analyze job, /v1/jobs/{id}", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Preference-Applied", description = "wait=N: the wait of Prefer it honoured",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Retry-After", description = "while the job is queued or running: the seconds to wait before asking again (2)",
                            schema = @Schema(type = SchemaType.INTEGER))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnalysisView.class),
            examples = {@ExampleObject(name = "running", value = ApiExamples.ANALYSIS_RUNNING),
                    @ExampleObject(name = "failed", value = ApiExamples.ANALYSIS_FAILED)}))
    // an image never analysed gets an analyze job: that job's hold and the tenant's cap on unfinished jobs answer here
    @APIResponse(responseCode = "402", description = "Not enough credits for the analyze job it starts", content = @Content(
            mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "insufficient-credits",
            value = BillingExamples.PROBLEM_INSUFFICIENT_CREDITS)))
    @APIResponse(responseCode = "404", description = "No such image of the tenant, or billing has no account for the tenant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no-billing-account",
            value = ApiExamples.PROBLEM_NO_BILLING_ACCOUNT)))
    @APIResponse(responseCode = "429", description = "Rate limit used up, or the plan's cap on unfinished jobs reached by the analyze "
            + "job it starts", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "too-many-jobs",
            value = ApiExamples.PROBLEM_TOO_MANY_JOBS)))
    @RequiresScope(Scopes.JOBS_READ)
    public Response analysis(@PathParam("id") String id, @Parameter(description = "wait=N: answer when the analysis ends, at most N (<= 60) seconds",
            schema = @Schema(type = SchemaType.STRING)) @HeaderParam("Prefer") List<String> prefer) {
        Caller who = caller.get();
        return analyses.analysis(who, Params.pathId("image", id), prefer);
    }

    /** The GET's status and headers without starting an analysis or waiting (the GET may start a billed job). */
    @HEAD
    @Path("/{id}/analysis")
    @Blocking
    @Operation(hidden = true)
    @RequiresScope(Scopes.JOBS_READ)
    public Response analysisHeaders(@PathParam("id") String id) {
        return analyses.withoutStarting(caller.get(), Params.pathId("image", id));
    }

    @GET
    @Path("/{id}/content")
    @Produces("image/*")
    @Blocking
    @Operation(operationId = "getImageContent", summary = "An image's bytes", description = "The bytes as stored; they never change. ETag \"<sha256>\", "
            + "Cache-Control private, a year, immutable. With If-None-Match naming the ETag (or *), 304 with no body: "
            + "nothing is read or sent. Scope jobs:read. Another tenant's image is 404, whatever If-None-Match says.")
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = Validators.IF_NONE_MATCH_DOC,
            schema = @Schema(type = SchemaType.STRING))
    @APIResponse(responseCode = "200", description = "The image", headers = {
            @Header(name = "ETag", description = "\"<sha256>\"", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = "private, max-age=31536000, immutable", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "image/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = Validators.NOT_MODIFIED_DOC, headers = {
            @Header(name = "ETag", description = "\"<sha256>\"", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = "private, max-age=31536000, immutable", schema = @Schema(type = SchemaType.STRING))})
    @RequiresScope(Scopes.JOBS_READ)
    public RestMulti<byte[]> content(@PathParam("id") String id) {
        String tenant = caller.get().tenantId();
        var image = images.find(tenant, Params.pathId("image", id)).await().atMost(config.database().timeout())
                .orElseThrow(() -> Problems.notFound("image", id));
        Validators validators = contentValidators(image);
        validators.answerNotModifiedIfCurrent(current.getCurrent()); // before the budget and the blob store
        Runnable giveBack = bodies.takeForAnswerBody(current.getCurrent(), tenant, image.bytes()); // the content is sent from memory
        try {
            byte[] bytes = blobs.get(image.blobKey()).orElseThrow(() -> Problems.notFound("image content", id));
            return PacedBody.of(current.getCurrent(), bytes, image.contentType(), validators.headers(), giveBack);
        } catch (IOException e) {
            LOG.warnf("image %s not read: %s", id, e.getMessage());
            throw Problems.unavailable("blob store");
        }
    }

    /**
     * The GET's headers without its bytes: without this route JAX-RS answers a HEAD by running the GET, which reads
     * the whole blob from the store to throw it away.
     */
    @HEAD
    @Path("/{id}/content")
    @Produces("image/*")
    @Blocking
    @Operation(operationId = "headImageContent", summary = "An image's headers", description = "Content-Type, Content-Length, ETag and Cache-Control of the "
            + "GET, with no body; the blob store is not read. Scope jobs:read.")
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, description = Validators.IF_NONE_MATCH_DOC,
            schema = @Schema(type = SchemaType.STRING))
    @RequiresScope(Scopes.JOBS_READ)
    public Response contentHeaders(@PathParam("id") String id) {
        String tenant = caller.get().tenantId();
        var image = images.find(tenant, Params.pathId("image", id)).await().atMost(config.database().timeout())
                .orElseThrow(() -> Problems.notFound("image", id));
        Validators validators = contentValidators(image);
        validators.answerNotModifiedIfCurrent(current.getCurrent());
        Response.ResponseBuilder ok = Response.ok().type(image.contentType()).header(HttpHeaders.CONTENT_LENGTH, image.bytes());
        validators.headers().forEach(ok::header);
        return ok.build();
    }

    /** The blob key is the bytes' SHA-256: they never change under this id. */
    private static Validators contentValidators(Image image) {
        return new Validators("\"" + image.sha256() + "\"", "private, max-age=31536000, immutable");
    }

    /** The multipart body as the OpenAPI document shows it: one file (the route takes a list only to refuse a second). */
    @Schema(name = "ImageUploadForm")
    public record ImageForm(@Schema(type = SchemaType.STRING, format = "binary", required = true,
            description = "the image; one part named file") String file) {
    }

    private static Response created(Image image) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/v1/images/" + image.id()).entity(ImageView.of(image)).build();
    }
}
