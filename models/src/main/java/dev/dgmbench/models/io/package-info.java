/**
 * Weight files: dgmbench's own format ({@link WeightFile}, which engines load) and NumPy's {@code .npz} ({@link
 * NpzFile}) for other tools (docs/models.md).
 *
 * <p>May import: the engine seam ({@code engine}: {@code Layer}), {@code results} (atomic writes). Imported by the
 * suite's pipeline and {@code metrics.evaluator}.
 */
package dev.dgmbench.models.io;
