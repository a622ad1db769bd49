package io.realskin.texture.engine;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;

/**
 * Where a face's skin has which texture, laid out from the keypoints at the analysis scale: pore scale and density
 * per region (nose and inner cheeks coarser and denser, forehead and under-eyes finer, eyelids none; lips are outside
 * the skin mask) and the direction of fine lines (forehead and neck across the face, crow's feet radial from the
 * outer eye corners, under-eyes along the lid, a faint diagonal cross-hatch elsewhere). All maps are smooth, so the
 * synthesis resizes them to each band's grid. Owns native memory: close it.
 *
 * @param poreCoarse 0 = fine pores, 1 = coarse pores
 * @param poreDensity 0 = no pores, 1 = dense
 * @param lines weight of the fine-line band along face angle j * 45 degrees (j = 0: across the face)
 * @param isotropic weight of the undirected micro-relief band
 * @param roll the face's in-plane angle, radians (image coordinates)
 */
record SkinLayout(Mat poreCoarse, Mat poreDensity, Mat[] lines, Mat isotropic, double roll) implements AutoCloseable {
    static final int DIRECTIONS = 4;

    static SkinLayout of(FaceRegion r) {
        SkinMaskBuilder.FaceGeometry g = SkinMaskBuilder.FaceGeometry.of(r);
        double d = Math.max(1, r.smallEyeDistance());
        int w = r.smallGray().cols(), h = r.smallGray().rows();
        Point nose = r.small(FaceDetection.NOSE);
        double noseA = across(g, nose) / d, noseV = up(g, nose) / d;
        if (!(noseV < -0.2 && noseV > -1.5)) {
            noseA = 0;
            noseV = -0.65;
        }
        double mouthV = -g.mouthDepth() / d, chinV = mouthV - 0.62;
        float[] coarse = new float[w * h], density = new float[w * h], iso = new float[w * h];
        float[][] dir = new float[DIRECTIONS][w * h];
        double[] wj = new double[DIRECTIONS];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = x - g.origin().x, py = y - g.origin().y;
                double a = (px * g.ex() + py * g.ey()) / d, v = (px * g.ux() + py * g.uy()) / d;
                double side = a < 0 ? -1 : 1;
                double noseZone = gauss(a, v, noseA, noseV / 2 - 0.05, 0.2, 0.4) + gauss(a, v, noseA, noseV, 0.25, 0.15);
                double cheeks = gauss(Math.abs(a), v, 0.45, noseV + 0.05, 0.22, 0.25);
                double forehead = smoothstep(0.35, 0.6, v);
                double underEye = gauss(Math.abs(a), v, 0.5, -0.28, 0.25, 0.1);
                double eyelid = gauss(Math.abs(a), v, 0.5, 0.12, 0.28, 0.09);
                double crow = gauss(Math.abs(a), v, 0.95, -0.02, 0.16, 0.22);
                double neck = smoothstep(-chinV, -chinV + 0.25, -v);
                int i = y * w + x;
                coarse[i] = (float) clamp01(noseZone + cheeks);
                density[i] = (float) clamp01(0.55 + 0.45 * (noseZone + cheeks) - 0.1 * forehead - 0.35 * underEye
                        - 0.6 * eyelid - 0.3 * neck);
                java.util.Arrays.fill(wj, 0);
                addLine(wj, 0, 0.9 * forehead);
                addLine(wj, 0, 0.6 * underEye);
                addLine(wj, 0, 0.8 * neck);
                // crow's feet fan out from the outer eye corner (face-frame angle of the ray from it)
                addLine(wj, Math.atan2(v + 0.02, side * (Math.abs(a) - 0.75)), crow);
                double directed = 0;
                for (double q : wj) directed += q;
                double rest = Math.max(0, 1 - directed);
                wj[1] += 0.15 * rest;
                wj[3] += 0.15 * rest;
                double sum = 0;
                for (int j = 0; j < DIRECTIONS; j++) {
                    dir[j][i] = (float) Math.min(1, wj[j]);
                    sum += dir[j][i];
                }
                iso[i] = (float) Math.max(0, 1 - sum);
            }
        }
        Mat[] lines = new Mat[DIRECTIONS];
        for (int j = 0; j < DIRECTIONS; j++) lines[j] = mat(dir[j], w, h);
        return new SkinLayout(mat(coarse, w, h), mat(density, w, h), lines, mat(iso, w, h),
                Math.toRadians(g.angleDeg()));
    }

    /** Image-coordinate angle (radians) of line direction j: the face frame is mirrored against the image's. */
    double imageAngle(int j) {
        return roll - j * Math.PI / DIRECTIONS;
    }

    /** Spreads a line of face-frame angle phi over the four directions (cos^4 weights sum to 1.5 for any phi). */
    private static void addLine(double[] w, double phi, double strength) {
        if (strength <= 1e-4) return;
        for (int j = 0; j < DIRECTIONS; j++) {
            double c = Math.cos(phi - j * Math.PI / DIRECTIONS);
            w[j] += strength * c * c * c * c / 1.5;
        }
    }

    private static double across(SkinMaskBuilder.FaceGeometry g, Point p) {
        return (p.x - g.origin().x) * g.ex() + (p.y - g.origin().y) * g.ey();
    }

    private static double up(SkinMaskBuilder.FaceGeometry g, Point p) {
        return (p.x - g.origin().x) * g.ux() + (p.y - g.origin().y) * g.uy();
    }

    private static double gauss(double a, double v, double ca, double cv, double sa, double sv) {
        double x = (a - ca) / sa, y = (v - cv) / sv;
        return Math.exp(-0.5 * (x * x + y * y));
    }

    private static double smoothstep(double lo, double hi, double x) {
        double t = clamp01((x - lo) / (hi - lo));
        return t * t * (3 - 2 * t);
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static Mat mat(float[] v, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_32F);
        m.put(0, 0, v);
        return m;
    }

    @Override
    public void close() {
        poreCoarse.release();
        poreDensity.release();
        isotropic.release();
        for (Mat m : lines) m.release();
    }
}
