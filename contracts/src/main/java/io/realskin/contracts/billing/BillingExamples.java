package io.realskin.contracts.billing;

/**
 * Example bodies of billing's calls, for every OpenAPI document that shows them (the gateway's public one, which passes
 * them on, and billing's own): one copy, so the two cannot tell different stories.
 */
public final class BillingExamples {
    public static final String BALANCE = """
            {"tenantId": "ten_Q2w3E4r5T6y7U8i9O0pA", "plan": "pro", "available": 4870, "held": 30}""";

    public static final String LEDGER = """
            {"items": [{"id": 42, "kind": "CAPTURE", "amount": -10, "jobId": "job_8HcN2vQe5XbT0aLm4KpR", "reason": null,
                        "createdAt": "2026-05-01T10:00:04Z"}], "nextCursor": null}""";

    public static final String GRANT_REQUEST = """
            {"amount": 200, "reason": "goodwill after the 2026-05-01 outage", "idempotencyKey": "ticket-4711"}""";

    public static final String ADJUSTMENT_REQUEST = """
            {"amount": -50, "reason": "duplicate purchase booked twice", "idempotencyKey": "ticket-4712"}""";

    public static final String REFUND_REQUEST = """
            {"jobId": "job_8HcN2vQe5XbT0aLm4KpR", "reason": "result unusable"}""";

    public static final String LEDGER_ENTRY = """
            {"id": 43, "kind": "GRANT", "amount": 200, "jobId": null, "idempotencyKey": "ticket-4711",
             "reason": "goodwill after the 2026-05-01 outage", "createdAt": "2026-05-01T11:00:00Z"}""";

    /** The 402 to a hold (and so to a job submission) short of credits; its members are a {@link CreditShortfall}. */
    public static final String PROBLEM_INSUFFICIENT_CREDITS = """
            {"type": "https://realskin.io/problems/insufficient-credits", "title": "Not enough credits", "status": 402,
             "detail": "this job needs 10 credits, 4 are available", "shortfall": 6, "required": 10, "available": 4}""";

    private BillingExamples() {
    }
}
