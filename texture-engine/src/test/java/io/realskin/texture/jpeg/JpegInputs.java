package io.realskin.texture.jpeg;

import io.realskin.texture.engine.Fixtures;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGQTable;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JPEG test inputs made from the portrait fixture by two independent encoders (OpenCV's libjpeg-turbo and
 * javax.imageio), and pixel reads by both decoders.
 */
public final class JpegInputs {
    private JpegInputs() {
    }

    /** The real portrait (1000x1000) in every layout the coefficient path must serve, by name. */
    public static Map<String, byte[]> portraitVariants() {
        Mat bgr = Fixtures.decode(Fixtures.bytes(Fixtures.REAL));
        Map<String, byte[]> v = new LinkedHashMap<>();
        v.put("4:4:4 baseline (OpenCV)", Fixtures.encode(bgr, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 90,
                Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444));
        v.put("4:2:0 baseline (ImageIO)", imageIo(bgr, false, 0.85f));
        v.put("4:2:0 progressive (OpenCV)", Fixtures.encode(bgr, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 88,
                Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1));
        v.put("4:2:0 progressive (ImageIO)", imageIo(bgr, true, 0.9f));
        v.put("4:2:2 restart markers every 7 MCUs (OpenCV)", Fixtures.encode(bgr, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 85,
                Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 7, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR,
                Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_422));
        v.put("4:2:0 progressive with restart markers (OpenCV)", Fixtures.encode(bgr, ".jpg",
                Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1, Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, 3));
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        v.put("grayscale baseline (OpenCV)", Fixtures.encode(gray, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 92));
        return v;
    }

    /**
     * The file's layout in words, as its headers state it: "progressive" or "baseline", the chroma sampling
     * ("4:4:4", "4:2:0", "4:2:2", "gray", else "HxV"), and "restart markers" when a DRI segment sets an interval.
     */
    public static String layout(byte[] jpeg) {
        JpegCoefficients c = JpegReader.read(jpeg);
        String sampling = c.componentCount() == 1 ? "gray"
                : c.hmax() == 1 && c.vmax() == 1 ? "4:4:4"
                : c.hmax() == 2 && c.vmax() == 2 ? "4:2:0"
                : c.hmax() == 2 && c.vmax() == 1 ? "4:2:2" : c.hmax() + "x" + c.vmax();
        return (c.progressive() ? "progressive " : "baseline ") + sampling + (restartInterval(jpeg) > 0 ? " restart markers" : "");
    }

    /**
     * The quantisation tables of the DQT segments before the first scan, by table id, read from the segments by
     * this test's own walk (javax.imageio's metadata reader refuses some real files: "Inconsistent metadata").
     * Values as stored (zigzag order), 8- or 16-bit precision.
     */
    public static Map<Integer, List<Integer>> dqtTables(byte[] b) {
        Map<Integer, List<Integer>> tables = new java.util.TreeMap<>();
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) != 0xDA) {
            int length = (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
            if ((b[i + 1] & 0xFF) == 0xDB) {
                int p = i + 4, end = i + 2 + length;
                while (p < end) {
                    int precision = (b[p] & 0xFF) >> 4, id = b[p] & 0x0F;
                    p++;
                    List<Integer> t = new ArrayList<>();
                    for (int k = 0; k < 64; k++) {
                        t.add(precision == 0 ? b[p] & 0xFF : (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF));
                        p += precision == 0 ? 1 : 2;
                    }
                    tables.put(id, t);
                }
            }
            i += 2 + length;
        }
        return tables;
    }

    /** javax.imageio's metadata reads the file (it refuses some real files: "Inconsistent metadata"). */
    public static boolean imageIoReadsMetadata(byte[] jpeg) {
        try {
            imageIoQuantTables(jpeg);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** The restart interval of the first DRI segment before the first scan (0 without one). */
    static int restartInterval(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            int length = (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
            if (marker == 0xDD) return (b[i + 4] & 0xFF) << 8 | (b[i + 5] & 0xFF);
            if (marker == 0xDA) return 0;
            i += 2 + length;
        }
        return 0;
    }

    static byte[] imageIo(Mat bgr, boolean progressive, float quality) {
        try {
            BufferedImage img = toBufferedImage(bgr);
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam p = w.getDefaultWriteParam();
            if (progressive) {
                p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            } else {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(quality);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                w.setOutput(ios);
                w.write(null, new IIOImage(img, null, null), p);
            }
            w.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage toBufferedImage(Mat bgr) {
        BufferedImage img = new BufferedImage(bgr.cols(), bgr.rows(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = new byte[bgr.cols() * bgr.rows() * 3];
        bgr.get(0, 0, px);
        img.getRaster().setDataElements(0, 0, bgr.cols(), bgr.rows(), px);
        return img;
    }

    /** Pixels as javax.imageio decodes them: packed RGB per pixel (gray repeated), row-major. */
    public static int[] imageIoPixels(byte[] jpeg) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pixels as OpenCV decodes them: channel bytes, row-major (BGR, or gray). */
    public static byte[] openCvPixels(byte[] jpeg) {
        Mat m = Fixtures.decode(jpeg);
        byte[] px = new byte[(int) (m.total() * m.channels())];
        m.get(0, 0, px);
        return px;
    }

    /** The quantisation tables of the file's DQT segments as javax.imageio's metadata reports them, in file order. */
    public static List<int[]> imageIoQuantTables(byte[] jpeg) {
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            var reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            reader.setInput(in);
            var tree = reader.getImageMetadata(0).getAsTree("javax_imageio_jpeg_image_1.0");
            List<int[]> tables = new ArrayList<>();
            collect(tree, tables);
            reader.dispose();
            return tables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(org.w3c.dom.Node n, List<int[]> out) {
        if (n instanceof javax.imageio.metadata.IIOMetadataNode m && "dqtable".equals(n.getNodeName())) {
            out.add(((JPEGQTable) m.getUserObject()).getTable());
        }
        for (var c = n.getFirstChild(); c != null; c = c.getNextSibling()) collect(c, out);
    }
}
