package io.realskin.gateway.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.vertx.http.Uncompressed;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.auth.Scopes;
import io.realskin.gateway.rest.ApiExamples;
import io.realskin.gateway.auth.CallerContext;
import io.realskin.gateway.rest.Cursors;
import io.realskin.gateway.rest.OpenApiProblems;
import io.realskin.gateway.idempotency.HoldsSecret;
import io.realskin.gateway.idempotency.Idempotent;
import io.realskin.gateway.problems.Problems;
import io.realskin.gateway.rest.Params;
import io.realskin.gateway.auth.RequiresScope;
import io.realskin.gateway.webhooks.WebhookRepository.Attempt;
import io.realskin.gateway.webhooks.WebhookRepository.Delivery;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's webhook endpoint, its signing secrets, and the delivery log. */
@Path("/v1/webhooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {
    /** realskin.database.timeout: how long a delivery page waits for the database. */
    private final Duration dbTimeout;

    private final WebhookService webhooks;
    private final WebhookRepository repository;
    private final CallerContext caller;
    private final GatewayConfig config;

    public WebhookResource(WebhookService webhooks, WebhookRepository repository, CallerContext caller, GatewayConfig config) {
        this.dbTimeout = config.database().timeout();
        this.webhooks = webhooks;
        this.repository = repository;
        this.caller = caller;
        this.config = config;
    }

    /**
     * The body of the PUT: {@code url} must be in it, a URL or null. Its presence is remembered because a body without
     * it (a misspelt {@code webhookUrl}, {@code {}}) read as null and removed the tenant's endpoint without a word.
     */
    public static final class EndpointRequest {
        @Size(max = 2000)
        @Schema(required = true, nullable = true, maxLength = 2000, description = "https URL of the endpoint; null removes it")
        private String url;
        @Schema(hidden = true) // whether url was in the body; no field of it (a body that sends one is 400)
        private boolean given;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
            this.given = true;
        }

        boolean given() {
            return given;
        }
    }

    public record SecretView(String id, Instant createdAt,
                             @Schema(nullable = true, description = "when it stops signing; null for the newest") Instant expiresAt) {
    }

    public record SettingsView(@Schema(nullable = true, description = "the endpoint; null when none is set") String url,
                               List<SecretView> secrets) {
        static SettingsView of(WebhookService.Settings s) {
            return new SettingsView(s.url(), s.secrets().stream().map(x -> new SecretView(x.id(), x.createdAt(), x.expiresAt())).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewSecretView(String id, String secret, Instant previousSecretsExpireAt) implements HoldsSecret {
    }

    public record AttemptView(int attempt, Instant at,
                              @Schema(nullable = true, description = "the receiver's HTTP status; null when none came") Integer statusCode,
                              @Schema(nullable = true, description = "what went wrong, when it did") String error, int durationMs) {
    }

    public record DeliveryView(String id, @Schema(nullable = true) String jobId, String type, String url, String status, int attempts,
                               @Schema(nullable = true, description = "when the next attempt is due; null once the delivery has "
                                       + "finished and while an attempt is in flight") Instant nextAttemptAt,
                               @Schema(nullable = true) Integer lastStatus, @Schema(nullable = true) String lastError,
                               Instant createdAt, @Schema(nullable = true) Instant finishedAt, List<AttemptView> log) {
    }

    public record DeliveryPage(List<DeliveryView> items,
                               @Schema(nullable = true, description = "pass back as cursor for the next page; null on the last") String nextCursor) {
    }

    @GET
    @Blocking
    @Operation(operationId = "getWebhookSettings", summary = "Your webhook endpoint and signing secrets (ids only)", description = "Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "Settings", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SettingsView.class), examples = @ExampleObject(name = "settings", value = ApiExamples.WEBHOOK_SETTINGS)))
    @RequiresScope(Scopes.JOBS_READ)
    public SettingsView get() {
        return SettingsView.of(webhooks.settings(caller.get().tenantId()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Extension(name = OpenApiProblems.CHECKS_WEBHOOK_URL, value = "true")
    @Operation(operationId = "setWebhookEndpoint", summary = "Set (or with url null, remove) the default endpoint for your jobs' webhooks",
            description = "https only, and the host must resolve to public addresses only: loopback, private, link-local and "
                    + "cloud metadata addresses are refused (400 webhook-url-refused). The body must name url (a URL of at "
                    + "most 2000 characters, or null to remove the endpoint): a body without it is 400. Scope jobs:write.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EndpointRequest.class),
            examples = @ExampleObject(name = "endpoint", value = ApiExamples.WEBHOOK_ENDPOINT)))
    @APIResponse(responseCode = "200", description = "Settings", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SettingsView.class), examples = @ExampleObject(name = "settings", value = ApiExamples.WEBHOOK_SETTINGS)))
    @APIResponse(responseCode = "400", description = "URL refused", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "webhook-url-refused", value = ApiExamples.PROBLEM_WEBHOOK_URL)))
    @RequiresScope(Scopes.JOBS_WRITE)
    public SettingsView put(@Valid @NotNull EndpointRequest request) {
        if (!request.given()) {
            throw Problems.invalidField("url", "url is required: the endpoint's https URL, or null to remove it");
        }
        String tenant = caller.get().tenantId();
        return SettingsView.of(webhooks.setEndpoint(tenant, request.getUrl()));
    }

    @POST
    @Path("/secrets")
    @Blocking
    @Idempotent
    @Operation(operationId = "rotateWebhookSecret", summary = "Create or rotate the signing secret", description = "The whsec_ secret is in this answer only. "
            + "Older secrets keep signing (a second v1 signature) until previousSecretsExpireAt (24 h), so receivers switch "
            + "without downtime. Scope jobs:write. Honours Idempotency-Key, but the answer holds the secret, so it is never stored: "
            + "a replay is 409 idempotency-secret-not-replayable.")
    @APIResponse(responseCode = "201", description = "The new secret", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewSecretView.class), examples = @ExampleObject(name = "secret", value = ApiExamples.WEBHOOK_SECRET)))
    @APIResponse(responseCode = "409", description = "Replayed Idempotency-Key: the answer held a secret and was not kept, or the first "
            + "request is still running", content = @Content(mediaType = Problem.MEDIA_TYPE, examples = {
                    @ExampleObject(name = "idempotency-secret-not-replayable", value = ApiExamples.PROBLEM_SECRET_NOT_REPLAYABLE),
                    @ExampleObject(name = "idempotency-in-progress", value = ApiExamples.PROBLEM_IDEMPOTENCY_RUNNING)}))
    @APIResponse(responseCode = "429", description = "realskin.webhooks.max-signing-secrets (5) secrets sign already: every "
            + "delivery is signed with each; Retry-After says when the oldest stops", content = @Content(mediaType = Problem.MEDIA_TYPE,
            examples = @ExampleObject(name = "too-many-webhook-secrets", value = ApiExamples.PROBLEM_TOO_MANY_WEBHOOK_SECRETS)))
    @RequiresScope(Scopes.JOBS_WRITE)
    @Uncompressed // the answer holds a secret: never compressed (BREACH; docs/security.md)
    public Response rotate() {
        String tenant = caller.get().tenantId();
        WebhookService.NewSecret created = webhooks.rotate(tenant);
        return Response.status(Response.Status.CREATED)
                .entity(new NewSecretView(created.id(), created.secret(), created.previousExpireAt())).build();
    }

    @GET
    @Path("/deliveries")
    @Blocking
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log, newest first", description = "Each delivery with every attempt: when, HTTP status "
            + "or error, duration. Retries follow 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (+-10 % jitter; longer when a "
            + "receiver's 429 or 503 asks so with Retry-After, up to 10 h); nextAttemptAt is "
            + "when the next is due, null once the delivery has finished and while an attempt is in flight. Filter jobId; "
            + "cursor pagination. Scope jobs:read.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeliveryPage.class), examples = @ExampleObject(name = "deliveries", value = ApiExamples.WEBHOOK_DELIVERIES)))
    @RequiresScope(Scopes.JOBS_READ)
    public DeliveryPage deliveries(@QueryParam("jobId") String jobId, @QueryParam("cursor") String cursor,
                                   @Parameter(description = Params.LIMIT_DOC,
                                           schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
                                   @QueryParam("limit") String limit) {
        String tenant = caller.get().tenantId();
        int size = Params.pageSize(limit, 20, config.jobs().maxPageSize());
        Params.queryId("jobId", jobId);
        Cursors.Position after = cursor == null ? null : Cursors.decode(cursor);
        List<Delivery> page = repository.list(tenant, jobId, after == null ? null : after.createdAt(), after == null ? null : after.id(),
                size).await().atMost(dbTimeout);
        Map<String, List<Attempt>> attempts = page.isEmpty() ? Map.of()
                : repository.attempts(page.stream().map(Delivery::id).toList()).await().atMost(dbTimeout).stream()
                        .collect(Collectors.groupingBy(Attempt::deliveryId));
        Instant now = Instant.now();
        // an attempt in flight has no next one yet (its row holds the end of its lease there, not a planned attempt)
        List<DeliveryView> items = page.stream().map(d -> new DeliveryView(d.id(), d.jobId(), d.eventType(), d.url(), d.status(),
                d.attempts(), "pending".equals(d.status()) && !d.inFlight(now) ? d.nextAttemptAt() : null, d.lastStatus(), d.lastError(), d.createdAt(),
                d.finishedAt(), attempts.getOrDefault(d.id(), List.of()).stream()
                        .map(a -> new AttemptView(a.attempt(), a.attemptedAt(), a.statusCode(), a.error(), a.durationMs())).toList()))
                .toList();
        return new DeliveryPage(items, Cursors.next(page, size, Delivery::createdAt, Delivery::id));
    }
}
