package io.realskin.prompt.rest;

import io.realskin.contracts.prompt.EnhanceRequest;
import io.realskin.contracts.prompt.LintRequest;
import io.realskin.contracts.prompt.PromptExamples;
import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.Intent;
import io.realskin.contracts.prompt.LintReport;
import io.realskin.prompt.domain.PromptProblems;
import io.realskin.prompt.domain.WireValues;
import io.realskin.prompt.service.ModelCatalog;
import io.realskin.prompt.service.PromptEnhancer;
import io.realskin.prompt.service.PromptLinter;
import io.realskin.prompt.service.PromptMetrics;
import io.realskin.support.problem.Problem;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Prompt texture rewriting and lint. Pure computation: runs on the event loop. */
@Path("/prompts")
@Tag(name = "prompts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@NonBlocking
public class PromptResource {

    private final PromptEnhancer enhancer;
    private final PromptLinter linter;
    private final ModelCatalog catalog;
    private final PromptMetrics metrics;

    public PromptResource(PromptEnhancer enhancer, PromptLinter linter, ModelCatalog catalog, PromptMetrics metrics) {
        this.enhancer = enhancer;
        this.linter = linter;
        this.catalog = catalog;
        this.metrics = metrics;
    }

    @POST
    @Path("/enhance")
    @Operation(summary = "Rewrite a prompt for photographed skin",
            description = "Abstract quality words become photographic specifics, missing texture and anti-smoothing "
                    + "language is added, and a lens or film anchor is added when the prompt has none. Subject, pose, "
                    + "wardrobe, makeup and light words stay word for word; enhancing twice changes nothing; a prompt "
                    + "without a person comes back unchanged with a note.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EnhanceRequest.class),
            examples = @ExampleObject(name = "seed headshot", value = PromptExamples.ENHANCE_REQUEST)))
    @APIResponse(responseCode = "200", description = "The enhanced prompt",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Enhancement.class),
                    examples = @ExampleObject(name = "seed headshot", value = PromptExamples.ENHANCE_RESPONSE)))
    @APIResponse(responseCode = "400", description = "Empty or too long prompt, unknown intent or model, malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {
                            @ExampleObject(name = "prompt-empty", value = PromptExamples.PROBLEM_EMPTY),
                            @ExampleObject(name = "prompt-too-long", value = PromptExamples.PROBLEM_TOO_LONG),
                            @ExampleObject(name = "unknown-value", value = PromptExamples.PROBLEM_UNKNOWN_INTENT),
                            @ExampleObject(name = "invalid-request", value = PromptExamples.PROBLEM_INVALID)}))
    public Enhancement enhance(EnhanceRequest request) {
        if (request == null) {
            throw PromptProblems.missingField("prompt");
        }
        Intent intent = WireValues.parse(Intent.class, "intent", request.intent());
        ImageModel model = request.model() == null || request.model().isBlank() ? null : catalog.find(request.model().trim());
        Enhancement result = enhancer.enhance(request.prompt(), model, intent);
        metrics.enhanced(result);
        return result;
    }

    @POST
    @Path("/lint")
    @Operation(summary = "Score a prompt's plastic-skin risk",
            description = "Risk 0-100 with the risky words located by UTF-16 offsets (prompt.substring(start, end) == text) "
                    + "and the texture, anti-smoothing and lens language the prompt lacks.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LintRequest.class),
            examples = @ExampleObject(name = "risky", value = PromptExamples.LINT_REQUEST)))
    @APIResponse(responseCode = "200", description = "The lint report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LintReport.class),
                    examples = @ExampleObject(name = "risky", value = PromptExamples.LINT_RESPONSE)))
    @APIResponse(responseCode = "400", description = "Empty or too long prompt, unknown intent, malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {
                            @ExampleObject(name = "prompt-empty", value = PromptExamples.PROBLEM_EMPTY),
                            @ExampleObject(name = "prompt-too-long", value = PromptExamples.PROBLEM_TOO_LONG),
                            @ExampleObject(name = "unknown-value", value = PromptExamples.PROBLEM_UNKNOWN_INTENT)}))
    public LintReport lint(LintRequest request) {
        if (request == null) {
            throw PromptProblems.missingField("prompt");
        }
        LintReport report = linter.lint(request.prompt(), WireValues.parse(Intent.class, "intent", request.intent()));
        metrics.linted(report);
        return report;
    }
}
