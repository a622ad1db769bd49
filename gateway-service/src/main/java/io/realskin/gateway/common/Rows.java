package io.realskin.gateway.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.realskin.contracts.EventJson;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

/** Column conversions shared by the repositories. */
public final class Rows {
    /**
     * The instants a {@code timestamptz} column is compared with or holds, as the API takes them: years 1 to 9999.
     * PostgreSQL's own range is wider, but ends at year 294276, and the client cannot encode an Instant far past it: an
     * instant from outside (a key's expiry, a forged cursor) beyond these is refused as 400 before it reaches SQL, not 500.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** The first row of the answer as {@code T}; empty when there is none. */
    public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> toItem) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(toItem.apply(it.next())) : Optional.empty();
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** For columns selected as {@code column::text}. */
    public static JsonNode json(Row row, String column) {
        String text = row.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("column " + column + " holds invalid JSON", e);
        }
    }

    private Rows() {
    }
}
