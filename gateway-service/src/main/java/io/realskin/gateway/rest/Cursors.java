package io.realskin.gateway.rest;

import io.realskin.contracts.Identifiers;
import io.realskin.gateway.common.Rows;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import io.realskin.gateway.problems.Problems;

/** Opaque page cursors: the (createdAt, id) of the last item of a page, base64url-encoded. */
public final class Cursors {
    public record Position(Instant createdAt, String id) {
    }

    public static String encode(Instant createdAt, String id) {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of the page after this one: null when the page is not full (nothing follows it). */
    public static <T> String next(List<T> page, int size, Function<T, Instant> createdAt, Function<T, String> id) {
        if (page.size() < size) {
            return null;
        }
        T last = page.get(page.size() - 1);
        return encode(createdAt.apply(last), id.apply(last));
    }

    public static Position decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            int dot = raw.indexOf('.');
            Instant at = Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, bar)));
            String id = raw.substring(bar + 1);
            if (!Identifiers.isId(id) || !Rows.storable(at)) {
                throw new IllegalArgumentException("not an id, or an instant no row holds");
            }
            return new Position(at, id);
        } catch (RuntimeException e) {
            throw Problems.invalidField("cursor", "cursor is not one this API returned");
        }
    }

    private Cursors() {
    }
}
