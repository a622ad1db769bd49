package io.realskin.system.monitoring;

/** Small rewrites of PromQL text for the tests. */
final class PromQl {
    private static final String[] COMPARISONS = {"==", "!=", ">=", "<=", ">", "<"};

    /**
     * An alert's expression with every comparison turned into a {@code bool} one: instead of only the series that break
     * the threshold (none, on a healthy stack), it answers 0 or 1 for every series it compares. So "returns a series"
     * checks what an alert reads, whether or not it fires. Label matchers, strings and ranges are left alone.
     */
    static String withBoolComparisons(String expr) {
        StringBuilder out = new StringBuilder();
        int braces = 0;
        int brackets = 0;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < expr.length()) {
                    out.append(expr.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
            } else if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            }
            String op = braces == 0 && brackets == 0 ? comparisonAt(expr, i) : null;
            if (op == null) {
                out.append(c);
                continue;
            }
            out.append(op);
            i += op.length() - 1;
            if (!expr.substring(i + 1).stripLeading().startsWith("bool")) {
                out.append(" bool");
            }
        }
        return out.toString();
    }

    private static String comparisonAt(String expr, int i) {
        for (String op : COMPARISONS) {
            if (expr.startsWith(op, i)) {
                return op;
            }
        }
        return null;
    }

    private PromQl() {
    }
}
