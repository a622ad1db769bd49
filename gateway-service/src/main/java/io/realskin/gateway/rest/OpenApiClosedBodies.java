package io.realskin.gateway.rest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The JSON request bodies' schemas say {@code additionalProperties: false}, with the objects their fields hold (and
 * their lists' items): the API refuses a field a body does not define ({@link RequestBodyFields},
 * {@code jobs/JobBodyFields}), and a validator or a generated client built from a schema without it took
 * {@code {"Name": "ci"}} for valid. Found from the document's request bodies, so a new one needs nothing here; a schema
 * that says what to do with other names already (a map's) is left as it is.
 */
final class OpenApiClosedBodies {
    private static final String COMPONENT = "#/components/schemas/";

    private OpenApiClosedBodies() {
    }

    static void close(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        Map<String, Schema> components = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null
                ? Map.of() : openAPI.getComponents().getSchemas();
        Set<Schema> closed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                    continue;
                }
                MediaType json = operation.getRequestBody().getContent().getMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON);
                if (json != null && json.getSchema() != null) {
                    close(json.getSchema(), components, closed);
                }
            }
        }
    }

    private static void close(Schema schema, Map<String, Schema> components, Set<Schema> closed) {
        if (schema == null || !closed.add(schema)) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(COMPONENT)) {
            close(components.get(schema.getRef().substring(COMPONENT.length())), components, closed);
        }
        if (schema.getProperties() != null && !schema.getProperties().isEmpty()
                && schema.getAdditionalPropertiesSchema() == null && schema.getAdditionalPropertiesBoolean() == null) {
            schema.setAdditionalPropertiesBoolean(false);
        }
        List<Schema> inner = new ArrayList<>();
        if (schema.getProperties() != null) {
            inner.addAll(schema.getProperties().values());
        }
        inner.add(schema.getItems());
        for (List<Schema> composed : List.of(nonNull(schema.getAllOf()), nonNull(schema.getAnyOf()), nonNull(schema.getOneOf()))) {
            inner.addAll(composed);
        }
        inner.forEach(s -> close(s, components, closed));
    }

    private static List<Schema> nonNull(List<Schema> schemas) {
        return schemas == null ? List.of() : schemas;
    }
}
