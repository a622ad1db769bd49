package io.realskin.prompt.service;

import java.util.List;
import java.util.Locale;

/**
 * The superlative of an English adjective by its spelling rules: "lovely" -> "loveliest", "handsome" -> "handsomest",
 * "hot" -> "hottest", "great" -> "greatest". Made for the one-word phrases of a rule, so the vocabulary lists a word once
 * and its superlative is praise too; a word that takes "most" instead gets a form no one writes, which matches nothing.
 */
final class EnglishSuperlatives {

    private static final String VOWELS = "aeiou";

    private EnglishSuperlatives() {
    }

    /** The superlatives of the one-word phrases among {@code phrases} (no spaces, hyphens or {@code *}). */
    static List<String> of(List<String> phrases) {
        return phrases.stream()
                .map(p -> p.strip().toLowerCase(Locale.ROOT))
                .filter(p -> p.length() > 2 && p.chars().allMatch(Character::isLetter))
                .map(EnglishSuperlatives::superlative)
                .toList();
    }

    static String superlative(String word) {
        char last = word.charAt(word.length() - 1);
        char before = word.charAt(word.length() - 2);
        if (last == 'y' && !isVowel(before)) {
            return word.substring(0, word.length() - 1) + "iest"; // pretty -> prettiest
        }
        if (last == 'e') {
            return word + "st"; // cute -> cutest
        }
        if (word.length() <= 4 && !isVowel(last) && "wxy".indexOf(last) < 0 && isVowel(before)
                && !isVowel(word.charAt(word.length() - 3))) {
            return word + last + "est"; // hot -> hottest, one syllable ending in one vowel and one consonant
        }
        return word + "est";
    }

    private static boolean isVowel(char c) {
        return VOWELS.indexOf(c) >= 0;
    }
}
