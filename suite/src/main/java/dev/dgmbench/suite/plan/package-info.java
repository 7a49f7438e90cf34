/**
 * Planning a study: the grid times the seeds as resolved runs ({@link Planner}, {@link StudyPlan}), shards, the cost
 * estimate ({@link CostModel}) and this machine's speed.
 *
 * <p>May import: {@code suite.spec}, {@code suite.backend}, {@code suite.claims}, {@code models.data}, the engine
 * seam, {@code results}. Imported by {@code suite.pipeline}, {@code suite.run}, {@code suite.cli}.
 */
package dev.dgmbench.suite.plan;
