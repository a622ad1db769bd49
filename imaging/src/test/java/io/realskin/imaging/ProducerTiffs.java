package io.realskin.imaging;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.plugins.tiff.TIFFTag;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** TIFFs as the JDK's TIFF writer (javax.imageio, big-endian) writes them, with a photographer's fields in IFD0. */
public final class ProducerTiffs {
    private ProducerTiffs() {
    }

    /**
     * @param icc       the ICC profile for tag 34675 (UNDEFINED), or null
     * @param xmpPacket the XMP packet for tag 700 (BYTE), or null
     */
    public static byte[] jdk(BufferedImage image, byte[] icc, byte[] xmpPacket) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            TIFFDirectory ifd = TIFFDirectory.createFromMetadata(
                    writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), writer.getDefaultWriteParam()));
            if (icc != null) {
                ifd.addTIFFField(new TIFFField(BaselineTIFFTagSet.getInstance().getTag(BaselineTIFFTagSet.TAG_ICC_PROFILE),
                        TIFFTag.TIFF_UNDEFINED, icc.length, icc));
            }
            if (xmpPacket != null) {
                ifd.addTIFFField(new TIFFField(new TIFFTag("XMP", 700, 1 << TIFFTag.TIFF_BYTE | 1 << TIFFTag.TIFF_UNDEFINED),
                        TIFFTag.TIFF_BYTE, xmpPacket.length, xmpPacket));
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, ifd.getAsMetadata()), null);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }
}
