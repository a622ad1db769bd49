package io.realskin.billing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.JobTypes;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pricing by the formula of V1__accounts_ledger_holds.sql, on the rows V2 and V4 seed (version 1, and version 2 which
 * adds source-restore). PriceListMatchesModelTableTest checks the seeded data itself against the model table.
 */
class PriceListTest {
    private static final List<PriceItem> V1_ITEMS = List.of(
            generate("nano-banana-pro", "premium", 10, 4),
            generate("gpt-image-2", "premium", 10, 4),
            generate("flux-2-pro", "standard", 4, 2),
            generate("flux-pro-fill", "standard", 4, 2),
            generate("gemini-2.5-flash-image", "budget", 2, 1),
            generate("sdxl", "budget", 1, 1),
            generate(PriceItem.ANY_MODEL, "standard", 4, 2),
            new PriceItem(JobTypes.TEXTURE_RESTORE, PriceItem.ANY_MODEL, "standard", 2, false, 0, 0, 0),
            new PriceItem(JobTypes.SKIN_INPAINT, PriceItem.ANY_MODEL, "standard", 8, true, 0, 0, 1),
            new PriceItem(JobTypes.ANALYZE, PriceItem.ANY_MODEL, "free", 0, false, 0, 0, 0));
    private static final PriceList V1 = new PriceList(1, Instant.parse("2026-01-01T00:00:00Z"), "launch", V1_ITEMS);
    private static final PriceList V2 = new PriceList(2, Instant.parse("2026-12-01T00:00:00Z"), "adds source-restore", with(V1_ITEMS,
            new PriceItem(JobTypes.SOURCE_RESTORE, PriceItem.ANY_MODEL, "standard", 2, false, 0, 0, 0)));

    /** generate: per output image with 1 MP included, then per started extra megapixel. */
    private static PriceItem generate(String model, String tier, int base, int perExtra) {
        return new PriceItem(JobTypes.GENERATE, model, tier, base, false, 1, perExtra, 0);
    }

    private static List<PriceItem> with(List<PriceItem> items, PriceItem more) {
        List<PriceItem> all = new ArrayList<>(items);
        all.add(more);
        return all;
    }

    private static long cost(PriceList prices, String operation, String model, double megapixels, Double maskedFraction) {
        return prices.cost(new Workload(operation, model, megapixels, maskedFraction));
    }

    @ParameterizedTest(name = "generate {0} at {1} MP costs {2}")
    @CsvSource({
        // one megapixel is included; every started megapixel beyond it costs the row's per-extra price
        "nano-banana-pro,        0.25,       10",
        "nano-banana-pro,        1.0,        10",
        "nano-banana-pro,        1.0000001,  10",  // float noise of a 1 MP image is not a started megapixel
        "nano-banana-pro,        1.01,       14",
        "nano-banana-pro,        2.0,        14",
        "nano-banana-pro,        2.0000004,  14",
        "nano-banana-pro,        2.5,        18",
        "nano-banana-pro,        400,        1606",  // the largest quote billing accepts
        "gpt-image-2,            4.19,       26",
        "flux-2-pro,             1.0,        4",
        "flux-2-pro,             2.36,       8",
        "flux-pro-fill,          1.5,        6",
        "gemini-2.5-flash-image, 1.0,        2",
        "gemini-2.5-flash-image, 1.05,       3",
        "sdxl,                   0.0,        1",
        "sdxl,                   3.2,        4",
        // a model without its own row is priced by the * row
        "some-new-model,         1.0,        4",
        "some-new-model,         2.0,        6",
    })
    void generateIsPricedByModelAndStartedExtraMegapixels(String model, double megapixels, long credits) {
        assertEquals(credits, cost(V2, JobTypes.GENERATE, model, megapixels, null));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"*", "NANO-BANANA-PRO", ""})
    void aGenerateWithoutAKnownModelFallsBackToTheAnyModelRow(String model) {
        PriceItem row = V2.itemFor(JobTypes.GENERATE, model);
        assertEquals(PriceItem.ANY_MODEL, row.model());
        assertEquals(4, cost(V2, JobTypes.GENERATE, model, 1.0, null));
    }

    @ParameterizedTest(name = "texture-restore at {0} MP costs 2")
    @ValueSource(doubles = {0.0, 0.3, 1.0, 12.0, 50.0, 400.0})
    void textureRestoreAndSourceRestoreAreAFixedPricePerPass(double megapixels) {
        assertEquals(2, cost(V2, JobTypes.TEXTURE_RESTORE, null, megapixels, null));
        assertEquals(2, cost(V2, JobTypes.TEXTURE_RESTORE, "nano-banana-pro", megapixels, null), "a model does not change a texture pass");
        assertEquals(2, cost(V2, JobTypes.SOURCE_RESTORE, null, megapixels, null));
        assertEquals(0, cost(V2, JobTypes.ANALYZE, null, megapixels, null), "analyze is free");
    }

    @ParameterizedTest(name = "skin-inpaint of masked fraction {0} costs {1}")
    @CsvSource({
        // 8 credits scaled by the masked fraction, rounded up, at least 1
        "1.0,    8",
        "0.5,    4",
        "0.375,  3",
        "0.3,    3",   // 8 x 0.3 = 2.4000000000000004: rounded up to 3, as 2.4 is
        "0.25,   2",
        "0.26,   3",
        "0.125,  1",
        "0.1,    1",
        "0.001,  1",
        "0.0,    1",   // the minimum
    })
    void skinInpaintScalesWithTheMaskWithAMinimum(double maskedFraction, long credits) {
        assertEquals(credits, cost(V2, JobTypes.SKIN_INPAINT, "flux-pro-fill", 1.0, maskedFraction));
    }

    @Test
    void skinInpaintWithoutAMaskedFractionIsTheWholePrice() {
        assertEquals(8, cost(V2, JobTypes.SKIN_INPAINT, null, 1.0, null));
    }

    @Test
    void everyJobTypeHasARowOfItsOwnInTheCurrentList() {
        for (String type : JobTypes.ALL) {
            assertEquals(type, V2.itemFor(type, null).operation(), "no job type is priced by another's row");
        }
    }

    @Test
    void anOlderListWithoutAnOperationSaysWhichVersionLacksIt() {
        ProblemException e = assertThrows(ProblemException.class, () -> cost(V1, JobTypes.SOURCE_RESTORE, null, 1.0, null));
        assertEquals(400, e.problem().status());
        assertEquals("price list v1 has no price for source-restore", e.problem().detail());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"upscale", "GENERATE", "", "texture_restore"})
    void anOperationThatIsNoJobTypeIsAnInvalidRequest(String operation) {
        ProblemException e = assertThrows(ProblemException.class, () -> V2.itemFor(operation, "sdxl"));
        assertEquals(ProblemTypes.INVALID_REQUEST.uri(), e.problem().type());
        assertTrue(e.problem().detail().startsWith("operation must be one of "), e.problem().detail());
    }

    @ParameterizedTest
    @CsvSource({
        "nano-banana-pro,        true",
        "gpt-image-2,            true",
        "flux-2-pro,             false",
        "gemini-2.5-flash-image, false",
        "sdxl,                   false",
        "'*',                    false",
        "unknown-model,          false",
    })
    void premiumIsTheTierOfTheModelsOwnRow(String model, boolean premium) {
        assertEquals(premium, V2.isPremium(model));
    }

    @Test
    void noModelIsNotPremium() {
        assertFalse(V2.isPremium(null));
    }
}
