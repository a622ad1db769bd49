package io.realskin.imaging.jpeg;

/**
 * A table or header the scan decoder cannot use (a Huffman table that breaks T.81's rules, a scan header that names
 * an unknown component or a missing table, or bad progressive parameters): the file's structure, not its
 * entropy-coded data, is at fault, so a caller that only checks the data can say nothing about it.
 */
public final class JpegHeaderException extends JpegDataException {
    public JpegHeaderException(String message) {
        super(message);
    }
}
