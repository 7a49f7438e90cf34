package dev.dgmbench.suite.run;

import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.ResultValidation;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.pipeline.ModelFiles;
import dev.dgmbench.suite.pipeline.StudyInputs;
import dev.dgmbench.suite.plan.PlannedRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which runs of a plan reuse the trained models of an earlier results folder ({@code run --models-from OLD}): a run
 * whose folder {@code OLD/runs/<id>} is a published, sound, OK run made with the same resolved configuration in every
 * field but its {@code samplers} section, with its model files and their data's fingerprint. The others are trained
 * afresh, each for a reason said once ({@link Choice#summary}). Models trained on other data than the study's
 * training split are refused as bad input, naming their fingerprint file, before anything is written.
 */
public final class ModelsFrom {
    /** The section of a run's configuration that a reused model does not depend on. */
    static final String SAMPLERS = "samplers";

    private ModelsFrom() {
    }

    /**
     * @param folder the earlier results folder
     * @param reused run id -> the earlier run's folder whose models it reuses
     * @param afresh run id -> why it is trained afresh
     */
    public record Choice(Path folder, Map<String, Path> reused, Map<String, String> afresh) {
        /** One line: how many of {@code todo} (run ids) reuse models, and why the others are trained afresh. */
        public String summary(List<String> todo) {
            long reusing = todo.stream().filter(reused::containsKey).count();
            Map<String, Integer> why = new LinkedHashMap<>();
            for (String id : todo) if (afresh.containsKey(id)) why.merge(afresh.get(id), 1, Integer::sum);
            int fresh = why.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder b = new StringBuilder("--models-from " + folder + ": " + reusing + " of " + todo.size()
                    + " run(s) to run reuse their trained models (only the samplers and sample metrics run again)");
            if (fresh > 0) {
                b.append("; ").append(fresh).append(fresh == 1 ? " run" : " runs").append(" trained afresh: ");
                List<String> parts = new ArrayList<>();
                why.forEach((reason, n) -> parts.add(why.size() == 1 ? reason : reason + " (" + n + (n == 1 ? " run)" : " runs)")));
                b.append(String.join("; ", parts));
            }
            return b.toString();
        }
    }

    /**
     * Refuses a {@code --models-from} that is no results folder (see {@link #requireFolder(Path)}) or is the study's
     * output folder {@code out} itself (whose runs a study with other samplers would replace).
     *
     * @throws BadInputException naming the folder
     */
    public static void requireFolder(Path old, Path out) {
        requireFolder(old);
        try {
            if (old.equals(out) || Files.exists(out) && Files.isSameFile(old, out)) {
                throw new BadInputException("--models-from " + old + ": is the output folder (--out); allowed: an earlier"
                        + " results folder other than the output folder (copy it, or choose another --out)");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Refuses a {@code --models-from} that is no results folder: missing, a file, or without {@code runs/}.
     *
     * @throws BadInputException naming the folder
     */
    static void requireFolder(Path old) {
        String allowed = "; allowed: an earlier results folder (the --out of a finished study, holding runs/)";
        if (!Files.exists(old)) throw new BadInputException("--models-from " + old + ": no such folder" + allowed);
        if (!Files.isDirectory(old)) throw new BadInputException("--models-from " + old + ": is a file, not a folder" + allowed);
        if (!Files.isDirectory(old.resolve(StudyResults.RUNS))) {
            throw new BadInputException("--models-from " + old + ": holds no " + StudyResults.RUNS + "/ folder" + allowed);
        }
    }

    /**
     * Which of {@code runs} reuse the models of {@code old}'s runs; {@code specDir} resolves the data's relative paths
     * (the training split's fingerprint is computed only when a run's model files record one).
     *
     * @throws BadInputException when {@code old} is no results folder, or a run's models were trained on other data
     */
    public static Choice choose(Path old, List<PlannedRun> runs, Path specDir) {
        requireFolder(old);
        Map<String, Path> reused = new LinkedHashMap<>();
        Map<String, String> afresh = new LinkedHashMap<>();
        Map<String, String> fingerprints = new HashMap<>(); // by the dataset's canonical settings
        for (PlannedRun r : runs) {
            Path dir = old.resolve(StudyResults.RUNS).resolve(r.runId());
            String why = reason(dir, r);
            if (why != null) {
                afresh.put(r.runId(), why);
                continue;
            }
            String fingerprint = fingerprints.computeIfAbsent(CanonicalJson.canonical(r.config().dataset().toMap()),
                    k -> StudyInputs.trainingFingerprint(r.config().dataset(), specDir));
            ModelFiles.requireTrainedOn(dir, fingerprint);
            reused.put(r.runId(), dir);
        }
        return new Choice(old, reused, afresh);
    }

    /** Why the run in {@code dir} cannot give its models to {@code planned}, or null when it can. */
    private static String reason(Path dir, PlannedRun planned) {
        if (!Files.exists(dir.resolve(ResultFolder.DIGEST))) return "no finished run of that id there";
        if (ResultValidation.problem(dir).isPresent()) return "its folder there is damaged";
        RunInfo info = CanonicalJson.read(dir.resolve(ResultFolder.RUN), RunInfo.class);
        if (info.status() != RunStatus.OK) return "it " + info.status() + " there";
        List<String> differ = differences(info.config(), planned.configMap());
        if (!differ.isEmpty()) {
            return "config differs in " + String.join(", ", differ.subList(0, Math.min(3, differ.size())))
                    + (differ.size() > 3 ? ", ... (" + differ.size() + " fields)" : "");
        }
        Path models = ModelFiles.dir(dir);
        if (!Files.isRegularFile(models.resolve(ModelFiles.VAE))) return "no model/" + ModelFiles.VAE + " there";
        if (planned.config().prior().nce().enabled() && !Files.isRegularFile(models.resolve(ModelFiles.NCE))) {
            return "no model/" + ModelFiles.NCE + " there";
        }
        if (ModelFiles.fingerprint(dir).isEmpty()) return "no model/" + ModelFiles.FINGERPRINT + " there";
        return null;
    }

    /** The fields (dotted paths) in which two run configurations differ, the samplers section aside. */
    static List<String> differences(Map<String, Object> old, Map<String, Object> planned) {
        return FolderOwnership.changedFields(old, planned).keySet().stream()
                .filter(k -> !k.equals(SAMPLERS) && !k.startsWith(SAMPLERS + ".")).toList();
    }
}
