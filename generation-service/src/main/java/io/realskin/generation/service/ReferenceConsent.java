package io.realskin.generation.service;

import io.realskin.contracts.GenerationRequest;

/**
 * The worker's own check of the consent to use a job's reference images (docs/security.md, "Consent"): the gateway
 * refuses references without {@code "consent": true} and puts the consent it saw into the record; a record with
 * references and {@code consent: false} did not come from a gateway that checked, and is refused before anything is
 * read. A record without the field comes from a gateway of before 2026-12-06 during a rolling deploy: worked and
 * counted while {@code realskin.generation.require-reference-consent} is false (this release), refused once it is true.
 */
enum ReferenceConsent {
    /** No reference images: nothing to consent to. */
    NOT_NEEDED,
    /** The record says the gateway saw the consent. */
    GIVEN,
    /** References, no consent field, and the field is not required yet: worked, logged and counted. */
    ABSENT_ACCEPTED,
    /** References with consent false, or without the field where it is required: FAILED {@code consent_required}. */
    REFUSED;

    static ReferenceConsent of(GenerationRequest job, boolean required) {
        if (job.referenceImages() == null || job.referenceImages().isEmpty()) {
            return NOT_NEEDED;
        }
        if (job.consent() == null) {
            return required ? REFUSED : ABSENT_ACCEPTED;
        }
        return job.consent() ? GIVEN : REFUSED;
    }

    /** Why a {@link #REFUSED} job failed, for its FAILED event. */
    static String refusal(GenerationRequest job) {
        return job.consent() == null
                ? "the request has reference images but no consent field, which this worker requires "
                        + "(realskin.generation.require-reference-consent): it did not come from a gateway that records the consent"
                : "the request has reference images without consent to use them (consent: false): the gateway takes a job "
                        + "with reference images only with \"consent\": true";
    }
}
