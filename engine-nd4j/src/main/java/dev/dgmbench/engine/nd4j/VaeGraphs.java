package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The beta-VAE as three SameDiff graphs built once and sharing one set of weight arrays, the model's reference
 * definition:
 * <ul>
 *   <li>training: x, one-hot t, noise eps -> per-image {@code re}, {@code kl}, {@code klmc} and the mean
 *       {@code loss = mean(re + beta kl)};</li>
 *   <li>encoder: x -> {@code mu}, {@code logvar};</li>
 *   <li>decoder: z -> {@code logp} [n, D, K] log-probabilities per pixel.</li>
 * </ul>
 * The inference graphs hold the training graph's arrays as constants, so they see every update without copies.
 */
final class VaeGraphs {
    final SameDiff train, encoder, decoder;

    VaeGraphs(VaeShape c, VaeWeights weights) {
        train = buildTraining(c, weights);
        encoder = buildEncoder(c);
        decoder = buildDecoder(c);
    }

    private static SameDiff buildTraining(VaeShape c, VaeWeights g) {
        SameDiff sd = SameDiff.create();
        int d = c.pixels(), k = c.levels(), l = c.latent();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, d);
        SDVariable t = sd.placeHolder("t", DataType.FLOAT, -1, (long) d * k);
        SDVariable eps = sd.placeHolder("eps", DataType.FLOAT, -1, l);
        SDVariable h = Mlp.leaky(sd, Mlp.dense(sd, "enc1", x, g.layer("enc1")));
        h = Mlp.leaky(sd, Mlp.dense(sd, "enc2", h, g.layer("enc2")));
        SDVariable mu = Mlp.dense(sd, "enc_mu", h, g.layer("enc_mu"));
        SDVariable lv = Mlp.dense(sd, "enc_lv", h, g.layer("enc_lv"));
        SDVariable z = mu.add(sd.math.exp(lv.mul(0.5)).mul(eps));
        SDVariable a = Mlp.leaky(sd, Mlp.dense(sd, "dec1", z, g.layer("dec1")));
        a = Mlp.leaky(sd, Mlp.dense(sd, "dec2", a, g.layer("dec2")));
        SDVariable logp = logProbabilities(sd, c, Mlp.dense(sd, "dec_out", a, g.layer("dec_out")));
        SDVariable re = logp.mul(t.reshape(-1, d, k)).sum(1, 2).neg().rename("re");
        SDVariable kl = mu.mul(mu).add(sd.math.exp(lv)).sub(lv).sub(1.0).sum(1).mul(0.5).rename("kl");
        // Monte Carlo KL at the sampled z: log q(z|x) - log p(z); the 2*pi constants cancel.
        z.mul(z).sub(eps.mul(eps)).sub(lv).sum(1).mul(0.5).rename("klmc");
        re.add(kl.mul(c.beta())).mean().rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    /** Per-pixel log-probabilities [n, D, K] from the decoder's logits. */
    private static SDVariable logProbabilities(SameDiff sd, VaeShape c, SDVariable logits) {
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

    private SameDiff buildEncoder(VaeShape c) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, c.pixels());
        SDVariable h = Mlp.leaky(sd, constDense(sd, "enc1", x));
        h = Mlp.leaky(sd, constDense(sd, "enc2", h));
        constDense(sd, "enc_mu", h).rename("mu");
        constDense(sd, "enc_lv", h).rename("logvar");
        return sd;
    }

    private SameDiff buildDecoder(VaeShape c) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, c.latent());
        SDVariable g = Mlp.leaky(sd, constDense(sd, "dec1", z));
        g = Mlp.leaky(sd, constDense(sd, "dec2", g));
        logProbabilities(sd, c, constDense(sd, "dec_out", g)).rename("logp");
        return sd;
    }
}
