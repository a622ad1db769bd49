package io.realskin.generation.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An Error ending a job: its FAILED is published once, best effort, and the same Error always goes on. */
class JobErrorsTest {
    @Test
    void theJobsFailedIsPublishedAndTheErrorGoesOn() {
        AtomicInteger published = new AtomicInteger();
        LinkageError error = new UnsatisfiedLinkError("no opencv_java in java.library.path");
        assertSame(error, JobErrors.failedAndRethrown(error, "job-1", published::incrementAndGet));
        assertEquals(1, published.get());
        assertArrayEquals(new Throwable[0], error.getSuppressed());
    }

    @Test
    void anOutOfMemoryErrorIsNeverSwallowedEvenWhenThePublishFailsToo() {
        OutOfMemoryError error = new OutOfMemoryError("Java heap space");
        OutOfMemoryError again = new OutOfMemoryError("Java heap space (publishing)");
        assertSame(error, JobErrors.failedAndRethrown(error, "job-2", () -> {
            throw again;
        }));
        assertArrayEquals(new Throwable[] {again}, error.getSuppressed(), "the publish's failure rides along");
    }
}
