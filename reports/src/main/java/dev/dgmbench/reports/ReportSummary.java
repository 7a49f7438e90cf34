package dev.dgmbench.reports;

import java.nio.file.Path;
import java.util.List;

/** What a report call wrote and which regressions it found (empty for study reports). */
public record ReportSummary(List<Path> files, List<Regression> regressions) {
    public ReportSummary {
        files = List.copyOf(files);
        regressions = List.copyOf(regressions);
    }

    public boolean hasRegressions() {
        return !regressions.isEmpty();
    }

    /** A process exit code: 0 without regressions, 1 with. */
    public int exitCode() {
        return hasRegressions() ? 1 : 0;
    }
}
