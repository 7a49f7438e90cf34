package dev.dgmbench.suite.claims;

import dev.dgmbench.stats.Correction;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Claims over a study of which only some runs are done (a run with {@code --only}, a shard before the merge): a
 * claim is judged only when every planned run of its two groups is done; otherwise it is NOT_EVALUATED, saying how
 * many of its runs are missing, so a verdict is never drawn from a part of its evidence.
 */
public final class PartialClaims {
    private PartialClaims() {
    }

    /**
     * The claims whose groups are complete are judged as one family with {@code correction}; the others are tested
     * for their evidence but left NOT_EVALUATED and kept out of the family, so a partial run never changes the
     * adjustment of the claims it can judge.
     *
     * @param planned every run of the full plan: its id and grid point
     * @param done    the published runs of the plan
     */
    public static List<ClaimResult> evaluate(List<ClaimSpec> claims, Map<String, Map<String, Object>> planned,
                                             List<RunResult> done, Correction correction,
                                             java.util.function.Predicate<String> ncePriorSampler) {
        Set<String> doneIds = done.stream().map(r -> r.info().runId()).collect(Collectors.toSet());
        List<ClaimSpec> complete = new ArrayList<>();
        Map<ClaimSpec, String> incomplete = new java.util.IdentityHashMap<>();
        for (ClaimSpec c : claims) {
            List<String> needed = planned.entrySet().stream()
                    .filter(e -> matches(e.getValue(), c.selectorA()) || matches(e.getValue(), c.selectorB()))
                    .map(Map.Entry::getKey).toList();
            long missing = needed.stream().filter(id -> !doneIds.contains(id)).count();
            if (missing == 0) complete.add(c);
            else incomplete.put(c, "not judged: " + missing + " of the " + needed.size() + " runs of its groups are"
                    + " not done (a part of the study was run, e.g. with --only; run the whole study to judge it)");
        }
        List<ClaimResult> judged = ClaimEvaluator.evaluate(complete, done, correction, ncePriorSampler);
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimSpec c : claims) {
            String note = incomplete.get(c);
            if (note == null) {
                out.addAll(ofClaim(c, judged));
            } else {
                for (ClaimResult r : ClaimEvaluator.evaluate(List.of(c), done, Correction.NONE, ncePriorSampler)) out.add(notJudged(r, note));
            }
        }
        return out;
    }

    /** The results of one claim: its id alone, or its id with a slice, {@code id[beta=0.2]}. */
    private static List<ClaimResult> ofClaim(ClaimSpec c, List<ClaimResult> results) {
        return results.stream().filter(r -> r.id().equals(c.id()) || r.id().startsWith(c.id() + "[")).toList();
    }

    /** How many claims of {@code results} were left unjudged for missing runs. */
    public static long unjudged(List<ClaimResult> results) {
        return results.stream().filter(r -> r.note() != null && r.note().startsWith("not judged:")).count();
    }

    /** {@code r} left NOT_EVALUATED with {@code note} (its p-values and effect dropped), its evidence kept. */
    public static ClaimResult notJudged(ClaimResult r, String note) {
        double nan = Double.NaN;
        return new ClaimResult(r.id(), r.text(), r.metric(), r.direction(), r.test(), r.alpha(), r.minEffect(), r.a(),
                r.b(), nan, nan, nan, r.effectName(), ClaimResult.Verdict.NOT_EVALUATED, r.expected(), note);
    }

    private static boolean matches(Map<String, Object> gridPoint, Map<String, Object> selector) {
        for (Map.Entry<String, Object> e : selector.entrySet()) {
            if (e.getKey().equals(ClaimSpec.SAMPLER_KEY)) continue;
            if (!gridPoint.containsKey(e.getKey()) || !ClaimEvaluator.valueEquals(gridPoint.get(e.getKey()), e.getValue())) return false;
        }
        return true;
    }
}
