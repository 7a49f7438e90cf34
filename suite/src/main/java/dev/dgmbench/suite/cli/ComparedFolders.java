package dev.dgmbench.suite.cli;

import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The folders of {@code compare} must ask a question with an answer: each folder once (however its path is
 * written: {@code a}, {@code ./a/}, a link to it), all of one study (the same spec name). Two studies' runs share
 * run ids by chance only, and a folder compared with itself agrees by construction: both would be an answer of
 * "no regression" to a question nobody asked.
 */
final class ComparedFolders {
    private ComparedFolders() {
    }

    static void check(List<Path> folders) {
        Map<Path, Path> seen = new HashMap<>();
        String study = null;
        Path first = null;
        for (Path f : folders) {
            Path real;
            try {
                real = f.toRealPath();
            } catch (IOException e) {
                throw new BadInputException(f + ": no such result folder; allowed: a folder written by dgmbench run");
            }
            Path before = seen.putIfAbsent(real, f);
            if (before != null) {
                throw new BadInputException(before + " and " + f + " are the same folder (" + real + "); allowed: different"
                        + " result folders (to check a folder against itself, run the study again into another folder)");
            }
            Path studyFile = f.resolve(StudyResults.STUDY);
            if (!Files.isRegularFile(studyFile)) continue; // StudyResults.read says what is missing
            String name = CanonicalJson.read(studyFile, StudyInfo.class).name();
            if (study == null) {
                study = name;
                first = f;
            } else if (name != null && !name.equals(study)) {
                throw new BadInputException(f + ": holds the study '" + name + "', " + first + " the study '" + study
                        + "'; allowed: result folders of one study (the same spec) to compare");
            }
        }
    }
}
