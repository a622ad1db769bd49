package io.realskin.imaging.jpeg;

/**
 * A file with more scans than {@link JpegDecoder#MAX_SCANS}: well-formed, perhaps, but each scan is a pass over the
 * whole image in any decoder, so a small file of many scans costs minutes of CPU (libjpeg decodes it with warnings
 * only), as do scans that cover more than {@link JpegDecoder#MAX_SCANNED_BLOCKS} blocks together; or with more
 * marker segments than {@link JpegDecoder#MAX_SEGMENTS}, each of which costs every reader of the file. Refused as a resource limit, not as corrupt data.
 */
public final class JpegScanLimitException extends JpegDataException {
    public JpegScanLimitException(String message) {
        super(message);
    }
}
