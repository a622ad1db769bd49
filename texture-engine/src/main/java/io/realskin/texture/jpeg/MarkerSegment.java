package io.realskin.texture.jpeg;

/**
 * A whole marker segment (0xFF, the marker, the length, the payload) as {@code bytes[from, to)}: a segment carried over
 * as the input holds it points into the input's bytes instead of copying them, so a file that is mostly metadata is
 * not held twice while it is restored.
 */
record MarkerSegment(byte[] bytes, int from, int to) {
    static MarkerSegment of(byte[] whole) {
        return new MarkerSegment(whole, 0, whole.length);
    }

    int marker() {
        return bytes[from + 1] & 0xFF;
    }

    int length() {
        return to - from;
    }

    /** Whether the payload starts with the ASCII {@code id}. */
    boolean startsWith(String id) {
        if (length() < 4 + id.length()) return false;
        for (int i = 0; i < id.length(); i++) if (bytes[from + 4 + i] != id.charAt(i)) return false;
        return true;
    }
}
