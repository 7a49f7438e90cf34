package dev.dgmbench.suite.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dgmbench.results.AtomicFiles;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.ResolvedRun;
import dev.dgmbench.suite.plan.StudyPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved plan of a study, written once by the parent ({@code plan.json} in the output folder) and read by
 * its workers: every run with its grid point, seed and complete settings. Workers never parse the spec again, so
 * editing the spec while a study runs changes nothing of what they do.
 *
 * @param study      the study's name
 * @param specDigest the spec's canonical digest
 * @param specDir    folder that relative data paths are resolved against
 * @param runs       the runs of this invocation's shard
 * @param modelsFrom runs that reuse the trained models of an earlier run (run id -> that run's folder, chosen by
 *                   {@link ModelsFrom}), for every run of the shard, so a worker leaves them out of the groups it
 *                   trains; absent when none do
 */
public record PlanFile(String study, String specDigest, String specDir, List<Entry> runs,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> modelsFrom) {
    public static final String FILE = "plan.json";

    /** One run: its config is {@link ResolvedRun#toMap}. */
    public record Entry(String runId, Map<String, Object> gridPoint, long seed, Map<String, Object> config) {
    }

    public static PlanFile of(StudyPlan plan, Path specDir) {
        List<Entry> entries = new ArrayList<>();
        for (PlannedRun r : plan.runs()) entries.add(new Entry(r.runId(), r.gridPoint(), r.seed(), r.config().toMap()));
        return new PlanFile(plan.spec().name(), plan.spec().canonicalDigest(), specDir.toString(), entries, Map.of());
    }

    /** This plan with runs that reuse earlier runs' models (run id -> that run's folder). */
    public PlanFile withModelsFrom(Map<String, Path> reused) {
        Map<String, String> m = new TreeMap<>();
        reused.forEach((id, dir) -> m.put(id, dir.toString()));
        return new PlanFile(study, specDigest, specDir, runs, m);
    }

    /** The runs that reuse an earlier run's models: run id -> that run's folder (none in a plan without). */
    public Map<String, Path> reusedModels() {
        Map<String, Path> out = new TreeMap<>();
        if (modelsFrom != null) modelsFrom.forEach((id, dir) -> out.put(id, Path.of(dir)));
        return out;
    }

    /** The runs with these ids, in the order asked; an unknown id is an internal error. */
    public List<PlannedRun> runs(List<String> ids) {
        Map<String, Entry> byId = new LinkedHashMap<>();
        for (Entry e : runs) byId.put(e.runId, e);
        List<PlannedRun> out = new ArrayList<>();
        for (String id : ids) {
            Entry e = byId.get(id);
            if (e == null) throw new IllegalStateException("no run " + id + " in " + FILE);
            out.add(new PlannedRun(e.runId, e.gridPoint, e.seed, ResolvedRun.from(e.config)));
        }
        return out;
    }

    /** Every run of the plan, in plan order. */
    public List<PlannedRun> allRuns() {
        return runs(runs.stream().map(Entry::runId).toList());
    }

    /** Writes the plan to a temporary name and renames it, so a reader never sees half of it. */
    public void write(Path folder) {
        try {
            AtomicFiles.write(folder.resolve(FILE), CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public static PlanFile read(Path file) {
        return CanonicalJson.read(file, PlanFile.class);
    }
}
