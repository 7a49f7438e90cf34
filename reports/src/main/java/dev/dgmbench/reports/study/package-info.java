/**
 * The report of one study folder: {@link dev.dgmbench.reports.study.StudyReport} computes
 * {@link dev.dgmbench.reports.study.StudyReportData} (all of report.json),
 * {@link dev.dgmbench.reports.study.StudyReportView} lays it out for the templates,
 * {@link dev.dgmbench.reports.study.StudyFigures} draws its figures, {@link dev.dgmbench.reports.study.Exports}
 * writes metrics.csv and claims.tex, {@link dev.dgmbench.reports.study.RerunCommand} shows the rerun command.
 *
 * <p>May import {@code charts}, {@code analysis} and {@code render}; never {@code compare} or the entry points.
 */
package dev.dgmbench.reports.study;
