package dev.dgmbench.suite.bench;

import dev.dgmbench.models.data.DataSource;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.models.nn.QuietStdout;
import dev.dgmbench.models.vae.BetaVae;
import dev.dgmbench.models.vae.ImageTensors;
import dev.dgmbench.models.vae.Likelihood;
import dev.dgmbench.models.vae.VaeConfig;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;


/** Shared set-up of the benchmarks: the digits splits, a seeded beta-VAE, and its training graph ready to fit. */
final class BenchFixtures {
    /** Digits: 8x8 pixels, 17 grey levels. */
    static final int PIXELS = 64, LEVELS = 17;
    static final long SEED = 20240601L;

    private static Splits digits;

    private BenchFixtures() {
    }

    static synchronized Splits digits() {
        if (digits == null) digits = DataSource.digits().load();
        return digits;
    }

    static ImageTensors train() {
        return ImageTensors.of(digits().train());
    }

    static ImageTensors validation() {
        return ImageTensors.of(digits().validation());
    }

    static ImageTensors test() {
        return ImageTensors.of(digits().test());
    }

    static VaeConfig vaeConfig(int hidden, int latent) {
        return new VaeConfig(PIXELS, LEVELS, hidden, latent, Likelihood.CATEGORICAL, 1.0);
    }

    static BetaVae vae(int hidden, int latent) {
        return BetaVae.create(vaeConfig(hidden, latent), SEED);
    }

    /** The training graph with the TrainingConfig VaeTrainer sets (Adam 1e-3; features x, eps; label t). */
    static SameDiff trainable(BetaVae vae) {
        SameDiff sd = vae.trainingGraph();
        sd.setTrainingConfig(new TrainingConfig.Builder()
                .updater(new Adam(1e-3))
                .dataSetFeatureMapping("x", "eps")
                .dataSetLabelMapping("t")
                .minimize("loss")
                .build());
        return sd;
    }

    /** One fit on the batch, with stdout silenced: the first fit builds the backward graph and prints per op. */
    static void firstFit(SameDiff sd, MultiDataSet batch) {
        QuietStdout.call(() -> sd.fit(batch));
    }

    /** Grey levels of the same rows as {@link #batch}. */
    static int[][] levels(int n) {
        int[][] tr = digits().train().images(), va = digits().validation().images();
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) out[i] = i < tr.length ? tr[i] : va[i - tr.length];
        return out;
    }

    /** The first {@code n} rows of train followed by validation (1350 rows in all), as a MultiDataSet. */
    static MultiDataSet batch(int n, int latent, java.util.Random rng) {
        ImageTensors tr = train(), va = validation();
        INDArray x = Nd4j.vstack(tr.inputs(), va.inputs()), t = Nd4j.vstack(tr.oneHot(), va.oneHot());
        if (n > x.rows()) throw new IllegalArgumentException("at most " + x.rows() + " rows, asked " + n);
        INDArray eps = dev.dgmbench.models.nn.Noise.normal(rng, n, latent);
        return new MultiDataSet(new INDArray[]{rows(x, n), eps}, new INDArray[]{rows(t, n)});
    }

    private static INDArray rows(INDArray a, int n) {
        return a.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup('c');
    }

    /** A cheap value that depends on the weights, for the Blackhole and the tests. */
    static double probe(SameDiff sd) {
        return sd.getArrForVarName("dec_out.w").getDouble(0) + sd.getArrForVarName("enc1.w").getDouble(0);
    }
}
