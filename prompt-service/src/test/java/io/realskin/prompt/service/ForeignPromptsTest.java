package io.realskin.prompt.service;

import io.realskin.contracts.prompt.ChangeKind;
import io.realskin.contracts.prompt.Enhancement;
import io.realskin.contracts.prompt.LintFinding;
import io.realskin.contracts.prompt.LintReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompts written the way other tools' users write them (Midjourney parameters, Stable Diffusion emphasis, LoRA tags
 * and BREAK, AUTOMATIC1111 settings, DALL-E / Flux sentences, texture negations), none taken from this repository's
 * vocabulary: each is rewritten as expected, and every one keeps the properties the service promises.
 */
class ForeignPromptsTest {

    private final PromptEnhancer enhancer = Fixtures.enhancer();
    private final PromptLinter linter = Fixtures.linter();

    /** Punctuation a removal must not leave behind: "( x", "x )", "(:1.2)", "()", "[]", ", ,", " ,". */
    private static final Pattern STRAY = Pattern.compile("[(\\[][ \\t]|[ \\t][)\\]]|\\(:|\\(\\)|\\[]|,[ \\t]*,|[ \\t],");

    /** prompt, the user's part as rewritten (the additions follow it after ", "), how the enhanced prompt ends. */
    static Stream<Arguments> table() {
        return Stream.of(
                row("portrait of a man with smooth skin --ar 2:3 --v 6 --style raw",
                        "portrait of a man with natural skin texture",
                        "85mm lens --ar 2:3 --v 6 --style raw"),
                row("close-up portrait of an old fisherman, weathered face, golden hour --ar 4:5 --style raw --v 6.1 --s 250",
                        "close-up portrait of an old fisherman, weathered face, golden hour",
                        "56mm lens --ar 4:5 --style raw --v 6.1 --s 250"),
                row("editorial photo of a woman in a red coat, perfect skin --no wrinkles, text, watermark --ar 3:4",
                        "editorial photo of a woman in a red coat, natural skin texture",
                        "50mm lens, 35mm film --no wrinkles, text, watermark --ar 3:4"),
                row("fashion portrait of a model, glamour --chaos 10 --seed 1 --weird 500 --q 2 --v 6 --p",
                        "fashion portrait of a model, editorial",
                        "Hasselblad 80mm medium format --chaos 10 --seed 1 --weird 500 --q 2 --v 6 --p"),
                row("stunning portrait of a bride, airbrushed skin —ar 2:3 —v 6",
                        "portrait of a bride, natural skin texture",
                        "85mm lens —ar 2:3 —v 6"),
                row("Portrait of a nurse, flawless. --ar 9:16",
                        "Portrait of a nurse",
                        "85mm lens. --ar 9:16"),
                row("portrait of a woman --no makeup, smooth skin --ar 2:3",
                        "portrait of a woman",
                        "85mm lens --no makeup, smooth skin --ar 2:3"),
                row("portrait of a woman, beautiful --sref https://example.com/beautiful.png --sw 100 --cref https://example.com/face.png --cw 50",
                        "portrait of a woman",
                        "85mm lens --sref https://example.com/beautiful.png --sw 100 --cref https://example.com/face.png --cw 50"),
                row("https://s.mj.run/beautiful-face portrait of a beautiful woman, freckles --iw 1.5 --tile",
                        "https://s.mj.run/beautiful-face portrait of a woman, freckles",
                        "85mm lens --iw 1.5 --tile"),
                row("a woman -- smiling -- in the rain, beautiful, 8k",
                        "a woman -- smiling -- in the rain",
                        "85mm lens"),
                row("portrait of a woman—smiling, flawless skin",
                        "portrait of a woman—smiling, natural skin texture",
                        "85mm lens"),
                row("A beautiful woman, no wrinkles, no blemishes, glowing skin, beauty filter, Instagram style",
                        "A woman, natural skin texture, Instagram style",
                        "85mm lens"),
                row("A close-up photograph of a 60-year-old woman with no wrinkles and flawless, glowing skin, sitting by a window. She wears no makeup.",
                        "A close-up photograph of a 60-year-old woman with natural skin texture, sitting by a window. She wears no makeup",
                        "56mm lens."),
                row("A hyper-realistic portrait of a Black woman with wrinkle-free skin and zero pores, studio lighting, 85mm",
                        "A photographic portrait of a Black woman with natural skin texture, studio lighting, 85mm",
                        "no airbrushing"),
                row("portrait of a teenage girl, acne-free skin, without any blemishes or freckles, natural look",
                        "portrait of a teenage girl, natural skin texture, natural look",
                        "85mm lens"),
                row("A photo of a woman with no visible pores and an even skin tone, beauty campaign, high-end retouching",
                        "A photo of a woman with natural skin texture, beauty campaign",
                        "Hasselblad 80mm medium format"),
                row("a man with a beard, remove wrinkles, smooth out blemishes, avoid pores",
                        "a man with a beard",
                        "85mm lens"),
                row("a woman with freckles and no wrinkles.",
                        "a woman with freckles",
                        "85mm lens."),
                row("portrait of a woman with skin free of blemishes, sitting on a bench",
                        "portrait of a woman, sitting on a bench",
                        "85mm lens"),
                row("studio headshot of a CEO, plain backdrop, no text, no watermark, perfect skin",
                        "studio headshot of a CEO, plain backdrop, no text, no watermark, natural skin texture",
                        "85mm lens"),
                row("Create an image of a businessman in a wrinkle-free shirt, clean background",
                        "Create an image of a businessman in a wrinkle-free shirt, clean background",
                        "85mm lens"),
                row("a grandmother baking cookies, no makeup, soft window light, wrinkles, warm tones",
                        "a grandmother baking cookies, no makeup, soft window light, wrinkles, warm tones",
                        "85mm lens"),
                row("(flawless porcelain skin:1.4), masterpiece, best quality, 1girl, portrait",
                        "(natural skin texture:1.4), 1girl, portrait",
                        "85mm lens"),
                row("((masterpiece)), (best quality:1.2), [8k], 1girl, solo, looking at viewer, (smooth skin:1.3), upper body",
                        "1girl, solo, looking at viewer, (natural skin texture:1.3), upper body",
                        "85mm lens"),
                row("photo of a woman, <lora:beautiful_eyes:0.6>, <lora:add_detail:0.8>, flawless skin BREAK city street at night, cinematic",
                        "photo of a woman, <lora:beautiful_eyes:0.6>, <lora:add_detail:0.8>, natural skin texture BREAK city street at night, film-still",
                        "35mm lens, 35mm film"),
                row("score_9, score_8_up, 1girl, portrait, beautiful face, perfect skin, (photorealistic:1.4)",
                        "score_9, score_8_up, 1girl, portrait, face, natural skin texture, (photographic:1.4)",
                        "85mm lens"),
                row("portrait of a man, 8k:1.2, masterpiece:1.3, window light",
                        "portrait of a man, window light",
                        "85mm lens"),
                // praise of the detail goes whole (until 1.4.26 each left a bare "detail"); a detail shot is framing
                row("a woman, stunning detail, incredible detail, amazing details, window light",
                        "a woman, window light",
                        "85mm lens"),
                row("a stunning detail shot of a bride's hands, exquisite detail",
                        "a detail shot of a bride's hands",
                        "56mm lens"),
                // a retouch said to be light is still one (until 1.4.28 "light" and "subtle" were left)
                row("portrait of a bride, light retouching, subtle airbrushing, window light",
                        "portrait of a bride, window light",
                        "85mm lens"),
                row("1girl, (no wrinkles:1.2), (skin pores:0.8), portrait",
                        "1girl, (skin pores:0.8), portrait",
                        "85mm lens"),
                row("(masterpiece, best quality:1.2), 1boy, (8k, stunning:1.1), close-up",
                        "1boy, close-up",
                        "56mm lens"),
                row("Ultra-realistic 8K portrait of a woman, flawless skin, Canon EOS R5, 85mm f/1.2, bokeh, professional photography, award-winning",
                        "Photographic portrait of a woman, natural skin texture, Canon EOS R5, 85mm f/1.2, bokeh, editorial photography",
                        "no airbrushing"),
                row("A cinematic still of an astronaut removing his helmet, sweat on his brow, hyperdetailed, unreal engine",
                        "A film-still of an astronaut removing his helmet, sweat on his brow",
                        "85mm lens"),
                row("a woman's face, macro shot, beauty retouched, poreless",
                        "a woman's face, macro shot",
                        "56mm lens"),
                row("portrait of a man with no lens flare, stunning",
                        "portrait of a man with no lens flare",
                        "85mm lens"),
                row("a woman without wrinkles or makeup",
                        "a woman without makeup",
                        "85mm lens"),
                row("a woman with no acne or tattoos, smiling",
                        "a woman with no tattoos, smiling",
                        "85mm lens"),
                row("Create a photorealistic image of a middle-aged Indian man sitting on a park bench reading a newspaper. He has a gray beard and smooth, flawless skin. The lighting is soft and natural, late afternoon. Shot with a Canon 5D, 50mm lens.",
                        "Create a photographic image of a middle-aged Indian man sitting on a park bench reading a newspaper. He has a gray beard and natural skin texture. The lighting is soft and natural, late afternoon. Shot with a Canon 5D, 50mm lens",
                        "no airbrushing."),
                row("A highly detailed portrait of an elderly Japanese woman smiling, with beautiful wrinkles and kind eyes, soft window light, 8k resolution",
                        "A portrait of an elderly Japanese woman smiling, with wrinkles and kind eyes, soft window light",
                        "85mm lens"),
                row("Portrait of a woman. No wrinkles. No pores.",
                        "Portrait of a woman",
                        "85mm lens."),
                row("woman, portrait, (((flawless skin))), [[[beautiful]]], {{best quality}}",
                        "woman, portrait, (((natural skin texture)))",
                        "85mm lens"),
                row("a couple kissing in Paris, romantic, dreamy, airbrushed, soft focus skin --ar 16:9 --v 5.2 --q 2",
                        "a couple kissing in Paris, romantic, dreamy",
                        "85mm lens --ar 16:9 --v 5.2 --q 2"),
                row("beautiful woman, (detailed skin:1.2), (skin pores:1.1), (no makeup:1.3), freckles, RAW photo, 8k uhd, dslr, film grain",
                        "woman, (detailed skin:1.2), (skin pores:1.1), (no makeup:1.3), freckles, RAW photo, dslr, film grain",
                        "no airbrushing"));
    }

    private static Arguments row(String prompt, String rewritten, String ending) {
        return Arguments.of(prompt, rewritten, ending);
    }

    private static List<String> prompts() {
        List<String> prompts = new ArrayList<>(table().map(a -> (String) a.get()[0]).toList());
        prompts.add("a cat sleeping on a sofa, no people --ar 16:9");
        prompts.add("a street at night, neon signs, rain, no people, cinematic");
        prompts.add("portrait of a woman, smooth skin\nNegative prompt: wrinkles, blemishes, ugly\nSteps: 30, Sampler: DPM++ 2M Karras");
        prompts.add(INLINE_NEGATIVE);
        prompts.add("headshot of a man, airbrushed; negative_prompt: cgi, 3d render, smooth skin");
        // the third probe's families: labelled negative lists, negative multi-prompt parts, contractions, other languages
        prompts.add("Photo of a man, 8k. Things to avoid: plastic skin, airbrushing");
        prompts.add("portrait of a man, flawless skin, negative prompt - smooth skin, plastic --ar 2:3");
        prompts.add("portrait of a woman::1.5 smooth skin::-0.5 freckles::1 --v 6");
        prompts.add("a woman, don't airbrush her skin, perfect skin, (smooth skin:1.2), [[flawless skin]]");
        prompts.add("Foto einer jungen Frau mit makelloser, glatter Haut, keine Falten, 8k");
        prompts.add("笑顔の女性のポートレート、美肌、完璧な肌、自然光 --ar 2:3");
        return prompts;
    }

    private static final String INLINE_NEGATIVE = "A woman with freckles laughing, candid street photo, Fujifilm, Negative prompt: plastic, doll, cgi";

    private Enhancement enhance(String prompt) {
        return enhancer.enhance(prompt, null, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void rewritesThePromptAsExpected(String prompt, String rewritten, String ending) {
        String out = enhance(prompt).prompt();
        assertTrue(out.startsWith(rewritten + ", "), () -> "expected to start with '" + rewritten + ", ':\n" + out);
        assertTrue(out.endsWith(ending), () -> "expected to end with '" + ending + "':\n" + out);
    }

    @Test
    void everyPromptIsIdempotent() {
        for (String prompt : prompts()) {
            Enhancement once = enhance(prompt);
            Enhancement twice = enhance(once.prompt());
            assertEquals(once.prompt(), twice.prompt(), prompt);
            assertTrue(twice.changes().isEmpty(), () -> prompt + " " + twice.changes());
        }
    }

    @Test
    void noStrayPunctuationIsLeftBehind() {
        for (String prompt : prompts()) {
            String out = enhance(prompt).prompt();
            assertFalse(STRAY.matcher(out).find() && !STRAY.matcher(prompt).find(), () -> prompt + "\n -> " + out);
        }
    }

    @Test
    void aTrailingParameterBlockIsKeptByteForByteAtTheEnd() {
        for (String prompt : prompts()) {
            PromptParts parts = PromptParts.split(prompt);
            Enhancement e = enhance(prompt);
            assertTrue(e.prompt().endsWith(parts.tail()), () -> prompt + "\n -> " + e.prompt());
            String body = e.prompt().substring(0, e.prompt().length() - parts.tail().length());
            assertEquals("", PromptParts.split(body).tail(), () -> "a parameter before the additions: " + e.prompt());
            e.changes().stream().filter(c -> c.from() != null)
                    .forEach(c -> assertTrue(parts.body().contains(c.from()), () -> c + " is not in the body of " + prompt));
        }
    }

    @Test
    void lintOffsetsIndexThePromptAsSentAndNeverTheTail() {
        for (String prompt : prompts()) {
            int bodyEnd = PromptParts.split(prompt).body().length();
            for (LintFinding f : linter.lint(prompt, null).findings()) {
                assertEquals(f.text(), prompt.substring(f.start(), f.end()), () -> prompt + " " + f);
                assertTrue(f.end() <= bodyEnd, () -> "finding in the tail: " + prompt + " " + f);
            }
        }
        LintReport report = linter.lint("portrait of a man with smooth skin --ar 2:3 --no airbrushed, 8k", null);
        assertEquals(List.of("smooth skin"), report.findings().stream().map(LintFinding::text).toList());
        assertEquals(23, report.findings().get(0).start());
    }

    @Test
    void midjourneyNegativePromptIsNotTheSubject() {
        Enhancement e = enhance("portrait of a woman --no wrinkles, freckles");
        // what --no names is left out, not said (1.4.110; before it the additions asked for the wrinkles and freckles)
        assertTrue(e.prompt().endsWith("natural pores, slight forehead shine, no smoothing, no beauty retouch, no airbrushing, 85mm lens"
                + " --no wrinkles, freckles"), e.prompt());
        // nor does --no say a lens or makeup
        Enhancement lens = enhance("portrait of a woman --no lens flare, makeup");
        assertTrue(lens.prompt().contains("85mm lens --no") && !lens.prompt().contains("under the makeup"), lens.prompt());
        assertFalse(enhance("a cat on a sofa --no people, woman").personDetected(), "--no names what to leave out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a woman -- smiling", "a woman --- smiling", "a well--lit woman", "a woman—smiling", "a woman – smiling",
            "a woman --smiling-- at the camera"})
    void proseDashesAreNotParameters(String prompt) {
        assertEquals("", PromptParts.split(prompt).tail(), prompt);
        assertTrue(enhance(prompt).prompt().startsWith(prompt + ", unretouched"));
    }

    @Test
    void automatic1111SettingsStayBelowTheAdditions() {
        String prompt = "portrait of a woman, smooth skin\nNegative prompt: wrinkles, blemishes, ugly\nSteps: 30, Sampler: DPM++ 2M Karras";
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith("portrait of a woman, natural skin texture, unretouched"), e.prompt());
        assertTrue(e.prompt().endsWith(", 85mm lens\nNegative prompt: wrinkles, blemishes, ugly\nSteps: 30, Sampler: DPM++ 2M Karras"), e.prompt());
        // the negative prompt's wrinkles and blemishes are not the subject's: they leave out what they name (1.4.110)
        assertTrue(!e.prompt().contains("fine lines around the eyes") && !e.prompt().contains("natural skin imperfections")
                && e.prompt().contains("natural pores"), e.prompt());
    }

    @Test
    void negatedMentionsDoNotCount() {
        assertTrue(enhance("portrait of a woman with no makeup").changes().stream().noneMatch(c -> "makeup-skin".equals(c.rule())),
                "no makeup: no skin under the makeup");
        assertFalse(enhance("an empty street at dusk, no people, no humans").personDetected());
        assertTrue(enhance("portrait of a woman, no lens flare").prompt().endsWith("85mm lens"), "no lens flare is not a lens");
        assertTrue(enhance("portrait of a woman, no makeup and no smoothing").changes().stream()
                .noneMatch(c -> c.kind() == ChangeKind.ADDED && "no-smoothing".equals(c.rule())), "a negation is not negated by the one before");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no wrinkles", "No Wrinkles", "without any blemishes or freckles", "zero pores", "free of blemishes",
            "not a single wrinkle", "no visible pores", "avoid pores", "remove wrinkles", "no fine lines", "no crow's feet",
            "no dark circles", "no acne and no scars", "no signs of wrinkles", "remove all blemishes", "wrinkle-free", "blemishless", "invisible pores"})
    void textureNegationsAreSmoothingRequests(String negation) {
        Enhancement e = enhance("portrait of a woman, " + negation + ", 85mm");
        assertTrue(e.prompt().startsWith("portrait of a woman, 85mm, "), e.prompt());
        assertTrue(e.changes().stream().anyMatch(c -> "negated-texture".equals(c.rule())), e.changes()::toString);
        for (String texture : new String[] {"natural pores", "fine lines around the eyes", "natural skin imperfections"}) {
            assertTrue(e.prompt().contains(texture), () -> texture + " missing: " + e.prompt());
        }
    }

    /**
     * A request not to smooth, written with a contraction ("don't", "dont", "isn't", "shouldn't", typographic apostrophe
     * too) or with the negation before the skin it is said of ("don't make her skin look plastic"), is the user's
     * rejection and stays word for word. Until 1.4.20 "don't remove freckles" lost "remove freckles" (leaving "don't"),
     * "don't airbrush her skin" became "don't her skin", and "do not make her skin look plastic" became "do not make her
     * skin look natural", the opposite of what was asked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"portrait of a woman with freckles, don't remove freckles, window light",
            "portrait of a woman, don't airbrush her skin, soft light", "portrait of a woman, Don’t airbrush her skin, soft light",
            "portrait of a man, dont want smooth skin", "a woman whose skin isn't smooth or flawless",
            "portrait of a man, shouldn't look airbrushed", "a woman, do not make her skin look plastic",
            "a woman, dont make her skin look plastic", "headshot, never let his skin look waxy or poreless",
            "a man, it doesn't need flawless skin", "portrait of a grandmother, please don't remove her wrinkles",
            // asking for less of it (until 1.4.28 "less smooth skin" became "less natural skin texture", "minimal retouching" "minimal")
            "a woman with less smooth skin, more texture", "portrait, minimal retouching, window light", "a man, less airbrushed than usual"})
    void aContractedOrEarlierNegationKeepsTheUsersWords(String prompt) {
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith(prompt + ", "), e.prompt());
        assertTrue(e.changes().stream().allMatch(c -> c.kind() == ChangeKind.ADDED), e.changes()::toString);
        assertTrue(linter.lint(prompt, null).findings().isEmpty(), prompt);
    }

    /**
     * A negation two clauses back, or far before the skin in its clause, is not this request's; nor is a degree word
     * ("minimal", "less") that turns down something else (until 1.4.34 "minimal makeup and flawless skin" kept its
     * "flawless skin", read as turned down too).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a woman with minimal makeup and flawless skin, window light | a woman with minimal makeup and natural skin texture, window light,",
            "a woman in a minimal dress with flawless skin | a woman in a minimal dress with natural skin texture,",
            "portrait, less makeup and airbrushed skin | portrait, less makeup and natural skin texture,",
            "a woman, don't smile, flawless skin | a woman, don't smile, natural skin texture,",
            "a woman with no makeup and her skin is flawless | a woman with no makeup and her skin is natural,",
            "I don't know why, but make her skin look perfect | I don't know why, but make her skin look natural,"})
    void aNegationOfSomethingElseStillLetsTheRuleFire(String prompt, String start) {
        assertTrue(enhance(prompt).prompt().startsWith(start), enhance(prompt).prompt());
    }

    /**
     * A negation negates its own noun, not a phrase "and" joins to it, nor anything after "but": until 1.4.85 "a man with no
     * makeup and flawless skin" kept "flawless skin" as negated. A negation before "and" and a single word, or one right
     * before the phrase, still negates it.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a man with no makeup and flawless skin | a man with no makeup and natural skin texture,",
            "a woman with no jewelry and perfect skin, headshot | a woman with no jewelry and natural skin texture, headshot,",
            "a woman with no makeup but flawless skin | a woman with no makeup but natural skin texture,",
            "a woman without makeup and with porcelain skin | a woman without makeup and with natural skin texture,",
            // still negated
            "portrait of a woman, no smoothing and airbrushing | portrait of a woman, no smoothing and airbrushing,",
            "a man, no filter and no smooth skin | a man, no filter and no smooth skin,"})
    void aNegationBeforeAndOrButNegatesItsOwnNoun(String prompt, String start) {
        assertTrue(enhance(prompt).prompt().startsWith(start), enhance(prompt).prompt());
        assertEquals(enhance(prompt).prompt(), enhance(enhance(prompt).prompt()).prompt(), "idempotent");
    }

    /**
     * Skin asked not to be too smooth asks for its texture: until 1.4.86 "don't make her skin too smooth" went as written,
     * putting "skin too smooth" before the model. Without a degree word the negation is the user's and stays, and so is
     * the smoothness of anything else.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "don't make her skin too smooth | natural skin texture, unretouched",
            "portrait of my mom, don't make her skin too smooth, warm light | portrait of my mom, natural skin texture, warm light,",
            "Please don't make the skin look overly smooth, portrait of a woman | Natural skin texture, portrait of a woman,",
            "a man, his skin shouldn't look too perfect or airbrushed | a man, natural skin texture,",
            "headshot of a man, do not make his face too plastic | headshot of a man, natural skin texture,",
            "portrait of a woman, her skin isn't overly smooth | portrait of a woman, natural skin texture,",
            // no degree word, or not the skin
            "do not make her skin look plastic | do not make her skin look plastic,",
            "portrait, don't make the background too smooth | portrait, don't make the background too smooth,"})
    void skinAskedNotToBeTooSmoothBecomesItsTexture(String prompt, String start) {
        assertTrue(enhance(prompt).prompt().startsWith(start), enhance(prompt).prompt());
        assertEquals(enhance(prompt).prompt(), enhance(enhance(prompt).prompt()).prompt(), "idempotent");
    }

    /**
     * Skin said too smooth is a complaint that asks for its texture, as the negated request does: until 1.4.93 "her skin is
     * too smooth" went as written, "too smooth skin" became "too natural skin texture", and a removal left its degree word
     * ("the skin is overly airbrushed, fix it" -> "the skin is overly fix it", "she looks too perfect" -> "she looks too").
     * Said of anything but the skin it stays.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "her skin is too smooth | natural skin texture, unretouched",
            "portrait of a man, his skin looks way too smooth | portrait of a man, natural skin texture, unretouched",
            "the skin is overly airbrushed, fix it, portrait of a woman | natural skin texture, fix it, portrait of a woman,",
            "too smooth skin, portrait of a woman | natural skin texture, portrait of a woman,",
            "a woman with an overly perfect complexion | a woman with natural skin texture,",
            "an overly airbrushed portrait of a woman | a portrait of a woman,",
            "she looks too perfect, portrait | she looks natural, portrait,",
            // not the skin
            "her makeup is too perfect, portrait of a woman | her makeup is too perfect, portrait of a woman,",
            "the background is too smooth, portrait of a man | the background is too smooth, portrait of a man,"})
    void skinSaidTooSmoothIsAComplaintThatAsksForItsTexture(String prompt, String start) {
        assertTrue(enhance(prompt).prompt().startsWith(start), enhance(prompt).prompt());
        assertEquals(enhance(prompt).prompt(), enhance(enhance(prompt).prompt()).prompt(), "idempotent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"no makeup", "no text", "no watermark", "no logo", "no jewelry", "no filter"})
    void negationsAboutSomethingElseStay(String kept) {
        String prompt = "portrait of a woman, " + kept + ", 85mm";
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith(prompt + ", "), e.prompt());
        assertTrue(e.changes().stream().allMatch(c -> c.kind() == ChangeKind.ADDED), e.changes()::toString);
    }

    @Test
    void loraTagsAndUrlsAreNeverRewritten() {
        String prompt = "photo of a woman <lora:beautiful_skin_flawless:0.7> <hypernet:8k_detail:1> https://x.io/stunning-glamour-portrait.png";
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith(prompt + ", unretouched"), e.prompt());
        assertTrue(linter.lint(prompt, null).findings().isEmpty());
        assertFalse(enhance("a cat <lora:woman_face:0.5>").personDetected(), "a LoRA name is not the subject");
    }

    /** A LoRA's file name may hold spaces: the tag is still never rewritten (until 1.4.38 it became "<lora:natural skin texture:0.8>"). */
    @ParameterizedTest
    @ValueSource(strings = {"portrait of a woman, freckles, <lora:smooth skin:0.8>", "photo of a man <lora: flawless skin v2 :0.6>, 50mm",
            "a woman, <LyCORIS:beautiful glamour skin:1>, window light"})
    void aLoraTagWithSpacesIsNeverRewritten(String prompt) {
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith(prompt + ", unretouched"), e.prompt());
        assertTrue(linter.lint(prompt, null).findings().isEmpty(), prompt);
    }

    @Test
    void danbooruSubjectTagsAreAPerson() {
        assertTrue(enhance("1girl, solo, looking at viewer, upper body").personDetected());
        assertTrue(enhance("2boys, standing, street").personDetected());
    }

    /**
     * A negative prompt written inline, after the description on the same line, is the tail too: before, the additions
     * were appended to it (asking the model to avoid "visible skin texture") and its "cgi" was removed as a risky word
     * (asking for CGI).
     */
    @Test
    void anInlineNegativePromptKeepsItsWordsAndGetsNoAdditions() {
        Enhancement e = enhance(INLINE_NEGATIVE);
        assertTrue(e.prompt().startsWith("A woman with freckles laughing, candid street photo, Fujifilm, unretouched candid photograph, "),
                e.prompt());
        assertTrue(e.prompt().endsWith(", no airbrushing, Negative prompt: plastic, doll, cgi"), e.prompt());
        Enhancement semicolon = enhance("headshot of a man, airbrushed; negative_prompt: cgi, 3d render, smooth skin");
        assertTrue(semicolon.prompt().endsWith("85mm lens; negative_prompt: cgi, 3d render, smooth skin"), semicolon.prompt());
        assertFalse(semicolon.prompt().contains("airbrushed;"), "the description's own risky words are still rewritten");
        assertFalse(enhance("a cat on a sofa, negative prompt: woman, people").personDetected(), "the negative prompt names no subject");
    }

    /**
     * A list of what to leave out under a label of its own ("Negative:", "Avoid:", "Exclude:", "Do not include:") is a
     * negative prompt too: kept as written after the additions. Until 1.4.19 "negative: plastic skin, airbrushed" became
     * "negative: natural skin texture, unretouched editorial photograph, ...": what the user asked the model to avoid was
     * turned into its opposite, and the additions were appended to the list of things to avoid.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "portrait of a woman with freckles, negative: plastic skin, airbrushed | portrait of a woman with freckles, unretouched | 85mm lens, negative: plastic skin, airbrushed",
            "portrait of a woman with freckles. Avoid: plastic skin, airbrushed, smooth skin | portrait of a woman with freckles, unretouched | 85mm lens. Avoid: plastic skin, airbrushed, smooth skin",
            "a man, flawless skin, Exclude: airbrushed, smooth skin, cgi | a man, natural skin texture, unretouched | 85mm lens, Exclude: airbrushed, smooth skin, cgi",
            "headshot of a nurse; NEGATIVES: beauty filter, glass skin | headshot of a nurse, unretouched | 85mm lens; NEGATIVES: beauty filter, glass skin",
            "a bride in a veil, soft light. Do not include: porcelain skin, 3d render | a bride in a veil, soft light, unretouched | 85mm lens. Do not include: porcelain skin, 3d render",
            "photo of a grandfather, neg: smooth skin, wrinkle-free | photo of a grandfather, unretouched | 85mm lens, neg: smooth skin, wrinkle-free",
            "candid photo of a girl, unwanted: airbrushed skin | candid photo of a girl, unretouched | 35mm film, unwanted: airbrushed skin",
            // the label's lead-in goes with it (until 1.4.25 the additions went between "Things to" and "avoid:")
            "Photo of a man. Things to avoid: plastic skin, airbrushing | Photo of a man, unretouched | 85mm lens. Things to avoid: plastic skin, airbrushing",
            "portrait of a woman, what to avoid: smooth skin | portrait of a woman, unretouched | 85mm lens, what to avoid: smooth skin",
            "portrait of a woman, please avoid: smooth skin | portrait of a woman, unretouched | 85mm lens, please avoid: smooth skin",
            // the negative prompt named whole with a dash or an equals sign for its colon (until 1.4.27 rewritten)
            "portrait of a man with a beard, negative prompt - smooth skin, plastic | portrait of a man with a beard, unretouched | 85mm lens, negative prompt - smooth skin, plastic",
            "portrait of a man, negative_prompt=airbrushed, glass skin | portrait of a man, unretouched | 85mm lens, negative_prompt=airbrushed, glass skin",
            "portrait of a woman; Negative prompt — porcelain skin | portrait of a woman, unretouched | 85mm lens; Negative prompt — porcelain skin",
            // written in Markdown, the label in bold, as a list item or as a heading over its lines (until 1.4.30 the
            // additions went inside the bold, "85mm lensNegative prompt:**", and a heading's list was rewritten)
            "'portrait of a woman, freckles\\n**Negative prompt:** smooth skin, plastic' | portrait of a woman, freckles, unretouched | '85mm lens\\n**Negative prompt:** smooth skin, plastic'",
            "'- portrait of a woman\\n- Avoid: smooth skin' | - portrait of a woman, unretouched | '85mm lens\\n- Avoid: smooth skin'",
            "'# Prompt\\nportrait of a woman, smooth skin\\n## Negative prompt\\nsmooth skin, plastic' | '# Prompt\\nportrait of a woman, natural skin texture, unretouched' | '85mm lens\\n## Negative prompt\\nsmooth skin, plastic'",
            "'Prompt: portrait of an old man, 85mm\\nNegative prompt\\nsmooth skin, airbrushed' | 'Prompt: portrait of an old man, 85mm, unretouched' | 'no airbrushing\\nNegative prompt\\nsmooth skin, airbrushed'"})
    void aNegativeListUnderItsOwnLabelIsKeptAsWritten(String written, String writtenStart, String writtenEnding) {
        String prompt = written.replace("\\n", "\n");
        String start = writtenStart.replace("\\n", "\n");
        String ending = writtenEnding.replace("\\n", "\n");
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertTrue(e.prompt().endsWith(ending), e.prompt());
        assertTrue(e.notes().contains(PromptEnhancer.TAIL_NOTE), e.notes()::toString);
        assertEquals(e.prompt(), enhance(e.prompt()).prompt(), "idempotent");
        int bodyEnd = PromptParts.split(prompt).body().length();
        assertTrue(linter.lint(prompt, null).findings().stream().allMatch(f -> f.end() <= bodyEnd), prompt);
    }

    /**
     * A Midjourney multi-prompt part weighted below zero is what the picture must not have: kept as written, and not
     * read as the subject or as texture already asked for. Until 1.4.24 "smooth skin::-0.5" became "natural skin
     * texture::-0.5", asking Midjourney to leave the texture out. A part weighted above zero is rewritten as before.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "portrait of a woman::1.5 smooth skin::-0.5 --v 6 | portrait of a woman::1.5 smooth skin::-0.5, unretouched",
            "portrait of a man::2 airbrushed, plastic skin:: -1 freckles::1 | portrait of a man::2 airbrushed, plastic skin:: -1 freckles::1, unretouched",
            "old fisherman, weathered face:: wrinkles, pores::-.5 | old fisherman, weathered face:: wrinkles, pores::-.5, unretouched",
            "portrait of a woman::1.5 smooth skin::0.5 | portrait of a woman::1.5 natural skin texture::0.5, unretouched"})
    void aMidjourneyPartWeightedBelowZeroIsNotRewritten(String prompt, String start) {
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertTrue(e.prompt().contains("natural pores"), "the negative part's pores are not asked for: " + e.prompt());
        assertEquals(e.prompt(), enhance(e.prompt()).prompt(), "idempotent");
    }

    @Test
    void aPersonInAPartWeightedBelowZeroIsNoSubject() {
        String prompt = "a cat on a sofa::1 woman, people::-1";
        assertFalse(enhance(prompt).personDetected());
        assertEquals(prompt, enhance(prompt).prompt());
    }

    /** Other languages' and plural words for people put a person in the frame; the prompt is rewritten. */
    @ParameterizedTest
    @ValueSource(strings = {"wedding photo of two brides, soft glow", "a group photo of five friends at a bar, flash photography",
            "my grandparents on their porch", "Porträt eines jungen Mannes mit Bart, Studiolicht", "Nahaufnahme einer älteren Frau",
            "retrato de una mujer mayor, luz natural", "ritratto di un uomo anziano", "foto de um homem sorrindo",
            "портрет девушки у окна", "若い女性のポートレート、自然光", "一个老人的肖像", "창가에 있는 여자의 초상화",
            "zwei Mädchen lachen im Park", "portret van een vrouw"})
    void peopleInOtherWordsAndLanguagesArePeople(String prompt) {
        Enhancement e = enhance(prompt);
        assertTrue(e.personDetected(), prompt);
        assertTrue(e.prompt().startsWith(prompt + ", unretouched"), e.prompt());
    }

    /**
     * A smoothing phrase in German, Spanish, French, Portuguese, Italian, Japanese, Chinese or Korean is rewritten in its
     * own language (the German case ending kept), so the prompt no longer asks for flawless skin beside the English
     * additions that ask for pores; the rest of the prompt is kept byte for byte. Until 1.4.23 "makellose Haut", "piel
     * perfecta", "peau parfaite", "pele lisa" and "完璧な肌" went to the model as written, linted as no finding.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Porträt einer älteren Frau mit Falten, makellose Haut, weiches Fensterlicht | Porträt einer älteren Frau mit Falten, natürliche Hautstruktur, weiches Fensterlicht, unretouched",
            "Foto einer jungen Frau mit makelloser, glatter Haut | Foto einer jungen Frau mit natürlicher Hautstruktur, unretouched",
            "Nahaufnahme der glatten Haut eines Mannes | Nahaufnahme der natürlichen Hautstruktur eines Mannes, unretouched",
            "ein Mann mit Bart, Foto, porzellanhaut | ein Mann mit Bart, Foto, natürliche Hautstruktur, unretouched",
            // a German noun's capital is the noun's, and the compound takes the case of the word before it (until 1.4.39
            // "mit Porzellanhaut" became "mit Natürliche Hautstruktur")
            "Portrait einer Frau mit Porzellanhaut, Studiolicht | Portrait einer Frau mit natürlicher Hautstruktur, Studiolicht, unretouched",
            "Foto einer Frau mit einer Pfirsichhaut | Foto einer Frau mit einer natürlichen Hautstruktur, unretouched",
            "Porträt einer Frau, Porzellanhaut, Studiolicht | Porträt einer Frau, Natürliche Hautstruktur, Studiolicht, unretouched",
            "retrato de un hombre mayor con barba, piel perfecta, luz natural | retrato de un hombre mayor con barba, piel con textura natural, luz natural, unretouched",
            "mujer joven, piel suave y perfecta, luz de ventana | mujer joven, piel con textura natural, luz de ventana, unretouched",
            "portrait d'une femme aux taches de rousseur, peau parfaite, lumière douce | portrait d'une femme aux taches de rousseur, peau à la texture naturelle, lumière douce, unretouched",
            "retrato de uma mulher negra sorrindo, pele lisa, luz suave | retrato de uma mulher negra sorrindo, pele com textura natural, luz suave, unretouched",
            "ritratto di una donna, pelle di porcellana senza imperfezioni | ritratto di una donna, pelle con texture naturale, unretouched",
            "笑顔の女性のポートレート、完璧な肌、自然光 | 笑顔の女性のポートレート、自然な肌の質感、自然光, unretouched",
            "友達と笑う女の子、写真、美肌 | 友達と笑う女の子、写真、自然な肌の質感, unretouched",
            "一个女孩的肖像，完美皮肤 | 一个女孩的肖像，自然的皮肤纹理, unretouched",
            "창가에 있는 여자의 초상화, 도자기 피부 | 창가에 있는 여자의 초상화, 자연스러운 피부 결, unretouched"})
    void aSmoothingPhraseInAnotherLanguageIsRewrittenInIt(String prompt, String start) {
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertFalse(linter.lint(prompt, null).findings().isEmpty(), prompt);
        assertEquals(e.prompt(), enhance(e.prompt()).prompt(), "idempotent");
    }

    /** Negated in those languages, the phrase is the user's rejection and stays. */
    @ParameterizedTest
    @ValueSource(strings = {"Porträt eines Mannes, keine glatte Haut", "Porträt eines Mannes ohne glatte Haut",
            "portrait d'une femme, pas de peau parfaite", "retrato de una mujer, nunca piel perfecta"})
    void aNegatedPhraseInAnotherLanguageStays(String prompt) {
        Enhancement e = enhance(prompt);
        assertTrue(e.prompt().startsWith(prompt + ", unretouched"), e.prompt());
    }

    /** ...and prompts without anyone in them, in those languages too, are left alone. */
    @ParameterizedTest
    @ValueSource(strings = {"Stillleben mit Äpfeln und einer Kerze", "un bol de ramen, vapeur, lumière douce", "美味しいラーメンの写真",
            "山の風景、夕焼け", "a kind of soft light on a wooden table", "한강의 야경", "a bowl of fruit on a table, 50mm"})
    void scenesWithoutPeopleStayUnchanged(String prompt) {
        Enhancement e = enhance(prompt);
        assertFalse(e.personDetected(), prompt);
        assertEquals(prompt, e.prompt());
    }

    /** Smoothing asked for in the words phone apps and prompt sites use: none of it survives, the skin is "natural skin texture". */
    @ParameterizedTest
    @ValueSource(strings = {"smooth flawless skin", "SMOOTH FLAWLESS SKIN", "Smooth Flawless Skin", "soft silky glowing skin", "beautiful skin", "baby soft skin",
            "creamy milky skin", "youthful dewy skin",
            // baby skin said smooth (until 1.4.42 "smooth baby skin" became "smooth natural skin texture")
            "smooth baby skin", "soft baby skin", "smooth, soft baby skin"})
    void smoothingSkinPhrasesBecomeNaturalSkinTexture(String phrase) {
        Enhancement e = enhance("portrait of a woman, " + phrase + ", studio lighting");
        assertTrue(e.prompt().toLowerCase().startsWith("portrait of a woman, natural skin texture, studio lighting, "), e.prompt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"beauty mode", "skin smoothing filter", "smoothing filter", "skin softening", "frequency separation"})
    void smoothingToolsAreRemoved(String tool) {
        Enhancement e = enhance("a selfie of a young man, " + tool + ", ring light");
        assertTrue(e.prompt().startsWith("a selfie of a young man, ring light, "), e.prompt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hyperrealistic photo of a young man", "photorealistic photograph of a young man", "ultra realistic shot of a young man"})
    void aRealismAdjectiveBeforeAPhotoWordGoes(String prompt) {
        Enhancement e = enhance(prompt);
        String noun = prompt.split(" ")[prompt.startsWith("ultra") ? 2 : 1];
        assertTrue(e.prompt().toLowerCase().startsWith(noun.toLowerCase() + " of a young man, unretouched"), e.prompt());
        assertTrue(enhance("hyperrealistic portrait of a young man").prompt().startsWith("photographic portrait of a young man"));
    }

    /** Texture the prompt already asks for in other words is not asked for again, nor counted as missing. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"candid photo of an old man with age spots and deep wrinkles, 35mm film | imperfections",
            "photo of a teenager with pimples and a birthmark, 35mm film | imperfections",
            "photo of a man, raw skin, 35mm film | skin-texture", "close-up of a woman, detailed skin, 35mm film | skin-texture",
            "portrait of a woman with rosacea, 35mm film | imperfections"})
    void texturePhrasingsCountAsPresent(String prompt, String additionId) {
        assertTrue(linter.lint("photo of a man, 35mm film", null).missing().stream().anyMatch(m -> m.id().equals(additionId)),
                "missing when nothing says it");
        assertTrue(linter.lint(prompt, null).missing().stream().noneMatch(m -> m.id().equals(additionId)), prompt);
        assertTrue(enhance(prompt).changes().stream().noneMatch(c -> additionId.equals(c.rule())), prompt);
    }

    /**
     * A garment is no texture: a sweater or sweatshirt is no sweat and so no shine, and a wrinkled shirt says nothing of
     * the face's lines (until 1.4.36 "sweat*" took the sweater, and a wrinkled shirt counted as wrinkles, so neither
     * addition was made); sweat itself, a wrinkled face, still count.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"portrait of a man in a grey sweatshirt, window light, 50mm | shine | true",
            "a woman in a cozy sweater by the fire, 50mm | shine | true",
            "a businessman in a wrinkled shirt, office, 50mm | fine-lines | true",
            "an old man in wrinkled linen pants and a wrinkled suit, 50mm | fine-lines | true",
            "a sweaty boxer after a fight, 50mm | shine | false",
            "portrait of a man, sweat-soaked t-shirt, 50mm | shine | false",
            "an old man with a wrinkled face, 50mm | fine-lines | false"})
    void aGarmentIsNoTexture(String prompt, String additionId, boolean added) {
        assertEquals(added, enhance(prompt).changes().stream().anyMatch(c -> additionId.equals(c.rule())), prompt);
    }

    /** A capital inside a phrase is the word's, not the place's: the replacement starts small (until 1.4.39 "Natural"). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a woman with Flawless skin, soft light | a woman with natural skin texture, soft light, unretouched",
            "Smooth skin, portrait of a woman | Natural skin texture, portrait of a woman, unretouched",
            "portrait of a man. Porcelain skin. | portrait of a man. Natural skin texture, unretouched"})
    void aReplacementTakesTheCapitalOfItsPlace(String prompt, String start) {
        assertTrue(enhance(prompt).prompt().startsWith(start), enhance(prompt).prompt());
    }

    /**
     * A match in title case gets its replacement in title case: until 1.4.88 "Portrait Of A Woman With Flawless Skin" became
     * "... With Natural skin texture", only its first word capitalised, and until 1.4.89 a match whose first word begins
     * with a digit, or a one-word match inside title case, came out in small letters.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Portrait Of A Woman With Flawless Skin | Portrait Of A Woman With Natural Skin Texture, unretouched",
            "Smooth Flawless Skin, Portrait Of A Man | Natural Skin Texture, Portrait Of A Man, unretouched",
            // a word that begins with a digit says nothing of the case, one word between capitals is in title case (until
            // 1.4.89 "photograph of A Woman", "A photographic Portrait")
            "3D Render Of A Woman | Photograph Of A Woman, unretouched",
            "A Hyperrealistic Portrait Of An Old Man | A Photographic Portrait Of An Old Man, unretouched",
            "Close-Up Portrait Of A Woman, Soft Light, Porcelain Skin | Close-Up Portrait Of A Woman, Soft Light, Natural Skin Texture, unretouched",
            "a man, A hyperrealistic portrait | a man, A photographic portrait, unretouched",
            // a capital initial alone is its place's
            "Flawless skin, a man on a bench | Natural skin texture, a man on a bench, unretouched"})
    void aMatchInTitleCaseGetsItsReplacementInTitleCase(String prompt, String start) {
        assertTrue(enhance(prompt).prompt().startsWith(start), enhance(prompt).prompt());
        assertEquals(enhance(prompt).prompt(), enhance(enhance(prompt).prompt()).prompt(), "idempotent");
    }

    /**
     * A prompt that starts with a negative label or a parameter is all tail: it is kept as sent, and the note says why
     * (until 1.4.40 it said no person was found, which sent the user looking for the wrong cause).
     */
    @ParameterizedTest
    @ValueSource(strings = {"Neg: smooth skin, portrait of a man", "Negative prompt: plastic skin\nportrait of a woman, smooth skin",
            "Exclude: airbrushing, a portrait of an old fisherman", "--ar 2:3 portrait of a woman, smooth skin"})
    void aPromptThatStartsWithItsTailSaysSo(String prompt) {
        LeftAsSentCheck.assertLeftAsSent(enhancer, linter, prompt, LeftAsSent.ALL_TAIL_NOTE);
    }
    /**
     * The sentence after a prose label's sentence is the description again: "Avoid: smooth skin. He should look tired."
     * asks for a tired man. Until 1.4.55 everything after the label was the tail, so that sentence's words were not read
     * ("flawless skin" in it went to the model, its "shot on 35mm" got a second lens), and a prompt that began with such a
     * sentence was left as sent, all tail. The label's own sentence is still never rewritten and names no subject.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Headshot of a nurse. Negative: glossy skin. Her eyes should be tired, flawless skin. | Headshot of a nurse. Negative: glossy skin. Her eyes should be tired, natural skin texture, unretouched",
            "Portrait of an old fisherman. Avoid: smooth skin. He looks tired, shot on 35mm. | Portrait of an old fisherman. Avoid: smooth skin. He looks tired, shot on 35mm, unretouched",
            "Avoid: plastic skin, airbrushing. A woman in a red coat in the rain. | Avoid: plastic skin, airbrushing. A woman in a red coat in the rain, unretouched",
            "Close-up of a girl. Avoid: beauty filter! Make her look real. | Close-up of a girl. Avoid: beauty filter! Make her look real, unretouched"})
    void aSentenceAfterAProseNegativeLabelsSentenceIsTheDescription(String prompt, String start) {
        Enhancement e = enhance(prompt);
        assertTrue(e.personDetected(), e.notes().toString());
        assertTrue(e.prompt().startsWith(start), e.prompt());
        assertFalse(prompt.contains("shot on") && e.prompt().contains("mm lens"), "no second anchor: " + e.prompt());
        assertEquals(e.prompt(), enhance(e.prompt()).prompt(), "idempotent");
        LintReport report = linter.lint(prompt, null);
        int label = prompt.indexOf(':');
        int sentenceEnd = prompt.indexOf(' ', prompt.indexOf(prompt.contains("!") ? "!" : ".", label));
        assertTrue(report.findings().stream().noneMatch(f -> f.start() > label && f.start() < sentenceEnd), report.findings().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Portrait of a woman. Avoid: smooth skin, 8k.", "Portrait of a woman. Avoid: smooth skin. --ar 2:3",
            "Portrait of a woman. Negative prompt: smooth skin. Blurry."})
    void aLabelsSentenceThatEndsThePromptOrOnlyParametersFollowIsTheTail(String prompt) {
        Enhancement e = enhance(prompt);
        String tail = prompt.substring(prompt.indexOf(". ") + 1);
        assertTrue(e.prompt().endsWith("85mm lens." + tail), e.prompt());
    }
    /**
     * Another language's negation word in an English clause is a name or an English word: "Mai" is Italian's "never",
     * "sin" Spanish's "without", "pas" French's "not". Until 1.4.62 each kept the smooth-skin phrase after it as negated.
     * In its own language's clause it still negates.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Portrait of Mai with flawless skin | Portrait of Mai with natural skin texture, unretouched",
            "a woman in sin city with porcelain skin | a woman in sin city with natural skin texture, unretouched",
            "a girl named Pas with smooth skin | a girl named Pas with natural skin texture, unretouched"})
    void anotherLanguagesNegationWordInAnEnglishClauseNegatesNothing(String prompt, String start) {
        assertTrue(enhance(prompt).prompt().startsWith(start), enhance(prompt).prompt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Retrato de una mujer sin piel perfecta", "Porträt einer Frau ohne makellose Haut",
            "une femme, pas de peau parfaite", "Ritratto di una donna, mai pelle perfetta", "portrait of a woman, sin piel perfecta",
            "une photo de femme sans peau parfaite"})
    void inItsOwnLanguagesClauseItStillNegates(String prompt) {
        assertTrue(enhance(prompt).prompt().startsWith(prompt + ", unretouched"), enhance(prompt).prompt());
    }
}
