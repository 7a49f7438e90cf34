/**
 * The reports module's entry points for the CLI and CI ({@link dev.dgmbench.reports.Reports},
 * {@link dev.dgmbench.reports.ReportSummary}): read result folders, write a study report or a comparison.
 *
 * <p>Layers, each importing only those below it (checked by {@code PackageLayersTest}):
 * {@code reports} -> {@code study}, {@code compare} -> {@code charts} -> {@code analysis} -> {@code render}.
 * This package may import {@code study} and {@code compare}; no package of the module imports it.
 */
package dev.dgmbench.reports;
