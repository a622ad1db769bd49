package io.realskin.support.problem;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which defined field a name a body gives but its type does not define most likely stands for: the job bodies'
 * {@code Intensity} (intensity), {@code mask_image_id} (maskImageId), an API key's {@code Name} (name), a prompt's
 * {@code promt} (prompt). For the {@code suggestions} of an {@code invalid-request} naming such fields
 * ({@link UndefinedFields}, and the gateway's job bodies).
 */
public final class FieldSuggestions {
    private FieldSuggestions() {
    }

    /**
     * The one field of {@code defined} that {@code sent} most likely misspells: equal once case, {@code _} and
     * {@code -} are ignored ({@code mask_image_id}: maskImageId), else the only nearest within two letters' edits
     * (one for a name of up to four letters); null when there is no such field or more than one.
     */
    public static String meant(String sent, List<String> defined) {
        String key = plain(sent);
        List<String> same = defined.stream().filter(d -> plain(d).equals(key)).toList();
        if (same.size() == 1) {
            return same.get(0);
        }
        int most = key.length() <= 4 ? 1 : 2;
        Map<Integer, List<String>> byDistance = defined.stream().collect(Collectors.groupingBy(d -> edits(key, plain(d))));
        return byDistance.entrySet().stream().filter(e -> e.getKey() <= most).min(Map.Entry.comparingByKey())
                .filter(e -> e.getValue().size() == 1).map(e -> e.getValue().get(0)).orElse(null);
    }

    private static String plain(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance: letters inserted, deleted or replaced. */
    private static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
