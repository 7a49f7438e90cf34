/**
 * The command line ({@link Main}): one class per command, options, exit codes from exception types.
 *
 * <p>May import: every other suite package, {@code reports}, {@code store}, {@code results}, the engine seam, picocli.
 * The top of the graph: nothing imports it.
 */
package dev.dgmbench.suite.cli;
