package io.realskin.contracts.prompt;

/** What the enhancer did to a piece of the prompt. */
public enum ChangeKind implements WireValue {
    REPLACED("replaced"),
    ADDED("added"),
    REMOVED("removed");

    private final String wire;

    ChangeKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
