package dev.dgmbench.suite.plan;

import dev.dgmbench.models.sampling.ChainLength;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far early stopping and {@code steps: auto} will let a run go, which the cost model cannot count from the spec
 * alone: training ends {@code patience} epochs after its best epoch (at most {@code max_epochs}), chains at the first
 * block of {@link ChainLength#BLOCK} steps whose diagnostics pass (at most {@code max_steps}).
 *
 * <p>Three forecasts, from the most to the least informed: the means of the study's runs already finished
 * ({@link #observed}: their {@code epochs} and {@code steps_used}); a rule of thumb from the shipped studies
 * ({@link #RULE_OF_THUMB}); and the caps ({@link #UPPER_BOUND}), which a study reaches only when nothing stops early.
 *
 * @param meanEpochs  epochs of training per run (NaN: the rule of thumb)
 * @param meanSteps   steps after burn-in per {@code steps: auto} sampler (a sampler not here: the rule of thumb)
 * @param upperBound  every phase to its cap
 * @param source      where the forecast comes from, in words
 */
public record StoppingForecast(double meanEpochs, Map<String, Double> meanSteps, boolean upperBound, String source) {
    /**
     * Best validation epoch assumed when no run of the study has finished: the shipped studies' runs peak at epoch
     * 25-81 (seed-digits, mean 48; Fashion-MNIST at 10 levels 30-45), so 40, and training ends {@code patience}
     * epochs later. seed-digits (patience 20) then costs 60 epochs a run against 68 measured; quick (max_epochs 30)
     * its cap, where all its runs stop.
     */
    static final int BEST_EPOCH_RULE = 40;
    /** Blocks of a {@code steps: auto} chain assumed: seed-digits' chains stopped after 200-400 steps (mean 230). */
    static final int CHAIN_BLOCKS_RULE = 3;

    public static final StoppingForecast UPPER_BOUND = new StoppingForecast(Double.NaN, Map.of(), true,
            "an upper bound: training to max_epochs and chains to max_steps");
    public static final StoppingForecast RULE_OF_THUMB = new StoppingForecast(Double.NaN, Map.of(), false,
            "early stopping forecast by a rule of thumb (best epoch " + BEST_EPOCH_RULE + ", then patience; chains "
                    + CHAIN_BLOCKS_RULE + " blocks of " + ChainLength.BLOCK + " steps); no run of this study has"
                    + " finished here to learn from");

    public StoppingForecast {
        meanSteps = Map.copyOf(meanSteps);
    }

    /** The means of finished runs' epochs and {@code steps_used}; the rule of thumb where they have none. */
    public static StoppingForecast observed(List<RunMetrics> finished) {
        double epochs = 0;
        int withEpochs = 0;
        Map<String, double[]> steps = new LinkedHashMap<>();
        for (RunMetrics r : finished) {
            Double e = r.model().get("epochs");
            if (e != null && e > 0) {
                epochs += e;
                withEpochs++;
            }
            r.samplers().forEach((sampler, m) -> {
                Double s = m.get("steps_used");
                if (s != null && s > 0) {
                    double[] sum = steps.computeIfAbsent(sampler, k -> new double[2]);
                    sum[0] += s;
                    sum[1]++;
                }
            });
        }
        if (withEpochs == 0) return RULE_OF_THUMB;
        Map<String, Double> mean = new LinkedHashMap<>();
        steps.forEach((k, v) -> mean.put(k, v[0] / v[1]));
        return new StoppingForecast(epochs / withEpochs, mean, false, String.format(Locale.ROOT, "early stopping"
                + " forecast from the %d run(s) of this study finished here (%.0f epochs a run%s)", withEpochs,
                epochs / withEpochs, mean.isEmpty() ? "" : ", chains " + describe(mean)));
    }

    /** Training epochs of a run with these settings. */
    public double trainEpochs(StudySpec.Training t) {
        if (upperBound) return t.maxEpochs();
        if (!Double.isNaN(meanEpochs)) return Math.min(t.maxEpochs(), meanEpochs);
        return Math.min(t.maxEpochs(), BEST_EPOCH_RULE + t.patience());
    }

    /** Epochs of the NCE classifier (its epochs are not recorded, so always the rule of thumb or the cap). */
    public double nceEpochs(StudySpec.Nce n) {
        return upperBound ? n.maxEpochs() : Math.min(n.maxEpochs(), BEST_EPOCH_RULE + n.patience());
    }

    /** Steps after burn-in of a {@code steps: auto} chain capped at {@code maxSteps}. */
    public double autoSteps(String sampler, double maxSteps) {
        if (upperBound) return maxSteps;
        Double seen = meanSteps.get(sampler);
        return Math.min(maxSteps, seen != null ? seen : CHAIN_BLOCKS_RULE * ChainLength.BLOCK);
    }

    private static String describe(Map<String, Double> steps) {
        StringBuilder b = new StringBuilder();
        steps.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k)
                .append(String.format(Locale.ROOT, " %.0f steps", v)));
        return b.toString();
    }
}
