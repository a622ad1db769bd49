package io.realskin.support.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fields a body's type defines, as {@link BodyFields} derives them from the type: what a body may give, and nothing else. */
class BodyFieldsTest {
    record Key(String name, Set<String> scopes, Boolean live, Instant expiresAt, Integer rateLimitPerMinute) {
    }

    record Renamed(@JsonProperty("default") String defaultIntent, @JsonAlias({"colour"}) String color) {
    }

    record Item(String imageId, Double weight) {
    }

    record Pass(Object intensity) {
    }

    record Job(String type, Pass texturePass, List<Item> referenceImages, Item[] more, Map<String, Item> byName, Object intensity,
               JsonNode raw) {
    }

    record Node(String name, List<Node> children) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Open(String a) {
    }

    public static final class Endpoint {
        private String url;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public void setURLs(List<String> urls) {
        }
    }

    public static final class AnyName {
        @JsonAnySetter
        public void set(String name, Object value) {
        }

        public void setA(String a) {
        }
    }

    record Lists(List<Key> keys, Set<List<Item>> nested) {
    }

    private static Type componentType(Class<?> record, int index) {
        return record.getRecordComponents()[index].getGenericType();
    }

    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of(Key.class, "{expiresAt=[], live=[], name=[], rateLimitPerMinute=[], scopes=[]}"),
                Arguments.of(Renamed.class, "{color=[], colour=[], default=[]}"),
                Arguments.of(Job.class, "{byName=[], intensity=[], more={imageId=[], weight=[]}, raw=[], "
                        + "referenceImages={imageId=[], weight=[]}, texturePass={intensity=[]}, type=[]}"),
                Arguments.of(Node.class, "{children=[], name=[]}"), // a type holding itself: its own items are not checked
                Arguments.of(Endpoint.class, "{url=[], urls=[]}"), // setUrl, setURLs
                Arguments.of(componentType(Lists.class, 0), "{expiresAt=[], live=[], name=[], rateLimitPerMinute=[], scopes=[]}"),
                Arguments.of(Key[].class, "{expiresAt=[], live=[], name=[], rateLimitPerMinute=[], scopes=[]}"),
                Arguments.of(componentType(Lists.class, 1), "{imageId=[], weight=[]}"),
                Arguments.of(Open.class, "not checked"),
                Arguments.of(AnyName.class, "not checked"),
                Arguments.of(String.class, "not checked"),
                Arguments.of(byte[].class, "not checked"),
                Arguments.of(JsonNode.class, "not checked"),
                Arguments.of(Map.class, "not checked"),
                Arguments.of(componentType(Job.class, 4), "not checked"),
                Arguments.of(Object.class, "not checked"));
    }

    @ParameterizedTest
    @MethodSource("types")
    void theFieldsOfABodyAreItsTypesOwn(Type type, String expected) {
        assertEquals(expected, BodyFields.of(type).map(BodyFieldsTest::shape).orElse("not checked"), type.getTypeName());
    }

    /** The names, sorted, each with its object's fields ([] for a value that is not checked). */
    private static String shape(BodyFields fields) {
        Map<String, String> shape = new TreeMap<>();
        fields.names().forEach(name -> shape.put(name, fields.fieldsOf(name) == null ? "[]" : shape(fields.fieldsOf(name))));
        return shape.toString();
    }
}
