package io.realskin.support.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields a JSON body gives that its type does not define ({@link BodyFields}), by their path ({@code Name},
 * {@code items[0].wieght}), and the {@code 400 invalid-request} naming them: {@code field} (the first, sorted),
 * {@code fields} (all, sorted, when several; at most {@value #MAX_NAMED}, the detail counting the rest) and
 * {@code suggestions} mapping each name to the defined one it most likely meant ({@link FieldSuggestions}), when there is
 * one. Jackson drops a name it does not know, so {@code {"Name": "ci"}} made a key without a name and a misspelt
 * {@code promt} was answered as if no prompt had been sent.
 */
public final class UndefinedFields {
    /** Past these, a body's undefined fields are counted, not named. */
    public static final int MAX_NAMED = 20;

    private UndefinedFields() {
    }

    /**
     * A field given that is not defined: {@code path} as the client wrote it, {@code meant} the defined field's path it
     * most likely stands for (else null), {@code owner} the path of the object it is in ("" for the body itself), and
     * {@code defined} that object's fields.
     */
    public record Undefined(String path, String meant, String owner, List<String> defined) {
    }

    /** The fields {@code body} gives that {@code fields} does not define, in the body's order; none for a value that is no object or array. */
    public static List<Undefined> of(JsonNode body, BodyFields fields) {
        return of("", body, fields, false);
    }

    /**
     * As {@link #of(JsonNode, BodyFields)} for a value at {@code path} in a body ("" for the body itself); with
     * {@code nullIsAbsent}, a field given as {@code null} is as absent, defined or not.
     */
    public static List<Undefined> of(String path, JsonNode value, BodyFields fields, boolean nullIsAbsent) {
        List<Undefined> undefined = new ArrayList<>();
        value(path, value, fields, nullIsAbsent, undefined);
        return undefined;
    }

    private static void value(String path, JsonNode value, BodyFields fields, boolean nullIsAbsent, List<Undefined> undefined) {
        if (value == null || fields == null) {
            return;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                value(path + "[" + i + "]", value.get(i), fields, nullIsAbsent, undefined);
            }
        } else if (value.isObject()) {
            String prefix = path.isEmpty() ? "" : path + ".";
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String name = field.getKey();
                if (fields.names().contains(name)) {
                    value(prefix + name, field.getValue(), fields.fieldsOf(name), nullIsAbsent, undefined);
                } else if (!(nullIsAbsent && field.getValue().isNull())) {
                    String meant = FieldSuggestions.meant(name, fields.names());
                    undefined.add(new Undefined(prefix + name, meant == null ? null : prefix + meant, path, fields.names()));
                }
            }
        } // another shape is the reader's to refuse
    }

    /**
     * 400 invalid-request naming each undefined field ("Name is not a field of this body; did you mean name?",
     * "items[0].wieght is not a field of items[0]; did you mean items[0].weight?"); where one has no likely meaning, the
     * detail lists the fields its object takes.
     */
    public static ProblemException refusal(List<Undefined> undefined) {
        List<Undefined> named = undefined.subList(0, Math.min(undefined.size(), MAX_NAMED));
        Map<String, String> suggestions = new LinkedHashMap<>();
        List<String> said = new ArrayList<>();
        Map<String, List<String>> unguessed = new LinkedHashMap<>();
        for (Undefined u : named) {
            String owner = u.owner().isEmpty() ? "this body" : u.owner();
            if (u.meant() != null) {
                suggestions.put(u.path(), u.meant());
                said.add(u.path() + " is not a field of " + owner + "; did you mean " + u.meant() + "?");
            } else {
                said.add(u.path() + " is not a field of " + owner);
                unguessed.putIfAbsent(u.owner().isEmpty() ? "the body" : u.owner(), u.defined());
            }
        }
        StringBuilder detail = new StringBuilder(String.join("; ", said));
        if (undefined.size() > named.size()) {
            detail.append("; and ").append(undefined.size() - named.size()).append(" more");
        }
        unguessed.forEach((owner, defined) -> detail.append("; ").append(owner).append(" takes ").append(String.join(", ", defined)));
        return problem(detail.toString(), named.stream().map(Undefined::path).toList(), suggestions).exception();
    }

    /** invalid-request naming {@code fields}, with {@code suggestions} (each name sent to the field it likely meant) when there are some. */
    public static Problem problem(String detail, List<String> fields, Map<String, String> suggestions) {
        Problem problem = InvalidRequest.naming(detail, fields);
        return suggestions.isEmpty() ? problem : problem.with("suggestions", suggestions);
    }
}
