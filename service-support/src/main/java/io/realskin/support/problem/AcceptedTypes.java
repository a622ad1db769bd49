package io.realskin.support.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An {@code Accept} header read as RFC 9110 §12.5.1 says, weights included: {@code q=0} says "not this type", and the
 * most specific range naming a type decides its weight ({@code *}{@code /*, application/json;q=0} is anything but JSON).
 * The framework matches the header's types as text and reads no weight, so {@code Accept: application/json;q=0} was
 * answered JSON (the gateway's {@code RefusedTypes} and {@code NegotiatedTypes} read the weights with this).
 */
public final class AcceptedTypes {
    private record Range(String type, String subtype, double q) {
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
        }

        boolean covers(String otherType, String otherSubtype) {
            return (type.equals("*") || type.equals(otherType)) && (subtype.equals("*") || subtype.equals(otherSubtype));
        }
    }

    private final List<Range> ranges;

    private AcceptedTypes(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** The header's ranges; null when there is none or one cannot be read (the framework's reading stands then). */
    public static AcceptedTypes of(List<String> headerValues) {
        List<Range> ranges = new ArrayList<>();
        for (String value : headerValues == null ? List.<String>of() : headerValues) {
            for (String element : value.split(",")) {
                if (element.isBlank()) {
                    continue;
                }
                Range range = range(element);
                if (range == null) {
                    return null;
                }
                ranges.add(range);
            }
        }
        return ranges.isEmpty() ? null : new AcceptedTypes(ranges);
    }

    /** Whether every range the header names can be read (blank elements are none); true when there is no header. */
    public static boolean readable(List<String> headerValues) {
        for (String value : headerValues == null ? List.<String>of() : headerValues) {
            for (String element : value.split(",")) {
                if (!element.isBlank() && range(element) == null) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Range range(String element) {
        String[] parts = element.split(";");
        if (parts.length == 0) { // only semicolons
            return null;
        }
        String name = parts[0].trim().toLowerCase(Locale.ROOT);
        if (name.equals("*")) { // sent by some clients (Java's HttpURLConnection among them) for */*
            name = "*/*";
        }
        int slash = name.indexOf('/');
        if (slash <= 0 || slash == name.length() - 1 || name.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        double q = 1;
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter.length == 2 && parameter[0].trim().equalsIgnoreCase("q")) {
                try {
                    q = Double.parseDouble(parameter[1].trim());
                } catch (NumberFormatException e) {
                    return null;
                }
                if (!(q >= 0 && q <= 1)) {
                    return null;
                }
                break; // what follows the weight are accept extensions, not the type's parameters
            }
        }
        return new Range(name.substring(0, slash), name.substring(slash + 1), q);
    }

    /**
     * Whether some type of {@code produced} (a route's {@code @Produces}: {@code application/json}, {@code image/*}) has
     * a weight above 0: the type itself, or any narrower type a range names within it.
     */
    public boolean allowsAny(List<String> produced) {
        for (String type : produced) {
            Range offered = range(type.split(";", 2)[0]);
            if (offered == null) {
                return true;
            }
            if (weight(offered.type(), offered.subtype()) > 0) {
                return true;
            }
            for (Range range : ranges) {
                if (range.q() > 0 && compatible(offered, range)) {
                    String narrowType = offered.type().equals("*") ? range.type() : offered.type();
                    String narrowSubtype = offered.subtype().equals("*") ? range.subtype() : offered.subtype();
                    if (weight(narrowType, narrowSubtype) > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Of the concrete types several methods of one route answer ({@code produced}, the server's order: its {@code qs}
     * first), the one with the highest weight above 0, the first of equally weighted ones; empty when none has one, or
     * when one is a range (the framework's choice stands then). The framework chooses among such methods by matching the
     * header as text, so {@code *}{@code /*, text/event-stream;q=0} took the stream's method, which the gateway's
     * {@code RefusedTypes} then refused.
     */
    public Optional<String> preferred(List<String> produced) {
        String best = null;
        double bestWeight = 0;
        for (String type : produced) {
            Range offered = range(type.split(";", 2)[0]);
            if (offered == null || offered.specificity() < 2) {
                return Optional.empty();
            }
            double weight = weight(offered.type(), offered.subtype());
            if (weight > bestWeight) {
                best = offered.type() + "/" + offered.subtype();
                bestWeight = weight;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean compatible(Range a, Range b) {
        return (a.type().equals("*") || b.type().equals("*") || a.type().equals(b.type()))
                && (a.subtype().equals("*") || b.subtype().equals("*") || a.subtype().equals(b.subtype()));
    }

    /** The weight of the most specific range covering the type (the highest of equally specific ones); 0 if none does. */
    private double weight(String type, String subtype) {
        int best = -1;
        double weight = 0;
        for (Range range : ranges) {
            if (!range.covers(type, subtype)) {
                continue;
            }
            if (range.specificity() > best) {
                best = range.specificity();
                weight = range.q();
            } else if (range.specificity() == best) {
                weight = Math.max(weight, range.q());
            }
        }
        return weight;
    }
}
