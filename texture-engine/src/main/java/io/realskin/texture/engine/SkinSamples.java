package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/**
 * The discs a face's skin colour is calibrated on (forehead, right cheek, left cheek, at the analysis scale) and which
 * of them hold skin. A disc holds skin when most of its lit pixels are on the skin side of colour space: red at least
 * as strong as green and stronger than blue, which every skin tone is under ordinary light, dark or light (a ratio of
 * channels, so brightness does not move it), and which a blue surgical mask, a scarf in cold colours, a grey or blue
 * bar over the face is not. When at least one disc holds skin, the discs that do not are left out (a cover over them),
 * so the colour model is fitted to the skin that shows; a disc mostly too dark to tell (luminance under {@link #LIT})
 * is kept. When none holds skin (a gray or toned picture, a face in blue light, channels swapped), all three are kept,
 * as before: nothing tells skin from cover there.
 */
final class SkinSamples {
    /** Share of a disc's lit pixels that must be on the skin side for the disc to count as skin. */
    static final double MIN_SKIN_SHARE = 0.7;
    /** Luminance (0..255) from which a pixel's colour is read: darker ones are noise and hair as much as colour. */
    static final double LIT = 25;

    private SkinSamples() {
    }

    /** The discs' centres, in analysis pixels: forehead, right cheek, left cheek. */
    static Point[] centres(FaceRegion r) {
        double d = r.smallEyeDistance();
        SkinMaskBuilder.FaceGeometry g = SkinMaskBuilder.FaceGeometry.of(r);
        return new Point[] {g.at(0, 0.55 * d), g.at(-0.55 * d, -0.6 * d), g.at(0.55 * d, -0.6 * d)};
    }

    static int radius(FaceRegion r) {
        return (int) Math.max(2, Math.round(0.16 * r.smallEyeDistance()));
    }

    /** One disc (8-bit, 255 inside) of the analysis copy's size. */
    static Mat disc(FaceRegion r, Point centre, int radius) {
        Mat m = Mat.zeros(r.smallGray().size(), CvType.CV_8U);
        Imgproc.circle(m, centre, radius, new Scalar(255), -1);
        return m;
    }

    /**
     * The discs that hold skin (8-bit, 255 = sample). When a disc was left out (a cover over the face), the lit pixels
     * off the skin side are left out of the others too: a cover's edge inside a kept disc would widen the colour model
     * until the cover passed. An ordinary face keeps all three discs whole.
     */
    static Mat patches(FaceRegion r) {
        Point[] c = centres(r);
        boolean[] keep = skin(r);
        Mat m = Mat.zeros(r.smallGray().size(), CvType.CV_8U);
        int rad = radius(r);
        boolean all = true;
        for (int i = 0; i < c.length; i++) {
            if (keep[i]) Imgproc.circle(m, c[i], rad, new Scalar(255), -1);
            all &= keep[i];
        }
        if (!all) {
            Mat off = offSkin(r);
            m.setTo(new Scalar(0), off);
            off.release();
        }
        return m;
    }

    /** Lit pixels off the skin side (8-bit, 255 = off skin). */
    private static Mat offSkin(FaceRegion r) {
        List<Mat> tmp = new ArrayList<>();
        try {
            Mat side = track(tmp, skinSide(r, tmp));
            Mat lit = track(tmp, lit(r));
            Mat off = new Mat();
            Core.bitwise_not(side, side);
            Core.bitwise_and(side, lit, off);
            return off;
        } finally {
            for (Mat m : tmp) m.release();
        }
    }

    /** Pixels with red at least green and over blue (8-bit, 255 = skin side). */
    private static Mat skinSide(FaceRegion r, List<Mat> tmp) {
        List<Mat> ch = new ArrayList<>();
        Core.split(r.smallBgr(), ch);
        tmp.addAll(ch);
        Mat redOverBlue = track(tmp, new Mat()), redOverGreen = track(tmp, new Mat()), side = new Mat();
        Core.compare(ch.get(2), ch.get(0), redOverBlue, Core.CMP_GT);
        Core.compare(ch.get(2), ch.get(1), redOverGreen, Core.CMP_GE);
        Core.bitwise_and(redOverBlue, redOverGreen, side);
        return side;
    }

    /** Pixels whose colour can be read, luminance from {@link #LIT} (8-bit, 255 = lit). */
    private static Mat lit(FaceRegion r) {
        Mat lit = new Mat();
        Imgproc.threshold(r.smallGray(), lit, LIT - 0.5, 255, Imgproc.THRESH_BINARY);
        lit.convertTo(lit, CvType.CV_8U);
        return lit;
    }

    /** Which of the three discs hold skin (see the class comment). */
    static boolean[] skin(FaceRegion r) {
        Point[] c = centres(r);
        int rad = radius(r);
        boolean[] skin = new boolean[c.length], undecided = new boolean[c.length];
        List<Mat> tmp = new ArrayList<>();
        try {
            Mat side = track(tmp, skinSide(r, tmp));
            Mat lit = track(tmp, lit(r)), in = track(tmp, new Mat());
            Core.bitwise_and(side, lit, side);
            for (int i = 0; i < c.length; i++) {
                Mat disc = track(tmp, disc(r, c[i], rad));
                int n = Core.countNonZero(disc);
                Core.bitwise_and(lit, disc, in);
                int litN = Core.countNonZero(in);
                Core.bitwise_and(side, disc, in);
                int skinN = Core.countNonZero(in);
                undecided[i] = litN < 0.5 * n;
                skin[i] = !undecided[i] && skinN >= MIN_SKIN_SHARE * litN;
            }
        } finally {
            for (Mat m : tmp) m.release();
        }
        boolean any = false;
        for (int i = 0; i < c.length; i++) any |= skin[i];
        boolean[] keep = new boolean[c.length];
        for (int i = 0; i < c.length; i++) keep[i] = !any || skin[i] || undecided[i];
        return keep;
    }

    private static Mat track(List<Mat> list, Mat m) {
        list.add(m);
        return m;
    }
}
