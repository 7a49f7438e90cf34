package dev.dgmbench.suite.plan;

import dev.dgmbench.models.prior.AnnealedNormaliser;
import dev.dgmbench.models.prior.SmcNormaliser;
import dev.dgmbench.models.prior.TemperatureSchedule;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.suite.spec.SamplerCatalogue;
import dev.dgmbench.suite.spec.StudySpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matrix products a finished run did, in FLOP (2 per multiply-add) by phase, counted from what it recorded:
 * its epochs, the NCE classifier's epochs, the normaliser's temperatures and each chain's steps. Divided by a
 * product throughput it is the run's arithmetic floor: what any implementation of the protocol must spend on its
 * products alone (elementwise work, the log-softmax, the optimiser and copies come on top). The multiply-adds per
 * pass are {@link CostModel}'s; unlike its estimate (a model fitted to timings), this counts every product,
 * including the NCE classifier on the NLL's importance samples.
 *
 * @param flops       FLOP by phase: train, nce (codes, classifier epochs, normaliser), nll, one entry per sampler
 *                    (chains and decoding), metrics (the evaluator's features)
 * @param assumptions what had to be assumed because the run did not record it (empty when nothing was)
 */
public record RunArithmetic(Map<String, Double> flops, List<String> assumptions) {
    /** Provenance key: the NCE classifier's training epochs. */
    public static final String NCE_EPOCHS = "nce_epochs";
    /** Provenance key: the temperatures the NCE normaliser walked (adaptive: chosen as it went). */
    public static final String NORMALISER_TEMPERATURES = "normaliser_temperatures";

    public double total() {
        return flops.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The products of {@code result}, a finished run whose configuration is {@code r}. */
    public static RunArithmetic of(ResolvedRun r, RunResult result) {
        Map<String, Double> macs = new LinkedHashMap<>();
        List<String> assumed = new ArrayList<>();
        StudySpec.Model m = r.model();
        StudySpec.Split split = r.dataset().split();
        int pixels = result.samples().width() * result.samples().height(), l = m.latent();
        double enc = CostModel.encoderMacs(pixels, m.hidden(), l), dec = CostModel.decoderMacs(pixels,
                CostModel.outputsPerPixel(r), m.hidden(), l);
        Map<String, Double> model = result.metrics().model();
        macs.put("train", model.getOrDefault("epochs", 0.0) * (enc + dec) * CostModel.trainingEpochPasses(split));

        StudySpec.Nce nce = r.prior().nce();
        double q = nce.enabled() ? CostModel.classifierMacs(nce, l) : 0;
        if (nce.enabled()) {
            String recorded = result.provenance().get(NCE_EPOCHS);
            double epochs = recorded != null ? Double.parseDouble(recorded) : nce.maxEpochs();
            if (recorded == null) assumed.add("NCE epochs not recorded: max_epochs (" + nce.maxEpochs() + ") counted");
            // codes of the training split, then per epoch: 2 x train examples fitted (3 passes), 2 x validation scored
            double training = enc * split.train() + epochs * q * (3.0 * 2 * split.train() + 2.0 * split.validation());
            macs.put("nce", training + normaliserMacs(nce, q, result, assumed));
        } else {
            macs.put("nce", 0.0);
        }
        macs.put("nll", split.test() * (enc + r.metrics().nll().importanceSamples() * (dec + q)));

        StudySpec.Samplers sm = r.samplers();
        double n = sm.samples(), metrics = 0, eval = CostModel.evaluatorMacs(pixels, r.metrics().evaluator().hidden());
        for (Map.Entry<String, Record> e : sm.settings().entrySet()) {
            SamplerCatalogue.Work w = SamplerCatalogue.of(e.getKey()).work(e.getValue());
            double steps = w.steps();
            if (w.autoMaxSteps() > 0) {
                Map<String, Double> sampled = result.metrics().samplers().getOrDefault(e.getKey(), Map.of());
                Double used = sampled.get("steps_used");
                if (used == null) assumed.add(e.getKey() + ": steps_used not recorded: max_steps counted");
                steps += used != null ? used : w.autoMaxSteps();
            }
            macs.put(e.getKey(), steps * n * w.classifierPassesPerStepAndSample() * q + w.classifierPasses() * q + n * dec);
            metrics += n * eval;
        }
        macs.put("metrics", metrics + r.metrics().sampleQuality().realSamples() * eval);
        Map<String, Double> flops = new LinkedHashMap<>();
        macs.forEach((k, v) -> flops.put(k, 2 * v));
        return new RunArithmetic(flops, assumed);
    }

    /** The normaliser's classifier passes: per particle or chain, each temperature's moves, as {@link CostModel} counts them. */
    private static double normaliserMacs(StudySpec.Nce nce, double q, RunResult result, List<String> assumed) {
        return switch (nce.normaliserOrDefault()) {
            case IMPORTANCE -> 0;
            case ANNEALED -> AnnealedNormaliser.CHAINS * CostModel.normaliserPasses(nce) * 3 * q;
            case SMC -> {
                double passes;
                String walked = result.provenance().get(NORMALISER_TEMPERATURES);
                if (nce.temperatures() != null) {
                    passes = CostModel.normaliserPasses(nce);
                } else if (walked != null) {
                    passes = Double.parseDouble(walked) * TemperatureSchedule.DEFAULT.moves();
                } else {
                    passes = CostModel.normaliserPasses(nce);
                    assumed.add("normaliser temperatures not recorded: " + CostModel.ADAPTIVE_TEMPERATURES + " counted");
                }
                yield SmcNormaliser.REPLICATES * SmcNormaliser.PARTICLES * passes * 3 * q;
            }
        };
    }
}
