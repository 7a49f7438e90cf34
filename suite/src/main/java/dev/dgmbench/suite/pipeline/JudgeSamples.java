package dev.dgmbench.suite.pipeline;

import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;
import dev.dgmbench.metrics.quality.SampleQuality;
import dev.dgmbench.metrics.quality.ReferenceFeatures;
import dev.dgmbench.metrics.quality.SampleQualityConfig;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.Map;
import java.util.TreeMap;

/**
 * Step 5: judge each sampler's images against the test split's in the evaluator network's features (Fréchet,
 * KID, precision/recall, density/coverage, class coverage) and by sharpness; the sampler's own diagnostics join
 * its metrics. The real images' features, and what the metrics compute from them alone, are computed once per
 * worker for each real-set size and shared by its runs and threads ({@link ReferenceFeatures}; the same bits as
 * computing them per sampler).
 */
public final class JudgeSamples {
    private final EvaluatorNetwork evaluator;
    private final StudyInputs data;
    /** Per real_samples: the first that many test images' features and statistics (the evaluator is fixed). */
    private final Map<Integer, ReferenceFeatures> references = new java.util.concurrent.ConcurrentHashMap<>();

    public JudgeSamples(EvaluatorNetwork evaluator, StudyInputs data) {
        this.evaluator = evaluator;
        this.data = data;
    }

    /** The test images the samples are compared with: the first {@code real_samples}. */
    public int[][] realImages(PlannedRun run) {
        return RecordRun.firstImages(data.splits().test().images(), run.config().metrics().sampleQuality().realSamples());
    }

    /** Metrics by sampler name. */
    public Map<String, Map<String, Double>> judge(PlannedRun run, java.util.List<DrawSamples.Drawn> drawn) {
        StudySpec.SampleQuality q = run.config().metrics().sampleQuality();
        SampleQualityConfig qc = new SampleQualityConfig(q.kidSubsets(), q.kidSubsetSize(), q.precisionRecallK(), q.densityCoverageK());
        ReferenceFeatures realFeatures = references.computeIfAbsent(q.realSamples(),
                n -> new ReferenceFeatures(evaluator.features(realImages(run)), true));
        Map<String, Map<String, Double>> out = new TreeMap<>();
        var test = data.splits().test();
        for (DrawSamples.Drawn d : drawn) {
            Map<String, Double> m = new TreeMap<>(SampleQuality.evaluate(evaluator, realFeatures, d.images().images(),
                    d.images().probabilities(), test.width(), test.height(), test.levels(), qc, run.seed()));
            d.output().diagnostics().forEach((key, v) -> {
                if (!key.equals("steps_per_second")) m.put(key, v);
            });
            out.put(d.sampler(), m);
        }
        return out;
    }
}
