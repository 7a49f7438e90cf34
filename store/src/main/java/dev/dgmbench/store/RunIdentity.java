package dev.dgmbench.store;

import dev.dgmbench.results.RunResult;

import java.util.List;
import java.util.Map;

/**
 * What makes two uploads the same run (the store's UNIQUE constraint {@code run_identity}): spec digest, run id
 * (grid point and seed), seed, backend, build and suite commit. Build and commit come from the run's provenance
 * (keys below, first present wins); a missing one is the empty string, so such runs still deduplicate.
 */
public record RunIdentity(String specDigest, String runId, long seed, String backend, String build, String commit) {
    /** Provenance keys read for the build/classifier, the suite commit, the machine and the branch. */
    public static final List<String> BUILD_KEYS = List.of("build", "backend.classifier", "classifier", "nd4j.classifier"),
            COMMIT_KEYS = List.of("suite_commit", "commit", "git.commit"),
            HOST_KEYS = List.of("host", "hostname", "machine"),
            BRANCH_KEYS = List.of("branch", "git.branch");

    public static RunIdentity of(RunResult run) {
        Map<String, String> p = run.provenance() == null ? Map.of() : run.provenance();
        String backend = run.info().backend() != null ? run.info().backend() : first(p, List.of("backend"));
        return new RunIdentity(run.info().specDigest(), run.info().runId(), run.info().seed(), backend,
                first(p, BUILD_KEYS), first(p, COMMIT_KEYS));
    }

    static String first(Map<String, String> provenance, List<String> keys) {
        if (provenance != null) {
            for (String k : keys) {
                String v = provenance.get(k);
                if (v != null && !v.isBlank()) return v.strip();
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return runId + " [" + backend + (build.isEmpty() ? "" : "/" + build)
                + (commit.isEmpty() ? "" : " @" + Short.commit(commit)) + "]";
    }

    static final class Short {
        static String commit(String c) {
            return c.length() > 12 ? c.substring(0, 12) : c;
        }
    }
}
