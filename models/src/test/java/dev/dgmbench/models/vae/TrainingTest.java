package dev.dgmbench.models.vae;

import dev.dgmbench.models.data.DataSource;
import dev.dgmbench.models.data.Splits;
import org.junit.jupiter.api.BeforeAll;
import dev.dgmbench.models.fused.FusedVae;
import dev.dgmbench.models.nn.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TrainingTest {
    static ImageTensors train, validation;
    static final VaeConfig CONFIG = new VaeConfig(64, 17, 64, 16, Likelihood.CATEGORICAL, 1.0);
    static final TrainConfig TRAIN = new TrainConfig(TrainConfig.Optimizer.ADAM, 2e-3, 64, 4, 10);

    @BeforeAll
    static void data() {
        Splits s = DataSource.digits().load();
        train = ImageTensors.of(s.train());
        validation = ImageTensors.of(s.validation());
    }

    static BetaVae trained(long seed, TrainingResult[] out, Engine engine) {
        BetaVae vae = BetaVae.create(CONFIG, seed);
        TrainConfig t = TRAIN;
        out[0] = new VaeTrainer(new TrainConfig(t.optimizer(), t.learningRate(), t.batchSize(), t.maxEpochs(), t.patience(), engine), seed)
                .train(vae, train, validation, null);
        return vae;
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void lossFallsAndSameSeedIsBitIdenticalAndOtherSeedDiffers(Engine engine, @TempDir Path dir) {
        TrainingResult[] r1 = new TrainingResult[1], r2 = new TrainingResult[1], r3 = new TrainingResult[1];
        BetaVae a = trained(42, r1, engine), b = trained(42, r2, engine), c = trained(43, r3, engine);
        var h = r1[0].history();
        assertEquals(4, h.size());
        assertTrue(h.get(3).trainLoss() < h.get(0).trainLoss() - 1, "training loss should fall: " + h);
        assertTrue(h.get(3).valLoss() < h.get(0).valLoss(), "validation loss should fall: " + h);
        for (Map.Entry<String, INDArray> e : a.weights().entrySet()) {
            assertArrayEquals(e.getValue().data().asFloat(), b.weights().get(e.getKey()).data().asFloat(),
                    "same seed must give bit-identical " + e.getKey());
        }
        assertEquals(losses(r1[0]), losses(r2[0]));
        assertFalse(java.util.Arrays.equals(a.weights().get("enc1.w").data().asFloat(),
                c.weights().get("enc1.w").data().asFloat()), "another seed must give other weights");

        // Save and load round trip: same weights, same outputs.
        Path f = dir.resolve("vae.bin");
        a.save(f);
        BetaVae loaded = BetaVae.load(CONFIG, f);
        INDArray x = validation.inputs();
        assertArrayEquals(a.encode(x)[0].data().asFloat(), loaded.encode(x)[0].data().asFloat());
    }

    /** The losses of every epoch, exactly (times left out). */
    static java.util.List<String> losses(TrainingResult r) {
        return r.history().stream().map(s -> java.util.Arrays.toString(new double[]{
                s.trainLoss(), s.trainRe(), s.trainKl(), s.valLoss(), s.valRe(), s.valKl()})).toList();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void earlyStoppingRestoresTheBestEpoch(Engine engine) {
        BetaVae vae = BetaVae.create(CONFIG, 1);
        TrainingResult r = new VaeTrainer(new TrainConfig(TrainConfig.Optimizer.ADAMAX, 0.05, 500, 12, 1, engine), 1)
                .train(vae, train, validation, null);
        // patience 1 with an oversized learning rate stops as soon as validation loss rises
        int best = r.bestEpoch();
        double bestVal = r.history().get(best - 1).valLoss();
        for (EpochStats s : r.history()) assertTrue(s.valLoss() >= bestVal);
        // The restored weights reproduce the best epoch's validation loss on the same evaluation noise.
        java.util.Random evalNoise = dev.dgmbench.models.nn.Seeds.random(1, "eval-noise");
        dev.dgmbench.models.nn.Noise.normal(evalNoise, train.size(), 16);
        INDArray eps = dev.dgmbench.models.nn.Noise.normal(evalNoise, validation.size(), 16);
        double restored;
        if (engine == Engine.SAMEDIFF) {
            double[] now = VaeTrainer.meanTerms(vae, validation, eps);
            restored = now[0] + now[1];
        } else {
            double[][] t = FusedVae.of(vae).lossTerms(validation.inputs().dup('c').data().asFloat(), validation.levels(),
                    eps.data().asFloat(), validation.size());
            restored = java.util.Arrays.stream(t[0]).average().orElseThrow() + java.util.Arrays.stream(t[1]).average().orElseThrow();
        }
        assertEquals(bestVal, restored, 1e-9);
        assertTrue(r.stoppedEarly() || r.history().size() == 12);
    }
}
