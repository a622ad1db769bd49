package io.realskin.gateway.jobs;

import io.realskin.contracts.GenerationRequest;
import io.realskin.gateway.images.Image;
import io.realskin.gateway.problems.Problems;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A generate job's reference images, checked before anything is held (docs/api.md, "Reference images"): each image
 * once (the same photograph twice guides nothing more, and was a way to send one 30 MiB upload fourteen times), and
 * their stored bytes together at most {@link GenerationRequest#MAX_REFERENCE_BYTES}, the bound generation-service
 * enforces too.
 */
final class ReferenceChecks {
    static final String FIELD = "referenceImages";

    private ReferenceChecks() {
    }

    /** 400 naming {@code referenceImages} when an imageId is given twice; before any image is looked up. */
    static void distinct(List<JobSubmission.ReferenceImage> references) {
        Set<String> seen = new HashSet<>();
        for (JobSubmission.ReferenceImage ref : references) {
            if (!seen.add(ref.imageId())) {
                throw Problems.invalidField(FIELD, "referenceImages names image " + ref.imageId() + " more than once; give each image once");
            }
        }
    }

    /** 400 naming {@code referenceImages} and the limit when the images' stored bytes add up to more than it. */
    static void withinBytes(List<Image> images) {
        long total = images.stream().mapToLong(Image::bytes).sum();
        if (total > GenerationRequest.MAX_REFERENCE_BYTES) {
            throw Problems.referencesTooLarge(FIELD, images.size(), total, GenerationRequest.MAX_REFERENCE_BYTES);
        }
    }
}
