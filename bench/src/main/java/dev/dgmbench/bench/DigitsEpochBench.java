package dev.dgmbench.bench;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.engine.train.TrainConfig;
import dev.dgmbench.engine.train.TrainingResult;
import dev.dgmbench.engine.train.VaeTraining;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.util.Random;

/**
 * (b) A digits training epoch (1000 images, M=256): {@code fitEpoch} is the minibatch pass alone;
 * {@code trainerEpoch} is what a run pays per epoch in {@link VaeTraining} (fit, loss terms on the training and
 * validation sets, best-weight snapshot), ten epochs per invocation so the set-up is spread over ten.
 */
public class DigitsEpochBench extends BenchDefaults {
    @Param({"50"})
    public int latent = 50;
    @Param({"64"})
    public int batch = 64;
    @Param({"fused", "samediff"})
    public String engine = "fused";

    static final int TRAINER_EPOCHS = 10;

    VaeModel vae;
    ImageSet train, validation;
    Random shuffle, noise;
    long trainerSeed = BenchFixtures.SEED;

    @Setup(Level.Trial)
    public void setUp() {
        train = BenchFixtures.train();
        validation = BenchFixtures.validation();
        vae = BenchFixtures.vae(engine, 256, latent);
        shuffle = Seeds.random(BenchFixtures.SEED, "bench-shuffle");
        noise = Seeds.random(BenchFixtures.SEED, "bench-noise");
        fitEpoch();
        trainerEpoch();
    }

    @Benchmark
    public double fitEpoch() {
        return vae.fitEpoch(train.inputs(), train.levels(), Noise.normals(noise, train.size() * latent),
                Noise.permutation(train.size(), shuffle), batch);
    }

    @Benchmark
    @OperationsPerInvocation(TRAINER_EPOCHS)
    public double trainerEpoch() {
        VaeModel m = BenchFixtures.engine(engine).vae(vae.shape(), VaeWeights.glorot(vae.shape(), trainerSeed));
        TrainConfig cfg = new TrainConfig(OptimizerSpec.adam(1e-3), batch, TRAINER_EPOCHS, TRAINER_EPOCHS);
        TrainingResult r = VaeTraining.train(m, train, validation, cfg, trainerSeed++, null);
        return r.history().get(0).trainLoss();
    }
}
