package io.realskin.generation.provider;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The words that tell a model how to use texture references (docs/generation.md, "Reference images"): the skin's
 * texture, never the person. Each photograph's weight 0.4..0.6 becomes how closely.
 */
public final class ReferenceInstruction {
    private static final String TEXTURE = " (pores, fine lines, natural grain, uneven tone); match the skin texture, not the identity: "
            + "do not copy the face, hair, clothing, pose or background of the reference.";

    private ReferenceInstruction() {
    }

    /**
     * The prompt followed by the instruction for the reference photographs, in the order the provider gets them: one weight
     * for them all when they have one (as two decimals), else each photograph's own, by its place. Until 2026-12-08 every
     * photograph was told the mean of the weights, so of two at 0.6 and 0.4 neither was matched as asked.
     */
    public static String append(String prompt, List<ProviderCall.Reference> references) {
        if (references.isEmpty()) {
            return prompt;
        }
        List<String> weights = references.stream().map(r -> weight(r.weight())).toList();
        // one weight when every photograph reads the same, in number and word (0.449 and 0.45 both read 0.45, not alike)
        if (references.stream().map(r -> weight(r.weight()) + how(r.weight())).distinct().count() == 1) {
            return append(prompt, references.size(), references.get(0).weight());
        }
        String each = IntStream.range(0, references.size())
                .mapToObj(i -> "photograph " + (i + 1) + " (weight " + weights.get(i) + "): match " + how(references.get(i).weight()))
                .collect(Collectors.joining(", "));
        return prompt + "\n\n" + "The " + references.size() + " attached photographs are skin texture references, each with its own "
                + "weight, in the order attached: " + each + "; match the skin texture" + TEXTURE;
    }

    /** The prompt followed by the instruction for {@code count} reference photographs of one weight {@code weight}. */
    public static String append(String prompt, int count, double weight) {
        if (count == 0) {
            return prompt;
        }
        String photos = count == 1 ? "The attached photograph is a skin texture reference"
                : "The " + count + " attached photographs are skin texture references";
        return prompt + "\n\n" + photos + " (weight " + weight(weight) + "): match the skin texture " + how(weight) + TEXTURE;
    }

    private static String how(double weight) {
        return weight >= 0.55 ? "closely" : weight >= 0.45 ? "moderately" : "lightly";
    }

    private static String weight(double weight) {
        return String.format(Locale.ROOT, "%.2f", weight);
    }
}
