package io.realskin.gateway.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.realskin.imaging.ImageLimits;
import io.realskin.imaging.TestImages;
import io.realskin.support.problem.ProblemException;
import org.junit.jupiter.api.Test;

class ImageChecksTest {
    /** A JPEG's scans are walked over the frame its header announces: a header over the limits is refused before the walk. */
    @Test
    void aJpegHeaderOverTheLimitsIsTooLargeBeforeItsScansAreWalked() {
        byte[] jpeg = TestImages.oversizedHeaderOverCorruptData(60000, 60000);
        ProblemException e = assertThrows(ProblemException.class, () -> ImageChecks.check(jpeg, ImageLimits.DEFAULT, "50 MP"));
        assertEquals(413, e.problem().status(), e.getMessage());
    }
}
