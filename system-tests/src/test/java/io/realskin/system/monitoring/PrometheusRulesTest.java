package io.realskin.system.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.realskin.local.PrometheusServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The alert rules under promtool: they load ({@code promtool check rules}), and each alert has a unit test of its own
 * that passes ({@code promtool test rules}: it fires on its situation and stays quiet on the harmless neighbour) and a
 * runbook entry in docs/operations.md that its annotation links.
 */
@Execution(ExecutionMode.CONCURRENT) // reads files and runs tools only: beside the deployment's classes
class PrometheusRulesTest {
    @Test
    void theRulesLoadAndEveryAlertHasAUnitTestThatPasses() throws Exception {
        Path promtool = PrometheusServer.promtool().orElse(null);
        assumeTrue(promtool != null, "promtool: " + PrometheusServer.INSTALL_HINT + " (.ci/run installs it)");

        List<String> check = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
        MonitoringFiles.ruleFiles().forEach(f -> check.add(f.toString()));
        assertEquals("", run(check, MonitoringFiles.RULES), "promtool check rules");

        List<String> test = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
        MonitoringFiles.ruleTestFiles().forEach(f -> test.add(f.getFileName().toString()));
        assertEquals("", run(test, MonitoringFiles.RULE_TESTS), "promtool test rules");

        StringBuilder tests = new StringBuilder();
        for (Path f : MonitoringFiles.ruleTestFiles()) {
            tests.append(Files.readString(f));
        }
        for (MonitoringFiles.Rule rule : MonitoringFiles.rules()) {
            if (rule.alert()) {
                assertTrue(tests.toString().contains("alertname: " + rule.name() + "\n"), rule.name() + " has a unit test");
            }
        }
    }

    /** Each alert's runbook annotation names its own entry of docs/operations.md ("#### AlertName"), which exists. */
    @Test
    void everyAlertLinksItsRunbookEntry() throws Exception {
        Set<String> entries = Files.readAllLines(MonitoringFiles.ROOT.resolve("docs/operations.md")).stream()
                .filter(l -> l.startsWith("#### ")).map(l -> l.substring(5).trim()).collect(Collectors.toSet());
        for (MonitoringFiles.Rule rule : MonitoringFiles.rules()) {
            if (rule.alert()) {
                assertEquals("docs/operations.md#" + rule.name().toLowerCase(Locale.ROOT), rule.runbook(), rule.name() + "'s runbook link");
                assertTrue(entries.contains(rule.name()), rule.name() + " has a runbook entry (#### " + rule.name() + ") in docs/operations.md");
            }
        }
    }

    @Test
    void boolComparisonsLeaveMatchersStringsAndRangesAlone() {
        assertEquals("max(billing_reconciliation_drift) != bool 0", PromQl.withBoolComparisons("max(billing_reconciliation_drift) != 0"));
        assertEquals("a{uri!~\"/x\",le=\">\"} > bool 2.5 unless on (uri) b{method=\"POST\"}",
                PromQl.withBoolComparisons("a{uri!~\"/x\",le=\">\"} > 2.5 unless on (uri) b{method=\"POST\"}"));
        assertEquals("count(x) >= bool sum(x)", PromQl.withBoolComparisons("count(x) >= bool sum(x)"));
        assertEquals("deriv(x[10m]) > bool 0 and on (job) y == bool 1", PromQl.withBoolComparisons("deriv(x[10m]) > 0 and on (job) y == 1"));
        assertFalse(PromQl.withBoolComparisons("rate(x[5m])").contains("bool"));
    }

    /** Runs the command; returns "" when it succeeds, else its output. */
    private static String run(List<String> command, Path dir) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return p.exitValue() == 0 ? "" : output;
    }
}
