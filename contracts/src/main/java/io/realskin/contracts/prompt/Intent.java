package io.realskin.contracts.prompt;

/** What the portrait is for; chooses the wording of added language and the lens anchor. */
public enum Intent implements WireValue {
    HEADSHOT("headshot"),
    EDITORIAL("editorial"),
    FASHION("fashion"),
    CANDID("candid"),
    PRODUCT("product");

    private final String wire;

    Intent(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
