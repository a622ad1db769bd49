package io.realskin.contracts.prompt;

/** Quality of the source or reference photograph. */
public enum SourceQuality implements WireValue {
    DAMAGED("damaged"),
    LOW_RES("low-res"),
    GOOD("good");

    private final String wire;

    SourceQuality(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
