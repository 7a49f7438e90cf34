/**
 * The result-folder format (run.json, metrics.json, ..., digest.txt; {@link ResultFolder}, {@link StudyResults}),
 * atomic writes, validation, the metric catalogue ({@link MetricCatalogue}) and {@link BadInputException}.
 *
 * <p>May import: Jackson only. The bottom of the module graph: every other module may import it.
 */
package dev.dgmbench.results;
