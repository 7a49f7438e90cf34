/**
 * Running a study: the output lock, the plan file workers read, the worker JVMs, the run queue they take runs from
 * ({@link RunQueue}) or their fixed shares, the worker itself
 * ({@link Worker}, its {@link WorkerProvenance}), progress and repair of damaged run folders.
 *
 * <p>May import: {@code suite.pipeline}, {@code suite.plan}, {@code suite.spec}, {@code suite.claims}, {@code
 * suite.backend}, the models, metrics and the engine seam, {@code results}. Imported by {@code suite.cli} and bench.
 */
package dev.dgmbench.suite.run;
