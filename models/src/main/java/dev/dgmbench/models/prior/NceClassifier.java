package dev.dgmbench.models.prior;

import dev.dgmbench.models.fused.FusedMlp;
import dev.dgmbench.models.fused.HostArrays;
import dev.dgmbench.models.nn.Engine;
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
    private FusedMlp fused;    // likewise
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
        c.weightsChanged();
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

    /** f(z) = log r(z) per row, by the configured engine. */
    public double[] logRatio(INDArray z) {
        if (config.engine() == Engine.FUSED) {
            int n = (int) z.rows();
            float[] f = fused().logits(z.dup('c').data().asFloat(), n);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) out[i] = f[i];
            return out;
        }
        return infer.output(Map.of("z", z), "f").get("f").dup('c').data().asDouble();
    }

    /**
     * f(z) per row (returned) and grad f(z) [n, L] (into {@code gradient}) for n rows of z on Java arrays, the
     * samplers' form: FUSED stays on the heap, the SameDiff modes go through their graphs.
     */
    public double[] logRatioAndGradient(float[] z, int n, float[] gradient, GradientMode mode) {
        int l = config.latent();
        double[] out = new double[n];
        if (mode == GradientMode.FUSED) {
            float[] f = fused().logitsAndInputGradient(z, n, gradient);
            for (int i = 0; i < n; i++) out[i] = f[i];
            return out;
        }
        INDArray[] fg = logRatioAndGradient(Nd4j.create(java.util.Arrays.copyOf(z, n * l), new long[]{n, l}, 'c'), mode);
        float[] f = fg[0].dup('c').data().asFloat();
        for (int i = 0; i < n; i++) out[i] = f[i];
        System.arraycopy(fg[1].dup('c').data().asFloat(), 0, gradient, 0, n * l);
        return out;
    }

    /** f(z) [n] and grad f(z) [n, L] in one pass. */
    public INDArray[] logRatioAndGradient(INDArray z, GradientMode mode) {
        if (mode == GradientMode.FUSED) {
            int n = (int) z.rows(), l = config.latent();
            float[] g = new float[n * l];
            double[] f = logRatioAndGradient(z.dup('c').data().asFloat(), n, g, mode);
            return new INDArray[]{Nd4j.create(f).castTo(DataType.FLOAT), Nd4j.create(g, new long[]{n, l}, 'c')};
        }
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
        Random rng = Seeds.random(seed, "nce-data");
        Random shuffle = Seeds.random(seed, "nce-shuffle");
        INDArray[] heldOut = balanced(heldOutPosterior, Seeds.random(seed, "nce-heldout"));
        Session session = config.engine() == Engine.FUSED ? new FusedSession(heldOut) : new GraphSession(heldOut);
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, since = 0, epoch;
        session.keepBest();
        long start = System.nanoTime();
        for (epoch = 1; epoch <= config.maxEpochs(); epoch++) {
            INDArray[] data = balanced(trainPosterior, rng);
            session.fit(data, MinibatchEpoch.permutation((int) data[0].rows(), shuffle));
            double loss = session.heldOutLoss();
            if (loss < best) {
                best = loss;
                bestEpoch = epoch;
                since = 0;
                session.keepBest();
            } else if (++since >= config.patience()) {
                break;
            }
        }
        session.finish();
        double acc = accuracy(heldOut);
        return new NceTrainingResult(acc, session.heldOutLoss(), Math.min(epoch, config.maxEpochs()), bestEpoch,
                (System.nanoTime() - start) / 1e9);
    }

    /** What an engine does per epoch; data, shuffling and early stopping are shared. */
    private interface Session {
        void fit(INDArray[] data, int[] order);

        double heldOutLoss();

        void keepBest();

        /** Leaves the best weights in the graph's arrays. */
        void finish();
    }

    private final class GraphSession implements Session {
        private final INDArray[] heldOut;
        private Map<String, INDArray> best;

        GraphSession(INDArray[] heldOut) {
            this.heldOut = heldOut;
            train.setTrainingConfig(new TrainingConfig.Builder().updater(new Adam(config.learningRate()))
                    .dataSetFeatureMapping("z").dataSetLabelMapping("y").minimize("loss").build());
        }

        public void fit(INDArray[] data, int[] order) {
            MinibatchEpoch.run(train, new INDArray[]{data[0]}, new INDArray[]{data[1]}, config.batchSize(), order);
        }

        public double heldOutLoss() {
            return train.output(Map.of("z", heldOut[0], "y", heldOut[1]), "loss").get("loss").getDouble(0);
        }

        public void keepBest() {
            best = snapshot();
        }

        public void finish() {
            restore(best);
        }
    }

    private final class FusedSession implements Session {
        private final FusedMlp mlp = new FusedMlp(true, config.widths());
        private final float[] heldOutZ, heldOutY;
        private float[] best;

        FusedSession(INDArray[] heldOut) {
            mlp.load(layerArrays(".w"), layerArrays(".b"));
            mlp.useUpdater(new Adam(config.learningRate()));
            heldOutZ = heldOut[0].dup('c').data().asFloat();
            heldOutY = heldOut[1].dup('c').data().asFloat();
        }

        public void fit(INDArray[] data, int[] order) {
            float[] z = data[0].dup('c').data().asFloat(), y = data[1].dup('c').data().asFloat();
            int n = order.length, l = config.latent(), b = config.batchSize();
            float[] bz = new float[b * l], by = new float[b];
            for (int from = 0; from < n; from += b) {
                int rows = Math.min(n, from + b) - from;
                HostArrays.gatherRows(z, l, order, from, rows, bz);
                HostArrays.gatherRows(y, 1, order, from, rows, by);
                mlp.step(bz, by, rows);
            }
        }

        public double heldOutLoss() {
            return mlp.loss(heldOutZ, heldOutY, heldOutY.length);
        }

        public void keepBest() {
            best = mlp.snapshot();
        }

        public void finish() {
            mlp.restore(best);
            mlp.store(layerArrays(".w"), layerArrays(".b"));
            weightsChanged();
        }
    }

    private List<INDArray> layerArrays(String suffix) {
        List<INDArray> out = new ArrayList<>();
        for (String layer : layers) out.add(train.getArrForVarName(layer + suffix));
        return out;
    }

    private FusedMlp fused() {
        if (fused == null) {
            fused = new FusedMlp(false, config.widths());
            fused.load(layerArrays(".w"), layerArrays(".b"));
        }
        return fused;
    }

    /** Drops the copies built from the previous weights. */
    private void weightsChanged() {
        autodiff = null;
        fused = null;
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
        weightsChanged();
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
