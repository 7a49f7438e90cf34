package dev.dgmbench.bench;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.Seeds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;


/**
 * (a) One training step of the digits beta-VAE (D=64, K=17): forward, backward and Adam update on one fixed batch
 * (one minibatch of {@code fitEpoch}). The weights keep changing from step to step, as in training; the batch
 * and its noise are fixed.
 */
public class VaeTrainingBench extends BenchDefaults {
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
