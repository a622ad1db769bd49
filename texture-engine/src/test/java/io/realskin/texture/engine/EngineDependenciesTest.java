package io.realskin.texture.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine is plain Java + OpenCV + imaging: JSON, Quarkus and Kafka stay at the edges. */
class EngineDependenciesTest {
    @Test
    void engineClassesReferenceNoJsonQuarkusOrKafka() throws IOException, URISyntaxException {
        Path dir = Path.of(TextureEngine.class.getResource("TextureEngine.class").toURI()).getParent();
        List<Path> classes;
        try (Stream<Path> s = Files.list(dir)) {
            classes = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.size() > 20, "found the engine's classes in " + dir);
        for (Path c : classes) {
            // class names in the constant pool are stored as modified UTF-8, plain ASCII here
            String pool = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            for (String banned : List.of("com/fasterxml/", "io/quarkus/", "org/apache/kafka/", "jakarta/")) {
                assertEquals(-1, pool.indexOf(banned), c.getFileName() + " refers to " + banned);
            }
        }
    }
}
