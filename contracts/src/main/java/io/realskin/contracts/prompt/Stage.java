package io.realskin.contracts.prompt;

/** Where the user is when asking for advice. */
public enum Stage implements WireValue {
    GENERATING("generating"),
    HAVE_IMAGE("have-image"),
    PIPELINE("pipeline");

    private final String wire;

    Stage(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
