package io.realskin.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BytesTest {
    /** Bytes mostly with the high bit set, so a sign extension or a swapped order shows. */
    private static final byte[] B = {(byte) 0x81, (byte) 0xFE, 0x02, (byte) 0xC3, (byte) 0x94};

    @Test
    void numbersAreUnsignedWhenTheHighBitIsSet() {
        assertEquals(0x81, Bytes.u8(B, 0));
        assertEquals(0x81FE, Bytes.be16(B, 0));
        assertEquals(0xFE81, Bytes.le16(B, 0));
        assertEquals(0x81FE02C3L, Bytes.be32(B, 0));
        assertEquals(0xC302FE81L, Bytes.le32(B, 0));
    }

    @Test
    void numbersAreReadAtTheirPosition() {
        assertEquals(0xFE02C394L, Bytes.be32(B, 1));
        assertEquals(0x94C302FEL, Bytes.le32(B, 1));
        assertEquals(0xC394, Bytes.be16(B, 3));
        assertEquals(0x94C3, Bytes.le16(B, 3));
    }

    @Test
    void aNumberPastEitherEndThrowsWhatTheReadersReportAsTruncated() {
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Bytes.u8(B, 5));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Bytes.be16(B, 4));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Bytes.le16(B, 4));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Bytes.be32(B, 2));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Bytes.le32(B, 2));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Bytes.be16(B, -1));
    }

    @Test
    void aNameIsItsBytesAsLatin1UpToTheEnd() {
        byte[] b = {'R', 'I', 'F', 'F', (byte) 0xE9};
        assertEquals("RIFF", Bytes.ascii(b, 0, 4));
        assertEquals("IFF\u00E9", Bytes.ascii(b, 1, 4));
        assertEquals("", Bytes.ascii(b, 2, 4));
        assertEquals("", Bytes.ascii(b, -1, 4));
    }
}
