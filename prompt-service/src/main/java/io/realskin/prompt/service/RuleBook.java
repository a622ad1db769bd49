package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Intent;
import io.realskin.prompt.domain.Vocabulary;
import io.realskin.prompt.domain.WireValues;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The vocabulary compiled for matching, and the questions the linter and the enhancer ask of a prompt:
 * is a person in it, which rules fire where, which language is missing, is there a lens anchor.
 * Built once from a {@link Vocabulary}; immutable and thread-safe.
 */
public final class RuleBook {

    /** A word: letters with their combining marks (the vowel signs of Hindi and Thai are marks, not letters), digits. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}'’]+");
    /**
     * Tokens that name files or addresses, not the picture: {@code <lora:name:0.8>} (also hypernet, lyco, ...; a file name
     * with spaces too, {@code <lora:smooth skin v2:0.8>}) and
     * URLs (Midjourney image prompts). No rule matches inside one and none counts as a mention: rewriting
     * {@code <lora:beautiful_eyes:0.6>} would break the LoRA's name.
     */
    private static final Pattern OPAQUE = Pattern.compile("<[^<>\\s]+>|<(?:lora|lyco|locon|lycoris|hypernet|embedding|ti)[ \\t]*:[^<>\\n]*>"
            + "|(?<![\\p{L}\\p{N}])https?://\\S+", Pattern.CASE_INSENSITIVE);
    /**
     * A Midjourney multi-prompt weight ending the part before it ({@code ::2}, {@code ::-0.5}, a bare {@code ::}): a part
     * weighted below zero is what the picture must not have ("smooth skin::-0.5"), read like a negative prompt.
     */
    private static final Pattern PART_WEIGHT = Pattern.compile("::[ \\t]*(-?[ \\t]*(?:\\d+(?:\\.\\d*)?|\\.\\d+))?");
    private static final int NEGATION_WINDOW_WORDS = 3;
    /** The longest infinitive of "be" the negation window reads past ({@link #withoutInfinitiveBe}). */
    private static final List<String> INFINITIVE_BE = List.of("to", "have", "been");
    /** The most link words read between a phrase and the predicate that turns it down: "needs to be avoided", "is strictly forbidden". */
    private static final int MOST_PREDICATE_LINKS = 3;
    /** What may follow a predicate said as a clause of its own: the clause's end (spaces before it allowed). */
    private static final String CLAUSE_ENDS = "[ \\t]*(?=[,;.!?\\r\\n]|$)";
    /** What a negation suffix word stands before when it negates what follows: "free of makeup", "free from blemishes". */
    private static final Set<String> OF_FROM = Set.of("of", "from");
    /** Words that may stand between a {@link #negationPhrases} phrase and what it turns down: "rather than the flawless skin". */
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "any", "all", "that", "this", "those", "these",
            "her", "his", "their", "its", "my", "your", "our");
    /** A person word's possessive ("fisherman's", "kids'") before a word that is not a verb ("the man's smiling": is). */
    private static final Pattern POSSESSIVE = Pattern.compile("(?:['’]s|s?['’])\\s+(?!(?:a|an|the|not|very|so|been|being|got|gone|[\\p{L}]+ing)(?![\\p{L}\\p{N}]))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** "of" before a thing, not before where a person comes from: "a model of the solar system", not "of Nigerian descent". */
    private static final Pattern THING_OF = Pattern.compile("\\s+of\\s+(?!(?:[\\p{L}-]+\\s+){0,2}(?:descent|origin|heritage|ancestry)(?![\\p{L}\\p{N}]))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Besides the parts of the body, what of a person their possessive names when they are in the frame. */
    private static final List<String> OWN_PARTS = List.of("eye", "mouth", "nose", "ears", "ear", "teeth", "chin", "jaw", "jawline",
            "forehead", "cheek", "brow", "brows", "eyebrows", "lashes", "wrist", "wrists", "palm", "palms", "thumb", "knees",
            "knee", "chest", "torso", "belly", "lap", "arm", "forearm", "forearms", "leg", "thigh", "thighs", "hip", "hips", "waist",
            "elbow", "elbows", "ankle", "ankles", "foot", "toes", "nails", "fingertips", "knuckles", "skull", "tattoo", "tattoos", "scar", "scars",
            "wrinkles", "expression", "gaze", "glance", "stare", "reflection", "silhouette", "shadow", "tears", "laugh", "laughter",
            "grin", "pose", "posture", "figure", "features", "embrace", "hug", "kiss", "look", "self", "selfie");
    /**
     * English words that begin a phrase of their own: no praise before them is said of a person after them, and a removal
     * that begins with one leaves the comma after it to the noun before it (PromptRewriter).
     */
    static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "and", "or", "but", "with", "without", "of", "in",
            "on", "at", "for", "by", "from", "to", "into", "near", "beside", "behind", "under", "over", "next", "like", "as",
            "her", "his", "their", "its", "my", "your", "our", "this", "that", "these", "those", "who", "whose", "which", "while");
    /**
     * The skin or face a smoothing word is said of, before it in its clause ("her skin look" of "don't make her skin look
     * plastic"): a negation just before that subject negates the word too, however many words the predicate puts between.
     * Each match ends with a space ({@link ClauseReach#mayEndAt}, as the three patterns below).
     */
    static final Pattern SAID_OF_SKIN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:(?:my|her|his|their|your|its|the)\\s+)?(?:skin|complexion|face)(?:\\s*:)?(?:\\s+[\\p{L}'’]+){0,4}\\s+$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /**
     * The noun a word after it is said of, as the complement of a verb ("the light look", "her dress is so", "hair that
     * looks") or of "make" ("make the light"): group 1 or 2. Praise said of light, wardrobe or makeup is theirs, as it is
     * right before them ("beautiful light"). Each match ends with a space.
     */
    static final Pattern PREDICATE_SUBJECT = Pattern.compile("(?<![\\p{L}\\p{N}])(?:([\\p{L}-]+)\\s+(?:(?:that|which)\\s+)?"
            + "(?:(?:should|must|will|would|could|can|to|does|do|did|always|also|just)\\s+)?(?:is|are|was|were|be|been|being|looks?|looking"
            + "|looked|appears?|appeared|seems?|seemed|feels?|felt)|(?:make|makes|making|made)\\s+(?:(?:the|her|his|their|my|your|our)\\s+)?"
            + "([\\p{L}-]+))\\s+(?:(?:so|very|really|super|extremely|incredibly|truly|absolutely|highly|quite|utterly|most|just|too|overly)\\s+){0,2}$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** The most tokens a {@link #SAID_OF_SKIN} match spans: a possessive, the noun, a colon, four words. */
    static final int SAID_OF_SKIN_TOKENS = 7;
    /** The most tokens a {@link #PREDICATE_SUBJECT} match spans: noun, "that", modal, verb, two intensifiers. */
    static final int PREDICATE_SUBJECT_TOKENS = 6;
    /** What a {@link #depictionBefore} match ends with: a space, or the hyphen of "android-girl". */
    static final String DEPICTION_BEFORE_LAST_CHARS = ClauseReach.REGEX_SPACES + "-";
    /** How far back a negation before that subject reaches: "don't make her skin", "do not let his skin". */
    private static final int SUBJECT_NEGATION_WINDOW_WORDS = 2;
    /** The rule category whose phrases are about skin, a thing's as well as a person's. */
    private static final String SMOOTHING = "smoothing";

    private final String version;
    private final PhraseSet personWords;
    private final PhraseSet weakPersonWords;
    /** Person words a negation before them does not take out of the frame: "don't make her skin too smooth" is about her. */
    private final PhraseSet pronouns;
    private final PhraseSet nonPersonWords;
    private final PhraseSet notNonPerson;
    /** Names of things that hold a person word: "Kinder Bueno", "baby oil", "a model train", "hand-painted". */
    private final PhraseSet notPerson;
    /**
     * A depiction word, "of" and up to two words right before a person word ("statue of a young woman"), or a
     * depiction word right before it, which makes it a kind of that thing ("robot woman", "android-girl"). Each match
     * ends with a space or a hyphen ({@link #DEPICTION_BEFORE_LAST_CHARS}).
     */
    final Pattern depictionBefore;
    /** The most tokens a {@link #depictionBefore} match spans: the longest depiction, "of", an article, two words. */
    final int depictionBeforeTokens;
    /** A depiction word right after a person word: "a soldier figurine". */
    private final Pattern depictionAfter;
    /**
     * A thing that has the skin a smoothing phrase then names: "a doll with", "a tomato with shiny", "the peach's"
     * (before the phrase, in its clause). Each match ends with a space.
     */
    final Pattern skinOwnerBefore;
    /** The most tokens a {@link #skinOwnerBefore} match spans: the longest thing, "with", an article, two words. */
    final int skinOwnerBeforeTokens;
    /** The same thing after the phrase: "smooth skin of a ripe peach". */
    private final Pattern skinOwnerAfter;
    /**
     * A thing a person word owns right after it, with up to two words between: "men's leather wallet", "a woman's perfume
     * bottle", "children's book": the person word names whom the thing is for, not someone in the frame.
     */
    private final Pattern possessedThing;
    /** A thing or an animal a person word qualifies right before it: "baby elephant", "mother bear", "girl doll". */
    private final Pattern qualifiedThing;
    /** What of a person their possessive can name: a part of them, their skin or face, how they look ("expression"). */
    private final Pattern ownPart;
    /** Person words that name a thing before "of": "a model of the solar system". */
    private final Set<String> thingsBeforeOf;
    private final PhraseSet nonPhotographicMedia;
    private final PhraseSet photographicWords;
    private final Set<String> illustrationParameters;
    private final Set<String> protectedNouns;
    /** Words after which a praise adverb says how the picture was lit or made: "beautifully lit", "perfectly exposed". */
    private final Set<String> protectedParticiples;
    private final Set<String> negationWords;
    /**
     * Verbs that take away what follows them ("remove the smooth skin"): they negate it as {@link #negationWords} do, but a
     * match they start is no negation itself ("remove freckles", which "don't" before it negates).
     */
    private final Set<String> removalWords;
    /** Negations of two words or more ("rather than", "far from"), each as its words: only right before what they negate. */
    private final List<List<String>> negationPhrases;
    /** Negation words that negate only hyphened onto the next word ("un-retouched"; alone, "un" is an article). */
    private final Set<String> negationPrefixes;
    /** The negation words of other languages: no negation in a clause that holds an {@link #englishOnlyWords} word. */
    private final Set<String> otherLanguageNegationWords;
    private final Set<String> englishOnlyWords;
    /** {@link #holdsEnglishOnlyWord} per clause: asked for each negation word of another language, a clause is read once. */
    private final ClauseAnswers englishClauses = new ClauseAnswers(this::holdsEnglishOnlyWord);
    /** Negation words written in Chinese, Japanese or Korean script: they end the run of letters they negate from. */
    private final List<String> unspacedNegationWords;
    /**
     * The longest word a negation check looks up ({@link #negationWords}, {@link #degreeWords}, {@link #negationPrefixes}):
     * of a longer word (a run of unspaced Chinese or Japanese) only its end is read, for {@link #endsWithUnspacedNegation}.
     */
    private final int longestNegationCheckWord;
    /** The longest of {@link #negationWords}: a longer word is none. */
    private final int longestNegationWord;
    /** Words that negate what they follow right away: Japanese "美肌フィルターなし", Korean "뷰티 필터 없이". */
    private final PhraseSet negationAfter;
    /**
     * English words that negate the word right before them, hyphened onto it ("makeup-free", "a people-free street") or, but
     * for a person word, after a space ("make-up free"); not before "of" or "from", where they negate what follows ("free of
     * makeup"), nor hyphened on to the next word ("free-diving").
     */
    private final Pattern negationSuffix;
    private final Pattern hyphenedNegationSuffix;
    /**
     * What is said of a phrase right after it to turn it down ({@link Vocabulary#negatingPredicates}, its links between):
     * "smooth skin is not wanted", "airbrushing must be avoided"; null when the vocabulary lists none.
     */
    private final Pattern negatingPredicate;
    /** {@link #negationSuffixes} as the negation window reads them: before "of" or "from" they negate what follows. */
    private final Set<String> negationSuffixes;
    /** How little of it a negation asks for ("a trace of" of "without a trace of makeup"), each as its words. */
    private final List<List<String>> negationQuantities;
    private final int longestNegationQuantity;
    /** Words that turn down only what follows them right away: "minimal retouching", not "minimal makeup and flawless skin". */
    private final Set<String> degreeWords;
    /** Other languages' words that only make the next word stronger ("sehr", "muy", "çok", "很"), longest first. */
    private final List<String> intensifiers;
    /** Words that may stand between a praise word and the person it is said of ("bir", "junge", "年轻"), longest first. */
    private final List<String> personQualifiers;
    /** Praise said as a superlative: what goes with it, and when it stays ("one of the most beautiful women"). */
    private final Superlatives superlatives;
    /** Idioms that only measure the praise before them: "for words" of "too beautiful for words". */
    private final PraiseComplements praiseComplements;
    /** Other languages' words that make the praise after them a superlative ("самая", "en", "最", "가장"), longest first. */
    private final List<String> superlativeMarkers;
    private final List<CompiledRule> rules;
    private final List<CompiledAddition> additions;
    private final PhraseSet anchorPresent;
    private final Map<Intent, String> anchorTexts;
    /** The selfie lens, the close-up lens, then the wide one: the first that fits the prompt and intent replaces the intent's anchor. */
    private final List<Framing> framings;
    private final int anchorWeight;
    private final String anchorWhy;
    private final Intent defaultIntent;
    private final List<Map.Entry<Intent, PhraseSet>> inferences;
    private final List<String> negativePrompt;

    /** A rule and its compiled phrases. */
    public record CompiledRule(Vocabulary.Rule spec, PhraseSet phrases) {
    }

    /** An addition and its compiled conditions. */
    public record CompiledAddition(Vocabulary.Addition spec, PhraseSet present, PhraseSet requires, PhraseSet skip,
                                   PhraseSet skipWhenOnly, PhraseSet unlessAlso, PhraseSet excludedWhen) {
    }

    private RuleBook(Vocabulary v) {
        require(v.version() != null && !v.version().isBlank(), "version is required");
        require(v.person() != null, "person is required");
        require(v.anchor() != null, "anchor is required");
        require(v.intents() != null, "intents is required");
        this.version = v.version();
        this.personWords = PhraseSet.of(v.person().words());
        this.weakPersonWords = PhraseSet.of(v.person().weakWords());
        this.pronouns = PhraseSet.of(v.person().pronouns());
        this.nonPersonWords = PhraseSet.of(v.person().nonPersonWords());
        this.notNonPerson = PhraseSet.of(v.person().notNonPerson());
        this.notPerson = PhraseSet.of(v.person().notPerson());
        String depictions = alternation(v.person().depictions().stream());
        this.depictionBefore = depictions.isEmpty() ? null : Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + depictions
                + ")s?(?:\\s+of\\s+(?:(?:a|an|the|two|three|four|some)\\s+)?(?:[\\p{L}\\p{N}'’-]+\\s+){0,2}|\\s+|-)$",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.depictionBeforeTokens = mostTokens(v.person().depictions().stream()) + 4;
        this.depictionAfter = depictions.isEmpty() ? null : Pattern.compile("\\s+(?:" + depictions + ")s?(?![\\p{L}\\p{N}-])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        String things = alternation(Stream.concat(v.person().nonPersonWords().stream(), v.person().thingsWithSkin().stream()));
        this.skinOwnerBefore = things.isEmpty() ? null : Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + things
                + ")(?:['’]s\\s+|\\s+(?:with|has|had|having|whose)\\s+(?:(?:a|an|the|its|their)\\s+)?)(?:[\\p{L}\\p{N}'’-]+\\s+){0,2}$",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.skinOwnerBeforeTokens = mostTokens(Stream.concat(v.person().nonPersonWords().stream(), v.person().thingsWithSkin().stream())) + 4;
        this.skinOwnerAfter = things.isEmpty() ? null : Pattern.compile("\\s+of\\s+(?:(?:a|an|the|its|their)\\s+)?(?:[\\p{L}\\p{N}'’-]+\\s+)?(?:"
                + things + ")(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        String owned = alternation(Stream.of(v.person().nonPersonWords(), v.person().thingsWithSkin(), v.person().possessedThings())
                .flatMap(List::stream));
        // the words between are no part of the person: "a woman's face beside a perfume bottle" shows her face
        String body = alternation(Stream.concat(v.person().weakWords().stream(), Stream.of("hand", "hands", "eyes", "lips", "hair", "body",
                "smile", "head", "arms", "legs", "feet", "fingers", "neck", "shoulders", "back", "cheeks", "profile")));
        this.ownPart = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + body + "|" + alternation(OWN_PARTS.stream())
                + ")(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.thingsBeforeOf = lowerSet(v.person().thingsBeforeOf());
        this.possessedThing = owned.isEmpty() ? null : Pattern.compile("(?:['’]s|s?['’])\\s+(?:(?!(?:" + body
                + ")(?![\\p{L}\\p{N}]))[\\p{L}\\p{N}-]+\\s+){0,2}?(?:" + owned
                + ")(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        String kinds = alternation(Stream.of(v.person().animals(), v.person().thingsWithSkin(), v.person().qualifiedThings())
                .flatMap(List::stream));
        this.qualifiedThing = kinds.isEmpty() ? null : Pattern.compile("[ \\t-]+(?:" + kinds + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.nonPhotographicMedia = PhraseSet.of(v.medium().nonPhotographic());
        this.photographicWords = PhraseSet.of(v.medium().photographic());
        this.illustrationParameters = lowerSet(v.medium().illustrationParameters());
        this.protectedNouns = lowerSet(v.protectedNouns());
        this.protectedParticiples = lowerSet(v.protectedParticiples());
        this.otherLanguageNegationWords = lowerSet(v.otherLanguageNegationWords());
        this.englishOnlyWords = lowerSet(v.englishOnlyWords());
        this.removalWords = lowerSet(v.removalWords());
        this.negationWords = Stream.of(v.negationWords(), v.otherLanguageNegationWords(), v.removalWords()).flatMap(List::stream)
                .map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.negationPhrases = wordLists(v.negationPhrases());
        this.longestNegationWord = negationWords.stream().mapToInt(String::length).max().orElse(0);
        this.unspacedNegationWords = negationWords.stream().filter(w -> PhraseSet.UNSPACED_SCRIPT.matcher(w).find()).toList();
        this.negationAfter = PhraseSet.of(v.negationAfter());
        this.negationPrefixes = lowerSet(v.negationPrefixes());
        this.degreeWords = lowerSet(v.degreeWords());
        this.negationSuffixes = lowerSet(v.negationSuffixes());
        String suffixes = alternation(v.negationSuffixes().stream());
        String suffixEnd = ")(?![\\p{L}\\p{N}])(?!-[\\p{L}\\p{N}])(?![ \\t]+(?:of|from)(?![\\p{L}\\p{N}]))";
        this.negationSuffix = suffixes.isEmpty() ? null
                : Pattern.compile("(?:-|[ \\t]+)(?:" + suffixes + suffixEnd, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.hyphenedNegationSuffix = suffixes.isEmpty() ? null
                : Pattern.compile("-(?:" + suffixes + suffixEnd, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        String predicates = alternation(v.negatingPredicates().stream());
        String links = alternation(v.predicateLinks().stream());
        String linked = "(?:[ \\t]+(?:" + links + ")(?![\\p{L}\\p{N}'’-])){0," + MOST_PREDICATE_LINKS
                + "}[ \\t]+(?:" + predicates + ")(?![\\p{L}\\p{N}'’-])";
        // right after the phrase; after a comma only as all its clause says ("smooth skin, not wanted", not "perfect skin, not
        // allowed to smile"); and a bare "not" or "no" that ends the clause ("flawless skin NOT", "smooth skin - no", and after a
        // full stop or an ellipsis, "perfect skin. not.", since 1.4.118);
        // and in brackets right after it, "smooth skin (not wanted)", "(no)", or as the answer to a question, "smooth skin? no!"
        String bracketed = "[ \\t]*\\([ \\t]*(?:(?:" + links + ")[ \\t]+){0," + MOST_PREDICATE_LINKS + "}(?:" + predicates
                + "|not|no)(?![\\p{L}\\p{N}'’-])[ \\t]*\\)";
        this.negatingPredicate = predicates.isEmpty() ? null : Pattern.compile("(?:" + linked + "|[ \\t]*," + linked + CLAUSE_ENDS
                + "|(?:[ \\t]*(?:[,:\\-–—]|\\.{1,3}))?[ \\t]+(?:not|no)" + CLAUSE_ENDS + "|" + bracketed
                + "|[ \\t]*\\?[ \\t]*(?:not|no|nope)(?![\\p{L}\\p{N}'’-])" + CLAUSE_ENDS + ")",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.negationQuantities = wordLists(v.negationQuantities());
        this.longestNegationQuantity = negationQuantities.stream().mapToInt(List::size).max().orElse(0);
        Set<String> quantityWords = negationQuantities.stream().flatMap(List::stream).collect(Collectors.toSet());
        Set<String> phraseWords = negationPhrases.stream().flatMap(List::stream).collect(Collectors.toSet());
        this.longestNegationCheckWord = longestNegationCheckWord(unspacedNegationWords, negationWords, degreeWords, negationPrefixes,
                negationSuffixes, quantityWords, OF_FROM, phraseWords, DETERMINERS);
        this.intensifiers = longestFirst(v.intensifiers());
        this.personQualifiers = longestFirst(v.personQualifiers());
        this.superlatives = new Superlatives(v.superlativeScopes(), v.superlativeOwners());
        this.superlativeMarkers = longestFirst(v.superlativeMarkers());
        this.praiseComplements = new PraiseComplements(v.praiseComplements());
        this.rules = v.rules().stream()
                .map(r -> {
                    require(r.id() != null && r.category() != null && r.why() != null, "rule needs id, category and why: " + r);
                    require(!r.phrases().isEmpty() || !r.patterns().isEmpty(), "rule " + r.id() + " has no phrases");
                    return new CompiledRule(r, PhraseSet.of(phrasesWithForms(r), r.patterns()));
                })
                .toList();
        this.additions = v.additions().stream()
                .map(a -> {
                    require(a.id() != null && a.text() != null && a.why() != null, "addition needs id, text and why: " + a);
                    require(!a.presentWhen().isEmpty(), "addition " + a.id() + " has no presentWhen");
                    a.textByIntent().keySet().forEach(k -> WireValues.parse(Intent.class, "addition intent", k));
                    return new CompiledAddition(a, PhraseSet.of(a.presentWhen()), PhraseSet.of(a.requiresAny()),
                            PhraseSet.of(a.skipWhenAny(), a.skipWhenPatterns()), PhraseSet.of(a.skipWhenOnly()), PhraseSet.of(a.unlessAlso()),
                            PhraseSet.of(a.excludedWhen()));
                })
                .toList();
        Vocabulary.Anchor anchor = v.anchor();
        this.anchorPresent = PhraseSet.of(anchor.presentWhen(), anchor.patterns());
        this.anchorTexts = new EnumMap<>(Intent.class);
        anchor.textByIntent().forEach((k, text) -> anchorTexts.put(WireValues.parse(Intent.class, "anchor intent", k), text));
        for (Intent intent : Intent.values()) {
            require(anchorTexts.containsKey(intent), "anchor.textByIntent lacks " + intent.wire());
        }
        this.framings = Stream.of(anchor.selfie(), anchor.closeUp(), anchor.wide()).filter(f -> f != null).map(Framing::of).toList();
        this.anchorWeight = anchor.weight();
        this.anchorWhy = anchor.why();
        this.defaultIntent = v.intents().defaultIntent() == null ? Intent.HEADSHOT
                : WireValues.parse(Intent.class, "intents.default", v.intents().defaultIntent());
        this.inferences = v.intents().infer().stream()
                .map(i -> Map.entry(WireValues.parse(Intent.class, "intents.infer", i.intent()), PhraseSet.of(i.when())))
                .toList();
        this.negativePrompt = v.negativePrompt();
    }

    /**
     * Compiles and checks a vocabulary.
     *
     * @throws IllegalStateException when the vocabulary is incomplete or would rewrite its own output
     */
    public static RuleBook of(Vocabulary vocabulary) {
        RuleBook book = new RuleBook(vocabulary);
        List<String> problems = VocabularyCheck.problems(book);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Vocabulary " + book.version + " is inconsistent:\n - "
                    + String.join("\n - ", problems));
        }
        return book;
    }

    public String version() {
        return version;
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    public List<CompiledAddition> additions() {
        return additions;
    }

    public List<String> negativePrompt() {
        return negativePrompt;
    }

    Superlatives superlatives() {
        return superlatives;
    }

    PraiseComplements praiseComplements() {
        return praiseComplements;
    }

    public int anchorWeight() {
        return anchorWeight;
    }

    public String anchorWhy() {
        return anchorWhy;
    }

    /**
     * Whether the prompt puts a person, and so skin, in the frame (a pronoun does however negated, "don't make her skin too
     * smooth"; "a street, no people" does not; nor does the skin of a
     * thing, "a peach with soft skin", "an elephant's wrinkled skin"; nor a thing named with a person word, "a Kinder
     * Bueno packshot", "baby oil", "a hand-painted vase"; nor does a part of the face in a thing's name, "the eye of the storm").
     */
    public boolean hasPerson(String text) {
        SpanIndex things = SpanIndex.of(notPerson.spansIn(text));
        ClauseRestSearch ownPartAhead = new ClauseRestSearch(ownPart, text);
        return firstSaid(text, personWords, span -> !depicted(text, span) && !things.overlaps(span)
                && !possessesAThing(text, span, ownPartAhead), true)
                .isPresent()
                || (!pronouns.isEmpty() && anyOutside(pronouns.spansIn(text), text))
                || (firstSaid(text, weakPersonWords, span -> !aboutASkinOfThings(text, span) && !things.overlaps(span)).isPresent()
                        && !mentionsNonPerson(text));
    }

    /** Whether {@code word} is, whole, one of the words for a person ("woman", "bride"; not a part such as "skin" or "face"). */
    boolean isPersonWord(String word) {
        return personWords.spansIn(word).stream().anyMatch(span -> span.start() == 0 && span.end() == word.length());
    }

    /** Whether one of {@code spans} lies outside every {@link #opaqueSpans} of {@code text}. */
    private static boolean anyOutside(List<PhraseSet.Span> spans, String text) {
        if (spans.isEmpty()) {
            return false;
        }
        SpanIndex opaque = SpanIndex.of(opaqueSpans(text));
        return spans.stream().anyMatch(span -> !opaque.overlaps(span));
    }

    /**
     * Whether the person word at {@code span} is what a depiction shows ("bust of an old man", "a soldier figurine") or
     * a kind of one ("robot woman", "a woman android").
     */
    private boolean depicted(String text, PhraseSet.Span span) {
        if (depictionBefore == null) {
            return false;
        }
        return (ClauseReach.mayEndAt(text, span.start(), DEPICTION_BEFORE_LAST_CHARS)
                        && depictionBefore.matcher(text).region(ClauseReach.tokensBack(text, span.start(), depictionBeforeTokens), span.start()).find())
                || depictionAfter.matcher(text).region(span.end(), text.length()).lookingAt();
    }

    /**
     * Whether the person word at {@code span} only says whom a thing is for ("men's leather wallet", "a woman's perfume
     * bottle") or what kind of thing or animal one is ("baby elephant", "mother bear").
     */
    private boolean possessesAThing(String text, PhraseSet.Span span, ClauseRestSearch ownPartAhead) {
        return (possessedThing != null && possessedThing.matcher(text).region(span.end(), text.length()).lookingAt())
                || (qualifiedThing != null && qualifiedThing.matcher(text).region(span.end(), text.length()).lookingAt())
                || ownsNothingOfThemselves(text, span, ownPartAhead)
                || (thingsBeforeOf.contains(text.substring(span.start(), span.end()).toLowerCase(Locale.ROOT))
                        && THING_OF.matcher(text).region(span.end(), text.length()).lookingAt());
    }

    /**
     * Whether the person word at {@code span} owns something and nothing of them is said in the rest of its clause: "an
     * old fisherman's boat at dawn", "the doctor's office, empty" show a boat and an office, "a fisherman's weathered
     * hands", "a woman's reflection in a window" show the person. A verb after it reads "'s" as "is" ("the man's smiling").
     */
    private boolean ownsNothingOfThemselves(String text, PhraseSet.Span span, ClauseRestSearch ownPartAhead) {
        Matcher possessive = POSSESSIVE.matcher(text).region(span.end(), text.length());
        if (!possessive.lookingAt()) {
            return false;
        }
        if (ownPartAhead.matchesFrom(possessive.end())) { // the possessive ends after a space
            return false;
        }
        for (int at = possessive.end(); at < ownPartAhead.clauseEnd(); at += Character.charCount(text.codePointAt(at))) {
            if (!Character.isWhitespace(text.codePointAt(at))) {
                return true;
            }
        }
        return false; // nothing after it in its clause
    }

    /**
     * The non-photographic medium the prompt asks for ("anime", "oil painting"), when it names one and no photographic
     * word ("a photo of an anime cosplayer" is a photograph): photographed skin is not what it wants.
     */
    public Optional<String> nonPhotographicMedium(String text) {
        if (says(text, photographicWords)) {
            return Optional.empty();
        }
        return firstSaid(text, nonPhotographicMedia).map(span -> text.substring(span.start(), span.end()));
    }

    /**
     * The Midjourney parameter that picks an illustration model ("--niji 6": Niji draws anime), as written: that model
     * draws whatever the words say, so a photographic word does not win over it.
     */
    public Optional<String> illustrationParameter(PromptParts parts) {
        return parts.parameter(illustrationParameters);
    }

    /** Whether the prompt names a non-person subject ("a robot", "snake skin"; not the "android" of "android phone"). */
    public boolean mentionsNonPerson(String text) {
        SpanIndex things = SpanIndex.of(notNonPerson.spansIn(text));
        return firstSaid(text, nonPersonWords, span -> !things.overlaps(span)).isPresent();
    }

    /** Whether the prompt already names a lens, film or camera ("no lens flare" does not). */
    public boolean hasAnchor(String text) {
        return says(text, anchorPresent);
    }

    /**
     * Whether {@code addition} concerns {@code text} at all (its conditions hold), present or not: a {@code skipWhenOnly}
     * phrase skips it only when no {@code unlessAlso} phrase is said ("a newborn" has no fine lines, "a mother holding her
     * newborn" has hers).
     */
    public boolean appliesTo(CompiledAddition addition, String text) {
        return (addition.requires().isEmpty() || says(text, addition.requires())) && !says(text, addition.skip())
                && !(says(text, addition.skipWhenOnly()) && !says(text, addition.unlessAlso()));
    }

    /**
     * The word of {@code addition}'s subject the user's negative part names ("wrinkles" of "--no freckles, wrinkles" for the
     * fine lines), as written there; empty when it names none. The negative part lists what the picture must not have, so
     * nothing in it is negated.
     */
    public Optional<String> excludedBy(CompiledAddition addition, String excluded) {
        if (excluded.isEmpty()) {
            return Optional.empty();
        }
        return addition.excludedWhen().spansIn(excluded).stream().findFirst().map(span -> excluded.substring(span.start(), span.end()));
    }

    /**
     * Whether {@code text} already says what {@code addition} would add; a mention that qualifies wardrobe, light or makeup
     * (a protected noun) is about that, not the skin: "a wrinkled shirt" says no wrinkles.
     */
    public boolean alreadySays(CompiledAddition addition, String text) {
        return firstSaid(text, addition.present(), span -> !qualifiesProtectedNoun(text, span.end())).isPresent();
    }

    /**
     * Whether one of {@code phrases} is mentioned and not negated in its clause: "no wrinkles" does not say
     * wrinkles, "no makeup" does not mention makeup, "no people" puts no one in the frame. A mention inside a
     * LoRA tag or a URL does not count either.
     */
    private boolean says(String text, PhraseSet phrases) {
        return firstSaid(text, phrases).isPresent();
    }

    /** The first mention of one of {@code phrases} that {@link #says} counts. */
    private Optional<PhraseSet.Span> firstSaid(String text, PhraseSet phrases) {
        return firstSaid(text, phrases, span -> true);
    }

    /** As {@link #firstSaid(String, PhraseSet)}, among the mentions {@code counts} accepts. */
    private Optional<PhraseSet.Span> firstSaid(String text, PhraseSet phrases, Predicate<PhraseSet.Span> counts) {
        return firstSaid(text, phrases, counts, false);
    }

    /** As {@link #firstSaid(String, PhraseSet, Predicate)}; of person words a suffix negates only hyphened ("a man free soloing"). */
    private Optional<PhraseSet.Span> firstSaid(String text, PhraseSet phrases, Predicate<PhraseSet.Span> counts, boolean people) {
        SpanIndex opaque = null;
        NegationBreaks words = new NegationBreaks(text, WORD, negationWords);
        for (PhraseSet.Span span : phrases.spansIn(text)) {
            if (negated(text, span.start(), words) || negatedAfter(text, span.end(), people) || !counts.test(span)) {
                continue;
            }
            if (opaque == null) {
                opaque = SpanIndex.of(opaqueSpans(text));
            }
            if (!opaque.overlaps(span)) {
                return Optional.of(span);
            }
        }
        return Optional.empty();
    }

    /**
     * What no rule reads and no mention counts in: the {@link #OPAQUE} tokens, and the parts of a Midjourney
     * multi-prompt weighted below zero, with their weight (rewriting "smooth skin::-0.5" into "natural skin
     * texture::-0.5" would ask Midjourney to leave the texture out), and the sentence of a prose negative label the
     * description goes on after ("Avoid: smooth skin." of "... Avoid: smooth skin. He should look tired.").
     */
    static List<PhraseSet.Span> opaqueSpans(String text) {
        List<PhraseSet.Span> spans = new ArrayList<>(PromptParts.negativeSentences(text));
        Matcher m = OPAQUE.matcher(text);
        while (m.find()) {
            spans.add(new PhraseSet.Span(m.start(), m.end()));
        }
        if (text.contains("::")) {
            Matcher weight = PART_WEIGHT.matcher(text);
            int partStart = 0;
            while (weight.find()) {
                String value = weight.group(1);
                if (value != null && value.replaceAll("[ \\t]", "").startsWith("-")) {
                    spans.add(new PhraseSet.Span(partStart, weight.end()));
                }
                partStart = weight.end();
            }
        }
        return spans;
    }

    /** The first inferred intent whose words appear, else the vocabulary's default. */
    public Intent inferIntent(String text) {
        return inferences.stream()
                .filter(e -> e.getValue().foundIn(text))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(defaultIntent);
    }

    /**
     * The anchor to add for this intent: a phone's lens for a selfie, the close-up lens for close framing, the wide lens for a whole body or a scene
     * ("full body", "a man sitting on a bench"), else the intent's own.
     */
    public String anchorFor(Intent intent, String text) {
        return framings.stream().filter(f -> f.fits(intent, text)).map(Framing::text).findFirst().orElse(anchorTexts.get(intent));
    }

    /** Every anchor text the vocabulary can add (for checks). */
    List<String> allAnchorTexts() {
        List<String> all = new ArrayList<>(anchorTexts.values());
        framings.forEach(f -> all.add(f.text()));
        return all;
    }

    /** The person words of a text, looked up by where they start or end (the first in the text for each). */
    private record People(Map<Integer, PhraseSet.Span> byStart, Map<Integer, PhraseSet.Span> byEnd) {
        static People of(List<PhraseSet.Span> spans) {
            Map<Integer, PhraseSet.Span> byStart = new HashMap<>();
            Map<Integer, PhraseSet.Span> byEnd = new HashMap<>();
            for (PhraseSet.Span span : spans) {
                byStart.putIfAbsent(span.start(), span);
                byEnd.putIfAbsent(span.end(), span);
            }
            return new People(byStart, byEnd);
        }

        PhraseSet.Span startingAt(int at) {
            return byStart.get(at);
        }

        PhraseSet.Span endingAt(int at) {
            return byEnd.get(at);
        }
    }

    /** A framing compiled: its words, the intents it applies to and its lens. */
    private record Framing(PhraseSet when, PhraseSet whenScene, PhraseSet unless, Set<Intent> intents, String text) {
        static Framing of(Vocabulary.Framing f) {
            require(f.text() != null, "anchor framing needs a text: " + f);
            Set<Intent> intents = EnumSet.noneOf(Intent.class);
            f.intents().forEach(i -> intents.add(WireValues.parse(Intent.class, "anchor framing intent", i)));
            return new Framing(PhraseSet.of(f.when()), PhraseSet.of(f.whenScene()), PhraseSet.of(f.unlessAny()), intents, f.text());
        }

        boolean fits(Intent intent, String text) {
            return intents.contains(intent) && (when.foundIn(text) || (whenScene.foundIn(text) && !unless.foundIn(text)));
        }
    }

    /**
     * The rule matches in {@code text}, left to right, never overlapping (at one position the longest
     * wins). A match is skipped when the user negates it ("no airbrushing"), when it lies in a LoRA tag or a
     * URL, when it qualifies a protected noun (light, wardrobe, makeup) and the rule protects nouns, when the
     * rule needs the prompt to lack a lens anchor and it has one, or when it is a smoothing phrase about a thing's skin
     * ("a doll with flawless skin"; then no other rule takes a word inside it either).
     */
    public List<RuleMatch> scan(String text) {
        boolean anchored = hasAnchor(text);
        SpanIndex opaque = SpanIndex.of(opaqueSpans(text));
        List<RuleMatch> found = new ArrayList<>();
        List<PhraseSet.Span> thingsSkin = new ArrayList<>(); // "a doll with perfect skin": no rule takes "perfect" either
        People people = null;
        List<RuleMatch> listed = new ArrayList<>(); // superlative praise kept only by the comma after it
        List<RuleMatch> listedBeforePerson = new ArrayList<>(); // "pretty" of "a pretty, cute girl": kept only by its comma
        for (CompiledRule rule : rules) {
            if (rule.spec().onlyWithoutAnchor() && anchored) {
                continue;
            }
            List<PhraseSet.Span> spans = rule.phrases().spansIn(text);
            Set<Integer> ruleStarts = rule.spec().personWithin() == null ? Set.of()
                    : spans.stream().map(PhraseSet.Span::start).collect(Collectors.toSet());
            for (PhraseSet.Span span : spans) {
                boolean beforeAComma = false;
                if (rule.spec().besidePerson()) {
                    if (people == null) {
                        people = People.of(personWords.spansIn(text));
                    }
                    if (!besideAny(text, span, people) || wordBefore(text, skipSpacesBack(text, span.start()), superlativeMarkers) >= 0) {
                        continue; // "самая красивая женщина": removed, the praise would leave "самая женщина"
                    }
                }
                if (rule.spec().personWithin() != null) {
                    if (people == null) {
                        people = People.of(personWords.spansIn(text));
                    }
                    if (!personFollows(text, span.end(), people, rule.spec().personWithin(), ruleStarts) && !TextCleaner.standsAlone(text, span.start(), span.end())) {
                        if (afterComma(text, span.end()) < 0) {
                            continue; // "pretty detailed", "a cute puppy": "rather", or said of a thing
                        }
                        beforeAComma = true;
                    }
                }
                if (SMOOTHING.equals(rule.spec().category()) && aboutASkinOfThings(text, span)) {
                    thingsSkin.add(span);
                    continue;
                }
                if (opaque.overlaps(span) || (rule.spec().protectNouns()
                        && (qualifiesProtectedNoun(text, span.end()) || saidOfProtectedNoun(text, span.start())
                                || qualifiesProtectedParticiple(text, span)))) {
                    continue;
                }
                if (rule.spec().replaceWith().isEmpty() && superlatives.keptAt(text, span.start(), span.end())) {
                    if (superlatives.listedPraiseStart(text, span.start(), span.end()) >= 0) {
                        listed.add(new RuleMatch(rule.spec(), span.start(), span.end(), text.substring(span.start(), span.end())));
                    }
                    continue; // "one of the most beautiful women": removed, it would leave "one of the women"
                }
                RuleMatch match = new RuleMatch(rule.spec(), span.start(), span.end(), text.substring(span.start(), span.end()));
                (beforeAComma ? listedBeforePerson : found).add(match);
            }
        }
        addListedPraise(text, listed, found);
        addPraiseListedBeforeAPerson(text, listedBeforePerson, found);
        SpanIndex thingsSkinIndex = SpanIndex.of(thingsSkin);
        found.removeIf(m -> thingsSkinIndex.overlaps(m.start(), m.end()));
        // the "no" of a match such as "no wrinkles" goes with it, so it negates nothing after it: in
        // "no wrinkles unblemished" both are found in one pass (lint reports what enhance removes)
        SpanIndex removedNegations = SpanIndex.of(found.stream()
                .filter(m -> startsWithNegation(text, m.start()) || startsWithRemoval(text, m.start()))
                .map(m -> new PhraseSet.Span(m.start(), m.end()))
                .toList());
        // a negation after a match negates what it holds too: "美肌フィルターなし" (no beauty filter) is not 美肌 either
        SpanIndex negatedByWhatFollows = SpanIndex.of(found.stream()
                .filter(m -> negatedAfter(text, m.end(), false))
                .map(m -> new PhraseSet.Span(m.start(), m.end()))
                .toList());
        NegationBreaks breaks = new NegationBreaks(text, WORD, negationWords);
        List<RuleMatch> candidates = found.stream()
                .filter(m -> !negatedMatch(text, m, removedNegations, breaks) && !negatedByWhatFollows.overlaps(m.start(), m.end())
                        && !negatedSubject(text, m, breaks))
                .collect(Collectors.toCollection(ArrayList::new));
        candidates.sort(Comparator.comparingInt(RuleMatch::start).thenComparing(Comparator.comparingInt(RuleMatch::length).reversed()));
        List<RuleMatch> chosen = new ArrayList<>();
        int reached = 0;
        for (RuleMatch m : candidates) {
            int start = hyphenedPrefixStart(text, m.start());
            if (start >= reached) {
                chosen.add(start == m.start() ? m : new RuleMatch(m.rule(), start, m.end(), text.substring(start, m.end())));
                reached = m.end();
            } else if (m.start() >= reached) {
                chosen.add(m);
                reached = m.end();
            }
        }
        return chosen;
    }

    /**
     * Adds to {@code found} each superlative praise of {@code listed} that a superlative praise going from {@code found}
     * follows after its comma, from the last: "the loveliest, most beautiful bride" -> "the bride", not "the loveliest,
     * bride". Kept alone, a superlative before a comma stands for the person ("she is the loveliest, in red").
     */
    private void addListedPraise(String text, List<RuleMatch> listed, List<RuleMatch> found) {
        listed.sort(Comparator.comparingInt(RuleMatch::start).reversed());
        Map<Integer, List<RuleMatch>> byStart = byStart(found);
        for (RuleMatch m : listed) {
            int next = superlatives.listedPraiseStart(text, m.start(), m.end());
            boolean followed = byStart.getOrDefault(next, List.of()).stream().anyMatch(f -> f.rule().replaceWith().isEmpty()
                    && f.rule().category().equals(m.rule().category()) && superlatives.isSuperlative(text, f.start(), f.end()));
            if (followed) {
                found.add(m);
                byStart.computeIfAbsent(m.start(), k -> new ArrayList<>()).add(m);
            }
        }
    }

    /**
     * Adds to {@code found} each praise of {@code listed} whose comma a praise removal follows, from the last: "a pretty, cute
     * girl" -> "a girl", not "a pretty, girl". Before anything else its comma ends it ("a pretty, kind woman" keeps it).
     */
    private static void addPraiseListedBeforeAPerson(String text, List<RuleMatch> listed, List<RuleMatch> found) {
        listed.sort(Comparator.comparingInt(RuleMatch::start).reversed());
        Map<Integer, List<RuleMatch>> byStart = byStart(found);
        for (RuleMatch m : listed) {
            int next = afterComma(text, m.end());
            if (byStart.getOrDefault(next, List.of()).stream().anyMatch(f -> f.rule().replaceWith().isEmpty()
                    && f.rule().category().equals(m.rule().category()))) {
                found.add(m);
                byStart.computeIfAbsent(m.start(), k -> new ArrayList<>()).add(m);
            }
        }
    }

    /** The matches by where they start: a question per match about the one at a place reads those alone. */
    private static Map<Integer, List<RuleMatch>> byStart(List<RuleMatch> matches) {
        Map<Integer, List<RuleMatch>> byStart = new HashMap<>();
        matches.forEach(m -> byStart.computeIfAbsent(m.start(), k -> new ArrayList<>()).add(m));
        return byStart;
    }

    /** Where the word after a comma right after {@code end} starts (spaces around the comma allowed), else -1. */
    private static int afterComma(String text, int end) {
        int comma = skipSpaces(text, end);
        return comma < text.length() && text.charAt(comma) == ',' ? skipSpaces(text, comma + 1) : -1;
    }

    /**
     * Whether one of {@code others} comes right after {@code span}, past the words that may stand between a praise word and
     * its person ("wunderschöne Frau", "güzel bir kadın", "красивая молодая женщина", "漂亮的年轻女孩"), or right before it,
     * past intensifiers ("una mujer hermosa", "una mujer muy hermosa"), unless it is a name there ("my friend Bella").
     */
    private boolean besideAny(String text, PhraseSet.Span span, People others) {
        int after = skipSpaces(text, span.end());
        for (int words = 0; ; words++) {
            if (others.startingAt(after) != null) {
                return true;
            }
            int next = wordAfter(text, after, personQualifiers);
            if (next < 0 || words == 2) {
                break;
            }
            after = skipSpaces(text, next);
        }
        int before = skipSpacesBack(text, span.start());
        for (int words = 0; ; words++) {
            PhraseSet.Span person = others.endingAt(before);
            if (person != null) {
                // after a person word in small letters a capital is a name's: "my friend Bella", "the bride Belle"
                return !Character.isUpperCase(text.charAt(span.start())) || Character.isUpperCase(text.charAt(person.start()));
            }
            int previous = wordBefore(text, before, intensifiers);
            if (previous < 0 || words == 2) {
                return false;
            }
            before = skipSpacesBack(text, previous);
        }
    }

    /**
     * Whether a person word or a part of a person ("face", "body") starts after {@code end}, past spaces and at most
     * {@code words} words between that are no
     * function words (an article, a preposition, a conjunction or a possessive would begin another phrase: "a cute puppy
     * with a girl"); the rule's own words ({@code sameRule}, their starts) are not counted: "pretty pretty girl".
     */
    private boolean personFollows(String text, int end, People people, int words, Set<Integer> sameRule) {
        int at = skipSpaces(text, end);
        for (int skipped = 0; ; ) {
            int wordEnd = at;
            while (wordEnd < text.length() && (Character.isLetterOrDigit(text.charAt(wordEnd)) || text.charAt(wordEnd) == '-')) {
                wordEnd++;
            }
            if (at > end && wordEnd > at && sameRule.contains(at)) {
                at = skipSpaces(text, wordEnd); // "pretty pretty girl": the rule's own word again is no word between
                continue;
            }
            if (at > end && (people.startingAt(at) != null
                    || ownPart.matcher(text).region(at, text.length()).lookingAt())) {
                return true;
            }
            if (skipped == words || wordEnd == at || at == end
                    || FUNCTION_WORDS.contains(text.substring(at, wordEnd).toLowerCase(Locale.ROOT))) {
                return false;
            }
            skipped++;
            at = skipSpaces(text, wordEnd);
        }
    }

    /**
     * Where the intensifiers of another language right before {@code start} begin ("sehr " of "eine sehr schöne Frau",
     * "很" of "很漂亮的女孩"): they go with the praise they strengthen. {@code start} itself when there are none.
     */
    int intensifiersStart(String text, int start) {
        int from = start;
        while (true) {
            int word = wordBefore(text, skipSpacesBack(text, from), intensifiers);
            if (word < 0) {
                return from;
            }
            from = word;
        }
    }

    /** The end of one of {@code words} written at {@code at} as a whole word (or in an unspaced script), else -1. */
    private static int wordAfter(String text, int at, List<String> words) {
        for (String w : words) {
            int end = at + w.length();
            if (end <= text.length() && text.regionMatches(true, at, w, 0, w.length())
                    && (PhraseSet.UNSPACED_SCRIPT.matcher(w).find() || end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return end;
            }
        }
        return -1;
    }

    /** The start of one of {@code words} written right before {@code at} as a whole word (or in an unspaced script), else -1. */
    private static int wordBefore(String text, int at, List<String> words) {
        for (String w : words) {
            int start = at - w.length();
            if (start >= 0 && text.regionMatches(true, start, w, 0, w.length())
                    && (PhraseSet.UNSPACED_SCRIPT.matcher(w).find() || start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))) {
                return start;
            }
        }
        return -1;
    }

    private static int skipSpaces(String text, int at) {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
        return at;
    }

    private static int skipSpacesBack(String text, int at) {
        while (at > 0 && text.charAt(at - 1) == ' ') {
            at--;
        }
        return at;
    }

    /**
     * Where the words hyphened onto a match's first word start ("baby-" of "baby-smooth complexion", "over-" of
     * "over-retouched"): they qualify that word and go with it, or a rewrite leaves "baby-natural skin texture".
     */
    private static int hyphenedPrefixStart(String text, int start) {
        int s = start;
        while (s >= 2 && text.charAt(s - 1) == '-' && Character.isLetterOrDigit(text.charAt(s - 2))) {
            int w = s - 1;
            while (w > 0 && Character.isLetterOrDigit(text.charAt(w - 1))) {
                w--;
            }
            s = w;
        }
        return s;
    }

    /**
     * Whether a negation word stands before {@code start} within its clause (up to three words back). A mention
     * that is itself a negation ("no smoothing", "no wrinkles") is never negated by an earlier one: in "no makeup
     * and no wrinkles" the second "no" starts its own request.
     */
    private boolean negated(String text, int start, NegationBreaks words) {
        return negated(text, start, SpanIndex.EMPTY, words);
    }

    /**
     * Whether a rule match is negated: as {@link #negated(String, int, SpanIndex)}, but a negation before "but" or "yet" negates
     * nothing after it, nor one before "and" a match of two words or more, an adjective and its noun, with a word between
     * them: "a man with no makeup and flawless skin" asks for the flawless skin, "no smoothing and airbrushing" negates both.
     */
    private boolean negatedMatch(String text, RuleMatch m, SpanIndex ignored, NegationBreaks breaks) {
        if (!negated(text, m.start(), ignored, breaks)) {
            return false;
        }
        boolean phrase = m.text().strip().codePoints().anyMatch(Character::isWhitespace);
        int from = breaks.lastBreakBefore(m.start(), phrase);
        return from < 0 || negationWithin(text, from, m.start(), NEGATION_WINDOW_WORDS, ignored, breaks);
    }

    /** As {@link #negated(String, int, NegationBreaks)}, not counting negation words inside {@code ignored} spans. */
    private boolean negated(String text, int start, SpanIndex ignored, NegationBreaks words) {
        return !startsWithNegation(text, start) && negationWithin(text, start, NEGATION_WINDOW_WORDS, ignored, words);
    }

    /**
     * Whether a negation word is among the last {@code window} words of the clause before {@code start}, or a degree word
     * is the last one ("less smooth skin").
     */
    private boolean negationWithin(String text, int start, int window, SpanIndex ignored, NegationBreaks words) {
        return negationWithin(text, 0, start, window, ignored, words);
    }

    /**
     * As {@link #negationWithin(String, int, int, SpanIndex, NegationBreaks)}, the words read from {@code from} (or the clause
     * start if later); {@code words} is the text's (one per text, so a clause's words are found once, not per match).
     */
    private boolean negationWithin(String text, int from, int start, int window, SpanIndex ignored, NegationBreaks words) {
        int[] spans = words.lastWords(from, start, window + longestNegationQuantity + INFINITIVE_BE.size());
        List<String> all = new ArrayList<>();
        for (int i = 0; i < spans.length; i += 2) {
            int s = spans[i];
            int e = spans[i + 1];
            String w = checkedWord(text, s, e);
            all.add(ignored.overlaps(s, e) || standingAlonePrefix(text, w, e) ? "" : w);
        }
        all = withoutInfinitiveBe(all);
        // "without a trace of makeup": the word right before how little is asked for is read, and only that one
        int quantity = quantityEnding(all);
        List<String> read = quantity > 0 ? all.subList(Math.max(0, all.size() - quantity - 1), all.size() - quantity)
                : all.subList(Math.max(0, all.size() - window), all.size());
        return read.stream().anyMatch(w -> negationWords.contains(w) && !(otherLanguageNegationWords.contains(w) && englishClause(text, start)))
                || endsWithNegationPhrase(all)
                || negatingSuffixBeforeOf(read)
                || (!read.isEmpty() && degreeWords.contains(read.get(read.size() - 1)))
                || (!read.isEmpty() && endsWithUnspacedNegation(read.get(read.size() - 1)));
    }

    /**
     * The words without the "to be" or "to have been" that end them: "should not look to be retouched" is negated as "should
     * not look retouched" is (since 1.4.119; until 2026-12-07 the two words put the "not" out of the window).
     */
    private static List<String> withoutInfinitiveBe(List<String> words) {
        int n = words.size();
        if (n >= INFINITIVE_BE.size() && words.subList(n - INFINITIVE_BE.size(), n).equals(INFINITIVE_BE)) {
            return words.subList(0, n - INFINITIVE_BE.size());
        }
        return n >= 2 && words.get(n - 2).equals("to") && words.get(n - 1).equals("be") ? words.subList(0, n - 2) : words;
    }

    /**
     * The word from {@code start} to {@code end} as {@link #normalWord} spells it, or of a word longer than any a negation
     * check looks up only its last {@link #longestNegationCheckWord} + 1 characters: still longer than those (lower case
     * never shortens a word), and ending as the whole word does in an unspaced negation word (letters with no case).
     */
    String checkedWord(String text, int start, int end) {
        return normalWord(text.substring(Math.max(start, end - longestNegationCheckWord - 1), end));
    }

    /**
     * The length of the longest of {@code lists}' words, or all but {@link Integer#MAX_VALUE} when an unspaced negation word
     * holds a character outside {@link PhraseSet#UNSPACED_SCRIPT} (one with a case: the end of a word would not tell then).
     */
    @SafeVarargs
    private static int longestNegationCheckWord(List<String> unspaced, Collection<String>... lists) {
        if (!unspaced.stream().allMatch(w -> w.codePoints().allMatch(c -> PhraseSet.UNSPACED_SCRIPT.matcher(Character.toString(c)).matches()))) {
            return Integer.MAX_VALUE - 1;
        }
        return Stream.of(lists).flatMap(Collection::stream).mapToInt(String::length).max().orElse(0);
    }

    /** Whether the word {@code w} ending at {@code end} is a negation prefix not hyphened onto the next word: "un" of "un hombre", not of "un-retouched". */
    private boolean standingAlonePrefix(String text, String w, int end) {
        return negationPrefixes.contains(w) && (end >= text.length() || text.charAt(end) != '-');
    }

    /**
     * Whether the clause holding {@code at} holds a word only English writes: another language's negation word there is a
     * name or an English word ("Portrait of Mai with flawless skin", "a woman in sin city with porcelain skin").
     */
    private boolean englishClause(String text, int at) {
        return englishClauses.at(text, at);
    }

    /** Whether the clause of {@code text} from {@code start} to {@code end} holds a word only English writes. */
    private boolean holdsEnglishOnlyWord(String text, int start, int end) {
        Matcher m = WORD.matcher(text).region(start, end);
        while (m.find()) {
            if (englishOnlyWords.contains(normalWord(m.group()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Chinese and Japanese write no space between a negation and what it negates ("女孩不要光滑的皮肤"): the run of letters
     * right before a match is one word to {@link #WORD}, and it negates the match when it ends with a negation word
     * written in that script.
     */
    boolean endsWithUnspacedNegation(String word) {
        return PhraseSet.UNSPACED_SCRIPT.matcher(word).find() && unspacedNegationWords.stream().anyMatch(word::endsWith);
    }

    /** The number of words of the {@link #negationQuantities} phrase {@code words} end with, 0 when none does. */
    private int quantityEnding(List<String> words) {
        for (List<String> q : negationQuantities) {
            if (q.size() < words.size() && words.subList(words.size() - q.size(), words.size()).equals(q)) {
                return q.size();
            }
        }
        return 0;
    }

    /**
     * Whether {@code words} end with a {@link #negationPhrases} phrase, only {@link #DETERMINERS} after it: "rather than
     * flawless skin", "far from the flawless skin", not "far from home with flawless skin".
     */
    private boolean endsWithNegationPhrase(List<String> words) {
        int end = words.size();
        while (end > 0 && DETERMINERS.contains(words.get(end - 1))) {
            end--;
        }
        for (List<String> p : negationPhrases) {
            if (p.size() <= end && words.subList(end - p.size(), end).equals(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code words} hold a negation suffix word before "of" or "from": "free of makeup", "free from blemishes". */
    private boolean negatingSuffixBeforeOf(List<String> words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (negationSuffixes.contains(words.get(i)) && OF_FROM.contains(words.get(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a word of {@code negationAfter} follows {@code end} right away, a space between allowed ("美肌フィルターなし"), or a
     * {@link #negationSuffix} does ("makeup-free", "make-up free"; of a person word only hyphened, {@code people}), or, but for
     * a person word, a {@link #negatingPredicate} ("smooth skin is not wanted", "airbrushing must be avoided").
     */
    private boolean negatedAfter(String text, int end, boolean people) {
        Pattern suffix = people ? hyphenedNegationSuffix : negationSuffix;
        if (suffix != null && suffix.matcher(text).region(end, text.length()).lookingAt()) {
            return true;
        }
        if (!people && negatingPredicate != null && negatingPredicate.matcher(text).region(end, text.length()).lookingAt()) {
            return true; // "smooth skin is not wanted": not "natural skin texture is not wanted"
        }
        if (negationAfter.isEmpty()) {
            return false;
        }
        int at = end;
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        return negationAfter.spansIn(text.substring(at, Math.min(text.length(), at + 12))).stream().anyMatch(span -> span.start() == 0);
    }

    /**
     * Whether a smoothing match said of the skin or face before it is negated before that subject: "don't make her skin
     * look plastic" asks for the opposite of plastic skin, not for it.
     */
    private boolean negatedSubject(String text, RuleMatch match, NegationBreaks words) {
        if (!SMOOTHING.equals(match.rule().category()) || !ClauseReach.mayEndAt(text, match.start(), ClauseReach.REGEX_SPACES)) {
            return false;
        }
        Matcher subject = SAID_OF_SKIN.matcher(text).region(ClauseReach.tokensBack(text, match.start(), SAID_OF_SKIN_TOKENS), match.start());
        return subject.find() && negationWithin(text, subject.start(), SUBJECT_NEGATION_WINDOW_WORDS, SpanIndex.EMPTY, words);
    }

    /** A word as the negation list spells it: lower case, a typographic apostrophe as a plain one ("Don’t" -> "don't"). */
    static String normalWord(String word) {
        return word.toLowerCase(Locale.ROOT).replace('’', '\'');
    }

    private boolean startsWithNegation(String text, int start) {
        return leadingNegationEnd(text, start) >= 0;
    }

    /** Whether a {@link #removalWords} word starts at {@code start}: "remove" of "remove freckles". */
    private boolean startsWithRemoval(String text, int start) {
        Matcher first = WORD.matcher(text).region(start, text.length());
        return first.lookingAt() && removalWords.contains(normalWord(first.group()));
    }

    /** Where the negation word that starts at {@code start} ends ("no" of "no wrinkles"), or -1 when none does. */
    int leadingNegationEnd(String text, int start) {
        // of a word longer than every negation word (lower case never shortens one) no more is read: a run of unspaced
        // Chinese is one word, read to its end for each match in it the check was quadratic in the run
        Matcher first = WORD.matcher(text).region(start, Math.min(text.length(), start + longestNegationWord + 1));
        if (!first.lookingAt() || WORD.matcher(text).region(first.end(), Math.min(text.length(), first.end() + 2)).lookingAt()) {
            return -1; // no word, or one that runs on past what was read
        }
        String w = normalWord(first.group());
        return negationWords.contains(w) && !removalWords.contains(w) ? first.end() : -1;
    }

    /**
     * Whether the smoothing phrase at {@code span} is about a thing's skin, not a person's: "a girl holding a doll with
     * flawless skin", "a woman eating an apple with perfect skin", "the smooth skin of a peach".
     */
    private boolean aboutASkinOfThings(String text, PhraseSet.Span span) {
        return (skinOwnerBefore != null && ClauseReach.mayEndAt(text, span.start(), ClauseReach.REGEX_SPACES)
                        && skinOwnerBefore.matcher(text).region(ClauseReach.tokensBack(text, span.start(), skinOwnerBeforeTokens), span.start()).find())
                || (skinOwnerAfter != null && skinOwnerAfter.matcher(text).region(span.end(), text.length()).lookingAt());
    }

    private boolean qualifiesProtectedNoun(String text, int end) {
        int i = end;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        int j = i;
        while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '-')) {
            j++;
        }
        return j > i && protectedNouns.contains(text.substring(i, j).toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the match is an adverb ("beautifully", "perfectly") said of the participle right after it that says how the
     * picture was lit or made: "beautifully lit", "perfectly exposed", "stunningly shot", "beautifully side-lit" (the last
     * part of a hyphened word counts). Praise of the picture said with an adjective ("a stunning shot") is not protected.
     */
    private boolean qualifiesProtectedParticiple(String text, PhraseSet.Span span) {
        if (protectedParticiples.isEmpty() || span.end() - span.start() < 3
                || !text.substring(span.end() - 2, span.end()).equalsIgnoreCase("ly")) {
            return false;
        }
        int i = span.end();
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        int j = i;
        while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '-')) {
            j++;
        }
        String word = text.substring(i, j).toLowerCase(Locale.ROOT);
        return j > i && (protectedParticiples.contains(word) || protectedParticiples.contains(word.substring(word.lastIndexOf('-') + 1)));
    }

    /** Whether the word at {@code start} is said of a protected noun before it: "make the light look beautiful", "her dress is perfect". */
    private boolean saidOfProtectedNoun(String text, int start) {
        if (!ClauseReach.mayEndAt(text, start, ClauseReach.REGEX_SPACES)) {
            return false;
        }
        Matcher m = PREDICATE_SUBJECT.matcher(text).region(ClauseReach.tokensBack(text, start, PREDICATE_SUBJECT_TOKENS), start);
        if (!m.find()) {
            return false;
        }
        String noun = m.group(1) != null ? m.group(1) : m.group(2);
        return protectedNouns.contains(noun.toLowerCase(Locale.ROOT));
    }

    /** A rule's phrases with the superlatives it asks for ({@link Vocabulary.Rule#superlatives}), or those alone. */
    private static List<String> phrasesWithForms(Vocabulary.Rule rule) {
        if (rule.superlatives() == null) {
            return rule.phrases();
        }
        List<String> forms = EnglishSuperlatives.of(rule.phrases());
        return rule.superlatives() == Vocabulary.Superlatives.ONLY ? forms : Stream.concat(rule.phrases().stream(), forms.stream()).toList();
    }

    /** The words as one regular-expression alternation, taken literally, any whitespace between a phrase's words. */
    private static String alternation(Stream<String> words) {
        return words.map(w -> Pattern.quote(w).replace(" ", "\\E\\s+\\Q")).collect(Collectors.joining("|"));
    }

    /** The most tokens (runs of non-spaces) one of {@code phrases} has, a space it starts with counting as one more. */
    private static int mostTokens(Stream<String> phrases) {
        return phrases.mapToInt(p -> p.split("[ \\t\\n\\x0B\\f\\r]+").length).max().orElse(1);
    }

    private static List<String> longestFirst(List<String> words) {
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    private static Set<String> lowerSet(List<String> words) {
        return words.stream().map(w -> w.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Each phrase as its lower-case words: "rather than" -> [rather, than]. */
    private static List<List<String>> wordLists(List<String> phrases) {
        return phrases.stream().map(q -> List.of(q.toLowerCase(Locale.ROOT).strip().split("\\s+"))).toList();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("Invalid vocabulary: " + message);
        }
    }
}
