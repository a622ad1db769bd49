package io.realskin.texture.engine;

/**
 * What the synthesis reads from the photo besides the face's size: where on the face which pores and lines go
 * ({@link SkinZones}, null: the same everywhere), the face's main light (how the micro-relief is shaded) and the
 * blur that matches the texture to the frame's softness ({@link FrameSoftness#extraBlur}, image pixels).
 */
record SynthesisGuide(SkinZones zones, LightDirection light, double blurPx) {
    static final SynthesisGuide NONE = new SynthesisGuide(null, LightDirection.FLAT, 0);
}
