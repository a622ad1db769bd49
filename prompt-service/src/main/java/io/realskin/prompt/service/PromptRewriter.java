package io.realskin.prompt.service;

import io.realskin.contracts.prompt.Change;
import io.realskin.contracts.prompt.ChangeKind;
import io.realskin.contracts.prompt.Intent;
import io.realskin.contracts.prompt.MissingLanguage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two steps the enhancer takes and the linter predicts: rewriting rule matches, and finding which
 * texture, anti-smoothing and anchor language the rewritten prompt still lacks.
 */
final class PromptRewriter {

    static final String ANCHOR_ID = "lens-anchor";
    /** The rule category whose replacements name the skin's texture ("natural skin texture"), which no degree qualifies. */
    private static final String SMOOTHING = "smoothing";
    /** The rule category of abstract praise and quality words, whose idioms' complements go with them ("for words"). */
    private static final String PRAISE = "abstract-quality";
    private static final int MAX_PASSES = 5;
    /** Words that only join a removed phrase to the sentence, and go with it when nothing follows. */
    private static final Set<String> CONNECTORS = Set.of("and", "or", "nor", "with", "has", "having");
    /** Words that only make the next word stronger: they go with a removed word ("a really beautiful woman" -> "a woman"). */
    private static final Set<String> INTENSIFIERS = Set.of("very", "really", "so", "super", "extremely", "incredibly", "truly",
            "absolutely", "highly", "insanely", "most", "quite", "exceptionally", "remarkably", "utterly", "ultra",
            // a degree said of it: "an overly airbrushed portrait" -> "a portrait", not "an overly portrait"
            "too", "overly", "excessively", "unnaturally",
            // how great praise is ("an impossibly beautiful woman"; the praise-predicate rule reads the same words), hyphened
            // ones whole
            "simply", "impossibly", "unbelievably", "strikingly", "breathtakingly", "achingly", "ridiculously", "devastatingly",
            "classically", "conventionally", "effortlessly", "undeniably", "jaw-droppingly", "drop-dead");
    private static final Set<String> ARTICLES = Set.of("a", "an", "the");
    /** What joins two adjectives of one noun: "natural and flawless skin", "natural yet flawless skin". */
    private static final Set<String> ADJECTIVES_JOINED = Set.of("and", "yet", "but");
    /** A score right before a word, as much as an intensifier: "10/10", "11 out of 10", "100 / 100". */
    private static final Pattern RATING = Pattern.compile("(?<![\\p{L}\\p{N}/.])\\d{1,3}[ \\t]*(?:/|out[ \\t]+of)[ \\t]*\\d{1,3}[ \\t]+$",
            Pattern.CASE_INSENSITIVE);
    private static final int RATING_LOOK_BACK = 20;
    /** Stable Diffusion emphasis around a clause: "((", "[", and a weight with its closing brackets, ":1.2)". */
    private static final Pattern EMPHASIS = Pattern.compile("^[\\s(\\[{]+|(?:[ \\t]*" + TextCleaner.WEIGHT + ")?[\\s)\\]}]+$|[ \\t]*"
            + TextCleaner.WEIGHT + "$");
    private static final Pattern CLAUSE_SEPARATOR = Pattern.compile("[\\n" + TextCleaner.SEPARATORS + "]");
    private static final Pattern WEIGHT = Pattern.compile(TextCleaner.WEIGHT);
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** A word as the title-case check reads it: letters, digits and what joins them ("3D", "Ultra-Smooth", "Woman's"). */
    private static final Pattern TITLE_WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    /**
     * What joins two phrases of a list: a comma, "and" or "or" in English or in another language of the vocabulary's rules
     * (und, oder, y, o, e, et, ou, en, of, i, lub, oraz, и, или, ve, veya, và, hoặc, และ, หรือ, 和, 与, 或, と, や, 및), and an
     * English article or possessive after it, which the second phrase's replacement would otherwise keep ("silky skin and a
     * perfect complexion" said "natural skin texture and a natural skin texture").
     */
    private static final Pattern JOINED = Pattern.compile("\\s*,?\\s*(?:(?:and|or|&|und|oder|y|o|e|et|ou|en|of|i|lub|oraz|и|или|ve|veya"
            + "|và|hoặc|และ|หรือ)\\s+(?:(?:a|an|the|her|his|their|my|your|our|its)\\s+)?|[和与或とや及]\\s*|및\\s+)?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A word joined to the one before by a conjunction, with a degree between, ending its phrase: ", but still natural". */
    private static final Pattern REPEATED_AFTER = Pattern.compile("[ \\t]*,?[ \\t]*(?:but|yet|and|though|although)[ \\t]+"
            + "(?:(?:still|also|very|so|really|quite|totally|completely)[ \\t]+){0,2}(\\p{L}+)(?![\\p{L}\\p{N}])(?=[ \\t]*(?:[^\\p{L}\\p{N} \\t]|$)|[ \\t]+(?:and|or|but|yet)[ \\t]|[ \\t-]+looking(?![\\p{L}\\p{N}]))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern CONJUNCTION = Pattern.compile("(?:and|or|nor|&)[ \\t]+", Pattern.CASE_INSENSITIVE);

    private final RuleBook book;

    PromptRewriter(RuleBook book) {
        this.book = book;
    }

    /**
     * The additions {@code text} lacks, in the order the enhancer appends them, but those whose subject the user's negative
     * part ({@code excluded}, {@link PromptParts#excluded}) names: "--no wrinkles" is not asked for fine lines.
     */
    List<MissingLanguage> missing(String text, Intent intent, String excluded) {
        List<MissingLanguage> missing = new ArrayList<>();
        for (RuleBook.CompiledAddition addition : book.additions()) {
            if (book.appliesTo(addition, text) && !book.alreadySays(addition, text) && book.excludedBy(addition, excluded).isEmpty()) {
                missing.add(new MissingLanguage(addition.spec().id(), addition.spec().group(),
                        addition.spec().textFor(intent), addition.spec().weight(), addition.spec().why()));
            }
        }
        if (!book.hasAnchor(text)) {
            missing.add(new MissingLanguage(ANCHOR_ID, "anchor", book.anchorFor(intent, text), book.anchorWeight(), book.anchorWhy()));
        }
        return missing;
    }

    /**
     * Why each addition {@code text} lacks was left out for the user's negative part: "Left out \"fine lines around the
     * eyes\": the prompt's negative part excludes \"wrinkles\"."
     */
    List<String> leftOutNotes(String text, Intent intent, String excluded) {
        List<String> notes = new ArrayList<>();
        for (RuleBook.CompiledAddition addition : book.additions()) {
            if (book.appliesTo(addition, text) && !book.alreadySays(addition, text)) {
                book.excludedBy(addition, excluded).ifPresent(word -> notes.add("Left out \"" + addition.spec().textFor(intent)
                        + "\": the prompt's negative part excludes \"" + word + "\"."));
            }
        }
        return notes;
    }

    /**
     * Applies the vocabulary's rules until nothing matches, recording each replacement or removal.
     *
     * @return the rewritten text; words outside rule matches are untouched
     */
    String rewrite(String prompt, List<Change> changes) {
        String text = prompt;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            List<RuleMatch> matches = book.scan(text);
            if (matches.isEmpty()) {
                break;
            }
            List<String> replacements = replacements(text, matches);
            // what each edit cuts, left to right: a removal's cut may reach past its match, never into a neighbour's
            List<PhraseSet.Span> cuts = new ArrayList<>();
            List<PhraseSet.Span> scopes = new ArrayList<>();
            int floor = 0;
            int removedFrom = 0; // where the last run of removals with only spaces between them starts and ends
            int removedTo = 0;
            for (int i = 0; i < matches.size(); i++) {
                RuleMatch m = matches.get(i);
                int ceiling = i + 1 < matches.size() ? matches.get(i + 1).start() : text.length();
                int scopesBefore = scopes.size();
                PhraseSet.Span cut;
                if (repeatsTheOneBefore(text, matches, replacements, i)) {
                    // "z gładką skórą i idealną cerą": the second says what the first's replacement says, it goes with its "i"
                    replacements.set(i, "");
                    cut = new PhraseSet.Span(matches.get(i - 1).end(), m.end());
                } else if (replacements.get(i).isEmpty() && m.rule().besidePerson()) {
                    cut = besidePersonSpan(text, m, book.intensifiersStart(text, m.start()));
                } else if (replacements.get(i).isEmpty()) {
                    cut = removalSpan(text, m, book.leadingNegationEnd(text, m.start()), floor, removedFrom, removedTo, ceiling);
                    cut = commaKeptAfterAPerson(text, m, cut);
                    // a superlative's praise takes its owner and its scope along: "the world's most beautiful woman in
                    // history" -> "the woman"
                    int ownerStart = book.superlatives().ownerStart(text, cut.start(), m.start(), m.end());
                    cut = new PhraseSet.Span(ownerStart >= floor ? ownerStart : cut.start(), cut.end());
                    PhraseSet.Span scope = book.superlatives().scopeAfter(text, m.start(), m.end(), ceiling);
                    if (scope != null && scope.start() >= cut.end()) {
                        scopes.add(scope);
                    }
                } else {
                    int start = repeatedWordStart(text, m.start(), replacements.get(i), floor);
                    if (SMOOTHING.equals(m.rule().category())) {
                        // "the most perfect skin in the world" -> "the natural skin texture", not "the most natural skin texture
                        // in the world"
                        int superlative = book.superlatives().superlativeStart(text, start);
                        PhraseSet.Span scope = superlative >= floor
                                ? book.superlatives().scopeAfter(text, m.start(), m.end(), ceiling) : null;
                        start = superlative >= floor ? superlative : start;
                        if (scope != null) {
                            scopes.add(scope);
                        }
                        if (m.rule().replaceWith().contains(" ")) {
                            // a degree of the smoothness goes with it: "unbelievably smooth skin" -> "natural skin texture";
                            // one word ("natural" of "her skin is really smooth") keeps it
                            start = intensifierStart(text, start, floor);
                        }
                    }
                    cut = new PhraseSet.Span(start, repeatedWordEnd(text, m.end(), replacements.get(i), ceiling));
                }
                if (PRAISE.equals(m.rule().category()) && !m.rule().besidePerson() && scopes.size() == scopesBefore) {
                    // "too beautiful for words" -> "", "she looks too beautiful for words" -> "she looks natural"
                    PhraseSet.Span complement = book.praiseComplements().after(text, m.end(), ceiling);
                    if (complement != null && complement.start() >= cut.end()) {
                        scopes.add(complement);
                    }
                }
                cuts.add(cut);
                floor = scopes.isEmpty() ? cut.end() : Math.max(cut.end(), scopes.get(scopes.size() - 1).end());
                if (replacements.get(i).isEmpty()) {
                    removedFrom = removedTo > 0 && lastNonSpace(text, cut.start() - 1) < removedTo ? removedFrom : cut.start();
                    removedTo = floor;
                }
            }
            List<Edit> edits = new ArrayList<>();
            List<PhraseSet.Span> runRests = restsOfRemovalRuns(text, matches, replacements, cuts);
            for (int i = 0; i < matches.size(); i++) {
                edits.add(new Edit(cuts.get(i), replacements.get(i)));
            }
            for (PhraseSet.Span rest : runRests) {
                edits.add(new Edit(rest, ""));
            }
            for (PhraseSet.Span scope : scopes) {
                edits.add(new Edit(scope, ""));
            }
            for (PhraseSet.Span item : itemsAReplacementSays(text, matches, replacements, cuts)) {
                edits.add(new Edit(item, ""));
            }
            edits.sort((a, b) -> Integer.compare(a.cut().start(), b.cut().start()));
            StringBuilder out = new StringBuilder(text);
            List<Integer> removalSites = new ArrayList<>();
            int shift = 0; // edits are made from the last, so an earlier one's place in the result is its own plus this
            for (Edit edit : edits) {
                if (edit.to().isEmpty()) {
                    removalSites.add(edit.cut().start() + shift);
                }
                shift += edit.to().length() - (edit.cut().end() - edit.cut().start());
            }
            for (int i = edits.size() - 1; i >= 0; i--) {
                PhraseSet.Span cut = edits.get(i).cut();
                out.replace(cut.start(), cut.end(), edits.get(i).to());
                agreeArticle(out, cut.start());
            }
            blankLeftCopies(out, removalSites);
            for (int i = 0; i < matches.size(); i++) {
                RuleMatch m = matches.get(i);
                String to = replacements.get(i);
                changes.add(to.isEmpty()
                        ? new Change(ChangeKind.REMOVED, m.rule().id(), m.text(), null, m.rule().why())
                        : new Change(ChangeKind.REPLACED, m.rule().id(), m.text(), to, m.rule().why()));
            }
            text = keepLeadingCapital(text, TextCleaner.clean(out.toString()));
        }
        return text;
    }

    /**
     * What a run of removals that takes the rest of a phrase leaves besides them: "with soft focus and a dreamy glow" goes
     * whole, not to "with a" (each removal alone cannot tell the phrase ends: the first takes its "and", the last finds the
     * "and" cut). A run is two removals or more with only spaces and an article between them, ending where the clause ends
     * (emoji and symbols aside); the articles between them go, and the connector before the run with its article ("with",
     * "with a", "and a"), or the run begins its clause ("freckles, soft focus and a dreamy glow"). The last cut then leaves
     * the comma after it, which it took as a word removed from inside a phrase.
     * {@code cuts} is updated in place.
     */
    private static List<PhraseSet.Span> restsOfRemovalRuns(String text, List<RuleMatch> matches, List<String> replacements,
                                                           List<PhraseSet.Span> cuts) {
        List<PhraseSet.Span> rests = new ArrayList<>();
        int i = 0;
        while (i < matches.size()) {
            if (!replacements.get(i).isEmpty() || matches.get(i).rule().besidePerson()) {
                i++;
                continue;
            }
            int last = i;
            List<PhraseSet.Span> between = new ArrayList<>();
            while (last + 1 < matches.size() && replacements.get(last + 1).isEmpty() && !matches.get(last + 1).rule().besidePerson()) {
                PhraseSet.Span gap = articleGap(text, cuts.get(last).end(), cuts.get(last + 1).start());
                if (gap == null) {
                    break;
                }
                between.add(gap);
                last++;
            }
            PhraseSet.Span lastCut = cuts.get(last);
            int end = lastCut.end() > lastCut.start() && text.charAt(lastCut.end() - 1) == ',' ? lastCut.end() - 1 : lastCut.end();
            int after = pastSymbols(text, end);
            boolean clauseEnds = after >= text.length()
                    || (TextCleaner.SEPARATORS + TextCleaner.STOPS + ")]）\n\r").indexOf(text.charAt(after)) >= 0;
            int floor = i == 0 ? 0 : cuts.get(i - 1).end();
            int connector = connectorBefore(text, cuts.get(i).start(), floor);
            int before = lastNonSpace(text, cuts.get(i).start() - 1);
            boolean beginsClause = before < 0 || (TextCleaner.SEPARATORS + TextCleaner.STOPS + "\n(").indexOf(text.charAt(before)) >= 0;
            if (last > i && clauseEnds && (connector >= 0 || beginsClause)) {
                cuts.set(last, new PhraseSet.Span(lastCut.start(), end));
                between.forEach(gap -> {
                    if (gap.end() > gap.start()) {
                        rests.add(gap);
                    }
                });
                if (connector >= 0) {
                    rests.add(new PhraseSet.Span(connector, cuts.get(i).start()));
                }
            }
            i = last + 1;
        }
        return rests;
    }

    /** The article between two cuts ({@code from} to {@code to}), an empty span for spaces only, or null for anything else. */
    private static PhraseSet.Span articleGap(String text, int from, int to) {
        if (to < from) {
            return null;
        }
        String gap = text.substring(from, to).strip();
        if (gap.isEmpty()) {
            return new PhraseSet.Span(from, from);
        }
        return ARTICLES.contains(gap.toLowerCase(Locale.ROOT)) ? new PhraseSet.Span(from, to) : null;
    }

    /**
     * Where the connector before {@code start} starts, with the article after it ("with a" of "with a beauty filter"), or -1
     * when there is none at or after {@code floor}.
     */
    private static int connectorBefore(String text, int start, int floor) {
        int end = lastNonSpace(text, start - 1);
        int word = wordStart(text, end + 1);
        if (word <= end && ARTICLES.contains(text.substring(word, end + 1).toLowerCase(Locale.ROOT))) {
            end = lastNonSpace(text, word - 1);
            word = wordStart(text, end + 1);
        }
        boolean connects = word <= end && word >= floor && (word == 0 || !Character.isLetterOrDigit(text.charAt(word - 1)))
                && CONNECTORS.contains(text.substring(word, end + 1).toLowerCase(Locale.ROOT));
        return connects ? word : -1;
    }

    /** One edit of a pass: what it cuts from the text and what it puts there. */
    private record Edit(PhraseSet.Span cut, String to) {
    }

    /**
     * The user's list items that are a word a replacement elsewhere in the prompt brings in: "editorial" of "beauty shot
     * of a woman, editorial", which would otherwise read "editorial shot of a woman, editorial". The replacement says it,
     * so the item goes (an item right before the match is taken by the replacement itself, {@link #repeatedWordStart}).
     */
    private static List<PhraseSet.Span> itemsAReplacementSays(String text, List<RuleMatch> matches, List<String> replacements,
                                                              List<PhraseSet.Span> cuts) {
        Set<String> brought = new HashSet<>();
        for (int i = 0; i < matches.size(); i++) {
            brought.addAll(newWords(matches.get(i), replacements.get(i)));
        }
        List<PhraseSet.Span> items = new ArrayList<>();
        if (brought.isEmpty()) {
            return items;
        }
        SpanIndex opaque = SpanIndex.of(RuleBook.opaqueSpans(text)); // a LoRA tag, a URL, a negative label's sentence
        SpanIndex cut = SpanIndex.of(cuts);
        Matcher separator = CLAUSE_SEPARATOR.matcher(text);
        int start = 0;
        while (start <= text.length()) {
            int end = separator.find(start) ? separator.start() : text.length();
            int clauseStart = start;
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                to--;
            }
            PhraseSet.Span item = new PhraseSet.Span(from, to);
            if (to > from && brought.contains(clauseKey(text.substring(from, to)))
                    && !cut.overlaps(clauseStart, end) && !opaque.overlaps(clauseStart, end)) {
                items.add(item);
            }
            start = end + 1;
        }
        return items;
    }

    /** The words a replacement brings that its match did not say: "editorial" of "beauty shot" -> "editorial shot". */
    private static Set<String> newWords(RuleMatch m, String replacement) {
        Set<String> said = new HashSet<>(List.of(NOT_A_WORD.split(m.text().toLowerCase(Locale.ROOT))));
        Set<String> brought = new HashSet<>();
        for (String word : NOT_A_WORD.split(replacement.toLowerCase(Locale.ROOT))) {
            if (!word.isEmpty() && !said.contains(word)) {
                brought.add(word);
            }
        }
        return brought;
    }

    /**
     * Empties each clause a removal left as a copy of another clause: "extremely detailed face, perfect face" would
     * become "face, face" once its praise goes, and keeps one "face" (the cleaner then drops the empty clause and its
     * separator). Clauses are compared without Stable Diffusion emphasis and weights, case or spaces; a clause no removal
     * touched is the user's and stays, so the user's own "face, face" is kept as emphasis. Of two touched copies the
     * first stays.
     */
    private static void blankLeftCopies(StringBuilder out, List<Integer> removalSites) {
        if (removalSites.isEmpty()) {
            return;
        }
        List<int[]> clauses = new ArrayList<>();
        Matcher separator = CLAUSE_SEPARATOR.matcher(out);
        int start = 0;
        while (start <= out.length()) {
            int end = separator.find(start) ? separator.start() : out.length();
            clauses.add(new int[] {start, end});
            start = end + 1;
        }
        List<String> keys = clauses.stream().map(c -> clauseKey(out.substring(c[0], c[1]))).toList();
        int[] sites = removalSites.stream().mapToInt(Integer::intValue).sorted().toArray();
        // a touched clause is a copy when an earlier clause or an untouched one says the same
        Map<String, Integer> firstWithKey = new HashMap<>();
        Map<String, Integer> untouchedWithKey = new HashMap<>();
        boolean[] touched = new boolean[clauses.size()];
        for (int i = 0; i < clauses.size(); i++) {
            touched[i] = touched(clauses.get(i), sites);
            firstWithKey.putIfAbsent(keys.get(i), i);
            if (!touched[i]) {
                untouchedWithKey.merge(keys.get(i), 1, Integer::sum);
            }
        }
        StringBuilder kept = new StringBuilder(out.length());
        int from = 0;
        for (int i = 0; i < clauses.size(); i++) {
            String key = keys.get(i);
            if (touched[i] && !key.isEmpty() && (firstWithKey.get(key) < i || untouchedWithKey.containsKey(key))) {
                kept.append(out, from, clauses.get(i)[0]);
                from = clauses.get(i)[1];
            }
        }
        kept.append(out, from, out.length());
        out.setLength(0);
        out.append(kept);
    }

    /** Whether a removal was made within the clause ({start, end}); {@code sites} ascending. */
    private static boolean touched(int[] clause, int[] sites) {
        int low = 0;
        int high = sites.length;
        while (low < high) { // the first site at or after the clause start
            int mid = (low + high) >>> 1;
            if (sites[mid] < clause[0]) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < sites.length && sites[low] <= clause[1];
    }

    /** A clause as the copy check compares it: its words, without emphasis, weights, case or spacing. */
    private static String clauseKey(String clause) {
        return String.join(" ", NOT_A_WORD.split(WEIGHT.matcher(clause).replaceAll(" ").toLowerCase(Locale.ROOT).strip())).strip();
    }

    /**
     * What a removal takes out besides the match, so the words around it still read:
     * <ul>
     *   <li>a connector left dangling before the end of the clause: "a woman with no wrinkles, sitting" -> "a woman,
     *       sitting", "freckles and no wrinkles." -> "freckles."; with the article after it: "a girl with a beauty filter
     *       on, smiling" -> "a girl, smiling";</li>
     *   <li>a conjunction after a match inside a phrase or at its start: "with no wrinkles and glowing skin" -> "with glowing
     *       skin", "beautiful and elegant woman" -> "elegant woman";
     *       after "or" / "nor" the match's own negation word still applies to what follows, and stays: "without
     *       wrinkles or makeup" -> "without makeup", "no acne or tattoos" -> "no tattoos";</li>
     *   <li>otherwise a word removed from inside a phrase ("a stunning, candid portrait") takes its comma with it, unless the
     *       match begins with a function word or a negation and so is a phrase of its own ("a woman whose beauty is beyond
     *       words, photo", "Eine Frau ohne Poren, weiches Licht");
     *       one removed from a comma list ("woman, stunning, 35mm") leaves the commas to the cleaner.</li>
     * </ul>
     */
    private static PhraseSet.Span removalSpan(String text, RuleMatch m, int negationEnd, int floor, int removedFrom, int removedTo,
                                              int ceiling) {
        int start = intensifierStart(text, m.start(), floor);
        int before = lastNonSpace(text, start - 1);
        int after = m.end();
        while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
            after++;
        }
        // words the removals right before take are no phrase this one is inside: in "beauty mode on masterpiece, ravissantes"
        // the clause goes whole and leaves its comma, or "ravissantes" would join it
        int kept = before >= 0 && before < removedTo ? lastNonSpace(text, removedFrom - 1) : before;
        boolean insidePhrase = kept >= 0 && Character.isLetterOrDigit(text.charAt(kept));
        // emoji and other symbols after it are no words it joins: "with beauty filter 😍" -> "😍", not "with 😍"
        int afterSymbols = pastSymbols(text, after);
        boolean clauseEnds = afterSymbols >= text.length()
                || (TextCleaner.SEPARATORS + TextCleaner.STOPS + ")]）\n\r").indexOf(text.charAt(afterSymbols)) >= 0;
        int connectorStart = wordStart(text, before + 1);
        String previous = text.substring(connectorStart, before + 1).toLowerCase(Locale.ROOT);
        if (insidePhrase && clauseEnds && connectorStart >= floor && ARTICLES.contains(previous)) {
            // a connector and an article left without their noun go: "a girl with a beauty filter" -> "a girl" (an
            // article alone may begin a phrase the comma continues: "a stunning, candid portrait")
            int end = lastNonSpace(text, connectorStart - 1);
            int connector = wordStart(text, end + 1);
            if (connector >= floor && connector <= end && CONNECTORS.contains(text.substring(connector, end + 1).toLowerCase(Locale.ROOT))) {
                return new PhraseSet.Span(connector, m.end());
            }
        }
        if (insidePhrase && clauseEnds && connectorStart >= floor && CONNECTORS.contains(previous)) {
            return new PhraseSet.Span(connectorStart, m.end());
        }
        Matcher next = CONJUNCTION.matcher(text).region(after, ceiling);
        // a match that begins its clause takes the conjunction after it too: "beautiful and elegant woman" -> "elegant woman"
        boolean beginsClause = before < 0 || (TextCleaner.SEPARATORS + TextCleaner.STOPS + "\n(").indexOf(text.charAt(before)) >= 0;
        if ((insidePhrase || (beginsClause && start >= floor)) && next.lookingAt()) {
            boolean distributes = negationEnd >= 0 && !next.group().toLowerCase(Locale.ROOT).startsWith("and")
                    && !next.group().startsWith("&");
            int from = start;
            if (distributes) {
                from = negationEnd;
                while (from < m.end() && Character.isWhitespace(text.charAt(from))) {
                    from++;
                }
            }
            return new PhraseSet.Span(from, next.end());
        }
        // a match that begins with a function word is a phrase of its own after the noun, whose comma ends the noun's item: "a
        // woman whose beauty is beyond words, photo", "a woman of rare beauty, in the rain"; so is one that begins with a
        // negation, the other languages' "without" too: "Eine Frau ohne Poren, weiches Licht" -> "Eine Frau, weiches Licht"
        boolean ownPhrase = RuleBook.FUNCTION_WORDS.contains(firstWord(m.text())) || negationEnd >= 0;
        return new PhraseSet.Span(start, insidePhrase && !ownPhrase && after < ceiling && text.charAt(after) == ',' ? after + 1 : m.end());
    }

    /**
     * A removal said after the person word that ends its list item leaves the comma that ends the item: "a woman flawless,
     * soft light" -> "a woman, soft light", not "a woman soft light" (the comma {@link #removalSpan} takes with a word removed
     * from inside a phrase, "a stunning, candid portrait", is then the item's own).
     */
    private PhraseSet.Span commaKeptAfterAPerson(String text, RuleMatch m, PhraseSet.Span cut) {
        if (cut.start() != intensifierStart(text, m.start(), 0) || cut.end() <= m.end() || text.charAt(cut.end() - 1) != ',') {
            return cut;
        }
        int before = lastNonSpace(text, cut.start() - 1);
        if (before < 0 || !Character.isLetter(text.charAt(before))) {
            return cut;
        }
        String word = text.substring(wordStart(text, before + 1), before + 1);
        return book.isPersonWord(word) ? new PhraseSet.Span(cut.start(), m.end()) : cut;
    }

    /**
     * Past the emoji and other symbols at {@code from} and the spaces between them (with the joiners and variation
     * selectors an emoji is written with): where the next word, separator or the end is.
     */
    private static int pastSymbols(String text, int from) {
        int at = from;
        while (at < text.length()) {
            int c = text.codePointAt(at);
            int type = Character.getType(c);
            if (c == ' ' || c == '\t' || type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL
                    || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
                at += Character.charCount(c);
            } else {
                break;
            }
        }
        return at;
    }

    /** The first word of a phrase, in small letters. */
    private static String firstWord(String phrase) {
        int end = 0;
        while (end < phrase.length() && Character.isLetter(phrase.charAt(end))) {
            end++;
        }
        return phrase.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /**
     * Where the word right before a match starts when the replacement begins with that same word ("editorial" of
     * "editorial beauty shot", replaced by "editorial shot"; also that word alone as the list item before, "editorial,
     * beauty shot"): the replacement takes its place, or the prompt would say it twice. {@code start} itself otherwise.
     */
    private static int repeatedWordStart(String text, int start, String replacement, int floor) {
        int end = lastNonSpace(text, start - 1);
        if (end < 0 || end + 1 == start) {
            return start;
        }
        boolean separated = TextCleaner.SEPARATORS.indexOf(text.charAt(end)) >= 0;
        if (!separated && ADJECTIVES_JOINED.contains(text.substring(wordStart(text, end + 1), end + 1).toLowerCase(Locale.ROOT))) {
            // "natural and flawless skin": the word is joined to the match as another adjective of its noun
            separated = true;
            end = wordStart(text, end + 1);
        }
        if (separated) {
            // "editorial, beauty shot": the word is a list item of its own, which the replacement then says whole
            end = lastNonSpace(text, end - 1);
            if (end < 0) {
                return start;
            }
        }
        int word = wordStart(text, end + 1);
        if (separated) {
            // the word begins its item, or its phrase after a function word other than an article: "with natural, flawless
            // skin" -> "with natural skin texture", not "with natural, natural skin texture" (2026-12-07); not one said of
            // something before it, "her makeup looks natural, flawless skin", nor a noun, "the editorial, beauty shot"
            int before = lastNonSpace(text, word - 1);
            String previous = before < 0 ? "" : text.substring(wordStart(text, before + 1), before + 1).toLowerCase(Locale.ROOT);
            if (before >= 0 && (TextCleaner.SEPARATORS + TextCleaner.STOPS + "\n").indexOf(text.charAt(before)) < 0
                    && (!RuleBook.FUNCTION_WORDS.contains(previous) || ARTICLES.contains(previous))) {
                return start;
            }
        }
        int firstEnd = 0;
        while (firstEnd < replacement.length() && Character.isLetter(replacement.charAt(firstEnd))) {
            firstEnd++;
        }
        boolean repeats = word >= floor && word <= end && firstEnd > 0
                && (word == 0 || !Character.isLetterOrDigit(text.charAt(word - 1)))
                && text.substring(word, end + 1).equalsIgnoreCase(replacement.substring(0, firstEnd));
        return repeats ? word : start;
    }

    /**
     * Where a match's cut ends when what follows it joins the replacement's last word to it again ("looks retouched but
     * natural", replaced by "natural"): the replacement says it, or the prompt would say it twice, "looks natural but
     * natural" (until 2026-12-07). {@code end} itself otherwise.
     */
    private static int repeatedWordEnd(String text, int end, String replacement, int ceiling) {
        int last = replacement.length();
        while (last > 0 && !Character.isLetter(replacement.charAt(last - 1))) {
            last--;
        }
        int first = last;
        while (first > 0 && Character.isLetter(replacement.charAt(first - 1))) {
            first--;
        }
        if (first == last) {
            return end;
        }
        Matcher joined = REPEATED_AFTER.matcher(text).region(end, ceiling);
        if (!joined.lookingAt()) {
            return end;
        }
        String word = joined.group(1);
        return word.equalsIgnoreCase(replacement.substring(first, last)) ? joined.end() : end;
    }

    /**
     * A word said of the person beside it goes with the spaces between them and nothing else: "una mujer preciosa, piel"
     * keeps its comma (a word removed from inside a phrase takes its comma, this one ends the phrase), "Piękna kobieta"
     * leaves "kobieta"; the other language's intensifiers before it go too ("eine sehr schöne Frau" -> "eine Frau").
     */
    private static PhraseSet.Span besidePersonSpan(String text, RuleMatch m, int intensifiersStart) {
        int start = intensifiersStart;
        while (start > 0 && text.charAt(start - 1) == ' ') {
            start--;
        }
        if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            return new PhraseSet.Span(start, m.end());
        }
        int end = m.end();
        while (end < text.length() && text.charAt(end) == ' ') {
            end++;
        }
        return new PhraseSet.Span(intensifiersStart, end);
    }

    /**
     * Where the words that only make a removed word stronger start, right before it: "really" of "a really beautiful
     * woman", "super" of "a super realistic photo" (left alone they would qualify the next word). {@code start} itself
     * when there are none.
     */
    private static int intensifierStart(String text, int start, int floor) {
        int from = start;
        while (true) {
            Matcher rating = RATING.matcher(text).region(Math.max(floor, from - RATING_LOOK_BACK), from).useTransparentBounds(true);
            if (from > floor && rating.find()) {
                from = rating.start(); // a score said of it: "a man, 10/10 gorgeous, portrait" -> "a man, portrait"
                continue;
            }
            int end = lastNonSpace(text, from - 1);
            int word = wordStart(text, end + 1);
            while (word >= 2 && text.charAt(word - 1) == '-' && Character.isLetter(text.charAt(word - 2))) {
                word = wordStart(text, word - 1); // "jaw-droppingly", "drop-dead": the hyphened word whole
            }
            if (end < 0 || word > end || word < floor || end + 1 == from
                    || !INTENSIFIERS.contains(text.substring(word, end + 1).toLowerCase(Locale.ROOT))
                    || (word > 0 && Character.isLetterOrDigit(text.charAt(word - 1)))) {
                return from;
            }
            from = word;
        }
    }

    /**
     * After an edit at {@code at}, makes an article right before it agree with the word now after it
     * ("a glamour portrait" -> "an editorial portrait", "an amazing woman" -> "a woman"). Only edit sites are touched.
     */
    private static void agreeArticle(StringBuilder text, int at) {
        int articleEnd = at;
        while (articleEnd > 0 && (text.charAt(articleEnd - 1) == ' ' || text.charAt(articleEnd - 1) == '\t')) {
            articleEnd--;
        }
        if (articleEnd == at) {
            return;
        }
        // no further back than "an" and one letter more: a run of unspaced Chinese before each cut was read whole
        int articleStart = articleEnd;
        while (articleStart > 0 && articleEnd - articleStart <= 2 && Character.isLetter(text.charAt(articleStart - 1))) {
            articleStart--;
        }
        if (articleEnd - articleStart > 2 || (articleStart > 0 && Character.isLetterOrDigit(text.charAt(articleStart - 1)))) {
            return;
        }
        String article = text.substring(articleStart, articleEnd);
        if (!article.equalsIgnoreCase("a") && !article.equalsIgnoreCase("an")) {
            return;
        }
        int next = at;
        while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
            next++;
        }
        if (next >= text.length() || !Character.isLetter(text.charAt(next))) {
            return;
        }
        boolean vowel = "aeiouAEIOU".indexOf(text.charAt(next)) >= 0;
        String agreed = (Character.isUpperCase(article.charAt(0)) ? "A" : "a") + (vowel ? "n" : "");
        text.replace(articleStart, articleEnd, agreed);
    }

    /**
     * Whether match {@code i} would be replaced by what the match right before it is replaced by ({@link #says}), joined
     * to it only by "and" or "or" in one of the vocabulary's languages or a comma: "z gładką skórą i idealną cerą",
     * "mit glatter Haut und makelloser Haut", "piel suave y piel perfecta" would each say "natural skin texture" twice.
     */
    private static boolean repeatsTheOneBefore(String text, List<RuleMatch> matches, List<String> replacements, int i) {
        if (i == 0 || replacements.get(i).isEmpty() || replacements.get(i - 1).isEmpty()) {
            return false;
        }
        RuleMatch before = matches.get(i - 1);
        RuleMatch m = matches.get(i);
        return says(before, replacements.get(i - 1)).equals(says(m, replacements.get(i)))
                && JOINED.matcher(text).region(before.end(), m.start()).matches();
    }

    /** What a replacement means: its rule's {@code says}, else the replacement itself. */
    private static String says(RuleMatch m, String replacement) {
        String says = m.rule().says();
        return (says == null || says.isBlank() ? replacement : says).toLowerCase(Locale.ROOT);
    }

    /**
     * Each match's replacement, except that a match standing as a whole comma clause (or the first item after a colon)
     * whose replacement would repeat a clause the prompt has (outside the matches) or another replacement gives, inside
     * a phrase or not, is removed instead: "porcelain skin, flawless complexion" gives one "natural skin texture", and so
     * do "smooth skin, natural skin texture" and "a woman with smooth skin, flawless complexion".
     */
    private static List<String> replacements(String text, List<RuleMatch> matches) {
        StringBuilder unmatched = new StringBuilder(text);
        for (RuleMatch m : matches) {
            unmatched.setCharAt(m.start(), '\0'); // a clause holding a match is not the prompt's own
        }
        Set<String> clauses = new HashSet<>();
        for (String clause : CLAUSE_SEPARATOR.split(unmatched.toString())) {
            if (clause.indexOf('\0') < 0) {
                clauses.add(EMPHASIS.matcher(clause).replaceAll("").strip().toLowerCase(Locale.ROOT));
            }
        }
        List<String> out = new ArrayList<>(matches.size());
        for (RuleMatch m : matches) {
            String to = replacementFor(text, m);
            // every replacement counts as said, a whole clause's or one inside a phrase ("a woman with smooth skin"), by
            // what it means: "z gładką skórą, idealna cera" says "natural skin texture" twice in two cases
            boolean said = !to.isEmpty() && !clauses.add(says(m, to));
            out.add(said && TextCleaner.isWholeClause(text, m.start(), m.end()) ? "" : to);
        }
        // a whole clause whose replacement is a word another replacement brings is said there: "glamour shot of a man,
        // glamour" gives one "editorial shot of a man"
        List<String> keys = new ArrayList<>(matches.size());
        List<Set<String>> brings = new ArrayList<>(matches.size());
        Map<String, Integer> bringers = new HashMap<>(); // per word, the replacements that bring it and are not it alone
        for (int j = 0; j < matches.size(); j++) {
            keys.add(clauseKey(out.get(j)));
            brings.add(newWords(matches.get(j), out.get(j)));
            count(bringers, brings.get(j), keys.get(j), 1);
        }
        for (int i = 0; i < matches.size(); i++) {
            String key = keys.get(i);
            if (key.isEmpty() || key.contains(" ") || !TextCleaner.isWholeClause(text, matches.get(i).start(), matches.get(i).end())) {
                continue;
            }
            if (bringers.getOrDefault(key, 0) > 0) { // never this one: its key is the word
                count(bringers, brings.get(i), key, -1); // removed, it brings nothing
                out.set(i, "");
                keys.set(i, "");
                brings.set(i, Set.of());
            }
        }
        return out;
    }

    /** Adds {@code by} to the count of each of {@code words} but {@code key}. */
    private static void count(Map<String, Integer> counts, Set<String> words, String key, int by) {
        for (String w : words) {
            if (!w.equals(key)) {
                counts.merge(w, by, Integer::sum);
            }
        }
    }

    /**
     * The match's replacement, in capitals for a match in capitals, in title case for a match in title case ("Flawless
     * Skin" -> "Natural Skin Texture"), with a capital initial for a match whose capital is its place's (it starts a
     * sentence or a clause, "Smooth skin, ..."); a capital
     * inside a phrase is the word's own, a German noun's ("mit Porzellanhaut"), which the replacement need not have.
     */
    private static String replacementFor(String text, RuleMatch m) {
        String to = m.rule().replaceWith();
        if (!to.isEmpty() && m.text().length() > 1 && m.text().equals(m.text().toUpperCase(Locale.ROOT))
                && !m.text().equals(m.text().toLowerCase(Locale.ROOT))) {
            return to.toUpperCase(Locale.ROOT); // "SMOOTH SKIN" in a prompt written in capitals
        }
        if (!to.isEmpty() && inTitleCase(text, m)) {
            return titleCase(to); // "Flawless Skin" -> "Natural Skin Texture", "3D Render Of" -> "Photograph Of"
        }
        if (!to.isEmpty() && Character.isUpperCase(m.text().charAt(0)) && startsClause(text, m.start())) {
            return Character.toUpperCase(to.charAt(0)) + to.substring(1);
        }
        return to;
    }

    /**
     * Whether the match is written in title case: each of its words that begins with a letter begins with a capital, and
     * there are two of them ("Flawless Skin", "3D Render Of": a word that begins with a digit says nothing), or the one
     * stands between two words that begin with one ("A Hyperrealistic Portrait"). A capital initial alone is its place's
     * or the word's own (a German noun's).
     */
    private static boolean inTitleCase(String text, RuleMatch m) {
        List<String> words = new ArrayList<>();
        Matcher word = TITLE_WORD.matcher(m.text());
        while (word.find()) {
            if (Character.isLetter(word.group().charAt(0))) {
                words.add(word.group());
            }
        }
        if (words.isEmpty() || !words.stream().allMatch(w -> Character.isUpperCase(w.charAt(0)))) {
            return false;
        }
        return words.size() > 1 || (capitalisedWordEndsAt(text, m.start()) && capitalisedWordStartsAt(text, m.end()));
    }

    /** Whether the word right before {@code at}, past spaces, begins with a capital letter. */
    private static boolean capitalisedWordEndsAt(String text, int at) {
        int end = at;
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        int start = wordStart(text, end);
        return end < at && start < end && (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                && Character.isUpperCase(text.charAt(start));
    }

    /** Whether the word right after {@code at}, past spaces, begins with a capital letter. */
    private static boolean capitalisedWordStartsAt(String text, int at) {
        int start = at;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        return start > at && start < text.length() && Character.isUpperCase(text.charAt(start));
    }

    /** Each word with a capital initial. */
    private static String titleCase(String words) {
        StringBuilder out = new StringBuilder(words);
        for (int i = 0; i < out.length(); i++) {
            if (Character.isLetter(out.charAt(i)) && (i == 0 || Character.isWhitespace(out.charAt(i - 1)))) {
                out.setCharAt(i, Character.toUpperCase(out.charAt(i)));
            }
        }
        return out.toString();
    }

    /** Whether nothing but a separator, a stop, an opening bracket or quote comes before {@code at} in its clause. */
    private static boolean startsClause(String text, int at) {
        int before = lastNonSpace(text, at - 1);
        return before < 0 || (TextCleaner.SEPARATORS + TextCleaner.STOPS + ":\n([{\"'“‘«").indexOf(text.charAt(before)) >= 0;
    }

    private static String keepLeadingCapital(String before, String after) {
        if (!before.isEmpty() && !after.isEmpty() && Character.isUpperCase(before.charAt(0))
                && Character.isLowerCase(after.charAt(0))) {
            return Character.toUpperCase(after.charAt(0)) + after.substring(1);
        }
        return after;
    }

    /** The last index at or before {@code from} that is not whitespace; -1 when there is none. */
    private static int lastNonSpace(String text, int from) {
        int i = from;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i;
    }

    /** Where the run of letters that ends just before {@code end} starts ({@code end} itself when there is none). */
    private static int wordStart(String text, int end) {
        int i = end;
        while (i > 0 && Character.isLetter(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
