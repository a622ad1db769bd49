package io.realskin.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.realskin.support.problem.FieldSuggestions;
import io.realskin.support.problem.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A field added to JobSubmission and given to no type would be refused on every type; one given but not in it, never read. */
    @Test
    void everyFieldOfTheSubmissionIsDefinedBySomeTypeAndNoOther() {
        Set<String> defined = new HashSet<>();
        JobFields.OF_TYPE.keySet().forEach(type -> defined.addAll(JobFields.defined(type)));
        assertEquals(Set.copyOf(JobFields.ALL), defined);
    }

    @ParameterizedTest
    @CsvSource({
            "Intensity, intensity", "mask_image_id, maskImageId", "MASK-IMAGE-ID, maskImageId", "intensty, intensity",
            "imageID, imageId", "image, imageId", "output_format, outputFormat", "profile, profileId"})
    void aMisspeltFieldSuggestsTheOneItMeant(String sent, String meant) {
        assertEquals(meant, FieldSuggestions.meant(sent, JobFields.defined("texture-restore")));
    }

    @ParameterizedTest
    @CsvSource({"callbackUrl", "level", "x", "strength", "id"})
    void aNameLikeNoFieldSuggestsNone(String sent) {
        assertNull(FieldSuggestions.meant(sent, JobFields.defined("texture-restore")));
    }

    @Test
    void nestedFieldsAreNamedByTheirPathAndNullsOfAnotherTypeAreAsAbsent() throws Exception {
        List<JobFields.Undefined> found = JobFields.of(JSON.readTree("""
                {"type": "generate", "prompt": "p", "imageId": null, "upscale": 2, "Consent": true,
                 "texturePass": {"intensity": 40, "Intensity": 40},
                 "referenceImages": [{"imageId": "img_a"}, {"imageId": "img_b", "weigth": 0.5}, 7]}"""));
        assertEquals(List.of(
                new JobFields.Undefined("upscale", null, List.of("source-restore")),
                new JobFields.Undefined("Consent", "consent", List.of()),
                new JobFields.Undefined("texturePass.Intensity", "texturePass.intensity", List.of()),
                new JobFields.Undefined("referenceImages[1].weigth", "referenceImages[1].weight", List.of())), found);
    }

    /** A body of thousands of made-up names is answered with a problem of bounded size, not one naming every name. */
    @Test
    void pastTwentyFieldsTheRestAreCountedNotNamed() throws Exception {
        StringBuilder body = new StringBuilder("{\"type\": \"analyze\", \"imageId\": \"img_a\"");
        for (int i = 0; i < 25; i++) {
            body.append(", \"x").append(i).append("\": 1");
        }
        List<JobFields.Undefined> found = JobFields.of(JSON.readTree(body.append('}').toString()));
        assertEquals(25, found.size());
        Problem problem = JobFields.refusal("analyze", found).problem();
        assertEquals(20, ((List<?>) problem.members().get("fields")).size());
        assertTrue(problem.detail().contains("; and 5 more; analyze jobs take type, webhook, imageId"), problem.detail());
        assertNull(problem.members().get("suggestions"));
    }
}
