/**
 * How reports are written, independent of what they say: Mustache templates and their tables
 * ({@link dev.dgmbench.reports.render.Templates}), the one number format
 * ({@link dev.dgmbench.reports.render.NumberFormats}), the JSON writer
 * ({@link dev.dgmbench.reports.render.ReportJson}) and PNG encoding ({@link dev.dgmbench.reports.render.Png}).
 *
 * <p>Imports no other reports package.
 */
package dev.dgmbench.reports.render;
