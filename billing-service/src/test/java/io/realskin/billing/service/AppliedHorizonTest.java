package io.realskin.billing.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.realskin.billing.repository.JobEventProgressRepository.Applied;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppliedHorizonTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final Instant TEN_MINUTES_AGO = NOW.minusSeconds(600);
    private static final Instant AN_HOUR_AGO = NOW.minusSeconds(3600);

    private static Applied row(int partition, long next, Instant through) {
        return new Applied("job.events", partition, next, through);
    }

    @Test
    void partitionsAppliedThroughTheirEndCountAsNow() {
        assertEquals(NOW, AppliedHorizon.horizon(NOW, Map.of(0, 10L, 1, 0L), Map.of(), Map.of(0, row(0, 10, AN_HOUR_AGO))),
                "applied through the end (an hour-old last record), and an empty partition without a row");
    }

    @Test
    void aPartitionBehindCountsFromItsNewestAppliedRecordAndTheEarliestWins() {
        assertEquals(AN_HOUR_AGO, AppliedHorizon.horizon(NOW, Map.of(0, 10L, 1, 50L, 2, 7L), Map.of(),
                Map.of(0, row(0, 9, TEN_MINUTES_AGO), 1, row(1, 20, AN_HOUR_AGO), 2, row(2, 7, AN_HOUR_AGO))));
    }

    @Test
    void theGroupsCommittedOffsetsCountWhereTheyAreAhead() {
        // applied by a replica of before the progress rows: committed through the end
        assertEquals(NOW, AppliedHorizon.horizon(NOW, Map.of(0, 10L), Map.of(0, 10L), Map.of()));
        assertEquals(NOW, AppliedHorizon.horizon(NOW, Map.of(0, 10L), Map.of(0, 10L), Map.of(0, row(0, 4, AN_HOUR_AGO))));
    }

    @Test
    void aPartitionWithRecordsAndNothingKnownAppliedHoldsEveryExpiry() {
        assertEquals(Instant.EPOCH, AppliedHorizon.horizon(NOW, Map.of(0, 10L, 1, 3L), Map.of(0, 2L), Map.of(0, row(0, 10, NOW))));
    }
}
