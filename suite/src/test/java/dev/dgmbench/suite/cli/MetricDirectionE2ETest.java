package dev.dgmbench.suite.cli;

import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every catalogued model metric with a better direction points the way the computed numbers do. A study through the
 * CLI trains, for one seed, a beta-VAE and its NCE classifier each either properly (learning rate 1e-2) or not at all
 * (learning rate 1e-9: Adam moves a weight by about the learning rate per step, so the weights stay at their
 * initial values). The trained pair must score better, per {@link Metric#better()}, than the untrained VAE on every
 * metric of the VAE, and than the untrained classifier (same trained VAE) on the classifier's metrics. A metric whose
 * catalogued direction is inverted (as {@code elbo} was, issue 26) fails here.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MetricDirectionE2ETest {
    private static final double TRAINED = 1e-2, UNTRAINED = 1e-9;

    @TempDir
    Path tmp;

    @Test
    void aBetterModelScoresBetterOnEveryDirectedModelMetric() {
        Path spec = E2E.tinySpec(tmp, "direction.yaml", text -> text
                .replace("  max_epochs: 3\n  patience: 2", "  max_epochs: 12\n  patience: 12")
                .replace("    hidden: [8]\n    max_epochs: 2", "    hidden: [16]\n    max_epochs: 8")
                .replace("  model.beta: [0.2, 1.0]", "  training.learning_rate: [" + UNTRAINED + ", " + TRAINED + "]\n"
                        + "  prior.nce.learning_rate: [" + UNTRAINED + ", " + TRAINED + "]")
                .replace("seeds: [1, 2]", "seeds: [1]")
                .replaceAll("(?s)claims:.*", "claims: []\n"));
        Path out = tmp.resolve("out");
        E2E.run(spec, out, 1);
        List<RunResult> runs = StudyResults.read(out).runs();
        assertEquals(4, runs.size());
        RunResult best = run(runs, TRAINED, TRAINED), vaeUntrained = run(runs, UNTRAINED, TRAINED),
                nceUntrained = run(runs, TRAINED, UNTRAINED);

        List<String> checked = new ArrayList<>();
        for (Metric m : MetricCatalogue.modelMetrics()) {
            if (m.better() == Metric.Better.NEITHER) continue;
            RunResult worse = m.family() == Metric.Family.CLASSIFIER ? nceUntrained : vaeUntrained;
            double good = best.metrics().model().get(m.name()), bad = worse.metrics().model().get(m.name());
            boolean better = m.better() == Metric.Better.LOWER ? good < bad : good > bad;
            assertTrue(better, m.name() + " (" + m.label() + ", " + m.betterText() + "): trained " + good
                    + ", untrained " + bad);
            checked.add(m.name());
        }
        // nce_log_z_ess: the normaliser's proposal is the defensive aggregate-posterior mixture, which the tilted prior
        // p e^f / Z approaches as the classifier learns the ratio q / p, so the trained classifier's weights are
        // flatter (higher ESS) than the untrained one's
        assertEquals(List.of("nll", "nll_nce", "re", "elbo", "loss", "bpd", "nce_accuracy", "nce_loss", "nce_log_z_ess"), checked,
                "every directed model metric was checked");
    }

    private static RunResult run(List<RunResult> runs, double vaeRate, double nceRate) {
        return runs.stream().filter(r -> rate(r, "training.learning_rate") == vaeRate
                        && rate(r, "prior.nce.learning_rate") == nceRate)
                .findFirst().orElseThrow(() -> new AssertionError("no run with learning rates " + vaeRate + ", " + nceRate));
    }

    private static double rate(RunResult r, String key) {
        return ((Number) r.info().gridPoint().get(key)).doubleValue();
    }
}
