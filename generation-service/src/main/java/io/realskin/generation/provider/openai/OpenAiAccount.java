package io.realskin.generation.provider.openai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI's optional {@code OpenAI-Organization} and {@code OpenAI-Project} request headers (API reference,
 * "Authentication": a key that belongs to several organizations or projects bills the one named; none named, the
 * default), as openai-python sends them from {@code OPENAI_ORG_ID} and {@code OPENAI_PROJECT_ID}: only when set. A
 * value holding a line break or another control character could only break the request, so it refuses the start,
 * naming the setting but never the value (nothing here is logged).
 */
public final class OpenAiAccount {
    static final String ORGANIZATION = "OpenAI-Organization";
    static final String PROJECT = "OpenAI-Project";

    private OpenAiAccount() {
    }

    /** The headers to send on every OpenAI call; empty when neither is set. */
    public static Map<String, String> headers(Optional<String> organization, Optional<String> project) {
        Map<String, String> headers = new LinkedHashMap<>();
        put(headers, ORGANIZATION, organization, "realskin.providers.openai.organization (OPENAI_ORG_ID)");
        put(headers, PROJECT, project, "realskin.providers.openai.project (OPENAI_PROJECT_ID)");
        return Map.copyOf(headers);
    }

    private static void put(Map<String, String> headers, String header, Optional<String> value, String setting) {
        String v = value.orElse("");
        for (int i = 0; i < v.length(); i++) { // before any trim: a secret file's trailing line break is refused too
            if (Character.isISOControl(v.charAt(i))) {
                throw new IllegalArgumentException(setting + " holds a line break or another control character (at "
                        + "position " + (i + 1) + "): it cannot travel in the " + header + " header. Give the id alone, as "
                        + "the OpenAI dashboard shows it, or leave the setting unset.");
            }
        }
        if (!v.isBlank()) {
            headers.put(header, v.strip());
        }
    }
}
