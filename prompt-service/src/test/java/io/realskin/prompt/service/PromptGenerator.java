package io.realskin.prompt.service;

import io.realskin.prompt.domain.Vocabulary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates varied portrait prompts from a fixed seed: subjects, light, wardrobe and makeup words, every
 * vocabulary rule phrase in random case, texture words and lens anchors already present, negations,
 * non-person scenes, odd punctuation, line breaks and non-ASCII text, Stable Diffusion emphasis and LoRA tags,
 * Midjourney parameters.
 */
final class PromptGenerator {

    private static final String[] SUBJECTS = {
            "portrait of a woman", "Portrait of a 35-year-old woman", "close-up of a man with a beard",
            "A fashion portrait of a model with bold makeup", "headshot of a CEO", "candid photo of a couple laughing",
            "a bride in a lace gown", "an elderly farmer", "a teenage girl with freckles", "a baby sleeping",
            "a man holding a skincare bottle", "A dancer mid-jump", "selfie of a student", "Editorial portrait of a chef",
            "street snapshot of an old man", "a nurse after a night shift", "Portrait d'une femme âgée", "family at home",
            "extreme close-up of her face", "a grandmother and her grandson"};
    private static final String[] NON_PERSON = {
            "a bowl of fruit on a table", "portrait of a cat", "a red sports car at night", "product shot of a perfume bottle",
            "a misty landscape"};
    private static final String[] DETAILS = {
            "warm light", "beautiful window light", "moody side light", "cinematic lighting", "golden hour sunlight",
            "soft studio lighting", "in a red dress", "wearing a perfect suit", "flawless makeup", "bold red lipstick",
            "looking over her shoulder", "arms crossed", "rain on the window", "(smiling)", "[wide shot]", "🙂", "naïve style",
            "visible pores", "no airbrushing", "shot on Portra 400", "85mm", "f/1.8", "no smooth skin", "without retouching",
            "natural freckles", "slight sheen", "fine lines", "unretouched", "Hasselblad", "shallow depth of field",
            "(smiling:1.2)", "((masterpiece))", "<lora:beautiful_eyes:0.6>", "BREAK", "no wrinkles", "no makeup", "1girl"};
    private static final String[] SEPARATORS = {", ", ", ", " ", "; ", ",  ", " , ", ",\n"};
    private static final String[] ENDINGS = {"", ".", ".", "!", "...", " ", ",", " --ar 2:3 --style raw", ". --v 6 --no wrinkles, text"};

    private final Random random;
    private final List<String> riskyPhrases = new ArrayList<>();

    PromptGenerator(long seed, Vocabulary vocabulary) {
        this.random = new Random(seed);
        for (Vocabulary.Rule rule : vocabulary.rules()) {
            for (String phrase : rule.phrases()) {
                riskyPhrases.add(phrase.endsWith("*") ? phrase.substring(0, phrase.length() - 1) + "ed" : phrase);
            }
        }
    }

    String next() {
        List<String> parts = new ArrayList<>();
        boolean person = random.nextInt(10) > 0;
        parts.add(person ? pick(SUBJECTS) : pick(NON_PERSON));
        int extras = random.nextInt(7);
        for (int i = 0; i < extras; i++) {
            String part = random.nextBoolean() ? randomCase(pick(riskyPhrases)) : pick(DETAILS);
            if (random.nextInt(4) == 0) {
                parts.add(random.nextInt(parts.size() + 1), part);
            } else {
                parts.add(part);
            }
        }
        if (random.nextInt(5) == 0) {
            parts.add(0, randomCase(pick(riskyPhrases)));
        }
        StringBuilder prompt = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                prompt.append(pick(SEPARATORS));
            }
            prompt.append(parts.get(i));
        }
        return prompt.append(pick(ENDINGS)).toString();
    }

    private String randomCase(String phrase) {
        return switch (random.nextInt(4)) {
            case 0 -> phrase.toUpperCase(Locale.ROOT);
            case 1 -> Character.toUpperCase(phrase.charAt(0)) + phrase.substring(1);
            default -> phrase;
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
