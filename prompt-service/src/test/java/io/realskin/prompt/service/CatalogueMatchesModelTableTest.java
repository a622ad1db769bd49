package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.contracts.ImageModels;
import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.ModelCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue names exactly the models of the one table (contracts' ImageModels), with the same provider, provider
 * model, inpainting and reference-image count: what the catalogue promises is what generation-service routes and
 * billing prices.
 */
class CatalogueMatchesModelTableTest {

    @Test
    void theCatalogueAgreesWithTheModelTable() {
        ModelCatalogue catalogue = YamlResources.read("catalogue/models-v1.yaml", ModelCatalogue.class);
        List<String> ids = catalogue.models().stream().map(ImageModel::id).sorted().toList();
        assertEquals(ImageModels.ids().stream().sorted().toList(), ids, "the same model ids");
        for (ImageModel m : catalogue.models()) {
            ImageModels.Model table = ImageModels.find(m.id()).orElseThrow();
            assertEquals(table.provider(), m.provider(), m.id() + " provider");
            assertEquals(table.providerModel(), m.providerModel(), m.id() + " provider model");
            assertEquals(table.generates(), m.generates(), m.id() + " generates");
            assertEquals(table.inpaints(), m.inpainting(), m.id() + " inpainting");
            assertEquals(table.maxReferenceImages(), m.maxReferenceImages(), m.id() + " reference images");
        }
    }

    /** A deployment's own provider model name (PROVIDER_MODEL_NAMES) is what GET /models shows: the name sent. */
    @Test
    void theCatalogueShowsTheDeploymentsOwnProviderModelName() {
        ModelCatalogue data = YamlResources.read("catalogue/models-v1.yaml", ModelCatalogue.class);
        ModelCatalog catalog = new ModelCatalog(data, new ProviderRegistry(java.util.Set.of("google")),
                new io.realskin.contracts.ProviderModelNames(List.of("nano-banana-pro=gemini-3.5-pro-image")));
        assertEquals("gemini-3.5-pro-image", catalog.find("nano-banana-pro").providerModel());
        assertEquals("gemini-3.1-flash-image", catalog.find("gemini-2.5-flash-image").providerModel());
        assertEquals(true, catalog.find("nano-banana-pro").available());
    }
}
