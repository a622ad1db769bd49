package io.realskin.system.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.realskin.system.RealSkinSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** deploy/prometheus and deploy/grafana as the tests read them: rule files, their rules, the dashboard's queries. */
final class MonitoringFiles {
    static final Path ROOT = RealSkinSystem.projectRoot();
    static final Path RULES = ROOT.resolve("deploy/prometheus/rules");
    static final Path RULE_TESTS = ROOT.resolve("deploy/prometheus/tests");
    static final Path DASHBOARD = ROOT.resolve("deploy/grafana/realskin.json");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** A recording rule (record) or an alert (alert), its expression and an alert's runbook annotation ("" for a record). */
    record Rule(String name, boolean alert, String expr, String runbook) {
    }

    static List<Path> ruleFiles() {
        return list(RULES, ".yml");
    }

    static List<Path> ruleTestFiles() {
        return list(RULE_TESTS, ".test.yml");
    }

    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : read(YAML, file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    boolean alert = rule.has("alert");
                    rules.add(new Rule(rule.path(alert ? "alert" : "record").asText(), alert, rule.path("expr").asText().trim(),
                            rule.path("annotations").path("runbook").asText()));
                }
            }
        }
        return rules;
    }

    /** Panel title (with the query's refId) to the query, for every query of every panel. */
    static Map<String, String> dashboardQueries() {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : read(new ObjectMapper(), DASHBOARD).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + " [" + target.path("refId").asText() + "]", target.path("expr").asText());
            }
        }
        return queries;
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MonitoringFiles() {
    }
}
