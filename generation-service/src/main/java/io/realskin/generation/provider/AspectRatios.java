package io.realskin.generation.provider;

import java.util.List;

/** The nearest of a provider's documented aspect ratios ("W:H") to a wanted width x height, by the ratios' logarithms. */
public final class AspectRatios {
    private AspectRatios() {
    }

    /** The ratio of {@code ratios} ("W:H" each, at least one) nearest to {@code width}:{@code height}; the first on a tie. */
    public static String nearest(List<String> ratios, int width, int height) {
        double wanted = Math.log((double) width / height);
        String best = ratios.get(0);
        double bestDistance = Double.MAX_VALUE;
        for (String ratio : ratios) {
            String[] wh = ratio.split(":");
            double distance = Math.abs(Math.log(Double.parseDouble(wh[0]) / Double.parseDouble(wh[1])) - wanted);
            if (distance < bestDistance) {
                best = ratio;
                bestDistance = distance;
            }
        }
        return best;
    }
}
