package io.realskin.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.local.RealSkinService;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * docs/operations.md's settings table of the texture workers names env vars an operator sets as written: each must be
 * one texture-service reads. An env var SmallRye cannot map to a declared property is guessed into another name
 * (MP_MESSAGING_INCOMING_TEXTURE_REQUESTS_ENABLED into a channel "texture"), and the service does not start.
 */
@Execution(ExecutionMode.CONCURRENT) // reads files and runs tools only: beside the deployment's classes
class TextureSettingsDocTest {
    private static final String TABLE = "### Settings (env vars override everything)";
    private static final Pattern ENV_NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

    @Test
    void everyEnvVarOfTheTextureSettingsTableIsOneTextureServiceReads() throws IOException {
        String doc = Files.readString(RealSkinSystem.projectRoot().resolve("docs/operations.md"));
        int start = doc.indexOf(TABLE);
        assertTrue(start >= 0, "docs/operations.md has no \"" + TABLE + "\"");
        Set<String> readable = ServiceSettings.envNames(RealSkinService.TEXTURE);
        List<String> named = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        for (String line : doc.substring(start).lines().skip(1).takeWhile(l -> !l.startsWith("#")).toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            Matcher m = ENV_NAME.matcher(line.substring(0, line.indexOf('|', 1)));
            while (m.find()) {
                named.add(m.group(1));
                if (!readable.contains(m.group(1))) {
                    unread.add(m.group(1));
                }
            }
        }
        assertTrue(named.contains("REALSKIN_TEXTURE_WORKER_THREADS"), "the table was not found whole: " + named);
        assertEquals(List.of(), unread, "env vars in the table that texture-service does not read");
    }
}
