package dev.dgmbench.suite.plan;

import dev.dgmbench.suite.spec.StudySpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one run needs, with the grid point applied: the spec's sections with the gridded fields replaced.
 * The dataset is the same for every run of a study.
 */
public record ResolvedRun(StudySpec.Dataset dataset, StudySpec.Model model, StudySpec.Training training,
                          StudySpec.Prior prior, StudySpec.Samplers samplers, StudySpec.Metrics metrics) {

    /** Plain data for {@code RunInfo.config}: the same keys as the spec. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset.toMap());
        m.put("model", model.toMap());
        m.put("training", training.toMap());
        m.put("prior", prior.toMap());
        m.put("samplers", samplers.toMap());
        m.put("metrics", metrics.toMap());
        return m;
    }

    /** Back from {@link #toMap} (the resolved plan a worker reads). */
    @SuppressWarnings("unchecked")
    public static ResolvedRun from(Map<String, Object> m) {
        return new ResolvedRun(StudySpec.Dataset.from((Map<String, Object>) m.get("dataset")),
                StudySpec.Model.from((Map<String, Object>) m.get("model")),
                StudySpec.Training.from((Map<String, Object>) m.get("training")),
                StudySpec.Prior.from((Map<String, Object>) m.get("prior")),
                StudySpec.Samplers.from((Map<String, Object>) m.get("samplers")),
                StudySpec.Metrics.from((Map<String, Object>) m.get("metrics")));
    }
}
