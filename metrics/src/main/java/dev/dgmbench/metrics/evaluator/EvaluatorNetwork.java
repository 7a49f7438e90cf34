package dev.dgmbench.metrics.evaluator;

import dev.dgmbench.models.data.ImageDataset;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.models.nn.LayerWeights;
import dev.dgmbench.models.nn.MinibatchEpoch;
import dev.dgmbench.models.nn.Mlp;
import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.nn.WeightFile;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * The feature space of the sample-quality metrics: an MLP classifier D -> H -> H -> classes trained once per
 * dataset with a fixed seed, cached on disk by dataset fingerprint and configuration, and reused by every run
 * (so all runs of a study are judged by the same network). Features are the second hidden layer's activations.
 */
public final class EvaluatorNetwork {
    private static final String[] LAYERS = {"ev1", "ev2", "ev_out"};
    private final SameDiff sd;
    private final int classes, pixels, levels;
    private final double testAccuracy;

    private EvaluatorNetwork(SameDiff sd, int pixels, int levels, int classes, double testAccuracy) {
        this.sd = sd;
        this.pixels = pixels;
        this.levels = levels;
        this.classes = classes;
        this.testAccuracy = testAccuracy;
    }

    public double testAccuracy() {
        return testAccuracy;
    }

    public int classes() {
        return classes;
    }

    /** Loads the cached network for this data and config, or trains and caches it. */
    public static EvaluatorNetwork trainOrLoad(Path cacheDir, Splits data, EvaluatorConfig cfg) {
        ImageDataset train = data.train();
        int classes = 0;
        for (int l : train.labels()) classes = Math.max(classes, l + 1);
        String id = "evaluator-" + train.fingerprint().substring(0, 16) + "-" + cfg.key();
        Path weights = cacheDir.resolve(id + ".bin"), acc = cacheDir.resolve(id + ".accuracy");
        SameDiff sd = build(train.pixelsPerImage(), cfg.hidden(), classes, Seeds.random(cfg.seed(), "evaluator-init"));
        EvaluatorNetwork net;
        try {
            if (Files.exists(weights) && Files.exists(acc)) {
                LayerWeights.assign(LayerWeights.live(sd, java.util.List.of(LAYERS)), WeightFile.load(weights));
                net = new EvaluatorNetwork(sd, train.pixelsPerImage(), train.levels(), classes, Double.parseDouble(Files.readString(acc).trim()));
            } else {
                net = new EvaluatorNetwork(sd, train.pixelsPerImage(), train.levels(), classes, Double.NaN);
                net = net.fit(data, cfg, classes);
                Files.createDirectories(cacheDir);
                Path tmp = Files.createTempFile(cacheDir, id, ".tmp");
                WeightFile.save(tmp, net.weights());
                Files.move(tmp, weights, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(acc, Double.toString(net.testAccuracy));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("evaluator cache " + cacheDir + ": " + e.getMessage(), e);
        }
        return net;
    }

    private static SameDiff build(int pixels, int hidden, int classes, Random rng) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, pixels);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, classes);
        SDVariable h = Mlp.leaky(sd, Mlp.dense(sd, LAYERS[0], x, pixels, hidden, rng));
        h = Mlp.leaky(sd, Mlp.dense(sd, LAYERS[1], h, hidden, hidden, rng)).rename("features");
        SDVariable logits = Mlp.dense(sd, LAYERS[2], h, hidden, classes, rng);
        SDVariable logp = sd.nn.logSoftmax(logits);
        sd.math.exp(logp).rename("probs");
        logp.mul(y).sum(1).neg().mean().rename("loss");
        sd.setLossVariables("loss");
        return sd;
    }

    private EvaluatorNetwork fit(Splits data, EvaluatorConfig cfg, int classes) {
        sd.setTrainingConfig(new TrainingConfig.Builder().updater(new Adam(cfg.learningRate()))
                .dataSetFeatureMapping("x").dataSetLabelMapping("y").minimize("loss").build());
        INDArray x = inputs(data.train().images()), y = oneHot(data.train().labels(), classes);
        INDArray vx = inputs(data.validation().images()), vy = oneHot(data.validation().labels(), classes);
        Random shuffle = Seeds.random(cfg.seed(), "evaluator-shuffle");
        double best = Double.POSITIVE_INFINITY;
        int since = 0;
        Map<String, INDArray> bestW = snapshot();
        for (int epoch = 1; epoch <= cfg.maxEpochs(); epoch++) {
            MinibatchEpoch.run(sd, new INDArray[]{x}, new INDArray[]{y}, cfg.batchSize(), shuffle);
            double loss = sd.output(Map.of("x", vx, "y", vy), "loss").get("loss").getDouble(0);
            if (loss < best) {
                best = loss;
                since = 0;
                bestW = snapshot();
            } else if (++since >= cfg.patience()) {
                break;
            }
        }
        LayerWeights.assign(weights(), bestW);
        double acc = accuracy(data.test().images(), data.test().labels());
        return new EvaluatorNetwork(sd, pixels, levels, classes, acc);
    }

    /** Fraction of images whose most probable class is their label. */
    public double accuracy(int[][] images, int[] labels) {
        double[][] p = probabilities(images);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (p[i][c] > p[i][best]) best = c;
            if (best == labels[i]) right++;
        }
        return right / (double) labels.length;
    }

    public double[][] features(int[][] images) {
        return sd.output(Map.of("x", inputs(images)), "features").get("features").toDoubleMatrix();
    }

    public double[][] probabilities(int[][] images) {
        return sd.output(Map.of("x", inputs(images)), "probs").get("probs").toDoubleMatrix();
    }

    private INDArray inputs(int[][] images) {
        float[] x = new float[images.length * pixels];
        for (int i = 0; i < images.length; i++) for (int j = 0; j < pixels; j++) x[i * pixels + j] = images[i][j] / (float) (levels - 1);
        return Nd4j.create(x, new long[]{images.length, pixels}, 'c');
    }

    private static INDArray oneHot(int[] labels, int classes) {
        float[] y = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) y[i * classes + labels[i]] = 1;
        return Nd4j.create(y, new long[]{labels.length, classes}, 'c');
    }

    private Map<String, INDArray> weights() {
        return LayerWeights.live(sd, java.util.List.of(LAYERS));
    }

    private Map<String, INDArray> snapshot() {
        return LayerWeights.copy(weights());
    }
}
