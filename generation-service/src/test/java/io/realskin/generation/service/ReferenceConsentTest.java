package io.realskin.generation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.GenerationRequest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceConsentTest {
    /** references: how many; consent: true, false or null (the field absent); required: the worker's setting. */
    @ParameterizedTest
    @CsvSource(nullValues = "absent", value = {
            "0, absent, false, NOT_NEEDED",
            "0, absent, true,  NOT_NEEDED",
            "0, false,  true,  NOT_NEEDED",
            "2, true,   false, GIVEN",
            "2, true,   true,  GIVEN",
            "2, absent, false, ABSENT_ACCEPTED",
            "2, absent, true,  REFUSED",
            "1, false,  false, REFUSED",
            "1, false,  true,  REFUSED"})
    void aJobWithReferencesNeedsTheConsentTheGatewaySaw(int references, Boolean consent, boolean required, ReferenceConsent expected) {
        List<GenerationRequest.ReferenceImage> refs = java.util.stream.IntStream.range(0, references)
                .mapToObj(i -> new GenerationRequest.ReferenceImage("images/t1/" + i, 0.5)).toList();
        GenerationRequest job = new GenerationRequest("a portrait", null, "gpt-image-2", references == 0 && consent == null ? null : refs,
                null, null, null, null, null, null, consent);
        assertEquals(expected, ReferenceConsent.of(job, required));
        if (expected == ReferenceConsent.REFUSED) {
            assertTrue(ReferenceConsent.refusal(job).contains("consent"), ReferenceConsent.refusal(job));
        }
    }
}
