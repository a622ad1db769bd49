package io.realskin.imaging.jpeg;

/**
 * JPEG data that cannot be decoded: a Huffman table or code that breaks T.81's rules, or ({@link JpegSegments.Cut})
 * a structure the data ends inside.
 */
public class JpegDataException extends RuntimeException {
    public JpegDataException(String message) {
        super(message);
    }
}
