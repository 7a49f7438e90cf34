package dev.dgmbench.bench;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.models.nn.Seeds;
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
 * (a) One training step of the digits beta-VAE (D=64, K=17): forward, backward and Adam update on one fixed batch
 * (one minibatch of {@code fitEpoch}). The weights keep changing from step to step, as in training; the batch
 * and its noise are fixed.
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
    @Param({"fused", "samediff"})
    public String engine = "fused";

    VaeModel vae;
    ImageSet data;
    float[] eps;
    int[] order;

    @Setup(Level.Trial)
    public void setUp() {
        vae = BenchFixtures.vae(engine, hidden, latent);
        data = BenchFixtures.rows(batch);
        eps = BenchFixtures.noise(Seeds.random(BenchFixtures.SEED, "bench-step-noise"), batch, latent);
        order = BenchFixtures.identity(batch);
        trainStep(); // SameDiff builds its backward graph on the first step
    }

    @Benchmark
    public double trainStep() {
        return vae.fitEpoch(data.inputs(), data.levels(), eps, order, batch);
    }
}
