package io.realskin.bench.texture;

import io.realskin.texture.engine.FaceDetection;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * One gallery picture: the same crop of several images, each enlarged 2x by nearest neighbour (every source pixel a
 * 2x2 block, nothing interpolated), side by side under a label, as a JPEG.
 */
final class GalleryPanels {
    /** Source pixels on a side of the crop. */
    static final int CROP = 160;
    static final int ZOOM = 2;
    static final int QUALITY = 85;
    private static final int GAP = 6;
    private static final int BAR = 28;

    private GalleryPanels() {
    }

    /**
     * A {@link #CROP}-pixel square on the cheek that faces the camera more (the side whose ear keypoint lies farther
     * from the nose): at the eye's x and the nose tip's y, pulled towards the nose as the face gets small (by
     * (CROP / face width)², so a face hardly wider than the crop is shown whole); kept inside the image.
     */
    static Rect cheekCrop(FaceDetection f, int width, int height) {
        boolean rightCheek = Math.abs(f.kx(FaceDetection.NOSE) - f.kx(4)) >= Math.abs(f.kx(FaceDetection.NOSE) - f.kx(5));
        int eye = rightCheek ? FaceDetection.RIGHT_EYE : FaceDetection.LEFT_EYE;
        double t = Math.min(1, Math.pow(CROP / Math.max(1, f.width()), 2));
        double cx = f.kx(eye) + t * (f.kx(FaceDetection.NOSE) - f.kx(eye));
        double cy = f.ky(FaceDetection.NOSE);
        int w = Math.min(CROP, width);
        int h = Math.min(CROP, height);
        int x = (int) Math.round(Math.max(0, Math.min(width - w, cx - w / 2.0)));
        int y = (int) Math.round(Math.max(0, Math.min(height - h, cy - h / 2.0)));
        return new Rect(x, y, w, h);
    }

    /** The crop of each image (8-bit BGR, same size) enlarged, labelled and joined left to right, as JPEG bytes. */
    static byte[] jpeg(Mat[] images, String[] labels, Rect crop) {
        int pw = crop.width * ZOOM;
        int ph = crop.height * ZOOM;
        Mat canvas = new Mat(BAR + ph, images.length * pw + (images.length - 1) * GAP, CvType.CV_8UC3, new Scalar(40, 40, 40));
        MatOfByte buf = new MatOfByte();
        try {
            for (int i = 0; i < images.length; i++) {
                int x0 = i * (pw + GAP);
                Mat src = images[i].submat(crop);
                Mat dst = canvas.submat(new Rect(x0, BAR, pw, ph));
                Imgproc.resize(src, dst, new Size(pw, ph), 0, 0, Imgproc.INTER_NEAREST);
                Imgproc.putText(canvas, labels[i], new Point(x0 + 6, BAR - 9), Imgproc.FONT_HERSHEY_SIMPLEX, 0.55,
                        new Scalar(255, 255, 255), 1, Imgproc.LINE_AA);
                src.release();
                dst.release();
            }
            if (!Imgcodecs.imencode(".jpg", canvas, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, QUALITY))) {
                throw new IllegalStateException("JPEG encoding failed");
            }
            return buf.toArray();
        } finally {
            canvas.release();
            buf.release();
        }
    }
}
