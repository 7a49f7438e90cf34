/**
 * Claims: their spec ({@link ClaimSpec}), their evaluation over the runs' metrics with the statistics module ({@link
 * ClaimEvaluator}), sampler reliability and the JUnit XML of verdicts.
 *
 * <p>May import: {@code results}, {@code stats}, {@code models.sampling}. Imported by {@code suite.spec}, {@code
 * suite.plan}, {@code suite.run}; never imports them back.
 */
package dev.dgmbench.suite.claims;
