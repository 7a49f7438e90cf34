package dev.dgmbench.suite.claims;

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
     * @param planned every run of the full plan: its id and grid point
     * @param done    the published runs of the plan
     */
    public static List<ClaimResult> evaluate(List<ClaimSpec> claims, Map<String, Map<String, Object>> planned,
                                             List<RunResult> done) {
        Set<String> doneIds = done.stream().map(r -> r.info().runId()).collect(Collectors.toSet());
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimSpec c : claims) {
            List<String> needed = planned.entrySet().stream()
                    .filter(e -> matches(e.getValue(), c.selectorA()) || matches(e.getValue(), c.selectorB()))
                    .map(Map.Entry::getKey).toList();
            long missing = needed.stream().filter(id -> !doneIds.contains(id)).count();
            List<ClaimResult> results = ClaimEvaluator.evaluate(c, done);
            if (missing == 0) {
                out.addAll(results);
                continue;
            }
            String note = "not judged: " + missing + " of the " + needed.size() + " runs of its groups are not done"
                    + " (a part of the study was run, e.g. with --only; run the whole study to judge it)";
            for (ClaimResult r : results) out.add(notJudged(r, note));
        }
        return out;
    }

    /** How many claims of {@code results} were left unjudged for missing runs. */
    public static long unjudged(List<ClaimResult> results) {
        return results.stream().filter(r -> r.note() != null && r.note().startsWith("not judged:")).count();
    }

    private static ClaimResult notJudged(ClaimResult r, String note) {
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
