package io.realskin.prompt.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** OpenAPI document of the service (served at /q/openapi). */
@OpenAPIDefinition(
        info = @Info(title = "RealSkin prompt-service", version = "1.0.0",
                description = "Prompt texture rewriting and lint, the image-model catalogue and recommendations, and the "
                        + "plastic-skin fix advisor. Reached publicly through the gateway under /v1. Every error is "
                        + "RFC 9457 application/problem+json with a stable `type` URI under https://realskin.io/problems/."),
        tags = {
                @Tag(name = "prompts", description = "Rewrite and lint prompts for photographed skin"),
                @Tag(name = "models", description = "Image-model catalogue and recommendations"),
                @Tag(name = "advice", description = "Which plastic-skin fix to apply, in order")
        })
public class PromptServiceApi extends Application {
}
