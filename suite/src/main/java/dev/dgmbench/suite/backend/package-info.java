/**
 * Backends (ND4J builds, CPU flags, GPUs): which are available, their class paths, and what the machine and its
 * processes record as provenance.
 *
 * <p>May import: the engine seam ({@code engine}). Imported by {@code suite.spec}, {@code suite.plan}, {@code
 * suite.run} and {@code suite.cli}.
 */
package dev.dgmbench.suite.backend;
