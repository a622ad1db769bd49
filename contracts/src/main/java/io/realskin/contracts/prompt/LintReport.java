package io.realskin.contracts.prompt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** How likely a prompt is to produce plastic skin, and why. */
@Schema(description = "Plastic-skin lint of a prompt")
public record LintReport(
        @Schema(description = "0 = photographic, 100 = waxy; sum of finding and missing weights, capped", examples = "71") int risk,
        @Schema(description = "low (< 25), medium (< 60) or high", examples = "high") String level,
        List<LintFinding> findings,
        List<MissingLanguage> missing,
        Intent intent,
        boolean personDetected,
        List<String> notes,
        @Schema(examples = "1.0.0") String vocabularyVersion) {

    public static String levelOf(int risk) {
        return risk < 25 ? "low" : risk < 60 ? "medium" : "high";
    }
}
