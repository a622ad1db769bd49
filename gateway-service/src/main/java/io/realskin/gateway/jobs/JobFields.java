package io.realskin.gateway.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.JobTypes;
import io.realskin.support.problem.BodyFields;
import io.realskin.support.problem.FieldSuggestions;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.UndefinedFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fields each job type defines, and those a job body gives that its type does not. {@link JobSubmission} holds
 * every type's fields, and Jackson dropped a name it does not know: {@code "Intensity": 90} ran a restore at 40. A
 * field of another type was dropped too, or worse, an image or profile id stored and locked against deletion for a job
 * that never used it. Given as {@code null}, a field of another type is as absent (a client built from the one schema
 * may send every field); a name no type defines is refused whatever its value.
 */
final class JobFields {
    /** Fields of every type. */
    private static final List<String> COMMON = List.of("type", "webhook");

    /** Each type's own fields, the types in the order the API lists them. */
    static final Map<String, List<String>> OF_TYPE;

    static {
        Map<String, List<String>> types = new LinkedHashMap<>();
        types.put(JobTypes.TEXTURE_RESTORE, List.of("imageId", "intensity", "maskImageId", "referenceImageId", "profileId", "consent", "outputFormat"));
        types.put(JobTypes.SKIN_INPAINT, List.of("imageId", "maskImageId", "prompt", "model"));
        types.put(JobTypes.GENERATE, List.of("prompt", "model", "enhancePrompt", "referenceImages", "consent", "texturePass", "outputFormat"));
        types.put(JobTypes.ANALYZE, List.of("imageId"));
        types.put(JobTypes.SOURCE_RESTORE, List.of("imageId", "upscale", "denoise"));
        OF_TYPE = Collections.unmodifiableMap(types);
    }

    /** Its fields, and those of the objects a field holds (texturePass; referenceImages' items). */
    private static final BodyFields SUBMISSION = BodyFields.of(JobSubmission.class).orElseThrow();

    static final List<String> ALL = SUBMISSION.names();

    /**
     * A field a body gives that its type does not define, by its path ({@code Intensity}, {@code texturePass.level},
     * {@code referenceImages[0].wieght}). {@code meant}: the defined field it most likely stands for (same letters but
     * for case, {@code _} and {@code -}, or a slip of a letter or two), else null. {@code takenBy}: the types that do
     * define it, empty for a name none does.
     */
    record Undefined(String path, String meant, List<String> takenBy) {
    }

    /** The fields {@code body} gives that its type does not define, in the body's order; none for a body that is no object. */
    static List<Undefined> of(JsonNode body) {
        List<Undefined> undefined = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return undefined;
        }
        String type = type(body);
        List<String> defined = defined(type);
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            if (defined.contains(name)) {
                nested(name, field.getValue(), undefined);
            } else if (ALL.contains(name)) {
                if (!field.getValue().isNull()) {
                    undefined.add(new Undefined(name, null, OF_TYPE.entrySet().stream().filter(t -> t.getValue().contains(name))
                            .map(Map.Entry::getKey).toList()));
                }
            } else {
                undefined.add(new Undefined(name, FieldSuggestions.meant(name, defined), List.of()));
            }
        }
        return undefined;
    }

    /**
     * 400 invalid-request naming each undefined field (the first {@value UndefinedFields#MAX_NAMED}) in {@code field}/{@code fields},
     * the detail saying of each what it is ("profileId applies to texture-restore jobs only", "Intensity is not a field
     * of texture-restore jobs; did you mean intensity?"), {@code suggestions} mapping each name to the field it most
     * likely meant.
     */
    static ProblemException refusal(String type, List<Undefined> undefined) {
        List<Undefined> named = undefined.subList(0, Math.min(undefined.size(), UndefinedFields.MAX_NAMED));
        Map<String, String> suggestions = new LinkedHashMap<>();
        List<String> said = new ArrayList<>();
        boolean unguessed = false;
        for (Undefined u : named) {
            if (!u.takenBy().isEmpty()) {
                said.add(u.path() + " applies to " + String.join(", ", u.takenBy()) + " jobs only");
                continue;
            }
            int dot = u.path().lastIndexOf('.');
            String owner = dot >= 0 ? u.path().substring(0, dot) : type == null ? "any job type" : type + " jobs";
            if (u.meant() != null) {
                suggestions.put(u.path(), u.meant());
                said.add(u.path() + " is not a field of " + owner + "; did you mean " + u.meant() + "?");
            } else {
                said.add(u.path() + " is not a field of " + owner);
                unguessed |= dot < 0;
            }
        }
        String detail = String.join("; ", said)
                + (undefined.size() > named.size() ? "; and " + (undefined.size() - named.size()) + " more" : "")
                + (unguessed ? "; " + (type == null ? "jobs" : type + " jobs") + " take " + String.join(", ", defined(type)) : "");
        return UndefinedFields.problem(detail, named.stream().map(Undefined::path).toList(), suggestions).exception();
    }

    /** The body's type when it is one; else null, and its fields are checked against every type's. */
    static String type(JsonNode body) {
        JsonNode type = body.get("type");
        return type != null && type.isTextual() && OF_TYPE.containsKey(type.asText()) ? type.asText() : null;
    }

    /** The fields {@code type} defines, in the order the API lists them; every type's for null. */
    static List<String> defined(String type) {
        return type == null ? ALL : Stream.concat(COMMON.stream(), OF_TYPE.get(type).stream()).toList();
    }

    /** A job field holding objects (texturePass, referenceImages): the fields they give that they do not define. */
    private static void nested(String name, JsonNode value, List<Undefined> undefined) {
        for (UndefinedFields.Undefined u : UndefinedFields.of(name, value, SUBMISSION.fieldsOf(name), false)) {
            undefined.add(new Undefined(u.path(), u.meant(), List.of()));
        }
    }

    private JobFields() {
    }
}
