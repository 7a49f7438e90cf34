package dev.dgmbench.models.vae;

import dev.dgmbench.models.fused.FusedVae;
import dev.dgmbench.models.nn.Engine;
import dev.dgmbench.models.nn.LayerWeights;
import dev.dgmbench.models.nn.Mlp;
import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.nn.WeightFile;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A beta-VAE as three SameDiff graphs built once and sharing one set of weight arrays:
 * <ul>
 *   <li>the training graph: x, one-hot t, noise eps -> per-image {@code re}, {@code kl}, {@code klmc} and the mean
 *       {@code loss = mean(re + beta kl)};</li>
 *   <li>the encoder: x -> {@code mu}, {@code logvar};</li>
 *   <li>the decoder: z (and optionally t) -> {@code logp} [n, D, K] log-probabilities per pixel, {@code logpx}.</li>
 * </ul>
 * Encoder MLP D -> M -> M -> 2L, decoder L -> M -> M -> D*K, LeakyReLU. The inference graphs hold the training
 * graph's arrays as constants, so they see every update without copies and build no gradients.
 */
public final class BetaVae {
    static final List<String> LAYERS = List.of("enc1", "enc2", "enc_mu", "enc_lv", "dec1", "dec2", "dec_out");

    private final VaeConfig config;
    private final SameDiff train, encoder, decoder;

    private BetaVae(VaeConfig config, SameDiff train) {
        this.config = config;
        this.train = train;
        this.encoder = buildEncoder();
        this.decoder = buildDecoder();
    }

    /** A new model with weights drawn from the seed's {@code init} stream. */
    public static BetaVae create(VaeConfig config, long seed) {
        return new BetaVae(config, buildTrainingGraph(config, Seeds.random(seed, "vae-init")));
    }

    public VaeConfig config() {
        return config;
    }

    /** The training graph (for the trainer and for benchmarks of a single optimisation step). */
    public SameDiff trainingGraph() {
        return train;
    }

    private static SameDiff buildTrainingGraph(VaeConfig c, Random rng) {
        SameDiff sd = SameDiff.create();
        int d = c.pixels(), k = c.levels(), m = c.hidden(), l = c.latent();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, d);
        SDVariable t = sd.placeHolder("t", DataType.FLOAT, -1, (long) d * k);
        SDVariable eps = sd.placeHolder("eps", DataType.FLOAT, -1, l);
        SDVariable h = Mlp.leaky(sd, Mlp.dense(sd, "enc1", x, d, m, rng));
        h = Mlp.leaky(sd, Mlp.dense(sd, "enc2", h, m, m, rng));
        SDVariable mu = Mlp.dense(sd, "enc_mu", h, m, l, rng);
        SDVariable lv = Mlp.dense(sd, "enc_lv", h, m, l, rng);
        SDVariable z = mu.add(sd.math.exp(lv.mul(0.5)).mul(eps));
        SDVariable g = Mlp.leaky(sd, Mlp.dense(sd, "dec1", z, l, m, rng));
        g = Mlp.leaky(sd, Mlp.dense(sd, "dec2", g, m, m, rng));
        SDVariable logits = Mlp.dense(sd, "dec_out", g, m, c.outputs(), rng);
        SDVariable logp = logProbabilities(sd, c, logits);
        SDVariable re = logp.mul(t.reshape(-1, d, k)).sum(1, 2).neg().rename("re");
        SDVariable kl = mu.mul(mu).add(sd.math.exp(lv)).sub(lv).sub(1.0).sum(1).mul(0.5).rename("kl");
        // Monte Carlo KL at the sampled z: log q(z|x) - log p(z); the 2*pi constants cancel.
        SDVariable klmc = z.mul(z).sub(eps.mul(eps)).sub(lv).sum(1).mul(0.5).rename("klmc");
        re.add(kl.mul(c.beta())).mean().rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    /** Per-pixel log-probabilities [n, D, K] from the decoder's logits. */
    private static SDVariable logProbabilities(SameDiff sd, VaeConfig c, SDVariable logits) {
        if (c.likelihood() == Likelihood.BERNOULLI) {
            // log sigmoid(-l) and log sigmoid(l) as levels 0 and 1.
            SDVariable on = sd.nn.logSigmoid(logits), off = sd.nn.logSigmoid(logits.neg());
            return sd.stack(2, off, on);
        }
        // logSoftmax with an explicit axis breaks the backward graph in M2.1: reshape so the levels are the last axis.
        return sd.nn.logSoftmax(logits.reshape(-1, c.pixels(), c.levels()));
    }

    private SDVariable constDense(SameDiff sd, String layer, SDVariable in) {
        return Mlp.denseConst(sd, layer, in, train.getArrForVarName(layer + ".w"), train.getArrForVarName(layer + ".b"));
    }

    private SameDiff buildEncoder() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, config.pixels());
        SDVariable h = Mlp.leaky(sd, constDense(sd, "enc1", x));
        h = Mlp.leaky(sd, constDense(sd, "enc2", h));
        constDense(sd, "enc_mu", h).rename("mu");
        constDense(sd, "enc_lv", h).rename("logvar");
        return sd;
    }

    private SameDiff buildDecoder() {
        SameDiff sd = SameDiff.create();
        int d = config.pixels(), k = config.levels();
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, config.latent());
        SDVariable t = sd.placeHolder("t", DataType.FLOAT, -1, (long) d * k);
        SDVariable g = Mlp.leaky(sd, constDense(sd, "dec1", z));
        g = Mlp.leaky(sd, constDense(sd, "dec2", g));
        SDVariable logp = logProbabilities(sd, config, constDense(sd, "dec_out", g)).rename("logp");
        logp.mul(t.reshape(-1, d, k)).sum(1, 2).rename("logpx");
        return sd;
    }

    /** Posterior parameters for inputs x [n, D]: {@code [mu, logvar]}, each [n, L]. */
    public INDArray[] encode(INDArray x) {
        Map<String, INDArray> out = encoder.output(Map.of("x", x), "mu", "logvar");
        return new INDArray[]{out.get("mu"), out.get("logvar")};
    }

    /** Per-pixel log-probabilities [n, D, K] of the decoder at latent codes z [n, L]. */
    public INDArray decodeLogProbabilities(INDArray z) {
        return decoder.output(Map.of("z", z), "logp").get("logp");
    }

    /** log p(x|z) per row [n] for latent codes z [n, L] and one-hot targets t [n, D*K]. */
    public INDArray logLikelihood(INDArray z, INDArray oneHot) {
        return decoder.output(Map.of("z", z, "t", oneHot), "logpx").get("logpx");
    }

    /** Per-image RE, closed-form KL and Monte Carlo KL for inputs, targets and noise eps [n, L]. */
    public Map<String, INDArray> lossTerms(INDArray x, INDArray oneHot, INDArray eps) {
        return train.output(Map.of("x", x, "t", oneHot, "eps", eps), "re", "kl", "klmc");
    }

    /**
     * Inference passes on Java arrays by the given engine. A fused one holds a copy of the current weights: ask
     * again after they change.
     */
    public VaePasses passes(Engine engine) {
        return engine == Engine.FUSED ? FusedVae.of(this) : new GraphPasses();
    }

    /** The inference graphs behind {@link VaePasses}. */
    private final class GraphPasses implements VaePasses {
        @Override
        public float[] encode(float[] x, int n) {
            INDArray[] post = BetaVae.this.encode(rows(x, n, config.pixels()));
            float[] mu = post[0].dup('c').data().asFloat(), lv = post[1].dup('c').data().asFloat();
            int l = config.latent();
            float[] out = new float[n * 2 * l];
            for (int r = 0; r < n; r++) {
                System.arraycopy(mu, r * l, out, r * 2 * l, l);
                System.arraycopy(lv, r * l, out, r * 2 * l + l, l);
            }
            return out;
        }

        @Override
        public void logLikelihood(float[] z, int n, int[][] targets, double[] out) {
            INDArray logp = decodeLogProbabilities(rows(z, n, config.latent()));
            float[] lp = logp.dup('c').data().asFloat();
            int d = config.pixels(), k = config.levels();
            for (int r = 0; r < n; r++) {
                double s = 0;
                int base = r * d * k;
                for (int j = 0; j < d; j++) s += lp[base + j * k + targets[r][j]];
                out[r] = s;
            }
        }
    }

    /** The first n rows of a row-major buffer that may be longer. */
    private static INDArray rows(float[] a, int n, int width) {
        return Nd4j.create(java.util.Arrays.copyOf(a, n * width), new long[]{n, width}, 'c');
    }

    /** The trainable arrays by name (live: changing them changes the model). */
    public Map<String, INDArray> weights() {
        return LayerWeights.live(train, LAYERS);
    }

    /** Copies of the weights, e.g. to keep the best epoch's. */
    public Map<String, INDArray> snapshot() {
        return LayerWeights.copy(weights());
    }

    /** Writes values into the live arrays in place, so every graph sees them. */
    public void restore(Map<String, INDArray> values) {
        LayerWeights.assign(weights(), values);
    }

    public void save(Path file) {
        WeightFile.save(file, weights());
    }

    public static BetaVae load(VaeConfig config, Path file) {
        BetaVae vae = create(config, 0);
        vae.restore(WeightFile.load(file));
        return vae;
    }
}
