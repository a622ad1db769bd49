package io.realskin.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The README's "Walk-through with curl" block, read from README.md so the test and the README cannot drift. Only the
 * lines the README asks the reader to fill in ({@code GW=}, {@code ADMIN=}, {@code PORTRAIT=}) get values; every
 * other line runs as written.
 */
final class ReadmeWalkThrough {
    static final String HEADING = "## Walk-through with curl";

    static String script(Path readme, Map<String, String> placeholders) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int heading = lines.indexOf(HEADING);
        if (heading < 0) {
            throw new IllegalStateException(readme + " has no section '" + HEADING + "'");
        }
        int open = heading + 1;
        while (open < lines.size() && !lines.get(open).equals("```bash")) {
            open++;
        }
        List<String> script = new ArrayList<>();
        Set<String> filled = new HashSet<>();
        for (int i = open + 1; i < lines.size() && !lines.get(i).equals("```"); i++) {
            String line = lines.get(i);
            for (Map.Entry<String, String> p : placeholders.entrySet()) {
                if (line.startsWith(p.getKey() + "=")) {
                    line = p.getKey() + "='" + p.getValue() + "'";
                    filled.add(p.getKey());
                }
            }
            script.add(line);
        }
        if (!filled.equals(placeholders.keySet())) {
            throw new IllegalStateException("the walk-through no longer sets " + placeholders.keySet() + " (found " + filled + ")");
        }
        return String.join("\n", script);
    }

    private ReadmeWalkThrough() {
    }
}
