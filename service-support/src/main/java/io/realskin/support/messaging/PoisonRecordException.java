package io.realskin.support.messaging;

/** A record no retry can fix: the consumer reports it as FAILED and sends it to the dead-letter topic. */
public class PoisonRecordException extends JobFailureException {
    public PoisonRecordException(String code, String message) {
        super(code, message);
    }
}
