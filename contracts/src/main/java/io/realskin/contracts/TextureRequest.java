package io.realskin.contracts;

/**
 * Value payload on texture.requests. Images travel as blob keys (claim check), never as bytes.
 *
 * @param maskKey      required for {@link TextureOperation#LOCAL}: a PNG, white = work here
 * @param referenceKey for {@link TextureOperation#REFERENCE}: a real photograph whose skin statistics are the target
 * @param profileKey   for {@link TextureOperation#REFERENCE}: a saved texture profile (JSON) instead of a photograph
 * @param intensity    0..100; null means the default of 40
 * @param autoIntensity true: the engine picks each face's level (intensity is then ignored); null means false
 * @param upscale      for {@link TextureOperation#SOURCE_RESTORE}: 1 or 2; null means 2
 * @param denoise      for {@link TextureOperation#SOURCE_RESTORE}: "auto" or "off"; null means auto
 * @param outputFormat for the restores: {@value #JPEG} or {@value #PNG}; null means the input's format (a JPEG's own
 *                     quantisation keeps less of the added texture the lower its quality: PNG keeps all of it)
 */
public record TextureRequest(
        TextureOperation operation,
        String imageKey,
        String maskKey,
        String referenceKey,
        String profileKey,
        Integer intensity,
        Long seed,
        Integer upscale,
        String denoise,
        Boolean autoIntensity,
        String outputFormat) {

    public static final int DEFAULT_INTENSITY = 40;
    public static final String JPEG = "jpeg";
    public static final String PNG = "png";

    /** A texture request without source-restore options. */
    public TextureRequest(TextureOperation operation, String imageKey, String maskKey, String referenceKey,
                          String profileKey, Integer intensity, Long seed) {
        this(operation, imageKey, maskKey, referenceKey, profileKey, intensity, seed, null, null, null);
    }

    /** A texture request without auto intensity. */
    public TextureRequest(TextureOperation operation, String imageKey, String maskKey, String referenceKey,
                          String profileKey, Integer intensity, Long seed, Integer upscale, String denoise) {
        this(operation, imageKey, maskKey, referenceKey, profileKey, intensity, seed, upscale, denoise, null);
    }

    /** A texture request in the input's format. */
    public TextureRequest(TextureOperation operation, String imageKey, String maskKey, String referenceKey,
                          String profileKey, Integer intensity, Long seed, Integer upscale, String denoise,
                          Boolean autoIntensity) {
        this(operation, imageKey, maskKey, referenceKey, profileKey, intensity, seed, upscale, denoise, autoIntensity, null);
    }

    public int upscaleOrDefault() {
        return upscale == null ? 2 : upscale;
    }

    public boolean denoiseOrDefault() {
        return !"off".equals(denoise);
    }

    public boolean autoIntensityOrDefault() {
        return Boolean.TRUE.equals(autoIntensity);
    }

    public int intensityOrDefault() {
        return intensity == null ? DEFAULT_INTENSITY : intensity;
    }
}
