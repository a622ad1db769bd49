package io.realskin.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Numbers that live in more than one place say the same everywhere: the per-plan request limits the gateway enforces
 * (its application.properties), billing's plan table (docs/billing.md; billing's InputValidationTest reads the data)
 * and docs/api.md.
 */
@Execution(ExecutionMode.CONCURRENT) // reads files and runs tools only: beside the deployment's classes
class DocsAgreeTest {
    private static final Path ROOT = RealSkinSystem.projectRoot();
    private static final Pattern GATEWAY_LIMIT = Pattern.compile("(?m)^realskin\\.rate-limit\\.plans\\.(\\w+)=(\\d+)$");
    /** A row of docs/billing.md's plan table: | plan | grant | premium | max image | requests/min |. */
    private static final Pattern BILLING_ROW = Pattern.compile("(?m)^\\| (free|pro|creator|ultimate) \\|[^|]*\\|[^|]*\\|[^|]*\\| (\\d+) \\|$");

    @Test
    void thePerPlanRequestLimitsAgree() throws IOException {
        Map<String, Integer> enforced = new TreeMap<>();
        Matcher m = GATEWAY_LIMIT.matcher(read("gateway-service/src/main/resources/application.properties"));
        while (m.find()) {
            enforced.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertEquals(4, enforced.size(), enforced.toString());

        Map<String, Integer> billingDoc = new TreeMap<>();
        Matcher row = BILLING_ROW.matcher(read("docs/billing.md"));
        while (row.find()) {
            billingDoc.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        assertEquals(enforced, billingDoc, "docs/billing.md's plan table");

        String api = read("docs/api.md");
        for (Map.Entry<String, Integer> plan : enforced.entrySet()) {
            assertTrue(api.contains(plan.getKey() + " " + plan.getValue()), "docs/api.md names " + plan);
        }
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }
}
