import io.realskin.generation.imaging.InpaintInputs;
import io.realskin.generation.imaging.MaskCompositor;
import io.realskin.generation.imaging.OutgoingImage;
import io.realskin.imaging.ImageProbe;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * reference-bfl). One step a JVM, so no step finds memory another freed and the C allocator kept. Printed: the peak
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
        byte[] jpeg = encode(large, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
        byte[] png = encode(large, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, 3);
        Mat maskPixels = Mat.zeros(HEIGHT, WIDTH, CvType.CV_8UC1);
        Imgproc.rectangle(maskPixels, new Point(64, 64), new Point(WIDTH - 65, HEIGHT - 65), new Scalar(255), -1);
        byte[] mask = encode(maskPixels, ".png", Imgcodecs.IMWRITE_PNG_COMPRESSION, 3);
        Mat small = new Mat();
        Imgproc.resize(picture, small, new Size(2448, 1632), 0, 0, Imgproc.INTER_AREA);
        byte[] answer = encode(small, ".jpg", Imgcodecs.IMWRITE_JPEG_QUALITY, 95);
        List.of(picture, large, maskPixels, small).forEach(Mat::release);
        System.err.printf("upload %dx%d: JPEG %.1f MB, PNG %.1f MB; mask PNG %.2f MB; answer 2448x1632 JPEG %.2f MB%n",
                WIDTH, HEIGHT, jpeg.length / 1e6, png.length / 1e6, mask.length / 1e6, answer.length / 1e6);
        Step step = switch (args[1]) {
            case "inputs-jpeg" -> () -> sum(InpaintInputs.of(jpeg, mask, true)); // the image as PNG: OpenAI
            case "inputs-png" -> () -> sum(InpaintInputs.of(png, mask, false)); // as uploaded: BFL
            case "composite-jpeg" -> () -> MaskCompositor.composite(jpeg, mask, answer).png().length;
            case "composite-png" -> () -> MaskCompositor.composite(png, mask, answer).png().length;
            case "reference-bfl" -> () -> OutgoingImage.of(jpeg, ImageProbe.probe(jpeg), 4_000_000).bytes().length;
            default -> throw new IllegalArgumentException("no step " + args[1]);
        };
        measure(args[1], step);
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
        System.out.printf("%s | %.0f | %.0f | %.1f%n", name, (peak - before) / 1e6, heapPeak / 1e6, result / 1e6);
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

    private static byte[] encode(Mat image, String extension, int option, int value) {
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(extension, image, out, new MatOfInt(option, value));
        return out.toArray();
    }
}
