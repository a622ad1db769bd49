package io.realskin.contracts.prompt;

/** A capability a recommended model must have. */
public enum Need implements WireValue {
    REFERENCE("reference"),
    INPAINT("inpaint");

    private final String wire;

    Need(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
