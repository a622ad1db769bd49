package io.realskin.generation.provider.openai;

/**
 * The {@code size} an OpenAI image model takes for a wanted width x height. {@code gpt-image-2}: any WxH with both
 * sides divisible by 16, aspect 1:3..3:1, at most 3840x2160 worth of pixels and a 3840 edge, at least 655,360 pixels;
 * the gpt-image-1 family only 1024x1024, 1536x1024 or 1024x1536.
 */
public final class OpenAiSizes {
    static final int MAX_EDGE = 3840;
    static final long MAX_PIXELS = 3840L * 2160;
    static final long MIN_PIXELS = 655_360;

    private OpenAiSizes() {
    }

    public static boolean fixedSizes(String model) {
        return model.startsWith("gpt-image-1") || model.startsWith("dall-e");
    }

    /**
     * {@code input_fidelity} goes to gpt-image-1 and gpt-image-1.5 only. The API reference says "gpt-image-1 and
     * gpt-image-1.5 and later models, unsupported for gpt-image-1-mini"; the image-generation guide says "For
     * gpt-image-2, omit this parameter; the API doesn't allow changing it" (it always works at high fidelity). The
     * stricter reading: only the models both name as taking it.
     */
    public static boolean takesInputFidelity(String model) {
        return model.startsWith("gpt-image-1") && !model.startsWith("gpt-image-1-mini");
    }

    public static String size(String model, int width, int height) {
        double aspect = (double) width / height;
        if (fixedSizes(model)) {
            return aspect > 1.2 ? "1536x1024" : aspect < 1 / 1.2 ? "1024x1536" : "1024x1024";
        }
        aspect = Math.max(1 / 3.0, Math.min(3.0, aspect));
        double pixels = Math.max(MIN_PIXELS, Math.min(MAX_PIXELS, (double) width * height));
        double h = Math.sqrt(pixels / aspect);
        double w = h * aspect;
        double shrink = Math.min(1, MAX_EDGE / Math.max(w, h));
        int w16 = fit(w * shrink);
        int h16 = fit(h * shrink);
        while ((long) w16 * h16 > MAX_PIXELS) { // rounding up may cross the pixel cap: step the longer side down
            if (w16 >= h16) w16 -= 16; else h16 -= 16;
        }
        // each edge rounded on its own can take a 3:1 aspect past it (656x1984), which the API refuses: the long edge gives way
        while (Math.max(w16, h16) > 3L * Math.min(w16, h16)) {
            if (w16 >= h16) w16 -= 16; else h16 -= 16;
        }
        while ((long) w16 * h16 < MIN_PIXELS) { // the short edge grows: the aspect only comes nearer 1:1
            if (w16 <= h16) w16 += 16; else h16 += 16;
        }
        return w16 + "x" + h16;
    }

    private static int fit(double side) {
        return (int) Math.max(16, Math.min(MAX_EDGE, Math.round(side / 16.0) * 16));
    }
}
