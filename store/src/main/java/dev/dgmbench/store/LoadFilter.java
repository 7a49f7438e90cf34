package dev.dgmbench.store;

/**
 * Which stored run set to load. Every field may be null (no restriction). {@code commit} is a commit or a
 * prefix of one; null or {@code "latest"} takes the most recently pushed commit among the matching runs.
 * {@code excludeCommit} leaves a commit out (a baseline other than the commit under test).
 */
public record LoadFilter(String backend, String build, String commit, String branch, String excludeCommit) {
    public static final String LATEST = "latest";

    public static LoadFilter latest() {
        return new LoadFilter(null, null, null, null, null);
    }

    public LoadFilter withBackend(String backend) {
        return new LoadFilter(backend, build, commit, branch, excludeCommit);
    }

    public LoadFilter withBuild(String build) {
        return new LoadFilter(backend, build, commit, branch, excludeCommit);
    }

    public LoadFilter withCommit(String commit) {
        return new LoadFilter(backend, build, commit, branch, excludeCommit);
    }

    public LoadFilter withBranch(String branch) {
        return new LoadFilter(backend, build, commit, branch, excludeCommit);
    }

    public LoadFilter excluding(String commit) {
        return new LoadFilter(backend, build, this.commit, branch, commit);
    }

    boolean latestCommit() {
        return commit == null || commit.isBlank() || LATEST.equalsIgnoreCase(commit);
    }

    /**
     * A baseline selector as {@code compare --baseline} takes it: {@code latest}, {@code branch:NAME},
     * {@code commit:PREFIX} or a bare commit prefix.
     */
    public static LoadFilter baseline(String backend, String selector) {
        LoadFilter f = latest().withBackend(backend);
        if (selector == null || selector.isBlank() || LATEST.equalsIgnoreCase(selector.strip())) return f;
        String s = selector.strip();
        if (s.startsWith("branch:")) return f.withBranch(s.substring(7));
        if (s.startsWith("commit:")) return f.withCommit(s.substring(7));
        return f.withCommit(s);
    }
}
