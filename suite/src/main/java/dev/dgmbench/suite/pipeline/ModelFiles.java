package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.models.io.NpzFile;
import dev.dgmbench.models.io.WeightFile;
import dev.dgmbench.models.prior.NceConfig;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.suite.plan.ResolvedRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The trained models in a run folder's {@code model/}: the VAE ({@code vae.bin}), the NCE classifier ({@code nce.bin};
 * both also as {@code .npz} for other tools) and the fingerprint of the training split they were trained on. Written
 * by {@link RecordRun}; read back by {@link NormaliserRecheck} and by runs that reuse an earlier run's models.
 */
public final class ModelFiles {
    public static final String VAE = "vae.bin", NCE = "nce.bin", FINGERPRINT = "dataset.fingerprint";

    private ModelFiles() {
    }

    /** {@code runDir/model}. */
    public static Path dir(Path runDir) {
        return runDir.resolve(ResultFolder.MODEL_DIR);
    }

    /** Writes the VAE, the classifier (if any) and the training split's fingerprint into {@code model/} of {@code runDir}. */
    static void save(Path runDir, VaeModel vae, RatioClassifier classifier, String datasetFingerprint) throws IOException {
        Path dir = Files.createDirectories(dir(runDir));
        WeightFile.save(dir.resolve(VAE), vae.weights().layers());
        NpzFile.save(dir.resolve("vae.npz"), vae.weights().layers()); // for NumPy, PyTorch, ... (docs/models.md)
        if (classifier != null) {
            WeightFile.save(dir.resolve(NCE), classifier.weights().layersByName());
            NpzFile.save(dir.resolve("nce.npz"), classifier.weights().layersByName());
        }
        Files.writeString(dir.resolve(FINGERPRINT), datasetFingerprint + "\n");
    }

    /** The VAE of a run of configuration {@code c} on images of {@code pixels} pixels, from {@code runDir}. */
    public static VaeWeights vae(Path runDir, ResolvedRun c, int pixels) {
        return VaeWeights.fromArrays(RunSettings.shape(c, pixels), WeightFile.load(dir(runDir).resolve(VAE)));
    }

    /** The NCE classifier of a run of configuration {@code c}, from {@code runDir}. */
    public static MlpWeights classifier(Path runDir, ResolvedRun c) {
        NceConfig cfg = RunSettings.nce(c);
        return MlpWeights.fromArrays(cfg.layerNames(), cfg.widths(), WeightFile.load(dir(runDir).resolve(NCE)));
    }

    /** The fingerprint of the training split the run's models were trained on; empty when the file is absent. */
    public static Optional<String> fingerprint(Path runDir) {
        Path f = dir(runDir).resolve(FINGERPRINT);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(Files.readString(f).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses models trained on other data than {@code trainingFingerprint}, the fingerprint of this study's training
     * split (a missing fingerprint file is refused too: nothing shows what they were trained on).
     *
     * @throws BadInputException naming the fingerprint file
     */
    public static void requireTrainedOn(Path runDir, String trainingFingerprint) {
        Path f = dir(runDir).resolve(FINGERPRINT);
        Optional<String> recorded = fingerprint(runDir);
        if (recorded.isEmpty()) {
            throw new BadInputException(f + ": missing, so nothing shows which data the models were trained on;"
                    + " allowed: models of a run folder written by dgmbench, with its " + FINGERPRINT);
        }
        if (!recorded.get().equals(trainingFingerprint)) {
            throw new BadInputException(f + ": the models were trained on other data (training split fingerprint "
                    + shortened(recorded.get()) + ") than this study's training split (" + shortened(trainingFingerprint)
                    + "); allowed: --models-from a results folder whose runs were trained on the same data");
        }
    }

    private static String shortened(String fingerprint) {
        return fingerprint.length() > 16 ? fingerprint.substring(0, 16) + "..." : fingerprint;
    }
}
