package dev.dgmbench.suite.bench;

import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.vae.BetaVae;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.MultiDataSet;
import dev.dgmbench.models.fused.FusedVae;
import dev.dgmbench.models.nn.Engine;
import org.nd4j.linalg.learning.config.Adam;
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
    @Param({"FUSED", "SAMEDIFF"})
    public Engine engine = Engine.FUSED;

    SameDiff sd;
    MultiDataSet data;
    FusedVae fused;
    float[] x, eps;
    int[][] levels;

    @Setup(Level.Trial)
    public void setUp() {
        BetaVae vae = BenchFixtures.vae(hidden, latent);
        data = BenchFixtures.batch(batch, latent, Seeds.random(BenchFixtures.SEED, "bench-step-noise"));
        if (engine == Engine.FUSED) {
            fused = FusedVae.of(vae);
            fused.useUpdater(new Adam(1e-3));
            x = data.getFeatures(0).dup('c').data().asFloat();
            eps = data.getFeatures(1).dup('c').data().asFloat();
            levels = BenchFixtures.levels(batch);
        } else {
            sd = BenchFixtures.trainable(vae);
            BenchFixtures.firstFit(sd, data);
        }
    }

    @Benchmark
    public double trainStep() {
        if (engine == Engine.FUSED) return fused.step(x, levels, eps, batch);
        sd.fit(data);
        return BenchFixtures.probe(sd);
    }
}
