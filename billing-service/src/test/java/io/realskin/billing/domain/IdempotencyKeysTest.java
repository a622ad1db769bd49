package io.realskin.billing.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ledger's unique keys. Their text is part of the stored data: a key spelled differently after an upgrade would
 * no longer collide with the row an older version wrote, and the effect would be booked twice. So the spelling is
 * pinned here, and so is that no two different effects ever share a key.
 */
class IdempotencyKeysTest {
    private static final Map<String, Function<String[], String>> KINDS = Map.ofEntries(
            Map.entry("hold", a -> IdempotencyKeys.hold(a[0])),
            Map.entry("capture", a -> IdempotencyKeys.capture(a[0])),
            Map.entry("release", a -> IdempotencyKeys.release(a[0])),
            Map.entry("refund", a -> IdempotencyKeys.refund(a[0])),
            Map.entry("monthlyGrant", a -> IdempotencyKeys.monthlyGrant(a[0], a[1])),
            Map.entry("planGrant", a -> IdempotencyKeys.planGrant(a[0], a[1], a[2])),
            Map.entry("expiry", a -> IdempotencyKeys.expiry(a[0], a[1])),
            Map.entry("purchase", a -> IdempotencyKeys.purchase(a[0])),
            Map.entry("adminGrant", a -> IdempotencyKeys.adminGrant(a[0])),
            Map.entry("adjust", a -> IdempotencyKeys.adjust(a[0])),
            Map.entry("referralCommission", a -> IdempotencyKeys.referralCommission(a[0], a[1])),
            Map.entry("chargeBack", a -> IdempotencyKeys.chargeBack(a[0])),
            Map.entry("chargeBackRecovery", a -> IdempotencyKeys.chargeBackRecovery(a[0])),
            Map.entry("chargeBackRecoveryOf", a -> IdempotencyKeys.chargeBackRecoveryOf(a[0])),
            Map.entry("commissionReversal", a -> IdempotencyKeys.commissionReversal(a[0])));

    @ParameterizedTest(name = "{0}({1}) = {2}")
    @CsvSource(delimiter = '|', value = {
        "hold               | job_4fTzz                | hold:job_4fTzz",
        "capture            | job_4fTzz                | capture:job_4fTzz",
        "release            | job_4fTzz                | release:job_4fTzz",
        "refund             | job_4fTzz                | refund:job_4fTzz",
        "monthlyGrant       | ten_1,2026-03            | grant:ten_1:2026-03",
        "planGrant          | ten_1,2026-03,pro        | grant:ten_1:2026-03:pro",
        "expiry             | ten_1,2026-03            | expiry:ten_1:2026-03",
        "purchase           | order-77                 | purchase:order-77",
        "adminGrant         | support ticket 12        | admin-grant:support ticket 12",
        "adjust             | fix:2026-03:a            | adjust:fix:2026-03:a",
        "referralCommission | ten_2,purchase:order-77  | commission:4e24953ebee0c62608736151e226bd41",
        "chargeBack         | order-77                 | chargeback:order-77",
        "chargeBackRecovery | job_4fTzz                | chargeback-recovery:job_4fTzz",
        "chargeBackRecoveryOf | refund:job_4fTzz       | chargeback-recovery:refund:job_4fTzz",
        "commissionReversal | commission:4e24953ebee0c62608736151e226bd41 | commission-reversal:"
            + "72e52887b5affd990ae15f0b8da98e36",
    })
    void eachEffectHasItsPinnedSpelling(String kind, String arguments, String key) {
        assertEquals(key, KINDS.get(kind).apply(arguments.split(",")));
    }

    /** The ledger's jobId filter looks a job's entries up by these keys: every entry that names the job has one of them. */
    @Test
    void theKeysOfAJobAreThoseOfEveryEntryNamingIt() {
        String job = "job_4fTzz-tp";
        LedgerEntry refund = LedgerEntry.refund("t", job, 1, "complaint");
        LedgerEntry canceledRefund = LedgerEntry.canceledRefund("t", job, 1, "canceled after it completed");
        List<LedgerEntry> entries = List.of(LedgerEntry.hold("t", job, 2), LedgerEntry.capture("t", job, 1, "done"),
                LedgerEntry.release("t", job, 1, "unused"), refund, canceledRefund, LedgerEntry.chargeBackRecovery("t", job, 1),
                LedgerEntry.chargeBackRecoveryOf(refund, 1), LedgerEntry.chargeBackRecoveryOf(canceledRefund, 1));
        assertEquals(entries.stream().map(LedgerEntry::idempotencyKey).toList(), IdempotencyKeys.ofJob(job));
        entries.forEach(e -> assertEquals(job, e.jobId()));
    }

    /**
     * A referrer reads its commissions in its own ledger: the key names neither the buyer nor its purchase key, and one
     * booked before 2026-12-07 (which named both) is shown as a digest too; the keys of today are shown as they are.
     */
    @Test
    void aReferrerIsShownNoBuyerInACommissionsKey() {
        String now = IdempotencyKeys.referralCommission("ten_2", "purchase:order-77");
        assertEquals(now, IdempotencyKeys.shownToReferrer(now));
        for (String legacy : IdempotencyKeys.legacyReferralCommissions("ten_2", "purchase:order-77")) {
            assertTrue(IdempotencyKeys.isReferralCommission(legacy), legacy);
            String shown = IdempotencyKeys.shownToReferrer(legacy);
            assertTrue(shown.startsWith("commission:") && !shown.contains("ten_2") && !shown.contains("order-77"), shown);
        }
        assertEquals(List.of("commission:ten_2:purchase:order-77", "referral:purchase:order-77"),
                IdempotencyKeys.legacyReferralCommissions("ten_2", "purchase:order-77"));
    }

    @Test
    void theSameEffectAlwaysGivesTheSameKey() {
        assertEquals(IdempotencyKeys.capture("job_1"), IdempotencyKeys.capture(new String("job_1")));
        assertEquals(IdempotencyKeys.planGrant("t", "2026-03", "pro"), IdempotencyKeys.planGrant("t", "2026-03", "pro"));
    }

    /**
     * Every kind over ids of the contracts' grammar (no ':'), periods YYYY-MM and plan names: all keys distinct, so the
     * hold, capture and release of one job, a month's grant and a plan's top-up of it, or two tenants' grants never
     * collide in the unique index.
     */
    @Test
    void differentEffectsNeverShareAKey() {
        List<String> ids = List.of("a", "a-b", "a_b", "ab", "job_4fTzz", "job_4fTzz-tp", "admin", "2026-03", "pro");
        List<String> periods = List.of("2026-03", "2026-04", "2027-03");
        List<String> plans = List.of("free", "pro", "creator", "ultimate");
        ids.forEach(id -> assertTrue(Identifiers.isId(id), id));

        Map<String, String> effectOfKey = new HashMap<>();
        List<String[]> effects = new ArrayList<>();
        for (String id : ids) {
            for (String kind : List.of("hold", "capture", "release", "refund", "purchase", "adminGrant", "adjust", "chargeBack",
                    "chargeBackRecovery")) {
                effects.add(new String[] {kind, id});
            }
            for (String buyer : ids) {
                effects.add(new String[] {"referralCommission", buyer, IdempotencyKeys.purchase(id)});
            }
            for (String period : periods) {
                effects.add(new String[] {"monthlyGrant", id, period});
                effects.add(new String[] {"expiry", id, period});
                for (String plan : plans) {
                    effects.add(new String[] {"planGrant", id, period, plan});
                }
            }
        }
        for (String[] effect : effects) {
            String key = KINDS.get(effect[0]).apply(java.util.Arrays.copyOfRange(effect, 1, effect.length));
            String described = String.join(" ", effect);
            String before = effectOfKey.put(key, described);
            assertEquals(null, before, key + " is the key of both '" + before + "' and '" + described + "'");
        }
        assertEquals(effects.size(), effectOfKey.size());
    }
}
