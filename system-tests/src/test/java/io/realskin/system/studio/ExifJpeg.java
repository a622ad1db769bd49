package io.realskin.system.studio;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** A JPEG that shows the picture upright only through its EXIF orientation, as a phone's camera writes one. */
final class ExifJpeg {
    /** An APP1 segment: "Exif", a big-endian TIFF header and one IFD entry, Orientation (0x0112) = 6 (turn 90° clockwise). */
    private static final byte[] ORIENTATION_6 = {(byte) 0xFF, (byte) 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,
        'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};

    /** The picture's pixels stored turned 90° counter-clockwise, with orientation 6 to show them upright. */
    static byte[] turned(BufferedImage upright) throws IOException {
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                stored.setRGB(y, w - 1 - x, upright.getRGB(x, y));
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(stored, "jpg", jpeg);
        byte[] plain = jpeg.toByteArray();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(plain, 0, 2); // SOI, then the EXIF segment before everything else
        file.write(ORIENTATION_6);
        file.write(plain, 2, plain.length - 2);
        return file.toByteArray();
    }

    private ExifJpeg() {
    }
}
