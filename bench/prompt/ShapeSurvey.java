import io.realskin.prompt.domain.Vocabulary;
import io.realskin.prompt.service.PromptEnhancer;
import io.realskin.prompt.service.PromptLinter;
import io.realskin.prompt.service.PromptValidator;
import io.realskin.prompt.service.RuleBook;
import io.realskin.prompt.service.YamlResources;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether enhance and lint cost grows faster than the prompt on any input: every phrase of the loaded vocabulary (each
 * rule's phrases alone, before a person word and alternated with a negator; every other list's words alone) and
 * structural shapes (negations, commas, quotes, brackets, runs without spaces, other scripts, praise), each repeated to
 * 1,000 and 4,000 characters (the maximum) and timed once (the thread's CPU time); the shapes whose 4,000/1,000 ratio or whose time at the
 * maximum stands out are timed again, best of three at 1,000, 2,000 and 4,000 for enhance and for lint. Advice and
 * recommend read no prompt (enumerated fields only), so they have no length to grow with.
 *
 * <p>{@code outputs FILE} instead writes the enhance and lint answers of the survey's prompts at 1,000 characters, of the
 * structural shapes at 4,000, of a seeded mix of vocabulary phrases and of one of those written without spaces (Chinese,
 * Japanese, Korean, Thai) with their negation words to FILE: run it on two builds and diff.
 *
 * <p>Run: bench/prompt/run survey | bench/prompt/run outputs FILE
 */
public class ShapeSurvey {
    private static final int MAX = 4000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int[] LENGTHS = {1000, 2000, MAX};

    /** A unit repeated to a length, or with {@code closing} the unit k times, {@code middle}, then {@code closing} k times. */
    record Shape(String name, String unit, boolean structural, String middle, String closing) {
        Shape(String name, String unit) {
            this(name, unit, false, null, null);
        }

        Shape(String name, String unit, boolean structural) {
            this(name, unit, structural, null, null);
        }

        String at(int length) {
            if (closing != null) {
                int k = (length - middle.length()) / (unit.length() + closing.length());
                return unit.repeat(k) + middle + closing.repeat(k);
            }
            StringBuilder b = new StringBuilder();
            while (b.length() + unit.length() <= length) {
                b.append(unit);
            }
            if (b.isEmpty()) {
                b.append(unit, 0, length);
            }
            return b.toString();
        }
    }

    public static void main(String[] args) throws IOException {
        Vocabulary v = YamlResources.read("vocabulary/prompt-vocabulary-v1.yaml", Vocabulary.class);
        RuleBook book = RuleBook.of(v);
        PromptValidator validator = new PromptValidator(MAX);
        PromptLinter linter = new PromptLinter(book, validator);
        PromptEnhancer enhancer = new PromptEnhancer(book, linter, validator);
        List<Shape> shapes = shapes(v);
        if (args.length > 0 && args[0].equals("outputs")) {
            writeOutputs(Path.of(args[1]), shapes, v, enhancer, linter);
            return;
        }
        // a person word alone is timed within "gorgeous <word> ", where it is read with the praise before it
        shapes = shapes.stream().filter(s -> !s.name().startsWith("person \"")).toList();
        if (args.length > 1) { // survey REGEX: only the shapes whose name it finds
            Pattern only = Pattern.compile(args[1]);
            shapes = shapes.stream().filter(s -> only.matcher(s.name()).find()).toList();
        }
        Consumer<String> enhance = p -> enhancer.enhance(p, null, null);
        Consumer<String> lint = p -> linter.lint(p, null);
        for (int i = 0; i < 30; i++) { // warm-up
            enhance.accept(shapes.get(i * 7 % shapes.size()).at(MAX));
        }
        System.out.printf(Locale.ROOT, "%d shapes: enhance timed once at 1,000 and 4,000 chars%n", shapes.size());
        Map<Shape, double[]> screened = new LinkedHashMap<>();
        for (Shape s : shapes) {
            screened.put(s, new double[] {millis(enhance, s.at(1000)), millis(enhance, s.at(MAX))});
        }
        double[] at4000 = screened.values().stream().mapToDouble(t -> t[1]).sorted().toArray();
        double median = at4000[at4000.length / 2];
        double p90 = at4000[at4000.length * 9 / 10];
        System.out.printf(Locale.ROOT, "enhance at 4,000 chars over all shapes: median %.1f ms, 90th percentile %.1f ms, max %.1f ms%n",
                median, p90, at4000[at4000.length - 1]);
        List<Shape> flagged = screened.entrySet().stream()
                .filter(e -> e.getValue()[1] / Math.max(e.getValue()[0], 0.05) > 6 || e.getValue()[1] > 3 * median)
                .sorted(Comparator.comparingDouble((Map.Entry<Shape, double[]> e) -> -e.getValue()[1]))
                .map(Map.Entry::getKey).toList();
        List<Shape> retimed = new ArrayList<>(flagged.subList(0, Math.min(flagged.size(), 40)));
        screened.entrySet().stream().sorted(Comparator.comparingDouble((Map.Entry<Shape, double[]> e) -> -e.getValue()[1]))
                .limit(10).map(Map.Entry::getKey).filter(s -> !retimed.contains(s)).forEach(retimed::add);
        System.out.printf(Locale.ROOT, "%d flagged (4,000/1,000 above 6, or above 3x the median at 4,000); retimed, with the 10 slowest, best of 3:%n",
                flagged.size());
        System.out.printf(Locale.ROOT, "%-60s | %-8s | %8s %8s %8s | %6s%n", "shape (unit repeated)", "op", "1,000", "2,000", "4,000", "4k/1k");
        for (Shape s : retimed) {
            for (var op : List.of(Map.entry("enhance", enhance), Map.entry("lint", lint))) {
                double[] ms = Arrays.stream(LENGTHS).mapToDouble(n -> best(op.getValue(), s.at(n))).toArray();
                System.out.printf(Locale.ROOT, "%-60s | %-8s | %8.1f %8.1f %8.1f | %6.1f%n", s.name(), op.getKey(), ms[0], ms[1], ms[2], ms[2] / ms[0]);
            }
        }
    }

    /** Every vocabulary phrase in its shapes, then the structural ones. */
    static List<Shape> shapes(Vocabulary v) {
        List<Shape> shapes = new ArrayList<>();
        for (Vocabulary.Rule rule : v.rules()) {
            for (String phrase : rule.phrases()) {
                String p = literal(phrase);
                shapes.add(new Shape("rule " + rule.id() + " \"" + p + " \"", p + " "));
                shapes.add(new Shape("rule " + rule.id() + " \"" + p + " woman \"", p + " woman "));
                shapes.add(new Shape("rule " + rule.id() + " \"not " + p + ", " + p + " \"", "not " + p + ", " + p + " "));
            }
        }
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Vocabulary.PersonWords person = v.person();
        lists.put("person", person.words());
        lists.put("weak person", person.weakWords());
        lists.put("pronoun", person.pronouns());
        lists.put("non-person", person.nonPersonWords());
        lists.put("not non-person", person.notNonPerson());
        lists.put("not person", person.notPerson());
        lists.put("depiction", person.depictions());
        lists.put("thing with skin", person.thingsWithSkin());
        lists.put("possessed thing", person.possessedThings());
        lists.put("animal", person.animals());
        lists.put("thing before of", person.thingsBeforeOf());
        lists.put("qualified thing", person.qualifiedThings());
        lists.put("protected noun", v.protectedNouns());
        lists.put("protected participle", v.protectedParticiples());
        lists.put("negation", v.negationWords());
        lists.put("other-language negation", v.otherLanguageNegationWords());
        lists.put("negation after", v.negationAfter());
        lists.put("negation prefix", v.negationPrefixes());
        lists.put("degree", v.degreeWords());
        lists.put("english-only", v.englishOnlyWords());
        lists.put("intensifier", v.intensifiers());
        lists.put("person qualifier", v.personQualifiers());
        lists.put("superlative scope", v.superlativeScopes());
        lists.put("superlative owner", v.superlativeOwners());
        lists.put("superlative marker", v.superlativeMarkers());
        lists.put("praise complement", v.praiseComplements());
        lists.put("non-photographic", v.medium().nonPhotographic());
        lists.put("photographic", v.medium().photographic());
        lists.put("anchor", v.anchor().presentWhen());
        v.additions().forEach(a -> lists.put("addition " + a.id(), Stream.of(a.presentWhen(), a.requiresAny(), a.skipWhenAny(),
                a.skipWhenOnly(), a.unlessAlso()).flatMap(List::stream).toList()));
        v.intents().infer().forEach(i -> lists.put("intent " + i.intent(), i.when()));
        lists.forEach((list, words) -> words.stream().distinct().forEach(w -> {
            String p = literal(w);
            shapes.add(new Shape(list + " \"" + p + " \"", p + " "));
        }));
        for (String w : person.words()) {
            shapes.add(new Shape("person after praise \"gorgeous " + literal(w) + " \"", "gorgeous " + literal(w) + " "));
        }
        String[][] structural = {
                {"negations \"no X, not Y, \"", "no smooth skin, not airbrushed, "},
                {"negations without commas", "no makeup not flawless skin without retouching "},
                {"negation words alone", "no not never without don't "},
                {"negation, but, praise", "no makeup but flawless skin and "},
                {"commas only", ", "},
                {"words and commas", "woman, "},
                {"one-letter clauses", "a,"},
                {"semicolons and full stops", "smooth skin; woman. "},
                {"newlines", "beautiful woman\n"},
                {"double quotes", "\"smooth skin\" "},
                {"single quotes", "'flawless' woman "},
                {"unclosed quotes", "\"woman "},
                {"parentheses", "((beautiful woman:1.2)) "},
                {"unclosed parentheses", "(((smooth skin "},
                {"square brackets", "[flawless skin] "},
                {"braces", "{porcelain skin|airbrushed} "},
                {"angle brackets", "<woman> "},
                {"lora tags", "<lora:smooth_skin:0.8> woman "},
                {"unclosed lora tag", "<lora:smooth skin "},
                {"urls", "https://example.com/a.png woman "},
                {"part weights", "smooth skin::-0.5 woman::2 "},
                {"midjourney parameters", "--ar 2:3 --no smooth skin "},
                {"negative prompt labels", "Negative prompt: smooth skin, "},
                {"avoid labels", "Avoid: smooth skin. He looks tired. "},
                {"colons", "skin: smooth: "},
                {"one run without spaces", "a"},
                {"a word run without spaces", "woman"},
                {"a rule phrase without spaces", "smoothskin"},
                {"hyphens", "baby-smooth-"},
                {"hyphened words", "over-retouched baby-smooth "},
                {"apostrophes", "woman's man's kids' "},
                {"possessives and parts", "a woman's face look smooth "},
                {"digits", "8k 4k 10/10 "},
                {"scores before praise", "10/10 beautiful woman "},
                {"superlatives", "the most beautiful woman in the world, "},
                {"superlative list", "the loveliest, most beautiful, "},
                {"praise list", "pretty, cute, lovely, "},
                {"praise of a person", "stunning beautiful gorgeous woman "},
                {"intensified praise", "very very really so beautiful "},
                {"praise and skin", "beautiful flawless perfect smooth "},
                {"said of the skin", "her skin looks so smooth and "},
                {"protected nouns", "beautiful light perfect dress "},
                {"depictions", "statue of a woman with smooth skin "},
                {"things with skin", "a doll with flawless skin "},
                {"Japanese", "美しい女性、滑らかな肌、"},
                {"Japanese without separators", "美肌"},
                {"Japanese negation after", "美肌フィルターなし "},
                {"Chinese", "漂亮的年轻女孩不要光滑的皮肤"},
                {"Korean", "아름다운 여자 매끄러운 피부 "},
                {"Russian", "красивая женщина, гладкая кожа, "},
                {"Arabic", "امرأة جميلة بشرة ناعمة "},
                {"Hebrew", "אישה יפה עור חלק "},
                {"Hindi", "सुंदर महिला चिकनी त्वचा "},
                {"Thai", "ผู้หญิงสวยผิวเนียน "},
                {"Thai without spaces", "ผิวเนียน"},
                {"Thai negation without spaces", "ไม่เอาผิวเนียน"},
                {"Korean without spaces", "매끄러운피부"},
                {"Chinese without separators", "光滑的皮肤"},
                {"Chinese negation without separators", "不要光滑的皮肤"},
                {"mixed scripts without spaces", "美肌ผิวเนียน光滑的皮肤매끄러운피부"},
                {"German", "eine sehr schöne Frau, glatte Haut, "},
                {"mixed scripts", "a woman 美しい красивая smooth skin "},
                {"combining marks", "e\u0301e\u0301 "},
                {"emoji", "🙂 woman 🙂 "},
                {"full-width", "ｓｍｏｏｔｈ ｓｋｉｎ，"},
                {"tabs", "woman\tsmooth skin\t"},
                {"many spaces", "woman          "},
        };
        for (String[] nested : new String[][] {{"(", "8k", ")"}, {"[", "smooth skin", "]"}, {"((", "beautiful woman:1.2", "))"}}) {
            shapes.add(new Shape("nested emphasis \"" + nested[0] + nested[1] + nested[2] + "\"", nested[0], false, nested[1], nested[2]));
        }
        for (String[] s : structural) {
            shapes.add(new Shape(s[0] + " \"" + s[1].replace("\n", "\\n").replace("\t", "\\t") + "\"", s[1], true));
        }
        return shapes;
    }

    /** A phrase as text: a trailing "*" as "ed", the way a prompt writes it. */
    private static String literal(String phrase) {
        return phrase.endsWith("*") ? phrase.substring(0, phrase.length() - 1) + "ed" : phrase;
    }

    private static void writeOutputs(Path file, List<Shape> shapes, Vocabulary v, PromptEnhancer enhancer, PromptLinter linter) throws IOException {
        List<String> prompts = new ArrayList<>();
        for (Shape s : shapes) {
            if (s.closing() == null) { // (the nested shapes came later)
                prompts.add(s.at(1000));
            }
        }
        shapes.stream().filter(Shape::structural).forEach(s -> prompts.add(s.at(MAX)));
        List<String> words = new ArrayList<>(); // a seeded mix of the vocabulary's words, separators and negations
        v.rules().forEach(r -> r.phrases().forEach(p -> words.add(literal(p))));
        v.person().words().forEach(words::add);
        v.negationWords().forEach(words::add);
        v.protectedNouns().forEach(words::add);
        String[] glue = {" ", ", ", " ", "; ", " and ", " with ", ". ", "\n", " no ", " but "};
        Random random = new Random(14);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(i % 10 == 0 ? 120 : 12);
            for (int j = 0; j < n && b.length() < MAX - 40; j++) {
                if (j > 0) {
                    b.append(glue[random.nextInt(glue.length)]);
                }
                b.append(words.get(random.nextInt(words.size())));
            }
            prompts.add(b.toString());
        }
        prompts.addAll(unspacedMix(v, words));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (String p : prompts) {
                out.println("PROMPT " + p.replace("\n", "\\n"));
                out.println("ENHANCE " + enhancer.enhance(p, null, null));
                out.println("LINT " + linter.lint(p, null));
            }
        }
        System.out.printf(Locale.ROOT, "%d prompts' enhance and lint answers written to %s%n", prompts.size(), file);
    }

    /**
     * A seeded mix of the vocabulary's words written in Chinese, Japanese, Korean or Thai and their negation words, mostly
     * glued with no space, so a negation often stands in the run of letters right before a match.
     */
    private static List<String> unspacedMix(Vocabulary v, List<String> words) {
        Pattern unspaced = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}\\p{IsThai}]");
        List<String> negations = v.otherLanguageNegationWords().stream().filter(w -> unspaced.matcher(w).find()).toList();
        List<String> unspacedWords = Stream.concat(words.stream(), v.negationAfter().stream()).filter(w -> unspaced.matcher(w).find()).toList();
        String[] glue = {"", "", "", "，", "、", " ", "。", ", "};
        Random random = new Random(15);
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(i % 10 == 0 ? 120 : 12);
            for (int j = 0; j < n && b.length() < MAX - 40; j++) {
                b.append(glue[random.nextInt(glue.length)]);
                if (random.nextInt(3) == 0) {
                    b.append(negations.get(random.nextInt(negations.size())));
                }
                b.append(unspacedWords.get(random.nextInt(unspacedWords.size())));
            }
            prompts.add(b.toString());
        }
        return prompts;
    }

    private static double best(Consumer<String> op, String prompt) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            best = Math.min(best, millis(op, prompt));
        }
        return best;
    }

    /** The calling thread's CPU time of one call, ms: unlike wall time it holds while other processes share the core. */
    private static double millis(Consumer<String> op, String prompt) {
        long start = THREADS.getCurrentThreadCpuTime();
        op.accept(prompt);
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
    }
}
