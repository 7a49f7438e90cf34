/**
 * Statistics over seeds: summaries, bootstrap intervals, the two-group tests ({@link TestKind} with the effect size
 * each reports, {@link TwoGroupTest}) and effect sizes.
 *
 * <p>May import: Commons Math and Commons Statistics only. Imported by the claims, the reports and the evaluator of
 * claims.
 */
package dev.dgmbench.stats;
