package dev.dgmbench.suite.bench;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.prior.GradientMode;
import dev.dgmbench.models.prior.NceClassifier;
import dev.dgmbench.models.prior.NceConfig;
import dev.dgmbench.models.sampling.Energy;
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

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * (d) One unadjusted Langevin step on 64 latent codes (L=50) under the NCE-tilted prior, classifier MLP
 * [256, 256] (seeded, untrained: the cost does not depend on the weights), exactly as LangevinSampler does it:
 * Energy.evaluate, then z -= (s^2/2) grad E + s xi. Reported as steps per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LangevinStepBench {
    @Param({"DERIVED", "AUTODIFF"})
    public GradientMode mode = GradientMode.DERIVED;
    @Param({"64"})
    public int codes = 64;
    @Param({"50"})
    public int latent = 50;

    static final double STEP = 0.1;

    Energy energy;
    INDArray z;
    Random rng;

    @Setup(Level.Trial)
    public void setUp() {
        NceClassifier c = NceClassifier.create(new NceConfig(latent, List.of(256, 256), 1e-3, 64, 1, 1), BenchFixtures.SEED);
        energy = new Energy(c, mode);
        rng = Seeds.random(BenchFixtures.SEED, "bench-langevin");
        z = Noise.normal(rng, codes, latent);
        step(); // autodiff builds its gradient graph on first use
    }

    @Benchmark
    public double step() {
        Energy.Evaluated e = energy.evaluate(z);
        double drift = STEP * STEP / 2;
        z.subi(e.gradient().muli(drift)).addi(Noise.normal(rng, codes, latent).muli(STEP));
        return e.mean();
    }
}
