package dev.dgmbench.suite.plan;

import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.SampleSets;
import dev.dgmbench.suite.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The products of a seed-fashion10 run (beta 0.2, latent 50: 28 x 28 pixels of 10 levels, hidden 256, NCE 256-256),
 * counted by hand from the layer sizes: encoder 784*256 + 256*256 + 256*100 = 291,840 multiply-adds an image,
 * decoder 50*256 + 256*256 + 256*7840 = 2,085,376 a code, classifier 50*256 + 256*256 + 256 = 78,592 a code
 * (docs/performance.md: the NLL's decoder 8.34 TFLOP and classifier 0.31 TFLOP on its 2,000,000 codes).
 */
class RunArithmeticTest {
    private static final double ENC = 291_840, DEC = 2_085_376, Q = 78_592;

    private static RunResult finished(ResolvedRun r, Map<String, String> provenance) {
        RunMetrics metrics = new RunMetrics(Map.of("epochs", 51.0),
                Map.of("langevin", Map.of("steps_used", 400.0), "mala", Map.of("steps_used", 200.0)));
        RunInfo info = new RunInfo("run", "seed-fashion10", "d", Map.of(), 1, "cpu", RunStatus.OK, null, r.toMap(), "", "");
        return new RunResult(info, metrics, List.of(), Map.of(), provenance, new SampleSets(28, 28, 10, Map.of()), Map.of(), "");
    }

    private static ResolvedRun fashionRun() {
        return Planner.plan(SpecLoader.loadShipped("seed-fashion10", false))
                .find("beta=0.2_latent=50_seed=1").orElseThrow().config();
    }

    @Test
    void countsEveryProductOfAFashionRunFromWhatItRecorded() {
        ResolvedRun r = fashionRun();
        RunArithmetic a = RunArithmetic.of(r, finished(r, Map.of("nce_epochs", "30", "normaliser_temperatures", "40")));
        Map<String, Double> f = a.flops();
        assertTrue(a.assumptions().isEmpty(), a.assumptions()::toString);
        // 51 epochs: fit 3 passes x 10,000 images, measured on 2,000 validation and 2,000 training images
        assertEquals(2 * 51 * (ENC + DEC) * (3 * 10_000 + 2_000 + 2_000), f.get("train"), 1);
        // 2,000 test images: an encoder pass, then 1,000 codes through the decoder and the classifier
        assertEquals(2 * 2_000 * (ENC + 1_000 * (DEC + Q)), f.get("nll"), 1);
        assertEquals(8.34e12, 2 * 2_000 * 1_000 * DEC, 0.01e12);
        // codes of the training split; 30 epochs of 20,000 examples fitted and 4,000 held out scored; SMC: 8 x 128
        // particles x 40 temperatures x 5 moves x 3 passes
        assertEquals(2 * (ENC * 10_000 + 30 * Q * (3 * 20_000 + 4_000) + 8 * 128 * 40 * 5 * 3 * Q), f.get("nce"), 1);
        // 12 replicas: Langevin 3 passes per step, (200 burn-in + 400) steps of 512 chains; MALA 4 passes, 200 + 200
        assertEquals(2 * (600 * 512 * 3 * 12 * Q + 512 * DEC), f.get("langevin"), 1);
        assertEquals(2 * (400 * 512 * 4 * 12 * Q + 512 * DEC), f.get("mala"), 1);
        assertEquals(2 * 512 * DEC, f.get("prior"), 1);
        assertEquals(2 * 512 * DEC, f.get("sir"), 1, "SIR on the SMC particles: decoding only");
        double evaluator = 784 * 256 + 256 * 256 + 256 * 10;
        assertEquals(2 * (4 * 512 + 2_000) * evaluator, f.get("metrics"), 1);
        assertEquals(f.values().stream().mapToDouble(Double::doubleValue).sum(), a.total(), 1);
    }

    @Test
    void whatARunDidNotRecordIsAssumedAndSaid() {
        ResolvedRun r = fashionRun();
        RunArithmetic a = RunArithmetic.of(r, finished(r, Map.of()));
        assertEquals(List.of("NCE epochs not recorded: max_epochs (100) counted",
                "normaliser temperatures not recorded: 40 counted"), a.assumptions());
        assertEquals(2 * (ENC * 10_000 + 100 * Q * (3 * 20_000 + 4_000) + 8 * 128 * 40 * 5 * 3 * Q), a.flops().get("nce"), 1);
    }
}
