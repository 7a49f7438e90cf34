/**
 * How reports are written, independent of what they say: Mustache templates and their tables
 * ({@link dev.dgmbench.reports.render.Templates}), the one number format
 * ({@link dev.dgmbench.reports.render.NumberFormats}), the JSON writer
 * ({@link dev.dgmbench.reports.render.ReportJson}), PNG encoding ({@link dev.dgmbench.reports.render.Png}) and printing
 * to PDF ({@link dev.dgmbench.reports.render.ChromiumPdf}).
 *
 * <p>Imports no other reports package.
 */
package dev.dgmbench.reports.render;
