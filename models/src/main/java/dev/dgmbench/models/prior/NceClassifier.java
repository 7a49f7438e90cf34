package dev.dgmbench.models.prior;

import dev.dgmbench.models.nn.MinibatchEpoch;
import dev.dgmbench.models.nn.LayerWeights;
import dev.dgmbench.models.nn.Mlp;
import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.QuietStdout;
import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.nn.WeightFile;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Noise-contrastive classifier in latent space: D(z) = sigmoid(f(z)) tells codes of the aggregate posterior
 * q(z) (label 1) from prior draws N(0, I) (label 0). At the optimum f = log q/p, so r(z) = D/(1-D) = exp(f(z))
 * tilts the prior towards q. Three graphs built once share the weight arrays: training (BCE with logits),
 * inference (f and its derived gradient) and autodiff (sum f, differentiated with respect to z).
 */
public final class NceClassifier {
    private final NceConfig config;
    private final SameDiff train, infer;
    private SameDiff autodiff; // built on first use from the current weights; dropped when they change
    private final List<String> layers = new ArrayList<>();

    private NceClassifier(NceConfig config, Random rng) {
        this.config = config;
        for (int i = 0; i < config.hidden().size(); i++) layers.add("nce" + i);
        layers.add("nce_out");
        this.train = buildTraining(rng);
        this.infer = buildInference();
    }

    public static NceClassifier create(NceConfig config, long seed) {
        return new NceClassifier(config, Seeds.random(seed, "nce-init"));
    }

    /** f(z) = a.z + b exactly: the tilted prior is then N(a, I) and Z = exp(b + |a|^2 / 2). */
    public static NceClassifier linear(double[] a, double b) {
        NceClassifier c = new NceClassifier(new NceConfig(a.length, List.of(), 1e-3, 1, 1, 1), new Random(0));
        float[] w = new float[a.length];
        for (int i = 0; i < a.length; i++) w[i] = (float) a[i];
        c.weights().get("nce_out.w").assign(Nd4j.create(w, new long[]{a.length, 1}, 'c'));
        c.weights().get("nce_out.b").assign((float) b);
        c.autodiff = null;
        return c;
    }

    public NceConfig config() {
        return config;
    }

    private SameDiff buildTraining(Random rng) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, config.latent());
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 1);
        SDVariable h = z;
        int in = config.latent();
        for (int i = 0; i < config.hidden().size(); i++) {
            int out = config.hidden().get(i);
            h = Mlp.leaky(sd, Mlp.dense(sd, layers.get(i), h, in, out, rng));
            in = out;
        }
        SDVariable f = Mlp.dense(sd, "nce_out", h, in, 1, rng).rename("f");
        // Binary cross-entropy with logits, stable form: softplus(f) - y f.
        sd.nn.softplus(f).sub(y.mul(f)).mean().rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    private SDVariable constDense(SameDiff sd, String layer, SDVariable in) {
        return Mlp.denseConst(sd, layer, in, train.getArrForVarName(layer + ".w"), train.getArrForVarName(layer + ".b"));
    }

    /** f(z) and grad f(z) by the chain rule written out: g = w_out, then g = (g * leaky'(a_i)) W_i^T per layer. */
    private SameDiff buildInference() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, config.latent());
        List<SDVariable> pre = new ArrayList<>();
        SDVariable h = z;
        for (int i = 0; i < config.hidden().size(); i++) {
            SDVariable a = constDense(sd, layers.get(i), h);
            pre.add(a);
            h = Mlp.leaky(sd, a);
        }
        SDVariable wOut = sd.constant("g.nce_out.w", train.getArrForVarName("nce_out.w"));
        constDense(sd, "nce_out", h).rename("f");
        int width = (int) wOut.getArr().rows();
        SDVariable g = sd.zerosLike(h).add(wOut.reshape(1, width));
        for (int i = pre.size() - 1; i >= 0; i--) {
            SDVariable a = pre.get(i);
            SDVariable slope = sd.gt(a, 0.0).castTo(DataType.FLOAT).mul(1 - Mlp.LEAKY_SLOPE).add(Mlp.LEAKY_SLOPE);
            SDVariable w = sd.constant("g." + layers.get(i) + ".w", train.getArrForVarName(layers.get(i) + ".w"));
            g = g.mul(slope).mmul(sd.transpose(w));
        }
        g.rename("gradf");
        return sd;
    }

    /** f with its weights as variables (SameDiff differentiates only graphs that have some), z a placeholder. */
    private SameDiff buildAutodiff() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.placeHolder("z", DataType.FLOAT, -1, config.latent());
        SDVariable h = z;
        for (String layer : layers) {
            SDVariable a = h.mmul(sd.var(layer + ".w", train.getArrForVarName(layer + ".w").dup()))
                    .add(sd.var(layer + ".b", train.getArrForVarName(layer + ".b").dup()));
            h = layer.equals("nce_out") ? a : Mlp.leaky(sd, a);
        }
        h.rename("f").sum().rename("fsum");
        sd.setLossVariables("fsum");
        return sd;
    }

    /** f(z) = log r(z) per row. */
    public double[] logRatio(INDArray z) {
        return infer.output(Map.of("z", z), "f").get("f").dup('c').data().asDouble();
    }

    /** f(z) [n] and grad f(z) [n, L] in one pass. */
    public INDArray[] logRatioAndGradient(INDArray z, GradientMode mode) {
        if (mode == GradientMode.DERIVED) {
            Map<String, INDArray> out = infer.output(Map.of("z", z), "f", "gradf");
            return new INDArray[]{out.get("f").reshape(-1), out.get("gradf")};
        }
        if (autodiff == null) autodiff = buildAutodiff();
        var og = QuietStdout.call(() -> autodiff.calculateGradientsAndOutputs(Map.of("z", z), List.of("f"), List.of("z")));
        return new INDArray[]{og.getOutputs().get("f").reshape(-1), og.getGradients().get("z")};
    }

    /**
     * Trains on posterior codes z = mu + sigma eps (fresh eps every epoch, label 1) against as many fresh prior
     * draws (label 0), shuffled together every epoch; early stopping on the held-out loss, best weights restored.
     */
    public NceTrainingResult train(INDArray[] trainPosterior, INDArray[] heldOutPosterior, long seed) {
        train.setTrainingConfig(new TrainingConfig.Builder().updater(new Adam(config.learningRate()))
                .dataSetFeatureMapping("z").dataSetLabelMapping("y").minimize("loss").build());
        Random rng = Seeds.random(seed, "nce-data");
        Random shuffle = Seeds.random(seed, "nce-shuffle");
        INDArray[] heldOut = balanced(heldOutPosterior, Seeds.random(seed, "nce-heldout"));
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, since = 0, epoch;
        Map<String, INDArray> bestW = snapshot();
        long start = System.nanoTime();
        for (epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            INDArray[] data = balanced(trainPosterior, rng);
            MinibatchEpoch.run(train, new INDArray[]{data[0]}, new INDArray[]{data[1]}, config.batchSize(), shuffle);
            double loss = heldOutLoss(heldOut);
            if (loss < best) {
                best = loss;
                bestEpoch = epoch;
                since = 0;
                bestW = snapshot();
            } else if (++since >= config.patience()) {
                break;
            }
        }
        restore(bestW);
        double acc = accuracy(heldOut);
        return new NceTrainingResult(acc, heldOutLoss(heldOut), Math.min(epoch, config.maxEpochs()), bestEpoch,
                (System.nanoTime() - start) / 1e9);
    }

    /** Codes from q(z|x) (one draw per row of mu/logvar) stacked on as many N(0, I) draws; labels 1 then 0. */
    static INDArray[] balanced(INDArray[] posterior, Random rng) {
        INDArray mu = posterior[0], lv = posterior[1];
        int n = (int) mu.rows(), l = (int) mu.columns();
        INDArray q = mu.add(Transforms.exp(lv.mul(0.5)).muli(Noise.normal(rng, n, l)));
        INDArray p = Noise.normal(rng, n, l);
        INDArray y = Nd4j.vstack(Nd4j.ones(DataType.FLOAT, n, 1), Nd4j.zeros(DataType.FLOAT, n, 1));
        return new INDArray[]{Nd4j.vstack(q, p), y};
    }

    private double heldOutLoss(INDArray[] data) {
        return train.output(Map.of("z", data[0], "y", data[1]), "loss").get("loss").getDouble(0);
    }

    private double accuracy(INDArray[] data) {
        double[] f = logRatio(data[0]);
        float[] y = data[1].dup('c').data().asFloat();
        int right = 0;
        for (int i = 0; i < f.length; i++) if ((f[i] > 0) == (y[i] > 0.5f)) right++;
        return right / (double) f.length;
    }

    public Map<String, INDArray> weights() {
        return LayerWeights.live(train, layers);
    }

    private Map<String, INDArray> snapshot() {
        return LayerWeights.copy(weights());
    }

    private void restore(Map<String, INDArray> values) {
        LayerWeights.assign(weights(), values);
        autodiff = null;
    }

    public void save(Path file) {
        WeightFile.save(file, weights());
    }

    public static NceClassifier load(NceConfig config, Path file) {
        NceClassifier c = create(config, 0);
        c.restore(WeightFile.load(file));
        return c;
    }
}
