package dev.dgmbench.metrics.quality;

import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All sample-quality metrics of one set of generated images against held-out real images, in the evaluator's
 * feature space (Frechet distance, KID, precision/recall/density/coverage) and in pixel space (sharpness), plus
 * class coverage. Returns a flat map of metric name to value, with the sample sizes used.
 */
public final class SampleQuality {
    private SampleQuality() {
    }

    /**
     * @param probabilities the decoder's per-pixel distributions of the generated images, flat [n][D][K]
     */
    public static Map<String, Double> evaluate(EvaluatorNetwork evaluator, int[][] real, int[][] generated,
                                               float[] probabilities, int width, int height, int levels,
                                               SampleQualityConfig cfg, long seed) {
        return evaluate(evaluator, new ReferenceFeatures(evaluator.features(real)), generated, probabilities, width, height,
                levels, cfg, seed);
    }

    /**
     * As above, against the real images' features and their statistics computed once by the caller
     * ({@link EvaluatorNetwork#features}, {@link ReferenceFeatures}, shared), so judging several samplers and runs
     * against the same real set does not recompute them.
     */
    public static Map<String, Double> evaluate(EvaluatorNetwork evaluator, ReferenceFeatures fr, int[][] generated,
                                               float[] probabilities, int width, int height, int levels,
                                               SampleQualityConfig cfg, long seed) {
        double[][] fg = evaluator.features(generated);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("frechet", FrechetDistance.of(fr, fg).value());
        KernelInceptionDistance kid = KernelInceptionDistance.of(fr, fg, cfg.kidSubsets(), cfg.kidSubsetSize(), seed);
        m.put("kid", kid.mean());
        m.put("kid_sd", kid.sd());
        PrecisionRecallDensityCoverage prdc = PrecisionRecallDensityCoverage.of(fr, fg, cfg.prK(), cfg.dcK());
        m.put("precision", prdc.precision());
        m.put("recall", prdc.recall());
        m.put("density", prdc.density());
        m.put("coverage", prdc.coverage());
        if (probabilities != null) {
            m.put("pixel_entropy", Sharpness.meanPixelEntropy(probabilities, generated.length, width * height, levels).meanNats());
        }
        m.put("gradient_energy", Sharpness.meanGradientEnergy(scaled(generated, levels), width, height).mean());
        ClassCoverage cc = ClassCoverage.of(evaluator.probabilities(generated));
        m.put("class_tv", cc.tvToUniform());
        m.put("class_kl", cc.klToUniform());
        m.put("confidence", cc.meanConfidence());
        m.put("inception_score", cc.inceptionScore());
        m.put("n_generated", (double) generated.length);
        m.put("n_real", (double) fr.size());
        return m;
    }

    static double[][] scaled(int[][] images, int levels) {
        double[][] out = new double[images.length][];
        for (int i = 0; i < images.length; i++) {
            out[i] = new double[images[i].length];
            for (int j = 0; j < images[i].length; j++) out[i][j] = images[i][j] / (double) (levels - 1);
        }
        return out;
    }
}
