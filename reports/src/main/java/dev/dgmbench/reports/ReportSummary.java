package dev.dgmbench.reports;

import dev.dgmbench.reports.compare.Regression;

import java.nio.file.Path;
import java.util.List;

/**
 * What a report call wrote and which regressions it found (empty for study reports).
 *
 * @param lines a short summary for the console (a comparison's digests, speed verdicts, warnings)
 */
public record ReportSummary(List<Path> files, List<Regression> regressions, List<String> lines) {
    public ReportSummary {
        files = List.copyOf(files);
        regressions = List.copyOf(regressions);
        lines = List.copyOf(lines);
    }

    public ReportSummary(List<Path> files, List<Regression> regressions) {
        this(files, regressions, List.of());
    }

    public boolean hasRegressions() {
        return !regressions.isEmpty();
    }

    /** A process exit code: 0 without regressions, 1 with. */
    public int exitCode() {
        return hasRegressions() ? 1 : 0;
    }
}
