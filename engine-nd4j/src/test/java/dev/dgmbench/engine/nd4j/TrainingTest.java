package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.engine.train.EpochStats;
import dev.dgmbench.engine.train.TrainConfig;
import dev.dgmbench.engine.train.TrainingResult;
import dev.dgmbench.engine.train.VaeTraining;
import dev.dgmbench.models.data.DataSource;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;
import dev.dgmbench.models.io.WeightFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The shared training loop on every engine: the loss falls, seeds repeat bit for bit, early stopping restores. */
class TrainingTest {
    static ImageSet train, validation;
    static final VaeShape SHAPE = new VaeShape(64, 17, 64, 16, Likelihood.CATEGORICAL, 1.0);

    @BeforeAll
    static void data() {
        Splits s = DataSource.digits().load();
        train = ImageSet.of(s.train());
        validation = ImageSet.of(s.validation());
    }

    static VaeModel trained(String engine, long seed, TrainingResult[] out) {
        VaeModel vae = Engines.create(engine).vae(SHAPE, VaeWeights.glorot(SHAPE, seed));
        out[0] = VaeTraining.train(vae, train, validation, new TrainConfig(OptimizerSpec.adam(2e-3), 64, 4, 10), seed, null);
        return vae;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fused", "samediff", "java"})
    void lossFallsAndSameSeedIsBitIdenticalAndOtherSeedDiffers(String engine, @TempDir Path dir) {
        TrainingResult[] r1 = new TrainingResult[1], r2 = new TrainingResult[1], r3 = new TrainingResult[1];
        VaeModel a = trained(engine, 42, r1), b = trained(engine, 42, r2), c = trained(engine, 43, r3);
        List<EpochStats> h = r1[0].history();
        assertEquals(4, h.size());
        assertTrue(h.get(3).trainLoss() < h.get(0).trainLoss() - 1, "training loss should fall: " + h);
        assertTrue(h.get(3).valLoss() < h.get(0).valLoss(), "validation loss should fall: " + h);
        assertArrayEquals(a.snapshot(), b.snapshot(), "same seed must give bit-identical weights");
        assertEquals(losses(r1[0]), losses(r2[0]));
        assertFalse(Arrays.equals(a.snapshot(), c.snapshot()), "another seed must give other weights");

        // Save and load round trip: same weights, same outputs, on another engine too.
        Path f = dir.resolve("vae.bin");
        WeightFile.save(f, a.weights().layers());
        VaeModel loaded = Engines.create(engine).vae(SHAPE, VaeWeights.fromArrays(SHAPE, WeightFile.load(f)));
        assertArrayEquals(a.encode(validation.inputs(), 20).clone(), loaded.encode(validation.inputs(), 20));
    }

    static List<String> losses(TrainingResult r) {
        return r.history().stream().map(s -> Arrays.toString(new double[]{
                s.trainLoss(), s.trainRe(), s.trainKl(), s.valLoss(), s.valRe(), s.valKl()})).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fused", "samediff"})
    void earlyStoppingRestoresTheBestEpoch(String engine) {
        VaeModel vae = Engines.create(engine).vae(SHAPE, VaeWeights.glorot(SHAPE, 1));
        TrainingResult r = VaeTraining.train(vae, train, validation,
                new TrainConfig(OptimizerSpec.of(OptimizerSpec.Kind.ADAMAX, 0.05), 500, 12, 1), 1, null);
        // patience 1 with an oversized learning rate stops as soon as validation loss rises
        int best = r.bestEpoch();
        double bestVal = r.history().get(best - 1).valLoss();
        for (EpochStats s : r.history()) assertTrue(s.valLoss() >= bestVal);
        // The restored weights reproduce the best epoch's validation loss on the same evaluation noise.
        Random evalNoise = Seeds.random(1, "eval-noise");
        float[] trainEps = Noise.normals(evalNoise, train.size() * 16);
        float[] eps = Noise.normals(evalNoise, validation.size() * 16);
        double[][] t = vae.lossTerms(validation.inputs(), validation.levels(), eps, validation.size());
        double restored = Arrays.stream(t[0]).average().orElseThrow() + Arrays.stream(t[1]).average().orElseThrow();
        assertEquals(bestVal, restored, 1e-9);
        // The training curve is measured on the first 350 training images (as many as the validation split) with the
        // first rows of the training split's evaluation noise; all 1,000 give another value.
        int m = validation.size();
        ImageSet head = train.head(m);
        double[][] h = vae.lossTerms(head.inputs(), head.levels(), Arrays.copyOf(trainEps, m * 16), m);
        double headLoss = Arrays.stream(h[0]).average().orElseThrow() + Arrays.stream(h[1]).average().orElseThrow();
        assertEquals(r.history().get(best - 1).trainLoss(), headLoss, 1e-9);
        double[][] all = vae.lossTerms(train.inputs(), train.levels(), trainEps, train.size());
        double allLoss = Arrays.stream(all[0]).average().orElseThrow() + Arrays.stream(all[1]).average().orElseThrow();
        assertNotEquals(headLoss, allLoss, 1e-6);
        assertTrue(r.stoppedEarly() || r.history().size() == 12);
    }
}
