package io.realskin.contracts;

/** job.events FAILED (and CANCELED): a stable {@link FailureCodes code} and a human message. */
public record JobFailed(String code, String message) {
}
