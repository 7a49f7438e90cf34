package dev.dgmbench.suite.bench;

import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.vae.BetaVae;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.MultiDataSet;
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

import java.util.concurrent.TimeUnit;

/**
 * (a) One training step of the digits beta-VAE (D=64, K=17): forward, backward and Adam update on one fixed
 * MultiDataSet, through {@code sd.fit} as MinibatchEpoch does. The weights keep changing from step to step,
 * as in training; the batch and its noise are fixed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VaeTrainingBench {
    @Param({"256"})
    public int hidden = 256;
    @Param({"50", "100"})
    public int latent = 50;
    @Param({"64", "1024"})
    public int batch = 64;

    SameDiff sd;
    MultiDataSet data;

    @Setup(Level.Trial)
    public void setUp() {
        BetaVae vae = BenchFixtures.vae(hidden, latent);
        sd = BenchFixtures.trainable(vae);
        data = BenchFixtures.batch(batch, latent, Seeds.random(BenchFixtures.SEED, "bench-step-noise"));
        BenchFixtures.firstFit(sd, data);
    }

    @Benchmark
    public double trainStep() {
        sd.fit(data);
        return BenchFixtures.probe(sd);
    }
}
