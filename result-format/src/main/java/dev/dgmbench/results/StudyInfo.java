package dev.dgmbench.results;

import java.util.List;

/**
 * {@code study.json} at the top of an output folder: which spec produced it.
 *
 * @param specText   the spec file as the user wrote it
 * @param specDigest sha-256 of the canonical resolved spec (output folder excluded)
 * @param runIds     every planned run, finished or not
 * @param rerun      the command that reruns the study
 */
public record StudyInfo(String name, String description, String specFile, String specText, String specDigest,
                        List<String> runIds, String rerun) {
}
