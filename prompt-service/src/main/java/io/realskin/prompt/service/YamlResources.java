package io.realskin.prompt.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the service's versioned YAML data files. */
public final class YamlResources {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private YamlResources() {
    }

    /**
     * Reads {@code location} into {@code type}; unknown keys fail, so a typo in the data is caught at startup.
     *
     * @param location a class-path resource ({@code vocabulary/x.yaml}) or a file ({@code file:/etc/realskin/x.yaml})
     */
    public static <T> T read(String location, Class<T> type) {
        try (InputStream in = open(location)) {
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("file:")) {
            return Files.newInputStream(Path.of(location.substring("file:".length())));
        }
        String resource = location.startsWith("/") ? location.substring(1) : location;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(resource);
        if (in == null) {
            in = YamlResources.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IOException("no such class-path resource");
        }
        return in;
    }
}
