package io.realskin.texture.engine;

/**
 * Proof of where a restore changed pixels, for the client: how many pixels differ between the decoded input and the
 * output pixels, their bounding box, and a SHA-256 of the decoded pixels outside the mask, taken before and after
 * (equal by construction: the engine throws rather than return a receipt whose hashes differ).
 * <p>
 * The hash is {@link PixelHash}: rows top to bottom, each pixel's samples in R, G, B(, A) order (gray: one sample),
 * 8-bit samples as one byte, 16-bit as two bytes big-endian (as PNG stores them), every sample of a pixel inside the
 * mask replaced by 0. The mask is the client's own mask in local mode ({@code mask: "user"}: its pixels above 0,
 * stretched to the image as the engine reads it) and the engine's skin mask otherwise ({@code mask: "skin"}). With
 * the output written losslessly (PNG), a client decodes both images, zeroes its mask and compares.
 *
 * @param pixelsChanged pixels whose value differs in any sample between input and output
 * @param changedBox bounding box of those pixels; null when none changed
 * @param mask "user" or "skin": which mask the hashes leave out
 * @param maskPixels pixels inside that mask
 * @param outsideSha256Before hex SHA-256 of the input's pixels outside the mask
 * @param outsideSha256After hex SHA-256 of the output's pixels outside the mask
 */
public record LocalityReceipt(long pixelsChanged, Box changedBox, String mask, long maskPixels, String outsideSha256Before,
                              String outsideSha256After) {
    public static final String USER_MASK = "user";
    public static final String SKIN_MASK = "skin";

    /** A pixel rectangle. */
    public record Box(int x, int y, int width, int height) {
    }

    public boolean outsideUnchanged() {
        return outsideSha256Before.equals(outsideSha256After);
    }
}
