package dev.dgmbench.suite.bench;

import dev.dgmbench.models.nn.MinibatchEpoch;
import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.vae.BetaVae;
import dev.dgmbench.models.vae.ImageTensors;
import dev.dgmbench.models.vae.TrainConfig;
import dev.dgmbench.models.vae.TrainingResult;
import dev.dgmbench.models.vae.VaeTrainer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * (b) One digits training epoch: 1000 images, batch 64 (16 steps, the last one 40 rows), Adam 1e-3, M=256.
 * <ul>
 *   <li>{@code fitEpoch}: MinibatchEpoch.run only (shuffle + 16 fits), the optimisation part of an epoch;</li>
 *   <li>{@code trainerEpoch}: VaeTrainer.train with max_epochs 1, i.e. what a run pays per epoch (fits, then the
 *       loss terms on the 1000 training and 350 validation images) plus one weight snapshot and restore.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DigitsEpochBench {
    @Param({"50"})
    public int latent = 50;
    @Param({"64"})
    public int batch = 64;

    BetaVae vae, trainerVae;
    SameDiff sd;
    ImageTensors train, validation;
    Random shuffle, noise;
    long trainerSeed;

    @Setup(Level.Trial)
    public void setUp() {
        train = BenchFixtures.train();
        validation = BenchFixtures.validation();
        vae = BenchFixtures.vae(256, latent);
        sd = BenchFixtures.trainable(vae);
        shuffle = Seeds.random(BenchFixtures.SEED, "bench-shuffle");
        noise = Seeds.random(BenchFixtures.SEED, "bench-noise");
        fitEpoch(); // builds the backward graph (quietly, in MinibatchEpoch) outside the measurement
        trainerVae = BenchFixtures.vae(256, latent);
        trainerSeed = BenchFixtures.SEED;
        trainerEpoch();
    }

    @Benchmark
    public double fitEpoch() {
        INDArray eps = Noise.normal(noise, train.size(), latent);
        MinibatchEpoch.run(sd, new INDArray[]{train.inputs(), eps}, new INDArray[]{train.oneHot()}, batch, shuffle);
        return BenchFixtures.probe(sd);
    }

    @Benchmark
    public double trainerEpoch() {
        TrainConfig cfg = new TrainConfig(TrainConfig.Optimizer.ADAM, 1e-3, batch, 1, 1);
        TrainingResult r = new VaeTrainer(cfg, trainerSeed++).train(trainerVae, train, validation, null);
        return r.history().get(0).trainLoss();
    }
}
