package io.realskin.contracts.billing;

import static io.realskin.contracts.RestJson.assertRoundTrip;
import static io.realskin.contracts.RestJson.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.RestJson;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** billing's REST bodies on the wire: the names and nulls the gateway and billing exchange, and the examples both show. */
class BillingBodiesJsonTest {

    @Test
    void theExamplesAreTheRecordsAsWritten() throws Exception {
        assertRoundTrip(BillingExamples.BALANCE, Balance.class);
        LedgerPage page = assertRoundTrip(BillingExamples.LEDGER.replace("\"reason\": null,", "\"idempotencyKey\": null, \"reason\": null,"),
                LedgerPage.class);
        assertEquals(OffsetDateTime.of(2026, 5, 1, 10, 0, 4, 0, ZoneOffset.UTC), page.items().get(0).createdAt());
        assertRoundTrip(BillingExamples.LEDGER_ENTRY, LedgerEntry.class);
    }

    @Test
    void aHoldRequestNamesItsQuoteNested() throws Exception {
        HoldRequest request = new HoldRequest("ten_1", "job_1", new Quote("generate", null, 1.0, null));
        assertEquals(RestJson.MAPPER.readTree("""
                {"tenantId":"ten_1","jobId":"job_1","quote":{"operation":"generate","model":null,"megapixels":1.0,"maskedFraction":null}}"""),
                tree(request));
        assertEquals(request, RestJson.MAPPER.readValue(RestJson.MAPPER.writeValueAsString(request), HoldRequest.class));
    }

    @Test
    void holdAnswersReadBackWithTheirIds() throws Exception {
        String id = "00000000-0000-0000-0000-000000000001";
        PlacedHold placed = assertRoundTrip("""
                {"holdId":"%s","jobId":"job_1","tenantId":"ten_1","amount":10,"available":90,"held":10,"status":"HELD"}""".formatted(id),
                PlacedHold.class);
        assertEquals(UUID.fromString(id), placed.holdId());
        assertTrue(placed.reserves());
        PlacedHold expired = assertRoundTrip("""
                {"holdId":"%s","jobId":"job_1","tenantId":"ten_1","amount":10,"available":90,"held":0,"status":"EXPIRED"}""".formatted(id),
                PlacedHold.class);
        assertFalse(expired.reserves(), "an expired hold pays for no job");
        HoldState state = assertRoundTrip("""
                {"holdId":"%s","jobId":"job_1","tenantId":"ten_1","amount":10,"status":"CAPTURED","captured":8,"priceVersion":3}"""
                .formatted(id), HoldState.class);
        assertEquals(8L, state.captured());
    }

    @Test
    void absentAmountsStayAbsentNotZero() throws Exception {
        RefundRequest refund = RestJson.MAPPER.readValue(BillingExamples.REFUND_REQUEST, RefundRequest.class);
        assertNull(refund.amount(), "all of the job's capture");
        assertNull(RestJson.MAPPER.readValue("{\"idempotencyKey\":\"k\"}", CreditRequest.class).amount());
        assertEquals(-50L, RestJson.MAPPER.readValue(BillingExamples.ADJUSTMENT_REQUEST, CreditRequest.class).amount());
        QuoteRequest quote = RestJson.MAPPER.readValue("{\"operation\":\"texture-restore\"}", QuoteRequest.class);
        assertEquals(new Quote("texture-restore", null, null, null), quote.quote());
    }

    @Test
    void theShortfallIsTheExtensionMembersOfTheExample() throws Exception {
        assertEquals(new CreditShortfall(10, 4, 6),
                RestJson.MAPPER.readValue(BillingExamples.PROBLEM_INSUFFICIENT_CREDITS, CreditShortfall.class));
    }
}
