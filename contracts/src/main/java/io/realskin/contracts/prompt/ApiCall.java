package io.realskin.contracts.prompt;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/** A public gateway call; {@code {braces}} in the path or body are placeholders for the caller's ids. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The public API call (through the gateway) that performs a fix")
public record ApiCall(
        @Schema(examples = "POST") String method,
        @Schema(examples = "/v1/jobs") String path,
        @Schema(description = "JSON body; absent for calls without one") Map<String, Object> body,
        @Schema(description = "The call on one line", examples = "POST /v1/jobs {\"type\":\"texture-restore\",\"imageId\":\"{imageId}\",\"intensity\":40}")
        String call) {
}
