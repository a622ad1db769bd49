package io.realskin.contracts.prompt;

/** Where a user is in the generation workflow: cheap exploration or the final render. */
public enum Phase implements WireValue {
    IDEATION("ideation"),
    FINAL("final");

    private final String wire;

    Phase(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
