package dev.dgmbench.results;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * A study's output folder: {@code study.json}, {@code runs/<runId>/...}, {@code claims.json},
 * {@code claims-junit.xml} and {@code report/}. Reports and the store read studies only through this.
 */
public record StudyResults(Path folder, StudyInfo info, List<RunResult> runs, List<ClaimResult> claims) {
    public static final String STUDY = "study.json", RUNS = "runs", CLAIMS = "claims.json", JUNIT = "claims-junit.xml";

    public static StudyResults read(Path folder) {
        Path studyFile = folder.resolve(STUDY);
        if (!Files.exists(studyFile)) {
            throw new ResultFormatException(folder, "not a dgmbench result folder (no " + STUDY + ")");
        }
        StudyInfo info = CanonicalJson.read(studyFile, StudyInfo.class);
        if (info == null || info.name() == null) {
            throw new ResultFormatException(studyFile, "name: missing; allowed: a study.json written by dgmbench");
        }
        List<RunResult> runs = new ArrayList<>();
        List<String> strays = new ArrayList<>();
        Set<String> planned = info.runIds() == null ? null : new HashSet<>(info.runIds());
        for (Path runDir : ResultFolder.list(folder.resolve(RUNS))) {
            String name = runDir.getFileName().toString();
            if (planned != null && !planned.contains(name)) {
                strays.add(name + " (not a run of the study's plan)");
                continue;
            }
            RunResult run = ResultFolder.read(runDir);
            if (!name.equals(run.info().runId())) strays.add(name + " (its run.json is the run " + run.info().runId() + ")");
            else runs.add(run);
        }
        // a backup copy (runs/<id>.bak/) or a folder of another study must not add to a cell's n
        if (!strays.isEmpty()) {
            System.err.println("warning: " + folder.resolve(RUNS) + ": " + strays.size() + " folder(s) not counted as runs of "
                    + info.name() + ": " + String.join(", ", strays));
        }
        List<ClaimResult> claims = List.of();
        Path claimsFile = folder.resolve(CLAIMS);
        if (Files.exists(claimsFile)) {
            try {
                claims = CanonicalJson.MAPPER.readValue(claimsFile.toFile(), new TypeReference<List<ClaimResult>>() {});
            } catch (IOException e) {
                throw new ResultFormatException(claimsFile, "cannot read claims: " + CanonicalJson.originalMessage(e), e);
            }
        }
        return new StudyResults(folder, info, runs, claims);
    }

    public static void writeStudyInfo(Path folder, StudyInfo info) {
        try {
            Files.createDirectories(folder);
            ResultFolder.writeJson(folder.resolve(STUDY), info);
        } catch (IOException e) {
            throw new ResultFormatException(folder.resolve(STUDY), "cannot write: " + e.getMessage(), e);
        }
    }

    public static void writeClaims(Path folder, List<ClaimResult> claims) {
        try {
            ResultFolder.writeJson(folder.resolve(CLAIMS), claims);
        } catch (IOException e) {
            throw new ResultFormatException(folder.resolve(CLAIMS), "cannot write: " + e.getMessage(), e);
        }
    }
}
