package io.realskin.contracts;

/** A record that does not follow the topic's contract (not JSON, a missing field, an unknown type). */
public class ContractViolation extends RuntimeException {
    public ContractViolation(String message) {
        super(message);
    }

    public ContractViolation(String message, Throwable cause) {
        super(message, cause);
    }
}
