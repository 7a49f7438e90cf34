/**
 * The comparison of result folders (and JMH files): {@link dev.dgmbench.reports.compare.ComparisonReport}
 * computes {@link dev.dgmbench.reports.compare.ComparisonData} (all of compare.json) from
 * {@link dev.dgmbench.reports.compare.MetricComparison}, {@link dev.dgmbench.reports.compare.SpeedComparison} and
 * {@link dev.dgmbench.reports.compare.JmhComparison}, checks it against
 * {@link dev.dgmbench.reports.compare.CompareThresholds} into {@link dev.dgmbench.reports.compare.Regression}s;
 * {@link dev.dgmbench.reports.compare.ComparisonView} lays it out for the templates.
 *
 * <p>May import {@code charts}, {@code analysis} and {@code render}; never {@code study} or the entry points.
 */
package dev.dgmbench.reports.compare;
