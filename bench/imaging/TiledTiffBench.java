import io.realskin.imaging.ImageInfo;
import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.OrientedTiffTiles;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What imaging's OrientedTiffTiles.decodeUpright(bytes, info) costs on the largest accepted tiled TIFF with an
 * orientation tag (docs/generation.md, "Memory per job"): the tiled upload bench/generation/InpaintMemoryBench writes
 * (8192x6100 RGB, 49.97 MP, in 256 px tiles, Deflate with the horizontal predictor, orientation 3), the file args[0].
 * Printed, for the call after a warm-up call: the thread's allocated bytes, of which the result's array of the picture
 * (which the engine and generation-service no longer make: opencv.UprightTiffTiles puts the tiles into a matrix), and
 * wall time.
 * The heap pools' peak says little here: whatever passes the young generation's size fills it.
 * Run by bench/imaging/tiled-tiff.
 */
public class TiledTiffBench {
    public static void main(String[] args) throws Exception {
        byte[] tiff = Files.readAllBytes(Path.of(args[0]));
        ImageInfo info = ImageProbe.probe(tiff);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            System.gc();
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            OrientedTiffTiles.Upright upright = OrientedTiffTiles.decodeUpright(tiff, info);
            long ms = (System.nanoTime() - start) / 1_000_000;
            allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
            if (round == 1) {
                System.out.printf("%.1f MB tiled TIFF %dx%d, orientation %d: allocated %.0f MB, of which the result %dx%dx%d"
                                + " %.0f MB, the rest %.0f MB; %d ms%n", tiff.length / 1e6, info.width(), info.height(),
                        info.orientation(), allocated / 1e6, upright.width(), upright.height(), upright.channels(),
                        upright.samples().length / 1e6, (allocated - upright.samples().length) / 1e6, ms);
            }
        }
    }
}
