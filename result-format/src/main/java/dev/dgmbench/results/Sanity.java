package dev.dgmbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sanity checks of a finished run whose failure makes its numbers, and any verdict on them, suspect; thresholds and
 * reasons in docs/validity.md ("Sanity warnings"). Claims name the warnings of their groups' runs, the terminal and
 * the study report list them for the study.
 */
public final class Sanity {
    /** Below ln 10 nats the code carries less information about an image than the digit's (or garment's) class. */
    public static final double COLLAPSE_KL = Math.log(10);
    /** The best validation loss must be this much (relatively) below the first epoch's to count as improvement. */
    public static final double MIN_IMPROVEMENT = 0.001;
    /** An NCE classifier this accurate separates the two code sets: exp(logit) is no usable density ratio. */
    public static final double NCE_SEPARABLE_ACCURACY = 0.99;

    /** What a check found wrong; {@code nceOnly}: it touches only the NCE prior's metrics and samplers. */
    public enum Check {
        POSTERIOR_COLLAPSE("posterior collapse", false),
        NO_IMPROVEMENT("no improvement in training", false),
        STOPPED_AT_CAP("stopped at max_epochs while improving", false),
        NCE_SEPARABLE("NCE classifier separates the codes", true),
        NON_FINITE("non-finite metrics", false);

        private final String label;
        private final boolean nceOnly;

        Check(String label, boolean nceOnly) {
            this.label = label;
            this.nceOnly = nceOnly;
        }

        public String label() {
            return label;
        }
    }

    /** One check that failed on one run, with the numbers. */
    public record Finding(Check check, String runId, String detail) {
    }

    private Sanity() {
    }

    /** The checks an OK run fails (none for failed runs, which are reported as failures). */
    public static List<Finding> of(RunResult run) {
        List<Finding> out = new ArrayList<>();
        if (run.info().status() != RunStatus.OK || run.metrics() == null) return out;
        String id = run.info().runId();
        Map<String, Double> model = run.metrics().model();
        Double kl = model.get("kl");
        if (kl != null && kl < COLLAPSE_KL) {
            out.add(new Finding(Check.POSTERIOR_COLLAPSE, id, fmt("KL %.3g nats < ln 10 = 2.30", kl)));
        }
        List<EpochRecord> h = run.history();
        if (h != null && h.size() >= 2) {
            double first = h.get(0).valLoss(), best = h.stream().mapToDouble(EpochRecord::valLoss).min().orElse(first);
            if (Double.isFinite(first) && !(first - best > MIN_IMPROVEMENT * Math.abs(first))) {
                out.add(new Finding(Check.NO_IMPROVEMENT, id, fmt("best validation loss %.5g within 0.1%% of epoch 1's %.5g", best, first)));
            }
        }
        Double epochs = model.get("epochs"), bestEpoch = model.get("best_epoch");
        if (epochs != null && bestEpoch != null && epochs > 1 && bestEpoch.equals(epochs)) {
            out.add(new Finding(Check.STOPPED_AT_CAP, id, fmt("best epoch = last epoch = %.0f", epochs)));
        }
        Double acc = model.get("nce_accuracy");
        if (acc != null && acc >= NCE_SEPARABLE_ACCURACY) {
            out.add(new Finding(Check.NCE_SEPARABLE, id, fmt("accuracy %.4f >= 0.99: the density ratio is unusable", acc)));
        }
        int values = 0, bad = 0;
        for (Double v : model.values()) {
            values++;
            if (v == null || !Double.isFinite(v)) bad++;
        }
        for (Map<String, Double> m : run.metrics().samplers().values()) {
            for (Double v : m.values()) {
                values++;
                if (v == null || !Double.isFinite(v)) bad++;
            }
        }
        if (bad > 0) out.add(new Finding(Check.NON_FINITE, id, bad + " of " + values + " metrics NaN or infinite"));
        return out;
    }

    /**
     * Whether a finding bears on a claim about {@code metric}: a model metric, or a metric of a sampler that draws
     * from the NCE prior ({@code nceSampler}, known to the suite's sampler catalogue) or not.
     */
    public static boolean touches(Check check, String metric, boolean nceSampler) {
        if (!check.nceOnly) return true;
        boolean nceMetric = MetricCatalogue.find(Metric.Scope.MODEL, metric).map(Metric::needsNce).orElse(false);
        return nceMetric || nceSampler;
    }

    /**
     * One line per check that some of {@code runs} fail: {@code "<who>: posterior collapse in 2 of 4 runs (id: detail;
     * and 1 more)"}, or none. {@code relevant} filters the checks (e.g. to those touching a claim).
     */
    public static List<String> summarize(String who, List<RunResult> runs, java.util.function.Predicate<Check> relevant) {
        Map<Check, List<Finding>> byCheck = new LinkedHashMap<>();
        for (Check c : Check.values()) byCheck.put(c, new ArrayList<>());
        int ok = 0;
        for (RunResult r : runs) {
            if (r.info().status() != RunStatus.OK) continue;
            ok++;
            for (Finding f : of(r)) if (relevant.test(f.check())) byCheck.get(f.check()).add(f);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<Check, List<Finding>> e : byCheck.entrySet()) {
            List<Finding> fs = e.getValue();
            if (fs.isEmpty()) continue;
            Finding first = fs.get(0);
            out.add(who + e.getKey().label() + " in " + fs.size() + " of " + ok + " run" + (ok == 1 ? "" : "s") + " ("
                    + first.runId() + ": " + first.detail() + (fs.size() > 1 ? "; and " + (fs.size() - 1) + " more" : "") + ")");
        }
        return out;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
