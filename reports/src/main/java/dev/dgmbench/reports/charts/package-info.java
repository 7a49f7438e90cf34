/**
 * Figures: JFreeChart line, bar and interval charts as PNG and SVG ({@link dev.dgmbench.reports.charts.Charts})
 * with one colour per sampler in every figure ({@link dev.dgmbench.reports.charts.SeriesColours}) and grids of sample
 * images ({@link dev.dgmbench.reports.charts.SampleGrid}).
 *
 * <p>May import {@code analysis} and {@code render}; never {@code study}, {@code compare} or the entry points.
 */
package dev.dgmbench.reports.charts;
