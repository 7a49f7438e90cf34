/**
 * What the study report and the comparison both compute from result folders: runs grouped by grid point
 * ({@link dev.dgmbench.reports.analysis.Grid}), means over seeds with an interval
 * ({@link dev.dgmbench.reports.analysis.Estimate}), whether two folders draw the same conclusions
 * ({@link dev.dgmbench.reports.analysis.FolderAgreement}, shown by
 * {@link dev.dgmbench.reports.analysis.AgreementText}), the differences between two runs' metrics
 * ({@link dev.dgmbench.reports.analysis.RunDifferences}), the order and labels of metric names
 * ({@link dev.dgmbench.reports.analysis.MetricNames}), the names of a claim's parts
 * ({@link dev.dgmbench.reports.analysis.ClaimLabels}), run conditions from provenance
 * ({@link dev.dgmbench.reports.analysis.RunConditions}) and warm-up runs
 * ({@link dev.dgmbench.reports.analysis.WarmupRuns}).
 *
 * <p>May import {@code render}; never {@code charts}, {@code study}, {@code compare} or the entry points.
 */
package dev.dgmbench.reports.analysis;
