package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * How the skin's fine-band energy is spread over the face, on the mask core at the analysis scale. The local energy
 * is the fine band (luminance minus its sigma-1 blur) squared and averaged over 9x9 pixels (about 1/28 of the face
 * width):
 *
 * @param unevenness std of the log local energy. A photograph's skin never runs out of fine detail (grain and pores
 *                   keep a floor everywhere), so its log energy varies little; smoothed or generated skin is empty over
 *                   large areas and keeps detail only at a few edges (lash line, wrinkles, moles), which spreads it
 * @param energyVsLuminance correlation of the log local energy with the log of the sigma-4 blurred luminance. In a
 *                          photograph the fine band is stronger where the skin is darker (the tone curve lifts the
 *                          shadows' sensor noise; relief shades the side turned from the light): negative. A texture
 *                          painted on independently of the shading gives about 0
 */
public record TextureSpread(double unevenness, double energyVsLuminance) {
    static final int WINDOW = 9;
    static final double SHADING_SIGMA = 4;

    static TextureSpread measure(Mat gray, Mat skinWeight) {
        Mat core = new Mat(), b1 = new Mat(), fine = new Mat(), local = new Mat(), shading = new Mat();
        try {
            Imgproc.threshold(skinWeight, core, 0.5, 255, Imgproc.THRESH_BINARY);
            core.convertTo(core, CvType.CV_8U);
            Imgproc.GaussianBlur(gray, b1, new Size(0, 0), SkinStatistics.FINE_SIGMA);
            Core.subtract(gray, b1, fine);
            Core.multiply(fine, fine, local);
            Imgproc.boxFilter(local, local, -1, new Size(WINDOW, WINDOW));
            Imgproc.GaussianBlur(gray, shading, new Size(0, 0), SHADING_SIGMA);
            float[] lv = MatArrays.floats(local), sv = MatArrays.floats(shading);
            byte[] cv = MatArrays.bytes(core);
            PairedMoments energyAndShading = new PairedMoments();
            for (int i = 0; i < lv.length; i++) {
                if (cv[i] == 0) continue;
                energyAndShading.add(Math.log(Math.max(1e-4, lv[i])), Math.log(Math.max(1, sv[i])));
            }
            if (energyAndShading.count() == 0) return new TextureSpread(0, 0);
            return new TextureSpread(energyAndShading.stdX(), energyAndShading.correlation());
        } finally {
            core.release();
            b1.release();
            fine.release();
            local.release();
            shading.release();
        }
    }
}
