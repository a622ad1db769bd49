package io.realskin.imaging.opencv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.realskin.imaging.ImageProbe;
import io.realskin.imaging.OrientedTiffTiles;
import io.realskin.imaging.TiledTiffs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;

/**
 * Tiles put straight into a matrix, each at its upright place (edge tiles of a 40x24 picture in 16 px tiles included),
 * make the picture {@link OrientedTiffTiles#decodeUpright(byte[], io.realskin.imaging.ImageInfo)} makes as an array,
 * for every tag, gray and RGB.
 */
class UprightTiffTilesTest {
    @BeforeAll
    static void openCv() {
        nu.pattern.OpenCV.loadLocally();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void theMatrixIsTheArrayForEveryTag(int channels) {
        byte[] stored = TiledTiffs.asymmetric(40, 24, channels);
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] tiff = TiledTiffs.of(40, 24, channels, stored, orientation, 16);
            OrientedTiffTiles.Upright upright = OrientedTiffTiles.decodeUpright(tiff, ImageProbe.probe(tiff));
            Mat m = UprightTiffTiles.decode(tiff, ImageProbe.probe(tiff));
            if (orientation == 1) {
                assertNull(m, "upright: OpenCV reads it");
                continue;
            }
            try {
                assertEquals(upright.width() + "x" + upright.height() + "x" + upright.channels(),
                        m.cols() + "x" + m.rows() + "x" + m.channels(), "orientation " + orientation);
                byte[] samples = new byte[upright.samples().length];
                m.get(0, 0, samples);
                assertArrayEquals(upright.samples(), samples, "orientation " + orientation);
            } finally {
                m.release();
            }
        }
    }
}
