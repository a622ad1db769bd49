package io.realskin.prompt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.contracts.ImageModels;
import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.ModelCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue names exactly the models of the one table (contracts' ImageModels), with the same provider, provider
 * model, inpainting and the reference images a job may send: what the catalogue promises is what generation-service routes and
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
            // what a job may send: the model's limit capped at the API's (gpt-image-2 takes 16, a job sends at most 14)
            assertEquals(ImageModels.jobReferences(table), m.maxReferenceImages(), m.id() + " reference images");
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

    /** A generate row of a billing migration: (version, 'generate', 'model', 'tier', base_credits, ... */
    private static final java.util.regex.Pattern GENERATE_ROW =
            java.util.regex.Pattern.compile("\\(\\s*(\\d+),\\s*'generate',\\s*'([^']+)',\\s*'\\w+',\\s*(\\d+)");

    /**
     * relativeCost is billing's generate price over the standard one (the {@code *} row, 4 credits), as the migrations
     * seed the price list in effect: the recommender's "cheaper"/"dearer" is what a tenant pays. Until 2026-12-07
     * gpt-image-2 said 2.0 (billing: 10 credits, 2.5 as nano-banana-pro), gemini-2.5-flash-image 0.8 (2 credits, 0.5)
     * and sdxl 0.3 (1 credit, 0.25), so gpt-image-2 was called cheaper than nano-banana-pro at the same price.
     */
    @Test
    void relativeCostIsBillingsGeneratePriceOverTheStandardOne() throws java.io.IOException {
        java.util.Map<String, Integer> base = new java.util.HashMap<>();
        java.nio.file.Path migrations = java.nio.file.Path.of("../billing-service/src/main/resources/db/migration");
        List<java.nio.file.Path> files;
        try (var list = java.nio.file.Files.list(migrations)) {
            files = list.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(java.util.Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
                    .toList();
        }
        for (java.nio.file.Path file : files) { // a later version's row of a model replaces an earlier one's
            var row = GENERATE_ROW.matcher(java.nio.file.Files.readString(file));
            while (row.find()) {
                base.put(row.group(2), Integer.parseInt(row.group(3)));
            }
        }
        double standard = base.get("*");
        ModelCatalogue catalogue = YamlResources.read("catalogue/models-v1.yaml", ModelCatalogue.class);
        for (ImageModel m : catalogue.models()) {
            assertEquals(base.get(m.id()) / standard, m.relativeCost(), 1e-9, m.id() + ": billing's " + base.get(m.id())
                    + " credits over the standard " + standard);
        }
    }
}
