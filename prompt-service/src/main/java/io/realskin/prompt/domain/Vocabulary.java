package io.realskin.prompt.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.realskin.contracts.prompt.Intent;

import java.util.List;
import java.util.Map;

/**
 * The prompt vocabulary exactly as written in the versioned YAML resource
 * ({@code vocabulary/prompt-vocabulary-v1.yaml}). Missing lists read as empty.
 */
public record Vocabulary(
        String version,
        PersonWords person,
        List<String> protectedNouns,
        List<String> negationWords,
        List<String> negationAfter,
        List<String> degreeWords,
        List<Rule> rules,
        List<Addition> additions,
        Anchor anchor,
        Intents intents,
        List<String> negativePrompt,
        Medium medium,
        List<String> otherLanguageNegationWords,
        List<String> englishOnlyWords,
        List<String> negationPrefixes,
        List<String> intensifiers,
        List<String> personQualifiers,
        List<String> superlativeScopes,
        List<String> superlativeOwners,
        List<String> protectedParticiples,
        List<String> superlativeMarkers,
        List<String> praiseComplements,
        List<String> negationSuffixes,
        List<String> negationQuantities,
        List<String> negatingPredicates,
        List<String> predicateLinks,
        List<String> removalWords,
        List<String> negationPhrases) {

    public Vocabulary {
        removalWords = orEmpty(removalWords);
        negationPhrases = orEmpty(negationPhrases);
        negatingPredicates = orEmpty(negatingPredicates);
        predicateLinks = orEmpty(predicateLinks);
        negationSuffixes = orEmpty(negationSuffixes);
        negationQuantities = orEmpty(negationQuantities);
        praiseComplements = orEmpty(praiseComplements);
        superlativeMarkers = orEmpty(superlativeMarkers);
        protectedParticiples = orEmpty(protectedParticiples);
        superlativeScopes = orEmpty(superlativeScopes);
        superlativeOwners = orEmpty(superlativeOwners);
        intensifiers = orEmpty(intensifiers);
        personQualifiers = orEmpty(personQualifiers);
        negationPrefixes = orEmpty(negationPrefixes);
        otherLanguageNegationWords = orEmpty(otherLanguageNegationWords);
        englishOnlyWords = orEmpty(englishOnlyWords);
        medium = medium == null ? new Medium(null, null, null) : medium;
        protectedNouns = orEmpty(protectedNouns);
        negationWords = orEmpty(negationWords);
        negationAfter = orEmpty(negationAfter);
        degreeWords = orEmpty(degreeWords);
        rules = orEmpty(rules);
        additions = orEmpty(additions);
        negativePrompt = orEmpty(negativePrompt);
    }

    /**
     * Words that put a person, and so skin, in the frame; {@code depictions} are things made in a person's likeness
     * ("statue of a woman", "a soldier figurine"): a person word they govern puts no one in the frame;
     * {@code notNonPerson} are names of things that hold a non-person word but are none ("android phone": a phone);
     * {@code thingsWithSkin}, beside the non-person words, are things whose skin a smoothing phrase can be about ("a
     * peach with smooth skin"): the phrase is theirs, not a person's; {@code thingsBeforeOf} are person words that name a
     * thing before "of" ("a model of the solar system"); {@code qualifiedThings} are things a person word right before them
     * names the kind of ("a courier bag", "a pirate treasure chest").
     */
    public record PersonWords(List<String> words, List<String> weakWords, List<String> nonPersonWords, List<String> depictions,
                              List<String> notNonPerson, List<String> thingsWithSkin, List<String> notPerson,
                              List<String> possessedThings, List<String> pronouns, List<String> animals,
                              List<String> thingsBeforeOf, List<String> qualifiedThings) {
        public PersonWords {
            thingsBeforeOf = orEmpty(thingsBeforeOf);
            qualifiedThings = orEmpty(qualifiedThings);
            animals = orEmpty(animals);
            pronouns = orEmpty(pronouns);
            possessedThings = orEmpty(possessedThings);
            notPerson = orEmpty(notPerson);
            words = orEmpty(words);
            weakWords = orEmpty(weakWords);
            nonPersonWords = orEmpty(nonPersonWords);
            depictions = orEmpty(depictions);
            notNonPerson = orEmpty(notNonPerson);
            thingsWithSkin = orEmpty(thingsWithSkin);
        }
    }

    /**
     * What the picture is made as: a prompt that names a non-photographic medium (anime, a watercolour, a cartoon) and
     * no photographic word is not about photographed skin; nor is one whose Midjourney parameters pick an illustration
     * model ({@code illustrationParameters}, names without the dashes: "niji").
     */
    public record Medium(List<String> nonPhotographic, List<String> photographic, List<String> illustrationParameters) {
        public Medium {
            nonPhotographic = orEmpty(nonPhotographic);
            photographic = orEmpty(photographic);
            illustrationParameters = orEmpty(illustrationParameters);
        }
    }

    /**
     * Words rewritten or removed: abstract quality words, render vocabulary, smoothing requests. {@code says}, when set, is
     * what the replacement means, the same for the rules whose replacements say one thing in other words or cases
     * ("naturalną teksturą skóry", "naturalna tekstura skóry": "natural skin texture"), so a second one is a copy.
     * {@code besidePerson}: a match counts only right before or after a person word ("eine wunderschöne Frau", not "ein
     * wunderschönes Licht"). {@code superlatives}: the rule also matches each one-word phrase's English superlative, made by
     * the spelling rules ("lovely" -> "loveliest", "handsome" -> "handsomest"), or only that ("pretty", whose plain form is
     * also "rather": "a pretty old man"). {@code personWithin}: a match counts only when a person word follows it past at most
     * that many words that are no function words ("a pretty woman" with 0, "a cute little boy" with 2), when it stands alone
     * as its list item ("1girl, cute"), and not otherwise ("pretty detailed", "a cute puppy").
     */
    public record Rule(
            String id,
            String category,
            List<String> phrases,
            List<String> patterns,
            String replaceWith,
            boolean protectNouns,
            boolean onlyWithoutAnchor,
            int weight,
            String why,
            String says,
            boolean besidePerson,
            Superlatives superlatives,
            Integer personWithin) {
        public Rule {
            phrases = orEmpty(phrases);
            patterns = orEmpty(patterns);
            replaceWith = replaceWith == null ? "" : replaceWith;
        }
    }

    /** Which forms of a rule's phrases it matches besides the phrases as written ({@link Rule#superlatives}). */
    public enum Superlatives {
        @JsonProperty("also") ALSO,
        @JsonProperty("only") ONLY
    }

    /**
     * Language added when absent: texture, photographic and anti-smoothing terms; not when one of {@code skipWhenAny}, or
     * a match of one of {@code skipWhenPatterns} (regular expressions), says it does not concern the picture.
     */
    public record Addition(
            String id,
            String group,
            List<String> presentWhen,
            List<String> requiresAny,
            List<String> skipWhenAny,
            List<String> skipWhenPatterns,
            List<String> skipWhenOnly,
            List<String> unlessAlso,
            List<String> excludedWhen,
            String text,
            Map<String, String> textByIntent,
            int weight,
            String why) {
        public Addition {
            presentWhen = orEmpty(presentWhen);
            requiresAny = orEmpty(requiresAny);
            skipWhenAny = orEmpty(skipWhenAny);
            skipWhenPatterns = orEmpty(skipWhenPatterns);
            skipWhenOnly = orEmpty(skipWhenOnly);
            unlessAlso = orEmpty(unlessAlso);
            excludedWhen = orEmpty(excludedWhen);
            textByIntent = textByIntent == null ? Map.of() : Map.copyOf(textByIntent);
        }

        public String textFor(Intent intent) {
            return textByIntent.getOrDefault(intent.wire(), text);
        }
    }

    /** The lens, film or camera anchor, added only when the prompt has none. */
    public record Anchor(
            List<String> presentWhen,
            List<String> patterns,
            Map<String, String> textByIntent,
            Framing selfie,
            Framing closeUp,
            Framing wide,
            int weight,
            String why) {
        public Anchor {
            presentWhen = orEmpty(presentWhen);
            patterns = orEmpty(patterns);
            textByIntent = textByIntent == null ? Map.of() : Map.copyOf(textByIntent);
        }
    }

    /**
     * The anchor used for a framing (close, or wide enough for the whole body), for the listed intents: when one of
     * {@code when} appears, or one of {@code whenScene} ("sitting", "walking") and none of {@code unlessAny} ("portrait").
     */
    public record Framing(List<String> when, List<String> whenScene, List<String> unlessAny, List<String> intents, String text) {
        public Framing {
            when = orEmpty(when);
            whenScene = orEmpty(whenScene);
            unlessAny = orEmpty(unlessAny);
            intents = orEmpty(intents);
        }
    }

    /** How an intent is inferred when the request names none. */
    public record Intents(@JsonProperty("default") String defaultIntent, List<Inference> infer) {
        public Intents {
            infer = orEmpty(infer);
        }
    }

    /** The intent chosen when one of {@code when} appears in the prompt. */
    public record Inference(String intent, List<String> when) {
        public Inference {
            when = orEmpty(when);
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
