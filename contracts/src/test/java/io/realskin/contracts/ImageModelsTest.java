package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(ImageModels.find("no-such-model").isEmpty());
    }
}
