package io.realskin.contracts.prompt;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum constant with a lower-case wire name, e.g. {@code have-image}; prompt-service parses them (WireValues). */
public interface WireValue {

    @JsonValue
    String wire();
}
