package io.realskin.contracts.prompt;

/** Subscription plans, in order. Free has no premium models. */
public enum Plan implements WireValue {
    FREE("free"),
    PRO("pro"),
    ULTIMATE("ultimate"),
    CREATOR("creator");

    private final String wire;

    Plan(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean paid() {
        return this != FREE;
    }

    /**
     * Whether a model requiring {@code required} may be used on this plan. Plans are ordered
     * free &lt; pro &lt; ultimate &lt; creator; the catalogue only requires free or pro, so every paid plan has every model.
     */
    public boolean includes(Plan required) {
        return ordinal() >= required.ordinal();
    }
}
