package io.realskin.texture.engine;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of decoded pixels with a mask's pixels zeroed, in a form any decoder can reproduce (see
 * {@link LocalityReceipt}): R, G, B(, A) sample order, 8-bit as bytes, 16-bit big-endian. Works in strips of rows
 * so memory stays small.
 */
final class PixelHash {
    static final int STRIP_ROWS = 256;

    private PixelHash() {
    }

    /**
     * @param pixels 8 or 16 bit, 1, 3 or 4 channels (OpenCV order: BGR, BGRA)
     * @param mask8 8-bit, same size; nonzero = inside (zeroed before hashing)
     */
    static String outside(Mat pixels, Mat mask8) {
        MessageDigest sha = sha256();
        boolean sixteen = CvType.depth(pixels.type()) == CvType.CV_16U;
        int channels = pixels.channels();
        Mat strip = new Mat();
        byte[] bytes = new byte[0];
        short[] shorts = new short[0];
        for (int y = 0; y < pixels.rows(); y += STRIP_ROWS) {
            int rows = Math.min(STRIP_ROWS, pixels.rows() - y);
            Mat src = pixels.submat(y, y + rows, 0, pixels.cols());
            Mat m = mask8.submat(y, y + rows, 0, pixels.cols());
            if (channels == 3) Imgproc.cvtColor(src, strip, Imgproc.COLOR_BGR2RGB);
            else if (channels == 4) Imgproc.cvtColor(src, strip, Imgproc.COLOR_BGRA2RGBA);
            else src.copyTo(strip);
            if (Core.countNonZero(m) > 0) strip.setTo(new Scalar(0, 0, 0, 0), m);
            int n = (int) strip.total() * channels;
            if (sixteen) {
                if (shorts.length < n) {
                    shorts = new short[n];
                    bytes = new byte[2 * n];
                }
                strip.get(0, 0, shorts);
                for (int i = 0; i < n; i++) {
                    bytes[2 * i] = (byte) (shorts[i] >> 8);
                    bytes[2 * i + 1] = (byte) shorts[i];
                }
                sha.update(bytes, 0, 2 * n);
            } else {
                if (bytes.length < n) bytes = new byte[n];
                strip.get(0, 0, bytes);
                sha.update(bytes, 0, n);
            }
            src.release();
            m.release();
        }
        strip.release();
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
