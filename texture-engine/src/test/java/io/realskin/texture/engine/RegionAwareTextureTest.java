package io.realskin.texture.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Skin that reads as skin: zones from the keypoints, lines along the face, shading from its light, the frame's softness (issue 13, point 6). */
class RegionAwareTextureTest {
    static TextureEngine engine;
    static Mat portrait;
    static FaceDetection face;

    @BeforeAll
    static void load() {
        engine = new TextureEngine();
        portrait = Fixtures.decode(Fixtures.realPng());
        face = engine.findFaces(portrait).get(0);
    }

    @Test
    void lipsAndEyelidsGetNoTextureEvenAt100() {
        byte[] png = Fixtures.realPng();
        RestoreResult r = engine.restore(png, RestoreOptions.defaults().withIntensity(100).withSeed(3));
        Mat after = Fixtures.decode(r.bytes()), diff = new Mat();
        Core.absdiff(portrait, after, diff);
        Imgproc.cvtColor(diff, diff, Imgproc.COLOR_BGR2GRAY);
        double d = face.eyeDistance();
        Mat zones = Mat.zeros(portrait.size(), CvType.CV_8U);
        double roll = Math.toDegrees(face.roll());
        for (int eye : new int[] {FaceDetection.RIGHT_EYE, FaceDetection.LEFT_EYE}) {
            // the eye and its lid up to the brow
            Imgproc.ellipse(zones, at(eye, 0, 0.08 * d), new Size(0.4 * d, 0.22 * d), roll, 0, 360, new Scalar(255), -1);
        }
        Imgproc.ellipse(zones, at(FaceDetection.MOUTH, 0, 0), new Size(0.48 * d, 0.25 * d), roll, 0, 360, new Scalar(255), -1);
        Mat changedThere = new Mat();
        Core.bitwise_and(diff, zones, changedThere);
        assertEquals(0, Core.countNonZero(changedThere), "pixels changed on the lips or the lids");
        // the cheek below the right eye did change
        Point cheek = at(FaceDetection.RIGHT_EYE, 0, -0.75 * d);
        Rect patch = new Rect((int) cheek.x - 10, (int) cheek.y - 10, 20, 20);
        assertTrue(Core.countNonZero(diff.submat(patch)) > 100, "cheek unchanged");
    }

    @Test
    void poresAreCoarserAndDenserOnTheNoseThanUnderTheEyes() {
        try (FaceRegion r = FaceRegion.of(portrait, face); SkinZones zones = SkinZones.of(r)) {
            Point nose = r.small(FaceDetection.NOSE), eye = r.small(FaceDetection.RIGHT_EYE);
            double d = r.smallEyeDistance();
            Point nosePt = new Point(nose.x, nose.y - 0.3 * d), underEye = new Point(eye.x, eye.y + 0.33 * d);
            assertTrue(value(zones.poreScale, nosePt) > 1.2 * value(zones.poreScale, underEye));
            assertTrue(value(zones.poreDensity, nosePt) > 1.5 * value(zones.poreDensity, underEye));
            assertEquals(0.0, value(zones.amplitude, r.small(FaceDetection.MOUTH)), 1e-6);
            assertEquals(0.0, value(zones.amplitude, eye), 1e-6);
            assertEquals(1.0, value(zones.amplitude, new Point(eye.x, eye.y + 0.8 * d)), 1e-6);

            // the synthesized pores follow the maps: on the nose, more dark pits, and wider ones
            Rect roi = r.roi();
            double faceWidth = face.scaleWidth();
            SynthesisGuide guide = new SynthesisGuide(zones, LightDirection.FLAT, 0);
            TextureSynthesizer.Grid poreGrid = PoreField.grid(roi.width, roi.height, faceWidth * TextureSynthesizer.PORE_PER_FACE);
            Mat band = PoreField.onGrid(poreGrid, 11, guide);
            // its independent steps made side by side give the same band
            Mat threaded = PoreField.onGrid(poreGrid, 11, guide, 3);
            assertEquals(0.0, Core.norm(band, threaded, Core.NORM_INF), "threads change the pore band");
            threaded.release();
            Mat pores = poreGrid.toRegion(band, roi.width, roi.height);
            Rect onNose = square(toRegion(r, nosePt), 0.12 * face.eyeDistance()), belowEye = square(toRegion(r, underEye), 0.12 * face.eyeDistance());
            double sigma = faceWidth * TextureSynthesizer.PORE_PER_FACE;
            assertTrue(darkArea(pores.submat(onNose)) > 1.5 * darkArea(pores.submat(belowEye)),
                    "dark share on the nose " + darkArea(pores.submat(onNose)) + ", under the eye " + darkArea(pores.submat(belowEye)));
            assertTrue(coarseShare(pores.submat(onNose), sigma) > coarseShare(pores.submat(belowEye), sigma),
                    "coarse share on the nose " + coarseShare(pores.submat(onNose), sigma) + ", under the eye " + coarseShare(pores.submat(belowEye), sigma));
        }
    }

    @Test
    void foreheadLinesRunAlongTheEyeLineAndTurnWithTheFace() {
        for (double rollDeg : new double[] {0, 30}) {
            Mat img = Mat.zeros(900, 900, CvType.CV_8UC3);
            img.setTo(new Scalar(120, 140, 180));
            FaceDetection f = rolledFace(450, 450, 160, Math.toRadians(rollDeg));
            try (FaceRegion r = FaceRegion.of(img, f); SkinZones zones = SkinZones.of(r)) {
                Rect roi = r.roi();
                SynthesisGuide guide = new SynthesisGuide(zones, LightDirection.FLAT, 0);
                double sigma = 3.0;
                TextureSynthesizer.Grid lineGrid = LineField.grid(roi.width, roi.height, sigma);
                Mat lines = lineGrid.toRegion(LineField.onGrid(lineGrid, 5, guide), roi.width, roi.height);
                // the forehead: 0.7 eye distances above the point between the eyes
                double up = 0.7 * f.eyeDistance();
                double mx = (f.kx(0) + f.kx(1)) / 2 + up * Math.sin(f.roll()), my = (f.ky(0) + f.ky(1)) / 2 - up * Math.cos(f.roll());
                Rect forehead = square(new Point(mx - roi.x, my - roi.y), 40);
                double along = dominantDirection(lines.submat(forehead));
                double off = Math.abs(angleBetween(along, f.roll()));
                assertTrue(off < Math.toRadians(15), "roll " + rollDeg + ": lines at " + Math.toDegrees(along) + " deg");
            }
        }
    }

    @Test
    void reliefIsLitFromTheLightsSide() {
        Mat pit = Mat.zeros(41, 41, CvType.CV_32F);
        pit.put(20, 20, -1);
        Imgproc.GaussianBlur(pit, pit, new Size(0, 0), 3);
        Mat fromRight = pit.clone(), fromLeft = pit.clone();
        TextureSynthesizer.shade(fromRight, new LightDirection(1, 0, 0.5));
        TextureSynthesizer.shade(fromLeft, new LightDirection(-1, 0, 0.5));
        // a hollow lit from the right: its left wall faces the light, its right wall is in shadow
        assertTrue(fromRight.get(20, 16)[0] > fromRight.get(20, 24)[0]);
        assertTrue(fromLeft.get(20, 16)[0] < fromLeft.get(20, 24)[0]);

        Mat gray = new Mat(200, 200, CvType.CV_32F), mask = new Mat(200, 200, CvType.CV_32F, new Scalar(1));
        for (int x = 0; x < 200; x++) Imgproc.line(gray, new Point(x, 0), new Point(x, 199), new Scalar(80 + 0.5 * x));
        LightDirection side = LightDirection.of(gray, mask, 150);
        assertTrue(side.x() > 0.99 && side.shading() > 0, side.toString());
        LightDirection flat = LightDirection.of(new Mat(200, 200, CvType.CV_32F, new Scalar(128)), mask, 150);
        assertEquals(0.0, flat.shading());
    }

    @Test
    void softnessIsReadOffTheEyesAndSoftensTheTexture() {
        Mat sharp = edges(400, 7);
        Mat soft = new Mat();
        Imgproc.GaussianBlur(sharp, soft, new Size(0, 0), 2.5);
        FaceDetection f = new FaceDetection(100, 100, 200, 200, new double[] {150, 200, 250, 200, 200, 250, 200, 290, 110, 210, 290, 210}, 1, "test");
        Rect all = new Rect(0, 0, 400, 400);
        double sharpSigma = FrameSoftness.sigma(sharp, f, all), softSigma = FrameSoftness.sigma(soft, f, all);
        assertTrue(sharpSigma < 1.2, "sharp frame read as sigma " + sharpSigma);
        assertTrue(softSigma > 1.8 && softSigma < 3.3, "a 2.5 px blur read as sigma " + softSigma);
        assertEquals(0.0, FrameSoftness.extraBlur(sharpSigma));

        SynthesisGuide crisp = SynthesisGuide.NONE, blurred = new SynthesisGuide(null, LightDirection.FLAT, FrameSoftness.extraBlur(softSigma));
        Mat a = TextureSynthesizer.synthesize(300, 300, 600, 9, TextureRecipe.DEFAULT, crisp, 1);
        Mat b = TextureSynthesizer.synthesize(300, 300, 600, 9, TextureRecipe.DEFAULT, blurred, 1);
        assertTrue(SkinMaskAndSynthesisTest.fineShare(b) < 0.7 * SkinMaskAndSynthesisTest.fineShare(a));
    }

    // ---------------------------------------------------------------- helpers

    private static Point at(int keypoint, double across, double up) {
        double ex = Math.cos(face.roll()), ey = Math.sin(face.roll());
        return new Point(face.kx(keypoint) + across * ex + up * ey, face.ky(keypoint) + across * ey - up * ex);
    }

    private static double value(Mat m, Point p) {
        return m.get((int) Math.round(p.y), (int) Math.round(p.x))[0];
    }

    private static Point toRegion(FaceRegion r, Point small) {
        return new Point(small.x / r.scale(), small.y / r.scale());
    }

    private static Rect square(Point c, double half) {
        int h = (int) Math.round(half);
        return new Rect((int) Math.round(c.x) - h, (int) Math.round(c.y) - h, 2 * h, 2 * h);
    }

    /** Share of the patch darker than one std below the field's mean: pits. */
    private static double darkArea(Mat patch) {
        Mat dark = new Mat();
        Imgproc.threshold(patch, dark, -1.0, 1, Imgproc.THRESH_BINARY_INV);
        double share = Core.mean(dark).val[0];
        dark.release();
        return share;
    }

    /** Energy in a band twice the pore sigma over energy in the band at the pore sigma. */
    private static double coarseShare(Mat patch, double sigma) {
        return bandEnergy(patch, 2 * sigma) / bandEnergy(patch, sigma);
    }

    private static double bandEnergy(Mat m, double s) {
        Mat a = new Mat(), b = new Mat();
        Imgproc.GaussianBlur(m, a, new Size(0, 0), s * 0.7);
        Imgproc.GaussianBlur(m, b, new Size(0, 0), s * 1.4);
        Core.subtract(a, b, a);
        double e = Core.norm(a);
        a.release();
        b.release();
        return e * e;
    }

    /** The direction (radians, image coordinates, mod pi) the patch's structures run along: the structure tensor's. */
    private static double dominantDirection(Mat patch) {
        Mat gx = new Mat(), gy = new Mat(), t = new Mat();
        Imgproc.Sobel(patch, gx, CvType.CV_32F, 1, 0, 3);
        Imgproc.Sobel(patch, gy, CvType.CV_32F, 0, 1, 3);
        Core.multiply(gx, gx, t);
        double jxx = Core.sumElems(t).val[0];
        Core.multiply(gy, gy, t);
        double jyy = Core.sumElems(t).val[0];
        Core.multiply(gx, gy, t);
        double jxy = Core.sumElems(t).val[0];
        // the gradient's main direction, turned a quarter: the lines run across their gradient
        return 0.5 * Math.atan2(2 * jxy, jxx - jyy) + Math.PI / 2;
    }

    private static double angleBetween(double a, double b) {
        double d = (a - b) % Math.PI;
        if (d > Math.PI / 2) d -= Math.PI;
        if (d < -Math.PI / 2) d += Math.PI;
        return d;
    }

    /** BlazeFace-style keypoints of an upright face turned by {@code roll} around its centre. */
    private static FaceDetection rolledFace(double cx, double cy, double eyeDistance, double roll) {
        double[][] upright = {{-0.5, -0.2}, {0.5, -0.2}, {0, 0.45}, {0, 0.9}, {-1.0, 0}, {1.0, 0}};
        double[] k = new double[12];
        double c = Math.cos(roll), s = Math.sin(roll);
        for (int i = 0; i < 6; i++) {
            double x = upright[i][0] * eyeDistance, y = upright[i][1] * eyeDistance;
            k[2 * i] = cx + x * c - y * s;
            k[2 * i + 1] = cy + x * s + y * c;
        }
        return new FaceDetection(cx - eyeDistance, cy - eyeDistance, 2 * eyeDistance, 2.2 * eyeDistance, k, 1, "test");
    }

    /** Random rectangles with sharp edges: detail like lashes and lids. */
    private static Mat edges(int size, long seed) {
        Mat m = new Mat(size, size, CvType.CV_8UC3, new Scalar(128, 128, 128));
        Random rnd = new Random(seed);
        for (int i = 0; i < 300; i++) {
            int x = rnd.nextInt(size), y = rnd.nextInt(size), w = 3 + rnd.nextInt(30), h = 3 + rnd.nextInt(30);
            int v = rnd.nextInt(256);
            Imgproc.rectangle(m, new Point(x, y), new Point(x + w, y + h), new Scalar(v, v, v), -1);
        }
        return m;
    }
}
