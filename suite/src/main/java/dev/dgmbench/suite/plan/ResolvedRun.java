package dev.dgmbench.suite.plan;

import dev.dgmbench.suite.spec.StudySpec;

import java.util.Map;

/**
 * Everything one run needs, with the grid point applied: the spec's sections with the gridded fields replaced.
 * The dataset is the same for every run of a study. {@code toMap()} gives plain data for {@code RunInfo.config},
 * with the same keys as the spec.
 */
public record ResolvedRun(StudySpec.Dataset dataset, StudySpec.Model model, StudySpec.Training training,
                          StudySpec.Prior prior, StudySpec.Samplers samplers, StudySpec.Metrics metrics)
        implements StudySpec.Section {

    /** This run on the engine of that name. */
    public ResolvedRun withEngine(String engine) {
        StudySpec.Model m = model;
        return new ResolvedRun(dataset, new StudySpec.Model(m.hidden(), m.latent(), m.likelihood(), m.beta(), engine, m.init()),
                training, prior, samplers, metrics);
    }

    /** Back from {@link #toMap} (the resolved plan a worker reads). */
    public static ResolvedRun from(Map<String, Object> m) {
        return StudySpec.fromMap(ResolvedRun.class, m);
    }
}
