package dev.dgmbench.store;

import dev.dgmbench.results.StudyResults;

import java.time.Instant;
import java.util.List;

/**
 * A run set read back from the store and written out as an ordinary result folder ({@code results().folder()}),
 * so reports and {@code compare} read it like any other.
 *
 * @param specDigest   the spec of the runs
 * @param commit       their suite commit ('' if the runs did not record one)
 * @param backends     the backends among them
 * @param builds       the builds among them
 * @param lastPushedAt when the last of them was stored
 * @param claimsPushId the push whose claims.json came along, or -1 when none matched
 */
public record StoredStudy(StudyResults results, String specDigest, String commit, List<String> backends,
                          List<String> builds, Instant lastPushedAt, long claimsPushId) {
    /** e.g. {@code vae-beta @3f2a9c1d [cpu-avx2/linux-x86_64-avx2], pushed 2025-01-02T10:00:00Z}. */
    public String describe() {
        return results.info().name() + " @" + RunIdentity.Short.commit(commit) + " " + backends
                + (builds.stream().allMatch(String::isEmpty) ? "" : "/" + builds) + ", pushed " + lastPushedAt;
    }
}
