package io.realskin.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.gateway.images.MaskArea;
import io.realskin.imaging.ImageLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Studio refuses an upload over the gateway's limits before sending it (studio/js/limits.js); the API does not
 * publish them, so the Studio holds them as constants, which must be the gateway's own (ImageLimits.DEFAULT, which
 * ImageService checks every upload against) and the ones docs/api.md documents.
 */
class StudioLimitsTest {
    private static final Path LIMITS = Path.of("src/main/resources/META-INF/resources/studio/js/limits.js");

    @Test
    void theStudiosUploadLimitsAreTheGateways() throws IOException {
        String js = Files.readString(LIMITS);
        assertEquals(ImageLimits.DEFAULT.maxBytes(), constant(js, "UPLOAD_MAX_BYTES"));
        assertEquals(ImageLimits.DEFAULT.maxPixels(), constant(js, "UPLOAD_MAX_PIXELS"));
        String api = Files.readString(Path.of("../docs/api.md"));
        String documented = "size: at most " + (ImageLimits.DEFAULT.maxBytes() >> 20) + " MiB and "
                + ImageLimits.DEFAULT.maxPixels() / 1_000_000 + " megapixels";
        assertTrue(api.contains(documented), "docs/api.md says \"" + documented + "\"");
    }

    /** The Editor refuses a mask under the gateway's minimum before uploading it: the same patch side as MaskArea's. */
    @Test
    void theStudiosLeastMaskIsTheGateways() throws IOException {
        assertEquals(MaskArea.MIN_SIDE, constant(Files.readString(LIMITS), "MASK_MIN_SIDE"));
        String documented = "at least a " + MaskArea.MIN_SIDE + " x " + MaskArea.MIN_SIDE + " px patch";
        assertTrue(Files.readString(Path.of("../docs/api.md")).contains(documented), "docs/api.md says \"" + documented + "\"");
    }

    /** The value of `export const NAME = ...;`, a product of integer literals (with _ separators). */
    private static long constant(String js, String name) {
        Matcher m = Pattern.compile("export const " + name + " = ([0-9_ *]+);").matcher(js);
        assertTrue(m.find(), "limits.js exports " + name + " as a number");
        long value = 1;
        for (String factor : m.group(1).split("\\*")) {
            value *= Long.parseLong(factor.strip().replace("_", ""));
        }
        return value;
    }
}
