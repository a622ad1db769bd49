package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageModelsTest {

    @Test
    void idsAreUniqueAndEveryModelDoesSomething() {
        Set<String> ids = new HashSet<>(ImageModels.ids());
        assertEquals(ImageModels.ALL.size(), ids.size(), "duplicate id in " + ImageModels.ids());
        for (ImageModels.Model m : ImageModels.ALL) {
            assertTrue(m.generates() || m.inpaints(), m.id() + " neither generates nor inpaints");
            assertTrue(m.id().matches("[a-z0-9.-]+") && !m.providerModel().isBlank(), m.toString());
            assertTrue(List.of(ImageModels.OPENAI, ImageModels.GOOGLE, ImageModels.BFL, ImageModels.STABILITY).contains(m.provider()),
                    m.toString());
        }
    }

    @Test
    void theGatewayDefaultsAreModelsThatCanDoTheirJob() {
        assertTrue(ImageModels.find(ImageModels.DEFAULT_GENERATE).orElseThrow().generates());
        assertTrue(ImageModels.find(ImageModels.DEFAULT_INPAINT).orElseThrow().inpaints());
        assertTrue(ImageModels.find(ImageModels.DEFAULT_GENERATE_FREE).orElseThrow().generates());
        assertEquals(ImageModels.DEFAULT_GENERATE_FREE, ImageModels.defaultGenerate("free"));
        for (String paid : new String[] {"pro", "ultimate", "creator", null}) {
            assertEquals(ImageModels.DEFAULT_GENERATE, ImageModels.defaultGenerate(paid), paid);
        }
        assertTrue(ImageModels.find("no-such-model").isEmpty());
    }

    /**
     * Provider model names the providers have shut down (Google's deprecations page,
     * ai.google.dev/gemini-api/docs/deprecations: gemini-3-pro-image-preview on 2026-06-25, replaced by
     * gemini-3-pro-image; gemini-2.5-flash-image on 2026-10-02, replaced by gemini-3.1-flash-image). A call naming one is
     * a 404 for every tenant: until 2026-12-07 nano-banana-pro and gemini-2.5-flash-image sent them.
     */
    @Test
    void noModelSendsAProviderModelNameThatWasShutDown() {
        Set<String> shutDown = Set.of("gemini-3-pro-image-preview", "gemini-2.5-flash-image", "gemini-3.1-flash-image-preview",
                "gemini-2.5-flash-image-preview", "gemini-2.0-flash-preview-image-generation");
        for (ImageModels.Model m : ImageModels.ALL) {
            assertFalse(shutDown.contains(m.providerModel()), m.id() + " sends " + m.providerModel() + ", which its provider shut down");
        }
        assertEquals("gemini-3-pro-image", ImageModels.find("nano-banana-pro").orElseThrow().providerModel());
        assertEquals("gemini-3.1-flash-image", ImageModels.find("gemini-2.5-flash-image").orElseThrow().providerModel(),
                "the public id is kept and names the shut-down model's replacement");
    }

    @Test
    void aDeploymentNamesItsOwnProviderModelAndABadPairStopsTheStart() {
        ProviderModelNames names = new ProviderModelNames(List.of("nano-banana-pro=gemini-3.5-pro-image", " "));
        ImageModels.Model pro = ImageModels.find("nano-banana-pro").orElseThrow();
        assertEquals("gemini-3.5-pro-image", names.of(pro));
        assertEquals("gemini-3.5-pro-image", names.apply(pro).providerModel());
        assertEquals(pro.maxReferenceImages(), names.apply(pro).maxReferenceImages());
        ImageModels.Model flux = ImageModels.find("flux-2-pro").orElseThrow();
        assertEquals("flux-2-pro", names.of(flux), "a model not named keeps the table's name");
        for (String bad : List.of("no-such-model=x", "nano-banana-pro", "nano-banana-pro=", "nano-banana-pro=a/../b",
                "nano-banana-pro=gemini-3-pro-image:generateContent?x")) {
            assertThrows(IllegalStateException.class, () -> new ProviderModelNames(List.of(bad)), bad);
        }
    }

    /** The API's cap on a job's references is the generation request schema's: the catalogue advertises no more. */
    @Test
    void theJobReferenceCapIsTheRequestSchemas() throws java.io.IOException {
        try (var in = ImageModels.class.getResourceAsStream("schemas/generation.requests.schema.json")) {
            var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
            assertEquals(List.of(ImageModels.MAX_JOB_REFERENCES), schema.findValues("referenceImages").stream()
                    .map(n -> n.path("maxItems").asInt()).distinct().toList());
        }
        assertEquals(14, ImageModels.jobReferences(ImageModels.find("gpt-image-2").orElseThrow()));
        assertEquals(8, ImageModels.jobReferences(ImageModels.find("flux-2-pro").orElseThrow()));
    }
}
