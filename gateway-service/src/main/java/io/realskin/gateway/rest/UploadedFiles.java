package io.realskin.gateway.rest;

import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * A multipart upload's file, which the framework wrote to the gateway's own temporary directory, read back. A failure
 * there (the disk full or failing, the file gone) is the gateway's: {@code 500 internal}, logged as an error. Before,
 * its IOException reached the shared mapper, which takes an I/O failure it cannot place for a database outage: the
 * client was told {@code 503} "database did not answer" (and to retry), the log said "database unavailable".
 */
public final class UploadedFiles {
    private static final Logger LOG = Logger.getLogger(UploadedFiles.class);

    private UploadedFiles() {
    }

    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** No cause: the IOException is logged here, and no mapper may read the answer's exception for an outage. */
    private static ProblemException unreadable(IOException e) {
        LOG.errorf(e, "an uploaded file could not be read back from the gateway's temporary directory");
        return Problem.of(ProblemTypes.INTERNAL, "the upload could not be read back from the gateway's temporary storage")
                .exception();
    }
}
