package io.realskin.generation.provider;

import java.util.Locale;

/**
 * The words that tell a model how to use texture references (docs/generation.md, "Reference images"): the skin's
 * texture, never the person. The weight 0.4..0.6 becomes how closely.
 */
public final class ReferenceInstruction {
    private ReferenceInstruction() {
    }

    /** The prompt followed by the instruction for {@code count} reference photographs of mean weight {@code weight}. */
    public static String append(String prompt, int count, double weight) {
        if (count == 0) {
            return prompt;
        }
        String how = weight >= 0.55 ? "closely" : weight >= 0.45 ? "moderately" : "lightly";
        String photos = count == 1 ? "The attached photograph is a skin texture reference"
                : "The " + count + " attached photographs are skin texture references";
        return prompt + "\n\n" + photos + String.format(Locale.ROOT, " (weight %.2f): ", weight) + "match the skin texture "
                + how + " (pores, fine lines, natural grain, uneven tone); match the skin texture, not the identity: do not copy "
                + "the face, hair, clothing, pose or background of the reference.";
    }
}
