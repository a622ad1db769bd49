package io.realskin.bench.texture;

import io.realskin.imaging.ImageFormat;
import io.realskin.texture.engine.DecodedImage;
import io.realskin.texture.engine.RestoreOptions;
import io.realskin.texture.engine.RestoreResult;
import io.realskin.texture.engine.TextureEngine;

import java.util.Locale;

/**
 * What the locality receipt costs on the pixel path: a 12 MP PNG restored to PNG, the receipt's step (compare the
 * decoded input with the engine's pixels, hash both outside the boxes) timed between its progress marks, beside the
 * whole restore (which includes the copies of the faces' work regions the receipt reads the input from). The
 * coefficient path's receipt is a step of {@link JpegPathBench}.
 */
final class LocalityBench {
    private LocalityBench() {
    }

    static void run(TextureEngine engine, byte[] jpeg, int runs) {
        byte[] png;
        try (DecodedImage d = engine.decode(jpeg)) {
            png = engine.encode(d, ImageFormat.PNG);
        }
        double[] receipt = new double[runs], whole = new double[runs];
        RestoreResult last = null;
        for (int i = -1; i < runs; i++) { // run -1 warms up
            long[] marks = new long[2];
            long t0 = System.nanoTime();
            RestoreResult r = engine.restore(png, RestoreOptions.defaults().withIntensity(50).withSeed(Math.max(i, 0))
                    .withThreads(1).withProgress((stage, f) -> {
                        if (stage.equals("locality")) marks[f == 0 ? 0 : 1] = System.nanoTime();
                    }));
            long end = System.nanoTime();
            if (i < 0) continue;
            last = r;
            receipt[i] = (marks[1] - marks[0]) / 1e6;
            whole[i] = (end - t0) / 1e6;
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "locality receipt, pixel path, 12 MP PNG -> PNG (median of %d runs, one core): %.1f ms "
                + "(compare, hash) of %.1f ms for the whole restore (decode, region copies, restore, encode, receipt); %d pixels "
                + "changed, identical %s%n", runs, SpeedBench.median(receipt),
                SpeedBench.median(whole), last.locality().changedPixels(), last.locality().identical());
    }
}
