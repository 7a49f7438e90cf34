package dev.dgmbench.suite.pipeline;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.models.data.DataSource;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.suite.spec.StudySpec;

import java.nio.file.Path;

/** A study's data, loaded once per worker process and shared by its runs: the splits and their engine arrays. */
public record StudyInputs(Splits splits, ImageSet train, ImageSet validation, ImageSet test) {

    /** Loads the dataset; relative IDX paths are resolved against {@code specDir}. */
    public static StudyInputs load(StudySpec.Dataset d, Path specDir) {
        Splits s = source(d, specDir).load();
        return new StudyInputs(s, ImageSet.of(s.train()), ImageSet.of(s.validation()), ImageSet.of(s.test()));
    }

    /** The fingerprint of the training split (what a run's {@code model/dataset.fingerprint} records), without the engine arrays. */
    public static String trainingFingerprint(StudySpec.Dataset d, Path specDir) {
        return source(d, specDir).load().train().fingerprint();
    }

    private static DataSource source(StudySpec.Dataset d, Path specDir) {
        return switch (d.name()) {
            case DIGITS -> new DataSource(DataSource.DIGITS, null, null, null, null, d.levels(),
                    d.split().train(), d.split().validation(), d.split().test());
            case IDX -> new DataSource(DataSource.IDX, path(specDir, d.idx().trainImages()), path(specDir, d.idx().trainLabels()),
                    path(specDir, d.idx().testImages()), path(specDir, d.idx().testLabels()), d.levels(),
                    d.split().train(), d.split().validation(), d.split().test());
        };
    }

    private static Path path(Path specDir, String written) {
        if (written == null) return null;
        Path p = Path.of(written);
        return p.isAbsolute() || specDir == null ? p : specDir.resolve(p);
    }

    public int pixels() {
        return splits.train().pixelsPerImage();
    }
}
