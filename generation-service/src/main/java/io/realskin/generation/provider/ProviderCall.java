package io.realskin.generation.provider;

import java.util.List;

/**
 * What one job asks of a provider, already in the provider's terms of size but not of wire format.
 *
 * @param providerModel the provider's own model name (the model table's {@code providerModel})
 * @param width         wanted output width; each adapter maps it to what its API takes
 * @param references    texture reference photographs (generate), weight 0.4..0.6 each
 * @param edit          the image and mask of a skin-inpaint job; null for generate
 * @param outputFormat  {@code jpeg} or {@code png}: the format to ask for where the API lets the caller choose
 */
public record ProviderCall(String providerModel, String prompt, int width, int height, List<Reference> references, Edit edit,
                           Long seed, String outputFormat) {
    /**
     * The quality of a JPEG answer where the API takes one (OpenAI's {@code output_compression}): high enough that pores
     * and fine hair survive the provider's encoder, which the texture pass and the plastic-skin score both read.
     */
    public static final int JPEG_QUALITY = 95;

    public record Reference(byte[] bytes, String contentType, double weight) {
    }

    /**
     * @param image             the image to rework, upright, in a format every provider reads (JPEG, PNG or WebP)
     * @param maskWhiteIsEdit   8-bit grayscale PNG of the image's size: white = rework here (BFL's convention)
     * @param maskAlphaZeroIsEdit RGBA PNG of the image's size: alpha 0 = rework here (OpenAI's convention)
     */
    public record Edit(byte[] image, String contentType, int width, int height, byte[] maskWhiteIsEdit, byte[] maskAlphaZeroIsEdit) {
    }

    public boolean isEdit() {
        return edit != null;
    }

    /** The mean reference weight, or 0 without references. */
    public double referenceWeight() {
        return references.stream().mapToDouble(Reference::weight).average().orElse(0);
    }
}
