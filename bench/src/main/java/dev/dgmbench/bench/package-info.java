/**
 * JMH benchmarks of the engines on the CPU ({@code dgmbench bench}): each class extends {@link BenchDefaults}, its
 * set-up from {@link BenchFixtures}; {@link BenchMain} lists and runs them.
 *
 * <p>May import: the engine seam and the models ({@code dev.dgmbench.engine..}, {@code dev.dgmbench.models..}), {@code
 * metrics}, the suite's {@code pipeline} and {@code run} (fixtures as the suite builds them), JMH, picocli. Nothing
 * imports it. GPU benchmarks are not here: they live in engine-cuda's test sources (docs/cuda.md).
 */
package dev.dgmbench.bench;
