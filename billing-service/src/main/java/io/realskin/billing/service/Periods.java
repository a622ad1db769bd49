package io.realskin.billing.service;

import java.time.YearMonth;
import java.time.ZoneOffset;

/** Monthly grant periods, YYYY-MM in UTC (so they sort as text). */
final class Periods {
    static String current() {
        return YearMonth.now(ZoneOffset.UTC).toString();
    }

    private Periods() {
    }
}
