package io.realskin.system;

import io.realskin.local.RealSkinService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a service reads, from its application.properties: what a deployment (compose, Kubernetes) may set in its
 * environment. Commented-out keys count: they document a setting that has no default.
 */
public final class ServiceSettings {
    private static final Pattern PROPERTY = Pattern.compile("^#?\\s*(%[\\w-]+\\.)?([a-z][\\w.\\-\\[\\]\"]*)\\s*=(.*)$");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    /** What the AWS SDK's default chains read for a service with a blob store (credentials never sit in settings). */
    private static final Set<String> AWS_CHAIN = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION");

    /** The service's properties without a profile, key to value. */
    public static Map<String, String> properties(RealSkinService service) {
        Map<String, String> properties = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(RealSkinSystem.projectRoot().resolve(service.module())
                    .resolve("src/main/resources/application.properties"))) {
                Matcher m = PROPERTY.matcher(line.trim());
                if (m.matches() && m.group(1) == null) {
                    properties.put(m.group(2), m.group(3).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** Env names the service reads: its properties in SmallRye's env form, and the ${VARS} its properties reference. */
    public static Set<String> envNames(RealSkinService service) {
        Set<String> names = new HashSet<>();
        Map<String, String> properties = properties(service);
        if (properties.containsKey("realskin.blob.store")) {
            names.addAll(AWS_CHAIN);
        }
        for (Map.Entry<String, String> p : properties.entrySet()) {
            names.add(p.getKey().replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
            Matcher ref = ENV_REFERENCE.matcher(p.getValue());
            while (ref.find()) {
                names.add(ref.group(1));
            }
        }
        return names;
    }

    private ServiceSettings() {
    }
}
