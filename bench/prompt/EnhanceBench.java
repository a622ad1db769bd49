import io.realskin.prompt.domain.Vocabulary;
import io.realskin.prompt.service.PromptEnhancer;
import io.realskin.prompt.service.PromptLinter;
import io.realskin.prompt.service.PromptValidator;
import io.realskin.prompt.service.RuleBook;
import io.realskin.prompt.service.YamlResources;
import java.util.Arrays;
import java.util.Locale;

/**
 * Time of prompt-service's enhance on a typical prompt and on a maximum-length one (4,000 characters) full of rule
 * words, measured side by side in one run: the cost per 1,000 characters of both, and their ratio (near 1 when the
 * rules scale linearly with the prompt; a regex that backtracks would show here first). Then maximum-length prompts of
 * one unit repeated, each one clause or many, the inputs on which a check per match that reads its whole clause made
 * enhance quadratic in the prompt (2026-12-06): their times beside the typical one.
 *
 * Run: bench/prompt/run [rounds]
 */
public class EnhanceBench {
    /** Units repeated to the maximum length: person words with possessives and praise, in one clause or many. */
    private static final String[] ADVERSARIAL = {"she's gorgeous ", "pretty girl ", "woman ", "a man's face ",
        "face look smooth ", "ohne schöne Frau ", "stunning beautiful gorgeous woman, "};

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        RuleBook book = RuleBook.of(YamlResources.read("vocabulary/prompt-vocabulary-v1.yaml", Vocabulary.class));
        PromptValidator validator = new PromptValidator(4000);
        PromptEnhancer enhancer = new PromptEnhancer(book, new PromptLinter(book, validator), validator);

        String typical = "A stunning glamour portrait of a woman with flawless porcelain skin, airbrushed, 8k, octane render";
        StringBuilder longest = new StringBuilder("portrait of a woman");
        String[] risky = {"stunning", "8k", "smooth skin", "no airbrushing", "beautiful window light", "cinematic", "airbrushed"};
        for (int i = 0; longest.length() < 3950; i++) {
            longest.append(i % 3 == 0 ? ", " : " ").append(risky[i % risky.length]);
        }
        double first = millis(() -> enhancer.enhance(longest.toString(), null, null));
        for (int i = 0; i < rounds; i++) { // warm-up of both
            enhancer.enhance(typical, null, null);
            enhancer.enhance(longest.toString(), null, null);
        }
        double shortMs = median(rounds, () -> enhancer.enhance(typical, null, null));
        double longMs = median(rounds, () -> enhancer.enhance(longest.toString(), null, null));
        double shortPerK = shortMs / typical.length() * 1000;
        double longPerK = longMs / longest.length() * 1000;
        System.out.printf(Locale.ROOT, "enhance, cold first call, %d chars: %.1f ms%n", longest.length(), first);
        System.out.printf(Locale.ROOT, "enhance, typical prompt, %d chars: %.3f ms median of %d (%.3f ms per 1,000 chars)%n",
                typical.length(), shortMs, rounds, shortPerK);
        System.out.printf(Locale.ROOT, "enhance, maximum-length prompt of rule words, %d chars: %.3f ms median of %d (%.3f ms per 1,000 chars)%n",
                longest.length(), longMs, rounds, longPerK);
        System.out.printf(Locale.ROOT, "ratio per 1,000 chars, maximum-length : typical = %.2f%n", longPerK / shortPerK);
        int adversarialRounds = Math.max(3, rounds / 20);
        for (String unit : ADVERSARIAL) {
            String prompt = unit.repeat((4000 - 10) / unit.length());
            for (int i = 0; i < 2; i++) {
                enhancer.enhance(prompt, null, null);
            }
            double ms = median(adversarialRounds, () -> enhancer.enhance(prompt, null, null));
            System.out.printf(Locale.ROOT, "enhance, maximum-length prompt repeating \"%s\", %d chars: %.3f ms median of %d%n",
                    unit, prompt.length(), ms, adversarialRounds);
        }
    }

    private static double median(int rounds, Runnable call) {
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ms[i] = millis(call);
        }
        Arrays.sort(ms);
        return ms[rounds / 2];
    }

    private static double millis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
