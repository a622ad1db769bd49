package io.realskin.imaging.jpeg;

/** Entropy-coded JPEG data that cannot be decoded: a Huffman table or code that breaks T.81's rules. */
public final class JpegDataException extends RuntimeException {
    public JpegDataException(String message) {
        super(message);
    }
}
