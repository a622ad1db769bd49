package io.realskin.texture.engine;

/**
 * What a restore did to one face. Energies are the skin's fine-band energy at the analysis scale relative to its
 * squared luminance ({@link SkinStatistics#fineEnergy()}).
 *
 * @param x face box in image pixels
 * @param level the intensity applied to this face, 0..100 (50 = its target; lower when clamped or already textured;
 *        for an auto restore the level the engine chose)
 * @param target the face's target energy ({@link TextureTarget})
 * @param before energy of the input's skin
 * @param after energy of the output's skin
 * @param clamped true when the clamp ({@link TextureTarget#CLAMP} x the target) limited what was added
 */
public record FaceOutcome(int x, int y, int width, int height, double level, double target, double before, double after,
                          boolean clamped) {
    /** After / target: 1 = exactly the target, the real-photo band is 0.8 .. 1.25. */
    public double afterOverTarget() {
        return target > 0 ? after / target : Double.NaN;
    }
}
