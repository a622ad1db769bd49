package io.realskin.gateway.jobs;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a job would cost if submitted now (POST /v1/jobs/quote): its steps and their sum. Nothing is held; the hold at
 * submission is priced again, and answers 402 when the credits do not cover it then.
 *
 * @param credits      the sum of the steps' credits
 * @param priceVersion the price list the quote comes from
 * @param allowed      false when the tenant's plan excludes a step (then {@code reason} says why; submitting is 403)
 */
public record JobQuote(long credits, int priceVersion, boolean allowed,
                       @Schema(nullable = true, description = "why the plan excludes it; null when allowed") String reason, List<Step> steps) {
    /**
     * One step: the job itself, or the texture pass a generate job runs on its image afterwards.
     *
     * @param estimated true when the step is priced before its input exists (a texture pass, at the size the generation
     *                  is planned for): it is held at the real size when it starts; or when it may cost less than
     *                  {@code credits} (a skin-inpaint, held at the most its mask may paint as measured on the mask's
     *                  thumbnail, and captured at what the worker measures on the mask itself)
     */
    public record Step(@Schema(enumeration = {"job", "texture-pass"}) String step, String operation,
                       @Schema(nullable = true, description = "null for a step no image model runs") String model, String tier,
                       double megapixels, long credits, boolean estimated) {
    }
}
