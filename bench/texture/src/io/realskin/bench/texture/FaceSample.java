package io.realskin.bench.texture;

import io.realskin.texture.engine.FrameEvidence;
import io.realskin.texture.engine.SkinStatistics;

/**
 * One measured face of the training and benchmark set.
 *
 * @param kind real (a photograph as it is), plasticized (that photograph after {@link Plasticizer}), ai, retouched
 * @param originalFine for a plasticized face: the original photograph's relative fine rms (the target's truth); NaN
 * @param skinWeight the face's skin area in image pixels (the image score's weight)
 */
record FaceSample(Portraits.Entry entry, String kind, int face, SkinStatistics stats, FrameEvidence evidence,
                  double originalFine, double skinWeight) {
    String source() {
        return entry.source();
    }

    /** 1 = plastic (plasticized, AI, retouched), 0 = a real photograph. */
    int label() {
        return kind.equals("real") ? 0 : 1;
    }

    String imageKey() {
        return kind + ":" + entry.file();
    }
}
