package io.realskin.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fields a body gives that its type does not define, by path, and the problem naming them. */
class UndefinedFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Item(String imageId, Double weight) {
    }

    record Body(String name, Set<String> scopes, List<Item> items, Item first) {
    }

    private static final BodyFields BODY = BodyFields.of(Body.class).orElseThrow();

    @Test
    void eachUndefinedFieldIsNamedByItsPathWithTheFieldItLikelyMeant() throws Exception {
        List<UndefinedFields.Undefined> found = UndefinedFields.of(JSON.readTree("""
                {"Name": "ci", "scopes": ["jobs:read"], "items": [{"imageId": "img_a"}, {"imageId": "img_b", "wieght": 0.5}, 7],
                 "first": {"image_id": "img_c", "colour": "red"}, "x": null}"""), BODY);
        List<String> fields = List.of("name", "scopes", "items", "first");
        List<String> item = List.of("imageId", "weight");
        assertEquals(List.of(
                new UndefinedFields.Undefined("Name", "name", "", fields),
                new UndefinedFields.Undefined("items[1].wieght", "items[1].weight", "items[1]", item),
                new UndefinedFields.Undefined("first.image_id", "first.imageId", "first", item),
                new UndefinedFields.Undefined("first.colour", null, "first", item),
                new UndefinedFields.Undefined("x", null, "", fields)), found);

        Problem problem = UndefinedFields.refusal(found).problem();
        assertEquals(ProblemTypes.INVALID_REQUEST.uri(), problem.type());
        assertEquals("Name", problem.members().get("field"));
        assertEquals(List.of("Name", "first.colour", "first.image_id", "items[1].wieght", "x"), problem.members().get("fields"));
        assertEquals(Map.of("Name", "name", "items[1].wieght", "items[1].weight", "first.image_id", "first.imageId"),
                problem.members().get("suggestions"));
        assertEquals("Name is not a field of this body; did you mean name?; items[1].wieght is not a field of items[1]; did you "
                + "mean items[1].weight?; first.image_id is not a field of first; did you mean first.imageId?; first.colour is not a "
                + "field of first; x is not a field of this body; first takes imageId, weight; the body takes name, scopes, items, first",
                problem.detail());
    }

    @Test
    void aBodyOfDefinedFieldsOrOfAnotherShapeHasNone() throws Exception {
        for (String body : List.of("{\"name\": \"ci\", \"scopes\": [], \"items\": [{\"weight\": 0.5}], \"first\": null}", "[]", "7",
                "\"text\"", "null", "{\"items\": 7, \"first\": [1]}")) {
            assertEquals(List.of(), UndefinedFields.of(JSON.readTree(body), BODY), body);
        }
        assertEquals(List.of(new UndefinedFields.Undefined("[0].Name", "[0].name", "[0]", List.of("name", "scopes", "items", "first"))),
                UndefinedFields.of(JSON.readTree("[{\"Name\": \"ci\"}]"), BODY), "a list of bodies, item by item");
    }

    /** For a service whose caller writes every field of a record that may be newer than its own: a null is as absent. */
    @Test
    void aNullIsAsAbsentWhenAskedAndOnlyThen() throws Exception {
        String body = "{\"name\": \"ci\", \"added\": null, \"first\": {\"alsoAdded\": null, \"Weight\": 0.5}, \"x\": 1}";
        assertEquals(List.of("first.Weight", "x"),
                UndefinedFields.of("", JSON.readTree(body), BODY, true).stream().map(UndefinedFields.Undefined::path).toList());
        assertEquals(List.of("added", "first.alsoAdded", "first.Weight", "x"),
                UndefinedFields.of(JSON.readTree(body), BODY).stream().map(UndefinedFields.Undefined::path).toList());
    }

    /** A body of thousands of made-up names is answered with a problem of bounded size, not one naming every name. */
    @Test
    void pastTwentyFieldsTheRestAreCountedNotNamed() throws Exception {
        StringBuilder body = new StringBuilder("{\"name\": \"ci\"");
        for (int i = 0; i < 25; i++) {
            body.append(", \"zz").append(i).append("\": 1");
        }
        Problem problem = UndefinedFields.refusal(UndefinedFields.of(JSON.readTree(body.append('}').toString()), BODY)).problem();
        assertEquals(20, ((List<?>) problem.members().get("fields")).size());
        assertTrue(problem.detail().endsWith("; and 5 more; the body takes name, scopes, items, first"), problem.detail());
        assertNull(problem.members().get("suggestions"));
    }
}
