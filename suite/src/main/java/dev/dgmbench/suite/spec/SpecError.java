package dev.dgmbench.suite.spec;

/**
 * One problem in a spec file.
 *
 * @param file    the spec file as the user named it
 * @param line    1-based line of the offending value (or of the mapping that misses a key); 0 for a problem of the
 *                whole file (missing, binary), which is then shown without a line
 * @param field   dotted field path, e.g. {@code model.beta} or {@code claims[1].metric}; empty for the whole file
 * @param problem what is wrong, with the bad value and what is allowed
 */
public record SpecError(String file, int line, String field, String problem) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem;
    }
}
