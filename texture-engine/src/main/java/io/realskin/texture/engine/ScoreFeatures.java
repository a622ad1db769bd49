package io.realskin.texture.engine;

import java.util.List;

/**
 * The plastic score's candidate inputs for one face, by name: natural logs of ratios of two measurements of the
 * same frame (so exposure, a global gain or the camera's units cancel), or scale-free shape figures. The model
 * resource names the ones it uses, and only their measurements are made:
 * <ul>
 * <li>{@link SkinStatistics} (always measured): {@code fineOverContrast} ln(fine rms / face contrast),
 *     {@code fineOverMid} ln(fine rms / middle-band rms), {@code noiseOverLuminance} ln(noise sigma / mean luminance);</li>
 * <li>{@link RegionEvidence}: {@code noiseOverFloor} ln(skin noise sigma / the frame's noise floor),
 *     {@code fineOverEdge} ln(skin fine rms / fine rms of the eye and brow edges), {@code slopeOverEdge}
 *     ln(fine / mid) of the skin minus that of the edges;</li>
 * <li>{@link SkinDetail}: {@code blobDensity} ln(1 + dark pore-scale blobs per face width squared),
 *     {@code chromaOverFine} ln(chroma fine rms / luminance fine rms);</li>
 * <li>{@link TextureSpread}: {@code unevenness}, {@code energyVsLuminance};</li>
 * <li>{@link ZoneTexture}, on a zone fixed by the face's keypoints: {@code zoneFineOverContrast},
 *     {@code zoneUnevenness} and {@code zoneEnergyVsLuminance} (on the fine band relative to the local luminance),
 *     {@code zoneFineLag}; with the white grain taken out {@code zoneGrainShare}, {@code zoneStructureOverContrast},
 *     {@code zoneStructureUnevenness}; {@code zoneAbsoluteEnergyVsLuminance} ({@code energyVsLuminance} on the
 *     zone); {@code zoneMidUnevenness}, {@code zoneMidEnergyVsLuminance} the same on the middle band.</li>
 * </ul>
 */
public final class ScoreFeatures {
    public static final List<String> NAMES = List.of(
            "fineOverContrast", "fineOverMid", "noiseOverLuminance",
            "noiseOverFloor", "fineOverEdge", "slopeOverEdge",
            "blobDensity", "chromaOverFine",
            "unevenness", "energyVsLuminance",
            "zoneFineOverContrast", "zoneUnevenness", "zoneEnergyVsLuminance", "zoneFineLag",
            "zoneGrainShare", "zoneStructureOverContrast", "zoneStructureUnevenness", "zoneAbsoluteEnergyVsLuminance",
            "zoneMidUnevenness", "zoneMidEnergyVsLuminance");
    private static final double EPS = 1e-3;
    /** Smallest noise or edge level (gray levels) a ratio divides by. */
    private static final double FLOOR = 0.05;

    private ScoreFeatures() {
    }

    /** Every candidate of {@link #NAMES}, in that order (the fit's input). */
    public static double[] all(MeasuredFace m) {
        return of(m, NAMES);
    }

    /**
     * The named features of a measured face whose skin is {@link SkinStatistics#usable()}, in the order given.
     *
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    public static double[] of(MeasuredFace m, List<String> names) {
        SkinStatistics s = m.stats();
        RegionEvidence frame = null;
        SkinDetail detail = null;
        TextureSpread spread = null;
        ZoneTexture zone = null;
        double fine = Math.max(EPS, s.fineRms());
        double mid = Math.max(EPS, s.midRms());
        double[] out = new double[names.size()];
        for (int i = 0; i < out.length; i++) {
            String name = names.get(i);
            switch (name) {
                case "fineOverContrast" -> out[i] = Math.log(fine / Math.max(1.0, s.contrast()));
                case "fineOverMid" -> out[i] = Math.log(fine / mid);
                case "noiseOverLuminance" -> out[i] = Math.log(Math.max(EPS, s.noiseSigma()) / Math.max(1.0, s.meanLuminance()));
                case "noiseOverFloor", "fineOverEdge", "slopeOverEdge" -> {
                    if (frame == null) frame = RegionEvidence.measure(m.region(), m.mask());
                    out[i] = frameFeature(name, s, frame, fine, mid);
                }
                case "blobDensity", "chromaOverFine" -> {
                    if (detail == null) detail = SkinDetail.measure(m.region(), m.mask(), s);
                    out[i] = name.equals("blobDensity") ? Math.log1p(detail.blobDensity())
                            : Math.log(Math.max(EPS, detail.chromaFine()) / fine);
                }
                case "unevenness", "energyVsLuminance" -> {
                    if (spread == null) spread = TextureSpread.measure(m.region().smallGray(), m.mask());
                    out[i] = name.equals("unevenness") ? spread.unevenness() : spread.energyVsLuminance();
                }
                case "zoneFineOverContrast", "zoneUnevenness", "zoneEnergyVsLuminance", "zoneFineLag", "zoneGrainShare",
                     "zoneStructureOverContrast", "zoneStructureUnevenness", "zoneAbsoluteEnergyVsLuminance",
                     "zoneMidUnevenness", "zoneMidEnergyVsLuminance" -> {
                    if (zone == null) zone = ZoneTexture.measure(m.region(), m.mask());
                    out[i] = switch (name) {
                        case "zoneFineOverContrast" -> zone.fineOverContrast();
                        case "zoneUnevenness" -> zone.unevenness();
                        case "zoneEnergyVsLuminance" -> zone.energyVsLuminance();
                        case "zoneFineLag" -> zone.fineLag();
                        case "zoneGrainShare" -> zone.grainShare();
                        case "zoneStructureOverContrast" -> zone.structureOverContrast();
                        case "zoneStructureUnevenness" -> zone.structureUnevenness();
                        case "zoneAbsoluteEnergyVsLuminance" -> zone.absoluteEnergyVsLuminance();
                        case "zoneMidUnevenness" -> zone.midUnevenness();
                        default -> zone.midEnergyVsLuminance();
                    };
                }
                default -> throw new IllegalArgumentException("unknown score feature " + name);
            }
        }
        return out;
    }

    private static double frameFeature(String name, SkinStatistics s, RegionEvidence e, double fine, double mid) {
        double edgeFine = Math.max(FLOOR, e.edgeFine());
        return switch (name) {
            case "noiseOverFloor" -> Math.log(Math.max(FLOOR, s.noiseSigma()) / Math.max(FLOOR, e.noiseFloor()));
            case "fineOverEdge" -> Math.log(fine / edgeFine);
            default -> Math.log(fine / mid) - Math.log(edgeFine / Math.max(FLOOR, e.edgeMid()));
        };
    }
}
