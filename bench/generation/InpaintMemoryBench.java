import io.realskin.generation.imaging.InpaintInputs;
import io.realskin.generation.imaging.MaskCompositor;
import io.realskin.generation.imaging.OutgoingImage;
import io.realskin.imaging.ImageProbe;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageOutputStream;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * What one decode slot of a generation worker holds at the largest accepted image (docs/generation.md, "Memory per
 * job"): a PICTURE resized to 8192x6100 (49.97 MP, under ImageLimits' 50 MP) as a JPEG q95 and a PNG upload, a mask
 * white but for a 64 px border (the composite's box is the whole frame), a provider answer of 2448x1632 (4 MP, FLUX's
 * largest); then one STEP a slot runs, with generation-service's own classes: the provider inputs of an inpaint
 * (InpaintInputs.of; inputs-jpeg: the image as PNG, for OpenAI; inputs-png: as uploaded, for BFL), the composite
 * (MaskCompositor.composite; composite-jpeg, composite-png) or a reference resized for BFL (OutgoingImage.of at 4 MP;
 * reference-bfl); the same for the other accepted formats: a TIFF in strips (Deflate, horizontal predictor; OpenCV
 * decodes it: inputs-tiff, composite-tiff, reference-tiff, the PNG a TIFF reference goes as), an 8-bit tiled TIFF with
 * orientation tag 3 (decoded upright on the heap by imaging's OrientedTiffTiles: inputs-tiff-tiled,
 * composite-tiff-tiled, reference-tiff-tiled), an 8-bit TIFF of gray and alpha in strips (Deflate, horizontal
 * predictor; read by the JDK's reader in bands: inputs-tiff-grayalpha, composite-tiff-grayalpha,
 * reference-tiff-grayalpha; the same as a PNG, which OpenCV decodes to BGRA too: composite-png-grayalpha), a WebP at quality 95 (inputs-webp, composite-webp, reference-webp-bfl)
 * and the largest BMP within the 30 MiB byte limit (24-bit, 3968x2640, 10.5 MP: reference-bmp). One step a JVM, so no step finds memory another freed and the C allocator kept. Printed: the peak
 * of the process's resident memory above what it held before the step (Linux: /proc/self/clear_refs resets VmHWM),
 * with the heap committed and touched at start (-Xms = -Xmx, -XX:+AlwaysPreTouch), so the rise is native memory
 * (OpenCV's pixels), and the heap pools' peak during the step (garbage included). One thread.
 * Run by bench/generation/memory: args PICTURE STEP.
 */
public class InpaintMemoryBench {
    private static final int WIDTH = 8192;
    private static final int HEIGHT = 6100;

    public static void main(String[] args) throws Exception {
        nu.pattern.OpenCV.loadLocally();
        Mat picture = Imgcodecs.imdecode(new MatOfByte(Files.readAllBytes(Path.of(args[0]))), Imgcodecs.IMREAD_COLOR);
        Mat large = new Mat();
        Imgproc.resize(picture, large, new Size(WIDTH, HEIGHT), 0, 0, Imgproc.INTER_CUBIC);
        String step = args[1];
        String format = step.replaceFirst("^(inputs|composite|reference)-", "").replaceFirst("-bfl$", "");
        Path cached = Path.of(System.getProperty("java.io.tmpdir"), "realskin-bench-memory-"
                + Path.of(args[0]).getFileName() + "." + format);
        byte[] upload = Files.exists(cached) ? Files.readAllBytes(cached) : switch (format) {
            case "jpeg", "bfl" -> encode(large, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
            case "png" -> encode(large, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, 3);
            case "tiff" -> tiff(bgr(large), 1, false);
            case "tiff-tiled" -> tiff(bgr(large), 3, true);
            case "tiff-grayalpha" -> tiff(grayAlpha(large), 1, false);
            case "png-grayalpha" -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ImageIO.write(grayAlpha(large), "png", out);
                yield out.toByteArray();
            }
            case "webp" -> encode(large, ".webp", Imgcodecs.IMWRITE_WEBP_QUALITY, 95);
            case "bmp" -> bmp(picture);
            default -> throw new IllegalArgumentException("no step " + step);
        };
        Files.write(cached, upload); // the next steps' JVMs read it instead of encoding 50 MP again
        Mat maskPixels = Mat.zeros(HEIGHT, WIDTH, CvType.CV_8UC1);
        Imgproc.rectangle(maskPixels, new Point(64, 64), new Point(WIDTH - 65, HEIGHT - 65), new Scalar(255), -1);
        byte[] mask = encode(maskPixels, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, 3);
        Mat small = new Mat();
        Imgproc.resize(picture, small, new Size(2448, 1632), 0, 0, Imgproc.INTER_AREA);
        byte[] answer = encode(small, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
        List.of(picture, large, maskPixels, small).forEach(Mat::release);
        var info = ImageProbe.probe(upload);
        System.err.printf("upload %s %dx%d: %.1f MB; mask PNG %.2f MB; answer 2448x1632 JPEG %.2f MB%n",
                info.format(), info.width(), info.height(), upload.length / 1e6, mask.length / 1e6, answer.length / 1e6);
        Step run = switch (step.replaceFirst("-.*", "")) {
            // inputs: the image as PNG (OpenAI) but for a PNG, sent as uploaded (BFL)
            case "inputs" -> () -> sum(InpaintInputs.of(upload, mask, !"png".equals(format)));
            case "composite" -> () -> MaskCompositor.composite(upload, mask, answer).png().length;
            // reference-bfl and *-bfl: resized to 4 MP for BFL; else as it goes to OpenAI and Gemini
            case "reference" -> step.endsWith("bfl") ? () -> OutgoingImage.of(upload, info, 4_000_000).bytes().length
                    : () -> OutgoingImage.of(upload, info).bytes().length;
            default -> throw new IllegalArgumentException("no step " + step);
        };
        measure(step, run);
    }

    private interface Step {
        long run() throws Exception;
    }

    private static void measure(String name, Step step) throws Exception {
        System.gc();
        Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // VmHWM := VmRSS
        long before = status("VmRSS");
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long result = step.run();
        long peak = status("VmHWM");
        long heapPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        // what outlived the young collections, or was allocated there directly (an array too large for the young generation)
        long oldPeak = heap.stream().filter(p -> p.getName().contains("Tenured") || p.getName().contains("Old"))
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%s | %.0f | %.0f | %.0f | %.1f%n", name, (peak - before) / 1e6, heapPeak / 1e6, oldPeak / 1e6, result / 1e6);
    }

    private static long sum(InpaintInputs in) {
        return in.image().length + in.maskWhiteIsEdit().length + in.maskAlphaZeroIsEdit().length;
    }

    /** A field of /proc/self/status in bytes. */
    private static long status(String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException(field);
    }

    private static BufferedImage bgr(Mat bgr) {
        BufferedImage image = new BufferedImage(bgr.cols(), bgr.rows(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.get(0, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        return image;
    }

    /** {@code bgr}'s gray with an alpha of 255 but for a transparent 64 px border: 8-bit gray and alpha (PIL's LA). */
    private static BufferedImage grayAlpha(Mat bgr) {
        Mat gray = new Mat();
        Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
        byte[] g = new byte[(int) gray.total()];
        gray.get(0, 0, g);
        gray.release();
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(bgr.cols(), bgr.rows());
        byte[] la = ((DataBufferByte) raster.getDataBuffer()).getData();
        for (int y = 0, i = 0; y < bgr.rows(); y++) {
            for (int x = 0; x < bgr.cols(); x++, i++) {
                la[2 * i] = g[i];
                la[2 * i + 1] = (byte) (x < 64 || y < 64 || x >= bgr.cols() - 64 || y >= bgr.rows() - 64 ? 0 : 255);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * An 8-bit TIFF of {@code image} (RGB, or gray and alpha) by the JDK's writer, Deflate with the horizontal predictor
     * (so 50 MP stays under the 30 MiB byte limit), in strips or in 256 px tiles, with the orientation tag.
     */
    private static byte[] tiff(BufferedImage image, int orientation, boolean tiled) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (tiled) {
            param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
            param.setTiling(256, 256, 0, 0);
        }
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType("Deflate");
        param.setCompressionQuality(0.5f); // zlib level 5: the writer's default, level 9, took minutes for 50 MP
        TIFFDirectory dir = TIFFDirectory.createFromMetadata(
                writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param));
        BaselineTIFFTagSet tags = BaselineTIFFTagSet.getInstance();
        dir.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_ORIENTATION), orientation));
        dir.addTIFFField(new TIFFField(tags.getTag(BaselineTIFFTagSet.TAG_PREDICTOR), BaselineTIFFTagSet.PREDICTOR_HORIZONTAL_DIFFERENCING));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, dir.getAsMetadata()), param);
        }
        writer.dispose();
        return out.toByteArray();
    }

    /** The largest 24-bit BMP under the 30 MiB byte limit (BMP has no compression for 24 bits): 3968x2640, 10.5 MP. */
    private static byte[] bmp(Mat picture) {
        Mat sized = new Mat();
        Imgproc.resize(picture, sized, new Size(3968, 2640), 0, 0, Imgproc.INTER_CUBIC);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".bmp", sized, out);
        sized.release();
        return out.toArray();
    }

    private static byte[] encode(Mat image, String extension, int option, int value) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(extension, image, out, new MatOfInt(option, value));
        return out.toArray();
    }
}
