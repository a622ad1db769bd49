package io.realskin.local;

import java.util.Map;

/** Reads samples from a service's {@code /q/metrics} answer (Prometheus text format), for tests. */
public final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The sum of the samples of {@code name} whose labels include {@code labels} (each name="value"); null when there
     * is none, so a metric that is not exported is told from one at 0.
     */
    public static Double sum(String exposition, String name, Map<String, String> labels) {
        Double sum = null;
        for (String line : exposition.split("\n")) {
            if (!(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            if (labels.entrySet().stream().allMatch(l -> series.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                sum = (sum == null ? 0 : sum) + Double.parseDouble(line.substring(end + 1));
            }
        }
        return sum;
    }
}
