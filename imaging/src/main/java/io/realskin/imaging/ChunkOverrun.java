package io.realskin.imaging;

/**
 * What a walk over a PNG's or a WebP's chunks ({@link PngChunks}, {@link WebpChunks}) does when the data ends inside a
 * chunk: the caller's choice, as each reader means something else by a file cut short.
 */
enum ChunkOverrun {
    /** Refuses the file: {@link ImageRejectedException} bad_image, naming the chunk. */
    REFUSE,
    /** Ends the walk there, as if the data ended before that chunk: the walk returns false. */
    STOP
}
