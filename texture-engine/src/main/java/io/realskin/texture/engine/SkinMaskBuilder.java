package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.ArrayList;
import java.util.List;

/**
 * Soft 0..1 skin mask of one face, at the analysis scale of its {@link FaceRegion}:
 * <ol>
 * <li>a skin colour model calibrated on this face's cheeks and forehead, those of them that hold skin
 *     ({@link SkinSamples}: not a mask or a bar over the face): a Gaussian in (Cr, Cb), scored by Mahalanobis
 *     distance;</li>
 * <li>limited to the face ellipse and the neck; eyes, brows, lips and nostrils cut out with keypoint-scaled
 *     ellipses; hair, beard and strong edges cut out by a local-variance test; deep shadow faded out;</li>
 * <li>feathered with a guided filter (edges follow the image), clipped to the face-and-neck shape.</li>
 * </ol>
 */
final class SkinMaskBuilder {
    private SkinMaskBuilder() {
    }

    /** The cheek and forehead patches the colour model is calibrated on, those that hold skin ({@link SkinSamples}). */
    static Mat samplePatches(FaceRegion r) {
        return SkinSamples.patches(r);
    }

    public static Mat build(FaceRegion r) {
        Mat bgr = r.smallBgr();
        Mat gray = r.smallGray();
        double d = r.smallEyeDistance();
        FaceGeometry g = FaceGeometry.of(r);
        List<Mat> tmp = new ArrayList<>();
        try {
            // 1. colour model on cheeks + forehead
            Mat samples = track(tmp, samplePatches(r));
            // no sample pixel left: too little skin to work on
            if (Core.countNonZero(samples) == 0) return Mat.zeros(gray.size(), CvType.CV_32F);
            Mat ycc = track(tmp, new Mat());
            Imgproc.cvtColor(bgr, ycc, Imgproc.COLOR_BGR2YCrCb);
            Mat yccF = track(tmp, new Mat());
            ycc.convertTo(yccF, CvType.CV_32F);
            List<Mat> ch = new ArrayList<>();
            Core.split(yccF, ch);
            tmp.addAll(ch);
            Mat cr = ch.get(1), cb = ch.get(2);
            double mr = Core.mean(cr, samples).val[0];
            double mb = Core.mean(cb, samples).val[0];
            double meanY = Core.mean(gray, samples).val[0];
            Mat dr = track(tmp, new Mat()), db = track(tmp, new Mat()), prod = track(tmp, new Mat());
            Core.subtract(cr, new Scalar(mr), dr);
            Core.subtract(cb, new Scalar(mb), db);
            Core.multiply(dr, dr, prod);
            double vrr = Core.mean(prod, samples).val[0] + 2.0;
            Core.multiply(db, db, prod);
            double vbb = Core.mean(prod, samples).val[0] + 2.0;
            Core.multiply(dr, db, prod);
            double vrb = Core.mean(prod, samples).val[0];
            double det = vrr * vbb - vrb * vrb;
            if (det < 1e-6) {
                det = vrr * vbb;
                vrb = 0;
            }
            double ia = vbb / det, ib = -vrb / det, ic = vrr / det;
            // d2 = ia*dr^2 + 2*ib*dr*db + ic*db^2
            Mat d2 = track(tmp, new Mat());
            Core.multiply(dr, db, prod, 2 * ib);
            Core.multiply(dr, dr, d2, ia);
            Core.add(d2, prod, d2);
            Core.multiply(db, db, prod, ic);
            Core.add(d2, prod, d2);
            // colour likelihood: 1 up to d2 = 6 (95% of a 2-D Gaussian), 0 from d2 = 18
            Mat skin = track(tmp, new Mat());
            Core.subtract(new Mat(d2.size(), CvType.CV_32F, new Scalar(18.0)), d2, skin);
            Core.multiply(skin, new Scalar(1.0 / 12.0), skin);
            clamp01(skin);

            // 2. face + neck shape minus eyes, brows, lips, nostrils
            Mat shape = track(tmp, shape(r, g, d));
            Mat shapeF = track(tmp, new Mat());
            shape.convertTo(shapeF, CvType.CV_32F, 1 / 255.0);

            // 3. local variance: hair, beard, frames and strong edges have far more than the skin patches
            int k = (int) Math.max(3, Math.round(0.07 * d)) | 1;
            Mat mean = track(tmp, new Mat()), sq = track(tmp, new Mat()), var = track(tmp, new Mat());
            Imgproc.boxFilter(gray, mean, CvType.CV_32F, new Size(k, k));
            Core.multiply(gray, gray, sq);
            Imgproc.boxFilter(sq, var, CvType.CV_32F, new Size(k, k));
            Core.multiply(mean, mean, sq);
            Core.subtract(var, sq, var);
            Core.max(var, new Scalar(0), var);
            Core.sqrt(var, var);
            double refStd = Core.mean(var, samples).val[0];
            double lo = 2.5 * refStd + 3, hi = 4.5 * refStd + 6;
            Mat texture = track(tmp, new Mat());
            Core.subtract(new Mat(var.size(), CvType.CV_32F, new Scalar(hi)), var, texture);
            Core.multiply(texture, new Scalar(1.0 / (hi - lo)), texture);
            clamp01(texture);

            // 4. deep shadow fades out (texture is hardly visible there)
            Mat lum = track(tmp, new Mat());
            Core.subtract(gray, new Scalar(0.2 * meanY), lum);
            Core.multiply(lum, new Scalar(1.0 / Math.max(1, 0.25 * meanY)), lum);
            clamp01(lum);
            // far brighter than the skin patches: white cloth, sky, blown highlights off the face
            Mat bright = track(tmp, new Mat());
            double brightHi = Math.min(255, 1.9 * meanY + 40), brightLo = Math.min(250, 1.5 * meanY + 25);
            Core.subtract(new Mat(gray.size(), CvType.CV_32F, new Scalar(brightHi)), gray, bright);
            Core.multiply(bright, new Scalar(1.0 / Math.max(1, brightHi - brightLo)), bright);
            clamp01(bright);
            Core.multiply(lum, bright, lum);

            Mat combined = track(tmp, new Mat());
            Core.multiply(skin, shapeF, combined);
            Core.multiply(combined, texture, combined);
            Core.multiply(combined, lum, combined);

            // 5. feather: guided filter, then never outside a slightly blurred face+neck shape
            Mat guide = track(tmp, new Mat());
            gray.convertTo(guide, CvType.CV_32F, 1 / 255.0);
            int radius = (int) Math.max(2, Math.round(0.06 * d));
            Mat feathered = GuidedFilter.apply(guide, combined, radius, 0.004);
            Mat limit = track(tmp, new Mat());
            int blurK = (int) Math.max(3, Math.round(0.12 * d)) | 1;
            Imgproc.GaussianBlur(shapeF, limit, new Size(blurK, blurK), 0);
            Core.min(feathered, limit, feathered);
            clamp01(feathered);
            Imgproc.threshold(feathered, feathered, 0.02, 0, Imgproc.THRESH_TOZERO);
            return feathered;
        } finally {
            for (Mat m : tmp) m.release();
        }
    }

    /** Face ellipse and neck, with the features cut out (8-bit, 255 = may be skin). */
    static Mat shape(FaceRegion r, FaceGeometry g, double d) {
        Mat m = Mat.zeros(r.smallGray().size(), CvType.CV_8U);
        Scalar on = new Scalar(255), off = new Scalar(0);
        double mouthDown = g.mouthDepth(); // eyes -> mouth distance along "down"
        double top = 1.05 * d, chin = mouthDown + 0.62 * d;
        g.ellipse(m, 0, (top - chin) / 2, 1.08 * d, (top + chin) / 2, on);
        g.ellipse(m, 0, -chin - 0.55 * d, 0.62 * d, 0.75 * d, on); // neck
        g.ellipse(m, -0.5 * d, 0, 0.34 * d, 0.19 * d, off); // right eye
        g.ellipse(m, 0.5 * d, 0, 0.34 * d, 0.19 * d, off); // left eye
        g.ellipse(m, -0.52 * d, 0.33 * d, 0.42 * d, 0.15 * d, off); // right brow
        g.ellipse(m, 0.52 * d, 0.33 * d, 0.42 * d, 0.15 * d, off); // left brow
        g.ellipseAt(m, r.small(FaceDetection.MOUTH), 0, 0, 0.45 * d, 0.22 * d, off); // lips
        g.ellipseAt(m, r.small(FaceDetection.NOSE), 0, -0.1 * d, 0.3 * d, 0.15 * d, off); // nostrils
        return m;
    }

    static void clamp01(Mat m) {
        Core.max(m, new Scalar(0), m);
        Core.min(m, new Scalar(1), m);
    }

    private static Mat track(List<Mat> list, Mat m) {
        list.add(m);
        return m;
    }

    /** Face-aligned coordinates: origin between the eyes, "across" along the eye line, "up" towards the forehead. */
    record FaceGeometry(Point origin, double ex, double ey, double ux, double uy, double mouthDepth) {
        static FaceGeometry of(FaceRegion r) {
            Point re = r.small(FaceDetection.RIGHT_EYE), le = r.small(FaceDetection.LEFT_EYE);
            Point mouth = r.small(FaceDetection.MOUTH);
            double roll = Math.atan2(le.y - re.y, le.x - re.x);
            double ex = Math.cos(roll), ey = Math.sin(roll);
            Point o = new Point((re.x + le.x) / 2, (re.y + le.y) / 2);
            double ux = ey, uy = -ex;
            double depth = -((mouth.x - o.x) * ux + (mouth.y - o.y) * uy);
            double d = Math.hypot(le.x - re.x, le.y - re.y);
            if (!(depth > 0.5 * d && depth < 2.0 * d)) depth = 1.1 * d;
            return new FaceGeometry(o, ex, ey, ux, uy, depth);
        }

        Point at(double across, double up) {
            return new Point(origin.x + across * ex + up * ux, origin.y + across * ey + up * uy);
        }

        double angleDeg() {
            return Math.toDegrees(Math.atan2(ey, ex));
        }

        void ellipse(Mat m, double across, double up, double halfAcross, double halfUp, Scalar v) {
            Imgproc.ellipse(m, at(across, up), new Size(Math.max(1, halfAcross), Math.max(1, halfUp)), angleDeg(), 0, 360, v, -1);
        }

        void ellipseAt(Mat m, Point p, double across, double up, double halfAcross, double halfUp, Scalar v) {
            Point c = new Point(p.x + across * ex + up * ux, p.y + across * ey + up * uy);
            Imgproc.ellipse(m, c, new Size(Math.max(1, halfAcross), Math.max(1, halfUp)), angleDeg(), 0, 360, v, -1);
        }
    }
}
