package io.realskin.contracts;

/**
 * Value payload on texture.requests. Images travel as blob keys (claim check), never as bytes.
 *
 * @param maskKey      required for {@link TextureOperation#LOCAL}: a PNG, white = work here
 * @param referenceKey for {@link TextureOperation#REFERENCE}: a real photograph whose skin statistics are the target
 * @param profileKey   for {@link TextureOperation#REFERENCE}: a saved texture profile (JSON) instead of a photograph
 * @param intensity    0..100 or "auto"; null means the default of 40
 */
public record TextureRequest(
        TextureOperation operation,
        String imageKey,
        String maskKey,
        String referenceKey,
        String profileKey,
        TextureIntensity intensity,
        Long seed) {

    public TextureIntensity intensityOrDefault() {
        return intensity == null ? TextureIntensity.DEFAULT : intensity;
    }
}
