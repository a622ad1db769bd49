package io.realskin.prompt.service;

import io.realskin.contracts.prompt.ImageModel;
import io.realskin.contracts.prompt.Need;
import io.realskin.contracts.prompt.Phase;
import io.realskin.contracts.prompt.Plan;
import io.realskin.contracts.prompt.Recommendation;
import io.realskin.contracts.prompt.WireValue;
import io.realskin.support.problem.Problem;
import io.realskin.support.problem.ProblemTypes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks a model: the cheapest good-enough one for ideation, the best skin for the final render, always
 * within the plan and with the needed capabilities. Models flagged "avoid for photoreal skin" are never
 * recommended. Models whose provider is configured are preferred; when none is, the pick is still made
 * from the catalogue and a note says so.
 */
@Singleton
public class ModelRecommender {

    private static final Comparator<ImageModel> BEST_SKIN = Comparator.comparingInt(ImageModel::skinRealismRank);
    private static final Comparator<ImageModel> CHEAPEST = Comparator.comparingDouble(ImageModel::relativeCost)
            .thenComparing(BEST_SKIN);

    private final ModelCatalog catalog;

    @Inject
    public ModelRecommender(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public Recommendation recommend(Phase phase, Set<Need> needs, Plan plan) {
        if (needs.contains(Need.REFERENCE) && needs.contains(Need.INPAINT)) {
            // a model may have both (gpt-image-2), but no job uses both: skin-inpaint takes no referenceImages
            throw Problem.of(ProblemTypes.NO_MATCHING_MODEL, "No job uses reference images and inpainting together: a skin-inpaint "
                            + "job takes no referenceImages, so no model is recommended for both on any plan; ask for reference "
                            + "(a generate job) or inpaint (a skin-inpaint job)")
                    .with("phase", phase.wire()).with("needs", needs.stream().map(WireValue::wire).sorted().toList()).with("plan", plan.wire())
                    .exception();
        }
        List<ImageModel> eligible = catalog.models().stream()
                .filter(m -> !m.avoidForPhotorealSkin())
                .filter(m -> plan.includes(m.planRequired()))
                .filter(m -> needs.stream().allMatch(m::has))
                .filter(m -> needs.contains(Need.INPAINT) || m.generates()) // without inpainting, the job generates
                .toList();
        if (eligible.isEmpty()) {
            throw Problem.of(ProblemTypes.NO_MATCHING_MODEL, "No recommended model offers " + describe(needs) + " on plan " + plan.wire()
                            + (plan.paid() ? "" : "; paid plans include every model"))
                    .with("phase", phase.wire()).with("needs", needs.stream().map(WireValue::wire).sorted().toList()).with("plan", plan.wire())
                    .exception();
        }
        List<String> notes = new ArrayList<>();
        List<ImageModel> pool = eligible.stream().filter(ImageModel::available).toList();
        if (pool.isEmpty()) {
            pool = eligible;
            notes.add("No provider of an eligible model is configured on this deployment; the pick is from the catalogue "
                    + "and jobs on it will fail until its provider key is set.");
        }
        Comparator<ImageModel> order = phase == Phase.IDEATION ? CHEAPEST : BEST_SKIN;
        List<ImageModel> ranked = pool.stream().sorted(order).toList();
        ImageModel chosen = ranked.get(0);
        String why = phase == Phase.IDEATION
                ? "Cheapest eligible model (relative cost " + chosen.relativeCost() + ", skin rank " + chosen.skinRealismRank()
                        + "): explore variations here, then final-render the winners on the best-skin model."
                : "Best skin realism (rank " + chosen.skinRealismRank() + ") among the eligible models: the final render "
                        + "is where pore-level skin pays for the higher cost.";
        if (phase == Phase.IDEATION) {
            pool.stream().min(BEST_SKIN).filter(best -> !best.id().equals(chosen.id()))
                    .ifPresent(best -> notes.add("Final-render winners on " + best.displayName() + " (" + best.id() + ")."));
        }
        upgradeHint(needs, plan, chosen).ifPresent(notes::add);
        List<Recommendation.Alternative> alternatives = ranked.stream().skip(1)
                .map(m -> new Recommendation.Alternative(m.id(), m.displayName(), tradeOff(m, chosen)))
                .toList();
        return new Recommendation(phase, plan, needs.stream().sorted().toList(), chosen, why, alternatives, notes);
    }

    private Optional<String> upgradeHint(Set<Need> needs, Plan plan, ImageModel chosen) {
        if (plan.paid()) {
            return Optional.empty();
        }
        return catalog.models().stream()
                .filter(m -> !m.avoidForPhotorealSkin() && needs.stream().allMatch(m::has))
                .filter(m -> needs.contains(Need.INPAINT) || m.generates())
                .filter(ImageModel::available) // a model this deployment cannot run is no reason to upgrade
                .filter(m -> !plan.includes(m.planRequired()))
                .filter(m -> m.skinRealismRank() < chosen.skinRealismRank())
                .min(BEST_SKIN)
                .map(m -> m.displayName() + ", skin rank " + m.skinRealismRank() + ", needs plan "
                        + m.planRequired().wire() + " or above.");
    }

    private static String tradeOff(ImageModel m, ImageModel chosen) {
        String skin = m.skinRealismRank() < chosen.skinRealismRank() ? "better skin" : "weaker skin";
        String cost = m.relativeCost() < chosen.relativeCost() ? "cheaper"
                : m.relativeCost() > chosen.relativeCost() ? "dearer" : "same cost";
        String speed = m.typicalLatencySeconds() < chosen.typicalLatencySeconds() ? "faster"
                : m.typicalLatencySeconds() > chosen.typicalLatencySeconds() ? "slower" : "as fast";
        return skin + " (rank " + m.skinRealismRank() + "), " + cost + " (" + m.relativeCost() + "), " + speed
                + " (~" + m.typicalLatencySeconds() + " s)" + (m.available() ? "" : ", provider not configured");
    }

    private static String describe(Set<Need> needs) {
        if (needs.isEmpty()) {
            return "photoreal skin";
        }
        return String.join(" and ", needs.stream().map(n -> n == Need.REFERENCE ? "reference images" : "inpainting").sorted().toList());
    }
}
