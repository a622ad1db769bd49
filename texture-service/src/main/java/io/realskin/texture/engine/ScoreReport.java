package io.realskin.texture.engine;

import java.util.List;

/**
 * Plastic-skin measurement of an image: faces, the image score (skin-area-weighted mean of the faces, null
 * without a measurable face), and the fraction of the image that is skin.
 */
public record ScoreReport(int width, int height, List<FaceScore> faces, Double plasticScore, double skinFraction) {

    /** The CLI's JSON object (one line), with {@code file} first when given. */
    public String toJson(String file) {
        StringBuilder b = new StringBuilder("{");
        if (file != null) b.append("\"file\":").append(MiniJson.quote(file)).append(',');
        b.append("\"width\":").append(width).append(",\"height\":").append(height).append(",\"faces\":[");
        for (int i = 0; i < faces.size(); i++) {
            FaceScore f = faces.get(i);
            b.append(i == 0 ? "" : ",").append("{\"box\":[").append(f.x()).append(',').append(f.y()).append(',')
                    .append(f.width()).append(',').append(f.height()).append("],\"score\":")
                    .append(f.plasticScore() == null ? "null" : MiniJson.num(round(f.plasticScore())))
                    .append(",\"confidence\":").append(MiniJson.num(round(f.confidence()))).append('}');
        }
        b.append("],\"plasticScore\":").append(plasticScore == null ? "null" : MiniJson.num(round(plasticScore)))
                .append(",\"skinFraction\":").append(MiniJson.num(round(skinFraction))).append('}');
        return b.toString();
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
