package dev.dgmbench.suite.run;

import dev.dgmbench.models.data.DataSource;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.models.vae.ImageTensors;
import dev.dgmbench.suite.spec.StudySpec;

import java.nio.file.Path;

/** A study's data, loaded once per worker process and shared by its runs. */
public record StudyData(Splits splits, ImageTensors train, ImageTensors validation, ImageTensors test) {

    public static StudyData load(StudySpec spec) {
        StudySpec.Dataset d = spec.dataset();
        DataSource src = switch (d.name()) {
            case DIGITS -> new DataSource(DataSource.DIGITS, null, null, null, null, d.levels(),
                    d.split().train(), d.split().validation(), d.split().test());
            case IDX -> new DataSource(DataSource.IDX, path(spec, d.idx().trainImages()), path(spec, d.idx().trainLabels()),
                    path(spec, d.idx().testImages()), path(spec, d.idx().testLabels()), d.levels(),
                    d.split().train(), d.split().validation(), d.split().test());
        };
        Splits s = src.load();
        return new StudyData(s, ImageTensors.of(s.train()), ImageTensors.of(s.validation()), ImageTensors.of(s.test()));
    }

    private static Path path(StudySpec spec, String written) {
        return written == null ? null : spec.resolvePath(written);
    }
}
