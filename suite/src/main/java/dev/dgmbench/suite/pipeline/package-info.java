/**
 * One run's steps as verbs ({@link TrainVae}, {@link FitPrior}, {@link MeasureLikelihood}, {@link DrawSamples}, {@link
 * JudgeSamples}, {@link RecordRun}), orchestrated by {@link RunPipeline}, with the run's progress lines and the
 * suite's version.
 *
 * <p>May import: {@code suite.plan}, {@code suite.spec}, the models, metrics and the engine seam, {@code results}.
 * Imported by {@code suite.run}, {@code suite.cli} and bench.
 */
package dev.dgmbench.suite.pipeline;
