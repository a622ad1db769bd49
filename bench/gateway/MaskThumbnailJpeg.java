import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * How far JPEG coding at quality 85 (a mask thumbnail without alpha, texture-engine's Thumbnailer) moves the mean of a
 * 640 px wide gray mask, as a share of the image: the part of the gateway's MaskArea.RESOLUTION that is not 8-bit
 * rounding. Masks of shapes and strokes (white, gray), of specks, and black marks on white. JDK only (ImageIO's
 * encoder, with the standard tables at the same quality as the engine's libjpeg).
 * Usage: java bench/gateway/MaskThumbnailJpeg.java [masks=300] [seed=1]
 */
public class MaskThumbnailJpeg {
    public static void main(String[] args) throws Exception {
        int masks = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Random random = new Random(args.length > 1 ? Long.parseLong(args[1]) : 1);
        double lowest = 0;
        double highest = 0;
        for (int t = 0; t < masks; t++) {
            BufferedImage mask = mask(random, t % 4, 640, 300 + random.nextInt(600));
            double moved = mean(jpeg(mask)) - mean(mask);
            lowest = Math.min(lowest, moved);
            highest = Math.max(highest, moved);
        }
        System.out.printf("BENCH mask thumbnail JPEG q85: %d masks, the mean moved by %+.3f %% .. %+.3f %% of the image%n",
                masks, 100 * lowest, 100 * highest);
    }

    /** kind 0, 1: shapes and strokes; 2: specks; 3: black marks on white. */
    private static BufferedImage mask(Random random, int kind, int width, int height) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = mask.createGraphics();
        if (kind == 3) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        }
        int marks = 1 + random.nextInt(kind == 2 ? 400 : 20);
        for (int i = 0; i < marks; i++) {
            g.setColor(kind == 3 ? Color.BLACK : random.nextBoolean() ? Color.WHITE : new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int size = kind == 2 ? 1 + random.nextInt(4) : 5 + random.nextInt(200);
            if (random.nextBoolean()) {
                g.fillOval(random.nextInt(width), random.nextInt(height), size, size);
            } else {
                g.setStroke(new BasicStroke(1 + random.nextInt(6)));
                g.drawLine(random.nextInt(width), random.nextInt(height), random.nextInt(width), random.nextInt(height));
            }
        }
        g.dispose();
        return mask;
    }

    private static double mean(BufferedImage image) {
        Raster raster = image.getRaster();
        double sum = 0;
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                sum += raster.getSample(x, y, 0);
            }
        }
        return sum / 255 / ((double) raster.getWidth() * raster.getHeight());
    }

    private static BufferedImage jpeg(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.85f);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    }
}
