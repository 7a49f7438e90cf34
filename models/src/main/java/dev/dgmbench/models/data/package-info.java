/**
 * Datasets: the embedded 8x8 digits, MNIST-style IDX files, quantisation to grey levels and the train / validation /
 * test split.
 *
 * <p>May import: {@code results} (its {@code BadInputException}). Imported by the engine seam and everything above it.
 */
package dev.dgmbench.models.data;
