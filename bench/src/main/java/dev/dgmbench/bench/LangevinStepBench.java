package dev.dgmbench.bench;

import dev.dgmbench.models.fused.NormalStream;
import dev.dgmbench.engine.Seeds;
import dev.dgmbench.models.prior.NceConfig;
import dev.dgmbench.models.prior.NceTraining;
import dev.dgmbench.models.sampling.Energy;
import dev.dgmbench.models.sampling.LangevinSampler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (d) One unadjusted Langevin step on 64 latent codes (L=50) under the NCE-tilted prior, classifier MLP
 * [256, 256] (seeded, untrained: the cost does not depend on the weights), exactly as LangevinSampler does it.
 * Reported as steps per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LangevinStepBench extends BenchDefaults {
    @Param({"fused", "samediff"})
    public String engine = "fused";
    @Param({"64"})
    public int codes = 64;
    @Param({"50"})
    public int latent = 50;

    static final double STEP = 0.1;
    LangevinSampler sampler;
    float[] z, grad, noise;
    NormalStream normals;

    @Setup(Level.Trial)
    public void setUp() {
        NceConfig cfg = new NceConfig(latent, List.of(256, 256), 1e-3, 64, 1, 1);
        var c = BenchFixtures.engine(engine).ratioClassifier(NceTraining.initialWeights(cfg, BenchFixtures.SEED));
        sampler = new LangevinSampler(new Energy(c), latent, 1, STEP, 1.0);
        normals = new NormalStream(Seeds.derive(BenchFixtures.SEED, "bench-langevin"));
        z = normals.next(codes * latent);
        grad = new float[codes * latent];
        noise = new float[codes * latent];
        step();
    }

    @Benchmark
    public double step() {
        return sampler.step(z, grad, noise, codes, normals);
    }
}
