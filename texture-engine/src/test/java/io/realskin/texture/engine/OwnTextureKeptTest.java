package io.realskin.texture.engine;

import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A beard, glasses and a tattoo painted on the real fixture keep their own texture: no pixel of them changes. */
class OwnTextureKeptTest {
    @Test
    void beardGlassesAndTattooGainNoTexture() {
        TextureEngine engine = new TextureEngine();
        Mat img = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        FaceDetection f = engine.findFaces(img).get(0);
        double d = f.eyeDistance();
        Point mouth = new Point(f.kx(FaceDetection.MOUTH), f.ky(FaceDetection.MOUTH));

        // beard: dark, streaky hair texture on the chin and jaw, lips left free
        Mat beard = Mat.zeros(img.size(), CvType.CV_8U);
        Imgproc.ellipse(beard, new Point(mouth.x, mouth.y + 0.5 * d), new Size(0.8 * d, 0.45 * d), 0, 0, 360, new Scalar(255), -1);
        Imgproc.ellipse(beard, mouth, new Size(0.4 * d, 0.18 * d), 0, 0, 360, new Scalar(0), -1);
        Mat hair = new Mat(img.size(), CvType.CV_32F);
        Core.setRNGSeed(3);
        Core.randn(hair, 0, 1);
        Imgproc.GaussianBlur(hair, hair, new Size(0, 0), 0.6, 3.0); // strands running down
        org.opencv.core.MatOfDouble mean = new org.opencv.core.MatOfDouble(), std = new org.opencv.core.MatOfDouble();
        Core.meanStdDev(hair, mean, std);
        Mat hair8 = new Mat();
        hair.convertTo(hair8, CvType.CV_8U, 30 / std.get(0, 0)[0], 55); // dark hair, strands +-30 levels
        Mat hairBgr = new Mat();
        Imgproc.cvtColor(hair8, hairBgr, Imgproc.COLOR_GRAY2BGR);
        Core.multiply(hairBgr, new Scalar(0.7, 0.85, 1.0), hairBgr);
        hairBgr.copyTo(img, beard);

        // glasses: dark frames around both eyes and a bridge
        Mat frames = Mat.zeros(img.size(), CvType.CV_8U);
        int t = (int) Math.max(3, Math.round(0.07 * d));
        for (int eye : new int[] {FaceDetection.RIGHT_EYE, FaceDetection.LEFT_EYE}) {
            Point c = new Point(f.kx(eye), f.ky(eye));
            Imgproc.rectangle(frames, new Point(c.x - 0.42 * d, c.y - 0.27 * d), new Point(c.x + 0.42 * d, c.y + 0.3 * d), new Scalar(255), t);
        }
        Imgproc.line(frames, new Point(f.kx(0) + 0.42 * d, f.ky(0)), new Point(f.kx(1) - 0.42 * d, f.ky(1)), new Scalar(255), t);
        img.setTo(new Scalar(25, 22, 20), frames);

        // tattoo: a navy ink disc on the outer cheek (off the patches the skin colour is calibrated on)
        Mat tattoo = Mat.zeros(img.size(), CvType.CV_8U);
        Imgproc.circle(tattoo, new Point(f.kx(FaceDetection.RIGHT_EYE) - 0.4 * d, f.ky(FaceDetection.RIGHT_EYE) + 0.6 * d),
                (int) Math.round(0.12 * d), new Scalar(255), -1);
        img.setTo(new Scalar(110, 60, 45), tattoo);

        byte[] png = Fixtures.encode(img, ".png");
        RestoreResult r = engine.restore(png, RestoreOptions.defaults().withIntensity(100).withSeed(4));
        Mat out = Fixtures.decode(r.bytes());
        Mat changed = changedPixels(img, out);
        assertTrue(Core.countNonZero(changed) > 1000, "the bare skin got texture");
        for (var part : java.util.Map.of("beard", beard, "glasses", frames, "tattoo", tattoo).entrySet()) {
            Mat core = new Mat(), hit = new Mat();
            // the painted object, less a 2 px edge where a feathered mask may touch its outline
            Imgproc.erode(part.getValue(), core, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(5, 5)));
            Core.bitwise_and(changed, core, hit);
            assertEquals(0, Core.countNonZero(hit), part.getKey() + ": pixels changed of " + Core.countNonZero(core));
        }
    }

    /** 255 where any channel differs. */
    static Mat changedPixels(Mat a, Mat b) {
        Mat diff = new Mat(), any = new Mat();
        Core.absdiff(a, b, diff);
        java.util.List<Mat> ch = new java.util.ArrayList<>();
        Core.split(diff, ch);
        Core.max(ch.get(0), ch.get(1), any);
        Core.max(any, ch.get(2), any);
        Imgproc.threshold(any, any, 0, 255, Imgproc.THRESH_BINARY);
        return any;
    }
}
