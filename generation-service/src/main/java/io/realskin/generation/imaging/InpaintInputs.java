package io.realskin.generation.imaging;

/**
 * What a skin-inpaint job keeps while its provider works, all of it encoded: the image as a provider gets it, the mask
 * in both providers' conventions, the size and the masked share. The decoded pixels they come from are freed before
 * this is returned, so a job waiting for a provider's slot, its answer or a BFL poll holds no native pixels; the
 * composite decodes the image and mask again in its own slot ({@link MaskCompositor#composite(byte[], byte[], byte[])}).
 *
 * @param image               the upload itself when it is upright 8-bit JPEG, PNG or WebP, else a PNG of it (always a PNG
 *                            for a job that may go to OpenAI, whose edits take the image in the mask's format)
 * @param maskWhiteIsEdit     8-bit gray PNG, white wherever the mask is not black (BFL fill)
 * @param maskAlphaZeroIsEdit RGBA PNG, alpha 0 wherever the mask is not black (OpenAI edits)
 * @param maskedFraction      the share of the image the mask reworks, gray counted partly: 0..1
 */
public record InpaintInputs(byte[] image, String contentType, int width, int height, byte[] maskWhiteIsEdit,
                            byte[] maskAlphaZeroIsEdit, double maskedFraction) {
    /**
     * Decodes, derives the inputs and frees the pixels, also when anything throws; run it in a {@link DecodeSlots} slot.
     * With {@code png} the image is always a PNG (a job that may go to OpenAI: {@link InpaintImages#providerImage(boolean)}).
     *
     * @throws io.realskin.imaging.ImageRejectedException as {@link InpaintImages#decode}
     */
    public static InpaintInputs of(byte[] imageBytes, byte[] maskBytes, boolean png) {
        try (InpaintImages decoded = InpaintImages.decode(imageBytes, maskBytes)) {
            if (decoded.maskedFraction() == 0) { // nothing to rework: no provider input is needed
                return new InpaintInputs(null, null, decoded.width(), decoded.height(), null, null, 0);
            }
            return new InpaintInputs(decoded.providerImage(png), decoded.providerContentType(png), decoded.width(), decoded.height(),
                    decoded.maskWhiteIsEdit(), decoded.maskAlphaZeroIsEdit(), decoded.maskedFraction());
        }
    }
}
