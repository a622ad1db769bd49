package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One rule for a whole number: a whole-number field and intensity (a number or "auto") agree on every value. */
class WholeNumbersTest {
    record Level(Integer level) {
    }

    record Untyped(Object intensity) {
    }

    private static final ObjectMapper STRICT = StrictJsonTest.strict();

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {"2, 2", "2.0, 2", "2e0, 2", "0.20E1, 2", "40.00, 40", "-0.0, 0", "-7.0, -7",
            "123456789012345678901234567890.000, 123456789012345678901234567890", "2.7, -", "1e-1, -", "1.0000000000000000001, -",
            "1e999999999, -"})
    void theIntegerAValueIs(String written, String whole) {
        assertEquals(whole == null ? null : new BigInteger(whole), WholeNumbers.wholeValue(new BigDecimal(written)), written);
    }

    @ParameterizedTest
    @CsvSource({"40, true", "40.0, true", "4e1, true", "40.00, true", "0.0, true", "100.0, true", "40.5, false", "4.05e1, false",
            "99.99, false", "101.0, false", "-1.0, false"})
    void aWholeNumberFieldAndIntensityAgree(String written, boolean valid) throws Exception {
        boolean asField;
        try {
            Integer level = STRICT.readValue("{\"level\": " + written + "}", Level.class).level();
            asField = level >= 0 && level <= 100;
        } catch (com.fasterxml.jackson.databind.JsonMappingException refused) {
            asField = false;
        }
        Object intensity = STRICT.readValue("{\"intensity\": " + written + "}", Untyped.class).intensity();
        assertEquals(valid, asField, "a field 0..100 reads " + written);
        assertEquals(valid, Intensity.isValidJson(intensity), "intensity reads " + written);
    }
}
