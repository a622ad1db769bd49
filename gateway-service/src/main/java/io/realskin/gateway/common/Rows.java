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
