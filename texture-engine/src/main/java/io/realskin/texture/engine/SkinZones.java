package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Where on a face which texture goes, from its keypoints, as smooth maps at the face's analysis scale:
 * <ul>
 * <li>{@code poreScale}: pore size relative to the face's mean: coarser on the nose and inner cheeks, finer on the
 * forehead and finest under the eyes, smaller again on the neck;</li>
 * <li>{@code poreDensity}: pores per area relative to the mean: densest on the nose, then the inner cheeks; sparse
 * under the eyes and on the neck;</li>
 * <li>{@code amplitude}: 0 on the lips and the eyelids (no pores there), 1 elsewhere, with a soft edge;</li>
 * <li>the direction fine lines run in, as the doubled angle ({@code lineCos2}, {@code lineSin2}) so directions
 * average without a 180 degree jump: across the forehead, in arcs around the eyes, and elsewhere along rings
 * around the mouth and nose, as skin's tension lines run.</li>
 * </ul>
 * Each zone is an ellipse in face coordinates (eye distances from the point between the eyes, along and across the
 * eye line); values blend with Gaussian weights, so there is no edge between zones. Owns native memory: close it.
 */
final class SkinZones implements AutoCloseable {
    /** Weight of the face's mean values beside the zones' (how far a zone's character reaches). */
    private static final double BASE_WEIGHT = 0.15;
    /** Spacing, in analysis pixels, at which the smooth maps are computed (a face is 256 wide there). */
    private static final int LATTICE = 4;
    /** Where the lids' and lips' no-texture zones have faded back to full texture, in their own sizes. */
    private static final double RAMP_END = 1.35;

    /** One zone: centre (across, up) and half axes in eye distances, pore scale and density there. */
    private record Zone(double across, double up, double halfAcross, double halfUp, double scale, double density) {
    }

    /** Analysis pixels per region pixel (the maps' scale). */
    final double scale;
    final Mat poreScale;
    final Mat poreDensity;
    final Mat amplitude;
    final Mat lineCos2;
    final Mat lineSin2;

    private SkinZones(double scale, Mat poreScale, Mat poreDensity, Mat amplitude, Mat lineCos2, Mat lineSin2) {
        this.scale = scale;
        this.poreScale = poreScale;
        this.poreDensity = poreDensity;
        this.amplitude = amplitude;
        this.lineCos2 = lineCos2;
        this.lineSin2 = lineSin2;
    }

    static SkinZones of(FaceRegion r) {
        SkinMaskBuilder.FaceGeometry g = SkinMaskBuilder.FaceGeometry.of(r);
        double d = r.smallEyeDistance();
        double mouthUp = -g.mouthDepth() / d;
        double noseUp = up(g, r.small(FaceDetection.NOSE), d);
        if (!(noseUp < -0.2 && noseUp > mouthUp)) noseUp = 0.6 * mouthUp;
        double chin = -mouthUp + 0.62;
        Zone[] zones = {
            new Zone(0, 0.75, 0.95, 0.42, 0.8, 0.9), // forehead
            new Zone(-0.5, -0.33, 0.32, 0.14, 0.6, 0.7), // under the right eye
            new Zone(0.5, -0.33, 0.32, 0.14, 0.6, 0.7), // under the left eye
            new Zone(0, (noseUp - 0.15) / 2, 0.24, Math.max(0.3, (-0.15 - noseUp) / 2 + 0.1), 1.4, 1.35), // nose, from between the eyes to its tip
            new Zone(-0.45, (noseUp + mouthUp) / 2, 0.3, 0.32, 1.25, 1.2), // inner right cheek
            new Zone(0.45, (noseUp + mouthUp) / 2, 0.3, 0.32, 1.25, 1.2), // inner left cheek
            new Zone(0, -chin - 0.55, 0.62, 0.75, 0.8, 0.7), // neck
        };
        // the rings fine lines follow are centred between the nose and the mouth
        double ringUp = (noseUp + mouthUp) / 2;
        int w = r.smallGray().cols(), h = r.smallGray().rows();
        // the zones' maps are smooth: computed every LATTICE pixels and interpolated; the lids' and lips' edge exactly
        int lw = (w - 1) / LATTICE + 2, lh = (h - 1) / LATTICE + 2;
        float[] scale = new float[lw * lh], density = new float[lw * lh], c2 = new float[lw * lh], s2 = new float[lw * lh];
        double roll2 = 2 * Math.atan2(g.ey(), g.ex());
        double cr = Math.cos(roll2), sr = Math.sin(roll2);
        for (int j = 0, i = 0; j < lh; j++) {
            for (int k = 0; k < lw; k++, i++) {
                double px = k * LATTICE - g.origin().x, py = j * LATTICE - g.origin().y;
                double a = (px * g.ex() + py * g.ey()) / d, u = (px * g.ux() + py * g.uy()) / d;
                double ws = BASE_WEIGHT, vs = 0, vd = BASE_WEIGHT; // the mean: scale 1 (log 0), density 1
                for (Zone z : zones) {
                    double q = sq((a - z.across) / z.halfAcross) + sq((u - z.up) / z.halfUp);
                    double wz = Math.exp(-2 * q);
                    ws += wz;
                    vs += wz * Math.log(z.scale);
                    vd += wz * z.density;
                }
                scale[i] = (float) Math.exp(vs / ws);
                density[i] = (float) (vd / ws);
                // the direction in face coordinates, turned by the face's roll into image coordinates
                double[] dir = lineDirection(a, u, ringUp);
                c2[i] = (float) (dir[0] * cr - dir[1] * sr);
                s2[i] = (float) (dir[0] * sr + dir[1] * cr);
            }
        }
        // no pores on the lids (eye and the skin up to the brow) nor on the lips: 0 inside, 1 from 1.35 times out
        float[] amp = new float[w * h];
        java.util.Arrays.fill(amp, 1f);
        double lidUp = 0.08;
        noTexture(amp, w, h, g, d, -0.5, lidUp, 0.42, 0.24);
        noTexture(amp, w, h, g, d, 0.5, lidUp, 0.42, 0.24);
        noTexture(amp, w, h, g, d, 0, mouthUp, 0.52, 0.27);
        return new SkinZones(r.scale(), lattice(scale, lw, lh, w, h), lattice(density, lw, lh, w, h), MatArrays.floats(amp, w, h),
                lattice(c2, lw, lh, w, h), lattice(s2, lw, lh, w, h));
    }

    /**
     * Multiplies the amplitude by 0 inside the ellipse (centre and half axes in eye distances, face coordinates),
     * rising smoothly to 1 at 1.35 times its size; only the pixels of its bounding box are visited.
     */
    private static void noTexture(float[] amp, int w, int h, SkinMaskBuilder.FaceGeometry g, double d, double ca,
                                  double cu, double ha, double hu) {
        Point c = g.at(ca * d, cu * d);
        double reach = RAMP_END * Math.max(ha, hu) * d + 1;
        int x0 = (int) Math.max(0, Math.floor(c.x - reach)), x1 = (int) Math.min(w - 1, Math.ceil(c.x + reach));
        int y0 = (int) Math.max(0, Math.floor(c.y - reach)), y1 = (int) Math.min(h - 1, Math.ceil(c.y + reach));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double px = x - g.origin().x, py = y - g.origin().y;
                double a = (px * g.ex() + py * g.ey()) / d, u = (px * g.ux() + py * g.uy()) / d;
                amp[y * w + x] *= (float) smoothstep(1.0, RAMP_END, ellipse(a, u, ca, cu, ha, hu));
            }
        }
    }

    /** A map computed at every {@link #LATTICE}-th pixel, interpolated to w x h. */
    private static Mat lattice(float[] v, int lw, int lh, int w, int h) {
        Mat coarse = MatArrays.floats(v, lw, lh);
        Mat out = resampled(coarse, 1.0 / LATTICE, 0, w, h);
        coarse.release();
        return out;
    }

    /** {@code src} read at (k x + offset, k y + offset) for each pixel (x, y) of a w x h result: bilinear, edges repeated. */
    private static Mat resampled(Mat src, double k, double offset, int w, int h) {
        Mat out = new Mat(), affine = new Mat(2, 3, CvType.CV_64F);
        affine.put(0, 0, k, 0, offset, 0, k, offset);
        Imgproc.warpAffine(src, out, affine, new Size(w, h), Imgproc.INTER_LINEAR | Imgproc.WARP_INVERSE_MAP,
                Core.BORDER_REPLICATE);
        affine.release();
        return out;
    }

    /**
     * The doubled angle of the direction fine lines run in at (across, up), in the face's upright frame (x across,
     * y down; the roll turns it into the image's): tangents of rings around the eyes near them, of wider rings (1.3
     * times as tall as wide) around the middle of the lower face elsewhere.
     */
    private static double[] lineDirection(double a, double u, double ringUp) {
        double ringC2 = 0, ringS2 = 0;
        double wEyes = 0;
        for (double eye : new double[] {-0.5, 0.5}) {
            double da = a - eye, du = u + 0.05;
            double q = sq(da / 0.55) + sq(du / 0.45);
            double we = Math.exp(-q);
            double[] t = tangent2(da, du, 1.0);
            ringC2 += we * t[0];
            ringS2 += we * t[1];
            wEyes += we;
        }
        double[] t = tangent2(a, u - ringUp, 1.3);
        double wFace = Math.max(0.2, 1 - wEyes);
        double c = ringC2 + wFace * t[0], s = ringS2 + wFace * t[1];
        double n = Math.hypot(c, s);
        return n < 1e-9 ? new double[] {1, 0} : new double[] {c / n, s / n};
    }

    /** Doubled angle of the tangent, at offset (da, du), of the ellipse through it that is {@code tall} times as tall as wide. */
    private static double[] tangent2(double da, double du, double tall) {
        // the ellipse's normal is (da, du / tall^2), its tangent (-du / tall^2, da); y runs opposite to "up"
        double tx = -du / (tall * tall), ty = -da;
        double n = tx * tx + ty * ty;
        if (n < 1e-12) return new double[] {0, 0};
        return new double[] {(tx * tx - ty * ty) / n, 2 * tx * ty / n};
    }

    /** Elliptical distance: 1 on the ellipse's edge. */
    private static double ellipse(double a, double u, double ca, double cu, double ha, double hu) {
        return Math.sqrt(sq((a - ca) / ha) + sq((u - cu) / hu));
    }

    private static double smoothstep(double lo, double hi, double v) {
        double t = Math.max(0, Math.min(1, (v - lo) / (hi - lo)));
        return t * t * (3 - 2 * t);
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double up(SkinMaskBuilder.FaceGeometry g, Point p, double d) {
        return ((p.x - g.origin().x) * g.ux() + (p.y - g.origin().y) * g.uy()) / d;
    }

    /**
     * One map on a synthesis grid: grid pixel (i, j) lies at region pixel (i / f, j / f), the map's pixel (x, y) at
     * region pixel (x / scale, y / scale).
     */
    Mat onGrid(Mat map, double f, int gridW, int gridH) {
        double k = scale / f; // map pixels per grid pixel
        return resampled(map, k, 0.5 * k - 0.5, gridW, gridH);
    }

    @Override
    public void close() {
        poreScale.release();
        poreDensity.release();
        amplitude.release();
        lineCos2.release();
        lineSin2.release();
    }
}
