package io.realskin.contracts.prompt;

/** How many faces in the image have plastic skin. */
public enum FacesAffected implements WireValue {
    ALL("all"),
    SOME("some");

    private final String wire;

    FacesAffected(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
