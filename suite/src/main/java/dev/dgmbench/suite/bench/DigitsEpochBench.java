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
import dev.dgmbench.models.nn.Engine;
import dev.dgmbench.models.fused.FusedVae;
import org.nd4j.linalg.learning.config.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 *   <li>{@code fitEpoch}: shuffle + 16 steps (SameDiff: MinibatchEpoch.run; fused: FusedVae.fitEpoch), the
 *       optimisation part of an epoch;</li>
 *   <li>{@code trainerEpoch}: VaeTrainer.train over ten epochs, per epoch: what a run pays per epoch (fits, then the
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
    @Param({"FUSED", "SAMEDIFF"})
    public Engine engine = Engine.FUSED;
    static final int TRAINER_EPOCHS = 10;

    BetaVae vae, trainerVae;
    SameDiff sd;
    FusedVae fused;
    float[] trainX;
    ImageTensors train, validation;
    Random shuffle, noise;
    long trainerSeed;

    @Setup(Level.Trial)
    public void setUp() {
        train = BenchFixtures.train();
        validation = BenchFixtures.validation();
        vae = BenchFixtures.vae(256, latent);
        sd = BenchFixtures.trainable(vae);
        fused = FusedVae.of(vae);
        fused.useUpdater(new Adam(1e-3));
        trainX = train.inputs().dup('c').data().asFloat();
        shuffle = Seeds.random(BenchFixtures.SEED, "bench-shuffle");
        noise = Seeds.random(BenchFixtures.SEED, "bench-noise");
        fitEpoch(); // builds the backward graph (quietly, in MinibatchEpoch) outside the measurement
        trainerVae = BenchFixtures.vae(256, latent);
        trainerSeed = BenchFixtures.SEED;
        trainerEpoch();
    }

    @Benchmark
    public double fitEpoch() {
        if (engine == Engine.FUSED) {
            return fused.fitEpoch(trainX, train.levels(), Noise.normals(noise, train.size() * latent),
                    MinibatchEpoch.permutation(train.size(), shuffle), batch);
        }
        INDArray eps = Noise.normal(noise, train.size(), latent);
        MinibatchEpoch.run(sd, new INDArray[]{train.inputs(), eps}, new INDArray[]{train.oneHot()}, batch, shuffle);
        return BenchFixtures.probe(sd);
    }

    /**
     * Ten epochs of VaeTrainer.train per invocation, reported per epoch: what a run pays per epoch (fit, loss
     * terms on the training and validation sets, best-weight snapshot), with the trainer's set-up spread over ten.
     */
    @Benchmark
    @OperationsPerInvocation(TRAINER_EPOCHS)
    public double trainerEpoch() {
        TrainConfig cfg = new TrainConfig(TrainConfig.Optimizer.ADAM, 1e-3, batch, TRAINER_EPOCHS, TRAINER_EPOCHS, engine);
        TrainingResult r = new VaeTrainer(cfg, trainerSeed++).train(trainerVae, train, validation, null);
        return r.history().get(0).trainLoss();
    }
}
