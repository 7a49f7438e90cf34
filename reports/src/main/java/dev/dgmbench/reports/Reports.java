package dev.dgmbench.reports;

import dev.dgmbench.reports.compare.CompareThresholds;
import dev.dgmbench.reports.compare.ComparisonReport;
import dev.dgmbench.reports.compare.ComparisonView;
import dev.dgmbench.reports.compare.JmhComparison;
import dev.dgmbench.reports.render.ChromiumPdf;
import dev.dgmbench.reports.study.StudyReport;
import dev.dgmbench.results.StudyResults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry points of the reports module, for the CLI and CI: they read result folders (never models) and write
 * report files.
 */
public final class Reports {
    private Reports() {
    }

    /**
     * Writes {@code report.md}, {@code report.html} and {@code report.json} of one study into {@code outDir}.
     *
     * @param studyFolder          a study output folder (with study.json and runs/)
     * @param otherRunsOfSameSpec  other folders of the same spec (reruns, other backends) for the reproducibility
     *                             section; may be empty
     */
    public static ReportSummary writeStudyReport(Path studyFolder, Path outDir, List<Path> otherRunsOfSameSpec) {
        return writeStudyReport(studyFolder, outDir, otherRunsOfSameSpec, false);
    }

    /**
     * As {@link #writeStudyReport(Path, Path, List)}; with {@code pdf}, also {@code report.pdf}: report.html printed
     * by headless Chromium ({@link ChromiumPdf}), its tables fitted to A4 by the stylesheet's print rules.
     */
    public static ReportSummary writeStudyReport(Path studyFolder, Path outDir, List<Path> otherRunsOfSameSpec, boolean pdf) {
        StudyResults study = StudyResults.read(studyFolder);
        List<StudyResults> others = new ArrayList<>();
        for (Path p : otherRunsOfSameSpec == null ? List.<Path>of() : otherRunsOfSameSpec) others.add(StudyResults.read(p));
        List<Path> files = new ArrayList<>(new StudyReport(study, others).write(outDir));
        if (pdf) files.add(ChromiumPdf.print(outDir.resolve(StudyReport.HTML), outDir.resolve(StudyReport.PDF)));
        return new ReportSummary(files, List.of());
    }

    /**
     * Compares result folders (the first is the baseline) and writes {@code compare.md}, {@code compare.html} and
     * {@code compare.json} into {@code outDir}.
     *
     * @param labels     one per folder, or empty for the folder names
     * @param thresholds limits for regressions; null for none
     */
    public static ReportSummary writeComparison(List<Path> folders, List<String> labels, CompareThresholds thresholds,
                                                Path outDir) {
        return writeComparison(folders, labels, thresholds, outDir, List.of(), List.of());
    }

    /**
     * As {@link #writeComparison(List, List, CompareThresholds, Path)}, with JMH JSON result files (the first is the
     * baseline) shown side by side and checked against the slowdown threshold. {@code folders} may be empty when JMH
     * files are given.
     */
    public static ReportSummary writeComparison(List<Path> folders, List<String> labels, CompareThresholds thresholds,
                                                Path outDir, List<Path> jmhJsonFiles, List<String> jmhLabels) {
        List<StudyResults> studies = new ArrayList<>();
        for (Path p : folders) studies.add(StudyResults.read(p));
        JmhComparison jmh = jmhJsonFiles == null || jmhJsonFiles.isEmpty() ? null : ComparisonReport.jmh(jmhJsonFiles, jmhLabels);
        ComparisonReport report = ComparisonReport.of(studies, labels, thresholds, jmh);
        return new ReportSummary(report.write(outDir), report.regressions(), ComparisonView.summary(report.data()));
    }
}
